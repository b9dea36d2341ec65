-- The supplier register (seed R27; civic_domain::supplier): suppliers keyed by org-id, the
-- point of their registered postcode (from the addresses register, when it knows it) so
-- "within N miles" is a range scan of an index of points, their lists as JSON text, and
-- the names they go by in spend data, matched to spend lines as UPPER(TRIM(supplier)
-- COLLATE "C") (ASCII letters only, as SQLite's UPPER) through an expression index, so
-- spend already loaded links without being rewritten.
CREATE TABLE suppliers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    address TEXT NOT NULL,
    postcode TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    lat_band BIGINT,
    scale TEXT NOT NULL,
    vcse BOOLEAN NOT NULL,
    social_enterprise BOOLEAN NOT NULL,
    supported_employment BOOLEAN NOT NULL,
    standards TEXT NOT NULL,
    frameworks TEXT NOT NULL,
    areas TEXT NOT NULL,
    kinds TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX suppliers_by_name ON suppliers (name_search COLLATE "C");
-- Points only, so a box around a postcode is read from the index alone: a range of
-- longitude in each tenth of a degree of latitude (lat_band) the box spans.
CREATE INDEX suppliers_by_point ON suppliers (lat_band, longitude, latitude, id);

CREATE TABLE supplier_spend_names (
    spend_key TEXT NOT NULL,
    supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (spend_key, supplier_id)
);
CREATE INDEX supplier_spend_names_by_supplier ON supplier_spend_names (supplier_id);

CREATE INDEX spend_lines_by_supplier ON spend_lines ((UPPER(TRIM(supplier) COLLATE "C")), body_id);
