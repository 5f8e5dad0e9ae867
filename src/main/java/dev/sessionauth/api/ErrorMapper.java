package dev.sessionauth.api;

import static dev.sessionauth.api.ErrorAnswers.error;
import static dev.sessionauth.api.ErrorAnswers.withHeader;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.sessionauth.contract.ConflictException;
import dev.sessionauth.contract.ErrorResponse;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.RequestViolations;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.NotAuthenticatedException;
import dev.sessionauth.security.ReauthenticationRequiredException;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.TooManyAttemptsException;
import dev.sessionauth.session.SessionCookies;
import dev.sessionauth.store.DatabaseFailures;
import io.vertx.core.http.HttpClosedException;

/** The one place where exceptions become the contract's {"error": "..."} answers. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final SessionCookies sessionCookies;

    public ErrorMapper(SessionCookies sessionCookies) {
        this.sessionCookies = sessionCookies;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidRequest(InvalidRequestException e) {
        return error(Status.BAD_REQUEST, e.getMessage());
    }

    /** A request record's Bean Validation: the contract's message of the first rule it breaks. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidRequestRecord(ConstraintViolationException e) {
        return error(Status.BAD_REQUEST, RequestViolations.firstMessage(e));
    }

    /**
     * A body in the wrong format: unreadable JSON, JSON of the wrong shape or types, or a media type the route does
     * not read. MismatchedInputException is named because Quarkus ships a more specific mapper for it that would
     * otherwise answer with Jackson's details.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, NotSupportedException.class })
    public RestResponse<ErrorResponse> unreadableJson(Exception e) {
        return error(Status.BAD_REQUEST, InvalidRequestException.WRONG_FORMAT);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> conflict(ConflictException e) {
        return error(Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notAuthenticated(NotAuthenticatedException e) {
        RestResponse<ErrorResponse> response = error(Status.UNAUTHORIZED, "Unauthorized");
        return e.isSessionRefused() ? clearingSessionCookie(response) : response;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> reauthenticationRequired(ReauthenticationRequiredException e) {
        return withHeader(error(Status.UNAUTHORIZED, e.getMessage()), "X-Reauthenticate", "true");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> accessDenied(AccessDeniedException e) {
        return error(Status.FORBIDDEN, "Forbidden");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> sessionRefused(SessionRefusedException e) {
        return clearingSessionCookie(error(Status.FORBIDDEN, "Forbidden"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> tooManyAttempts(TooManyAttemptsException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return withHeader(error(Status.TOO_MANY_REQUESTS, e.getMessage()), "Retry-After", seconds);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> loginRejected(LoginRejectedException e) {
        return error(e.reason().status(), e.reason().message());
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> resourceNotFound(ResourceNotFoundException e) {
        return error(Status.NOT_FOUND, "Not found");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> methodNotAllowed(NotAllowedException e) {
        RestResponse<ErrorResponse> response = error(Status.METHOD_NOT_ALLOWED, "Method not allowed");
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? response : withHeader(response, "Allow", allow);
    }

    /** Any other HTTP-level rejection keeps its status; the framework's own 400s are bodies it could not read. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == Status.BAD_REQUEST.getStatusCode()) {
            return error(Status.BAD_REQUEST, InvalidRequestException.WRONG_FORMAT);
        }
        if (status >= 500) {
            LOG.errorf(e, "Request failed with status %d", status);
        }
        Status known = Status.fromStatusCode(status);
        return error(status, known == null ? "Error" : known.getReasonPhrase());
    }

    /** The database cannot be reached, or no pooled connection came free in time: 503, and the client may retry. */
    @ServerExceptionMapper({ JDBCConnectionException.class, SQLTransientConnectionException.class })
    public RestResponse<ErrorResponse> databaseUnavailable(Exception e, UriInfo uriInfo) {
        return databaseUnavailable(uriInfo, e.getMessage());
    }

    /** One line, whatever the driver put after the first: a server error's context comes on lines of its own. */
    private static RestResponse<ErrorResponse> databaseUnavailable(UriInfo uriInfo, String message) {
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        LOG.warnf("Database unavailable while serving %s: %s", uriInfo.getPath(), firstLine);
        return error(Status.SERVICE_UNAVAILABLE, "Service unavailable");
    }

    /** Some unavailability (the pool's acquisition timeout, a shutdown) is a generic JDBC error; the rest is a bug. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> databaseError(GenericJDBCException e, UriInfo uriInfo) {
        if (e.getSQLException() != null && DatabaseFailures.isUnavailable(e.getSQLException())) {
            return databaseUnavailable(e, uriInfo);
        }
        return bug(e, uriInfo);
    }

    /**
     * The request body broke while it was being read: the client closed the connection or broke the HTTP framing (a
     * chunk size that is not hex, a multipart body cut short). Its fault, and Vert.x has usually closed the connection
     * already. No other IOException reaches a mapper: the endpoints' only other I/O is JDBC (SQLExceptions), and
     * Jackson's parse errors are the more specific JsonProcessingException. Quarkus REST 3.33.2 throws it from its
     * request stream and multipart reader, as UnreadableRequestTest and HostileInputTest (framing, form) pin.
     */
    @ServerExceptionMapper({ IOException.class, HttpClosedException.class })
    public RestResponse<ErrorResponse> unreadableBody(Throwable e, UriInfo uriInfo) {
        LOG.debugf("The request body to %s could not be read: %s", uriInfo.getPath(), e);
        return error(Status.BAD_REQUEST, InvalidRequestException.WRONG_FORMAT);
    }

    /** A bug, not a client error: log it once with its stack trace and answer without details. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Throwable e, UriInfo uriInfo, ContainerRequestContext request,
            ResourceInfo resource) {
        return UnreadableBodies.isUnreadableBody(e, request, resource) ? unreadableBody(e, uriInfo) : bug(e, uriInfo);
    }

    private static RestResponse<ErrorResponse> bug(Throwable e, UriInfo uriInfo) {
        Optional<SQLException> unavailable = DatabaseFailures.unavailableCause(e);
        if (unavailable.isPresent()) {
            // Typically a commit cut off by the primary going away, wrapped by the transaction manager: never
            // acknowledged, so the client may retry, as after any other outage.
            return databaseUnavailable(uriInfo, unavailable.get().getMessage());
        }
        LOG.errorf(e, "Unexpected error while serving %s", uriInfo.getPath());
        return error(Status.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    /**
     * The refusal of a session cookie also makes the browser forget it (the cookie logout clears, with the same
     * attributes), so it stops sending a cookie that can never work again. No Clear-Site-Data: a refused cookie may
     * have been planted by someone else, and must not cost the site's other cookies.
     */
    private RestResponse<ErrorResponse> clearingSessionCookie(RestResponse<ErrorResponse> refusal) {
        return RestResponse.ResponseBuilder.fromResponse(refusal).cookie(sessionCookies.cleared()).build();
    }
}
