package dev.sessionauth.gate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Email and password from an {@code Authorization: Basic} header. */
public record BasicCredentials(String email, String password) {

    private static final String SCHEME = "basic ";

    /**
     * Parses the header value; anything malformed (another scheme, bad base64, not UTF-8, no colon) is empty.
     * The value is split on the first colon only, so passwords may contain colons.
     */
    public static Optional<BasicCredentials> parse(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= SCHEME.length()
                || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String encoded = authorizationHeader.substring(SCHEME.length()).trim();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String userAndPassword;
        try {
            userAndPassword = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
        int colon = userAndPassword.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(userAndPassword.substring(0, colon), userAndPassword.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[email=" + email + "]";
    }
}
