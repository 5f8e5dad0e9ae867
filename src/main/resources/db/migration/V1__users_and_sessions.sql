-- Users and their server-side sessions.

CREATE TABLE users (
    id            uuid         PRIMARY KEY,
    email         varchar(254) NOT NULL,
    password_hash varchar(100) NOT NULL,
    first_name    varchar(255),
    last_name     varchar(255),
    role          varchar(16)  NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN')),
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);

-- Emails are unique regardless of case; lookups use lower(email) so they hit this index.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE user_sessions (
    id           uuid        PRIMARY KEY,
    -- SHA-256 of the cookie token: the raw token is never stored, so a leaked table grants nothing.
    token_hash   bytea       NOT NULL CHECK (octet_length(token_hash) = 32),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    -- Absolute expiry; NULL when sessions have no absolute lifetime (idle timeout still applies).
    expires_at   timestamptz,
    client_ip    varchar(45),
    user_agent   varchar(512)
);

CREATE UNIQUE INDEX user_sessions_token_hash_key ON user_sessions (token_hash);
CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);
-- The purge job deletes by either expiry; one index each lets PostgreSQL combine them (BitmapOr).
CREATE INDEX user_sessions_expires_at_idx ON user_sessions (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX user_sessions_last_seen_at_idx ON user_sessions (last_seen_at);
