package dev.sessionauth.session;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.security.PublicEndpoint;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpServerRequest;

/**
 * POST /api/v1/auth_session/test_login: a session without a password, for the tests of applications behind the
 * service (the CNX session cache's /autosession). Built into the dev and test builds only: the condition is decided at
 * build time, so the production jar has neither the bean nor the route, which answers as any unknown path does.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/api/v1/auth_session/test_login")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
public class TestLoginResource {

    /** The body: whom to sign in. */
    public record TestLoginRequest(String email) {
    }

    private final TestLogin testLogin;
    private final SessionCookies cookies;
    private final Clock clock;

    public TestLoginResource(TestLogin testLogin, SessionCookies cookies, Clock clock) {
        this.testLogin = testLogin;
        this.cookies = cookies;
        this.clock = clock;
    }

    @Operation(summary = "Dev and test builds only: open a session for an email without its password", description = "For "
            + "the REST-assured tests of an application behind the service. Absent from the production build, where the path "
            + "answers like any unknown path (401 without credentials, 404 with valid ones).")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The user; Set-Cookie carries the session token")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "{\"error\": \"no user found for this email\"}")
    @SecurityRequirements
    @POST
    @PublicEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<UserResponse> login(TestLoginRequest request, HttpServerRequest http) {
        ClientInfo client = new ClientInfo(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                http.getHeader(HttpHeaders.USER_AGENT));
        LoginResult login = testLogin.login(request == null ? null : request.email(), client, clock.instant());
        return RestResponse.ResponseBuilder.ok(UserResponse.of(login.user()))
                .cookie(cookies.issue(login.token(), testLogin.cookieLifetime()))
                .build();
    }
}
