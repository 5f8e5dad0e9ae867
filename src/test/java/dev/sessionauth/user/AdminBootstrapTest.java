package dev.sessionauth.user;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminBootstrapTest {

    @Inject
    AdminBootstrap bootstrap;

    @Inject
    Database database;

    @Test
    void shouldCreateTheConfiguredAdministratorOnce() {
        assertEquals("ADMIN", database.single("SELECT role FROM users WHERE email = ?", Api.ADMIN_EMAIL));
        List<Object> before = database.column("SELECT password_hash || updated_at::text FROM users WHERE email = ?",
                Api.ADMIN_EMAIL);

        bootstrap.ensureAdmin();

        assertEquals(1, database.count("SELECT count(*) FROM users WHERE email = ?", Api.ADMIN_EMAIL));
        assertEquals(before, database.column("SELECT password_hash || updated_at::text FROM users WHERE email = ?",
                Api.ADMIN_EMAIL), "never overwritten");
    }

    @Test
    void shouldNameTheAdministratorByIdOnlyInTheLog() {
        // Deleted, so that the next start (called here) creates it again, as it would in production.
        database.update("DELETE FROM users WHERE lower(email) = lower(?)", Api.ADMIN_EMAIL);

        try (LogCapture log = LogCapture.of(AdminBootstrap.class)) {
            bootstrap.ensureAdmin();
            bootstrap.ensureAdmin();

            String id = database.single("SELECT id::text FROM users WHERE lower(email) = lower(?)", Api.ADMIN_EMAIL)
                    .toString();
            assertThat(log.lines(), hasItem(containsString("Created bootstrap administrator " + id)));
            assertThat(log.lines(), hasItem(containsString("Bootstrap administrator " + id + " already exists")));
            assertThat(log.lines(), everyItem(not(containsString(Api.ADMIN_EMAIL))));
        }
    }
}
