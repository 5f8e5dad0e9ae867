package dev.sessionauth.user;

/** Body of POST /api/v1/users. */
public record CreateUserRequest(String email, String password, String firstName, String lastName) {

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + "]";
    }
}
