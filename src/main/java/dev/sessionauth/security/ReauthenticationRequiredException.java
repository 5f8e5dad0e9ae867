package dev.sessionauth.security;

/** The session's password proof is too old for what was asked: 401 with X-Reauthenticate: true. */
public class ReauthenticationRequiredException extends RuntimeException {

    public ReauthenticationRequiredException() {
        super("Reauthentication required", null, false, false);
    }
}
