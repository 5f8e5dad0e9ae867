package dev.sessionauth.user;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolationException;

import org.jboss.logging.Logger;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.RequestViolations;
import io.quarkus.runtime.StartupEvent;

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD at start-up; an existing user is never changed. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final SessionAuthConfig.Admin admin;
    private final UserService userService;
    private final Clock clock;

    public AdminBootstrap(SessionAuthConfig config, UserService userService, Clock clock) {
        this.admin = config.admin();
        this.userService = userService;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        ensureAdmin();
    }

    /** Creates the configured administrator unless a user with that email already exists. */
    public void ensureAdmin() {
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            LOG.debug("No ADMIN_EMAIL/ADMIN_PASSWORD configured: no bootstrap administrator");
            return;
        }
        String email = admin.email().get();
        // The log names the account by id only: emails are personal data, and logs travel further than the database.
        Optional<User> existing = User.findByEmail(email);
        if (existing.isPresent()) {
            LOG.debugf("Bootstrap administrator %s already exists; left unchanged", existing.get().id);
            return;
        }
        try {
            User created = userService.create(new CreateUserRequest(email, admin.password().get(), null, null), Role.ADMIN,
                    null, clock.instant());
            LOG.infof("Created bootstrap administrator %s", created.id);
        } catch (ConstraintViolationException rejected) {
            throw refused(RequestViolations.firstMessage(rejected));
        } catch (InvalidRequestException rejected) {
            // Another instance may have created it first; anything else is a configuration error worth stopping for.
            if (User.findByEmail(email).isEmpty()) {
                throw refused(rejected.getMessage());
            }
        }
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("Cannot create the bootstrap administrator: " + why);
    }
}
