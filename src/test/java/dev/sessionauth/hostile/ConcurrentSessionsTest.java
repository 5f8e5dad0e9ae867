package dev.sessionauth.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.Together;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Over a thousand logins, logouts and revocations at once, for a set of users made for the test, leave exactly the
 * sessions the answers say: each user's script runs in order while the scripts of all users run concurrently, and
 * at set points two or more requests race on the same sessions, their outcome read from their status codes and
 * {"revoked": n} counts. At the end the user_sessions rows of these users are exactly the live tokens' hashes, every
 * live token still works and every ended one gets 403.
 */
@QuarkusTest
class ConcurrentSessionsTest {

    private static final long SEED = Long.getLong("concurrent.seed", 20_261_123L);
    private static final int USERS = 24;
    private static final int STEPS_PER_USER = 40;
    private static final int RACE_EVERY = 8;
    /** Callers running the users' scripts; a script in a race waits for the two to four callers racing for it. */
    private static final int SCRIPT_CALLERS = 16;
    private static final int MIN_OPERATIONS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LOGIN = "/api/v1/auth_session/login";
    private static final String LOGOUT = "/api/v1/auth_session/logout";
    private static final String SESSIONS = "/api/v1/auth_session/sessions";
    private static final String ME = "/api/v1/users/me";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Database database;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Operations by kind and answer, e.g. "logout 200". */
    private final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();
    private final List<String> mismatches = new CopyOnWriteArrayList<>();

    @Test
    void shouldLeaveExactlyTheSessionsTheAnswersSayAfterConcurrentLoginsLogoutsAndRevocations() throws Exception {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String email = Api.uniqueEmail();
            accounts.add(new Account(UUID.fromString(Api.createUser(email)), email, new Random(SEED + i)));
        }

        long started = System.nanoTime();
        ExecutorService scripts = Executors.newFixedThreadPool(SCRIPT_CALLERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Account account : accounts) {
                running.add(scripts.submit(() -> runScript(account)));
            }
            for (Future<?> script : running) {
                script.get();
            }
        } finally {
            scripts.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int live = 0;
        int ended = 0;
        for (Account account : accounts) {
            checkRows(account);
            checkTokens(account);
            live += account.live.size();
            ended += account.ended.size();
        }
        int operations = tally.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("Concurrent sessions: %d operations for %d users in %d ms (seed %d); %d sessions live, %d "
                + "ended%n  %s%n", operations, USERS, took.toMillis(), SEED, live, ended, new TreeMap<>(tally));

        assertTrue(operations >= MIN_OPERATIONS, "only " + operations + " operations");
        assertTrue(mismatches.isEmpty(), "seed " + SEED + " (rerun with -Dconcurrent.seed=" + SEED + "): "
                + mismatches.size() + " mismatches:\n" + mismatches.stream().limit(30).collect(Collectors.joining("\n")));
    }

    @Test
    void shouldEndASessionOnceWhenItsLogoutArrivesTwiceAtOnce() {
        for (int round = 0; round < 20; round++) {
            Api.LoggedInUser user = Api.newLoggedInUser();

            List<Answer> answers = Together.run(() -> logout(user.token()), () -> logout(user.token()));

            List<Integer> statuses = answers.stream().map(Answer::status).toList();
            assertTrue(statuses.contains(200) && Set.of(200, 403).containsAll(statuses), "two logouts at once: " + answers);
            assertEquals(403, send(withCookie(ME, user.token()).GET()).statusCode());
        }
    }

    /** One user's script: single operations in order, with a race every few steps. */
    private void runScript(Account account) {
        for (int step = 1; step <= STEPS_PER_USER; step++) {
            if (step % RACE_EVERY == 0) {
                race(account);
            } else {
                singleOperation(account);
            }
        }
    }

    private void singleOperation(Account account) {
        Random random = account.random;
        int roll = random.nextInt(100);
        if (account.live.isEmpty() || (roll < 35 && account.live.size() < 6)) {
            newSession(account);
        } else if (roll < 55) {
            String token = pick(random, account.live);
            expect(account, "logout", logout(token), 200);
            end(account, token);
        } else if (roll < 75) {
            String target = pick(random, account.live);
            String actor = pick(random, account.live);
            expect(account, "revoke-one", revokeOne(actor, sessionId(account, target)), 200);
            end(account, target);
        } else if (roll < 88) {
            String actor = pick(random, account.live);
            Answer answer = revokeOthers(actor);
            expect(account, "revoke-others", answer, 200);
            expectRevoked(account, answer, account.live.size() - 1);
            for (String token : List.copyOf(account.live)) {
                if (!token.equals(actor)) {
                    end(account, token);
                }
            }
        } else if (!account.ended.isEmpty()) {
            String stale = pick(random, account.ended);
            boolean logout = random.nextBoolean();
            expect(account, logout ? "stale-logout" : "stale-revoke-others", logout ? logout(stale) : revokeOthers(stale),
                    403);
        } else {
            newSession(account);
        }
    }

    private void newSession(Account account) {
        Answer answer = login(account);
        expect(account, "login", answer, 200);
        answer.ifAnswered(account.live::add);
    }

    /** Requests that race on the same sessions; what survives is read from their answers. */
    private void race(Account account) {
        while (account.live.size() < 3) {
            newSession(account);
        }
        Random random = account.random;
        List<String> shuffled = new ArrayList<>(account.live);
        Collections.shuffle(shuffled, random);
        String first = shuffled.get(0);
        String second = shuffled.get(1);
        switch (random.nextInt(5)) {
            case 0 -> {
                List<Answer> answers = Together.run(() -> logout(first), () -> logout(first));
                expectOneOf(account, "race-double-logout", answers, Set.of(200, 403));
                expectSomeSucceeded(account, "double logout", answers);
                end(account, first);
            }
            case 1 -> {
                String firstId = sessionId(account, first);
                List<Answer> answers = Together.run(() -> logout(first), () -> revokeOne(second, firstId));
                expectOneOf(account, "race-logout", answers.subList(0, 1), Set.of(200, 403));
                expectOneOf(account, "race-revoke-one", answers.subList(1, 2), Set.of(200, 404));
                expectSomeSucceeded(account, "logout against revoke-one", answers);
                end(account, first);
            }
            case 2 -> {
                int before = account.live.size();
                List<Answer> answers = Together.run(() -> revokeOthers(first), () -> revokeOthers(second));
                expectOneOf(account, "race-revoke-others", answers, Set.of(200, 403));
                expectSomeSucceeded(account, "revoke-others against revoke-others", answers);
                boolean firstSurvives = answers.get(1).status() == 403;
                boolean secondSurvives = answers.get(0).status() == 403;
                // Each row is deleted by exactly one of them: both answered 200 means every session is gone.
                long revoked = answers.stream().filter(answer -> answer.status() == 200).mapToLong(Answer::revoked).sum();
                if (revoked != before - (firstSurvives || secondSurvives ? 1 : 0)) {
                    mismatch(account, "revoke-others race revoked " + revoked + " of " + before + ": " + answers);
                }
                for (String token : List.copyOf(account.live)) {
                    if (!(token.equals(first) && firstSurvives) && !(token.equals(second) && secondSurvives)) {
                        end(account, token);
                    }
                }
            }
            case 3 -> {
                int others = account.live.size() - 1;
                List<Answer> answers = Together.run(() -> login(account), () -> revokeOthers(first));
                Answer login = answers.get(0);
                Answer revoke = answers.get(1);
                expectOneOf(account, "race-login", List.of(login), Set.of(200));
                expectOneOf(account, "race-revoke-others", List.of(revoke), Set.of(200));
                // The new session is ended exactly when the revocation counted it.
                if (revoke.revoked() != others && revoke.revoked() != others + 1) {
                    mismatch(account, "revoke-others racing a login revoked " + revoke.revoked() + ", not " + others
                            + " or " + (others + 1));
                }
                for (String token : List.copyOf(account.live)) {
                    if (!token.equals(first)) {
                        end(account, token);
                    }
                }
                login.ifAnswered(token -> {
                    if (revoke.revoked() == others + 1) {
                        account.ended.add(token);
                    } else {
                        account.live.add(token);
                    }
                });
            }
            default -> {
                List<Answer> answers = Together.run(() -> login(account), () -> login(account), () -> login(account),
                        () -> login(account));
                expectOneOf(account, "race-login-storm", answers, Set.of(200));
                answers.forEach(answer -> answer.ifAnswered(account.live::add));
            }
        }
    }

    // ---- the API ----

    private Answer login(Account account) {
        String form = "email=" + URLEncoder.encode(account.email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(Api.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(LOGIN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String token = response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(Api.COOKIE + "="))
                .map(cookie -> cookie.substring(Api.COOKIE.length() + 1).split(";", 2)[0])
                .findFirst().orElse(null);
        count("login", response.statusCode());
        return new Answer(response.statusCode(), response.body(), token);
    }

    private Answer logout(String token) {
        return counted("logout", send(withCookie(LOGOUT, token).DELETE()));
    }

    private Answer revokeOne(String actor, String sessionId) {
        return counted("revoke-one", send(withCookie(SESSIONS + "/" + sessionId, actor).DELETE()));
    }

    private Answer revokeOthers(String actor) {
        return counted("revoke-others", send(withCookie(SESSIONS, actor).DELETE()));
    }

    /** The public id of a live session, as its own token lists it (not counted as an operation). */
    private String sessionId(Account account, String token) {
        return account.ids.computeIfAbsent(token, t -> {
            HttpResponse<String> response = send(withCookie(SESSIONS, t).GET());
            for (JsonNode session : json(response.body())) {
                if (session.path("current").asBoolean()) {
                    return session.path("id").asText();
                }
            }
            throw new IllegalStateException("no current session in " + response.statusCode() + " " + response.body());
        });
    }

    private HttpRequest.Builder withCookie(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Cookie", Api.COOKIE + "=" + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer counted(String operation, HttpResponse<String> response) {
        count(operation, response.statusCode());
        return new Answer(response.statusCode(), response.body(), null);
    }

    private void count(String operation, int status) {
        tally.computeIfAbsent(operation + " " + status, key -> new AtomicInteger()).incrementAndGet();
    }

    // ---- expectations ----

    private void expect(Account account, String what, Answer answer, int status) {
        if (answer.status() != status) {
            mismatch(account, what + " answered " + answer + ", expected " + status);
        }
    }

    private void expectOneOf(Account account, String what, List<Answer> answers, Set<Integer> statuses) {
        for (Answer answer : answers) {
            if (!statuses.contains(answer.status())) {
                mismatch(account, what + " answered " + answer + ", expected one of " + statuses);
            }
        }
    }

    private void expectSomeSucceeded(Account account, String race, List<Answer> answers) {
        if (answers.stream().noneMatch(answer -> answer.status() == 200)) {
            mismatch(account, race + ": no request succeeded: " + answers);
        }
    }

    private void expectRevoked(Account account, Answer answer, int expected) {
        if (answer.status() == 200 && answer.revoked() != expected) {
            mismatch(account, "revoke-others revoked " + answer.revoked() + ", expected " + expected);
        }
    }

    private void end(Account account, String token) {
        if (account.live.remove(token)) {
            account.ended.add(token);
        }
    }

    private void mismatch(Account account, String what) {
        mismatches.add(account.email + ": " + what);
    }

    /** The user's rows in user_sessions are exactly the live tokens, by SHA-256. */
    private void checkRows(Account account) {
        Set<String> stored = database.column("SELECT token_hash FROM user_sessions WHERE user_id = ?", account.id).stream()
                .map(hash -> HexFormat.of().formatHex((byte[]) hash))
                .collect(Collectors.toSet());
        Set<String> expected = account.live.stream().map(ConcurrentSessionsTest::sha256Hex).collect(Collectors.toSet());
        if (!stored.equals(expected)) {
            mismatch(account, "user_sessions holds " + stored.size() + " rows, " + expected.size() + " expected; "
                    + "unexpected rows: " + minus(stored, expected).size() + ", missing rows: "
                    + minus(expected, stored).size());
        }
    }

    /** Live tokens still sign their user in; ended ones are refused. */
    private void checkTokens(Account account) {
        for (String token : account.live) {
            HttpResponse<String> me = send(withCookie(ME, token).GET());
            if (me.statusCode() != 200 || !account.id.toString().equals(json(me.body()).path("id").asText())) {
                mismatch(account, "a live token got " + me.statusCode() + " " + me.body());
            }
        }
        for (String token : account.ended) {
            HttpResponse<String> me = send(withCookie(ME, token).GET());
            if (me.statusCode() != 403) {
                mismatch(account, "an ended token got " + me.statusCode() + " " + me.body());
            }
        }
    }

    private static Set<String> minus(Set<String> from, Set<String> removed) {
        return from.stream().filter(value -> !removed.contains(value)).collect(Collectors.toSet());
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pick(Random random, List<String> tokens) {
        return tokens.get(random.nextInt(tokens.size()));
    }

    /** A user of the test, the tokens the answers say are live or ended, and the ids of sessions looked up. */
    private static final class Account {

        final UUID id;
        final String email;
        final Random random;
        final List<String> live = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        final Map<String, String> ids = new ConcurrentHashMap<>();

        Account(UUID id, String email, Random random) {
            this.id = id;
            this.email = email;
            this.random = random;
        }
    }

    /** A status, its body, and for a login the new session's token. */
    private record Answer(int status, String body, String token) {

        long revoked() {
            return json(body).path("revoked").asLong(-1);
        }

        void ifAnswered(Consumer<String> withToken) {
            if (status == 200 && token != null) {
                withToken.accept(token);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
