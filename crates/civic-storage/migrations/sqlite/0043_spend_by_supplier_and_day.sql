-- A contract's payments are its supplier's spend lines during the contract: with the day in
-- the index, each contract's are a range of it rather than all its supplier's lines.
DROP INDEX spend_lines_by_supplier;
CREATE INDEX spend_lines_by_supplier ON spend_lines (UPPER(TRIM(supplier)), body_id, paid_on);
