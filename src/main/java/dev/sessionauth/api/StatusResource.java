package dev.sessionauth.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.sessionauth.auth.AccessDeniedException;
import dev.sessionauth.auth.NotAuthenticatedException;
import dev.sessionauth.auth.PublicEndpoint;
import dev.sessionauth.user.UserService;

/** Service status, statistics, and the two routes that always fail (kept from the v1 contract). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** Body of GET /status. */
    public record StatusResponse(String status) {
    }

    /** Body of GET /stats. */
    public record StatsResponse(long users) {
    }

    private final UserService userService;

    public StatusResource(UserService userService) {
        this.userService = userService;
    }

    @GET
    @Path("status")
    @PublicEndpoint
    public StatusResponse status() {
        return new StatusResponse("OK");
    }

    @GET
    @Path("stats")
    public StatsResponse stats() {
        return new StatsResponse(userService.count());
    }

    @GET
    @Path("unauthorized")
    @PublicEndpoint
    public StatusResponse unauthorized() {
        throw new NotAuthenticatedException();
    }

    @GET
    @Path("forbidden")
    @PublicEndpoint
    public StatusResponse forbidden() {
        throw new AccessDeniedException();
    }
}
