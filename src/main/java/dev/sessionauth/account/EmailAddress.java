package dev.sessionauth.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of an email, computed here and nowhere else: what is stored, what lookups compare with
 * {@code email = ?}, what the unique constraint holds and what the per-account sign-in limit hashes.
 */
public final class EmailAddress {

    private EmailAddress() {
    }

    /**
     * NFKC (full-width letters, the Kelvin sign U+212A and other compatibility forms become their plain letters),
     * surrounding whitespace removed, then Unicode's default lower-case mapping ({@link Locale#ROOT}). The result
     * depends on nothing but the JDK's Unicode tables: not on the database's locale, nor on the JVM's. The dotted
     * capital I (U+0130) becomes i followed by U+0307, as Unicode maps it, so it is a different address from a plain
     * i. Applying it again changes nothing.
     */
    public static String canonical(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
