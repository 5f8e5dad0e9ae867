package dev.sessionauth.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts one embedded PostgreSQL per JVM, under {@code target/embedded-postgresql/}, and stops it when the JVM
 * exits. Live reload and test-profile restarts build the configuration again in the same JVM; a system property
 * remembers the running server so they reuse it.
 */
final class EmbeddedPostgresLauncher {

    /** How to reach the embedded server. */
    record Connection(String jdbcUrl, String username, String password) {
    }

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);
    private static final String RUNNING_URL_PROPERTY = "dev.sessionauth.embedded-postgresql.url";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Path BASE_DIRECTORY = Path.of("target", "embedded-postgresql");

    private EmbeddedPostgresLauncher() {
    }

    /**
     * @param name folder for this server's data under target/embedded-postgresql
     * @param throwaway whether the data is wiped at start and at exit (tests) or kept across runs (dev mode)
     */
    static synchronized Connection start(String name, boolean throwaway) {
        String running = System.getProperty(RUNNING_URL_PROPERTY);
        if (running != null) {
            return new Connection(running, USER, USER);
        }
        try {
            Files.createDirectories(BASE_DIRECTORY);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(BASE_DIRECTORY.resolve("binaries").toFile())
                    .setDataDirectory(BASE_DIRECTORY.resolve(name))
                    .setCleanDataDirectory(throwaway)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "embedded-postgresql-stop"));
            String url = postgres.getJdbcUrl(USER, DATABASE);
            System.setProperty(RUNNING_URL_PROPERTY, url);
            return new Connection(url, USER, USER);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + BASE_DIRECTORY.toAbsolutePath()
                    + "; set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL", e);
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("Could not stop the embedded PostgreSQL: %s", e.getMessage());
        }
    }
}
