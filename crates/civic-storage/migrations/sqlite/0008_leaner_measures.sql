-- Leaner writes and grain-wide reads for the performance measures.
-- * `transactions.request_id` and `survey_token_hash` are unique only where set: most rows
--   are pushed events with neither, and indexing their NULLs cost every insert two entries.
-- * Measure cells are keyed by grain first, so a month rollup across every service reads
--   the month cells alone instead of stepping over thirty times as many day cells.
-- * Month counts are also summarised per body and month (below).
CREATE TABLE transactions_new (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    service_code TEXT NOT NULL,
    dataset_id INTEGER REFERENCES datasets (id),
    request_id INTEGER REFERENCES requests (id),
    event_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    started_at TEXT NOT NULL,
    outcome_at TEXT,
    outcome TEXT,
    duration_s BIGINT,
    outcome_month INT,
    satisfaction INT,
    survey_token_hash TEXT,
    received_at TEXT NOT NULL,
    UNIQUE (dataset_id, event_id)
);
INSERT INTO transactions_new (id, service_id, service_code, dataset_id, request_id, event_id, channel, started_at, outcome_at, outcome, duration_s, outcome_month, satisfaction, survey_token_hash, received_at)
SELECT id, service_id, service_code, dataset_id, request_id, event_id, channel, started_at, outcome_at, outcome, duration_s, outcome_month, satisfaction, survey_token_hash, received_at FROM transactions;
DROP TABLE transactions;
ALTER TABLE transactions_new RENAME TO transactions;
CREATE UNIQUE INDEX transactions_by_request ON transactions (request_id) WHERE request_id IS NOT NULL;
CREATE UNIQUE INDEX transactions_by_survey ON transactions (survey_token_hash)
    WHERE survey_token_hash IS NOT NULL;
CREATE INDEX transactions_time_to_outcome
    ON transactions (service_code, outcome_month, duration_s) WHERE duration_s IS NOT NULL;
CREATE INDEX transactions_backlog ON transactions (service_id, started_at) WHERE outcome_at IS NULL;

CREATE TABLE measure_cells_new (
    service_id INTEGER NOT NULL REFERENCES services (id),
    grain TEXT NOT NULL,
    period_start TEXT NOT NULL,
    started_digital BIGINT NOT NULL,
    started_assisted_digital BIGINT NOT NULL,
    started_phone BIGINT NOT NULL,
    started_counter BIGINT NOT NULL,
    started_post BIGINT NOT NULL,
    started_email BIGINT NOT NULL,
    completed_digital BIGINT NOT NULL,
    completed_assisted_digital BIGINT NOT NULL,
    completed_phone BIGINT NOT NULL,
    completed_counter BIGINT NOT NULL,
    completed_post BIGINT NOT NULL,
    completed_email BIGINT NOT NULL,
    not_completed BIGINT NOT NULL,
    satisfaction_1 BIGINT NOT NULL,
    satisfaction_2 BIGINT NOT NULL,
    satisfaction_3 BIGINT NOT NULL,
    satisfaction_4 BIGINT NOT NULL,
    satisfaction_5 BIGINT NOT NULL,
    durations BLOB NOT NULL,
    PRIMARY KEY (grain, service_id, period_start)
) WITHOUT ROWID;
INSERT INTO measure_cells_new SELECT * FROM measure_cells;
DROP TABLE measure_cells;
ALTER TABLE measure_cells_new RENAME TO measure_cells;

-- Every service's month counts, one row per body and month: a national rollup reads 10,800
-- rows for 450 bodies over two years instead of a row per service and month. Kept by the
-- same writes as the cells; `services` is [[service_id, the 18 counts in cell order], …].
CREATE TABLE measure_month_summaries (
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    period_start TEXT NOT NULL,
    services TEXT NOT NULL,
    PRIMARY KEY (body_id, period_start)
) WITHOUT ROWID;
INSERT INTO measure_month_summaries (body_id, period_start, services)
SELECT s.body_id, c.period_start, json_group_array(json_array(c.service_id, c.started_digital, c.started_assisted_digital, c.started_phone, c.started_counter, c.started_post, c.started_email, c.completed_digital, c.completed_assisted_digital, c.completed_phone, c.completed_counter, c.completed_post, c.completed_email, c.not_completed, c.satisfaction_1, c.satisfaction_2, c.satisfaction_3, c.satisfaction_4, c.satisfaction_5))
FROM measure_cells c JOIN services s ON s.id = c.service_id
WHERE c.grain = 'month'
GROUP BY s.body_id, c.period_start;
