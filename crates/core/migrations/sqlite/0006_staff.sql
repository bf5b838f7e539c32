-- The staff back office (issue 10): staff sessions and staff API tokens
-- apart from the customers' (a customer session or token can never open a
-- staff page, nor the reverse), and the log of what staff did.
-- Kept in lockstep with ../postgres/0006_staff.sql (a test compares them).

CREATE TABLE staff_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE UNIQUE INDEX staff_sessions_token_hash_key ON staff_sessions (token_hash);
CREATE INDEX staff_sessions_user_id_idx ON staff_sessions (user_id);

-- Staff API tokens always expire.
CREATE TABLE staff_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX staff_tokens_token_hash_key ON staff_tokens (token_hash);
CREATE INDEX staff_tokens_user_id_idx ON staff_tokens (user_id);

-- Every staff action, reading a customer's data included (OPS-5), with the
-- staff member as actor. Append-only, like audit_events.
CREATE TABLE staff_audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    staff_user_id TEXT,
    via TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    org_id TEXT,
    detail TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (via IN ('session', 'token', 'operator')),
    -- The operator's command line has no staff member; everything else has one.
    CHECK ((via = 'operator') = (staff_user_id IS NULL))
);
CREATE INDEX staff_audit_events_staff_user_id_created_at_idx ON staff_audit_events (staff_user_id, created_at);
CREATE INDEX staff_audit_events_org_id_created_at_idx ON staff_audit_events (org_id, created_at);

CREATE TRIGGER staff_audit_events_no_update BEFORE UPDATE ON staff_audit_events
BEGIN
    SELECT RAISE(ABORT, 'staff audit events are append-only');
END;
CREATE TRIGGER staff_audit_events_no_delete BEFORE DELETE ON staff_audit_events
BEGIN
    SELECT RAISE(ABORT, 'staff audit events are append-only');
END;
