-- Suites' upgrades and seats (SUI-1, ORG-5), issue 13.

-- A suite upgrade is an order whose one item names the suite it raises
-- and the size it raises it from; paying it sets the new size, once and
-- only from that size (SUI-1).
ALTER TABLE order_items ADD COLUMN upgrade_of TEXT REFERENCES products (id);
ALTER TABLE order_items ADD COLUMN from_quantity INTEGER;
ALTER TABLE order_items ADD COLUMN from_storage_gb INTEGER;
CREATE INDEX order_items_upgrade_of_idx ON order_items (upgrade_of)
    WHERE upgrade_of IS NOT NULL;

-- A suite's seats: the org members who use it, at most its number of
-- users. A member holding one cannot leave the org (ORG-5 `suite_user`).
CREATE TABLE suite_seats (
    product_id TEXT NOT NULL REFERENCES products (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    org_id TEXT NOT NULL REFERENCES orgs (id),
    assigned_by TEXT NOT NULL,
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (product_id, user_id)
);
CREATE INDEX suite_seats_org_user_idx ON suite_seats (org_id, user_id);
