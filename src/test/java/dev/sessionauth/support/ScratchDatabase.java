package dev.sessionauth.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the test server, for running the real migrations from an older release onwards: created
 * before a test, dropped by {@link #close()} after it.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String serverUrl;
    private final String username;
    private final String password;
    private final String name;

    private ScratchDatabase(String serverUrl, String username, String password, String name) {
        this.serverUrl = serverUrl;
        this.username = username;
        this.password = password;
        this.name = name;
    }

    /** A new, empty database on the server of the test profile's datasource. */
    public static ScratchDatabase create() throws SQLException {
        Config config = ConfigProvider.getConfig();
        ScratchDatabase scratch = new ScratchDatabase(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null),
                "migration_" + UUID.randomUUID().toString().replace("-", ""));
        scratch.onServer("CREATE DATABASE " + scratch.name);
        return scratch;
    }

    /** The project's migrations on this database, up to {@code target} ("latest" for all of them). */
    public Flyway flyway(String target) {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(url(), username, password)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), username, password);
    }

    /** The test helpers' reads and writes, on this database. */
    public Database database() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url());
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return new Database(dataSource);
    }

    @Override
    public void close() throws SQLException {
        onServer("DROP DATABASE " + name + " WITH (FORCE)");
    }

    private void onServer(String sql) throws SQLException {
        try (Connection server = DriverManager.getConnection(serverUrl, username, password);
                Statement statement = server.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The test server's URL with this database in place of the configured one. */
    private String url() {
        try {
            URI server = URI.create(serverUrl.substring("jdbc:".length()));
            return "jdbc:" + new URI(server.getScheme(), server.getAuthority(), "/" + name, server.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
