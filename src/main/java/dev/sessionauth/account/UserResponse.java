package dev.sessionauth.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.sessionauth.contract.ApiTimestamps;

/** A user as the API shows it: never a password or a hash. {@code groups} are the names, sorted. */
public record UserResponse(String id, String email, String firstName, String lastName, String role, boolean disabled,
        String createdAt, String updatedAt, List<String> groups) {

    /** Reads the user's groups: one query. */
    public static UserResponse of(User user) {
        return of(user.id, user.email, user.firstName, user.lastName, user.role, user.disabledAt != null, user.createdAt,
                user.updatedAt, GroupMember.groupNamesOf(user.id));
    }

    public static UserResponse of(UUID id, String email, String firstName, String lastName, Role role, boolean disabled,
            Instant createdAt, Instant updatedAt, List<String> groups) {
        return new UserResponse(id.toString(), email, firstName, lastName, role.name().toLowerCase(Locale.ROOT), disabled,
                ApiTimestamps.format(createdAt), ApiTimestamps.format(updatedAt), List.copyOf(groups));
    }
}
