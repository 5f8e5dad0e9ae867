package dev.sessionauth.session;

import dev.sessionauth.account.User;

/**
 * A successful login: the user, the token to set in their cookie (never stored, never logged) and whether the session
 * is remembered (its cookie's lifetime).
 */
public record LoginResult(User user, String token, boolean remember) {

    @Override
    public String toString() {
        return "LoginResult[user=" + user.id + "]";
    }
}
