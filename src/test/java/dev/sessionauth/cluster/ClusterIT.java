package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.sessionauth.session.SessionPurgeJob;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two instances of the packaged service on one PostgreSQL behind nginx round-robin: a session made on one instance
 * is good on the other, its end is seen by the other at once, and the purge runs once per interval across both. Each
 * answers health and metrics on its own management port only.
 */
@EnabledIf(value = "dev.sessionauth.cluster.Nginx#installed", disabledReason = "needs /usr/sbin/nginx (apt-get install nginx)")
class ClusterIT {

    private static final String COOKIE = "_my_session_id";
    private static final String PASSWORD = "cluster user passphrase";
    private static final String ME = "/api/v1/users/me";
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);
    /** What the lease allows between two runs: the interval less a tenth (see SessionPurgeJob). */
    private static final Duration PURGE_SPACING = Duration.ofMillis(900);
    private static final Pattern CLAIM = Pattern.compile("event=job_lease_claimed job=session-purge instance=(\\S+) "
            + "claimed_at=(\\S+)");

    private static Cluster cluster;
    private static PackagedService a;
    private static PackagedService b;

    @BeforeAll
    static void startCluster() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        cluster = Cluster.start("cluster-it", 2, Map.of("SESSION_PURGE_INTERVAL", "1s"));
        a = cluster.instance(0);
        b = cluster.instance(1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldAcceptASessionFromOneInstanceOnTheOther() {
        String email = createUser();

        String fromA = login(a.url(), email);
        given().baseUri(b.url()).cookie(COOKIE, fromA).get(ME).then().statusCode(200).body("email", equalTo(email));

        String fromB = login(b.url(), email);
        given().baseUri(a.url()).cookie(COOKIE, fromB).get(ME).then().statusCode(200).body("email", equalTo(email));

        String throughNginx = login(cluster.nginx.url(), email);
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Response response = given().baseUri(cluster.nginx.url()).cookie(COOKIE, throughNginx).get(ME);
            response.then().statusCode(200).body("email", equalTo(email));
            answeredBy.add(response.header("X-Upstream"));
        }
        assertEquals(Set.of(upstream(a), upstream(b)), answeredBy);
    }

    @Test
    void shouldRefuseOnOneInstanceASessionLoggedOutOnTheOther() {
        String email = createUser();
        String token = login(a.url(), email);
        given().baseUri(b.url()).cookie(COOKIE, token).get(ME).then().statusCode(200);

        given().baseUri(a.url()).cookie(COOKIE, token).delete("/api/v1/auth_session/logout").then().statusCode(200);

        given().baseUri(b.url()).cookie(COOKIE, token).get(ME).then().statusCode(403)
                .body("error", equalTo("Forbidden"));
        assertEquals(0L, sessionsOf(email));
    }

    @Test
    void shouldRefuseOnOneInstanceASessionRevokedOnTheOther() {
        String email = createUser();
        String kept = login(a.url(), email);
        String revoked = login(b.url(), email);
        String revokedId = given().baseUri(b.url()).cookie(COOKIE, revoked).get("/api/v1/auth_session/sessions")
                .then().statusCode(200)
                .extract().path("find { it.current }.id");

        given().baseUri(a.url()).cookie(COOKIE, kept).delete("/api/v1/auth_session/sessions/" + revokedId)
                .then().statusCode(200);

        given().baseUri(b.url()).cookie(COOKIE, revoked).get(ME).then().statusCode(403)
                .body("error", equalTo("Forbidden"));
        given().baseUri(b.url()).cookie(COOKIE, kept).get(ME).then().statusCode(200);
        assertEquals(1L, sessionsOf(email));
    }

    @Test
    void shouldServeHealthAndMetricsOnlyOnEachInstancesManagementPort() {
        for (PackagedService instance : List.of(a, b)) {
            given().baseUri(instance.managementUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri(instance.managementUrl()).get("/q/metrics").then().statusCode(200)
                    .body(containsString("sessionauth_sessions_active"));
            given().baseUri(instance.url()).get("/q/metrics").then().statusCode(404).body("error", equalTo("Not found"));
        }
        given().baseUri(cluster.nginx.url()).get("/q/health/ready").then().statusCode(404);
        given().baseUri(cluster.nginx.url()).get("/q/metrics").then().statusCode(404)
                .body("error", equalTo("Not found"));
    }

    @Test
    void shouldAlternateBetweenInstancesThroughNginx() {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response response = given().baseUri(cluster.nginx.url()).get("/api/v1/status");
            response.then().statusCode(200).body("status", equalTo("OK"));
            answeredBy.add(response.header("X-Upstream"));
        }
        assertEquals(Set.of(upstream(a), upstream(b)), Set.copyOf(answeredBy), answeredBy.toString());
        for (int i = 1; i < answeredBy.size(); i++) {
            assertNotEquals(answeredBy.get(i - 1), answeredBy.get(i), "round-robin: " + answeredBy);
        }
    }

    @Test
    void shouldPurgeOncePerIntervalAcrossBothInstances() {
        String email = createUser();
        UUID userId = UUID.fromString(given().baseUri(a.url()).auth().preemptive().basic(email, PASSWORD).get(ME)
                .then().statusCode(200).extract().path("id"));
        UUID expired = UUID.randomUUID();
        cluster.query("""
                INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
                VALUES (?, sha256(?::bytea), ?, now() - interval '2 hours', now() - interval '2 hours',
                        now() - interval '1 hour')""", expired, expired.toString(), userId);
        int claimsBefore = claims().size();

        // Both instances fire every second; a few intervals show whether they take turns or both run each time. The
        // condition is checked again at each line the instances print (every run logs its claim).
        ProcessOutput.awaitUntil(() -> claims().size() >= claimsBefore + 5
                && cluster.query("SELECT 1 FROM user_sessions WHERE id = ?", expired).isEmpty(), Duration.ofSeconds(60),
                "five more purge runs and the expired session gone");

        List<Claim> claims = claims();
        for (int i = 1; i < claims.size(); i++) {
            Duration gap = Duration.between(claims.get(i - 1).at(), claims.get(i).at());
            assertTrue(gap.compareTo(PURGE_SPACING) >= 0, "two runs within one interval: " + claims.get(i - 1) + " and "
                    + claims.get(i));
        }
        assertTrue(claims.size() >= 5, "purge runs: " + claims);
        Claim last = claims.get(claims.size() - 1);
        List<Object> lease = cluster.query("SELECT last_run_by, last_run_at, next_run_at FROM job_leases "
                + "WHERE name = 'session-purge'").get(0);
        // The instances may have claimed again since the logs were read: the row holds this claim or a later one.
        assertTrue(Set.of(a.name, b.name).contains((String) lease.get(0)), lease.toString());
        Instant lastRunAt = instant(lease.get(1));
        assertFalse(lastRunAt.isBefore(last.at()), lease + " vs " + last);
        assertEquals(lastRunAt.plus(PURGE_SPACING), instant(lease.get(2)));
        // Each instance logs the purge's own line for each run it claimed (a run just claimed may not have finished).
        for (PackagedService instance : List.of(a, b)) {
            long claimed = claims.stream().filter(claim -> claim.instance().equals(instance.name)).count();
            long purged = instance.logLines("event=sessions_purged").size();
            assertTrue(purged >= claimed - 1 && purged <= claimed + 1, instance.name + ": " + claimed
                    + " claims, " + purged + " purges");
        }
    }

    /** Every purge run either instance has logged so far, in order. */
    private static List<Claim> claims() {
        List<Claim> claims = new ArrayList<>();
        for (PackagedService instance : List.of(a, b)) {
            for (String line : instance.logLines("event=job_lease_claimed")) {
                Matcher matcher = CLAIM.matcher(line);
                if (matcher.find()) {
                    claims.add(new Claim(matcher.group(1), Instant.parse(matcher.group(2))));
                }
            }
        }
        claims.sort(Comparator.comparing(Claim::at));
        return claims;
    }

    /** A timestamptz as the driver returns it for getObject. */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) value).toInstant();
    }

    private record Claim(String instance, Instant at) {
    }

    private static String createUser() {
        String email = "user-" + UUID.randomUUID() + "@cluster.test";
        given().baseUri(a.url()).auth().preemptive().basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD)
                .contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(201);
        return email;
    }

    private static String login(String url, String email) {
        return given().baseUri(url).formParam("email", email).formParam("password", PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200).body("email", equalTo(email))
                .extract().cookie(COOKIE);
    }

    private static long sessionsOf(String email) {
        return ((Number) cluster.query("SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE u.email = ?", email).get(0).get(0)).longValue();
    }

    private static String upstream(PackagedService instance) {
        return "127.0.0.1:" + instance.port;
    }
}
