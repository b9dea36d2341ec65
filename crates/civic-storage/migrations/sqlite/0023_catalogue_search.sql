-- Full-text search of the catalogue: an FTS5 index over each dataset's title, description
-- and everything else searched (keywords, publisher, place, theme), with Porter stemming and
-- accents folded, kept in step with the datasets by triggers. Replaces substring matching.
CREATE VIRTUAL TABLE catalogue_fts USING fts5(
    title_text, notes_text, search_text,
    content = 'catalogue_datasets', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO catalogue_fts (catalogue_fts) VALUES ('rebuild');
CREATE TRIGGER catalogue_fts_after_insert AFTER INSERT ON catalogue_datasets BEGIN
    INSERT INTO catalogue_fts (rowid, title_text, notes_text, search_text)
    VALUES (new.id, new.title_text, new.notes_text, new.search_text);
END;
CREATE TRIGGER catalogue_fts_after_delete AFTER DELETE ON catalogue_datasets BEGIN
    INSERT INTO catalogue_fts (catalogue_fts, rowid, title_text, notes_text, search_text)
    VALUES ('delete', old.id, old.title_text, old.notes_text, old.search_text);
END;
CREATE TRIGGER catalogue_fts_after_update AFTER UPDATE OF title_text, notes_text, search_text
ON catalogue_datasets BEGIN
    INSERT INTO catalogue_fts (catalogue_fts, rowid, title_text, notes_text, search_text)
    VALUES ('delete', old.id, old.title_text, old.notes_text, old.search_text);
    INSERT INTO catalogue_fts (rowid, title_text, notes_text, search_text)
    VALUES (new.id, new.title_text, new.notes_text, new.search_text);
END;
