package dev.sessionauth.security;

import dev.sessionauth.account.EmailAddress;

/**
 * The keys of the sign-in counters (auth_failures.subject). Accounts are keyed by a hash of the canonical email, the
 * form lookups find the account by, so every spelling that reaches an account counts against it. A hash: fixed size,
 * and the table holds no addresses of people.
 */
final class SignInSubjects {

    private SignInSubjects() {
    }

    static String account(String email) {
        return "account:" + Sha256.hex(EmailAddress.canonical(email));
    }

    static String successes(String email) {
        return "successes:" + Sha256.hex(EmailAddress.canonical(email));
    }

    static String address(String clientAddress) {
        return "address:" + (clientAddress == null ? "unknown" : clientAddress);
    }
}
