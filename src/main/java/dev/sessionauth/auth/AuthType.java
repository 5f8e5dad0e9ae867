package dev.sessionauth.auth;

/** The credentials that protected routes accept, chosen by AUTH_TYPE. */
public enum AuthType {
    /** Basic credentials or a session cookie (the default). */
    ANY(true, true),
    BASIC_AUTH(true, false),
    SESSION_AUTH(false, true),
    SESSION_EXP_AUTH(false, true),
    SESSION_DB_AUTH(false, true);

    private final boolean acceptsBasic;
    private final boolean acceptsSession;

    AuthType(boolean acceptsBasic, boolean acceptsSession) {
        this.acceptsBasic = acceptsBasic;
        this.acceptsSession = acceptsSession;
    }

    public boolean acceptsBasic() {
        return acceptsBasic;
    }

    public boolean acceptsSession() {
        return acceptsSession;
    }
}
