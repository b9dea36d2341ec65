-- Leaner registers, so an import of a national address file keeps its speed as it grows,
-- and a download reads entries and items in step:
-- * items get an integer id, and entries and records name their item by it: an entry row
--   shrinks by the 64-character hash, and reading entries with their items in order follows
--   the items' own order instead of probing the hash index once per entry;
-- * entries, records, fields and subtree hashes become WITHOUT ROWID tables, one B-tree
--   each instead of a table and a primary-key index;
-- * a record's indexed fields lose their by-key index (an update reads the old item to find
--   the fields it drops), and a value equal to the record's own key (an address's UPRN) is
--   no longer indexed, as the key finds the record already;
-- * subtree hashes are kept from level 8 up (one node per 256 entries instead of two per
--   entry): lower ones are hashed again from at most 256 entries when a proof needs them.
-- Items are written before the entries naming them, in the same transaction, and never
-- deleted (redaction keeps the row), so entries carry no foreign key to check per row.
CREATE TABLE register_items_lean (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    content TEXT,
    redacted_at TEXT,
    redacted TEXT
);
INSERT INTO register_items_lean (hash, content, redacted_at, redacted)
    SELECT hash, content, redacted_at, redacted FROM register_items ORDER BY rowid;

CREATE TABLE register_entries_lean (
    register TEXT NOT NULL,
    number BIGINT NOT NULL,
    appended_at TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    PRIMARY KEY (register, number)
) WITHOUT ROWID;
INSERT INTO register_entries_lean (register, number, appended_at, entry_key, item_id)
    SELECT e.register, e.number, e.appended_at, e.entry_key, i.id
    FROM register_entries e JOIN register_items_lean i ON i.hash = e.item_hash;

CREATE TABLE register_records_lean (
    register TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    number BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    ordinal BIGINT NOT NULL,
    PRIMARY KEY (register, entry_key)
) WITHOUT ROWID;
INSERT INTO register_records_lean (register, entry_key, number, item_id, ordinal)
    SELECT r.register, r.entry_key, r.number, i.id, r.ordinal
    FROM register_records r JOIN register_items_lean i ON i.hash = r.item_hash;

CREATE TABLE register_fields_lean (
    register TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    PRIMARY KEY (register, field, value, entry_key)
) WITHOUT ROWID;
INSERT INTO register_fields_lean (register, field, value, entry_key)
    SELECT register, field, value, entry_key FROM register_fields WHERE value <> entry_key;

CREATE TABLE register_nodes_lean (
    register TEXT NOT NULL,
    level INT NOT NULL,
    idx BIGINT NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (register, level, idx)
) WITHOUT ROWID;
INSERT INTO register_nodes_lean (register, level, idx, hash)
    SELECT register, level, idx, hash FROM register_nodes WHERE level >= 8;

DROP TABLE register_entries;
DROP TABLE register_records;
DROP TABLE register_fields;
DROP TABLE register_nodes;
DROP TABLE register_items;
ALTER TABLE register_items_lean RENAME TO register_items;
ALTER TABLE register_entries_lean RENAME TO register_entries;
ALTER TABLE register_records_lean RENAME TO register_records;
ALTER TABLE register_fields_lean RENAME TO register_fields;
ALTER TABLE register_nodes_lean RENAME TO register_nodes;
CREATE INDEX register_entries_by_key ON register_entries (register, entry_key, number);
CREATE UNIQUE INDEX register_records_by_ordinal ON register_records (register, ordinal);
