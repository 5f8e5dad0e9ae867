package dev.sessionauth.gate;

import java.time.Clock;
import java.time.Instant;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.sessionauth.api.ErrorAnswers;
import dev.sessionauth.api.ErrorMapper;
import dev.sessionauth.contract.ErrorResponse;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.NotAuthenticatedException;
import dev.sessionauth.security.RequestCredentials;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.TooManyAttemptsException;
import dev.sessionauth.session.SessionCookies;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gate for requests that match no route, which the authentication filter never sees: such a path is treated like
 * a protected route, so that it reveals nothing to a stranger.
 */
public class UnroutedRequests {

    /** quarkus.http.non-application-root-path, left at its default. */
    private static final String QUARKUS_ENDPOINTS = "/q/";

    private final Authenticator authenticator;
    private final SessionCookies sessionCookies;
    private final ErrorMapper errors;
    private final Clock clock;

    public UnroutedRequests(Authenticator authenticator, SessionCookies sessionCookies, ErrorMapper errors, Clock clock) {
        this.authenticator = authenticator;
        this.sessionCookies = sessionCookies;
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * 401 without credentials, 403 with invalid ones, 404 only for an authenticated caller. Checking credentials is
     * blocking work, and unmatched requests are still on the event loop, so it moves to a worker thread. Under
     * Quarkus's /q/ the answer is a plain 404: what this port serves there is public (the API description), and
     * health and metrics live on the management port, so a probe or scraper pointed here by mistake learns that,
     * costs no bcrypt and counts no failure.
     */
    @ServerExceptionMapper
    public Uni<RestResponse<ErrorResponse>> routeNotFound(NotFoundException e, HttpHeaders headers,
            HttpServerRequest request, UriInfo uriInfo) {
        // The normalised path, so that /q/../api/... is judged as the API path it is.
        if (uriInfo.getPath().startsWith(QUARKUS_ENDPOINTS)) {
            return Uni.createFrom().item(ErrorAnswers.error(Status.NOT_FOUND, "Not found"));
        }
        RequestCredentials credentials = RequestCredentials.of(headers, request, sessionCookies.cookieName());
        Instant now = clock.instant();
        return Uni.createFrom().item(() -> {
            authenticator.checkUnroutedRequest(credentials, now);
            return ErrorAnswers.error(Status.NOT_FOUND, "Not found");
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(NotAuthenticatedException.class)
                .recoverWithItem(failure -> errors.notAuthenticated((NotAuthenticatedException) failure))
                .onFailure(SessionRefusedException.class)
                .recoverWithItem(failure -> errors.sessionRefused((SessionRefusedException) failure))
                .onFailure(AccessDeniedException.class)
                .recoverWithItem(failure -> errors.accessDenied((AccessDeniedException) failure))
                .onFailure(TooManyAttemptsException.class)
                .recoverWithItem(failure -> errors.tooManyAttempts((TooManyAttemptsException) failure));
    }
}
