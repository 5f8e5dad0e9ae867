package dev.sessionauth.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.FairShareProfile;
import dev.sessionauth.support.TestClock;
import dev.sessionauth.support.Together;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Password hashing is shared fairly: a burst from one client address or for one account gets only a small share of
 * it (the rest is refused at once with 429), so other clients still sign in; and an account signs in successfully
 * only so often per minute.
 */
@QuarkusTest
@TestProfile(FairShareProfile.class)
class SignInFairnessTest {

    private static final String LOGIN = "/api/v1/auth_session/login";
    private static final String TOO_MANY_REQUESTS = "Too many requests";

    @Inject
    TestClock clock;

    @Inject
    Database database;

    @Test
    void shouldRefuseAtOnceWhatABurstFromOneAddressAsksBeyondItsShareWhileAnotherClientSignsIn() {
        String flooder = randomAddress();
        List<String> emails = newUsers(12);
        String other = newUser();

        List<Supplier<Response>> calls = new ArrayList<>();
        emails.forEach(email -> calls.add(() -> login(email, Api.PASSWORD, flooder)));
        calls.add(() -> login(other, Api.PASSWORD, randomAddress()));
        List<Response> answers = race(calls);

        Response otherAnswer = answers.get(answers.size() - 1);
        assertEquals(200, otherAnswer.statusCode(), "the other client's login: " + otherAnswer.asString());
        List<Response> burst = answers.subList(0, emails.size());
        assertOnlyAnsweredOkOrTooManyRequests(burst);
        assertTrue(burst.stream().anyMatch(answer -> answer.statusCode() == 429), "no login of the burst was refused");
        assertTrue(burst.stream().anyMatch(answer -> answer.statusCode() == 200), "every login of the burst was refused");
    }

    @Test
    void shouldRefuseAtOnceWhatABurstForOneAccountAsksBeyondItsShare() {
        String email = newUser();

        List<Supplier<Response>> calls = new ArrayList<>();
        // Fewer than the failures that lock an account: attempts in flight count until they prove the password.
        for (int i = 0; i < FairShareProfile.ACCOUNT_MAX_FAILURES - 1; i++) {
            calls.add(() -> login(email, Api.PASSWORD, randomAddress()));
        }
        List<Response> burst = race(calls);

        assertOnlyAnsweredOkOrTooManyRequests(burst);
        assertTrue(burst.stream().anyMatch(answer -> answer.statusCode() == 429), "no login of the burst was refused");
        assertTrue(burst.stream().anyMatch(answer -> answer.statusCode() == 200), "every login of the burst was refused");
    }

    @Test
    void shouldGiveBackItsShareWhateverABurstEndedWith() {
        String client = randomAddress();
        String email = newUser();

        // Right and wrong passwords and unknown emails, all from one address and mostly for one account.
        race(List.of(
                () -> login(email, Api.PASSWORD, client),
                () -> login(email, "wrong password 1", client),
                () -> login(email, "wrong password 2", client),
                () -> login(Api.uniqueEmail(), Api.PASSWORD, client),
                () -> login(Api.uniqueEmail(), Api.PASSWORD, client)));

        // The account's share is one: a single share left taken would refuse this.
        login(email, Api.PASSWORD, client).then().statusCode(200);
        login(email, Api.PASSWORD, client).then().statusCode(200);
    }

    @Test
    void shouldGiveBackItsShareWhenTheAccountIsLocked() {
        String client = randomAddress();
        String email = newUser();
        for (int i = 0; i < FairShareProfile.ACCOUNT_MAX_FAILURES; i++) {
            login(email, "wrong password", randomAddress()).then().statusCode(401);
        }

        List<Response> refused = race(List.of(
                () -> login(email, Api.PASSWORD, client),
                () -> login(email, Api.PASSWORD, client),
                () -> login(email, Api.PASSWORD, client)));
        assertTrue(refused.stream().allMatch(answer -> answer.statusCode() == 429), "while locked: " + statuses(refused));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        login(email, Api.PASSWORD, client).then().statusCode(200);
    }

    @Test
    void shouldRefuseSuccessfulSignInsOfOneAccountBeyondTheRate() {
        String email = newUser();
        for (int i = 0; i < FairShareProfile.ACCOUNT_SUCCESSES_PER_MINUTE; i++) {
            login(email, Api.PASSWORD, randomAddress()).then().statusCode(200);
        }

        login(email, Api.PASSWORD, randomAddress()).then()
                .statusCode(429)
                .body("error", equalTo(TOO_MANY_REQUESTS))
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(60)));
        given().auth().preemptive().basic(email, Api.PASSWORD).header("X-Forwarded-For", randomAddress())
                .get("/api/v1/users/me").then()
                .statusCode(429)
                .body("error", equalTo(TOO_MANY_REQUESTS));
        String other = newUser();
        login(other, Api.PASSWORD, randomAddress()).then().statusCode(200);

        clock.advance(Duration.ofSeconds(61));
        login(email, Api.PASSWORD, randomAddress()).then().statusCode(200);
    }

    @Test
    void shouldNotCountFailedSignInsAgainstTheRate() {
        String email = newUser();
        for (int i = 0; i < FairShareProfile.ACCOUNT_MAX_FAILURES - 1; i++) {
            login(email, "wrong password", randomAddress()).then().statusCode(401);
        }

        for (int i = 0; i < FairShareProfile.ACCOUNT_SUCCESSES_PER_MINUTE; i++) {
            login(email, Api.PASSWORD, randomAddress()).then().statusCode(200);
        }
    }

    private static void assertOnlyAnsweredOkOrTooManyRequests(List<Response> answers) {
        assertTrue(Set.of(200, 429).containsAll(answers.stream().map(Response::statusCode).toList()),
                "answers: " + statuses(answers));
        for (Response answer : answers) {
            if (answer.statusCode() == 429) {
                assertEquals(TOO_MANY_REQUESTS, answer.jsonPath().getString("error"));
                String retryAfter = answer.header("Retry-After");
                assertFalse(retryAfter == null || Integer.parseInt(retryAfter) < 1, "Retry-After: " + retryAfter);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Response> race(List<Supplier<Response>> calls) {
        return Together.run(calls.toArray(Supplier[]::new));
    }

    private List<String> newUsers(int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(newUser());
        }
        return emails;
    }

    /** A user with {@link Api#PASSWORD}, hashed at the profile's cost. */
    private String newUser() {
        String email = Api.uniqueEmail();
        database.insertUser(email, BcryptUtil.bcryptHash(Api.PASSWORD, FairShareProfile.BCRYPT_COST));
        return email;
    }

    private static String statuses(List<Response> answers) {
        return answers.stream().map(answer -> answer.statusCode() + " " + answer.asString()).collect(Collectors.joining(", "));
    }

    private static Response login(String email, String password, String clientAddress) {
        return given().header("X-Forwarded-For", clientAddress)
                .formParam("email", email).formParam("password", password)
                .post(LOGIN);
    }

    /** A client address of its own, so only the limit under test can refuse. */
    private static String randomAddress() {
        UUID random = UUID.randomUUID();
        return "10." + (random.getMostSignificantBits() & 0xff) + "." + ((random.getMostSignificantBits() >> 8) & 0xff)
                + "." + ((random.getLeastSignificantBits() & 0xfe) + 1);
    }
}
