-- The catalogue in Welsh beside English: a dataset's title and description, and its
-- resources' names and descriptions, in Welsh (empty when there is none yet). Column
-- descriptions in Welsh live in each resource's `columns` JSON. Search needs no new index:
-- a dataset's lower-cased `title_text` and `notes_text` hold both languages.
ALTER TABLE catalogue_datasets ADD COLUMN title_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_datasets ADD COLUMN description_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_resources ADD COLUMN name_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_resources ADD COLUMN description_cy TEXT NOT NULL DEFAULT '';
