package dev.sessionauth.user;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.contract.UuidPathParam;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CurrentCaller;
import dev.sessionauth.session.SessionCookies;
import dev.sessionauth.session.SessionService;
import dev.sessionauth.token.ApiTokenService;

/** /api/v1/users: admins manage everyone, a plain user only their own record ("me" or their id). */
@Path("/api/v1/users")
@Tag(name = "users")
@SecurityRequirement(name = ApiDocumentation.SESSION)
@SecurityRequirement(name = ApiDocumentation.BASIC)
@SecurityRequirement(name = ApiDocumentation.API_TOKEN)
@APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
@APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String ME = "me";

    private final UserService userService;
    private final SessionService sessionService;
    private final ApiTokenService apiTokenService;
    private final SessionCookies sessionCookies;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public UserResource(UserService userService, SessionService sessionService, ApiTokenService apiTokenService,
            SessionCookies sessionCookies, CurrentCaller currentCaller, Clock clock) {
        this.userService = userService;
        this.sessionService = sessionService;
        this.apiTokenService = apiTokenService;
        this.sessionCookies = sessionCookies;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "All users (admins only)")
    @APIResponse(responseCode = "200", description = "Every user, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = UserResponse.class)))
    @GET
    public List<UserResponse> list() {
        currentCaller.get().requireAdmin();
        return userService.listAll().stream().map(UserResponse::of).toList();
    }

    @Operation(summary = "One user by id, or by \"me\" for the caller")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The user")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GET
    @Path("{id}")
    public UserResponse get(@PathParam("id") String id) {
        if (ME.equals(id)) {
            return currentCaller.get().profile();
        }
        return UserResponse.of(userService.findExisting(target(id)));
    }

    @Operation(summary = "Create a user (admins only)")
    @APIResponseSchema(value = UserResponse.class, responseCode = "201", responseDescription = "The new user")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public UserResponse create(CreateUserRequest request) {
        currentCaller.get().requireAdmin();
        return UserResponse.of(userService.create(request, Role.USER, currentCaller.get(), clock.instant()));
    }

    @Operation(summary = "Change names; admins may also set disabled, which ends every session of the user (never the "
            + "last enabled administrator's)")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The updated user")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(@PathParam("id") String id, UpdateUserRequest request) {
        return UserResponse.of(userService.update(target(id), request, currentCaller.get(), clock.instant()));
    }

    /** Changes the caller's own password and ends their other sessions. */
    @Operation(summary = "Change the caller's password; ends their other sessions")
    @APIResponse(responseCode = "200", description = "{\"revoked\": N}: how many other sessions ended")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = "No credentials, or {\"error\": \"wrong password\"}")
    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Long> changePassword(ChangePasswordRequest request) {
        return Map.of("revoked", userService.changePassword(currentCaller.get(), request, clock.instant()));
    }

    @Operation(summary = "Delete a user and their sessions; never the last enabled administrator")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @DELETE
    @Path("{id}")
    public RestResponse<Map<String, String>> delete(@PathParam("id") String id) {
        UUID userId = target(id);
        userService.delete(userId, currentCaller.get());
        return endingOwnSessionIf(userId, Map.of());
    }

    /** Ends every session of the user (an administrator's tool; a user may also do it to themselves). */
    @Operation(summary = "End every session of a user")
    @APIResponse(responseCode = "200", description = "{\"revoked\": N}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("{id}/sessions")
    public RestResponse<Map<String, Long>> revokeSessions(@PathParam("id") String id) {
        UUID userId = target(id);
        return endingOwnSessionIf(userId, Map.of("revoked", sessionService.revokeAll(currentCaller.get(), userId)));
    }

    /** Revokes every API token of the user (an administrator's tool when a system is compromised; or the user's own). */
    @Operation(summary = "Revoke every API token of a user")
    @APIResponse(responseCode = "200", description = "{\"revoked\": N}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("{id}/tokens")
    public Map<String, Long> revokeApiTokens(@PathParam("id") String id) {
        UUID userId = target(id);
        return Map.of("revoked", apiTokenService.revokeAll(currentCaller.get(), userId));
    }

    /** When the caller just ended their own session, the browser should forget its cookie too. */
    private <T> RestResponse<T> endingOwnSessionIf(UUID affectedUserId, T body) {
        Caller caller = currentCaller.get();
        if (caller.sessionId().isPresent() && caller.userId().equals(affectedUserId)) {
            return sessionCookies.clearing(body);
        }
        return RestResponse.ok(body);
    }

    /** The user the path names ("me" or an id), if the caller may act on them. */
    private UUID target(String id) {
        Caller caller = currentCaller.get();
        return ME.equals(id) ? caller.userId() : caller.requireMayActOn(UuidPathParam.parse(id));
    }
}
