package dev.sessionauth.token;

import java.util.List;

import dev.sessionauth.contract.ApiTimestamps;

/**
 * An API token as its owner sees it in a list: never the secret. {@code groups} is null for a token that carries all
 * of its owner's groups.
 */
public record ApiTokenView(String id, String name, String createdAt, String expiresAt, String lastUsedAt,
        List<String> groups, boolean readOnly) {

    public static ApiTokenView of(ApiToken token) {
        List<String> groups = token.groupLimited ? token.groups.stream().map(group -> group.name).toList() : null;
        return new ApiTokenView(token.id.toString(), token.name, ApiTimestamps.format(token.createdAt),
                ApiTimestamps.format(token.expiresAt), ApiTimestamps.format(token.lastUsedAt), groups, token.readOnly);
    }
}
