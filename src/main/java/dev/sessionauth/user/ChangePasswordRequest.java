package dev.sessionauth.user;

/** Body of PUT /api/v1/users/me/password. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
