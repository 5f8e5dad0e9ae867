package dev.sessionauth.account;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One user's membership of one group; the pair is the primary key, so a membership exists at most once. */
@Entity
@Table(name = "group_members")
@IdClass(GroupMember.Key.class)
public class GroupMember extends PanacheEntityBase {

    /** The primary key: group and user. */
    public record Key(UUID groupId, UUID userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "group_id")
    public UUID groupId;

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @NotNull
    @Column(name = "added_at")
    public Instant addedAt;

    /** The names of the user's groups, sorted. */
    public static List<String> groupNamesOf(UUID userId) {
        return getEntityManager().createQuery("select g.name from UserGroup g, GroupMember m "
                + "where m.groupId = g.id and m.userId = ?1 order by g.name", String.class)
                .setParameter(1, userId)
                .getResultList();
    }

    /** A member of a group as a list shows it: the user, and when they joined. */
    public record Listed(User user, Instant addedAt) {
    }

    /** Up to {@code limit} members of the group, by user id, after {@code afterUserId} if not null. */
    public static List<Listed> pageOfGroup(UUID groupId, UUID afterUserId, int limit) {
        String after = afterUserId == null ? "" : " and u.id > :after";
        var query = getEntityManager().createQuery("select u, m.addedAt from GroupMember m, User u where u.id = m.userId "
                + "and m.groupId = :group" + after + " order by u.id", Object[].class)
                .setParameter("group", groupId)
                .setMaxResults(limit);
        if (afterUserId != null) {
            query.setParameter("after", afterUserId);
        }
        return query.getResultList().stream().map(row -> new Listed((User) row[0], (Instant) row[1])).toList();
    }

    /**
     * Adds the membership unless it exists: parallel requests leave exactly one row, and none of them fails. Needs
     * a transaction.
     *
     * @return whether it was added now
     */
    public static boolean insertIfAbsent(UUID groupId, UUID userId, Instant now) {
        return getEntityManager().createNativeQuery("INSERT INTO group_members (group_id, user_id, added_at) "
                + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, groupId)
                .setParameter(2, userId)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }

    public static boolean remove(UUID groupId, UUID userId) {
        return delete("groupId = ?1 and userId = ?2", groupId, userId) == 1;
    }
}
