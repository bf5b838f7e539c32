//! What an organisation holds, at a glance (issue 13): how many products
//! of each kind, what expires soon, and what a suite contains — always
//! within what the viewer may see (ORG-2: owners everything, a
//! restricted member the products and kinds their rights open).

use jiff::ToSpan;
use serde::Serialize;

use super::{ProductKind, products::ProductView, store::ProductRow};
use crate::{
    Ctx,
    access::Actor,
    db::Conn,
    error::{Error, Result},
    ids::{OrgId, ProductId},
    orgs,
};

/// The columns of a product row (`store::ProductRow`).
const PRODUCT_COLUMNS: &str = "id, org_id, kind, name, plan_id, status, order_id, order_line, parent_id, period_months, quantity, storage_gb, domain_ascii, currency, starts_on, expires_on, billing_address_id, auto_renew, renewal_warranty, payment_method_id, vip_code, event_seq, created_at, updated_at";

/// At most this many products in the "expires soon" list.
pub const EXPIRING_MAX: i64 = 20;

/// An organisation's products at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Products held (neither cancelled nor deleted) per kind, the kinds
    /// with none left out.
    pub counts: Vec<(ProductKind, i64)>,
    /// Active or suspended products whose last day is within `days`,
    /// soonest first (at most [`EXPIRING_MAX`]); a suite's contents
    /// renew with it and are not listed apart.
    pub expiring: Vec<ProductView>,
    /// How many expire in that time, listed or not.
    pub expiring_total: i64,
    pub days: u32,
}

#[derive(sqlx::FromRow)]
struct KindCount {
    kind: String,
    n: i64,
}

/// The part of a `WHERE` that keeps what the viewer sees, its values
/// bound from `$first`: nothing for `None` (owners).
fn scope_clause(open: &Option<(Vec<String>, Vec<String>)>, first: usize) -> (String, Vec<String>) {
    let Some((ids, kinds)) = open else {
        return (String::new(), Vec::new());
    };
    let mut opens = Vec::new();
    let mut args = Vec::new();
    if !ids.is_empty() {
        opens.push(format!(
            "id IN ({})",
            crate::db::placeholders(first, ids.len())
        ));
        args.extend(ids.iter().cloned());
    }
    if !kinds.is_empty() {
        opens.push(format!(
            "kind IN ({})",
            crate::db::placeholders(first + args.len(), kinds.len())
        ));
        args.extend(kinds.iter().cloned());
    }
    if opens.is_empty() {
        (" AND 1 = 0".into(), args)
    } else {
        (format!(" AND ({})", opens.join(" OR ")), args)
    }
}

/// The organisation's products at a glance, as `actor` may see them;
/// "soon" is the next `days` days from today (the provider's calendar).
pub async fn overview(ctx: &Ctx, actor: &Actor, org_id: &OrgId, days: u32) -> Result<Overview> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    let today = ctx.today();
    let until = today
        .checked_add(i64::from(days).days())
        .map_err(|e| Error::Internal(format!("overview: {e}")))?;

    let (scope, scope_args) = scope_clause(&open, 2);
    let mut args = vec![org_id.to_string()];
    args.extend(scope_args.iter().cloned());
    let q = format!(
        "SELECT kind, COUNT(*) AS n FROM products
         WHERE org_id = $1 AND status NOT IN ('cancelled', 'deleted'){scope}
         GROUP BY kind"
    );
    let counted: Vec<KindCount> = crate::db::fetch_all_with(c.conn(), &q, &args).await?;
    let mut counts: Vec<(ProductKind, i64)> = counted
        .into_iter()
        .filter_map(|k| Some((ProductKind::parse(&k.kind)?, k.n)))
        .collect();
    counts.sort_by_key(|(k, _)| ProductKind::ALL.iter().position(|a| a == k));

    let (scope, scope_args) = scope_clause(&open, 4);
    let mut args = vec![org_id.to_string(), today.to_string(), until.to_string()];
    args.extend(scope_args);
    let soon = format!(
        "FROM products WHERE org_id = $1 AND status IN ('active', 'suspended') AND parent_id IS NULL
         AND expires_on >= $2 AND expires_on <= $3{scope}"
    );
    let expiring_total =
        crate::db::count_with(c.conn(), &format!("SELECT COUNT(*) {soon}"), &args).await?;
    let rows: Vec<ProductRow> = crate::db::fetch_all_with(
        c.conn(),
        &format!("SELECT {PRODUCT_COLUMNS} {soon} ORDER BY expires_on, id LIMIT {EXPIRING_MAX}"),
        &args,
    )
    .await?;
    Ok(Overview {
        counts,
        expiring: rows
            .into_iter()
            .map(ProductView::from_row)
            .collect::<Result<_>>()?,
        expiring_total,
        days,
    })
}

/// The products inside suite `suite_id` (SUI-3) that the viewer sees,
/// for the suite's page. The suite itself is checked by `get_product`.
pub async fn suite_contents(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    suite_id: &ProductId,
) -> Result<Vec<ProductView>> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    contents(c.conn(), org_id, suite_id, &open).await
}

async fn contents(
    c: Conn<'_>,
    org_id: &OrgId,
    suite_id: &ProductId,
    open: &Option<(Vec<String>, Vec<String>)>,
) -> Result<Vec<ProductView>> {
    let (scope, scope_args) = scope_clause(open, 3);
    let mut args = vec![org_id.to_string(), suite_id.to_string()];
    args.extend(scope_args);
    let q = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products
         WHERE org_id = $1 AND parent_id = $2 AND status <> 'deleted'{scope} ORDER BY kind, id"
    );
    crate::db::fetch_all_with::<ProductRow>(c, &q, &args)
        .await?
        .into_iter()
        .map(ProductView::from_row)
        .collect()
}

/// At most this many products in the expiry calendar: beyond, a month is
/// better read as the products list.
pub const CALENDAR_MAX: i64 = 500;

/// The products whose last day falls from `from` to `until` (both
/// included) that the viewer sees, soonest first, for the overview's
/// expiry calendar (REN-3, REN-5): the live ones (active, expired or
/// suspended — what renewing can still save), not a suite's contents,
/// which renew with their suite.
pub async fn expiring_between(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    from: jiff::civil::Date,
    until: jiff::civil::Date,
) -> Result<Vec<ProductView>> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    let (scope, scope_args) = scope_clause(&open, 4);
    let mut args = vec![org_id.to_string(), from.to_string(), until.to_string()];
    args.extend(scope_args);
    let q = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products
         WHERE org_id = $1 AND status IN ('active', 'expired', 'suspended') AND parent_id IS NULL
         AND expires_on >= $2 AND expires_on <= $3{scope}
         ORDER BY expires_on, name, id LIMIT {CALENDAR_MAX}"
    );
    crate::db::fetch_all_with::<ProductRow>(c.conn(), &q, &args)
        .await?
        .into_iter()
        .map(ProductView::from_row)
        .collect()
}
