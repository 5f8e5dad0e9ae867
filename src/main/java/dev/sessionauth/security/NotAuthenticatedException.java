package dev.sessionauth.security;

/**
 * A protected route was called with no credentials at all, or the proxy verification refused credentials: 401. When
 * what was refused is a session cookie, the answer also clears it.
 */
public class NotAuthenticatedException extends RuntimeException {

    private final boolean sessionRefused;

    public NotAuthenticatedException() {
        this(false);
    }

    private NotAuthenticatedException(boolean sessionRefused) {
        super("Unauthorized", null, false, false);
        this.sessionRefused = sessionRefused;
    }

    /** The proxy verification's 401 for a refused session cookie. */
    public static NotAuthenticatedException sessionRefused() {
        return new NotAuthenticatedException(true);
    }

    public boolean isSessionRefused() {
        return sessionRefused;
    }
}
