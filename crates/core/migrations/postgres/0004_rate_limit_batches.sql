-- The API rate limit is stepped for a batch of calls in one statement
-- (API-3, `ratelimit::RateLimiter`): a row also says how many of the calls
-- of its last step were let through, which RETURNING can only show as a
-- column of the new row.
ALTER TABLE rate_limits ADD COLUMN granted BIGINT NOT NULL DEFAULT 0;
