-- Transaction events pushed by services that run outside Civic, for performance data.
CREATE TABLE datasets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    service TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expected_every_hours INT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (body_id, slug)
);

CREATE TABLE transaction_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id BIGINT NOT NULL REFERENCES datasets (id),
    event_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    outcome_at TIMESTAMPTZ,
    outcome TEXT NOT NULL,
    satisfaction INT,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (dataset_id, event_id)
);
CREATE INDEX transaction_events_by_time ON transaction_events (dataset_id, started_at);
