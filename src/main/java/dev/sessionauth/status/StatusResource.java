package dev.sessionauth.status;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.NotAuthenticatedException;
import dev.sessionauth.security.PublicEndpoint;
import dev.sessionauth.user.UserService;

/** Service status, statistics, and the two routes that always fail (kept from the v1 contract). */
@Path("/api/v1")
@Tag(name = "status")
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

    @Operation(summary = "Service status")
    @APIResponseSchema(value = StatusResponse.class, responseDescription = "{\"status\": \"OK\"}")
    @SecurityRequirements
    @GET
    @Path("status")
    @PublicEndpoint
    public StatusResponse status() {
        return new StatusResponse("OK");
    }

    @Operation(summary = "Number of users")
    @APIResponseSchema(value = StatsResponse.class, responseDescription = "{\"users\": N}")
    @APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @SecurityRequirement(name = ApiDocumentation.BASIC)
    @SecurityRequirement(name = ApiDocumentation.API_TOKEN)
    @GET
    @Path("stats")
    public StatsResponse stats() {
        return new StatsResponse(userService.count());
    }

    @Operation(summary = "Always answers 401")
    @APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @SecurityRequirements
    @GET
    @Path("unauthorized")
    @PublicEndpoint
    public StatusResponse unauthorized() {
        throw new NotAuthenticatedException();
    }

    @Operation(summary = "Always answers 403")
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @SecurityRequirements
    @GET
    @Path("forbidden")
    @PublicEndpoint
    public StatusResponse forbidden() {
        throw new AccessDeniedException();
    }
}
