//! Orders' and products' SQL. Only the catalogue area writes these tables;
//! a product's state changes by conditional updates, so that two
//! deliveries of one payment cannot both make its products (CAT-2).

use crate::{
    db::Conn,
    error::Result,
    ids::{OrderId, OrgId, ProductId},
    sql,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: OrderId,
    pub org_id: OrgId,
    pub status: String,
    pub currency: String,
    pub invoice_id: String,
    pub billing_address_id: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub cancel_after: i64,
    pub paid_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

const ORDER_COLUMNS: &str = "id, org_id, status, currency, invoice_id, billing_address_id, created_by, created_at, updated_at, cancel_after, paid_at, cancelled_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub order_id: OrderId,
    pub line: i32,
    pub plan_id: String,
    pub kind: String,
    pub name: String,
    pub period_months: i32,
    pub quantity: i32,
    pub storage_gb: Option<i32>,
    pub domain_name: Option<String>,
    pub domain_ascii: Option<String>,
    pub net_minor: i64,
    /// A suite upgrade: the suite raised, and its size before (SUI-1).
    pub upgrade_of: Option<String>,
    pub from_quantity: Option<i32>,
    pub from_storage_gb: Option<i32>,
}

const ITEM_COLUMNS: &str = "order_id, line, plan_id, kind, name, period_months, quantity, storage_gb, domain_name, domain_ascii, net_minor, upgrade_of, from_quantity, from_storage_gb";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductRow {
    pub id: ProductId,
    pub org_id: OrgId,
    pub kind: String,
    pub name: String,
    pub plan_id: String,
    pub status: String,
    pub order_id: Option<String>,
    pub order_line: Option<i32>,
    pub parent_id: Option<String>,
    pub period_months: i32,
    pub quantity: i32,
    pub storage_gb: Option<i32>,
    pub domain_ascii: Option<String>,
    pub currency: Option<String>,
    pub starts_on: Option<String>,
    pub expires_on: Option<String>,
    pub billing_address_id: Option<String>,
    pub auto_renew: bool,
    pub renewal_warranty: bool,
    pub payment_method_id: Option<String>,
    pub vip_code: Option<String>,
    pub event_seq: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) const PRODUCT_COLUMNS: &str = "id, org_id, kind, name, plan_id, status, order_id, order_line, parent_id, period_months, quantity, storage_gb, domain_ascii, currency, starts_on, expires_on, billing_address_id, auto_renew, renewal_warranty, payment_method_id, vip_code, event_seq, created_at, updated_at";

pub async fn insert_order(c: Conn<'_>, o: &OrderRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO orders (id, org_id, status, currency, invoice_id, billing_address_id, created_by, created_at, updated_at, cancel_after)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $7, $8)",
        &o.id, &o.org_id, &o.currency, &o.invoice_id, &o.billing_address_id, &o.created_by, o.created_at, o.cancel_after)?;
    Ok(())
}

pub async fn insert_item(c: Conn<'_>, i: &ItemRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO order_items (order_id, line, plan_id, kind, name, period_months, quantity, storage_gb, domain_name, domain_ascii, net_minor,
                                  upgrade_of, from_quantity, from_storage_gb)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        &i.order_id, i.line, &i.plan_id, &i.kind, &i.name, i.period_months, i.quantity, i.storage_gb, &i.domain_name, &i.domain_ascii, i.net_minor,
        &i.upgrade_of, i.from_quantity, i.from_storage_gb)?;
    Ok(())
}

pub async fn order(c: Conn<'_>, org_id: &OrgId, id: &str) -> Result<Option<OrderRow>> {
    Ok(sql!(
        c,
        fetch_optional as OrderRow,
        &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1 AND org_id = $2"),
        id,
        org_id
    )?)
}

pub async fn order_of_invoice(c: Conn<'_>, invoice_id: &str) -> Result<Option<OrderRow>> {
    Ok(sql!(
        c,
        fetch_optional as OrderRow,
        &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE invoice_id = $1"),
        invoice_id
    )?)
}

pub async fn orders(c: Conn<'_>, org_id: &OrgId, offset: i64, limit: i64) -> Result<Vec<OrderRow>> {
    Ok(sql!(
        c,
        fetch_all as OrderRow,
        &format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE org_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"
        ),
        org_id,
        limit,
        offset
    )?)
}

pub async fn count_orders(c: Conn<'_>, org_id: &OrgId) -> Result<i64> {
    Ok(sql!(c, fetch_one scalar i64,
        "SELECT COUNT(*) FROM orders WHERE org_id = $1", org_id)?)
}

/// The items of these orders, in order of order and line (one query for
/// a page of orders).
pub async fn items_of(c: Conn<'_>, order_ids: &[String]) -> Result<Vec<ItemRow>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::db::placeholders(1, order_ids.len());
    let q = format!(
        "SELECT {ITEM_COLUMNS} FROM order_items WHERE order_id IN ({list}) ORDER BY order_id, line"
    );
    let mut c = c;
    crate::db::fetch_all_with(c.reborrow(), &q, order_ids).await
}

/// Pending → paid, once.
pub async fn mark_paid(c: Conn<'_>, id: &OrderId, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE orders SET status = 'paid', paid_at = $1, updated_at = $1 WHERE id = $2 AND status = 'pending'",
        now,
        id
    )? == 1)
}

/// Pending → cancelled, once.
pub async fn mark_cancelled(c: Conn<'_>, id: &OrderId, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE orders SET status = 'cancelled', cancelled_at = $1, updated_at = $1 WHERE id = $2 AND status = 'pending'",
        now,
        id
    )? == 1)
}

/// Pending orders past their time, oldest first.
pub async fn overdue_orders(c: Conn<'_>, now: i64, limit: i64) -> Result<Vec<OrderRow>> {
    Ok(sql!(
        c,
        fetch_all as OrderRow,
        &format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE status = 'pending' AND cancel_after <= $1 ORDER BY cancel_after, id LIMIT $2"
        ),
        now,
        limit
    )?)
}

/// Queue behind any other order of this domain name until the caller's
/// transaction ends (the row is upserted: PostgreSQL locks it, SQLite
/// has one writer).
pub async fn lock_domain(c: Conn<'_>, domain_ascii: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO domain_locks (domain_ascii, touched_at) VALUES ($1, $2)
         ON CONFLICT (domain_ascii) DO UPDATE SET touched_at = excluded.touched_at",
        domain_ascii,
        now
    )?;
    Ok(())
}

/// A live product holds this domain, or a pending order waits to.
pub async fn domain_held(c: Conn<'_>, domain_ascii: &str) -> Result<bool> {
    Ok(sql!(c, fetch_optional scalar i64,
        "SELECT CAST(1 AS BIGINT) FROM products WHERE domain_ascii = $1 AND status NOT IN ('cancelled', 'deleted')
         UNION ALL
         SELECT CAST(1 AS BIGINT) FROM order_items i JOIN orders o ON o.id = i.order_id
         WHERE i.domain_ascii = $1 AND o.status = 'pending'
         LIMIT 1",
        domain_ascii)?
    .is_some())
}

/// Insert a product unless its order line made one already; whether it
/// was inserted. Any other conflict (a domain held twice) is an error,
/// never a paid product silently dropped.
pub async fn insert_product(c: Conn<'_>, p: &ProductRow) -> Result<bool> {
    Ok(sql!(c, execute,
        "INSERT INTO products (id, org_id, kind, name, plan_id, status, order_id, order_line, parent_id, period_months, quantity, storage_gb,
                               domain_ascii, currency, starts_on, expires_on, billing_address_id, auto_renew, renewal_warranty,
                               payment_method_id, vip_code, event_seq, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)
         ON CONFLICT (order_id, order_line) DO NOTHING",
        &p.id, &p.org_id, &p.kind, &p.name, &p.plan_id, &p.status, &p.order_id, p.order_line, &p.parent_id, p.period_months,
        p.quantity, p.storage_gb, &p.domain_ascii, &p.currency, &p.starts_on, &p.expires_on, &p.billing_address_id,
        p.auto_renew, p.renewal_warranty, &p.payment_method_id, &p.vip_code, p.event_seq, p.created_at)? == 1)
}

pub async fn product(c: Conn<'_>, org_id: &OrgId, id: &str) -> Result<Option<ProductRow>> {
    Ok(sql!(
        c,
        fetch_optional as ProductRow,
        &format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE id = $1 AND org_id = $2"),
        id,
        org_id
    )?)
}

/// The products the given orders made, their lines' and the suites'
/// contents, in one query for a page of orders.
pub async fn products_of_orders(c: Conn<'_>, order_ids: &[String]) -> Result<Vec<ProductRow>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    let n = order_ids.len();
    let q = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products
         WHERE order_id IN ({}) OR parent_id IN (SELECT id FROM products WHERE order_id IN ({}))
         ORDER BY id",
        crate::db::placeholders(1, n),
        crate::db::placeholders(n + 1, n)
    );
    let mut args = order_ids.to_vec();
    args.extend(order_ids.iter().cloned());
    crate::db::fetch_all_with(c, &q, &args).await
}

/// What a product list may be narrowed to: a kind, a status, and for a
/// restricted member the products and kinds their rights open.
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    /// `None`: every product (owners). `Some`: only these ids and kinds.
    pub open: Option<(Vec<String>, Vec<String>)>,
}

fn product_where(f: &ProductFilter, first: usize) -> (String, Vec<String>) {
    let mut clause = String::from("org_id = $1 AND status <> 'deleted'");
    let mut args = Vec::new();
    let mut n = first;
    if let Some(kind) = &f.kind {
        clause.push_str(&format!(" AND kind = ${n}"));
        args.push(kind.clone());
        n += 1;
    }
    if let Some(status) = &f.status {
        clause.push_str(&format!(" AND status = ${n}"));
        args.push(status.clone());
        n += 1;
    }
    if let Some((ids, kinds)) = &f.open {
        let mut opens = Vec::new();
        if !ids.is_empty() {
            opens.push(format!("id IN ({})", crate::db::placeholders(n, ids.len())));
            args.extend(ids.iter().cloned());
            n += ids.len();
        }
        if !kinds.is_empty() {
            opens.push(format!(
                "kind IN ({})",
                crate::db::placeholders(n, kinds.len())
            ));
            args.extend(kinds.iter().cloned());
        }
        if opens.is_empty() {
            clause.push_str(" AND 1 = 0");
        } else {
            clause.push_str(&format!(" AND ({})", opens.join(" OR ")));
        }
    }
    (clause, args)
}

pub async fn products(
    c: Conn<'_>,
    org_id: &OrgId,
    f: &ProductFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<ProductRow>, i64)> {
    let mut c = c;
    let (clause, args) = product_where(f, 2);
    let mut all = vec![org_id.to_string()];
    all.extend(args);
    let total_q = format!("SELECT COUNT(*) FROM products WHERE {clause}");
    let total = crate::db::count_with(c.reborrow(), &total_q, &all).await?;
    let page_q = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products WHERE {clause} ORDER BY expires_on IS NULL, expires_on, id LIMIT {limit} OFFSET {offset}"
    );
    let rows = crate::db::fetch_all_with(c, &page_q, &all).await?;
    Ok((rows, total))
}

/// Take the product's next event number.
pub async fn next_event_seq(c: Conn<'_>, id: &ProductId, now: i64) -> Result<i64> {
    Ok(sql!(c, fetch_one scalar i64,
        "UPDATE products SET event_seq = event_seq + 1, updated_at = $1 WHERE id = $2 RETURNING event_seq",
        now, id)?)
}

/// These products of the organisation (one query; unknown ids are left
/// out).
pub async fn products_by_ids(
    c: Conn<'_>,
    org_id: &OrgId,
    ids: &[String],
) -> Result<Vec<ProductRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let q = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products WHERE org_id = $1 AND id IN ({}) ORDER BY id",
        crate::db::placeholders(2, ids.len())
    );
    let mut args = vec![org_id.to_string()];
    args.extend(ids.iter().cloned());
    crate::db::fetch_all_with(c, &q, &args).await
}

/// The products inside a suite (SUI-3).
pub async fn children(c: Conn<'_>, parent_id: &ProductId) -> Result<Vec<ProductRow>> {
    Ok(sql!(
        c,
        fetch_all as ProductRow,
        &format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE parent_id = $1 ORDER BY id"),
        parent_id
    )?)
}

/// Hold the product's row until the caller's transaction ends, so that
/// two changes of one product queue (PostgreSQL locks the row; SQLite has
/// one writer). Whether it exists in the organisation.
pub async fn lock_product(c: Conn<'_>, org_id: &OrgId, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE products SET updated_at = $1 WHERE id = $2 AND org_id = $3",
        now,
        id,
        org_id
    )? == 1)
}

/// A product's renewal settings (ORG-7, REN-1, REN-4).
pub async fn set_renewal(c: Conn<'_>, p: &ProductRow, now: i64) -> Result<()> {
    sql!(c, execute,
        "UPDATE products SET auto_renew = $1, renewal_warranty = $2, billing_address_id = $3, payment_method_id = $4, updated_at = $5
         WHERE id = $6",
        p.auto_renew, p.renewal_warranty, &p.billing_address_id, &p.payment_method_id, now, &p.id)?;
    Ok(())
}

/// Move a product to another organisation, from `from` only, taking its
/// next event number; its renewal address and stored method were the old
/// organisation's, so they go (auto-renewal with them).
pub async fn move_product(
    c: Conn<'_>,
    id: &ProductId,
    from: &OrgId,
    to: &OrgId,
    now: i64,
) -> Result<bool> {
    Ok(sql!(c, execute,
        "UPDATE products SET org_id = $1, billing_address_id = NULL, payment_method_id = NULL, auto_renew = FALSE,
                event_seq = event_seq + 1, updated_at = $2
         WHERE id = $3 AND org_id = $4",
        to, now, id, from)? == 1)
}

/// SUI-1: set a suite's new size, only from the size the upgrade was
/// priced from, taking its next event number. Whether it applied.
pub async fn apply_upgrade(
    c: Conn<'_>,
    id: &str,
    from: (i32, Option<i32>),
    to: (i32, Option<i32>),
    now: i64,
) -> Result<bool> {
    Ok(sql!(c, execute,
        "UPDATE products SET quantity = $1, storage_gb = $2, event_seq = event_seq + 1, updated_at = $3
         WHERE id = $4 AND quantity = $5 AND storage_gb = $6 AND status = 'active'",
        to.0, to.1, now, id, from.0, from.1)? == 1)
}

/// The pending upgrade order of a suite, if any.
pub async fn pending_upgrade(c: Conn<'_>, product_id: &str) -> Result<Option<String>> {
    Ok(sql!(c, fetch_optional scalar String,
        "SELECT o.id FROM order_items i JOIN orders o ON o.id = i.order_id
         WHERE i.upgrade_of = $1 AND o.status = 'pending' LIMIT 1",
        product_id)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeatRow {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub assigned_at: i64,
}

/// A suite's seats with their holders' names, oldest first.
pub async fn seats(c: Conn<'_>, product_id: &str) -> Result<Vec<SeatRow>> {
    Ok(sql!(c, fetch_all as SeatRow,
        "SELECT s.user_id, u.name, u.email, s.assigned_at FROM suite_seats s JOIN users u ON u.id = s.user_id
         WHERE s.product_id = $1 ORDER BY s.assigned_at, s.user_id",
        product_id)?)
}

/// Give a seat; whether it was new.
pub async fn insert_seat(
    c: Conn<'_>,
    org_id: &OrgId,
    product_id: &str,
    user_id: &str,
    by: &str,
    now: i64,
) -> Result<bool> {
    Ok(sql!(c, execute,
        "INSERT INTO suite_seats (product_id, user_id, org_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (product_id, user_id) DO NOTHING",
        product_id, user_id, org_id, by, now)? == 1)
}

/// Take a seat back; whether there was one.
pub async fn delete_seat(c: Conn<'_>, product_id: &str, user_id: &str) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "DELETE FROM suite_seats WHERE product_id = $1 AND user_id = $2",
        product_id,
        user_id
    )? == 1)
}

/// Does the member hold a seat of one of the organisation's suites?
pub async fn holds_seat(c: Conn<'_>, org_id: &OrgId, user_id: &str) -> Result<bool> {
    Ok(sql!(c, fetch_optional scalar i64,
        "SELECT CAST(1 AS BIGINT) FROM suite_seats WHERE org_id = $1 AND user_id = $2 LIMIT 1",
        org_id, user_id)?
    .is_some())
}

/// The seats a member held in the organisation, given back (they are no
/// longer a member).
pub async fn release_seats(c: Conn<'_>, org_id: &OrgId, user_id: &str) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "DELETE FROM suite_seats WHERE org_id = $1 AND user_id = $2",
        org_id,
        user_id
    )?)
}
