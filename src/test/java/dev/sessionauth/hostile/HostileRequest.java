package dev.sessionauth.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One generated request, exactly as sent.
 *
 * @param aspect what the request attacks (credentials, body, headers, oversize, method, path, framing, injection)
 * @param name the aspect, the variant and the credentials, for reports
 * @param target the request target as sent
 * @param httpLayer whether the request is malformed or over a limit in a way the HTTP layer (Vert.x and Quarkus's
 *        limits, before Quarkus REST) may answer itself, or drop
 * @param forwarded whether it carries malformed X-Forwarded-* headers, which Quarkus's forwarding support reads
 *        before anything else and, for some values, never answers (see HostileInputTest)
 */
record HostileRequest(int index, String aspect, String name, String method, String target, byte[] bytes,
        boolean head, boolean httpLayer, boolean forwarded) {

    private static final int SHOWN_BYTES = 400;

    /** Whether the server sees an /api path, also when the target is in absolute form. */
    boolean api() {
        String path = target.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        return path.startsWith("/api");
    }

    /** The start of the request with non-printable bytes escaped, for failure reports. */
    String excerpt() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, SHOWN_BYTES); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                text.append("\\r");
            } else if (b == '\n') {
                text.append("\\n");
            } else if (b < 0x20 || b >= 0x7f) {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        if (bytes.length > SHOWN_BYTES) {
            text.append("... (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "#" + index + " " + name + " " + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1)
                .lines().findFirst().orElse("");
    }
}
