package dev.sessionauth.outage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A PostgreSQL of its own for the outage test, which stops it and starts it again on the same port and data. */
public class RestartablePostgres implements QuarkusTestResourceLifecycleManager {

    private static final Path DIRECTORY = Path.of("target", "embedded-postgresql", "outage");

    private static EmbeddedPostgres postgres;
    private static int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        deleteRecursively(DIRECTORY.resolve("data"));
        postgres = launch();
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        stopDatabase();
    }

    static synchronized void stopDatabase() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    static synchronized void startDatabase() {
        if (postgres == null) {
            postgres = launch();
        }
    }

    /** Never a clean data directory: that would also delete the data when the server stops. */
    private static EmbeddedPostgres launch() {
        try {
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(DIRECTORY.resolve("binaries").toFile())
                    .setDataDirectory(DIRECTORY.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
