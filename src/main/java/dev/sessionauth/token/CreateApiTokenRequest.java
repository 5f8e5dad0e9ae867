package dev.sessionauth.token;

import java.util.List;

/**
 * Body of POST /api/v1/tokens: a name for the owner to recognise it by, optionally its lifetime in days, the owner's
 * groups it may carry (absent: all of them) and whether it may only read.
 */
public record CreateApiTokenRequest(String name, Integer expiresInDays, List<String> groups, Boolean readOnly) {
}
