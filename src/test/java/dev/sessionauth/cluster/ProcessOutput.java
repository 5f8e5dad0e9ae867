package dev.sessionauth.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The output of a process the tests started, read line by line as it comes and copied to a log file. Waits for what
 * the processes print are woken by each new line of any of them, never by a timer.
 */
final class ProcessOutput {

    /** Notified on every line of every process, so one wait can watch several. */
    private static final Object NEW_LINE = new Object();

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private ProcessOutput(Process process) {
        this.process = process;
    }

    /** Starts copying the (merged) output of {@code process} to {@code log}. */
    static ProcessOutput follow(Process process, Path log, String name) {
        ProcessOutput output = new ProcessOutput(process);
        Thread reader = new Thread(() -> output.copy(log), name + "-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private void copy(Path log) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                file.write(line);
                file.write('\n');
                file.flush();
                lines.add(line);
                signal();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ended = true;
            signal();
        }
    }

    private static void signal() {
        synchronized (NEW_LINE) {
            NEW_LINE.notifyAll();
        }
    }

    /** The lines so far that contain {@code text}. */
    List<String> lines(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    /** Waits until this process prints a line containing {@code text}; fails if it ends first or time runs out. */
    void awaitLine(String text, Duration timeout, String what) {
        awaitUntil(() -> {
            if (ended && lines(text).isEmpty()) {
                throw new IllegalStateException(what + " ended (exit " + exitValue() + ") before printing \"" + text
                        + "\"");
            }
            return !lines(text).isEmpty();
        }, timeout, what + " to print \"" + text + "\"");
    }

    private String exitValue() {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Waits until {@code condition} holds, checking it again whenever any followed process prints a line (the
     * condition may also look elsewhere, e.g. in the database, as long as what it waits for comes with output).
     */
    static void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (NEW_LINE) {
            while (!condition.getAsBoolean()) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
                }
                try {
                    NEW_LINE.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
