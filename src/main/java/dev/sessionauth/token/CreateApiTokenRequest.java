package dev.sessionauth.token;

/** Body of POST /api/v1/tokens: a name for the owner to recognise it by, and optionally its lifetime in days. */
public record CreateApiTokenRequest(String name, Integer expiresInDays) {
}
