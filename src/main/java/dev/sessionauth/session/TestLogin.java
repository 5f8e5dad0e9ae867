package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.User;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.SessionSafetyEvents;
import io.quarkus.arc.profile.IfBuildProfile;

/** The password-free login of the dev and test builds (see {@link TestLoginResource}); never in production. */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class TestLogin {

    private final SessionOpener opener;
    private final SessionLifetimes lifetimes;
    private final SessionSafetyEvents events;

    public TestLogin(SessionOpener opener, SessionLifetimes lifetimes, SessionSafetyEvents events) {
        this.opener = opener;
        this.lifetimes = lifetimes;
        this.events = events;
    }

    /** Opens a normal (not remembered) session; a disabled account is refused (403). */
    public LoginResult login(String email, ClientInfo client, Instant now) {
        if (email == null || email.isEmpty()) {
            throw new InvalidRequestException("email missing");
        }
        User user = User.findByEmail(email)
                .orElseThrow(() -> new LoginRejectedException(LoginRejectedException.Reason.UNKNOWN_EMAIL));
        String token = SessionToken.generate();
        UUID sessionId = opener.open(user.id, null, token, client, false, now).orElseThrow(AccessDeniedException::new);
        events.testLogin(user.id, sessionId, client.ipAddress());
        return new LoginResult(user, token, false);
    }

    public Optional<Duration> cookieLifetime() {
        return lifetimes.absoluteTimeout(false);
    }
}
