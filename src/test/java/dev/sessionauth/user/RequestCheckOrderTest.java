package dev.sessionauth.user;

import static dev.sessionauth.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A request that breaks several rules is answered with one message, always the same one: missing fields first, then
 * the fields in the order the contract lists them, and within one field its first rule.
 */
@QuarkusTest
class RequestCheckOrderTest {

    private static final String LONG_NAME = "n".repeat(256);

    @Test
    void shouldReportAMissingFieldBeforeAnyInvalidOne() {
        createExpecting(Map.of("email", "not-an-email"), "password missing");
        createExpecting(Map.of("password", "short", "first_name", LONG_NAME), "email missing");
        createExpecting(Map.of("email", "", "password", ""), "email missing");
    }

    @Test
    void shouldReportTheFirstInvalidFieldInContractOrder() {
        createExpecting(Map.of("email", "not-an-email", "password", "short", "last_name", LONG_NAME),
                "Can't create User: email is not a valid address");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", "short", "first_name", LONG_NAME),
                "Can't create User: password must have at least 8 characters");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "first_name", "a\u0000b",
                "last_name", LONG_NAME), "Can't create User: first_name contains a NUL character");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "first_name",
                LONG_NAME + "\u0000"), "Can't create User: first_name is too long");
    }

    @Test
    void shouldReportTheFirstProblemOfAnUpdateAndAPasswordChange() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        expect(user.request(), Map.of("first_name", "a\u0000b", "last_name", LONG_NAME), "/api/v1/users/me",
                "Can't update User: first_name contains a NUL character");
        expect(user.request(), Map.of("last_name", LONG_NAME), "/api/v1/users/me", "Can't update User: last_name is too long");
        expect(user.request(), Map.of(), "/api/v1/users/me/password", "current_password missing");
        expect(user.request(), Map.of("current_password", Api.PASSWORD, "new_password", ""),
                "/api/v1/users/me/password", "new_password missing");
        expect(user.request(), Map.of("current_password", Api.PASSWORD, "new_password", "short"),
                "/api/v1/users/me/password", "Can't change password: password must have at least 8 characters");
    }

    private static void createExpecting(Map<String, String> body, String error) {
        asAdmin().contentType(ContentType.JSON).body(body)
                .post("/api/v1/users")
                .then().log().ifValidationFails().statusCode(400)
                .body("error", equalTo(error));
    }

    private static void expect(RequestSpecification request, Map<String, String> body, String path, String error) {
        request.contentType(ContentType.JSON).body(body)
                .put(path)
                .then().log().ifValidationFails().statusCode(400)
                .body("error", equalTo(error));
    }
}
