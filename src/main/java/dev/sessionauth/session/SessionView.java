package dev.sessionauth.session;

import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.contract.ApiTimestamps;

/** One of the caller's sessions as they see it: its public id, never its token. */
public record SessionView(String id, String createdAt, String lastSeenAt, String expiresAt, String ipAddress,
        String userAgent, boolean current) {

    public static SessionView of(UserSession session, Optional<UUID> currentSessionId) {
        return new SessionView(session.id.toString(), ApiTimestamps.format(session.createdAt),
                ApiTimestamps.format(session.lastSeenAt),
                ApiTimestamps.format(session.expiresAt), session.clientIp, session.userAgent,
                currentSessionId.map(session.id::equals).orElse(false));
    }
}
