package dev.sessionauth.user;

import java.time.Clock;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.security.PublicEndpoint;
import io.vertx.core.http.HttpServerRequest;

/** POST /api/v1/auth_session/password_reset: set a new password with a reset secret, without signing in. */
@Path("/api/v1/auth_session/password_reset")
@Tag(name = "sessions")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetCompletionResource {

    private final PasswordResetCompletion completion;
    private final Clock clock;

    public PasswordResetCompletionResource(PasswordResetCompletion completion, Clock clock) {
        this.completion = completion;
        this.clock = clock;
    }

    @Operation(summary = "Set a new password with a one-time reset secret (no login)", description = "The password policy "
            + "applies. Every session and API token of the user ends, and the secret is used up. An unknown, used or expired "
            + "secret is 400 {\"error\": \"Invalid or expired reset token\"} and counts as a failed sign-in of the client address.")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirements
    @POST
    @PublicEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> reset(PasswordResetRequest request, HttpServerRequest http) {
        completion.complete(request, http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                clock.instant());
        return Map.of();
    }
}
