-- Requests for data (the requester's email address is private; supporters are counted
-- once per confirmed address, kept only as a hash) and the data-sharing register.
CREATE TABLE data_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    reason TEXT NOT NULL,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    answer TEXT NOT NULL,
    promised_on TEXT,
    dataset_name TEXT,
    supporters BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    answered_at TIMESTAMPTZ
);
CREATE INDEX data_requests_by_body ON data_requests (body_id, status);

CREATE TABLE data_request_supports (
    request_id BIGINT NOT NULL REFERENCES data_requests (id),
    email_hash TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    confirmed BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    PRIMARY KEY (request_id, email_hash)
);

CREATE TABLE sharing_agreements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    title TEXT NOT NULL,
    parties TEXT NOT NULL,
    purpose TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    data_items TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    review_on TEXT NOT NULL,
    ends_on TEXT,
    owner TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sharing_agreements_by_body ON sharing_agreements (body_id, updated_at);
