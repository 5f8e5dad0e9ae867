-- Groups of users, for authorisation decisions at the reverse proxy (verify?group=...).

CREATE TABLE user_groups (
    id          uuid         PRIMARY KEY,
    -- "C" collation: names are ASCII, and sorting and paging compare them byte by byte whatever the locale.
    name        varchar(64)  COLLATE "C" NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    description varchar(500),
    created_at  timestamptz  NOT NULL,
    CONSTRAINT user_groups_name_key UNIQUE (name)
);

-- The primary key makes a membership a single row however many requests add it at once.
CREATE TABLE group_members (
    group_id uuid        NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

-- Every authenticated request reads the caller's groups by user.
CREATE INDEX group_members_user_id_idx ON group_members (user_id);
