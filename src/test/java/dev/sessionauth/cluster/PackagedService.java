package dev.sessionauth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service (target/quarkus-app/quarkus-run.jar) in its own JVM, on a free application port
 * and a free management port (health, metrics), its output followed and copied to a log file; stopped by whoever
 * started it, by its process handle.
 */
final class PackagedService implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final int managementPort;
    final Path log;
    private final Process process;
    private final ProcessOutput output;

    private PackagedService(String name, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
        this.output = ProcessOutput.follow(process, log, name);
    }

    /** Starts the instance; call {@link #awaitReady()} before sending it requests. */
    static PackagedService start(String name, Path workDirectory, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("quarkus-app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the integration tests run after `package`");
        }
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        Path log = workDirectory.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM options the container image ships (src/main/docker/Dockerfile.jvm).
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx64m", "-jar", jar.toString())
                .redirectErrorStream(true);
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("INSTANCE_ID", name);
        try {
            // Its log goes there: a missing folder would stop the output follower, and the start-up line with it.
            Files.createDirectories(workDirectory);
            return new PackagedService(name, port, managementPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where health and metrics answer (on loopback, the service's default for its management interface). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Waits for Quarkus's start-up line, printed once the database is migrated and both ports are open. */
    void awaitReady() {
        output.awaitLine("Listening on: " + url() + ". Management interface listening on " + managementUrl() + ".",
                START_TIMEOUT, name);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            int status = HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException(name + " started but is not ready (" + status + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The instance's log lines so far that contain {@code text}. */
    List<String> logLines(String text) {
        return output.lines(text);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
