package dev.sessionauth.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * What the embedded PostgreSQL launcher does with a server still running on its data directory: one left by a JVM that
 * died (kill -9 of dev mode) is stopped and its data used, one whose JVM is alive is left alone.
 */
class OrphanedPostmasterTest {

    private static final Path DIRECTORY = Path.of("target", "embedded-postgresql", "orphan-test");
    private static final Path DATA = DIRECTORY.resolve("data");

    /** pg_ctl of the binaries the launcher unpacked, known once a server has run. */
    private Path pgCtl;

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        if (pgCtl != null && Files.exists(DATA.resolve("postmaster.pid"))) {
            pgCtl(pgCtl, "stop", "-D", DATA.toString(), "-m", "immediate", "-w");
        }
    }

    @Test
    void shouldStopAServerLeftByADeadJvmAndStartOnItsData() throws Exception {
        // Given the dev data directory with a table in it, and a server on it that no JVM owns any more
        try (EmbeddedPostgres first = EmbeddedPostgresLauncher.launch(DIRECTORY, false)) {
            execute(first, "DROP TABLE IF EXISTS marker", "CREATE TABLE marker (id int)");
            pgCtl = postmasterBinary().resolveSibling("pg_ctl");
        }
        ProcessHandle orphan = startOrphan();

        // When the launcher starts a server on that directory again
        try (EmbeddedPostgres again = EmbeddedPostgresLauncher.launch(DIRECTORY, false)) {

            // Then the orphan has been stopped and the new server serves the same data
            assertFalse(runs(orphan), "the orphaned postmaster " + orphan.pid() + " still runs");
            assertEquals(List.of("marker"), tables(again));
        }
    }

    @Test
    void shouldWipeTheDataOfAThrowawayServerLeftByADeadJvm() throws Exception {
        // Given a test data directory that a killed test run left behind, its server still running
        try (EmbeddedPostgres first = EmbeddedPostgresLauncher.launch(DIRECTORY, false)) {
            execute(first, "DROP TABLE IF EXISTS marker", "CREATE TABLE marker (id int)");
            pgCtl = postmasterBinary().resolveSibling("pg_ctl");
        }
        ProcessHandle orphan = startOrphan();

        // When the launcher starts a throwaway server there
        try (EmbeddedPostgres again = EmbeddedPostgresLauncher.launch(DIRECTORY, true)) {

            // Then the orphan is gone and the new server starts from an empty database
            assertFalse(runs(orphan), "the orphaned postmaster " + orphan.pid() + " still runs");
            assertEquals(List.of(), tables(again));
        }
    }

    @Test
    void shouldLeaveAServerAloneWhileItsJvmUsesIt() throws Exception {
        // Given a server this JVM started and still uses
        try (EmbeddedPostgres owner = EmbeddedPostgresLauncher.launch(DIRECTORY, false)) {
            pgCtl = postmasterBinary().resolveSibling("pg_ctl");

            // When another start on the same directory is attempted
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedPostgresLauncher.launch(DIRECTORY, false));

            // Then it is refused with what to do, and the running server still serves
            assertTrue(refused.getMessage().contains("is in use by another running JVM"), refused.getMessage());
            execute(owner, "SELECT 1");
        }
    }

    /** Starts a postmaster on the data directory the way pg_ctl would leave it after its JVM was killed. */
    private ProcessHandle startOrphan() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        pgCtl(pgCtl, "start", "-D", DATA.toString(), "-o", "-p " + port + " -F", "-l",
                DIRECTORY.resolve("orphan.log").toString(), "-w");
        ProcessHandle orphan = ProcessHandle.of(postmasterPid()).orElseThrow();
        assertTrue(runs(orphan), "the orphan runs");
        return orphan;
    }

    /**
     * Whether the process still runs a program. Not {@link ProcessHandle#isAlive()}: an ended postmaster stays a zombie
     * until init reaps it, and a zombie has no executable any more.
     */
    private static boolean runs(ProcessHandle process) {
        return process.isAlive() && process.info().command().isPresent();
    }

    private static long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(DATA.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0));
    }

    /** The postgres executable of the server running on the data directory. */
    private static Path postmasterBinary() throws IOException {
        return Path.of(ProcessHandle.of(postmasterPid()).orElseThrow().info().command().orElseThrow());
    }

    private static void execute(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> tables(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            List<String> tables = new ArrayList<>();
            while (result.next()) {
                tables.add(result.getString(1));
            }
            return tables;
        }
    }

    /** Runs pg_ctl as io.zonky does: as root inside a user namespace of its own, since pg_ctl refuses root. */
    private static void pgCtl(Path pgCtl, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(List.of(arguments));
        Path output = DIRECTORY.resolve("pg_ctl.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + Files.readString(output));
        }
    }
}
