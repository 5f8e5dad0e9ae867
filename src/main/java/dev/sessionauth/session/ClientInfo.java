package dev.sessionauth.session;

import jakarta.ws.rs.core.HttpHeaders;

import dev.sessionauth.security.RequestCredentials;
import io.vertx.core.http.HttpServerRequest;

/** Where a login came from, kept with the session so its owner can recognise it. */
public record ClientInfo(String ipAddress, String userAgent) {

    private static final int MAX_IP_LENGTH = 45;
    private static final int MAX_USER_AGENT_LENGTH = 512;

    public ClientInfo {
        ipAddress = truncate(ipAddress, MAX_IP_LENGTH);
        userAgent = truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }

    /** Where this login request comes from: its client address, read as the gate reads it, and its User-Agent. */
    public static ClientInfo of(HttpServerRequest request) {
        return new ClientInfo(RequestCredentials.clientAddress(request), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static String truncate(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
