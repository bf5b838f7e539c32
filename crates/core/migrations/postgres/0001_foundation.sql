-- Foundation: scheduled-work leases and the outbox.
-- Kept in lockstep with ../sqlite/0001_foundation.sql (a test compares them).

-- One row per sweep: the instance holding the lease runs it (OPS-2).
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_started_at BIGINT,
    last_finished_at BIGINT,
    last_outcome TEXT
);

-- Mail and webhook events written in the transaction of the change that
-- causes them, delivered by the outbox sweep (OPS-3, CAT-3).
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    destination TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    CHECK (kind IN ('mail', 'webhook')),
    CHECK (status IN ('pending', 'delivered', 'dead'))
);
CREATE INDEX outbox_status_next_attempt_at_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_claimed_by_idx ON outbox (claimed_by);
