-- Service search reads the full-text index (0019); the lower-cased copy of each service's
-- text it used to scan is no longer read by anything.
ALTER TABLE services DROP COLUMN search_text;
