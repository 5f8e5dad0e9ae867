package dev.sessionauth.group;

import java.util.List;
import java.util.Optional;

/** One page of a list and, when more follow, the cursor that asks for the next page. */
record GroupPage<T>(List<T> items, Optional<String> nextCursor) {
}
