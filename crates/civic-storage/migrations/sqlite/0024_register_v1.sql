-- GOV.UK Registers v1: records are listed in the order their keys first appeared (an
-- append-only order, so a page never shifts when new records arrive, and page N is found by
-- its ordinals rather than by skipping N pages), and a redacted item keeps the v2 redacted
-- form of its values (each replaced by its hash), so clients still see the record's shape.
ALTER TABLE register_records ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0;
UPDATE register_records SET ordinal = o.n
FROM (
    SELECT register, entry_key,
           ROW_NUMBER() OVER (PARTITION BY register ORDER BY MIN(number)) AS n
    FROM register_entries
    GROUP BY register, entry_key
) AS o
WHERE register_records.register = o.register AND register_records.entry_key = o.entry_key;
CREATE UNIQUE INDEX register_records_by_ordinal ON register_records (register, ordinal);
ALTER TABLE register_items ADD COLUMN redacted TEXT;
