package dev.sessionauth.session;

import java.time.Clock;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.contract.ReadsForm;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;

/** POST /api/v1/auth_session/reauthenticate: prove the password again on the current session. */
@Path("/api/v1/auth_session/reauthenticate")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
public class ReauthenticationResource {

    private final Reauthentication reauthentication;
    private final SessionCookies cookies;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public ReauthenticationResource(Reauthentication reauthentication, SessionCookies cookies,
            CurrentCaller currentCaller, Clock clock) {
        this.reauthentication = reauthentication;
        this.cookies = cookies;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "Prove the password again (form field password) on the current session", description = "Same "
            + "limits and failure answers as a login. The session gets a new token in Set-Cookie (the old one stops "
            + "working) and a new authenticated_at; its id, creation time, expiry and remember-me stay. A caller "
            + "without a session cookie gets 404.")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The user; Set-Cookie carries the new session token")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = "No credentials, or {\"error\": \"wrong password\"}")
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @POST
    @ReadsForm
    public RestResponse<UserResponse> reauthenticate(@RestForm String password, HttpServerRequest request) {
        Caller caller = currentCaller.get();
        ClientInfo client = new ClientInfo(caller.clientAddress(), request.getHeader(HttpHeaders.USER_AGENT));
        Reauthentication.Renewed renewed = reauthentication.reauthenticate(caller, password, client, clock.instant());
        return RestResponse.ResponseBuilder.ok(caller.profile())
                .cookie(cookies.issue(renewed.token(), renewed.cookieLifetime()))
                .build();
    }
}
