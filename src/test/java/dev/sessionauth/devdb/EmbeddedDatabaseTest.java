package dev.sessionauth.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Database;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EmbeddedDatabaseTest {

    @Inject
    Database database;

    @Test
    void shouldRunTheTestsOnADatabaseWithAUtf8Locale() {
        assertEquals("C.UTF-8", database.single("SELECT datctype FROM pg_database WHERE datname = current_database()"));
        assertEquals("C.UTF-8", database.single("SELECT datcollate FROM pg_database WHERE datname = current_database()"));
        assertEquals("UTF8", database.single("SHOW server_encoding"));
        // Under this locale lower() folds far more than ASCII, the setting in which a lookup through lower() could
        // reach an account that a Java-side key kept apart; the tests run where that difference would show.
        assertEquals("kim", database.single("SELECT lower(?)", "K\u0130M"));
    }
}
