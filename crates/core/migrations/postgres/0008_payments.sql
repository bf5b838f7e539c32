-- Payments (BIL-3..6), ADR 0012. The ledger holds the money; these tables
-- hold the attempts, the holds and the once-only keys.

-- One attempt to move money in: paying an invoice (`invoice_id`) or a
-- prepaid top-up. `holding_invoice_id` is set while the attempt is in
-- flight and is unique: one payment at a time per invoice.
CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    purpose TEXT NOT NULL,
    invoice_id TEXT REFERENCES invoices (id),
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    method TEXT NOT NULL,
    payment_method_id TEXT,
    save_method BOOLEAN NOT NULL DEFAULT FALSE,
    gateway TEXT,
    gateway_ref TEXT,
    redirect_url TEXT,
    reference TEXT,
    status TEXT NOT NULL,
    failure_code TEXT,
    failure_message TEXT,
    holding_invoice_id TEXT UNIQUE,
    to_prepaid_minor BIGINT NOT NULL DEFAULT 0,
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    settled_at BIGINT,
    UNIQUE (gateway, gateway_ref),
    UNIQUE (reference),
    CHECK (purpose IN ('invoice', 'top_up')),
    CHECK ((purpose = 'invoice') = (invoice_id IS NOT NULL)),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK (amount_minor > 0),
    CHECK (method IN ('card', 'postfinance', 'paypal', 'twint', 'prepaid', 'bank_transfer')),
    CHECK (status IN ('pending', 'requires_action', 'processing', 'succeeded', 'failed', 'cancelled', 'awaiting_transfer')),
    CHECK (holding_invoice_id IS NULL OR holding_invoice_id = invoice_id),
    CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    CHECK (to_prepaid_minor >= 0 AND to_prepaid_minor <= amount_minor)
);
CREATE INDEX payments_org_id_created_at_idx ON payments (org_id, created_at);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE INDEX payments_status_updated_at_idx ON payments (status, updated_at);

-- Stored methods: the gateway's token, brand, last four digits and expiry;
-- never card data. Removed methods keep their row (payments name them).
CREATE TABLE payment_methods (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    gateway TEXT NOT NULL,
    token TEXT NOT NULL,
    method TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT,
    exp_month INTEGER,
    exp_year INTEGER,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    removed_at BIGINT,
    UNIQUE (gateway, token),
    CHECK (method IN ('card', 'postfinance', 'paypal', 'twint'))
);
CREATE INDEX payment_methods_org_id_idx ON payment_methods (org_id);

-- Every gateway notification once: a second delivery of the same event is
-- acknowledged and does nothing.
CREATE TABLE gateway_events (
    gateway TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payment_id TEXT,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (gateway, event_id)
);
CREATE INDEX gateway_events_received_at_idx ON gateway_events (received_at);

-- Money sent back (BIL-6). `credit_note_id` when invoiced money was
-- credited first.
CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    payment_id TEXT NOT NULL REFERENCES payments (id),
    org_id TEXT NOT NULL REFERENCES orgs (id),
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    reason TEXT NOT NULL,
    destination TEXT NOT NULL,
    status TEXT NOT NULL,
    credit_note_id TEXT REFERENCES credit_notes (id),
    gateway_ref TEXT,
    failure_message TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (amount_minor > 0),
    CHECK (destination IN ('gateway', 'prepaid')),
    CHECK (status IN ('pending', 'succeeded', 'failed'))
);
CREATE INDEX refunds_payment_id_idx ON refunds (payment_id);

-- Reminders (BIL-5): each level once per invoice.
CREATE TABLE reminders (
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    level INTEGER NOT NULL,
    sent_on TEXT NOT NULL,
    fee_invoice_id TEXT REFERENCES invoices (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, level)
);

-- Staff paused the reminders of an invoice.
CREATE TABLE reminder_pauses (
    invoice_id TEXT PRIMARY KEY NOT NULL REFERENCES invoices (id),
    paused_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    paused_at BIGINT NOT NULL
);

-- A row per prepaid account, upserted at the start of a transaction that
-- spends from it: spenders queue on the row, so two cannot both see the
-- same balance.
CREATE TABLE balance_locks (
    account_key TEXT PRIMARY KEY NOT NULL,
    touched_at BIGINT NOT NULL
);
