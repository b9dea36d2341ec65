-- The service register's search finds Welsh names and descriptions too: the FTS5 index
-- gains them as columns of its own (a Welsh name weighs as much as an English one).
DROP TRIGGER services_fts_after_insert;
DROP TRIGGER services_fts_after_delete;
DROP TRIGGER services_fts_after_update;
DROP TABLE services_fts;
CREATE VIRTUAL TABLE services_fts USING fts5(
    name, code, keywords, description, name_cy, description_cy,
    content = 'services', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO services_fts (services_fts) VALUES ('rebuild');
CREATE TRIGGER services_fts_after_insert AFTER INSERT ON services BEGIN
    INSERT INTO services_fts (rowid, name, code, keywords, description, name_cy, description_cy)
    VALUES (new.id, new.name, new.code, new.keywords, new.description, new.name_cy,
            new.description_cy);
END;
CREATE TRIGGER services_fts_after_delete AFTER DELETE ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, name, code, keywords, description, name_cy,
                              description_cy)
    VALUES ('delete', old.id, old.name, old.code, old.keywords, old.description, old.name_cy,
            old.description_cy);
END;
CREATE TRIGGER services_fts_after_update
AFTER UPDATE OF name, code, keywords, description, name_cy, description_cy ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, name, code, keywords, description, name_cy,
                              description_cy)
    VALUES ('delete', old.id, old.name, old.code, old.keywords, old.description, old.name_cy,
            old.description_cy);
    INSERT INTO services_fts (rowid, name, code, keywords, description, name_cy, description_cy)
    VALUES (new.id, new.name, new.code, new.keywords, new.description, new.name_cy,
            new.description_cy);
END;
