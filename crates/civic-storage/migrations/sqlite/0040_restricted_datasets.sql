-- Targeted data releases (civic_domain::catalogue::AccessRights): a dataset restricted to
-- API keys whose scope names it stays listed with how to apply; each download through a key
-- is recorded with the key, what was read and when.
ALTER TABLE catalogue_datasets ADD COLUMN access_rights TEXT NOT NULL DEFAULT 'public';
ALTER TABLE catalogue_datasets ADD COLUMN how_to_apply TEXT NOT NULL DEFAULT '';

CREATE TABLE dataset_accesses (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES catalogue_datasets (id) ON DELETE CASCADE,
    api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
    resource TEXT NOT NULL,
    accessed_at TEXT NOT NULL
);
CREATE INDEX dataset_accesses_by_dataset ON dataset_accesses (dataset_id, id);
CREATE INDEX dataset_accesses_by_key ON dataset_accesses (api_key_id, id);
