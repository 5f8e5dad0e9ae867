-- Remember-me, freshness of the password proof, session protection, and one-time password reset secrets.

-- remember: the session has the remember-me lifetimes. authenticated_at: when its user last proved the password
-- (login or reauthentication); fresh is false once session protection saw the session used from elsewhere.
-- client_network and browser_family are those of the last proof, compared by session protection.
ALTER TABLE user_sessions
    ADD COLUMN remember         boolean     NOT NULL DEFAULT false,
    ADD COLUMN authenticated_at timestamptz,
    ADD COLUMN fresh            boolean     NOT NULL DEFAULT true,
    ADD COLUMN client_network   varchar(64),
    ADD COLUMN browser_family   varchar(32);

-- A session opened before this migration proved the password when it was created. The service always writes the
-- column; the default is for rows that other tools insert (the benchmark's sessions).
UPDATE user_sessions SET authenticated_at = created_at;
ALTER TABLE user_sessions ALTER COLUMN authenticated_at SET DEFAULT now(),
    ALTER COLUMN authenticated_at SET NOT NULL;

-- A reset secret an administrator hands to a user; like every secret here, only its SHA-256 is stored.
CREATE TABLE password_reset_secrets (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash bytea       NOT NULL CHECK (octet_length(secret_hash) = 32),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used        boolean     NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX password_reset_secrets_secret_hash_key ON password_reset_secrets (secret_hash);
CREATE INDEX password_reset_secrets_user_id_idx ON password_reset_secrets (user_id);
CREATE INDEX password_reset_secrets_expires_at_idx ON password_reset_secrets (expires_at);
