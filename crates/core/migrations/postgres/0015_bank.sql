-- bank: importing bank statements (BNK-2..4).
-- Kept in lockstep with ../sqlite/0015_bank.sql (a test compares the
-- two schemas: tables, columns, defaults, indexes, constraints, triggers).
--
-- Bank statements: one row per file imported, one per transaction booked from it; the transaction's bank key is unique,
-- so the same statement, or the same entry in a camt.054 and in the day's
-- camt.053, is booked once (BNK-4). docs/bank.md tells the rules.

CREATE TABLE bank_imports (
    id TEXT PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    message TEXT NOT NULL,
    -- Who imported it: a staff member (back office, API) or NULL (the CLI).
    imported_by TEXT,
    entries_read BIGINT NOT NULL DEFAULT 0,
    booked BIGINT NOT NULL DEFAULT 0,
    matched BIGINT NOT NULL DEFAULT 0,
    parked BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX bank_imports_created_at_idx ON bank_imports (created_at);

-- A credit booked, or a reversal of one. `outcome` says where the money
-- went; `org_id`/`invoice_id`/`payment_id` what it was matched to;
-- `reverses_id` the credit a reversal undid (once: unique).
CREATE TABLE bank_entries (
    id TEXT PRIMARY KEY NOT NULL,
    import_id TEXT NOT NULL REFERENCES bank_imports (id),
    bank_ref TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    account_iban TEXT NOT NULL,
    booked_on TEXT,
    currency TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    charges_minor BIGINT NOT NULL DEFAULT 0,
    servicer_ref TEXT,
    reference TEXT,
    remittance TEXT,
    debtor_name TEXT,
    debtor_iban TEXT,
    outcome TEXT NOT NULL,
    reason TEXT,
    org_id TEXT REFERENCES orgs (id),
    invoice_id TEXT REFERENCES invoices (id),
    payment_id TEXT REFERENCES payments (id),
    to_invoice_minor BIGINT NOT NULL DEFAULT 0,
    to_prepaid_minor BIGINT NOT NULL DEFAULT 0,
    reverses_id TEXT UNIQUE REFERENCES bank_entries (id),
    assigned_by TEXT,
    assigned_at BIGINT,
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('credit', 'reversal')),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK (amount_minor > 0),
    CHECK (charges_minor >= 0),
    CHECK (outcome IN ('paid', 'partially_paid', 'overpaid', 'prepaid', 'top_up', 'suspense', 'assigned', 'reversal', 'unmatched_reversal')),
    CHECK ((kind = 'reversal') = (outcome IN ('reversal', 'unmatched_reversal'))),
    CHECK ((outcome = 'suspense') = (org_id IS NULL AND kind = 'credit')),
    CHECK (to_invoice_minor >= 0 AND to_prepaid_minor >= 0 AND to_invoice_minor + to_prepaid_minor <= amount_minor)
);
CREATE INDEX bank_entries_import_id_idx ON bank_entries (import_id);
CREATE INDEX bank_entries_reference_idx ON bank_entries (reference);
CREATE INDEX bank_entries_debtor_iban_idx ON bank_entries (debtor_iban);
CREATE INDEX bank_entries_org_id_idx ON bank_entries (org_id);
CREATE INDEX bank_entries_outcome_idx ON bank_entries (outcome, created_at);
