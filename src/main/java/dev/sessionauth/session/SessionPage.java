package dev.sessionauth.session;

import java.util.List;
import java.util.Optional;

/** One page of a user's sessions and, when more follow, the cursor that asks for the next page. */
public record SessionPage(List<UserSession> sessions, Optional<String> nextCursor) {
}
