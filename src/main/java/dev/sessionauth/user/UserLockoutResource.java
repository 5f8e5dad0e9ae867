package dev.sessionauth.user;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.security.CurrentCaller;
import dev.sessionauth.security.RequiresFreshLogin;

/** DELETE /api/v1/users/{id}/lockout: an administrator ends an account's sign-in lock at once. */
@Path("/api/v1/users/{id}/lockout")
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
public class UserLockoutResource {

    private final AccountRecovery recovery;
    private final CurrentCaller currentCaller;

    public UserLockoutResource(AccountRecovery recovery, CurrentCaller currentCaller) {
        this.recovery = recovery;
        this.currentCaller = currentCaller;
    }

    @Operation(summary = "End a user's sign-in lock (admins only)", description = "Clears the account's failed sign-ins "
            + "and its lock on every instance; the locks of client addresses stay.")
    @APIResponse(responseCode = "200", description = "{\"cleared\": N}: the counters cleared, 0 when the account had none")
    @APIResponse(responseCode = "401", ref = ApiDocumentation.REAUTHENTICATE)
    @APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @SecurityRequirement(name = ApiDocumentation.BASIC)
    @SecurityRequirement(name = ApiDocumentation.API_TOKEN)
    @DELETE
    @RequiresFreshLogin(RequiresFreshLogin.Who.ADMINISTRATORS)
    public Map<String, Integer> clear(@PathParam("id") String id) {
        UUID userId = AdministeredUser.resolve(currentCaller.get(), id);
        return Map.of("cleared", recovery.clearLockout(currentCaller.get(), userId));
    }
}
