package dev.sessionauth.contract;

/** The change would break a rule about the current state (e.g. remove the last administrator): 409 with the message. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
