package dev.sessionauth.security;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import io.vertx.core.http.HttpServerRequest;

/**
 * What a request offers to prove who sends it, read here and nowhere else: the Authorization header, the session
 * cookie's value and the client's address. The gate reads it for routed and unrouted requests alike, and login
 * records the same address, so a limit, an audit line and a session's "where from" always name one client.
 *
 * @param authorization the Authorization header, or null
 * @param sessionToken the session cookie's value, or null
 * @param clientAddress the peer's address as Quarkus resolved it (after a trusted proxy's forwarding headers, when
 *        configured), or null when the connection has none
 */
public record RequestCredentials(String authorization, String sessionToken, String clientAddress) {

    /** Reads the credentials of a request whose session cookie, if any, is named {@code sessionCookieName}. */
    public static RequestCredentials of(HttpHeaders headers, HttpServerRequest request, String sessionCookieName) {
        Cookie cookie = headers.getCookies().get(sessionCookieName);
        return new RequestCredentials(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                cookie == null ? null : cookie.getValue(), clientAddress(request));
    }

    /** The client's address alone, for a request that brings its credentials in its body (login). */
    public static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** Whether the request carries no credentials at all: the contract's 401, before anything is checked. */
    public boolean isEmpty() {
        return authorization == null && sessionToken == null;
    }
}
