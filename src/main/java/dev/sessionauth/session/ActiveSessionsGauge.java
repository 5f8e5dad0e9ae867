package dev.sessionauth.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The sessionauth_sessions_active gauge: sessions not yet expired, counted in PostgreSQL when metrics are
 * scraped, so every instance reports the same shared number. The count uses the expiry indexes.
 */
@ApplicationScoped
public class ActiveSessionsGauge {

    private static final Logger LOG = Logger.getLogger(ActiveSessionsGauge.class);

    private static final String COUNT_ACTIVE = """
            SELECT count(*) FROM user_sessions
            WHERE (expires_at IS NULL OR expires_at > ?)
            AND ((NOT remember AND last_seen_at > ?) OR (remember AND last_seen_at > ?))""";

    private final DataSource dataSource;
    private final Clock clock;
    private final SessionLifetimes lifetimes;

    public ActiveSessionsGauge(DataSource dataSource, Clock clock, SessionLifetimes lifetimes) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("sessionauth.sessions.active", this, ActiveSessionsGauge::count)
                .description("Sessions that have not expired")
                .register(registry);
    }

    double count() {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT_ACTIVE)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(lifetimes.idleCutoff(false, now)));
            statement.setTimestamp(3, Timestamp.from(lifetimes.idleCutoff(true, now)));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            // A scrape during a database outage reports "no value" rather than failing the whole scrape.
            LOG.debugf("Cannot count active sessions: %s", e.getMessage());
            return Double.NaN;
        }
    }
}
