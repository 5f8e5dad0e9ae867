package dev.sessionauth.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.ProblemLogCapture;
import dev.sessionauth.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Requests whose headers or form body Quarkus REST cannot parse: 400 JSON, never a 500 or a logged stack trace. */
@QuarkusTest
class UnreadableRequestTest {

    private static final String LOGIN = "/api/v1/auth_session/login";

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAnswer400ForAnAcceptHeaderThatCannotBeParsed() {
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (String accept : new String[] { ";;;", "/*", "x".repeat(300), "application/json, ,text/html" }) {
                for (String path : new String[] { "/api/v1/status", "/api/v1/users", "/api/v1/forbidden", "/api/nope" }) {
                    given().header("Accept", accept).get(path).then()
                            .statusCode(400)
                            .contentType(ContentType.JSON)
                            .body("error", equalTo("Wrong format"));
                }
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldStillNegotiateWellFormedAcceptHeaders() {
        given().header("Accept", "application/json").get("/api/v1/status").then().statusCode(200);
        given().header("Accept", "text/html;q=0.9, */*;q=0.1").get("/api/v1/status").then().statusCode(200);
        given().header("Accept", "text/html").get("/api/v1/status").then().statusCode(406)
                .contentType(ContentType.JSON).body("error", equalTo("Not Acceptable"));
    }

    @Test
    void shouldAnswer400ForAnEncodedNulUnderQuarkusEndpoints() {
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            given().urlEncodingEnabled(false).get("/q/swagger-ui/%00").then().statusCode(400);
            given().urlEncodingEnabled(false).get("/q/swagger-ui//%00").then().statusCode(400);
            given().urlEncodingEnabled(false).get("/api/v1/users/%00").then().statusCode(401)
                    .contentType(ContentType.JSON);
            given().get("/q/swagger-ui/").then().statusCode(200);
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldAnswer400ForALoginFormThatCannotBeRead() {
        String tooManyFields = "email=" + Api.uniqueEmail() + "&password=x" + "&k=v".repeat(1001);
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (String form : new String[] { "email=%zz&password=%", "email=a%2", "%=%&%%%=%%", tooManyFields }) {
                given().contentType(ContentType.URLENC).body(form).post(LOGIN).then()
                        .statusCode(400)
                        .contentType(ContentType.JSON)
                        .body("error", equalTo("Wrong format"));
            }
            // The charset is only looked up for a value that needs decoding.
            assertWrongFormat(post("application/x-www-form-urlencoded; charset=klingon",
                    "email=someone%40test.local&password=x+y"));
            assertWrongFormat(post("multipart/form-data; boundary=", "--XX\r\n"));
            assertWrongFormat(post("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; "
                    + "name=\"email\"\r\n\r\nsomeone@test.local\r\n--X"));
            assertEquals(List.of(), logs.problems());
        }
    }

    /**
     * A client that starts a chunked JSON body, lets the endpoint begin reading it, then sends a chunk size that is
     * not hexadecimal: the body cannot be read, which is the client's fault, not a server error.
     */
    @Test
    void shouldTreatABodyThatBreaksWhileBeingReadAsTheClientsFault() throws Exception {
        String basic = Base64.getEncoder().encodeToString(
                (Api.ADMIN_EMAIL + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String head = "POST /api/v1/users HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Basic " + basic + "\r\nContent-Type: application/json"
                + "\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n";
        try (ProblemLogCapture logs = ProblemLogCapture.start();
                Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // A slow client: the rest arrives once the endpoint is already blocked reading the body.
            Thread.sleep(500);
            out.write("zz\r\n\"email\": 1}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
            assertEquals(List.of(), logs.problems());
        }
    }

    private RawHttp.Response post(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + LOGIN + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\n\r\n";
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            byte[] head8859 = head.getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[head8859.length + bytes.length];
            System.arraycopy(head8859, 0, request, 0, head8859.length);
            System.arraycopy(bytes, 0, request, head8859.length, bytes.length);
            return http.exchange(request, false);
        }
    }

    private static void assertWrongFormat(RawHttp.Response response) {
        assertEquals(400, response.status(), response.bodyText());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.header("Content-Type"));
        assertEquals("{\"error\":\"Wrong format\"}", response.bodyText());
    }
}
