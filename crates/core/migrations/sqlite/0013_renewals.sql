-- Renewals (REN-1..5, ORG-7), issue 14.
-- Kept in lockstep with ../postgres/0013_renewals.sql (a test compares the
-- two schemas).

-- A renewal: one product, from the expiry it extends (`from_expires_on`,
-- the last day of the period it follows) to its new last day, on an
-- invoice (a manual renewal groups several on one). It is `open` until
-- its invoice is paid (or, under the renewal warranty, the provider
-- renews anyway), then `applied` once: the product's expiry moves by a
-- conditional update. One live renewal per product and period (REN-1):
-- two sweeps, a rerun and a customer paying by hand cannot renew twice.
CREATE TABLE renewals (
    id TEXT PRIMARY KEY NOT NULL,
    product_id TEXT NOT NULL REFERENCES products (id),
    org_id TEXT NOT NULL REFERENCES orgs (id),
    from_expires_on TEXT NOT NULL,
    to_expires_on TEXT NOT NULL,
    periods INTEGER NOT NULL,
    months INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    -- Its line on the invoice (a grouped invoice has one per renewal).
    invoice_line INTEGER NOT NULL,
    currency TEXT NOT NULL,
    net_minor BIGINT NOT NULL,
    -- Auto-renewal: the day of the next charge of the stored method
    -- (none left: NULL) and the attempts made (REN-2).
    charge_on TEXT,
    charge_attempts INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    applied_at BIGINT,
    cancelled_at BIGINT,
    CHECK (kind IN ('auto', 'manual', 'warranty')),
    CHECK (status IN ('open', 'applied', 'cancelled')),
    CHECK (periods >= 1 AND periods <= 120),
    CHECK ((status = 'applied') = (applied_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE UNIQUE INDEX renewals_live_period_idx ON renewals (product_id, from_expires_on)
    WHERE status <> 'cancelled';
CREATE INDEX renewals_invoice_id_idx ON renewals (invoice_id);
CREATE INDEX renewals_product_id_idx ON renewals (product_id, created_at);
CREATE INDEX renewals_charge_on_idx ON renewals (charge_on)
    WHERE charge_on IS NOT NULL AND status = 'open';

-- What a product's owners were told about its period, once each (REN-2,
-- REN-5): `notice-30` (days before expiry), `charge-failed-2`,
-- `expired`, `suspended`, `deletion-notice`, `deleted`… A sweep run
-- twice, or on two instances, finds the row and sends nothing.
CREATE TABLE renewal_notices (
    product_id TEXT NOT NULL REFERENCES products (id),
    expires_on TEXT NOT NULL,
    step TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    sent_on TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (product_id, expires_on, step)
);

-- The daily sweep reads only what is due: products by expiry among the
-- live ones that renew on their own (a suite's contents follow it).
CREATE INDEX products_live_expiry_idx ON products (status, expires_on, id)
    WHERE parent_id IS NULL AND status IN ('active', 'expired', 'suspended');
