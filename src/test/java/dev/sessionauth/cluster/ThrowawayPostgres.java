package dev.sessionauth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway cluster of the machine's own PostgreSQL (Debian's, found with {@code pg_config --bindir}), for what the
 * embedded PostgreSQL cannot do: its bundle has no client tools, and the machine's pg_dump refuses a newer server.
 * Listens on 127.0.0.1 only, with trust authentication. initdb and pg_ctl refuse to run as root, so as root they run as
 * user postgres (runuser), on a data directory owned by postgres.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final Path RUNUSER = Path.of("/usr/sbin/runuser");
    private static final Path BIN = binDirectory();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    final int port;
    private final Path data;

    private ThrowawayPostgres(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    /** Whether the binaries the backup test runs are installed (and, as root, runuser to run the server as postgres). */
    static boolean installed() {
        return BIN != null
                && Stream.of("initdb", "pg_ctl", "pg_dump", "pg_restore", "createdb").allMatch(tool -> Files.isExecutable(
                        BIN.resolve(tool)))
                && (!ROOT || Files.isExecutable(RUNUSER));
    }

    /** The path of one of the binaries, e.g. {@code pg_dump}. */
    static String tool(String name) {
        return BIN.resolve(name).toString();
    }

    /**
     * Creates and starts a new cluster in {@code data}, first stopping and deleting what a killed run left there. As
     * root the cluster lives in the temporary directory instead, under a name derived from {@code data}: user
     * postgres may not be able to reach the checkout (a clone in a private temporary directory, a home directory).
     */
    static ThrowawayPostgres start(Path data) {
        Path absolute = ROOT ? reachableByServerUser(data.toAbsolutePath()) : data.toAbsolutePath();
        try {
            if (Files.isRegularFile(absolute.resolve("postmaster.pid"))) {
                runAsServerUser(List.of(tool("pg_ctl"), "stop", "-D", absolute.toString(), "-m", "immediate", "-w"));
            }
            deleteRecursively(absolute);
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            if (ROOT) {
                UserPrincipal postgres = absolute.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(absolute, postgres);
            }
            runAsServerUser(List.of(tool("initdb"), "-D", absolute.toString(), "-U", "postgres", "-A", "trust", "-E",
                    "UTF8"));
            int port = FreePorts.next();
            Files.writeString(absolute.resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = ''",
                    "fsync = off",
                    ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            runAsServerUser(List.of(tool("pg_ctl"), "start", "-D", absolute.toString(), "-l",
                    absolute.resolve("server.log").toString(), "-w"));
            return new ThrowawayPostgres(port, absolute);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs statements one by one, outside a transaction (CREATE DATABASE needs that), as the superuser. */
    void execute(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row {@code query} answers in {@code database}, as text. */
    List<String> column(String database, String query) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        runAsServerUser(List.of(tool("pg_ctl"), "stop", "-D", data.toString(), "-m", "fast", "-w"));
        try {
            deleteRecursively(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same directory on every run for the same {@code data}, so a later run finds what a killed one left. */
    private static Path reachableByServerUser(Path data) {
        return Path.of(System.getProperty("java.io.tmpdir"), "session-auth-pg-" + Integer.toHexString(data.hashCode()));
    }

    /** Runs a command and waits for it; fails with its output if it fails or takes more than a minute. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Only short-lived tools run here; their little output fits in the pipe until they exit.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void runAsServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of(RUNUSER.toString(), "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static Path binDirectory() {
        try {
            return Path.of(run(List.of("pg_config", "--bindir")).strip());
        } catch (RuntimeException e) {
            return null;
        }
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
}
