-- Full-text search of the service register: a weighted English tsvector (name, then code
-- and keywords, then description) kept by the database itself, with a GIN index, so a
-- national search reads an index instead of scanning every service.
ALTER TABLE services ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A')
    || setweight(to_tsvector('english', code || ' ' || keywords), 'B')
    || setweight(to_tsvector('english', description), 'C')
) STORED;
CREATE INDEX services_search ON services USING GIN (search_vector);
