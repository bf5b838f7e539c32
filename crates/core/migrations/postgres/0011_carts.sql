-- The console's cart (issue 13): what a member is about to order for an
-- organisation, kept per organisation and user so that it survives a
-- reload and follows them to another device. A line is an order item as
-- it was chosen; it is priced when shown and when ordered, from the
-- catalogue running then, so a line never carries a stale price.
CREATE TABLE cart_lines (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    plan_id TEXT NOT NULL,
    period_months INTEGER NOT NULL,
    quantity INTEGER,
    storage_gb INTEGER,
    domain_name TEXT,
    created_at BIGINT NOT NULL,
    CHECK (period_months >= 1 AND period_months <= 120),
    CHECK (quantity IS NULL OR quantity >= 1)
);
CREATE INDEX cart_lines_org_user_idx ON cart_lines (org_id, user_id, id);
