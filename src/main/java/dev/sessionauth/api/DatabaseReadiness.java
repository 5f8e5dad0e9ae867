package dev.sessionauth.api;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: whether a request could get a working database connection now. It replaces the Agroal extension's check
 * (quarkus.datasource.health.enabled=false), which validates whichever pooled connection it picks and reports DOWN
 * when that one is dead: after a failover or a restart it said DOWN once per connection left from before, taking the
 * instance out of rotation while requests, which the pool hands only checked connections, were served. This check
 * takes its connection the way requests do.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    /** The name and data key the Agroal check used, so that whatever reads the answer keeps working. */
    static final String NAME = "Database connections health check";
    private static final String DATASOURCE = "<default>";
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return HealthCheckResponse.named(NAME).up().withData(DATASOURCE, "UP").build();
            }
            return down("the database did not answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return down("no connection: " + e.getMessage());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData(DATASOURCE, reason).build();
    }
}
