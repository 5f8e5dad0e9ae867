package dev.sessionauth.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
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
}
