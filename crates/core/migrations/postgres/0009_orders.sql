-- Catalogue, orders and products (CAT-1..3, CAT-5, SUI-1..3), issue 13.

-- An order: one or more items, one invoice issued when it is placed. It is
-- paid when its invoice is; its products are made then, once (CAT-2).
-- A pending order is cancelled after `cancel_after`, its invoice credited.
CREATE TABLE orders (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    invoice_id TEXT NOT NULL UNIQUE REFERENCES invoices (id),
    billing_address_id TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    cancel_after BIGINT NOT NULL,
    paid_at BIGINT,
    cancelled_at BIGINT,
    CHECK (status IN ('pending', 'paid', 'cancelled')),
    CHECK (currency IN ('CHF', 'EUR')),
    CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX orders_org_id_idx ON orders (org_id, id);
CREATE INDEX orders_status_cancel_after_idx ON orders (status, cancel_after);

-- What was ordered, as priced when the order was placed.
CREATE TABLE order_items (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line INTEGER NOT NULL,
    plan_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    period_months INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    storage_gb INTEGER,
    domain_name TEXT,
    domain_ascii TEXT,
    net_minor BIGINT NOT NULL,
    PRIMARY KEY (order_id, line),
    CHECK (period_months >= 1 AND period_months <= 120),
    CHECK (quantity >= 1),
    CHECK (net_minor > 0),
    CHECK ((kind = 'domain') = (domain_ascii IS NOT NULL))
);

-- Products: what an organisation holds. The table exists since the
-- organisations issue (rights name products); these are its real columns.
ALTER TABLE products ADD COLUMN plan_id TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('pending', 'active', 'suspended', 'expired', 'cancelled', 'deleted'));
-- The order and its line that made it: unique, so an order paid twice at
-- once makes its products once. A suite's contents have neither.
ALTER TABLE products ADD COLUMN order_id TEXT REFERENCES orders (id);
ALTER TABLE products ADD COLUMN order_line INTEGER;
-- The suite a product is part of (SUI-3).
ALTER TABLE products ADD COLUMN parent_id TEXT REFERENCES products (id);
ALTER TABLE products ADD COLUMN period_months INTEGER NOT NULL DEFAULT 12;
ALTER TABLE products ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN storage_gb INTEGER;
ALTER TABLE products ADD COLUMN domain_ascii TEXT;
ALTER TABLE products ADD COLUMN currency TEXT;
-- Business dates (the provider's time zone), ISO 8601.
ALTER TABLE products ADD COLUMN starts_on TEXT;
ALTER TABLE products ADD COLUMN expires_on TEXT;
-- Where renewal invoices go (ORG-7); the default address when unset or
-- deleted since.
ALTER TABLE products ADD COLUMN billing_address_id TEXT;
ALTER TABLE products ADD COLUMN auto_renew BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE products ADD COLUMN renewal_warranty BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE products ADD COLUMN payment_method_id TEXT REFERENCES payment_methods (id);
-- Premium support's VIP code (CAT-5).
ALTER TABLE products ADD COLUMN vip_code TEXT;
-- The number of the product's last provisioning event (CAT-3).
ALTER TABLE products ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX products_order_line_idx ON products (order_id, order_line);
CREATE UNIQUE INDEX products_vip_code_idx ON products (vip_code);
-- A domain name is held once (availability at the registry is the
-- registry's business; twice here is a mistake).
CREATE UNIQUE INDEX products_live_domain_idx ON products (domain_ascii)
    WHERE domain_ascii IS NOT NULL AND status NOT IN ('cancelled', 'deleted');
CREATE INDEX products_parent_id_idx ON products (parent_id);
CREATE INDEX products_org_kind_idx ON products (org_id, kind, id);

-- A row per domain name being ordered, upserted before the name is
-- checked: two orders of one name queue on the row, so the second sees
-- the first (pending or paid) and is refused.
CREATE TABLE domain_locks (
    domain_ascii TEXT PRIMARY KEY NOT NULL,
    touched_at BIGINT NOT NULL
);

-- CAT-3: a product's events go out in their order, per receiver: a row
-- with a sequence waits while an earlier one of the same key is pending.
ALTER TABLE outbox ADD COLUMN sequence_key TEXT;
ALTER TABLE outbox ADD COLUMN sequence_no BIGINT;
CREATE INDEX outbox_sequence_idx ON outbox (sequence_key, destination, sequence_no)
    WHERE sequence_key IS NOT NULL;
