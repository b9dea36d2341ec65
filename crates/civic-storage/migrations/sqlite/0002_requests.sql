-- Service requests from every channel, their updates, reporters' contact details (kept
-- apart from the public record), API keys, subscriptions, photos, and the email outbox.
ALTER TABLE services ADD COLUMN accepts_requests BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE services ADD COLUMN request_type TEXT NOT NULL DEFAULT 'realtime';
ALTER TABLE services ADD COLUMN request_group TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN target_days INT;
ALTER TABLE services ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]';

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    service_name TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL,
    lat DOUBLE PRECISION,
    long DOUBLE PRECISION,
    address TEXT NOT NULL,
    uprn TEXT,
    postcode TEXT NOT NULL,
    attributes TEXT NOT NULL,
    media_url TEXT,
    public_name TEXT,
    channel TEXT NOT NULL,
    visibility TEXT NOT NULL,
    confirmed BOOLEAN NOT NULL,
    duplicate_of INTEGER REFERENCES requests (id),
    assigned_to INTEGER REFERENCES staff (id),
    token TEXT UNIQUE,
    api_key_id INTEGER REFERENCES api_keys (id),
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expected_at TEXT
);
CREATE INDEX requests_by_body_time ON requests (body_id, requested_at);
CREATE INDEX requests_by_service_time ON requests (service_id, requested_at);
CREATE INDEX requests_by_updated ON requests (body_id, updated_at);

CREATE TABLE request_contacts (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    consent TEXT NOT NULL,
    confirm_token_hash TEXT UNIQUE
);

CREATE TABLE request_updates (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL,
    private BOOLEAN NOT NULL,
    actor TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    external_id TEXT,
    UNIQUE (request_id, external_id)
);
CREATE INDEX request_updates_by_request ON request_updates (request_id, id);
CREATE INDEX request_updates_by_time ON request_updates (at);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    email TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    confirmed BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (request_id, email)
);

CREATE TABLE request_photos (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    position INT NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (request_id, position)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    request_id INTEGER REFERENCES requests (id),
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
