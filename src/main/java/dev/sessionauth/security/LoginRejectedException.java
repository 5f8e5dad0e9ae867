package dev.sessionauth.security;

/** A session login failed for a reason the contract reports to the client. */
public class LoginRejectedException extends RuntimeException {

    /** Why the login failed, with the contract's status and message. */
    public enum Reason {
        UNKNOWN_EMAIL(404, "no user found for this email"),
        WRONG_PASSWORD(401, "wrong password"),
        /** Both of the above, when LOGIN_GENERIC_ERRORS hides which one it was. */
        INVALID_CREDENTIALS(401, "invalid email or password");

        private final int status;
        private final String message;

        Reason(int status, String message) {
            this.status = status;
            this.message = message;
        }

        public int status() {
            return status;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public LoginRejectedException(Reason reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
