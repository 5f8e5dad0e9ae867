-- API tokens limited to reading and to some of their owner's groups.

ALTER TABLE api_tokens
    ADD COLUMN read_only     boolean NOT NULL DEFAULT false,
    -- true: the token carries only the groups listed in api_token_groups (none left means none at all).
    ADD COLUMN group_limited boolean NOT NULL DEFAULT false;

-- By group id, not name: a group deleted and created again under the same name is not granted to old tokens.
CREATE TABLE api_token_groups (
    token_id uuid NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    group_id uuid NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (token_id, group_id)
);

CREATE INDEX api_token_groups_group_id_idx ON api_token_groups (group_id);
