package dev.sessionauth.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Finds and stops an embedded PostgreSQL that a JVM left running when it died without its shutdown hooks (kill -9 of
 * dev mode or of a test run): the server keeps its data directory locked, so no new one could start there.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanedPostmaster.class);
    /** The file io.zonky's EmbeddedPostgres keeps locked for as long as its JVM uses the data directory. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private OrphanedPostmaster() {
    }

    /**
     * Stops the server running on {@code dataDirectory} if no live JVM owns it any more. Fails if one does: the data
     * directory is in use, and that server must stay.
     */
    static void stopIfAny(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        // The kernel releases a dead process's file locks, so a lock free for the taking means the owning JVM is gone.
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock ownerLock = tryLock(channel)) {
            if (ownerLock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                        + " is in use by another running JVM (dev mode or tests started twice in this directory?): stop"
                        + " that one first, or set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL");
            }
            Optional<ProcessHandle> postmaster = postmaster(pidFile, dataDirectory);
            if (postmaster.isPresent()) {
                stop(postmaster.get(), dataDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check " + dataDirectory.toAbsolutePath() + " for a PostgreSQL left "
                    + "running", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very JVM: in use as much as when another process holds it.
            return null;
        }
    }

    /**
     * The live process whose PID is the first line of postmaster.pid, if it is a postgres working in our data
     * directory; anything else (a dead PID, a PID reused by another program) is left to PostgreSQL's own start-up check.
     */
    private static Optional<ProcessHandle> postmaster(Path pidFile, Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(Path::of)
                        .filter(command -> "postgres".equals(command.getFileName().toString())).isPresent())
                .filter(process -> worksIn(process, dataDirectory));
    }

    /** The postmaster makes its data directory its working directory. Linux only, like the embedded binaries. */
    private static boolean worksIn(ProcessHandle process, Path dataDirectory) {
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), dataDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /** pg_ctl's fast shutdown with the server's own binaries: ends the sessions, checkpoints, removes the pid file. */
    private static void stop(ProcessHandle postmaster, Path dataDirectory) throws IOException {
        Path pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        // As io.zonky runs it: pg_ctl refuses to run as root, and in a user namespace of its own it is not root.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t",
                Long.toString(STOP_TIMEOUT_SECONDS)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("A PostgreSQL (PID " + postmaster.pid() + ") left running by an ended JVM"
                        + " holds " + dataDirectory.toAbsolutePath() + " and could not be stopped (" + output
                        + "); stop it with: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL " + postmaster.pid(), e);
        }
        LOG.warnf("Stopped the PostgreSQL (PID %d) that an ended JVM left running on %s", postmaster.pid(),
                dataDirectory.toAbsolutePath());
    }
}
