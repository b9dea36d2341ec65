-- Facts a deployment keeps about itself, such as which version of the bodies' own dataset
-- descriptions is published, so start-up redoes work only when something changed.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
