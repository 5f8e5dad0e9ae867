package dev.sessionauth.user;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.sessionauth.api.ResourceNotFoundException;
import dev.sessionauth.api.UuidPathParam;
import dev.sessionauth.auth.AccessDeniedException;
import dev.sessionauth.auth.Caller;
import dev.sessionauth.auth.CurrentCaller;
import dev.sessionauth.session.SessionService;

/** /api/v1/users: admins manage everyone, a plain user only their own record ("me" or their id). */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String ME = "me";

    private final UserService userService;
    private final SessionService sessionService;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public UserResource(UserService userService, SessionService sessionService, CurrentCaller currentCaller,
            Clock clock) {
        this.userService = userService;
        this.sessionService = sessionService;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @GET
    public List<UserResponse> list() {
        requireAdmin();
        return userService.listAll().stream().map(UserResponse::of).toList();
    }

    @GET
    @Path("{id}")
    public UserResponse get(@PathParam("id") String id) {
        UUID userId = resolveOwnOrAdministered(id);
        return userService.findById(userId).map(UserResponse::of).orElseThrow(ResourceNotFoundException::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public UserResponse create(CreateUserRequest request) {
        requireAdmin();
        return UserResponse.of(userService.create(request, Role.USER, clock.instant()));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(@PathParam("id") String id, UpdateUserRequest request) {
        UUID userId = resolveOwnOrAdministered(id);
        return userService.update(userId, request, currentCaller.get(), clock.instant()).map(UserResponse::of)
                .orElseThrow(ResourceNotFoundException::new);
    }

    /** Changes the caller's own password and ends their other sessions. */
    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Long> changePassword(ChangePasswordRequest request) {
        return Map.of("revoked", userService.changePassword(currentCaller.get(), request, clock.instant()));
    }

    @DELETE
    @Path("{id}")
    public Map<String, String> delete(@PathParam("id") String id) {
        UUID userId = resolveOwnOrAdministered(id);
        if (!userService.delete(userId, currentCaller.get())) {
            throw new ResourceNotFoundException();
        }
        return Map.of();
    }

    /** Ends every session of the user (an administrator's tool; a user may also do it to themselves). */
    @DELETE
    @Path("{id}/sessions")
    public Map<String, Long> revokeSessions(@PathParam("id") String id) {
        UUID userId = resolveOwnOrAdministered(id);
        return Map.of("revoked", sessionService.revokeAll(currentCaller.get(), userId));
    }

    private void requireAdmin() {
        if (!currentCaller.get().isAdmin()) {
            throw new AccessDeniedException();
        }
    }

    /**
     * Turns the path segment into a user id the caller may act on. A plain user asking for anyone else gets 403
     * whether or not that user exists, so ids cannot be probed; an id that is not a UUID cannot exist: 404.
     */
    private UUID resolveOwnOrAdministered(String id) {
        Caller caller = currentCaller.get();
        if (ME.equals(id)) {
            return caller.userId();
        }
        Optional<UUID> userId = UuidPathParam.parse(id);
        if (userId.isEmpty() || !caller.mayActOn(userId.get())) {
            if (!caller.isAdmin()) {
                throw new AccessDeniedException();
            }
            throw new ResourceNotFoundException();
        }
        return userId.get();
    }
}
