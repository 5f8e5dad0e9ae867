package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The packaged service on a primary and a synchronous standby of the machine's PostgreSQL, reaching them through a
 * two-host JDBC URL with targetServerType=primary (application-docs/operations.md, "Failover"). Under a steady load of
 * logins, /users/me and logouts, the primary is stopped as a crash stops it, and the test promotes the standby as an
 * operator's tool would. No acknowledged login is lost, no acknowledged logout revived, every answer in between is
 * one the contract allows, and the same service process answers normally again soon after the new primary takes
 * writes.
 */
@EnabledIf(value = "dev.sessionauth.cluster.ThrowawayPostgres#installed", disabledReason = "needs PostgreSQL's server binaries and pg_basebackup (pg_config --bindir)")
class FailoverIT {

    private static final Path DIRECTORY = Path.of("target", "failover-it");
    private static final String ADMIN_EMAIL = "admin@failover.test";
    private static final String ADMIN_PASSWORD = "failover admin passphrase";
    private static final String PASSWORD = "failover user passphrase";
    private static final int CLIENTS = 4;
    private static final int USERS_PER_CLIENT = 10;
    /** Sessions kept and ended before the primary dies: what the failover must not lose or revive. */
    private static final int SESSIONS_BEFORE_KILL = 10;
    /** The time without a primary before the promotion (a monitor's decision). */
    private static final Duration NO_PRIMARY = Duration.ofSeconds(2);
    /** The bound: the last 503 ends within this time after the new primary takes its first write. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    /** After the promotion the load runs until it has seen this long without a 503 (at most the bound plus this). */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /**
     * The pool's wait for a connection, longer than its default (5 s) so that a 503 that waited for it would stand out:
     * without a primary, a 503 comes from a connection attempt that failed at once, well within QUICK.
     */
    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUICK = Duration.ofSeconds(10);

    private static ThrowawayPostgres primary;
    private static ThrowawayPostgres standby;
    private static PackagedService service;

    @BeforeAll
    static void startPrimaryStandbyAndService() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        primary = ThrowawayPostgres.start(DIRECTORY.resolve("primary"));
        primary.execute("postgres", "CREATE ROLE sessionauth LOGIN", "CREATE DATABASE sessionauth OWNER sessionauth");
        standby = primary.startStandby(DIRECTORY.resolve("standby"), "standby");
        primary.requireSynchronousStandby("standby");
        service = PackagedService.start("failover", DIRECTORY, Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + primary.port + ",127.0.0.1:"
                        + standby.port + "/sessionauth?targetServerType=primary"),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "sessionauth"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", "unused-trust-authentication"),
                Map.entry("ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("BCRYPT_COST", "4"),
                Map.entry("SESSION_COOKIE_SECURE", "false"),
                // The load signs the same few accounts in many times a minute, from one address.
                Map.entry("SIGN_IN_MAX_SUCCESSES_PER_ACCOUNT", "100000"),
                Map.entry("SIGN_IN_MAX_IN_FLIGHT_PER_ADDRESS", "100"),
                Map.entry("SESSION_PURGE_INTERVAL", "off"),
                Map.entry("DB_ACQUISITION_TIMEOUT", ACQUISITION_TIMEOUT.toSeconds() + "s")));
        service.awaitReady();
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[] { service, standby, primary }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void shouldLoseNoSignInAndReviveNoSignOutWhenThePrimaryFails() throws Exception {
        FailoverLoad load = FailoverLoad.start(service.url(), PASSWORD, createUsers());
        long killedAt;
        HttpResponse<String> readinessWithoutPrimary;
        long promotedAt;
        long writableAt;
        try {
            awaitSessions(load);
            primary.kill();
            killedAt = System.nanoTime();
            awaitNanos(NO_PRIMARY);
            readinessWithoutPrimary = readiness();
            standby.promote();
            promotedAt = System.nanoTime();
            standby.execute("sessionauth", "SELECT txid_current()");
            writableAt = System.nanoTime();
            awaitQuietAfter(load, writableAt);
        } finally {
            load.stop();
        }
        long keptBeforeKill = load.kept.stream().filter(session -> session.answeredAt() < killedAt).count();
        long endedBeforeKill = load.ended.stream().filter(session -> session.answeredAt() < killedAt).count();
        List<FailoverLoad.Answer> unavailable = answers(load, answer -> answer.status() == 503);
        Outage outage = Outage.of(unavailable, killedAt, writableAt);
        System.out.printf("FailoverIT: %d answers, %d answered 503 over %.2f s; promoted %.2f s after the kill (%.2f s "
                + "waited), taking writes %.2f s after the kill; the last 503 ended %.2f s after that; slowest 503 %.3f s; "
                + "%d sessions kept (%d from before the kill), %d ended (%d before the kill)%n", load.answers.size(),
                unavailable.size(), outage.seconds(), toSeconds(promotedAt - killedAt), NO_PRIMARY.toMillis() / 1e3,
                toSeconds(writableAt - killedAt), outage.lastAfterWritable(), outage.slowest(), load.kept.size(),
                keptBeforeKill, load.ended.size(), endedBeforeKill);

        assertEquals(503, readinessWithoutPrimary.statusCode(), readinessWithoutPrimary.body());
        assertTrue(readinessWithoutPrimary.body().contains("\"status\": \"DOWN\""), readinessWithoutPrimary.body());
        assertEquals(List.of(), answers(load, answer -> !answer.allowed()), "answers the contract does not allow");
        assertEquals(List.of(), answers(load, answer -> answer.status() == 503
                && !answer.body().equals("{\"error\":\"Service unavailable\"}")), "503 answers with another body");
        assertTrue(outage.lastAfterWritable() < RECOVERY_BOUND.toSeconds(), "the last 503 ended "
                + outage.lastAfterWritable() + " s after the new primary took writes");
        assertTrue(outage.slowest() < QUICK.toSeconds(), "slowest 503: " + outage.slowest() + " s");
        assertSessionsSurvived(load);
        assertLoggedOnce(unavailable.size());
        given().baseUri(service.managementUrl()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** Asked with a plain client: the probe's timing is part of the outage, so it must not wait for REST Assured. */
    private static HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.managementUrl()
                + "/q/health/ready")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every acknowledged login still works, every acknowledged logout is still refused, on the new primary. */
    private static void assertSessionsSurvived(FailoverLoad load) {
        List<String> lost = new ArrayList<>();
        for (FailoverLoad.Session session : load.kept) {
            int status = given().baseUri(service.url()).cookie(FailoverLoad.COOKIE, session.token()).get(FailoverLoad.ME)
                    .statusCode();
            if (status != 200) {
                lost.add(session.token().substring(0, 6) + "… " + status);
            }
        }
        assertEquals(List.of(), lost, "acknowledged logins that no longer work");
        List<String> revived = new ArrayList<>();
        for (FailoverLoad.Session session : load.ended) {
            int status = given().baseUri(service.url()).cookie(FailoverLoad.COOKIE, session.token()).get(FailoverLoad.ME)
                    .statusCode();
            if (status != 403) {
                revived.add(session.token().substring(0, 6) + "… " + status);
            }
        }
        assertEquals(List.of(), revived, "acknowledged logouts whose session works again");
    }

    /**
     * One WARN line per 503, from the error mapper, and nothing at ERROR and no stack trace from anyone. The service's
     * output is read as it comes: the wait ends when the last lines have arrived.
     */
    private static void assertLoggedOnce(int answered503) {
        ProcessOutput.awaitUntil(() -> service.logLines("Database unavailable while serving").size() >= answered503,
                Duration.ofSeconds(10), answered503 + " lines of 503");
        assertEquals(answered503, service.logLines("WARN  [dev.sessionauth.api.ErrorMapper] ").size());
        assertEquals(List.of(), service.logLines("ERROR ["), "ERROR lines in " + service.log);
        assertEquals(List.of(), service.logLines("\tat "), "stack traces in " + service.log);
    }

    private static List<List<String>> createUsers() {
        List<List<String>> emailsPerClient = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<String> emails = new ArrayList<>();
            for (int user = 0; user < USERS_PER_CLIENT; user++) {
                String email = "user-" + client + "-" + user + "@failover.test";
                given().baseUri(service.url()).auth().preemptive().basic(ADMIN_EMAIL, ADMIN_PASSWORD)
                        .contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                        .post("/api/v1/users")
                        .then().statusCode(201);
                emails.add(email);
            }
            emailsPerClient.add(emails);
        }
        return emailsPerClient;
    }

    /** Lets the load run until it has kept and ended enough sessions (slowly on a busy machine). */
    private static void awaitSessions(FailoverLoad load) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.kept.size() < SESSIONS_BEFORE_KILL || load.ended.size() < SESSIONS_BEFORE_KILL) {
            assertTrue(System.nanoTime() < deadline, "sessions after a minute: " + load.kept.size() + " kept, "
                    + load.ended.size() + " ended; answers: " + load.answers);
            awaitNanos(Duration.ofMillis(100));
        }
    }

    /** Lets the load run until it has answered without a 503 for QUIET, or the bound has passed. */
    private static void awaitQuietAfter(FailoverLoad load, long writableAt) {
        long deadline = writableAt + RECOVERY_BOUND.plus(QUIET).toNanos();
        while (System.nanoTime() < deadline) {
            long last503 = answers(load, answer -> answer.status() == 503).stream()
                    .mapToLong(FailoverLoad.Answer::end).max().orElse(writableAt);
            if (System.nanoTime() - Math.max(last503, writableAt) > QUIET.toNanos()) {
                return;
            }
            awaitNanos(Duration.ofMillis(100));
        }
    }

    private static List<FailoverLoad.Answer> answers(FailoverLoad load, Predicate<FailoverLoad.Answer> which) {
        return load.answers.stream().filter(which).toList();
    }

    /** What the clients saw: seconds from the first 503's start to the last one's end, and from writable to the last. */
    private record Outage(double seconds, double lastAfterWritable, double slowest) {

        static Outage of(List<FailoverLoad.Answer> unavailable, long killedAt, long writableAt) {
            long first = unavailable.stream().mapToLong(FailoverLoad.Answer::start).min().orElse(killedAt);
            long last = unavailable.stream().mapToLong(FailoverLoad.Answer::end).max().orElse(killedAt);
            long slowest = unavailable.stream().mapToLong(answer -> answer.end() - answer.start()).max().orElse(0);
            return new Outage(toSeconds(last - first), toSeconds(Math.max(0, last - writableAt)), toSeconds(slowest));
        }
    }

    private static double toSeconds(long nanos) {
        return nanos / 1e9;
    }

    /** The load runs on its own threads; this thread only lets time pass for it. */
    private static void awaitNanos(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
