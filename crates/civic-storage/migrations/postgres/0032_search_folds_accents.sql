-- Searches fold Welsh (and other Latin) accents on PostgreSQL as SQLite's tokenizer does
-- (`remove_diacritics 2`): "dwr" finds "dŵr" and "ffon" finds "ffôn" on both, since many
-- keyboards make ŵ and ŷ hard to type. The same letters are folded in each query
-- (`civic_domain::search`, ACCENTED and PLAIN). `translate` is immutable, so the vectors stay
-- generated columns; no extension is needed. The indexes keep 0031's short pending list.
DROP INDEX services_search;
ALTER TABLE services DROP COLUMN search_vector;
ALTER TABLE services ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', translate(name || ' ' || name_cy,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'A')
    || setweight(to_tsvector('english', translate(code || ' ' || keywords,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'B')
    || setweight(to_tsvector('english', translate(description || ' ' || description_cy,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'C')
) STORED;
CREATE INDEX services_search ON services USING GIN (search_vector)
    WITH (gin_pending_list_limit = 256);

DROP INDEX catalogue_search;
ALTER TABLE catalogue_datasets DROP COLUMN search_vector;
ALTER TABLE catalogue_datasets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', translate(title_text,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'A')
    || setweight(to_tsvector('english', translate(notes_text,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'B')
    || setweight(to_tsvector('english', translate(search_text,
        'âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ', 'aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY')), 'D')
) STORED;
CREATE INDEX catalogue_search ON catalogue_datasets USING GIN (search_vector)
    WITH (gin_pending_list_limit = 256);
