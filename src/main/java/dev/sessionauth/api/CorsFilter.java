package dev.sessionauth.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import dev.sessionauth.config.SessionAuthConfig;

/** Adds Access-Control-Allow-Origin to every API answer, errors included. */
// Application scoped (a lazy proxy) because providers are built at static init, before runtime config exists.
@ApplicationScoped
@Provider
public class CorsFilter implements ContainerResponseFilter {

    private final String allowedOrigin;

    public CorsFilter(SessionAuthConfig config) {
        this.allowedOrigin = config.cors().allowedOrigin();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Access-Control-Allow-Origin", allowedOrigin);
        if (!"*".equals(allowedOrigin)) {
            response.getHeaders().add("Vary", "Origin");
        }
    }
}
