-- Accounts (ACC-1…ACC-5, ACC-7), sessions, API tokens (API-1), the
-- security log (SEC-5), throttling and the API rate limit (API-3), staff.
-- Kept in lockstep with ../postgres/0002_accounts.sql.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- The login identifier as typed, and its lower-case form, unique.
    email TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    email_verified_at BIGINT,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    recovery_email TEXT,
    -- A recovery address waiting for its verification link.
    pending_recovery_email TEXT,
    support_code TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email_lower_key ON users (email_lower);
CREATE UNIQUE INDEX users_support_code_key ON users (support_code);

-- Single-use links sent by mail (verify the login address, verify a
-- recovery address, reset a password, set up a staff account). Only the
-- SHA-256 of the token is kept.
CREATE TABLE email_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    CHECK (purpose IN ('verify_email', 'verify_recovery_email', 'reset_password', 'staff_setup'))
);
CREATE UNIQUE INDEX email_tokens_token_hash_key ON email_tokens (token_hash);
CREATE INDEX email_tokens_user_id_idx ON email_tokens (user_id);

-- Console sessions. `stage` is the sign-in state machine: a session is
-- usable only once `active` (a second factor, when required, moves it from
-- `second_factor`).
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    stage TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT,
    CHECK (stage IN ('second_factor', 'active'))
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- API tokens (API-1): shown once, kept as SHA-256.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_used_at BIGINT,
    revoked_at BIGINT,
    deactivated_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

-- The security log a user reads (SEC-5).
CREATE TABLE security_events (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX security_events_user_id_created_at_idx ON security_events (user_id, created_at);

-- Newsletter topics a user switched on (ACC-5); the topics are configured.
CREATE TABLE newsletter_subscriptions (
    user_id TEXT NOT NULL REFERENCES users (id),
    topic TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- Brute-force throttling (SEC-5): failures per key (account, address) with
-- a growing delay; never a permanent lock.
CREATE TABLE throttles (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The API rate limit's state (API-3): GCRA's theoretical arrival time per
-- token, in unix milliseconds.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY NOT NULL,
    tat BIGINT NOT NULL
);

-- The provider's staff: a role set apart from customer roles.
CREATE TABLE staff_roles (
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, role),
    CHECK (role IN ('support', 'billing', 'fraud', 'admin'))
);

-- Organisations (ACC-7: the personal one made at sign-up). The organisation
-- capability extends these tables.
CREATE TABLE orgs (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    language TEXT NOT NULL,
    currency TEXT NOT NULL,
    vat_number TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (kind IN ('company', 'individual')),
    CHECK (currency IN ('CHF', 'EUR'))
);

CREATE TABLE members (
    org_id TEXT NOT NULL REFERENCES orgs (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id),
    CHECK (role IN ('legal_representative', 'owner', 'user'))
);
CREATE INDEX members_user_id_idx ON members (user_id);
