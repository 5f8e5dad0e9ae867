package dev.sessionauth.session;

import dev.sessionauth.account.User;

/** A successful login: the user and the token to set in their cookie (never stored, never logged). */
public record LoginResult(User user, String token) {

    @Override
    public String toString() {
        return "LoginResult[user=" + user.id + "]";
    }
}
