package dev.sessionauth.user;

import java.time.Clock;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.contract.ApiTimestamps;
import dev.sessionauth.security.CurrentCaller;
import dev.sessionauth.security.RequiresFreshLogin;

/** POST /api/v1/users/{id}/password_reset: an administrator issues a one-time reset secret for a user. */
@Path("/api/v1/users/{id}/password_reset")
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    private final AccountRecovery recovery;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public PasswordResetResource(AccountRecovery recovery, CurrentCaller currentCaller, Clock clock) {
        this.recovery = recovery;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "Issue a one-time password reset secret (admins only)", description = "256 random bits, shown this "
            + "once (only its SHA-256 is stored), valid for PASSWORD_RESET_LIFETIME (30 minutes); a newer reset voids older "
            + "ones. Hand it to the user over a channel you trust; they use it at POST /api/v1/auth_session/password_reset.")
    @APIResponse(responseCode = "201", description = "{\"token\": \"...\", \"expires_at\": \"YYYY-MM-DDTHH:MM:SS\"}")
    @APIResponse(responseCode = "401", ref = ApiDocumentation.REAUTHENTICATE)
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @SecurityRequirement(name = ApiDocumentation.BASIC)
    @SecurityRequirement(name = ApiDocumentation.API_TOKEN)
    @POST
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    @RequiresFreshLogin(RequiresFreshLogin.Who.ADMINISTRATORS)
    public Map<String, String> issue(@PathParam("id") String id) {
        AccountRecovery.IssuedReset reset = recovery.issueReset(currentCaller.get(),
                AdministeredUser.resolve(currentCaller.get(), id), clock.instant());
        return Map.of("token", reset.token(), "expires_at", ApiTimestamps.format(reset.expiresAt()));
    }
}
