-- One row per scheduled job that must run at most once per interval across every instance sharing this database.
-- An instance runs the job only if one conditional UPDATE moves next_run_at forward from a time already passed;
-- the row lock of that UPDATE lets exactly one of several instances claiming at once succeed.
CREATE TABLE job_leases (
    name        text        PRIMARY KEY,
    next_run_at timestamptz NOT NULL,
    -- INSTANCE_ID of the instance that claimed the last run (by default host name and process id, of any length).
    last_run_by text,
    last_run_at timestamptz
);
