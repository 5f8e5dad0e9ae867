package dev.sessionauth.token;

/**
 * Body of POST /api/v1/tokens: a name for the owner to recognise it by, and optionally its lifetime in days. The checks
 * answer in the contract's words (see {@link dev.sessionauth.contract.RequestViolations}).
 */
public record CreateApiTokenRequest(@TokenName String name, @TokenLifetime Integer expiresInDays) {

    static final String CANNOT_CREATE = "Can't create token: ";
}
