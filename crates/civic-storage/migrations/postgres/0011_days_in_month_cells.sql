-- Day cells packed into their month's cell (civic_domain::measures::MonthDays): a day cell
-- holds about one transaction at national scale, so a row per day cost as much to write as
-- the event. Civic folds the stored day cells into their months when it next starts.
ALTER TABLE measure_cells ADD COLUMN days BYTEA NOT NULL DEFAULT ''::bytea;

INSERT INTO pending_rebuilds (name) SELECT 'day_cells' WHERE EXISTS (
    SELECT 1 FROM measure_cells WHERE grain = 'day')
ON CONFLICT (name) DO NOTHING;
