-- Webhooks (Standard Webhooks 1.0): endpoints a body's staff register for partners, the
-- event types each receives, and an outbox of messages and their deliveries. Triggers
-- write a message and one delivery per subscribed endpoint in the same transaction as the
-- change it announces, so nothing acknowledged is ever left unannounced and no feature's
-- code has to remember to. Messages are thin: a type, a subject's identifier and a time;
-- what a subscriber then reads goes through the public APIs.
CREATE TABLE webhook_endpoints (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_until TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    disabled_at TIMESTAMPTZ,
    disabled_reason TEXT,
    failing_since TIMESTAMPTZ
);
CREATE INDEX webhook_endpoints_by_body ON webhook_endpoints (body_id, disabled_at);

CREATE TABLE webhook_subscriptions (
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);

CREATE TABLE webhook_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    event_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE webhook_deliveries (
    message_id BIGINT NOT NULL REFERENCES webhook_messages (id),
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_attempt_at TIMESTAMPTZ,
    last_status INT,
    last_error TEXT,
    delivered_at TIMESTAMPTZ,
    PRIMARY KEY (message_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, message_id);

-- Writes a message and a delivery to each endpoint of the body subscribed to its type.
CREATE FUNCTION webhook_announce(body BIGINT, kind TEXT, subject TEXT, at TIMESTAMPTZ)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    message BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e JOIN webhook_subscriptions s
            ON s.endpoint_id = e.id
            WHERE e.body_id = body AND e.disabled_at IS NULL AND s.event_type = kind) THEN
        RETURN;
    END IF;
    INSERT INTO webhook_messages (body_id, event_type, subject, occurred_at)
        VALUES (body, kind, subject, at) RETURNING id INTO message;
    INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
        SELECT message, e.id, at FROM webhook_endpoints e JOIN webhook_subscriptions s
            ON s.endpoint_id = e.id
            WHERE e.body_id = body AND e.disabled_at IS NULL AND s.event_type = kind;
END $$;

CREATE FUNCTION webhook_request_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM webhook_announce(NEW.body_id, 'request.created', NEW.id::text,
        CASE WHEN TG_OP = 'INSERT' THEN NEW.requested_at ELSE NEW.updated_at END);
    RETURN NULL;
END $$;
CREATE TRIGGER webhook_request_created AFTER INSERT ON requests FOR EACH ROW
    WHEN (NEW.confirmed AND NEW.visibility = 'public')
    EXECUTE FUNCTION webhook_request_created();
CREATE TRIGGER webhook_request_confirmed AFTER UPDATE OF confirmed ON requests FOR EACH ROW
    WHEN (NOT OLD.confirmed AND NEW.confirmed AND NEW.visibility = 'public')
    EXECUTE FUNCTION webhook_request_created();

CREATE FUNCTION webhook_request_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    body BIGINT;
BEGIN
    SELECT body_id INTO body FROM requests
        WHERE id = NEW.request_id AND confirmed AND visibility = 'public'
        AND EXISTS (SELECT 1 FROM request_updates u
            WHERE u.request_id = NEW.request_id AND u.id < NEW.id);
    IF body IS NOT NULL THEN
        PERFORM webhook_announce(body, 'request.updated', NEW.request_id::text, NEW.at);
    END IF;
    RETURN NULL;
END $$;
-- Not the "received" update a request starts with.
CREATE TRIGGER webhook_request_updated AFTER INSERT ON request_updates FOR EACH ROW
    WHEN (NOT NEW.private) EXECUTE FUNCTION webhook_request_updated();

CREATE FUNCTION webhook_dataset_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM webhook_announce(NEW.body_id, 'dataset.published', NEW.name, NEW.modified_at);
    RETURN NULL;
END $$;
CREATE TRIGGER webhook_dataset_added AFTER INSERT ON catalogue_datasets FOR EACH ROW
    EXECUTE FUNCTION webhook_dataset_published();
CREATE TRIGGER webhook_dataset_changed AFTER UPDATE OF modified_at ON catalogue_datasets
    FOR EACH ROW WHEN (NEW.modified_at > OLD.modified_at)
    EXECUTE FUNCTION webhook_dataset_published();

CREATE FUNCTION webhook_data_request_answered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM webhook_announce(NEW.body_id, 'data_request.answered', NEW.id::text,
        NEW.answered_at);
    RETURN NULL;
END $$;
CREATE TRIGGER webhook_data_request_answered AFTER UPDATE OF answered_at ON data_requests
    FOR EACH ROW WHEN (OLD.answered_at IS NULL AND NEW.answered_at IS NOT NULL)
    EXECUTE FUNCTION webhook_data_request_answered();
