-- Partners manage their own webhook endpoints through the API with a `webhooks:manage`
-- key: an endpoint added that way belongs to the key (and so to its partner's other keys).
ALTER TABLE webhook_endpoints ADD COLUMN owner_key_id BIGINT REFERENCES api_keys (id);
CREATE INDEX webhook_endpoints_by_owner ON webhook_endpoints (owner_key_id);
