package dev.sessionauth.config;

/**
 * The credentials that protected routes accept, chosen by AUTH_TYPE. The contract makes basic_auth "Basic only" and
 * the session modes "cookie only", so API tokens are accepted in the default mode alone.
 */
public enum AuthType {
    /** Basic credentials, a session cookie or an API token (the default). */
    ANY(true, true, true),
    BASIC_AUTH(true, false, false),
    SESSION_AUTH(false, true, false),
    SESSION_EXP_AUTH(false, true, false),
    SESSION_DB_AUTH(false, true, false);

    private final boolean acceptsBasic;
    private final boolean acceptsSession;
    private final boolean acceptsApiToken;

    AuthType(boolean acceptsBasic, boolean acceptsSession, boolean acceptsApiToken) {
        this.acceptsBasic = acceptsBasic;
        this.acceptsSession = acceptsSession;
        this.acceptsApiToken = acceptsApiToken;
    }

    public boolean acceptsApiToken() {
        return acceptsApiToken;
    }

    public boolean acceptsBasic() {
        return acceptsBasic;
    }

    public boolean acceptsSession() {
        return acceptsSession;
    }
}
