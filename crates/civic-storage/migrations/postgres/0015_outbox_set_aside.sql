-- A message that cannot be sent after the last attempt, or cannot be read at all, is set
-- aside for an administrator to retry or discard, instead of being retried for ever or
-- silently marked sent.
ALTER TABLE outbox ADD COLUMN set_aside_at TIMESTAMPTZ;
CREATE INDEX outbox_set_aside ON outbox (set_aside_at) WHERE set_aside_at IS NOT NULL;
