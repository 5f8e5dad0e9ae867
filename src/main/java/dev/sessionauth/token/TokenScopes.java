package dev.sessionauth.token;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.sessionauth.account.GroupMember;
import dev.sessionauth.account.User;
import dev.sessionauth.account.UserGroup;
import dev.sessionauth.contract.InvalidRequestException;

/** Checks the groups a new API token asks to carry: only groups its owner belongs to when it is created. */
final class TokenScopes {

    static final int MAX_GROUPS = 100;
    private static final String CANNOT_CREATE = "Can't create token: ";

    private TokenScopes() {
    }

    /**
     * The groups of these names, each one the owner belongs to; an empty list for null (a token not limited to
     * groups). An unknown group and one the owner is not in get the same answer, so the answer tells a plain user
     * nothing about other groups.
     */
    static List<UserGroup> groupsOf(User owner, List<String> names) {
        if (names == null) {
            return new ArrayList<>();
        }
        if (names.size() > MAX_GROUPS) {
            throw new InvalidRequestException(CANNOT_CREATE + "at most " + MAX_GROUPS + " groups");
        }
        List<String> ownGroups = GroupMember.groupNamesOf(owner.id);
        List<UserGroup> groups = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!UserGroup.isValidName(name)) {
                throw new InvalidRequestException(CANNOT_CREATE + "group names must match " + UserGroup.NAME.pattern());
            }
            if (!ownGroups.contains(name)) {
                throw new InvalidRequestException(CANNOT_CREATE + "not a member of group " + name);
            }
            groups.add(UserGroup.findByName(name).orElseThrow());
        }
        return groups;
    }
}
