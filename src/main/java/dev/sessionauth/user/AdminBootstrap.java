package dev.sessionauth.user;

import java.time.Clock;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.sessionauth.api.InvalidRequestException;
import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.runtime.StartupEvent;

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD at start-up; an existing user is never changed. */
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent event, SessionAuthConfig config, UserService userService, Clock clock) {
        SessionAuthConfig.Admin admin = config.admin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            LOG.debug("No ADMIN_EMAIL/ADMIN_PASSWORD configured: no bootstrap administrator");
            return;
        }
        if (User.findByEmail(admin.email().get()).isPresent()) {
            LOG.infof("Bootstrap administrator %s already exists; left unchanged", admin.email().get());
            return;
        }
        try {
            User created = userService.create(new CreateUserRequest(admin.email().get(), admin.password().get(), null, null),
                    Role.ADMIN, clock.instant());
            LOG.infof("Created bootstrap administrator %s (%s)", created.email, created.id);
        } catch (InvalidRequestException rejected) {
            // Another instance may have created it first; anything else is a configuration error worth stopping for.
            if (User.findByEmail(admin.email().get()).isEmpty()) {
                throw new IllegalStateException("Cannot create the bootstrap administrator: " + rejected.getMessage());
            }
        }
    }
}
