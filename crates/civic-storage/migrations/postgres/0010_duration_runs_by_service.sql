-- Exact times to outcome as runs per standard service, each run holding every month of
-- outcome in order (keys: civic_domain::measures::month_time_key), in place of runs per
-- service and month: a batch of one body's events spans a year of 200 services, touched
-- 2,200 groups and wrote a run to each.
DROP TABLE duration_runs;

CREATE TABLE duration_runs (
    service_code TEXT NOT NULL,
    run BIGINT NOT NULL,
    durations BYTEA NOT NULL,
    PRIMARY KEY (service_code, run)
);

-- Civic builds the runs again from the transactions when it next starts.
INSERT INTO pending_rebuilds (name) SELECT 'duration_runs' WHERE EXISTS (
    SELECT 1 FROM transactions WHERE duration_s IS NOT NULL)
ON CONFLICT (name) DO NOTHING;
