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
import dev.sessionauth.auth.AccessDeniedException;
import dev.sessionauth.auth.Caller;
import dev.sessionauth.auth.CurrentCaller;

/** /api/v1/users: admins manage everyone, a plain user only their own record ("me" or their id). */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String ME = "me";

    private final UserService userService;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public UserResource(UserService userService, CurrentCaller currentCaller, Clock clock) {
        this.userService = userService;
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
        return userService.updateNames(userId, request, clock.instant()).map(UserResponse::of)
                .orElseThrow(ResourceNotFoundException::new);
    }

    @DELETE
    @Path("{id}")
    public Map<String, String> delete(@PathParam("id") String id) {
        UUID userId = resolveOwnOrAdministered(id);
        if (!userService.delete(userId)) {
            throw new ResourceNotFoundException();
        }
        return Map.of();
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
        Optional<UUID> userId = parseCanonicalUuid(id);
        if (userId.isEmpty() || !caller.mayActOn(userId.get())) {
            if (!caller.isAdmin()) {
                throw new AccessDeniedException();
            }
            throw new ResourceNotFoundException();
        }
        return userId.get();
    }

    /** UUID.fromString also accepts short forms such as "1-1-1-1-1"; ids are only ever the canonical form. */
    private static Optional<UUID> parseCanonicalUuid(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
