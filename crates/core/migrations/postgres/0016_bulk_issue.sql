-- An invoice's lines may wait for their invoice until the end of the
-- statement that writes it, when a transaction asks (issue 14, ADR 0015).
-- The renewal sweep writes a batch's lines first, then its invoices
-- already issued: the lines' trigger refuses lines on an issued invoice,
-- and moving thousands of drafts to issued rewrote every row and its
-- indexes. Nothing else changes: every other writer checks at once, and
-- the sweep checks again as soon as its invoices are written.
-- SQLite defers a foreign key per transaction (`PRAGMA
-- defer_foreign_keys`) and needs no change (../sqlite/0016_bulk_issue.sql).
ALTER TABLE invoice_lines ALTER CONSTRAINT invoice_lines_invoice_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
