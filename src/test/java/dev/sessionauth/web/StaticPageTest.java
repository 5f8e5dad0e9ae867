package dev.sessionauth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The account page and its assets are public static files, served with a strict Content-Security-Policy and
 * revalidated on every use, while every unknown path stays protected.
 */
@QuarkusTest
class StaticPageTest {

    /** "/" and every file the page is made of. */
    static final List<String> PAGE_FILES = pageFiles();
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void shouldServeThePageAndItsAssetsWithoutCredentials() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"login-form\""));
        given().get("/index.html").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/app.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void shouldKeepScriptAndStyleOutOfTheMarkupSoTheStrictContentSecurityPolicyFits() {
        given().get("/").then().statusCode(200)
                .body(not(matchesPattern("(?is).*\\son[a-z]+\\s*=.*")))
                .body(not(matchesPattern("(?is).*<script(?![^>]*\\ssrc=)[^>]*>.*")))
                .body(not(matchesPattern("(?is).*(\\sstyle\\s*=|<style).*")));
    }

    @Test
    void shouldSendSecurityHeadersThatForbidFramingInlineScriptAndReferrers() {
        for (String path : PAGE_FILES) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", POLICY)
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Content-Type-Options", "nosniff")
                    // The test profile's session cookie is not Secure: the page may be on plain HTTP.
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void shouldHaveBrowsersRevalidateThePageRatherThanKeepItAsImmutable() {
        for (String path : PAGE_FILES) {
            String lastModified = given().get(path).then().statusCode(200)
                    .header("Cache-Control", "no-cache")
                    .header("Last-Modified", notNullValue())
                    .extract().header("Last-Modified");

            given().header("If-Modified-Since", lastModified).get(path).then().statusCode(304)
                    .header("Cache-Control", "no-cache");
        }
    }

    @Test
    void shouldCoverEveryFileOfThePage() {
        assertEquals(Set.copyOf(PAGE_FILES), Set.copyOf(AccountPageHeaders.PAGE_FILES));
    }

    @Test
    void shouldStillTreatUnknownPathsAsProtected() {
        given().get("/missing.html").then().statusCode(401).body("error", equalTo("Unauthorized"));
        assertEquals(List.of("no-store"), given().get("/missing.html").then().extract().headers().getValues("Cache-Control"),
                "an API answer, not a page file");
        given().get("/api/v1/missing").then().statusCode(401).body("error", equalTo("Unauthorized"));
    }

    private static List<String> pageFiles() {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "META-INF", "resources"))) {
            return Stream.concat(Stream.of("/"), files.map(file -> "/" + file.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
