-- Contracts with suppliers and open buyer feedback (civic_domain::contract): each contract
-- of a body names a supplier of the register and its KPIs (JSON text); staff rate the
-- supplier against a KPI for a period, and the supplier may reply once through a link
-- whose token is kept only as a hash.
CREATE TABLE contracts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
    description TEXT NOT NULL,
    value_pence BIGINT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE,
    kpis TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (body_id, slug)
);
CREATE INDEX contracts_by_supplier ON contracts (supplier_id);

CREATE TABLE contract_ratings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    kpi TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    rating TEXT NOT NULL,
    note TEXT NOT NULL,
    rated_at TIMESTAMPTZ NOT NULL,
    reply_token_hash TEXT NOT NULL UNIQUE,
    reply TEXT,
    replied_at TIMESTAMPTZ
);
CREATE INDEX contract_ratings_by_contract ON contract_ratings (contract_id, id);
