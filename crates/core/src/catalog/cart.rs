//! The console's cart (CAT-2, issue 13): the items a member is about to
//! order for an organisation, kept per organisation and member in the
//! database so that a reload or another device finds them.
//!
//! - Only members who may order (the pay right, as `orders::place`) have
//!   a cart. A line is checked against the running catalogue when it is
//!   added or changed, with the order's own checks; it keeps what was
//!   chosen, never a price: the cart is priced when shown (`quote`) and
//!   when ordered, from the catalogue running then.
//! - At most [`LINES_MAX`] lines, an order's limit, kept by the insert
//!   itself so that two tabs adding at once cannot pass it.
//! - [`checkout`] places the order from the lines the customer saw and
//!   then removes exactly those: a line added meanwhile on another device
//!   stays, and a form sent twice (the same idempotency key) answers the
//!   first order.
//!
//! The cart is the member's scratch pad, not the organisation's data:
//! its changes are not in the audit log; the order is.

use serde::Serialize;

use super::orders::{self, ItemInput, OrderView};
use crate::{
    Ctx,
    access::{Action, Actor},
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::Idempotency,
    ids::{CartLineId, OrgId},
    money::Currency,
    orgs, sql,
};

/// At most this many lines: what one order takes.
pub const LINES_MAX: usize = orders::ITEMS_MAX;

/// A line of the cart: an order item as chosen.
#[derive(Debug, Clone, Serialize)]
pub struct CartLine {
    pub id: CartLineId,
    pub plan_id: String,
    pub months: u32,
    pub quantity: Option<u32>,
    pub storage_gb: Option<u32>,
    pub domain: Option<String>,
}

impl CartLine {
    /// The line as `orders::place` takes it.
    pub fn item(&self) -> ItemInput {
        ItemInput {
            plan_id: self.plan_id.clone(),
            months: self.months,
            quantity: self.quantity,
            storage_gb: self.storage_gb,
            domain: self.domain.clone(),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct LineRow {
    id: CartLineId,
    plan_id: String,
    period_months: i32,
    quantity: Option<i32>,
    storage_gb: Option<i32>,
    domain_name: Option<String>,
}

impl LineRow {
    fn line(self) -> CartLine {
        let unsigned = |n: i32| u32::try_from(n).unwrap_or(0);
        CartLine {
            id: self.id,
            plan_id: self.plan_id,
            months: unsigned(self.period_months),
            quantity: self.quantity.map(unsigned),
            storage_gb: self.storage_gb.map(unsigned),
            domain: self.domain_name,
        }
    }
}

/// The member's cart for `org_id`, oldest line first.
pub async fn lines(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<Vec<CartLine>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::PayBilling).await?;
    read_lines(c.conn(), actor, org_id).await
}

async fn read_lines(c: Conn<'_>, actor: &Actor, org_id: &OrgId) -> Result<Vec<CartLine>> {
    Ok(sql!(
        c,
        fetch_all as LineRow,
        "SELECT id, plan_id, period_months, quantity, storage_gb, domain_name FROM cart_lines
         WHERE org_id = $1 AND user_id = $2 ORDER BY id",
        org_id,
        &actor.user_id
    )?
    .into_iter()
    .map(LineRow::line)
    .collect())
}

/// How many lines the member's cart holds (the navigation's indicator).
pub async fn count(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<u64> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::PayBilling).await?;
    let n = sql!(c.conn(), fetch_one scalar i64,
        "SELECT COUNT(*) FROM cart_lines WHERE org_id = $1 AND user_id = $2",
        org_id, &actor.user_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Check one item as ordering would (the plan, its period, quantity,
/// storage, a domain's name), its mistakes named by field (`months`,
/// `domain`…).
fn check_item(ctx: &Ctx, org: &orgs::store::OrgRow, item: &ItemInput) -> Result<()> {
    let currency = Currency::parse(&org.currency).ok_or(Error::NotFound)?;
    let lang = Lang::parse(&org.language).unwrap_or_default();
    let catalogue = ctx.catalog.current();
    match orders::price_items(ctx, &catalogue, std::slice::from_ref(item), currency, lang) {
        Ok(_) => Ok(()),
        Err(Error::Validation(fields)) => Err(Error::Validation(
            fields
                .into_iter()
                .map(|f| FieldError {
                    attribute: f
                        .attribute
                        .strip_prefix("items[0].")
                        .map(str::to_owned)
                        .unwrap_or(f.attribute),
                    ..f
                })
                .collect(),
        )),
        Err(e) => Err(e),
    }
}

fn to_i32(n: Option<u32>) -> Option<i32> {
    n.and_then(|n| i32::try_from(n).ok())
}

/// Add an item to the member's cart, checked first.
pub async fn add(ctx: &Ctx, actor: &Actor, org_id: &OrgId, item: &ItemInput) -> Result<CartLine> {
    let mut item = item.clone();
    item.plan_id = item.plan_id.trim().to_owned();
    item.domain = item
        .domain
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    let mut tx = ctx.db.begin().await?;
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    let org = orgs::org_for_billing(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    check_item(ctx, &org, &item)?;
    let now = ctx.clock.now();
    let id = CartLineId::new(now);
    let limit = i64::try_from(LINES_MAX).unwrap_or(50);
    // The bound in the insert itself: two tabs adding at once queue on
    // the write and the second sees the first.
    let inserted = sql!(tx.conn(), execute,
        "INSERT INTO cart_lines (id, org_id, user_id, plan_id, period_months, quantity, storage_gb, domain_name, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE (SELECT COUNT(*) FROM cart_lines WHERE org_id = $2 AND user_id = $3) < $10",
        &id, org_id, &actor.user_id, &item.plan_id, i32::try_from(item.months).unwrap_or(0),
        to_i32(item.quantity), to_i32(item.storage_gb), &item.domain, now.as_millisecond(), limit)?;
    if inserted != 1 {
        return Err(Error::Conflict {
            code: "cart_full",
            description: format!("A cart holds at most {LINES_MAX} items; order these first."),
        });
    }
    tx.commit().await?;
    Ok(CartLine {
        id,
        plan_id: item.plan_id,
        months: item.months,
        quantity: item.quantity,
        storage_gb: item.storage_gb,
        domain: item.domain,
    })
}

/// Change a line's quantity (units of a plan sold per unit), checked
/// against the plan's rule.
pub async fn set_quantity(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    line_id: &CartLineId,
    quantity: u32,
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    let org = orgs::org_for_billing(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let line = read_lines(tx.conn(), actor, org_id)
        .await?
        .into_iter()
        .find(|l| &l.id == line_id)
        .ok_or(Error::NotFound)?;
    let mut item = line.item();
    item.quantity = Some(quantity);
    check_item(ctx, &org, &item)?;
    sql!(
        tx.conn(),
        execute,
        "UPDATE cart_lines SET quantity = $1 WHERE id = $2 AND org_id = $3 AND user_id = $4",
        to_i32(Some(quantity)),
        line_id,
        org_id,
        &actor.user_id
    )?;
    tx.commit().await?;
    Ok(())
}

/// Remove a line. Removing one already gone is no error (a second click).
pub async fn remove(ctx: &Ctx, actor: &Actor, org_id: &OrgId, line_id: &CartLineId) -> Result<()> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::PayBilling).await?;
    sql!(
        c.conn(),
        execute,
        "DELETE FROM cart_lines WHERE id = $1 AND org_id = $2 AND user_id = $3",
        line_id,
        org_id,
        &actor.user_id
    )?;
    Ok(())
}

/// Empty the member's cart.
pub async fn clear(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<()> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::PayBilling).await?;
    sql!(
        c.conn(),
        execute,
        "DELETE FROM cart_lines WHERE org_id = $1 AND user_id = $2",
        org_id,
        &actor.user_id
    )?;
    Ok(())
}

/// CAT-2: order the cart's lines `line_ids` (those the customer saw and
/// confirmed), the invoice to `billing_address_id` (the default when
/// `None`), then remove those lines. The payment is the caller's next
/// step, as for any invoice.
///
/// - Some of the lines gone meanwhile (removed on another device):
///   refused (`cart_changed`), nothing ordered, so nobody pays for a cart
///   they did not see.
/// - None left: either this form was sent already — `idem` answers the
///   first order — or the cart is empty (`cart_empty`).
pub async fn checkout(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    line_ids: &[CartLineId],
    billing_address_id: Option<String>,
    idem: Option<&Idempotency>,
) -> Result<OrderView> {
    let lines: Vec<CartLine> = lines(ctx, actor, org_id)
        .await?
        .into_iter()
        .filter(|l| line_ids.contains(&l.id))
        .collect();
    if !lines.is_empty() && lines.len() != line_ids.len() {
        return Err(Error::Conflict {
            code: "cart_changed",
            description: "The cart changed since it was shown; check it and order again.".into(),
        });
    }
    let input = orders::OrderInput {
        items: lines.iter().map(CartLine::item).collect(),
        billing_address_id,
        payment: None,
    };
    let placed = match orders::place(ctx, actor, org_id, &input, idem).await {
        Err(Error::Validation(f))
            if lines.is_empty() && f.iter().any(|f| f.attribute == "items") =>
        {
            return Err(Error::Conflict {
                code: "cart_empty",
                description: "The cart is empty.".into(),
            });
        }
        other => other?,
    };
    if !line_ids.is_empty() {
        // One statement for the lines ordered (at most an order's worth).
        let q = format!(
            "DELETE FROM cart_lines WHERE org_id = $1 AND user_id = $2 AND id IN ({}) RETURNING id",
            crate::db::placeholders(3, line_ids.len())
        );
        let mut args = vec![org_id.to_string(), actor.user_id.to_string()];
        args.extend(line_ids.iter().map(ToString::to_string));
        let mut c = ctx.db.acquire().await?;
        crate::db::fetch_all_with::<(String,)>(c.conn(), &q, &args).await?;
    }
    Ok(placed.order)
}
