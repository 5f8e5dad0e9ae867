package dev.sessionauth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the integration tests run against: one embedded PostgreSQL, instances of the packaged service on it, and nginx
 * in front of them. Whatever it started, it stops in {@link #close()}, in reverse order.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@cluster.test";
    static final String ADMIN_PASSWORD = "cluster admin passphrase";

    final List<PackagedService> instances = new ArrayList<>();
    Nginx nginx;
    private EmbeddedPostgres postgres;

    private Cluster() {
    }

    /**
     * Starts {@code count} instances named instance-a, instance-b... with {@code extraEnvironment}, under
     * target/{@code name}/.
     */
    static Cluster start(String name, int count, Map<String, String> extraEnvironment) {
        return start(name, count, extraEnvironment, null);
    }

    /** The same, with nginx configured from {@code nginxTemplate} (null: bench/nginx.conf.template). */
    static Cluster start(String name, int count, Map<String, String> extraEnvironment, Path nginxTemplate) {
        Path directory = Path.of("target", name);
        Cluster cluster = new Cluster();
        try {
            Files.createDirectories(directory);
            cluster.postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Path.of("target", "embedded-postgresql", "binaries").toFile())
                    .setDataDirectory(directory.resolve("pg-data"))
                    .setCleanDataDirectory(true)
                    .setPort(FreePorts.next())
                    .start();
            Map<String, String> environment = new HashMap<>(Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://127.0.0.1:" + cluster.postgres.getPort() + "/postgres",
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                    "ADMIN_EMAIL", ADMIN_EMAIL,
                    "ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "BCRYPT_COST", "4",
                    "SESSION_COOKIE_SECURE", "false",
                    "DB_POOL_MAX_SIZE", "5"));
            environment.putAll(extraEnvironment);
            for (int i = 0; i < count; i++) {
                cluster.instances.add(PackagedService.start("instance-" + (char) ('a' + i), directory, environment));
            }
            for (PackagedService instance : cluster.instances) {
                instance.awaitReady();
            }
            cluster.nginx = nginxTemplate == null ? Nginx.start(directory.resolve("nginx"), cluster.instances)
                    : Nginx.start(directory.resolve("nginx"), cluster.instances, nginxTemplate);
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    PackagedService instance(int index) {
        return instances.get(index);
    }

    /** Runs a query on the cluster's database; each row as its columns' values. */
    List<List<Object>> query(String sql, Object... parameters) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int column = 1; column <= columns; column++) {
                            row.add(result.getObject(column));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (nginx != null) {
            nginx.close();
        }
        instances.forEach(PackagedService::close);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
