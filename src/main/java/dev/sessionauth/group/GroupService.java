package dev.sessionauth.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.sessionauth.account.GroupMember;
import dev.sessionauth.account.User;
import dev.sessionauth.account.UserGroup;
import dev.sessionauth.contract.ConflictException;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.contract.UuidPathParam;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.SecurityEvents;

/**
 * Groups and their members, managed by administrators. Membership is read with the credential on every request,
 * so each change here counts on the member's next request, on every instance.
 */
@ApplicationScoped
public class GroupService {

    private static final String CANNOT_CREATE = "Can't create group: ";
    private static final String CANNOT_LIST = "Can't list: ";

    private final SecurityEvents securityEvents;

    public GroupService(SecurityEvents securityEvents) {
        this.securityEvents = securityEvents;
    }

    @Transactional
    public UserGroup create(Caller caller, CreateGroupRequest request, Instant now) {
        caller.requireAdmin();
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name missing");
        }
        if (!UserGroup.isValidName(name)) {
            throw new InvalidRequestException(CANNOT_CREATE + "name must match " + UserGroup.NAME.pattern());
        }
        String description = validDescription(request.description());
        UUID id = UUID.randomUUID();
        if (!UserGroup.insertIfNameFree(id, name, description, now)) {
            throw new ConflictException(CANNOT_CREATE + "name already used");
        }
        securityEvents.groupCreated(caller.userId(), id, name, caller.clientAddress());
        return UserGroup.findById(id);
    }

    public GroupPage<UserGroup> list(Caller caller, String limit, String cursor) {
        caller.requireAdmin();
        int pageSize = PageCursor.pageSize(limit);
        String after = PageCursor.decode(cursor);
        if (after != null && !UserGroup.isValidName(after)) {
            throw new InvalidRequestException(CANNOT_LIST + "invalid cursor");
        }
        return page(UserGroup.pageByName(after, pageSize + 1), pageSize, group -> group.name);
    }

    public UserGroup get(Caller caller, String name) {
        caller.requireAdmin();
        return existing(name);
    }

    /** Deletes the group; its memberships and its place in API tokens' group lists go with it. */
    @Transactional
    public void delete(Caller caller, String name) {
        caller.requireAdmin();
        UserGroup group = existing(name);
        group.delete();
        securityEvents.groupDeleted(caller.userId(), group.id, group.name, caller.clientAddress());
    }

    public GroupPage<GroupMember.Listed> members(Caller caller, String name, String limit, String cursor) {
        caller.requireAdmin();
        UserGroup group = existing(name);
        int pageSize = PageCursor.pageSize(limit);
        String afterText = PageCursor.decode(cursor);
        UUID after = afterText == null ? null
                : UuidPathParam.parse(afterText).orElseThrow(() -> new InvalidRequestException(CANNOT_LIST + "invalid cursor"));
        return page(GroupMember.pageOfGroup(group.id, after, pageSize + 1), pageSize, member -> member.user().id.toString());
    }

    /** Adds the user to the group; adding a member again changes nothing and is no error. */
    @Transactional
    public User addMember(Caller caller, String name, String userId, Instant now) {
        caller.requireAdmin();
        UserGroup group = existing(name);
        User user = existingUser(userId);
        if (GroupMember.insertIfAbsent(group.id, user.id, now)) {
            securityEvents.groupMemberAdded(caller.userId(), group.id, group.name, user.id, caller.clientAddress());
        }
        return user;
    }

    /** Removes the user from the group; removing a non-member changes nothing and is no error. */
    @Transactional
    public void removeMember(Caller caller, String name, String userId) {
        caller.requireAdmin();
        UserGroup group = existing(name);
        User user = existingUser(userId);
        if (GroupMember.remove(group.id, user.id)) {
            securityEvents.groupMemberRemoved(caller.userId(), group.id, group.name, user.id, caller.clientAddress());
        }
    }

    private static <T> GroupPage<T> page(List<T> rows, int pageSize, Function<T, String> key) {
        // The queries read one row more than the page: it tells whether another page follows.
        if (rows.size() <= pageSize) {
            return new GroupPage<>(rows, Optional.empty());
        }
        List<T> page = rows.subList(0, pageSize);
        return new GroupPage<>(page, Optional.of(PageCursor.encode(key.apply(page.get(pageSize - 1)))));
    }

    private static UserGroup existing(String name) {
        return UserGroup.findByName(name).orElseThrow(ResourceNotFoundException::new);
    }

    private static User existingUser(String id) {
        // A lambda, not User::findByIdOptional: Panache only implements the static methods called on the entity itself.
        return UuidPathParam.parse(id).<User> flatMap(uuid -> User.findByIdOptional(uuid))
                .orElseThrow(ResourceNotFoundException::new);
    }

    private static String validDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String trimmed = description.strip();
        if (trimmed.length() > UserGroup.MAX_DESCRIPTION_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(CANNOT_CREATE + "description must be at most "
                    + UserGroup.MAX_DESCRIPTION_LENGTH + " characters, without control characters");
        }
        return trimmed;
    }
}
