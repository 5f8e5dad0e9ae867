-- API tokens: long-lived credentials for other systems, sent as Authorization: Bearer.

CREATE TABLE api_tokens (
    id           uuid         PRIMARY KEY,
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL CHECK (char_length(name) > 0),
    -- SHA-256 of the token: like session tokens, the secret itself is never stored.
    token_hash   bytea        NOT NULL CHECK (octet_length(token_hash) = 32),
    created_at   timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    last_used_at timestamptz,
    CONSTRAINT api_tokens_name_per_user_key UNIQUE (user_id, name)
);

CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_expires_at_idx ON api_tokens (expires_at);
