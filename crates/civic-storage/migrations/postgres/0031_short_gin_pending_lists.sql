-- A GIN index takes new rows into a pending list that every search reads through, entry by
-- entry, until it is merged into the index (at 4 MB by default, or by a vacuum). After a
-- hub's 90,000 services were set up, each search term spent 6 ms reading 4,871 pending
-- entries, where the index itself answers in 0.1 ms; a Welsh search, whose words each
-- match several mutated forms, paid it per form. A 256 kB list keeps that read short (merges
-- come more often, each smaller). SQLite's full-text index has no such list.
ALTER INDEX services_search SET (gin_pending_list_limit = 256);
ALTER INDEX catalogue_search SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('services_search'::regclass);
SELECT gin_clean_pending_list('catalogue_search'::regclass);
