-- billing: the ledger, invoices, credit notes, their number series and the
-- idempotency keys of the POSTs that create money documents (BIL-1, BIL-7,
-- BNK-1). Kept in lockstep with ../sqlite/0007_billing.sql (a test
-- compares the two schemas: tables, columns, defaults, indexes,
-- constraints, triggers).
--
-- Money is BIGINT minor units beside a currency code; entries are signed,
-- debit positive and credit negative, so a transaction's entries sum to zero
-- per currency and an account's balance is the sum of its entries.

-- Number series: the last number given per series key (`invoice:2026`).
-- Incremented in the transaction that issues, so a rolled-back issue gives
-- its number back and concurrent issues queue on the row.
CREATE TABLE document_series (
    key TEXT PRIMARY KEY NOT NULL,
    last_number BIGINT NOT NULL,
    CHECK (last_number > 0)
);

-- Invoices (BIL-1). A draft has no number, reference nor snapshots; issuing
-- fills them once. After that only `status` moves (paid, partially paid,
-- cancelled by credit notes), as the ledger says; triggers refuse the rest.
-- `billing_address_id` is what a draft was addressed to; it is not a
-- foreign key because the customer may delete the address later: the
-- issued invoice keeps its snapshot in `buyer`.
CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL,
    billing_address_id TEXT,
    number TEXT UNIQUE,
    series TEXT,
    sequence BIGINT,
    reference TEXT UNIQUE,
    seller TEXT,
    buyer TEXT,
    treatment TEXT,
    issued_on TEXT,
    due_on TEXT,
    net_minor BIGINT NOT NULL DEFAULT 0,
    vat_minor BIGINT NOT NULL DEFAULT 0,
    rounding_minor BIGINT NOT NULL DEFAULT 0,
    total_minor BIGINT NOT NULL DEFAULT 0,
    pdf_sha256 TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    issued_at BIGINT,
    CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled')),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK ((number IS NULL) = (reference IS NULL)),
    CHECK ((number IS NULL) = (issued_on IS NULL)),
    UNIQUE (series, sequence)
);
CREATE INDEX invoices_org_id_idx ON invoices (org_id, issued_on);
CREATE INDEX invoices_status_idx ON invoices (status);

CREATE TABLE invoice_lines (
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    line_no INTEGER NOT NULL,
    description TEXT NOT NULL,
    period_from TEXT,
    period_to TEXT,
    quantity BIGINT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    vat_class TEXT NOT NULL,
    vat_rate_bp INTEGER,
    net_minor BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, line_no),
    CHECK (quantity > 0),
    CHECK ((period_from IS NULL) = (period_to IS NULL))
);


-- Credit notes: issued at once, never changed. `to_prepaid_minor` is the
-- part of the credit beyond what was still due, posted to the prepaid
-- account.
CREATE TABLE credit_notes (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    org_id TEXT NOT NULL REFERENCES orgs (id),
    number TEXT NOT NULL UNIQUE,
    series TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL,
    reason TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    net_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    rounding_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    to_prepaid_minor BIGINT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (series, sequence),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK (total_minor > 0),
    CHECK (to_prepaid_minor >= 0 AND to_prepaid_minor <= total_minor)
);
CREATE INDEX credit_notes_invoice_id_idx ON credit_notes (invoice_id);
CREATE INDEX credit_notes_org_id_idx ON credit_notes (org_id, issued_on);

CREATE TABLE credit_note_lines (
    credit_note_id TEXT NOT NULL REFERENCES credit_notes (id),
    line_no INTEGER NOT NULL,
    invoice_line_no INTEGER NOT NULL,
    description TEXT NOT NULL,
    period_from TEXT,
    period_to TEXT,
    vat_rate_bp INTEGER NOT NULL,
    net_minor BIGINT NOT NULL,
    PRIMARY KEY (credit_note_id, line_no),
    CHECK (net_minor > 0)
);


CREATE FUNCTION issued_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an issued document is immutable';
END;
$$;
CREATE TRIGGER credit_notes_no_update BEFORE UPDATE ON credit_notes
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER credit_notes_no_delete BEFORE DELETE ON credit_notes
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER credit_notes_no_truncate BEFORE TRUNCATE ON credit_notes
    FOR EACH STATEMENT EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER credit_note_lines_no_update BEFORE UPDATE ON credit_note_lines
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER credit_note_lines_no_delete BEFORE DELETE ON credit_note_lines
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER credit_note_lines_no_truncate BEFORE TRUNCATE ON credit_note_lines
    FOR EACH STATEMENT EXECUTE FUNCTION issued_document_immutable();

CREATE FUNCTION invoices_issued_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'an issued invoice is immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'draft' AND (
        NEW.status = 'draft'
        OR (to_jsonb(NEW) - 'status' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'updated_at')
    ) THEN
        RAISE EXCEPTION 'an issued invoice is immutable';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_issued_immutable BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_immutable();
CREATE TRIGGER invoices_issued_no_delete BEFORE DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_immutable();

CREATE FUNCTION invoice_lines_issued_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM invoices WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.invoice_id ELSE OLD.invoice_id END) <> 'draft' THEN
        RAISE EXCEPTION 'an issued invoice is immutable';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_lines_issued_no_insert BEFORE INSERT ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_issued_immutable();
CREATE TRIGGER invoice_lines_issued_no_update BEFORE UPDATE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_issued_immutable();
CREATE TRIGGER invoice_lines_issued_no_delete BEFORE DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_issued_immutable();
CREATE FUNCTION invoices_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued invoices are immutable';
END;
$$;
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_no_truncate();
CREATE TRIGGER invoice_lines_no_truncate BEFORE TRUNCATE ON invoice_lines
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_no_truncate();

-- Ledger accounts: a receivable and a prepaid account per org and currency;
-- revenue; VAT payable per rate; gateway clearing per gateway; bank
-- clearing; suspense; rounding. The key names the account in one text
-- (`receivable:CHF:org_…`, `vat:CHF:810`) so that concurrent first uses
-- make one row (ON CONFLICT on the key) and entries need no lookup.
CREATE TABLE ledger_accounts (
    key TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    org_id TEXT REFERENCES orgs (id),
    currency TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('receivable', 'prepaid', 'revenue', 'vat', 'gateway', 'bank', 'suspense', 'rounding')),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK ((kind IN ('receivable', 'prepaid')) = (org_id IS NOT NULL))
);
CREATE INDEX ledger_accounts_org_id_idx ON ledger_accounts (org_id);

-- One ledger transaction per effect of a document: `(kind, document_id)` is
-- unique, so an invoice is posted as issued once, whatever retries.
CREATE TABLE ledger_transactions (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    document_kind TEXT NOT NULL,
    document_id TEXT NOT NULL,
    org_id TEXT REFERENCES orgs (id),
    booked_on TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (kind, document_id)
);
CREATE INDEX ledger_transactions_document_id_idx ON ledger_transactions (document_id);
CREATE INDEX ledger_transactions_org_id_idx ON ledger_transactions (org_id);

-- The entries. `invoice_id` names the invoice an entry on a receivable
-- belongs to (the subledger): an issued invoice's open amount is the sum of
-- its receivable entries.
CREATE TABLE ledger_entries (
    transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
    line INTEGER NOT NULL,
    account_key TEXT NOT NULL REFERENCES ledger_accounts (key),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    invoice_id TEXT REFERENCES invoices (id),
    PRIMARY KEY (transaction_id, line),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK (amount_minor <> 0)
);
CREATE INDEX ledger_entries_account_key_idx ON ledger_entries (account_key);
CREATE INDEX ledger_entries_invoice_id_idx ON ledger_entries (invoice_id);


CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only';
END;
$$;
CREATE TRIGGER ledger_accounts_no_update BEFORE UPDATE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- The PDF of every issued document, kept as it was issued (BIL-2): what
-- the customer downloads in ten years is what they were sent, whatever
-- fonts or layout the server has by then. Written once, never changed.
CREATE TABLE document_pdfs (
    document_id TEXT PRIMARY KEY NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TRIGGER document_pdfs_no_update BEFORE UPDATE ON document_pdfs
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER document_pdfs_no_delete BEFORE DELETE ON document_pdfs
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER document_pdfs_no_truncate BEFORE TRUNCATE ON document_pdfs
    FOR EACH STATEMENT EXECUTE FUNCTION issued_document_immutable();

-- VAT per rate of each issued document (invoice or credit note), as it
-- was computed and printed: the last credit note of an invoice takes what
-- is left of each rate's VAT, so that crediting everything reverses the
-- VAT to the cent; the views read it from here, never recompute it.
CREATE TABLE document_vat (
    document_id TEXT NOT NULL,
    rate_bp INTEGER NOT NULL,
    base_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    PRIMARY KEY (document_id, rate_bp)
);

CREATE TRIGGER document_vat_no_update BEFORE UPDATE ON document_vat
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER document_vat_no_delete BEFORE DELETE ON document_vat
    FOR EACH ROW EXECUTE FUNCTION issued_document_immutable();
CREATE TRIGGER document_vat_no_truncate BEFORE TRUNCATE ON document_vat
    FOR EACH STATEMENT EXECUTE FUNCTION issued_document_immutable();

-- Idempotency keys of POSTs that create money documents: the first answer
-- is kept and replayed; the same key with another body is refused.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
