-- Verification of status (civic_domain::supplier::Verification): each supplier's org-id as
-- last checked against its register's extract (`civic import register-extract`), with the
-- source, who checked, when, and until when the check stands.
CREATE TABLE supplier_verifications (
    supplier_id INTEGER PRIMARY KEY REFERENCES suppliers (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    registered_name TEXT,
    source TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);
