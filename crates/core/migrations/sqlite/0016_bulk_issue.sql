-- Kept in step with ../postgres/0016_bulk_issue.sql, which lets the
-- renewal sweep write a batch's invoice lines before their invoices
-- (issue 14, ADR 0015). SQLite defers a foreign key for one transaction
-- by `PRAGMA defer_foreign_keys`, with no change to the schema.
SELECT 1;
