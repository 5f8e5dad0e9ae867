package dev.sessionauth.account;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.sessionauth.contract.ApiTimestamps;

/** A user as the API shows it: never a password or a hash. */
public record UserResponse(String id, String email, String firstName, String lastName, String role, boolean disabled,
        String createdAt, String updatedAt) {

    public static UserResponse of(User user) {
        return of(user.id, user.email, user.firstName, user.lastName, user.role, user.disabledAt != null, user.createdAt,
                user.updatedAt);
    }

    public static UserResponse of(UUID id, String email, String firstName, String lastName, Role role, boolean disabled,
            Instant createdAt, Instant updatedAt) {
        return new UserResponse(id.toString(), email, firstName, lastName, role.name().toLowerCase(Locale.ROOT), disabled,
                ApiTimestamps.format(createdAt), ApiTimestamps.format(updatedAt));
    }
}
