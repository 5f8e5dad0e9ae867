package dev.sessionauth.contract;

import java.nio.charset.StandardCharsets;

/** Text from users made safe to send as an HTTP header value. */
public final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    /**
     * Percent-encodes (RFC 3986, UTF-8) every byte but ASCII letters, digits and {@code . _ ~ - @}, so that a plain
     * address such as jane.doe@example.com is unchanged while non-ASCII text, spaces, '%' or '+' can neither be
     * mangled on the wire nor be read two ways: a receiver that decodes form-style, where '+' means a space, reads
     * the same text as one that decodes by RFC 3986.
     */
    public static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (staysAsIs(c)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static boolean staysAsIs(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '~' || c == '-' || c == '@';
    }
}
