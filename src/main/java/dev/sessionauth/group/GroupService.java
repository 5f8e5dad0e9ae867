package dev.sessionauth.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import dev.sessionauth.account.GroupMember;
import dev.sessionauth.account.User;
import dev.sessionauth.account.UserGroup;
import dev.sessionauth.contract.ConflictException;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.PageSize;
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

    private final SecurityEvents securityEvents;

    public GroupService(SecurityEvents securityEvents) {
        this.securityEvents = securityEvents;
    }

    /** Creates the group; the request's fields are checked on entry (Bean Validation of the @Valid parameter). */
    @Transactional
    public UserGroup create(Caller caller, @Valid CreateGroupRequest request, Instant now) {
        caller.requireAdmin();
        UUID id = UUID.randomUUID();
        if (!UserGroup.insertIfNameFree(id, request.name(), storedDescription(request.description()), now)) {
            throw new ConflictException(CreateGroupRequest.CANNOT_CREATE + "name already used");
        }
        securityEvents.groupCreated(caller.userId(), id, request.name(), caller.clientAddress());
        return UserGroup.findById(id);
    }

    public GroupPage<UserGroup> list(Caller caller, String limit, String cursor) {
        caller.requireAdmin();
        int pageSize = PageSize.of(limit, PageCursor.CANNOT_LIST);
        String after = PageCursor.decode(cursor);
        if (after != null && !UserGroup.isValidName(after)) {
            throw new InvalidRequestException(PageCursor.CANNOT_LIST + "invalid cursor");
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
        // Of two deletes at once, the second waits for the first's row lock, then finds the row gone.
        if (!UserGroup.deleteIfPresent(group.id)) {
            throw new ResourceNotFoundException();
        }
        securityEvents.groupDeleted(caller.userId(), group.id, group.name, caller.clientAddress());
    }

    public GroupPage<GroupMember.Listed> members(Caller caller, String name, String limit, String cursor) {
        caller.requireAdmin();
        UserGroup group = existing(name);
        int pageSize = PageSize.of(limit, PageCursor.CANNOT_LIST);
        String afterText = PageCursor.decode(cursor);
        UUID after = afterText == null ? null
                : UuidPathParam.parse(afterText)
                        .orElseThrow(() -> new InvalidRequestException(PageCursor.CANNOT_LIST + "invalid cursor"));
        return page(GroupMember.pageOfGroup(group.id, after, pageSize + 1), pageSize, member -> member.user().id.toString());
    }

    /** Adds the user to the group; adding a member again changes nothing and is no error. */
    @Transactional
    public User addMember(Caller caller, String name, String userId, Instant now) {
        caller.requireAdmin();
        // Both rows kept until the membership commits: deleting either waits for it, or has already made this a 404.
        UserGroup group = UserGroup.keepForReference(name).orElseThrow(ResourceNotFoundException::new);
        User user = UuidPathParam.parse(userId).flatMap(User::keepForReference)
                .orElseThrow(ResourceNotFoundException::new);
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

    /** What is stored of a valid description: no surrounding white space, and none at all when blank. */
    private static String storedDescription(String description) {
        return description == null || description.isBlank() ? null : description.strip();
    }
}
