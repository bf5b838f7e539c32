//! Renewals' SQL. A renewal changes state by conditional updates and a
//! product's period by `UPDATE … WHERE expires_on = <the period renewed>`,
//! so that a renewal applies once however many times its invoice is found
//! paid, and a period is renewed once (the unique live period).

use crate::{
    catalog::store::{PRODUCT_COLUMNS, ProductRow},
    db::Conn,
    error::Result,
    ids::{OrgId, ProductId, RenewalId},
    sql,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RenewalRow {
    pub id: RenewalId,
    pub product_id: ProductId,
    pub org_id: OrgId,
    pub from_expires_on: String,
    pub to_expires_on: String,
    pub periods: i32,
    pub months: i32,
    pub kind: String,
    pub status: String,
    pub invoice_id: String,
    pub invoice_line: i32,
    pub currency: String,
    pub net_minor: i64,
    pub charge_on: Option<String>,
    pub charge_attempts: i32,
    pub created_by: String,
    pub created_at: i64,
    pub applied_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

const RENEWAL_COLUMNS: &str = "id, product_id, org_id, from_expires_on, to_expires_on, periods, months, kind, status, invoice_id, invoice_line, currency, net_minor, charge_on, charge_attempts, created_by, created_at, applied_at, cancelled_at";

/// Insert `r`, unless the product's period already has a live renewal
/// (then false: someone renewed it first).
pub async fn insert(c: Conn<'_>, r: &RenewalRow) -> Result<bool> {
    Ok(sql!(c, execute,
        "INSERT INTO renewals (id, product_id, org_id, from_expires_on, to_expires_on, periods, months, kind, status, invoice_id,
                               invoice_line, currency, net_minor, charge_on, charge_attempts, created_by, created_at, applied_at, cancelled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT DO NOTHING",
        &r.id, &r.product_id, &r.org_id, &r.from_expires_on, &r.to_expires_on, r.periods, r.months, &r.kind, &r.status,
        &r.invoice_id, r.invoice_line, &r.currency, r.net_minor, &r.charge_on, r.charge_attempts, &r.created_by, r.created_at,
        r.applied_at, r.cancelled_at)? == 1)
}

/// A row of [`insert_many`], in its column order: a tuple struct is
/// written as a JSON array field by field, without a `serde_json::Value`
/// of each (more than the 16 fields a tuple may hold).
#[derive(serde::Serialize)]
struct NewRenewalRow<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    i32,
    i32,
    &'a str,
    &'a str,
    &'a str,
    i32,
    &'a str,
    i64,
    &'a Option<String>,
    i32,
    &'a str,
    i64,
);

/// [`insert`] for a batch (ADR 0015): how many were inserted — fewer
/// than given when a period had a live renewal already.
pub async fn insert_many(c: Conn<'_>, rows: &[RenewalRow]) -> Result<u64> {
    let json: Vec<_> = rows
        .iter()
        .map(|r| {
            NewRenewalRow(
                r.id.as_str(),
                r.product_id.as_str(),
                r.org_id.as_str(),
                &r.from_expires_on,
                &r.to_expires_on,
                r.periods,
                r.months,
                &r.kind,
                &r.status,
                &r.invoice_id,
                r.invoice_line,
                &r.currency,
                r.net_minor,
                &r.charge_on,
                r.charge_attempts,
                &r.created_by,
                r.created_at,
            )
        })
        .collect();
    let json = serde_json::to_string(&json)?;
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO renewals (id, product_id, org_id, from_expires_on, to_expires_on, periods, months, kind, status, invoice_id,
                                   invoice_line, currency, net_minor, charge_on, charge_attempts, created_by, created_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7,
                    v ->> 8, v ->> 9, v ->> 10, v ->> 11, v ->> 12, v ->> 13, v ->> 14, v ->> 15, v ->> 16
             FROM r WHERE true ON CONFLICT DO NOTHING",
            json)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO renewals (id, product_id, org_id, from_expires_on, to_expires_on, periods, months, kind, status, invoice_id,
                                   invoice_line, currency, net_minor, charge_on, charge_attempts, created_by, created_at)
             SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, (j ->> 5)::integer, (j ->> 6)::integer, j ->> 7,
                    j ->> 8, j ->> 9, (j ->> 10)::integer, j ->> 11, (j ->> 12)::bigint, j ->> 13, (j ->> 14)::integer, j ->> 15, (j ->> 16)::bigint
             FROM jsonb_array_elements($1::jsonb) j ON CONFLICT DO NOTHING",
            json)?,
    })
}

/// The live (open or applied) renewal of a product's period.
pub async fn live_for(c: Conn<'_>, product_id: &str, from: &str) -> Result<Option<RenewalRow>> {
    Ok(sql!(
        c,
        fetch_optional as RenewalRow,
        &format!(
            "SELECT {RENEWAL_COLUMNS} FROM renewals WHERE product_id = $1 AND from_expires_on = $2 AND status <> 'cancelled'"
        ),
        product_id,
        from
    )?)
}

/// The open renewals of these products' current periods, one query.
pub async fn open_for_products(c: Conn<'_>, ids: &[String]) -> Result<Vec<RenewalRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let q = format!(
        "SELECT r.{} FROM renewals r JOIN products p ON p.id = r.product_id AND p.expires_on = r.from_expires_on
         WHERE r.status = 'open' AND r.product_id IN ({}) ORDER BY r.product_id",
        RENEWAL_COLUMNS.replace(", ", ", r."),
        crate::db::placeholders(1, ids.len())
    );
    crate::db::fetch_all_with(c, &q, ids).await
}

pub async fn of_invoice(c: Conn<'_>, invoice_id: &str) -> Result<Vec<RenewalRow>> {
    Ok(sql!(
        c,
        fetch_all as RenewalRow,
        &format!("SELECT {RENEWAL_COLUMNS} FROM renewals WHERE invoice_id = $1 ORDER BY id"),
        invoice_id
    )?)
}

pub async fn get(c: Conn<'_>, id: &RenewalId) -> Result<Option<RenewalRow>> {
    Ok(sql!(
        c,
        fetch_optional as RenewalRow,
        &format!("SELECT {RENEWAL_COLUMNS} FROM renewals WHERE id = $1"),
        id
    )?)
}

/// A product's renewals, newest first (staff history).
pub async fn of_product(c: Conn<'_>, product_id: &str) -> Result<Vec<RenewalRow>> {
    Ok(sql!(
        c,
        fetch_all as RenewalRow,
        &format!(
            "SELECT {RENEWAL_COLUMNS} FROM renewals WHERE product_id = $1 ORDER BY created_at DESC, id DESC"
        ),
        product_id
    )?)
}

pub async fn mark_applied(c: Conn<'_>, id: &RenewalId, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE renewals SET status = 'applied', applied_at = $1, charge_on = NULL WHERE id = $2 AND status = 'open'",
        now,
        id
    )? == 1)
}

/// [`mark_applied`] for many renewals (a JSON array of ids): how many
/// were still open and are applied now.
pub async fn mark_applied_many(c: Conn<'_>, ids: &str, now: i64) -> Result<u64> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(
            c,
            execute,
            "UPDATE renewals SET status = 'applied', applied_at = $2, charge_on = NULL
             WHERE id IN (SELECT value FROM json_each($1)) AND status = 'open'",
            ids,
            now
        )?,
        crate::db::Engine::Postgres => sql!(
            c,
            execute,
            "UPDATE renewals SET status = 'applied', applied_at = $2, charge_on = NULL
             WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND status = 'open'",
            ids,
            now
        )?,
    })
}

pub async fn mark_cancelled(c: Conn<'_>, id: &RenewalId, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE renewals SET status = 'cancelled', cancelled_at = $1, charge_on = NULL WHERE id = $2 AND status = 'open'",
        now,
        id
    )? == 1)
}

/// Stop charging a renewal (auto-renewal switched off, no method left).
pub async fn stop_charging(c: Conn<'_>, id: &RenewalId) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE renewals SET charge_on = NULL WHERE id = $1",
        id
    )?;
    Ok(())
}

/// Claim charge attempt `attempts + 1` of renewal `id`, due on
/// `charge_on`, and set the day of the next one: false when another sweep
/// claimed it first.
pub async fn claim_charge(
    c: Conn<'_>,
    id: &RenewalId,
    attempts: i32,
    charge_on: &str,
    next: Option<&str>,
) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE renewals SET charge_attempts = charge_attempts + 1, charge_on = $1
         WHERE id = $2 AND status = 'open' AND charge_attempts = $3 AND charge_on = $4",
        next,
        id,
        attempts,
        charge_on
    )? == 1)
}

/// Open auto-renewals whose charge is due by `today`, after the keyset
/// `(after_on, after_id)`.
pub async fn charges_due(
    c: Conn<'_>,
    today: &str,
    after_on: &str,
    after_id: &str,
    limit: i64,
) -> Result<Vec<RenewalRow>> {
    Ok(sql!(
        c,
        fetch_all as RenewalRow,
        &format!(
            "SELECT {RENEWAL_COLUMNS} FROM renewals
         WHERE charge_on IS NOT NULL AND status = 'open' AND charge_on >= $1 AND charge_on <= $2
           AND (charge_on > $1 OR id > $3)
         ORDER BY charge_on, id LIMIT $4"
        ),
        after_on,
        today,
        after_id,
        limit
    )?)
}

/// Move the product `id` and the products inside it (a suite's) from the
/// period ending `from` to the one ending `to`, live again: the products
/// that moved. None when the period was renewed already (or the product
/// is gone).
pub async fn extend(
    c: Conn<'_>,
    id: &ProductId,
    from: &str,
    to: &str,
    now: i64,
) -> Result<Vec<ProductId>> {
    Ok(sql!(c, fetch_all scalar ProductId,
        "UPDATE products SET expires_on = $1, status = 'active', updated_at = $2
         WHERE (id = $3 OR parent_id = $3) AND expires_on = $4 AND status IN ('active', 'expired', 'suspended')
         RETURNING id",
        to, now, id, from)?)
}

/// [`extend`] for many renewals, `rows` a JSON array of `[product_id,
/// from, to]`: each product and a suite's contents moved to its new
/// period, live again, with its next event number taken (its
/// `product.renewed` follows, as [`crate::catalog::products::record_change`]
/// does): the products as moved. Walked from the JSON's rows (a
/// materialised CTE), each by the product's key and the suites' index.
pub async fn extend_many(mut c: Conn<'_>, rows: &str, now: i64) -> Result<Vec<ProductRow>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all as ProductRow,
            &format!("WITH j AS MATERIALIZED (
                        SELECT value ->> 0 AS renewed_id, value ->> 1 AS from_on, value ->> 2 AS to_on FROM json_each($1))
                      UPDATE products SET expires_on = j.to_on, status = 'active', updated_at = $2, event_seq = event_seq + 1
                      FROM j WHERE (products.id = j.renewed_id OR products.parent_id = j.renewed_id)
                        AND products.expires_on = j.from_on AND products.status IN ('active', 'expired', 'suspended')
                      RETURNING {PRODUCT_COLUMNS}"),
            rows, now)?,
        // PostgreSQL planned the `OR` as a hash join on the expiry day —
        // every product of the day against every row (37 s a batch of
        // 2000): the products and a suite's contents are moved by two
        // statements, each finding its rows by an index (`= ANY`).
        crate::db::Engine::Postgres => {
            let mut moved = sql!(c.reborrow(), fetch_all as ProductRow,
                &format!("UPDATE products SET expires_on = j ->> 2, status = 'active', updated_at = $2, event_seq = event_seq + 1
                          FROM jsonb_array_elements($1::jsonb) j
                          WHERE products.id = ANY (ARRAY(SELECT jsonb_array_elements($1::jsonb) ->> 0)) AND products.id = j ->> 0
                            AND products.expires_on = j ->> 1 AND products.status IN ('active', 'expired', 'suspended')
                          RETURNING {PRODUCT_COLUMNS}"),
                rows, now)?;
            moved.extend(sql!(c, fetch_all as ProductRow,
                &format!("UPDATE products SET expires_on = j ->> 2, status = 'active', updated_at = $2, event_seq = event_seq + 1
                          FROM jsonb_array_elements($1::jsonb) j
                          WHERE products.parent_id = ANY (ARRAY(SELECT jsonb_array_elements($1::jsonb) ->> 0)) AND products.parent_id = j ->> 0
                            AND products.expires_on = j ->> 1 AND products.status IN ('active', 'expired', 'suspended')
                          RETURNING {PRODUCT_COLUMNS}"),
                rows, now)?);
            moved
        }
    })
}

/// Move the product `id` (and a suite's contents) from `from` to `to` in
/// the period ending `expires_on`: the products that moved.
pub async fn set_status(
    c: Conn<'_>,
    id: &ProductId,
    expires_on: &str,
    from: &str,
    to: &str,
    now: i64,
) -> Result<Vec<ProductId>> {
    Ok(sql!(c, fetch_all scalar ProductId,
        "UPDATE products SET status = $1, updated_at = $2
         WHERE (id = $3 OR parent_id = $3) AND expires_on = $4 AND status = $5
         RETURNING id",
        to, now, id, expires_on, from)?)
}

/// [`set_status`] for many products, `rows` a JSON array of `[product_id,
/// expires_on]`: each (and a suite's contents) moved from `from` to `to`
/// with its next event number taken (its event follows): the products as
/// moved.
pub async fn set_status_many(
    mut c: Conn<'_>,
    rows: &str,
    from: &str,
    to: &str,
    now: i64,
) -> Result<Vec<ProductRow>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all as ProductRow,
            &format!("WITH j AS MATERIALIZED (
                        SELECT value ->> 0 AS moved_id, value ->> 1 AS period_end FROM json_each($1))
                      UPDATE products SET status = $2, updated_at = $3, event_seq = event_seq + 1
                      FROM j WHERE (products.id = j.moved_id OR products.parent_id = j.moved_id)
                        AND products.expires_on = j.period_end AND products.status = $4
                      RETURNING {PRODUCT_COLUMNS}"),
            rows, to, now, from)?,
        // Two statements on PostgreSQL, as in [`extend_many`].
        crate::db::Engine::Postgres => {
            let mut moved = sql!(c.reborrow(), fetch_all as ProductRow,
                &format!("UPDATE products SET status = $2, updated_at = $3, event_seq = event_seq + 1
                          FROM jsonb_array_elements($1::jsonb) j
                          WHERE products.id = ANY (ARRAY(SELECT jsonb_array_elements($1::jsonb) ->> 0)) AND products.id = j ->> 0
                            AND products.expires_on = j ->> 1 AND products.status = $4
                          RETURNING {PRODUCT_COLUMNS}"),
                rows, to, now, from)?;
            moved.extend(sql!(c, fetch_all as ProductRow,
                &format!("UPDATE products SET status = $2, updated_at = $3, event_seq = event_seq + 1
                          FROM jsonb_array_elements($1::jsonb) j
                          WHERE products.parent_id = ANY (ARRAY(SELECT jsonb_array_elements($1::jsonb) ->> 0)) AND products.parent_id = j ->> 0
                            AND products.expires_on = j ->> 1 AND products.status = $4
                          RETURNING {PRODUCT_COLUMNS}"),
                rows, to, now, from)?);
            moved
        }
    })
}

/// A deleted suite's seats are free: their holders may leave the org.
pub async fn release_seats(c: Conn<'_>, product_id: &ProductId) -> Result<()> {
    sql!(
        c,
        execute,
        "DELETE FROM suite_seats WHERE product_id = $1",
        product_id
    )?;
    Ok(())
}

/// Turn the renewal warranty off (the catalogue no longer renews it).
pub async fn drop_warranty(c: Conn<'_>, id: &ProductId, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE products SET renewal_warranty = FALSE, updated_at = $1 WHERE id = $2",
        now,
        id
    )?;
    Ok(())
}

/// Switch auto-renewal on with the stored method that paid (REN-1).
pub async fn set_auto_renew(c: Conn<'_>, id: &ProductId, method_id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE products SET auto_renew = TRUE, payment_method_id = $1, updated_at = $2 WHERE id = $3",
        method_id,
        now,
        id
    )?;
    Ok(())
}

/// Which products a step of the daily sweep looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Auto-renewing, with a method, whose period has no renewal yet.
    ToInvoice,
    /// Under the renewal warranty.
    Warranty,
    /// Without the renewal warranty.
    NoWarranty,
    Any,
    /// That will expire unless somebody acts, not renewed yet, not told
    /// this many days before.
    ToNotice(u32),
    /// Not told of their deletion yet.
    ToWarnOfDeletion,
}

/// The live renewal of a product's current period.
const LIVE_RENEWAL: &str = "EXISTS (SELECT 1 FROM renewals r
    WHERE r.product_id = products.id AND r.from_expires_on = products.expires_on AND r.status <> 'cancelled')";
/// A notice of the product's current period (the step bound last).
const NOTICE_SENT: &str = "EXISTS (SELECT 1 FROM renewal_notices n
    WHERE n.product_id = products.id AND n.expires_on = products.expires_on AND n.step = $7)";
/// Products (not inside a suite) of a status expiring in a range, after a
/// keyset: `$1` status, `$2`..`$3` the range, `$4`/`$5` the keyset, `$6`
/// the batch. Walked by the partial index on (status, expires_on, id),
/// whose condition is written out: neither engine infers it from a bound
/// `status = $1`, and without it SQLite read every product and sorted
/// them, for each batch (43 s of a 100,000-product sweep). The keyset is
/// a row value, a range of the index: a day on which thousands of
/// products expire is not read again from its start by each batch.
const DUE: &str =
    "FROM products WHERE parent_id IS NULL AND status IN ('active', 'expired', 'suspended')
    AND status = $1 AND expires_on >= $2 AND expires_on <= $3 AND (expires_on, id) > ($4, $5)";
const DUE_ORDER: &str = "ORDER BY expires_on, id LIMIT $6";

/// Products (not inside a suite) in `status` expiring between `from` and
/// `until` (both included) that `due` selects, after the keyset
/// `(after_on, after_id)`, in expiry order: an index range scan, so a
/// batch costs what it reads, not what the table holds.
#[allow(clippy::too_many_arguments)]
pub async fn due(
    c: Conn<'_>,
    status: &str,
    from: &str,
    until: &str,
    due: Due,
    after_on: &str,
    after_id: &str,
    limit: i64,
) -> Result<Vec<ProductRow>> {
    let lower = if after_on > from { after_on } else { from };
    let rows = match due {
        Due::ToInvoice => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} AND auto_renew AND payment_method_id IS NOT NULL AND NOT {LIVE_RENEWAL} {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit),
        Due::Warranty => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} AND renewal_warranty {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit),
        Due::NoWarranty => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} AND NOT renewal_warranty {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit),
        Due::Any => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit),
        // Those that will expire unless somebody acts, not renewed yet,
        // not told this many days before.
        Due::ToNotice(days) => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} AND NOT renewal_warranty AND NOT (auto_renew AND payment_method_id IS NOT NULL)
                      AND NOT {LIVE_RENEWAL} AND NOT {NOTICE_SENT} {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit, format!("notice-{days}")),
        Due::ToWarnOfDeletion => sql!(c, fetch_all as ProductRow,
            &format!("SELECT {PRODUCT_COLUMNS} {DUE} AND NOT {NOTICE_SENT} {DUE_ORDER}"),
            status, lower, until, after_on, after_id, limit, "deletion-notice"),
    };
    Ok(rows?)
}

/// Note that `step` of the period ending `expires_on` was told: false
/// when it was already (nothing is to be sent again).
pub async fn insert_notice(
    c: Conn<'_>,
    product_id: &ProductId,
    org_id: &OrgId,
    expires_on: &str,
    step: &str,
    sent_on: &str,
    now: i64,
) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "INSERT INTO renewal_notices (product_id, expires_on, step, org_id, sent_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        product_id,
        expires_on,
        step,
        org_id,
        sent_on,
        now
    )? == 1)
}

/// [`insert_notice`] for a batch: `rows` of `(product, org, expires_on,
/// step)`, all sent `sent_on`. The products whose notice was inserted
/// (not told before).
pub async fn insert_notices(
    c: Conn<'_>,
    rows: &[(&str, &str, &str, String)],
    sent_on: &str,
    now: i64,
) -> Result<Vec<String>> {
    let json = serde_json::to_string(rows)?;
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all scalar String,
            "INSERT INTO renewal_notices (product_id, org_id, expires_on, step, sent_on, created_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, $2, $3
             FROM r WHERE true
             ON CONFLICT DO NOTHING RETURNING product_id",
            json, sent_on, now)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all scalar String,
            "INSERT INTO renewal_notices (product_id, org_id, expires_on, step, sent_on, created_at)
             SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, $2, $3 FROM jsonb_array_elements($1::jsonb) j
             ON CONFLICT DO NOTHING RETURNING product_id",
            json, sent_on, now)?,
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub expires_on: String,
    pub step: String,
    pub sent_on: String,
    pub created_at: i64,
}

/// What a product's owners were told, newest first.
pub async fn notices(c: Conn<'_>, product_id: &str) -> Result<Vec<NoticeRow>> {
    Ok(sql!(
        c,
        fetch_all as NoticeRow,
        "SELECT expires_on, step, sent_on, created_at FROM renewal_notices WHERE product_id = $1
         ORDER BY created_at DESC, step DESC",
        product_id
    )?)
}

/// The live products (not inside a suite) of the org expiring by `until`
/// (all when None), soonest first.
pub async fn to_pay(c: Conn<'_>, org_id: &OrgId, until: Option<&str>) -> Result<Vec<ProductRow>> {
    Ok(sql!(
        c,
        fetch_all as ProductRow,
        &format!(
            "SELECT {PRODUCT_COLUMNS} FROM products
         WHERE org_id = $1 AND parent_id IS NULL AND status IN ('active', 'expired', 'suspended')
           AND expires_on IS NOT NULL AND ($2 IS NULL OR expires_on <= $2)
         ORDER BY expires_on, id"
        ),
        org_id,
        until
    )?)
}
