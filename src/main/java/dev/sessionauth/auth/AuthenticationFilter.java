package dev.sessionauth.auth;

import java.time.Clock;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.sessionauth.session.SessionCookies;

/**
 * Requires credentials on every route not marked {@link PublicEndpoint}. It runs after routing, on the worker
 * thread of the (blocking) endpoint, so the database lookup and bcrypt never block the event loop.
 */
@Provider
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    private final Authenticator authenticator;
    private final CurrentCaller currentCaller;
    private final SessionCookies sessionCookies;
    private final Clock clock;

    public AuthenticationFilter(Authenticator authenticator, CurrentCaller currentCaller,
            SessionCookies sessionCookies, Clock clock) {
        this.authenticator = authenticator;
        this.currentCaller = currentCaller;
        this.sessionCookies = sessionCookies;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            return;
        }
        Cookie cookie = request.getCookies().get(sessionCookies.cookieName());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        currentCaller.set(authenticator.authenticate(authorization, cookie == null ? null : cookie.getValue(),
                clock.instant()));
    }

    private boolean isPublic() {
        return resourceInfo.getResourceMethod().isAnnotationPresent(PublicEndpoint.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(PublicEndpoint.class);
    }
}
