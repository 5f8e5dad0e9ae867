package dev.sessionauth.security;

import java.time.Duration;
import java.util.Locale;

/** A sign-in refused without checking its password: 429 with Retry-After. */
public class TooManyAttemptsException extends RuntimeException {

    /** Why the sign-in was refused; the message is the answer's error. */
    public enum Reason {
        /** The account or the client address is locked after failed attempts. */
        LOCKED("Too many failed attempts"),
        /** The client address or the account already has its share of sign-ins queued or running. */
        BUSY("Too many requests"),
        /** The account has signed in successfully as often as it may within the current window. */
        RATE("Too many requests");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** The reason as security events and metrics name it: locked, busy, rate. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public TooManyAttemptsException(Reason reason, Duration retryAfter) {
        super(reason.message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
