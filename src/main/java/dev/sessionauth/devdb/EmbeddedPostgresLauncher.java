package dev.sessionauth.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts at most one embedded PostgreSQL per purpose (dev, test) and JVM, under {@code target/embedded-postgresql/},
 * and stops it when the JVM exits. Live reload and test-profile restarts build the configuration again in the same
 * JVM; a system property remembers the running server so they reuse it, and continuous testing inside dev mode
 * gets its own throwaway server instead of the dev data.
 */
public final class EmbeddedPostgresLauncher implements EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);
    private static final String RUNNING_URL_PROPERTY = "dev.sessionauth.embedded-postgresql.%s.url";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final String LOCALE = "C.UTF-8";
    private static final Path BASE_DIRECTORY = Path.of("target", "embedded-postgresql");

    @Override
    public Map<String, String> start(String purpose, boolean throwaway) {
        synchronized (EmbeddedPostgresLauncher.class) {
            return startOnce(purpose, throwaway);
        }
    }

    private static Map<String, String> startOnce(String purpose, boolean throwaway) {
        String urlProperty = RUNNING_URL_PROPERTY.formatted(purpose);
        String running = System.getProperty(urlProperty);
        if (running != null) {
            return datasource(running);
        }
        Path directory = BASE_DIRECTORY.resolve(purpose);
        try {
            EmbeddedPostgres postgres = launch(directory, throwaway);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "embedded-postgresql-stop"));
            String url = postgres.getJdbcUrl(USER, DATABASE);
            System.setProperty(urlProperty, url);
            return datasource(url);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory.resolve("data")
                    .toAbsolutePath() + " (see its output above); set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL",
                    e);
        }
    }

    /**
     * Starts a server on {@code directory}/data with its binaries under {@code directory}/binaries, after stopping a
     * server that a killed JVM left running there (whose data a throwaway server then wipes).
     */
    static EmbeddedPostgres launch(Path directory, boolean throwaway) throws IOException {
        Path data = directory.resolve("data");
        Files.createDirectories(directory);
        OrphanedPostmaster.stopIfAny(data);
        if (throwaway) {
            // initdb needs an empty directory; only a JVM that died before deleting its data leaves one behind.
            deleteRecursively(data);
        }
        // Each server unpacks its own binaries: the unpacking is guarded by a file lock a JVM cannot take twice.
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(throwaway)
                // initdb --locale, not the environment's LANG: a UTF-8 locale as most production databases
                // have, under which lower() folds non-ASCII letters, so a comparison that depended on the
                // locale would show in tests. A dev data folder made earlier keeps the locale it was made with.
                .setLocaleConfig("locale", LOCALE)
                .start();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Map<String, String> datasource(String jdbcUrl) {
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", USER);
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("Could not stop the embedded PostgreSQL: %s", e.getMessage());
        }
    }
}
