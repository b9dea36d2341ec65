-- Content in Welsh beside English: a body's and a service's name and description in Welsh
-- (empty when there is none yet), and whether a body is subject to the Welsh Language
-- Standards (then it publishes nothing until both languages exist).
ALTER TABLE bodies ADD COLUMN name_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE bodies ADD COLUMN welsh_standards BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE services ADD COLUMN name_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN description_cy TEXT NOT NULL DEFAULT '';
