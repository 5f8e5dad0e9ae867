package dev.sessionauth.gate;

import java.time.Clock;
import java.util.Locale;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CurrentCaller;
import dev.sessionauth.security.NotAuthenticatedException;
import dev.sessionauth.security.ProxyVerificationEndpoint;
import dev.sessionauth.security.PublicEndpoint;
import dev.sessionauth.security.RequestCredentials;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.TooManyAttemptsException;
import dev.sessionauth.session.SessionCookies;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requires credentials on every route not marked {@link PublicEndpoint}, and refuses cross-site writes that
 * would ride on the session cookie; on the {@link ProxyVerificationEndpoint} it answers as a reverse proxy needs. It
 * runs after routing, on the worker
 * thread of the (blocking) endpoint, so the database lookup and bcrypt never block the event loop.
 */
@Provider
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServerRequest httpRequest;

    @Context
    HttpHeaders headers;

    private final Authenticator authenticator;
    private final CurrentCaller currentCaller;
    private final SessionCookies sessionCookies;
    private final CrossSiteRequestGuard crossSiteRequestGuard;
    private final Clock clock;

    public AuthenticationFilter(Authenticator authenticator, CurrentCaller currentCaller,
            SessionCookies sessionCookies, CrossSiteRequestGuard crossSiteRequestGuard, Clock clock) {
        this.authenticator = authenticator;
        this.currentCaller = currentCaller;
        this.sessionCookies = sessionCookies;
        this.crossSiteRequestGuard = crossSiteRequestGuard;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            // The login form is public, but a cross-site POST to it could sign a victim into an attacker's account.
            checkNotCrossSite(request, request.getMethod());
            return;
        }
        if (resourceInfo.getResourceMethod().isAnnotationPresent(ProxyVerificationEndpoint.class)) {
            verifyForProxy(request);
            return;
        }
        Caller caller = authenticate();
        if (caller.sessionId().isPresent()) {
            checkNotCrossSite(request, request.getMethod());
        }
        if (!caller.mayUseMethod(request.getMethod())) {
            throw new AccessDeniedException();
        }
        currentCaller.set(caller);
    }

    private void verifyForProxy(ContainerRequestContext request) {
        Caller caller;
        try {
            caller = authenticate();
        } catch (SessionRefusedException e) {
            throw NotAuthenticatedException.sessionRefused();
        } catch (AccessDeniedException | TooManyAttemptsException e) {
            throw new NotAuthenticatedException();
        }
        String proxiedMethod = request.getHeaderString(ProxyVerificationEndpoint.ORIGINAL_METHOD_HEADER);
        String method = proxiedMethod == null ? null : proxiedMethod.trim().toUpperCase(Locale.ROOT);
        if (caller.sessionId().isPresent() && method != null) {
            checkNotCrossSite(request, method);
        }
        // Without the proxied method a read-only caller's request cannot be shown to be a read: refused.
        if (caller.readOnly() && (method == null || !caller.mayUseMethod(method))) {
            throw new AccessDeniedException();
        }
        currentCaller.set(caller);
    }

    private Caller authenticate() {
        return authenticator.authenticate(RequestCredentials.of(headers, httpRequest, sessionCookies.cookieName()),
                clock.instant());
    }

    private void checkNotCrossSite(ContainerRequestContext request, String method) {
        String ownOrigin = httpRequest.scheme() + "://" + httpRequest.authority();
        crossSiteRequestGuard.check(method, httpRequest.path(), request.getHeaderString("Origin"),
                request.getHeaderString("Sec-Fetch-Site"), ownOrigin, RequestCredentials.clientAddress(httpRequest));
    }

    private boolean isPublic() {
        return resourceInfo.getResourceMethod().isAnnotationPresent(PublicEndpoint.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(PublicEndpoint.class);
    }
}
