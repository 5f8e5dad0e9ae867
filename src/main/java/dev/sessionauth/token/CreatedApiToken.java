package dev.sessionauth.token;

import java.util.List;

import dev.sessionauth.contract.ApiTimestamps;

/** The answer to creating an API token: the only time its secret is ever shown. */
public record CreatedApiToken(String id, String name, String token, String createdAt, String expiresAt,
        List<String> groups, boolean readOnly) {

    static CreatedApiToken of(ApiToken stored, String secret) {
        ApiTokenView view = ApiTokenView.of(stored);
        return new CreatedApiToken(stored.id.toString(), stored.name, secret, ApiTimestamps.format(stored.createdAt),
                ApiTimestamps.format(stored.expiresAt), view.groups(), stored.readOnly);
    }

    @Override
    public String toString() {
        return "CreatedApiToken[id=" + id + ", name=" + name + "]";
    }
}
