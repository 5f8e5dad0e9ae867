package dev.sessionauth.group;

import dev.sessionauth.account.UserGroup;
import dev.sessionauth.contract.ApiTimestamps;

/** A group as the API shows it. */
public record GroupView(String id, String name, String description, String createdAt) {

    static GroupView of(UserGroup group) {
        return new GroupView(group.id.toString(), group.name, group.description, ApiTimestamps.format(group.createdAt));
    }
}
