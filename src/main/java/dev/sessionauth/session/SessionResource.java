package dev.sessionauth.session;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.api.ResourceNotFoundException;
import dev.sessionauth.auth.CurrentCaller;
import dev.sessionauth.auth.PublicEndpoint;
import dev.sessionauth.user.UserResponse;
import io.vertx.core.http.HttpServerRequest;

/** Session login and logout. */
@Path("/api/v1/auth_session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessionService;
    private final SessionCookies cookies;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public SessionResource(SessionService sessionService, SessionCookies cookies, CurrentCaller currentCaller,
            Clock clock) {
        this.sessionService = sessionService;
        this.cookies = cookies;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @POST
    @Path("login")
    @PublicEndpoint
    public RestResponse<UserResponse> login(@RestForm String email, @RestForm String password,
            HttpServerRequest request) {
        ClientInfo client = new ClientInfo(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader(HttpHeaders.USER_AGENT));
        LoginResult login = sessionService.login(email, password, client, clock.instant());
        return RestResponse.ResponseBuilder.ok(UserResponse.of(login.user()))
                .cookie(cookies.issue(login.token(), sessionService.absoluteTimeout()))
                .build();
    }

    /** Ends the session of the cookie; a caller authenticated by Basic has no session to end (404). */
    @DELETE
    @Path("logout")
    public RestResponse<Map<String, String>> logout() {
        UUID sessionId = currentCaller.get().sessionId().orElseThrow(ResourceNotFoundException::new);
        sessionService.end(sessionId);
        return RestResponse.ResponseBuilder.ok(Map.<String, String> of()).cookie(cookies.cleared()).build();
    }
}
