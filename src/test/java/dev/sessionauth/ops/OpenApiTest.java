package dev.sessionauth.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OpenApiTest {

    private static final String TEST_LOGIN = "/api/v1/auth_session/test_login";

    private static final List<String> PATHS = List.of("/api/v1/status", "/api/v1/stats", "/api/v1/unauthorized",
            "/api/v1/forbidden", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/users/me/password",
            "/api/v1/users/{id}/sessions", "/api/v1/auth_session/login", "/api/v1/auth_session/logout",
            "/api/v1/auth_session/sessions", "/api/v1/auth_session/sessions/{id}", "/api/v1/auth_session/verify",
            "/api/v1/tokens", "/api/v1/tokens/{id}", "/api/v1/groups", "/api/v1/groups/{name}",
            "/api/v1/groups/{name}/members", "/api/v1/groups/{name}/members/{userId}");

    @Test
    void shouldDocumentEveryRouteWithItsErrorsAndSecurity() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.session.in", equalTo("cookie"))
                .body("components.securitySchemes.session.name", equalTo("_my_session_id"))
                .body("components.securitySchemes.basic.scheme", equalTo("basic"))
                .body("components.schemas", hasKey("ErrorResponse"))
                .extract().jsonPath();

        for (String path : PATHS) {
            assertTrue(document.getMap("paths").containsKey(path), "documented: " + path);
        }
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/api/v1/users/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/users/{id}'.get.security", notNullValue())
                .body("paths.'/api/v1/users'.post.responses.'400'", notNullValue())
                .body("paths.'/api/v1/auth_session/login'.post.responses.'429'", notNullValue())
                .body("paths.'/api/v1/auth_session/login'.post.security.size()", equalTo(0))
                .body("paths.'/api/v1/status'.get.security.size()", equalTo(0))
                .body("paths.'/api/v1/users/{id}'.get.responses.'200'.content.'application/json'.schema", notNullValue())
                .body("components.schemas.UserResponse.properties", hasKey("first_name"))
                .body("components.schemas.UserResponse.properties", hasKey("created_at"))
                .body("components.schemas.UserResponse.properties", not(hasKey("password_hash")))
                .body("components.schemas.UserResponse.properties", not(hasKey("passwordHash")))
                .body("components.schemas.ChangePasswordRequest.properties", hasKey("current_password"))
                .body("components.responses.Forbidden.content.'application/json'.schema", notNullValue())
                .body("paths.'/api/v1/groups'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/groups/{name}/members/{userId}'.put.responses.'404'", notNullValue())
                .body("components.schemas.CreateGroupRequest.required", contains("name"))
                .body("components.schemas.CreateGroupRequest.properties.name.pattern",
                        equalTo("^[a-z0-9][a-z0-9_-]{0,63}$"))
                .body("components.schemas.CreateGroupRequest.properties.description.maxLength", equalTo(500));
    }

    @Test
    void shouldPublishTheDocumentInApplicationDocs() throws Exception {
        String published = Files.readString(Path.of("application-docs", "openapi", "openapi.yaml"));

        for (String path : PATHS) {
            assertTrue(published.contains(path + ":"), "published: " + path);
        }
        // The production build writes the copies (quarkus.smallrye-openapi.store-schema-directory). The test build
        // serves the test-only login as well and writes its own copy to target/, so a copy committed without
        // rebuilding after an API change differs from the served document, less that route, and fails here.
        ObjectMapper json = new ObjectMapper();
        ObjectNode served = (ObjectNode) json.readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        assertTrue(served.path("paths").has(TEST_LOGIN), "the test build serves " + TEST_LOGIN);
        ((ObjectNode) served.get("paths")).remove(TEST_LOGIN);
        ((ObjectNode) served.get("components").get("schemas")).remove("TestLoginRequest");
        assertFalse(published.contains("test_login"), "the published document has no test-only login");
        assertEquals(served, json.readTree(Path.of("application-docs", "openapi", "openapi.json").toFile()),
                "application-docs/openapi/openapi.json is the served document without the test-only login");
    }
}
