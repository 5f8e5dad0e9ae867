-- Accounts an administrator has disabled: they cannot sign in and hold no sessions.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- Sign-in attempts not yet vouched for by a success, per subject: 'account:<sha256 of lower(email)>' or
-- 'address:<client ip>', shared by every instance. An attempt is counted before its password is checked; a
-- subject is locked until locked_until once its count reaches the configured limit within one window. Rows whose
-- window and lock have both passed are purged with expired sessions.
CREATE TABLE auth_failures (
    subject           varchar(300) PRIMARY KEY,
    failures          integer      NOT NULL CHECK (failures >= 0),
    window_started_at timestamptz  NOT NULL,
    locked_until      timestamptz
);

CREATE INDEX auth_failures_window_started_at_idx ON auth_failures (window_started_at);
