-- Registers: content-addressed items, append-only entries, the latest entry per key, an
-- index of chosen fields, and the stored subtree hashes of each register's Merkle tree.
CREATE TABLE register_items (
    hash TEXT PRIMARY KEY,
    content TEXT,
    redacted_at TIMESTAMPTZ
);

CREATE TABLE register_entries (
    register TEXT NOT NULL,
    number BIGINT NOT NULL,
    appended_at TIMESTAMPTZ NOT NULL,
    entry_key TEXT NOT NULL,
    item_hash TEXT NOT NULL REFERENCES register_items (hash),
    PRIMARY KEY (register, number)
);
CREATE INDEX register_entries_by_key ON register_entries (register, entry_key, number);

CREATE TABLE register_records (
    register TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    number BIGINT NOT NULL,
    item_hash TEXT NOT NULL,
    PRIMARY KEY (register, entry_key)
);

CREATE TABLE register_fields (
    register TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    PRIMARY KEY (register, field, value, entry_key)
);
CREATE INDEX register_fields_by_key ON register_fields (register, entry_key);

CREATE TABLE register_nodes (
    register TEXT NOT NULL,
    level INT NOT NULL,
    idx BIGINT NOT NULL,
    hash BYTEA NOT NULL,
    PRIMARY KEY (register, level, idx)
);

CREATE TABLE deployment_keys (
    name TEXT PRIMARY KEY,
    seed BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
