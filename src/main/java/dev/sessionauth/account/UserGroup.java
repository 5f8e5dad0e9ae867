package dev.sessionauth.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A named group of users; membership is what verify?group=... checks. Named UserGroup because GROUP is a reserved
 * word of the query language.
 */
@Entity
@Table(name = "user_groups")
public class UserGroup extends PanacheEntityBase {

    /** The names a group may have (the database checks the same pattern). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public static final int MAX_DESCRIPTION_LENGTH = 500;

    @Id
    public UUID id;

    @NotNull
    @Column(updatable = false)
    public String name;

    @Size(max = MAX_DESCRIPTION_LENGTH)
    public String description;

    @NotNull
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static Optional<UserGroup> findByName(String name) {
        return isValidName(name) ? find("name = ?1", name).firstResultOptional() : Optional.empty();
    }

    /** Up to {@code limit} groups by name, after {@code afterName} when it is not null. */
    public static List<UserGroup> pageByName(String afterName, int limit) {
        if (afterName == null) {
            return find("order by name").page(0, limit).list();
        }
        return find("name > ?1 order by name", afterName).page(0, limit).list();
    }

    /**
     * Creates the group unless its name is taken; a plain INSERT would fail the transaction on a duplicate, and a
     * check before it would race a parallel creation. Needs a transaction.
     *
     * @return whether it was created
     */
    public static boolean insertIfNameFree(UUID id, String name, String description, Instant now) {
        return getEntityManager().createNativeQuery("INSERT INTO user_groups (id, name, description, created_at) "
                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, name)
                .setParameter(3, description)
                .setParameter(4, now)
                .executeUpdate() == 1;
    }
}
