-- Rate-limit counters shared by every process of a deployment (several `civic serve`
-- behind a load balancer must count one client's submissions and sign-in attempts
-- together). One fixed window per key; times are Unix milliseconds.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
