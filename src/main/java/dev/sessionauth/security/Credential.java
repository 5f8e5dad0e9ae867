package dev.sessionauth.security;

/** How a caller proved who they are. */
public enum Credential {
    /** The session cookie of a browser login. */
    SESSION,
    /** HTTP Basic email and password. */
    BASIC,
    /** An API token sent as Authorization: Bearer. */
    API_TOKEN
}
