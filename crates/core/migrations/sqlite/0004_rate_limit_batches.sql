-- Kept in step with PostgreSQL's schema (there the API rate limit is
-- stepped in batches; on SQLite its state lives in memory).
ALTER TABLE rate_limits ADD COLUMN granted BIGINT NOT NULL DEFAULT 0;
