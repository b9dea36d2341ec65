-- Full-text search of the catalogue: a weighted English tsvector (title A, description B,
-- everything else searched D) kept by the database itself, with a GIN index. A search in
-- one field asks for that field's weight. Replaces substring matching.
ALTER TABLE catalogue_datasets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title_text), 'A')
    || setweight(to_tsvector('english', notes_text), 'B')
    || setweight(to_tsvector('english', search_text), 'D')
) STORED;
CREATE INDEX catalogue_search ON catalogue_datasets USING GIN (search_vector);
