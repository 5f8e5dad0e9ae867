package dev.sessionauth.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.ProblemLogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every route that reads a request body, as the served OpenAPI document lists them, answers a body that is not
 * what it reads with 400 {"error": "Wrong format"} and logs no ERROR: a new route is covered without being named.
 */
@QuarkusTest
class RequestBodyContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String WRONG_FORMAT = "Wrong format";
    private static final List<String> FORM_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data");

    /** Bodies that are not a JSON object, by name: what each route must answer with "Wrong format". */
    private static final Map<String, String> NOT_AN_OBJECT = Map.of(
            "an empty body", "",
            "null", "null",
            "an array", "[]",
            "an array of an object", "[{}]",
            "a string", "\"text\"",
            "an empty string", "\"\"",
            "a number", "42",
            "a boolean", "true");

    /** For each JSON type a schema property may have, values of every other JSON type (arrays: also as items). */
    private static final Map<String, List<String>> WRONG_VALUES = Map.of(
            "string", List.of("123", "1.5", "true", "{\"a\":\"b\"}", "[\"x\"]"),
            "integer", List.of("\"5\"", "1.5", "true", "{\"a\":1}", "[5]"),
            "number", List.of("\"5\"", "true", "{\"a\":1}", "[5]"),
            "boolean", List.of("\"true\"", "1", "0", "{\"a\":true}", "[true]"),
            "array of string", List.of("\"x\"", "5", "true", "{\"a\":\"b\"}", "[5]", "[1.5]", "[true]",
                    "[{\"a\":\"b\"}]", "[[\"x\"]]"));

    private String fresh;

    @BeforeEach
    void createAFreshTarget() {
        fresh = Api.createUser(Api.uniqueEmail());
    }

    @Test
    void shouldAnswerWrongFormatToEveryJsonRouteForABodyThatIsNotAnObject() {
        List<Operation> routes = operationsReading(JSON_TYPE);
        assertFalse(routes.isEmpty(), "the OpenAPI document lists no route that reads JSON");

        List<String> failures = new ArrayList<>();
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (Operation route : routes) {
                NOT_AN_OBJECT.forEach((name, body) -> expectWrongFormat(failures, route, name,
                        Api.asAdmin().contentType(JSON_TYPE).body(body)));
                expectWrongFormat(failures, route, "no body and no Content-Type", Api.asAdmin());
                expectWrongFormat(failures, route, "a form body",
                        Api.asAdmin().contentType("application/x-www-form-urlencoded").body("a=b"));
                expectWrongFormat(failures, route, "a text body", Api.asAdmin().contentType("text/plain").body("{}"));
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldAnswerWrongFormatToEveryJsonRouteForEachFieldOfTheWrongType() {
        List<Operation> routes = operationsReading(JSON_TYPE);
        assertFalse(routes.isEmpty(), "the OpenAPI document lists no route that reads JSON");

        List<String> failures = new ArrayList<>();
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (Operation route : routes) {
                Map<String, String> properties = route.properties();
                assertFalse(properties.isEmpty(), route + " documents no properties");
                properties.forEach((field, type) -> {
                    List<String> wrong = WRONG_VALUES.get(type);
                    assertTrue(wrong != null, route + " field " + field + " has type " + type + ", which this test "
                            + "has no wrong values for: add them");
                    for (String value : wrong) {
                        String body = "{\"" + field + "\":" + value + "}";
                        expectWrongFormat(failures, route, body, Api.asAdmin().contentType(JSON_TYPE).body(body));
                    }
                });
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertEquals(List.of(), logs.problems());
        }
    }

    /**
     * A form route given a body in another media type refuses it with a JSON error, whatever its message (login's
     * is "email missing": it reads no field from such a body). Sent with the admin's session cookie in case a form
     * route is protected: reauthenticate acts on the caller's session, so Basic would get its 404 there.
     */
    @Test
    void shouldAnswer400ToEveryFormRouteForABodyOfAnotherMediaType() {
        List<Operation> routes = FORM_TYPES.stream().flatMap(type -> operationsReading(type).stream()).toList();
        assertFalse(routes.isEmpty(), "the OpenAPI document lists no route that reads a form");
        String adminSession = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        Supplier<RequestSpecification> asAdmin = () -> RestAssured.given().cookie(Api.COOKIE, adminSession);

        List<String> failures = new ArrayList<>();
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (Operation route : routes) {
                Map<String, String> bodies = Map.of(
                        "a JSON object", "{\"email\":\"" + Api.ADMIN_EMAIL + "\",\"password\":\"" + Api.ADMIN_PASSWORD
                                + "\"}",
                        "JSON null", "null");
                bodies.forEach((name, body) -> expect400(failures, route, name,
                        asAdmin.get().contentType(JSON_TYPE).body(body), null));
                expect400(failures, route, "a text body", asAdmin.get().contentType("text/plain")
                        .body("email=" + Api.ADMIN_EMAIL + "&password=" + Api.ADMIN_PASSWORD), null);
                expect400(failures, route, "an XML body", asAdmin.get().contentType("application/xml")
                        .body("<login/>"), null);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertEquals(List.of(), logs.problems());
        }
    }

    private void expectWrongFormat(List<String> failures, Operation route, String name, RequestSpecification request) {
        expect400(failures, route, name, request, WRONG_FORMAT);
    }

    /** Sends the request to the route (path parameters filled with a fresh user's id) and records what went wrong. */
    private void expect400(List<String> failures, Operation route, String name, RequestSpecification request,
            String message) {
        String path = route.path().replaceAll("\\{[^}]+}", fresh);
        Response response = request.request(route.method(), path);
        String problem = null;
        if (response.statusCode() != 400) {
            problem = "status " + response.statusCode();
        } else if (response.contentType() == null || !response.contentType().startsWith(JSON_TYPE)) {
            problem = "Content-Type " + response.contentType();
        } else {
            String error = errorOf(response.asString());
            if (error == null || (message != null && !message.equals(error))) {
                problem = "error " + error;
            }
        }
        if (problem != null) {
            failures.add(route + " with " + name + ": " + problem + " " + response.asString());
        }
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            return error != null && error.isTextual() ? error.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    /** Every operation of the served document whose request body may be of this media type. */
    private static List<Operation> operationsReading(String mediaType) {
        JsonNode document = openApi();
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode content = method.getValue().path("requestBody").path("content");
            if (content.has(mediaType)) {
                JsonNode schema = resolve(document, content.get(mediaType).path("schema"));
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), schema));
            }
        }));
        return operations;
    }

    private static JsonNode openApi() {
        String body = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /** Follows a {@code $ref} to #/components/schemas/...; the document uses no other kind. */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String ref = schema.get("$ref").asText();
        JsonNode target = document.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "unresolvable " + ref);
        return resolve(document, target);
    }

    /** One documented operation and the schema of its body. */
    private record Operation(String method, String path, JsonNode schema) {

        /** The body's properties and their JSON types; an array's as "array of" its items' type. */
        Map<String, String> properties() {
            Map<String, String> properties = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String type = field.getValue().path("type").asText("(none)");
                if (type.equals("array")) {
                    type += " of " + field.getValue().path("items").path("type").asText("(none)");
                }
                properties.put(field.getKey(), type);
            }
            return properties;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
