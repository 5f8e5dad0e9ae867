package dev.sessionauth.security;

/** Credentials were present but invalid, or the caller may not touch this resource: 403. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException() {
        super("Forbidden", null, false, false);
    }
}
