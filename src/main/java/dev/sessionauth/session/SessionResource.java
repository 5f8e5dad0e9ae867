package dev.sessionauth.session;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.contract.HeaderValues;
import dev.sessionauth.contract.ReadsForm;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.contract.UuidPathParam;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CurrentCaller;
import dev.sessionauth.security.ProxyAccessRule;
import dev.sessionauth.security.ProxyVerificationEndpoint;
import dev.sessionauth.security.PublicEndpoint;
import io.vertx.core.http.HttpServerRequest;

/** Session login and logout, and the caller's view of their own sessions. */
@Path("/api/v1/auth_session")
@Tag(name = "sessions")
@SecurityRequirement(name = ApiDocumentation.SESSION)
@SecurityRequirement(name = ApiDocumentation.BASIC)
@SecurityRequirement(name = ApiDocumentation.API_TOKEN)
@APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String USER_ID_HEADER = "X-User-Id";
    static final String USER_EMAIL_HEADER = "X-User-Email";
    static final String USER_ROLES_HEADER = "X-User-Roles";
    static final String USER_GROUPS_HEADER = "X-User-Groups";
    static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";

    private final SessionService sessionService;
    private final SessionLogin sessionLogin;
    private final SessionCookies cookies;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public SessionResource(SessionService sessionService, SessionLogin sessionLogin, SessionCookies cookies,
            CurrentCaller currentCaller, Clock clock) {
        this.sessionService = sessionService;
        this.sessionLogin = sessionLogin;
        this.cookies = cookies;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "Log in with form fields email and password; sets the session cookie", description = "Opens a new "
            + "session. A user holds at most MAX_SESSIONS_PER_USER sessions (default 50): a login beyond it ends their least "
            + "recently used session at once.")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The user; Set-Cookie carries the session token")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = "{\"error\": \"wrong password\"} (or \"invalid email or password\" with LOGIN_GENERIC_ERRORS)")
    @APIResponse(responseCode = "404", description = "{\"error\": \"no user found for this email\"}")
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirements
    @POST
    @Path("login")
    @PublicEndpoint
    @ReadsForm
    public RestResponse<UserResponse> login(@RestForm String email, @RestForm String password,
            HttpServerRequest request) {
        LoginResult login = sessionLogin.login(email, password, ClientInfo.of(request), clock.instant());
        return RestResponse.ResponseBuilder.ok(UserResponse.of(login.user()))
                .cookie(cookies.issue(login.token(), sessionService.absoluteTimeout()))
                .build();
    }

    @Operation(summary = "Check the caller's credentials for a reverse proxy (nginx auth_request)", description = "200 with "
            + "X-User-Id, X-User-Email (percent-encoded UTF-8), X-User-Roles and X-User-Groups (sorted, comma-separated) headers and "
            + "the user as body. 401 for missing, invalid, expired or revoked credentials and a locked-out Basic login (a refused "
            + "cookie's 401 also clears it, for the proxy to pass on). 403 when the caller is in none of the group parameters' "
            + "groups (an unknown one included) or has none of the role parameters' roles; for a cookie-borne unsafe "
            + "X-Original-Method from another site; and for a read-only API token unless X-Original-Method is GET or HEAD.")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "Valid credentials; the user's id, email and roles are also in headers")
    @GET
    @Path("verify")
    @ProxyVerificationEndpoint
    @Parameter(name = "group", in = ParameterIn.QUERY, description = "A group the caller must belong to; repeated, any one of them")
    @Parameter(name = "role", in = ParameterIn.QUERY, description = "A role (user or admin) the caller must have; repeated, any one of them")
    public RestResponse<UserResponse> verify(UriInfo uri) {
        UserResponse user = ProxyAccessRule.of(uri.getQueryParameters()).admit(currentCaller.get()).profile();
        return RestResponse.ResponseBuilder.ok(user)
                .header(USER_ID_HEADER, user.id())
                .header(USER_EMAIL_HEADER, HeaderValues.percentEncoded(user.email()))
                .header(USER_ROLES_HEADER, user.role())
                .header(USER_GROUPS_HEADER, String.join(",", user.groups()))
                .build();
    }

    /** Ends the session of the cookie; a caller authenticated by Basic has no session to end (404). */
    @Operation(summary = "End the current session and clear its cookie")
    @APIResponse(responseCode = "200", description = "{}; the cookie is cleared")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("logout")
    public RestResponse<Map<String, String>> logout() {
        sessionService.logout(currentCaller.get());
        return cookies.clearing(Map.of());
    }

    /** One page of the caller's active sessions; the cursor of the next page, if any, is in a header. */
    @Operation(summary = "The caller's active sessions, one page at a time", description = "Newest first (by created_at, "
            + "then id). When more sessions follow, the X-Next-Cursor header carries the cursor that asks for them.")
    @APIResponse(responseCode = "200", description = "Up to limit sessions, newest first", headers = @Header(name = NEXT_CURSOR_HEADER, description = "Present when more sessions follow: "
            + "send it back as the cursor parameter", schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @GET
    @Path("sessions")
    public RestResponse<List<SessionView>> list(
            @Parameter(description = "Sessions per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100")) @RestQuery String limit,
            @Parameter(description = "The X-Next-Cursor of the previous page; absent for the first page") @RestQuery String cursor) {
        Caller caller = currentCaller.get();
        SessionPage page = sessionService.listActive(caller.userId(), limit, cursor, clock.instant());
        List<SessionView> sessions = page.sessions().stream()
                .map(session -> SessionView.of(session, caller.sessionId()))
                .toList();
        RestResponse.ResponseBuilder<List<SessionView>> answer = RestResponse.ResponseBuilder.ok(sessions);
        page.nextCursor().ifPresent(next -> answer.header(NEXT_CURSOR_HEADER, next));
        return answer.build();
    }

    /** Ends one of the caller's sessions; ending the current one also clears its cookie. */
    @Operation(summary = "End one of the caller's sessions")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @DELETE
    @Path("sessions/{id}")
    public RestResponse<Map<String, String>> revoke(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        UUID sessionId = UuidPathParam.parse(id).orElseThrow(ResourceNotFoundException::new);
        sessionService.revokeOwn(caller, sessionId);
        if (caller.sessionId().filter(sessionId::equals).isPresent()) {
            return cookies.clearing(Map.of());
        }
        return RestResponse.ok(Map.of());
    }

    /** Ends all of the caller's sessions except the current one. */
    @Operation(summary = "End all of the caller's sessions but the current one")
    @APIResponse(responseCode = "200", description = "{\"revoked\": N}")
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @DELETE
    @Path("sessions")
    public Map<String, Long> revokeOthers() {
        return Map.of("revoked", sessionService.revokeOthers(currentCaller.get()));
    }
}
