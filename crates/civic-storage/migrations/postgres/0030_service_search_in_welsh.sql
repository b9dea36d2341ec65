-- The service register's search finds Welsh names and descriptions too: they join the
-- weighted tsvector (a Welsh name weighs as much as an English one). The same stemmer on
-- both sides of a match, as on SQLite, so the two databases find the same services.
DROP INDEX services_search;
ALTER TABLE services DROP COLUMN search_vector;
ALTER TABLE services ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name || ' ' || name_cy), 'A')
    || setweight(to_tsvector('english', code || ' ' || keywords), 'B')
    || setweight(to_tsvector('english', description || ' ' || description_cy), 'C')
) STORED;
CREATE INDEX services_search ON services USING GIN (search_vector);
