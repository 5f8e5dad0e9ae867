package dev.sessionauth.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.contract.UuidPathParam;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CurrentCaller;

/** /api/v1/tokens: the caller's API tokens for other systems. */
@Path("/api/v1/tokens")
@Tag(name = "api tokens")
@SecurityRequirement(name = ApiDocumentation.SESSION)
@SecurityRequirement(name = ApiDocumentation.BASIC)
@SecurityRequirement(name = ApiDocumentation.API_TOKEN)
@APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
@APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    private final ApiTokenService apiTokenService;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public ApiTokenResource(ApiTokenService apiTokenService, CurrentCaller currentCaller, Clock clock) {
        this.apiTokenService = apiTokenService;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "Create an API token; its secret is in this answer and never again", description = "Needs a session "
            + "or Basic credentials: a request authenticated by an API token gets 403.")
    @APIResponseSchema(value = CreatedApiToken.class, responseCode = "201", responseDescription = "The token, with its secret")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @SecurityRequirement(name = ApiDocumentation.BASIC)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public CreatedApiToken create(CreateApiTokenRequest request) {
        Caller caller = currentCaller.get();
        caller.requirePasswordProven();
        return apiTokenService.create(caller, request, clock.instant());
    }

    @Operation(summary = "The caller's unexpired API tokens, without their secrets")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiTokenView.class)))
    @GET
    public List<ApiTokenView> list() {
        return apiTokenService.listUnexpired(currentCaller.get().userId(), clock.instant()).stream()
                .map(ApiTokenView::of)
                .toList();
    }

    @Operation(summary = "Revoke one of the caller's API tokens")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("{id}")
    public Map<String, String> revoke(@PathParam("id") String id) {
        UUID tokenId = UuidPathParam.parse(id).orElseThrow(ResourceNotFoundException::new);
        apiTokenService.revokeOwn(currentCaller.get(), tokenId);
        return Map.of();
    }
}
