package dev.sessionauth.user;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A user as the API shows it: never a password or a hash. */
public record UserResponse(String id, String email, String firstName, String lastName, String role, boolean disabled,
        String createdAt, String updatedAt) {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public static UserResponse of(User user) {
        return new UserResponse(user.id.toString(), user.email, user.firstName, user.lastName,
                user.role.name().toLowerCase(Locale.ROOT), user.disabledAt != null, format(user.createdAt),
                format(user.updatedAt));
    }

    private static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
