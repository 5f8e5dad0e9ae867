package dev.sessionauth.token;

import dev.sessionauth.contract.ApiTimestamps;

/** The answer to creating an API token: the only time its secret is ever shown. */
public record CreatedApiToken(String id, String name, String token, String createdAt, String expiresAt) {

    static CreatedApiToken of(ApiToken stored, String secret) {
        return new CreatedApiToken(stored.id.toString(), stored.name, secret, ApiTimestamps.format(stored.createdAt),
                ApiTimestamps.format(stored.expiresAt));
    }

    @Override
    public String toString() {
        return "CreatedApiToken[id=" + id + ", name=" + name + "]";
    }
}
