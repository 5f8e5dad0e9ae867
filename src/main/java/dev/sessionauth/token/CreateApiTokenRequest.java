package dev.sessionauth.token;

import java.util.List;

/**
 * Body of POST /api/v1/tokens: a name for the owner to recognise it by, optionally its lifetime in days, the owner's
 * groups it may carry (absent: all of them) and whether it may only read. The checks answer in the contract's words
 * (see {@link dev.sessionauth.contract.RequestViolations}); the groups are checked against the owner's in
 * {@link TokenScopes}.
 */
public record CreateApiTokenRequest(@TokenName String name, @TokenLifetime Integer expiresInDays, List<String> groups,
        Boolean readOnly) {

    static final String CANNOT_CREATE = "Can't create token: ";
}
