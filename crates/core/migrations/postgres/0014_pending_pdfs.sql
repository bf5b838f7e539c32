-- Invoices whose PDF is rendered after they are issued (BIL-2, OPS-2;
-- issue 14, ADR 0015). Kept in lockstep with ../sqlite/0014_pending_pdfs.sql
-- (a test compares the two schemas).
--
-- The renewal sweep issues thousands of invoices a minute; rendering each
-- PDF inside the issuing transaction held the write lock for milliseconds
-- per invoice. Such an invoice is issued with `pdf_sha256` NULL — every
-- figure of it fixed and immutable — and its PDF is rendered from those
-- stored figures afterwards (the `billing.pdfs` sweep, or the first read),
-- once: `pdf_sha256` may go from NULL to a hash, and never change again.

CREATE OR REPLACE FUNCTION invoices_issued_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'an issued invoice is immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'draft' AND (
        NEW.status = 'draft'
        OR (to_jsonb(NEW) - 'status' - 'updated_at' - 'pdf_sha256')
           IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'updated_at' - 'pdf_sha256')
        OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256)
    ) THEN
        RAISE EXCEPTION 'an issued invoice is immutable';
    END IF;
    RETURN NEW;
END;
$$;

-- The invoices waiting for their PDF, for the sweep that renders them.
CREATE INDEX invoices_pdf_pending_idx ON invoices (id)
WHERE pdf_sha256 IS NULL AND status <> 'draft';
