package dev.sessionauth.session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/** One of the caller's sessions as they see it: its public id, never its token. */
public record SessionView(String id, String createdAt, String lastSeenAt, String expiresAt, String ipAddress,
        String userAgent, boolean current) {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public static SessionView of(UserSession session, Optional<UUID> currentSessionId) {
        return new SessionView(session.id.toString(), format(session.createdAt), format(session.lastSeenAt),
                session.expiresAt == null ? null : format(session.expiresAt), session.clientIp, session.userAgent,
                currentSessionId.map(session.id::equals).orElse(false));
    }

    private static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
