package dev.sessionauth.group;

/** Body of POST /api/v1/groups: a name matching [a-z0-9][a-z0-9_-]{0,63}, and optionally a description. */
public record CreateGroupRequest(String name, String description) {
}
