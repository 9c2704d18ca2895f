-- Rate limits shared by every portal server on the database: one fixed window per bucket
-- ("login-ip:<ip>", "login-email:<sha256>", ...). Old windows are pruned by their start.
CREATE TABLE rate_limit (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX rate_limit_window ON rate_limit (window_start);
