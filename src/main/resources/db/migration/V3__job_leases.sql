-- One row per scheduled job that must run at most once per interval across every instance sharing this database.
-- An instance runs the job only if one conditional UPDATE moves next_run_at forward from a time already passed;
-- the row lock of that UPDATE lets exactly one of several instances claiming at once succeed.
CREATE TABLE job_leases (
    name        varchar(100) PRIMARY KEY,
    next_run_at timestamptz  NOT NULL,
    last_run_by varchar(255),
    last_run_at timestamptz
);
