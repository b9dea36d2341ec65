-- PostgreSQL's 0025 replaces per-row foreign keys on transactions with one check per
-- statement, for ingest speed. SQLite checks each row's parents cheaply and keeps its
-- foreign keys; this keeps the two engines' migration numbers in step.
SELECT 1;
