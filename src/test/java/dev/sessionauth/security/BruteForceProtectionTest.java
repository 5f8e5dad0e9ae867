package dev.sessionauth.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.EmailSpellings;
import dev.sessionauth.support.HardenedProfile;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@TestProfile(HardenedProfile.class)
class BruteForceProtectionTest {

    private static final String LOGIN = "/api/v1/auth_session/login";

    @Inject
    TestClock clock;

    @Inject
    Database database;

    @Test
    void shouldLockAnAccountAfterRepeatedFailuresForEveryWayOfSigningIn() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        try (LogCapture audit = LogCapture.audit()) {
            for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
                login(email, "wrong password", randomAddress()).statusCode(401);
            }
            assertThat(audit.lines(), hasItem(stringContainsInOrder("event=lockout", "subject=account", "user_id=" + userId,
                    "lock_seconds=300")));
        }

        login(email, Api.PASSWORD, randomAddress())
                .statusCode(429)
                .body("error", equalTo("Too many failed attempts"))
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(300)));
        given().auth().preemptive().basic(email, Api.PASSWORD).get("/api/v1/users/me").then().statusCode(429);
    }

    @Test
    void shouldCountEverySpellingOfAnEmailAgainstTheOneAccount() {
        int spellingCount = EmailSpellings.fresh().sameAccount().size();
        for (int locker = 0; locker < spellingCount; locker++) {
            // A fresh account each time, locked under one spelling and tried under all the others.
            EmailSpellings spellings = EmailSpellings.fresh();
            String lockingSpelling = spellings.sameAccount().get(locker);
            Api.createUser(spellings.canonical());
            for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
                login(lockingSpelling, "wrong password", randomAddress()).statusCode(401);
            }

            for (String spelling : spellings.sameAccount()) {
                login(spelling, Api.PASSWORD, randomAddress()).statusCode(429);
                given().header("X-Forwarded-For", randomAddress())
                        .header("Authorization", EmailSpellings.basic(spelling, Api.PASSWORD))
                        .get("/api/v1/users/me").then().statusCode(429);
            }
            // Another address altogether: it has no account, so the right password gets nobody in.
            login(spellings.dottedCapitalI(), Api.PASSWORD, randomAddress()).statusCode(401)
                    .body("error", equalTo("invalid email or password"));
            given().header("X-Forwarded-For", randomAddress())
                    .header("Authorization", EmailSpellings.basic(spellings.dottedCapitalI(), Api.PASSWORD))
                    .get("/api/v1/users/me").then().statusCode(403);
        }
    }

    @Test
    void shouldNotLetTheRightPasswordInThroughADottedCapitalIWhileTheAccountIsLocked() {
        EmailSpellings spellings = EmailSpellings.fresh();
        Api.createUser(spellings.canonical());
        for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
            login(spellings.canonical(), "wrong password", randomAddress()).statusCode(401);
        }

        login(spellings.dottedCapitalI(), Api.PASSWORD, randomAddress()).statusCode(401)
                .header("Set-Cookie", nullValue());
        login(spellings.canonical(), Api.PASSWORD, randomAddress()).statusCode(429);
    }

    @Test
    void shouldKeepOneCounterWhenGuessesAlternateBetweenSpellings() {
        EmailSpellings spellings = EmailSpellings.fresh();
        Api.createUser(spellings.canonical());
        for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
            login(spellings.variants().get(i % spellings.variants().size()), "wrong password", randomAddress())
                    .statusCode(401);
        }

        login(spellings.canonical(), Api.PASSWORD, randomAddress()).statusCode(429);
        login(spellings.dottedCapitalI(), Api.PASSWORD, randomAddress()).statusCode(401);
    }

    @Test
    void shouldNotLetParallelGuessesOvertakeTheLimit() throws Exception {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        int guesses = 12;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Callable<Integer>> attempts = IntStream.range(0, guesses)
                    .<Callable<Integer>> mapToObj(i -> () -> login(email, "guess " + i, randomAddress()).extract().statusCode())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }

            assertEquals(HardenedProfile.ACCOUNT_MAX_FAILURES, statuses.stream().filter(status -> status == 401).count(),
                    "only the allowed number of guesses were checked: " + statuses);
            assertEquals(guesses - HardenedProfile.ACCOUNT_MAX_FAILURES,
                    statuses.stream().filter(status -> status == 429).count());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldUnlockAfterTheLockoutAndResetTheCounterOnSuccess() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
            login(email, "wrong password", randomAddress()).statusCode(401);
        }

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        login(email, Api.PASSWORD, randomAddress()).statusCode(200);

        for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES - 1; i++) {
            login(email, "wrong password", randomAddress()).statusCode(401);
        }
        login(email, Api.PASSWORD, randomAddress()).statusCode(200);
    }

    @Test
    void shouldLockAnAddressThatTriesManyAccounts() {
        String attacker = randomAddress();
        String email = Api.uniqueEmail();
        Api.createUser(email);
        for (int i = 0; i < HardenedProfile.ADDRESS_MAX_FAILURES; i++) {
            login(Api.uniqueEmail(), "guess-" + i, attacker).statusCode(401);
        }

        login(email, Api.PASSWORD, attacker).statusCode(429);
        login(email, Api.PASSWORD, randomAddress()).statusCode(200);
    }

    @Test
    void shouldNotCountAgainstTheAccountWhatALockedAddressWasRefused() {
        String sharedAddress = randomAddress();
        for (int i = 0; i < HardenedProfile.ADDRESS_MAX_FAILURES; i++) {
            login(Api.uniqueEmail(), "guess-" + i, sharedAddress).statusCode(401);
        }
        String email = Api.uniqueEmail();
        Api.createUser(email);

        for (int i = 0; i <= HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
            login(email, Api.PASSWORD, sharedAddress).statusCode(429);
        }
        login(email, Api.PASSWORD, randomAddress()).statusCode(200);
    }

    @Test
    void shouldAnswerOneGenericErrorForUnknownEmailAndWrongPassword() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        login(Api.uniqueEmail(), Api.PASSWORD, randomAddress()).statusCode(401)
                .body("error", equalTo("invalid email or password"));
        login(email, "wrong password", randomAddress()).statusCode(401)
                .body("error", equalTo("invalid email or password"));
    }

    @Test
    void shouldCountWrongCurrentPasswordsOnPasswordChange() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = login(email, Api.PASSWORD, randomAddress()).statusCode(200).extract().cookie(HardenedProfile.COOKIE);
        for (int i = 0; i < HardenedProfile.ACCOUNT_MAX_FAILURES; i++) {
            // Someone holding a stolen session tries to guess the password it would take to change it.
            given().cookie(HardenedProfile.COOKIE, token).header("X-Forwarded-For", randomAddress())
                    .contentType(ContentType.JSON)
                    .body(Map.of("current_password", "not it " + i, "new_password", "a brand new passphrase"))
                    .put("/api/v1/users/me/password")
                    .then().statusCode(401).body("error", equalTo("wrong password"));
        }

        login(email, Api.PASSWORD, randomAddress()).statusCode(429);
    }

    @Test
    void shouldKeepNoEmailsInTheFailureTable() {
        String email = Api.uniqueEmail();
        login(email, "whatever1", randomAddress()).statusCode(401);

        assertEquals(0,
                database.count("SELECT count(*) FROM auth_failures WHERE subject LIKE '%' || ? || '%'", email));
    }

    private static ValidatableResponse login(String email, String password, String clientAddress) {
        return EmailSpellings.loginForm(email, password).header("X-Forwarded-For", clientAddress).post(LOGIN).then();
    }

    /** A client address of its own for each attempt, so only the account counter can lock. */
    private static String randomAddress() {
        UUID random = UUID.randomUUID();
        return "10." + (random.getMostSignificantBits() & 0xff) + "." + ((random.getMostSignificantBits() >> 8) & 0xff)
                + "." + ((random.getLeastSignificantBits() & 0xfe) + 1);
    }
}
