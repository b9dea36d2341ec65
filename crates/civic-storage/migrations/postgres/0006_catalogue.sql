-- The open data catalogue (search columns are lower-cased by Civic, as SQLite's LOWER
-- handles only ASCII): every dataset a body publishes (Civic's own, derived from its
-- records, and those staff add), their keywords and resources, and the rows of tables
-- staff upload as CSV.
CREATE TABLE catalogue_datasets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    name TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    licence TEXT NOT NULL,
    frequency TEXT NOT NULL,
    theme TEXT NOT NULL,
    temporal_start TEXT,
    temporal_end TEXT,
    spatial TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    search_text TEXT NOT NULL,
    title_text TEXT NOT NULL,
    notes_text TEXT NOT NULL,
    certificate TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL
);
-- One of each of Civic's own datasets per body.
CREATE UNIQUE INDEX catalogue_own_datasets ON catalogue_datasets (body_id, source)
    WHERE source NOT IN ('upload', 'external');

CREATE TABLE catalogue_tags (
    dataset_id BIGINT NOT NULL REFERENCES catalogue_datasets (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (dataset_id, tag)
);
CREATE INDEX catalogue_tags_by_tag ON catalogue_tags (tag);

CREATE TABLE catalogue_resources (
    id TEXT PRIMARY KEY,
    dataset_id BIGINT NOT NULL REFERENCES catalogue_datasets (id) ON DELETE CASCADE,
    position INT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT NOT NULL,
    columns TEXT NOT NULL,
    hosted BOOLEAN NOT NULL,
    row_count BIGINT NOT NULL
);
CREATE INDEX catalogue_resources_by_dataset ON catalogue_resources (dataset_id, position);

CREATE TABLE catalogue_rows (
    resource_id TEXT NOT NULL REFERENCES catalogue_resources (id) ON DELETE CASCADE,
    n BIGINT NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (resource_id, n)
);
