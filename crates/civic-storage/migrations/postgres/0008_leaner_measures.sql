-- Leaner writes and grain-wide reads for the performance measures.
-- * `transactions.request_id` and `survey_token_hash` are unique only where set: most rows
--   are pushed events with neither, and indexing their NULLs cost every insert two entries.
-- * Measure cells are keyed by grain first, so a month rollup across every service reads
--   the month cells alone instead of stepping over thirty times as many day cells.
-- * Month counts are also summarised per body and month (below).
ALTER TABLE transactions DROP CONSTRAINT transactions_request_id_key;
ALTER TABLE transactions DROP CONSTRAINT transactions_survey_token_hash_key;
CREATE UNIQUE INDEX transactions_by_request ON transactions (request_id) WHERE request_id IS NOT NULL;
CREATE UNIQUE INDEX transactions_by_survey ON transactions (survey_token_hash)
    WHERE survey_token_hash IS NOT NULL;

ALTER TABLE measure_cells DROP CONSTRAINT measure_cells_pkey;
ALTER TABLE measure_cells ADD PRIMARY KEY (grain, service_id, period_start);

-- Every service's month counts, one row per body and month: a national rollup reads 10,800
-- rows for 450 bodies over two years instead of a row per service and month. Kept by the
-- same writes as the cells; `services` is [[service_id, the 18 counts in cell order], …].
CREATE TABLE measure_month_summaries (
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    period_start DATE NOT NULL,
    services TEXT NOT NULL,
    PRIMARY KEY (body_id, period_start)
);
INSERT INTO measure_month_summaries (body_id, period_start, services)
SELECT s.body_id, c.period_start, json_agg(json_build_array(c.service_id, c.started_digital, c.started_assisted_digital, c.started_phone, c.started_counter, c.started_post, c.started_email, c.completed_digital, c.completed_assisted_digital, c.completed_phone, c.completed_counter, c.completed_post, c.completed_email, c.not_completed, c.satisfaction_1, c.satisfaction_2, c.satisfaction_3, c.satisfaction_4, c.satisfaction_5))::text
FROM measure_cells c JOIN services s ON s.id = c.service_id
WHERE c.grain = 'month'
GROUP BY s.body_id, c.period_start;
