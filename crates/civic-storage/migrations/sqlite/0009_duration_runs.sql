-- Exact times to outcome as sorted runs per standard service and month of outcome (see
-- civic_domain::measures::DurationRun), in place of an index entry per transaction: each
-- entry landed on a random page of that index, which cost a page write per event.
DROP INDEX transactions_time_to_outcome;

CREATE TABLE duration_runs (
    service_code TEXT NOT NULL,
    outcome_month INTEGER NOT NULL,
    run BIGINT NOT NULL,
    durations BLOB NOT NULL,
    PRIMARY KEY (service_code, outcome_month, run)
);

-- Stores made before this migration hold transactions whose times are in no run yet: Civic
-- builds the runs from them when it next starts (the encoding is Rust's, not SQL's).
CREATE TABLE pending_rebuilds (name TEXT PRIMARY KEY);
INSERT INTO pending_rebuilds (name) SELECT 'duration_runs' WHERE EXISTS (
    SELECT 1 FROM transactions WHERE duration_s IS NOT NULL);
