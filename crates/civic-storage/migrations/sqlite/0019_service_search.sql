-- Full-text search of the service register: an FTS5 index over each service's name, code,
-- keywords and description (Porter stemming, accents folded), kept in step with the
-- services table by triggers, so a national search reads an index instead of scanning
-- every service.
CREATE VIRTUAL TABLE services_fts USING fts5(
    name, code, keywords, description,
    content = 'services', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO services_fts (services_fts) VALUES ('rebuild');
CREATE TRIGGER services_fts_after_insert AFTER INSERT ON services BEGIN
    INSERT INTO services_fts (rowid, name, code, keywords, description)
    VALUES (new.id, new.name, new.code, new.keywords, new.description);
END;
CREATE TRIGGER services_fts_after_delete AFTER DELETE ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, name, code, keywords, description)
    VALUES ('delete', old.id, old.name, old.code, old.keywords, old.description);
END;
CREATE TRIGGER services_fts_after_update AFTER UPDATE OF name, code, keywords, description
ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, name, code, keywords, description)
    VALUES ('delete', old.id, old.name, old.code, old.keywords, old.description);
    INSERT INTO services_fts (rowid, name, code, keywords, description)
    VALUES (new.id, new.name, new.code, new.keywords, new.description);
END;
