-- Webhooks (Standard Webhooks 1.0): endpoints a body's staff register for partners, the
-- event types each receives, and an outbox of messages and their deliveries. Triggers
-- write a message and one delivery per subscribed endpoint in the same transaction as the
-- change it announces, so nothing acknowledged is ever left unannounced and no feature's
-- code has to remember to. Messages are thin: a type, a subject's identifier and a time;
-- what a subscriber then reads goes through the public APIs.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_until TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    disabled_reason TEXT,
    failing_since TEXT
);
CREATE INDEX webhook_endpoints_by_body ON webhook_endpoints (body_id, disabled_at);

CREATE TABLE webhook_subscriptions (
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
) WITHOUT ROWID;

CREATE TABLE webhook_messages (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    event_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    message_id INTEGER NOT NULL REFERENCES webhook_messages (id),
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_status INT,
    last_error TEXT,
    delivered_at TEXT,
    PRIMARY KEY (message_id, endpoint_id)
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, message_id);

-- The endpoints of a body subscribed to an event, for the triggers below.
CREATE VIEW webhook_listeners AS
    SELECT e.id AS endpoint_id, e.body_id, s.event_type
    FROM webhook_endpoints e JOIN webhook_subscriptions s ON s.endpoint_id = e.id
    WHERE e.disabled_at IS NULL;

-- A public request, confirmed when reported (or when its reporter confirms it).
CREATE TRIGGER webhook_request_created AFTER INSERT ON requests
WHEN NEW.confirmed AND NEW.visibility = 'public' AND EXISTS (SELECT 1 FROM webhook_listeners
    WHERE body_id = NEW.body_id AND event_type = 'request.created')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (NEW.body_id, 'request.created', CAST(NEW.id AS TEXT), NEW.requested_at);
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), endpoint_id, NEW.requested_at
        FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'request.created';
END;
CREATE TRIGGER webhook_request_confirmed AFTER UPDATE OF confirmed ON requests
WHEN NOT OLD.confirmed AND NEW.confirmed AND NEW.visibility = 'public'
    AND EXISTS (SELECT 1 FROM webhook_listeners
        WHERE body_id = NEW.body_id AND event_type = 'request.created')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (NEW.body_id, 'request.created', CAST(NEW.id AS TEXT), NEW.updated_at);
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), endpoint_id, NEW.updated_at
        FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'request.created';
END;
-- A public update to a public, confirmed request (not the "received" a request starts with).
CREATE TRIGGER webhook_request_updated AFTER INSERT ON request_updates
WHEN NOT NEW.private
    AND EXISTS (SELECT 1 FROM request_updates WHERE request_id = NEW.request_id AND id < NEW.id)
    AND EXISTS (SELECT 1 FROM requests r JOIN webhook_listeners l
    ON l.body_id = r.body_id AND l.event_type = 'request.updated'
    WHERE r.id = NEW.request_id AND r.confirmed AND r.visibility = 'public')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        SELECT body_id, 'request.updated', CAST(NEW.request_id AS TEXT), NEW.at
        FROM requests WHERE id = NEW.request_id;
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), l.endpoint_id, NEW.at
        FROM requests r JOIN webhook_listeners l
            ON l.body_id = r.body_id AND l.event_type = 'request.updated'
        WHERE r.id = NEW.request_id;
END;
-- A dataset added to the catalogue, or a new version of it.
CREATE TRIGGER webhook_dataset_added AFTER INSERT ON catalogue_datasets
WHEN EXISTS (SELECT 1 FROM webhook_listeners
    WHERE body_id = NEW.body_id AND event_type = 'dataset.published')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (NEW.body_id, 'dataset.published', NEW.name, NEW.modified_at);
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), endpoint_id, NEW.modified_at
        FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'dataset.published';
END;
CREATE TRIGGER webhook_dataset_changed AFTER UPDATE OF modified_at ON catalogue_datasets
WHEN NEW.modified_at > OLD.modified_at AND EXISTS (SELECT 1 FROM webhook_listeners
    WHERE body_id = NEW.body_id AND event_type = 'dataset.published')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (NEW.body_id, 'dataset.published', NEW.name, NEW.modified_at);
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), endpoint_id, NEW.modified_at
        FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'dataset.published';
END;
-- A request for data answered for the first time.
CREATE TRIGGER webhook_data_request_answered AFTER UPDATE OF answered_at ON data_requests
WHEN OLD.answered_at IS NULL AND NEW.answered_at IS NOT NULL AND EXISTS (SELECT 1
    FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'data_request.answered')
BEGIN
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (NEW.body_id, 'data_request.answered', CAST(NEW.id AS TEXT), NEW.answered_at);
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT (SELECT MAX(id) FROM webhook_messages), endpoint_id, NEW.answered_at
        FROM webhook_listeners WHERE body_id = NEW.body_id AND event_type = 'data_request.answered';
END;
