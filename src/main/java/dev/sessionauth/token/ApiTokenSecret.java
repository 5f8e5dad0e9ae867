package dev.sessionauth.token;

import java.util.Optional;

import dev.sessionauth.security.Sha256;
import dev.sessionauth.session.SessionToken;

/**
 * The secret of an API token: a recognisable prefix (so secret scanners and people can tell what leaked) followed
 * by 256 random bits, exactly like a session token; stored server-side only as its SHA-256.
 */
public final class ApiTokenSecret {

    static final String PREFIX = "sat_";
    private static final String BEARER = "bearer ";

    private ApiTokenSecret() {
    }

    public static String generate() {
        return PREFIX + SessionToken.generate();
    }

    /** Whether the Authorization header uses the Bearer scheme, whatever follows it. */
    public static boolean isBearer(String authorizationHeader) {
        return authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /** The token of a Bearer header, if it could be one we issued; anything else is refused without a lookup. */
    public static Optional<String> fromBearerHeader(String authorizationHeader) {
        String token = authorizationHeader.substring(BEARER.length()).trim();
        boolean wellFormed = token.startsWith(PREFIX) && SessionToken.isWellFormed(token.substring(PREFIX.length()));
        return wellFormed ? Optional.of(token) : Optional.empty();
    }

    public static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
