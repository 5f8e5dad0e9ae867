package dev.sessionauth.auth;

/** A protected route was called with no credentials at all: 401. */
public class NotAuthenticatedException extends RuntimeException {

    public NotAuthenticatedException() {
        super("Unauthorized", null, false, false);
    }
}
