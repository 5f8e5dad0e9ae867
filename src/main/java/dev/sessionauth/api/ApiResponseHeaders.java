package dev.sessionauth.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.sessionauth.config.SessionAuthConfig;

/**
 * Headers on every API answer, errors included: Access-Control-Allow-Origin; Cache-Control: no-store, because the
 * answers describe one caller (their record, their sessions, a new API token's secret) and no browser or proxy
 * cache may keep them; and X-Content-Type-Options: nosniff, so a browser never reads JSON as anything else.
 */
// Application scoped (a lazy proxy) because providers are built at static init, before runtime config exists.
@ApplicationScoped
@Provider
public class ApiResponseHeaders implements ContainerResponseFilter {

    private final String allowedOrigin;

    public ApiResponseHeaders(SessionAuthConfig config) {
        this.allowedOrigin = config.cors().allowedOrigin();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Access-Control-Allow-Origin", allowedOrigin);
        if (!"*".equals(allowedOrigin)) {
            response.getHeaders().add("Vary", "Origin");
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
