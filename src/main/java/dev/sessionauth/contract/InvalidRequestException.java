package dev.sessionauth.contract;

/** The client sent something the contract rejects with 400; the message is the contract's error text. */
public class InvalidRequestException extends RuntimeException {

    public static final String WRONG_FORMAT = "Wrong format";

    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
