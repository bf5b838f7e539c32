-- Invoices whose PDF is rendered after they are issued (BIL-2, OPS-2;
-- issue 14, ADR 0015). Kept in lockstep with ../postgres/0014_pending_pdfs.sql
-- (a test compares the two schemas).
--
-- The renewal sweep issues thousands of invoices a minute; rendering each
-- PDF inside the issuing transaction held the write lock for milliseconds
-- per invoice. Such an invoice is issued with `pdf_sha256` NULL — every
-- figure of it fixed and immutable — and its PDF is rendered from those
-- stored figures afterwards (the `billing.pdfs` sweep, or the first read),
-- once: `pdf_sha256` may go from NULL to a hash, and never change again.

DROP TRIGGER invoices_issued_immutable;
CREATE TRIGGER invoices_issued_immutable BEFORE UPDATE ON invoices
WHEN OLD.status <> 'draft' AND (
    NEW.status = 'draft'
    OR NEW.id IS NOT OLD.id OR NEW.org_id IS NOT OLD.org_id
    OR NEW.currency IS NOT OLD.currency OR NEW.language IS NOT OLD.language
    OR NEW.billing_address_id IS NOT OLD.billing_address_id
    OR NEW.number IS NOT OLD.number OR NEW.series IS NOT OLD.series
    OR NEW.sequence IS NOT OLD.sequence OR NEW.reference IS NOT OLD.reference
    OR NEW.seller IS NOT OLD.seller OR NEW.buyer IS NOT OLD.buyer
    OR NEW.treatment IS NOT OLD.treatment
    OR NEW.issued_on IS NOT OLD.issued_on OR NEW.due_on IS NOT OLD.due_on
    OR NEW.net_minor IS NOT OLD.net_minor OR NEW.vat_minor IS NOT OLD.vat_minor
    OR NEW.rounding_minor IS NOT OLD.rounding_minor
    OR NEW.total_minor IS NOT OLD.total_minor
    OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256)
    OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
    OR NEW.issued_at IS NOT OLD.issued_at)
BEGIN
    SELECT RAISE(ABORT, 'an issued invoice is immutable');
END;

-- The invoices waiting for their PDF, for the sweep that renders them.
CREATE INDEX invoices_pdf_pending_idx ON invoices (id)
WHERE pdf_sha256 IS NULL AND status <> 'draft';
