package dev.sessionauth.token;

import dev.sessionauth.contract.ApiTimestamps;

/** An API token as its owner sees it in a list: never the secret. */
public record ApiTokenView(String id, String name, String createdAt, String expiresAt, String lastUsedAt) {

    public static ApiTokenView of(ApiToken token) {
        return new ApiTokenView(token.id.toString(), token.name, ApiTimestamps.format(token.createdAt),
                ApiTimestamps.format(token.expiresAt), ApiTimestamps.format(token.lastUsedAt));
    }
}
