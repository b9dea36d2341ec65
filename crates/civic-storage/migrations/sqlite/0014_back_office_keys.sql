-- An Open311 key of a client app may touch public requests only; updating any request
-- (private, hidden, unconfirmed) is a separate grant for a body's own back-office system.
ALTER TABLE api_keys ADD COLUMN back_office BOOLEAN NOT NULL DEFAULT 0;
