package dev.sessionauth.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import io.restassured.specification.RequestSpecification;

/**
 * A fresh address written several ways: its canonical form, spellings that Unicode compatibility normalisation and
 * lower-casing turn into it (mixed case, the Kelvin sign U+212A for k, full-width letters), and one with a dotted
 * capital I (U+0130), whose lower-case form i + U+0307 is another address. PostgreSQL's lower() under a UTF-8
 * locale does turn U+0130 into a plain i, which is what made it a way around the per-account limit.
 */
public record EmailSpellings(String canonical, List<String> variants, String dottedCapitalI, String dottedCapitalICanonical) {

    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    public static EmailSpellings fresh() {
        String id = UUID.randomUUID().toString();
        return new EmailSpellings(
                "kim.lin-" + id + "@example.com",
                List.of(
                        "KiM.LiN-" + id.toUpperCase(Locale.ROOT) + "@Example.COM",
                        "\u212Aim.lin-" + id + "@example.com",
                        fullWidth("kim.lin-" + id + "@example.com"),
                        " " + fullWidth("KIM") + ".Lin-" + id + "@EXAMPLE.com\u3000"),
                "k\u0130m.lin-" + id + "@example.com",
                "ki\u0307m.lin-" + id + "@example.com");
    }

    /** The canonical form and every variant that must reach the same account. */
    public List<String> sameAccount() {
        return Stream.concat(Stream.of(canonical), variants.stream()).toList();
    }

    /** A login form sent as UTF-8, whatever REST-assured's default form charset. */
    public static RequestSpecification loginForm(String email, String password) {
        return given().contentType(FORM).formParam("email", email).formParam("password", password);
    }

    /** An Authorization: Basic value with the credentials encoded as UTF-8. */
    public static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The full-width form (U+FF01..U+FF5E) of every printable ASCII character. */
    private static String fullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append(c > ' ' && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return wide.toString();
    }
}
