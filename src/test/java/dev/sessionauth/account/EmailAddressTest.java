package dev.sessionauth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void shouldLowerCaseAndTrimPlainAddresses() {
        assertEquals("kim.lin@example.com", EmailAddress.canonical("  Kim.LIN@Example.COM\t"));
        assertEquals("kim.lin@example.com", EmailAddress.canonical("kim.lin@example.com"));
    }

    @Test
    void shouldTurnCompatibilityFormsIntoPlainLetters() {
        assertEquals("kim@example.com", EmailAddress.canonical("\u212Aim@example.com"), "Kelvin sign");
        assertEquals("kim@example.com",
                EmailAddress.canonical(
                        "\uFF2B\uFF29\uFF2D\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF43\uFF4F\uFF4D"),
                "full-width letters and punctuation");
        assertEquals("kim@example.com", EmailAddress.canonical("\u3000kim@example.com\u00A0"),
                "ideographic and no-break spaces");
        assertEquals("office@example.com", EmailAddress.canonical("o\uFB03ce@example.com"), "the ffi ligature");
    }

    @Test
    void shouldKeepTheDottedCapitalIApartFromAPlainI() {
        assertEquals("ki\u0307m@example.com", EmailAddress.canonical("K\u0130M@example.com"));
        assertEquals("ki\u0307m@example.com", EmailAddress.canonical("KI\u0307M@example.com"), "decomposed form");
        assertNotEquals(EmailAddress.canonical("kim@example.com"), EmailAddress.canonical("k\u0130m@example.com"));
        assertEquals("k\u0131m@example.com", EmailAddress.canonical("k\u0131m@example.com"), "dotless i stays");
    }

    @Test
    void shouldNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("kim@example.com", EmailAddress.canonical("KIM@example.com"));
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Stored values are canonical; finding them again must not change them, for any character at all. */
    @Test
    void shouldBeStableAndNormalisedForEveryCodePoint() {
        List<String> unstable = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String once = EmailAddress.canonical("a" + Character.toString(codePoint) + "@example.com");
            if (!EmailAddress.canonical(once).equals(once) || !Normalizer.isNormalized(once, Normalizer.Form.NFKC)) {
                unstable.add(Integer.toHexString(codePoint));
            }
        }
        assertEquals(List.of(), unstable);
    }
}
