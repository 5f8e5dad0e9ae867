package dev.sessionauth.user;

/** Body of POST /api/v1/auth_session/password_reset: the secret from the administrator, and the new password. */
public record PasswordResetRequest(String token, String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetRequest[]";
    }
}
