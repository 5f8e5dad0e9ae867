package dev.sessionauth.gate;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.FreshnessConfig;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.ReauthenticationRequiredException;
import dev.sessionauth.security.RequiresFreshLogin;
import dev.sessionauth.security.SessionSafetyEvents;

/** Enforces {@link RequiresFreshLogin} for the request gate: the one place where the freshness rule is applied. */
@ApplicationScoped
public class FreshLoginCheck {

    private final Duration maxAge;
    private final SessionSafetyEvents events;

    public FreshLoginCheck(FreshnessConfig config, SessionSafetyEvents events) {
        this.maxAge = config.maxAge();
        this.events = events;
    }

    /** @throws ReauthenticationRequiredException when the route requires a fresh login and the caller's is not */
    public void check(Method resourceMethod, Class<?> resourceClass, Caller caller, String path, Instant now) {
        RequiresFreshLogin rule = resourceMethod.getAnnotation(RequiresFreshLogin.class);
        if (rule == null) {
            rule = resourceClass.getAnnotation(RequiresFreshLogin.class);
        }
        if (rule == null || (rule.value() == RequiresFreshLogin.Who.ADMINISTRATORS && !caller.isAdmin())) {
            return;
        }
        if (!caller.provedPasswordWithin(maxAge, now)) {
            events.reauthenticationRequired(caller.userId(), caller.sessionId().orElse(null), path,
                    caller.clientAddress());
            throw new ReauthenticationRequiredException();
        }
    }
}
