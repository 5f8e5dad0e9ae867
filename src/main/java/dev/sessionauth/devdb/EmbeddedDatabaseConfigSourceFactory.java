package dev.sessionauth.devdb;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In dev and test mode, when no datasource URL is configured, starts an embedded PostgreSQL and points the
 * datasource at it, so {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need nothing installed or started.
 * Production never gets here: the prod profile must be given QUARKUS_DATASOURCE_JDBC_URL.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String LAUNCHER = "dev.sessionauth.devdb.EmbeddedPostgresLauncher";
    /** Below environment variables and application.properties, which win whenever they set a URL. */
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        if (!test && !profiles.contains("dev")) {
            return List.of();
        }
        ConfigValue configuredUrl = context.getValue(JDBC_URL);
        if (configuredUrl != null && configuredUrl.getValue() != null && !configuredUrl.getValue().isBlank()) {
            return List.of();
        }
        Map<String, String> datasource = launcher().start(test ? "test" : "dev", test);
        return List.of(new PropertiesConfigSource(datasource, "embedded-postgresql", ORDINAL));
    }

    /**
     * Looked up by name: the launcher needs io.zonky's embedded PostgreSQL, which packaged builds leave out, and a
     * native image must not link against it. Only JVM dev and test runs ever get here.
     */
    private static EmbeddedDatabase launcher() {
        try {
            return (EmbeddedDatabase) Class.forName(LAUNCHER).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("The embedded PostgreSQL is not on the classpath; set QUARKUS_DATASOURCE_JDBC_URL",
                    e);
        }
    }
}
