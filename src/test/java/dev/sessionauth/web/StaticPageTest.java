package dev.sessionauth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The account page and its assets are public static files, while every unknown path stays protected. */
@QuarkusTest
class StaticPageTest {

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
    void shouldKeepScriptOutOfTheMarkupSoAStrictContentSecurityPolicyFits() {
        given().get("/").then().statusCode(200)
                .body(not(matchesPattern("(?is).*\\son[a-z]+\\s*=.*")))
                .body(not(matchesPattern("(?is).*<script(?![^>]*\\ssrc=)[^>]*>.*")));
    }

    @Test
    void shouldStillTreatUnknownPathsAsProtected() {
        given().get("/missing.html").then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().get("/api/v1/missing").then().statusCode(401).body("error", equalTo("Unauthorized"));
    }
}
