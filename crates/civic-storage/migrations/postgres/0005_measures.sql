-- Performance measures: every transaction (a Civic request or an event pushed by a service
-- run elsewhere) in one table, added up into day and month cells as it is written; spend
-- data mapped to services. Personal data never enters these tables.
ALTER TABLE datasets ADD COLUMN last_received_at TIMESTAMPTZ;
ALTER TABLE datasets ADD COLUMN events BIGINT NOT NULL DEFAULT 0;

CREATE TABLE transactions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES services (id),
    service_code TEXT NOT NULL,
    dataset_id BIGINT REFERENCES datasets (id),
    request_id BIGINT UNIQUE REFERENCES requests (id),
    event_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    outcome_at TIMESTAMPTZ,
    outcome TEXT,
    duration_s BIGINT,
    outcome_month INT,
    satisfaction INT,
    survey_token_hash TEXT UNIQUE,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (dataset_id, event_id)
);
CREATE INDEX transactions_time_to_outcome
    ON transactions (service_code, outcome_month, duration_s) WHERE duration_s IS NOT NULL;
CREATE INDEX transactions_backlog ON transactions (service_id, started_at) WHERE outcome_at IS NULL;

INSERT INTO transactions (service_id, service_code, dataset_id, event_id, channel, started_at,
    outcome_at, outcome, satisfaction, received_at)
SELECT s.id, CASE WHEN s.code = '' THEN s.slug ELSE s.code END, e.dataset_id, e.event_id,
    e.channel, e.started_at, e.outcome_at, NULLIF(e.outcome, 'pending'), e.satisfaction,
    e.received_at
FROM transaction_events e JOIN datasets d ON d.id = e.dataset_id
JOIN services s ON s.body_id = d.body_id AND s.slug = d.service;
DROP TABLE transaction_events;

CREATE TABLE measure_cells (
    service_id BIGINT NOT NULL REFERENCES services (id),
    grain TEXT NOT NULL,
    period_start DATE NOT NULL,
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
    durations BYTEA NOT NULL,
    PRIMARY KEY (service_id, grain, period_start)
);

CREATE TABLE spend_uploads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    filename TEXT NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL,
    stored BIGINT NOT NULL,
    duplicates BIGINT NOT NULL,
    rejected BIGINT NOT NULL
);

CREATE TABLE spend_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    upload_id BIGINT NOT NULL REFERENCES spend_uploads (id),
    line BIGINT NOT NULL,
    paid_on DATE NOT NULL,
    amount_pence BIGINT NOT NULL,
    supplier TEXT NOT NULL,
    expense_area TEXT NOT NULL,
    expense_type TEXT NOT NULL,
    reference TEXT NOT NULL,
    description TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    UNIQUE (body_id, fingerprint)
);
CREATE INDEX spend_lines_by_area ON spend_lines (body_id, expense_area, paid_on);

CREATE TABLE spend_mappings (
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    expense_area TEXT NOT NULL,
    service_id BIGINT NOT NULL REFERENCES services (id),
    PRIMARY KEY (body_id, expense_area)
);
