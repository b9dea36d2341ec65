-- Partners and their API keys (civic_domain::api_key). A partner is an organisation outside
-- the bodies (a community group, a charity, a supplier of an app) that bodies issue keys to.
-- The Open311 keys of 0002 and the data set tokens of 0004 become kinds of one credential:
-- every key gets a kind, space-separated scopes, an expiry, a limit per minute, optionally
-- the data-sharing agreement it serves, and the shown part of its text; back-office keys
-- become `team` keys, and each data set's token a live key scoped to its events.
CREATE TABLE partners (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    org_id TEXT,
    website TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
);

ALTER TABLE api_keys ADD COLUMN partner_id INTEGER REFERENCES partners (id);
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'live';
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'open311:write';
ALTER TABLE api_keys ADD COLUMN expires_on TEXT;
ALTER TABLE api_keys ADD COLUMN agreement_id INTEGER REFERENCES sharing_agreements (id);
ALTER TABLE api_keys ADD COLUMN per_minute INTEGER NOT NULL DEFAULT 600;
ALTER TABLE api_keys ADD COLUMN shown TEXT NOT NULL DEFAULT '';
UPDATE api_keys SET kind = 'team' WHERE back_office;
CREATE INDEX api_keys_by_body ON api_keys (body_id, id);
CREATE INDEX api_keys_by_partner ON api_keys (partner_id, id);

INSERT INTO api_keys (body_id, name, key_hash, created_at, kind, scopes)
SELECT body_id, 'Data set: ' || name, token_hash, created_at, 'live', 'events:' || slug || ':write'
FROM datasets;

-- Verification of status belongs to an identifier, not to a supplier: a partner carrying the
-- same org-id is verified by the same check.
CREATE TABLE organisation_verifications (
    org_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    registered_name TEXT,
    source TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);
INSERT INTO organisation_verifications (org_id, status, registered_name, source, checked_by,
    checked_on, expires_on)
SELECT s.org_id, v.status, v.registered_name, v.source, v.checked_by, v.checked_on, v.expires_on
FROM supplier_verifications v JOIN suppliers s ON s.id = v.supplier_id;
DROP TABLE supplier_verifications;
