-- Organisations (ORG-1…ORG-7) and the audit log (OPS-5).
-- Kept in lockstep with ../sqlite/0003_orgs.sql.

-- Set by billing when the first invoice is issued; from then on the
-- currency is fixed.
ALTER TABLE orgs ADD COLUMN first_invoice_at BIGINT;

-- Rights (ORG-2…ORG-4), granted to a member (`user:<id>`) or to a team
-- (`team:<id>`); effective rights are the union. A right is written as in
-- the API: `product:<id>`, `kind:<product kind>`, `billing:view`,
-- `billing:pay`, `billing:manage`, `members`, `settings`.
CREATE TABLE rights (
    org_id TEXT NOT NULL REFERENCES orgs (id),
    subject TEXT NOT NULL,
    right_name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, subject, right_name)
);
CREATE INDEX rights_subject_idx ON rights (subject);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX teams_org_id_idx ON teams (org_id);
CREATE UNIQUE INDEX teams_org_id_name_key ON teams (org_id, name);

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);

-- Invitations (ORG-2): by address, with the role and rights chosen at
-- invitation; single-use token kept as SHA-256; expire after 7 days.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    email TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    role TEXT NOT NULL,
    rights TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by TEXT REFERENCES users (id),
    revoked_at BIGINT,
    CHECK (role IN ('owner', 'user'))
);
CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash);
CREATE INDEX invitations_org_id_idx ON invitations (org_id);

-- Legal representative hand-over (ORG-6): named by the current one,
-- accepted by the owner named.
CREATE TABLE handovers (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    from_user_id TEXT NOT NULL REFERENCES users (id),
    to_user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    cancelled_at BIGINT
);
CREATE INDEX handovers_org_id_idx ON handovers (org_id);

-- Billing addresses (ORG-7), structured as the Swiss QR-bill requires.
CREATE TABLE billing_addresses (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    building_number TEXT NOT NULL,
    postcode TEXT NOT NULL,
    town TEXT NOT NULL,
    country TEXT NOT NULL,
    is_default BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX billing_addresses_org_id_idx ON billing_addresses (org_id);

-- Products an organisation holds. The catalogue capability fills and
-- extends this; rights on products and product kinds refer to it already.
CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX products_org_id_idx ON products (org_id);

-- The audit log (OPS-5): who, for whom, what (before/after), when, from
-- where. Append-only: triggers refuse updates and deletes.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL,
    actor_user_id TEXT NOT NULL,
    on_behalf TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before_state TEXT,
    after_state TEXT,
    ip TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_events_org_id_created_at_idx ON audit_events (org_id, created_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
-- Row triggers do not see TRUNCATE; a statement trigger does.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
