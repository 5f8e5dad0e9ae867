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
 * embedded PostgreSQL cannot do: its bundle has no client tools, the machine's pg_dump refuses a newer server, and a
 * streaming standby needs pg_basebackup. Listens on 127.0.0.1 only, with trust authentication (replication included,
 * as initdb sets it up). initdb and pg_ctl refuse to run as root, so as root they run as user postgres (runuser), on a
 * data directory owned by postgres.
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

    /**
     * Whether the binaries the backup and failover tests run are installed (and, as root, runuser to run the server as
     * postgres). Debian's postgresql package brings them all.
     */
    static boolean installed() {
        return BIN != null
                && Stream.of("initdb", "pg_ctl", "pg_dump", "pg_restore", "createdb", "pg_basebackup")
                        .allMatch(tool -> Files.isExecutable(BIN.resolve(tool)))
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
        Path absolute = emptyServerDirectory(data);
        runAsServerUser(List.of(tool("initdb"), "-D", absolute.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8"));
        int port = FreePorts.next();
        appendConfiguration(absolute, "listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = ''",
                "fsync = off");
        return startServer(port, absolute);
    }

    /**
     * Creates and starts a streaming standby of this server in {@code data} (placed as {@link #start} places it), from
     * a base backup. It connects as {@code name}, the name {@link #requireSynchronousStandby} refers to.
     */
    ThrowawayPostgres startStandby(Path data, String name) {
        Path absolute = emptyServerDirectory(data);
        // -R writes standby.signal and primary_conninfo, the application name included.
        runAsServerUser(List.of(tool("pg_basebackup"), "-d", "host=127.0.0.1 port=" + port + " user=postgres "
                + "application_name=" + name, "-D", absolute.toString(), "-R", "-X", "stream", "-c", "fast"));
        int standbyPort = FreePorts.next();
        appendConfiguration(absolute, "port = " + standbyPort);
        return startServer(standbyPort, absolute);
    }

    /**
     * Makes the standby called {@code name} synchronous: from then on a commit here is acknowledged only once the
     * standby has flushed it, so the standby holds every acknowledged commit if this server dies.
     */
    void requireSynchronousStandby(String name) {
        execute("postgres", "ALTER SYSTEM SET synchronous_standby_names = '" + name + "'", "SELECT pg_reload_conf()");
        String state = "SELECT sync_state FROM pg_stat_replication WHERE application_name = '" + name + "'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // The server's processes take the new setting on their own time; nothing to be woken by.
        while (!column("postgres", state).equals(List.of("sync"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become synchronous: " + column("postgres", state));
            }
            pause(50);
        }
    }

    /** Stops the server as a crash would: every connection cut, no checkpoint ({@code pg_ctl stop -m immediate}). */
    void kill() {
        runAsServerUser(List.of(tool("pg_ctl"), "stop", "-D", data.toString(), "-m", "immediate", "-w"));
    }

    /** Ends a standby's recovery: it becomes a primary ({@code pg_ctl promote}, which waits until it has). */
    void promote() {
        runAsServerUser(List.of(tool("pg_ctl"), "promote", "-D", data.toString(), "-w"));
    }

    private static Path emptyServerDirectory(Path data) {
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
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendConfiguration(Path data, String... lines) {
        try {
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThrowawayPostgres startServer(int port, Path data) {
        runAsServerUser(List.of(tool("pg_ctl"), "start", "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                "-w"));
        return new ThrowawayPostgres(port, data);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    /** Stops the server unless it is stopped already (killed), and deletes its data. */
    @Override
    public void close() {
        if (Files.isRegularFile(data.resolve("postmaster.pid"))) {
            runAsServerUser(List.of(tool("pg_ctl"), "stop", "-D", data.toString(), "-m", "fast", "-w"));
        }
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
