package dev.sessionauth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx, unprivileged, configured from bench/nginx.conf.template (the one bench/cluster.sh uses) with its
 * pid, logs and temporary files in a directory of the test's own.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path TEMPLATE = Path.of(System.getProperty("nginx.template", "bench/nginx.conf.template"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    final int port;
    final int appPort;
    private final Process process;
    private final ProcessOutput output;

    private Nginx(int port, int appPort, Path directory, Process process) {
        this.port = port;
        this.appPort = appPort;
        this.process = process;
        this.output = ProcessOutput.follow(process, directory.resolve("nginx.out"), "nginx");
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx balancing over {@code upstreams} and waits until it accepts connections. */
    static Nginx start(Path directory, List<PackagedService> upstreams) {
        return start(directory, upstreams, TEMPLATE);
    }

    /**
     * Started as root, nginx runs its workers as nobody, who cannot write the cache and temporary files when the
     * checkout lies in a directory only its owner may enter (`mktemp -d` makes one, mode 0700): GroupCacheIT then
     * got nginx's own 500 on every cache miss. The workers stay the user who runs the tests.
     */
    private static String workerUser() {
        return "root".equals(System.getProperty("user.name")) ? " user root;" : "";
    }

    /** The same, configured from another template with the same placeholders. */
    static Nginx start(Path directory, List<PackagedService> upstreams, Path template) {
        int port = FreePorts.next();
        int appPort = FreePorts.next();
        try {
            Files.createDirectories(directory);
            String servers = upstreams.stream().map(service -> "        server 127.0.0.1:" + service.port + ";")
                    .collect(Collectors.joining("\n"));
            String config = Files.readString(template)
                    .replace("__DIR__", directory.toAbsolutePath().toString())
                    .replace("__UPSTREAM_SERVERS__", servers)
                    .replace("__LISTEN_PORT__", Integer.toString(port))
                    .replace("__APP_PORT__", Integer.toString(appPort));
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(conf, config);
            // Notices on stderr as well: the master says "start worker process" once its sockets are bound.
            Process process = new ProcessBuilder(BINARY.toString(), "-p", directory.toAbsolutePath().toString(), "-c",
                    conf.toAbsolutePath().toString(), "-g", "daemon off; error_log stderr notice;" + workerUser())
                    .redirectErrorStream(true)
                    .start();
            Nginx nginx = new Nginx(port, appPort, directory, process);
            try {
                nginx.output.awaitLine("start worker process", START_TIMEOUT, "nginx");
            } catch (IllegalStateException e) {
                nginx.close();
                throw e;
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGTERM is nginx's fast shutdown: the master stops its workers and exits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
