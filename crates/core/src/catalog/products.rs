//! Products: what an organisation holds once an order is paid (CAT-2),
//! and the provisioning events that tell the provider's systems (CAT-3).
//!
//! - A paid order's items become products, active from the day of
//!   payment for their period; a suite's contents (its `includes`) become
//!   products inside it (SUI-3); premium support gets its VIP code (CAT-5).
//! - A product bought with a method the gateway stored (card, Twint) has
//!   auto-renewal switched on with that method (REN-1); without a stored
//!   method there is nothing to renew with, so it stays off.
//! - Every change writes an event to the outbox in the same transaction:
//!   `product.<change>` with the product as it now is, the event's number
//!   in the product's sequence (1, 2, 3…), delivered to each receiver in
//!   that order (docs/webhooks.md).
//! - Restricted members see the products their rights open (a right on the
//!   product or on its kind, ORG-2); others' are 404 to them.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::{
    ProductKind,
    store::{self, ItemRow, OrderRow, ProductFilter, ProductRow},
};
use crate::{
    Ctx,
    access::Actor,
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    ids::{OrgId, ProductId},
    orgs::{self, Paged, Window},
    outbox::{self, EventPayload, Sequence},
};

/// A product as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProductView {
    pub id: ProductId,
    pub org_id: OrgId,
    pub kind: ProductKind,
    pub plan_id: String,
    /// The plan's name, or a domain's name in Unicode.
    pub name: String,
    /// `pending`, `active`, `suspended`, `expired`, `cancelled` or
    /// `deleted`.
    pub status: String,
    /// A domain's name in ASCII (punycode).
    pub domain_ascii: Option<String>,
    /// The period it renews for, in months.
    pub months: i32,
    /// Units (mailboxes, users, devices).
    pub quantity: i32,
    pub storage_gb: Option<i32>,
    /// Business dates (the provider's time zone): from, and the last day.
    #[schema(value_type = Option<String>, format = Date)]
    pub starts_on: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<String>,
    /// Where renewal invoices go (ORG-7); the default address when unset.
    pub billing_address_id: Option<String>,
    pub auto_renew: bool,
    pub renewal_warranty: bool,
    /// The stored method auto-renewal charges.
    pub payment_method_id: Option<String>,
    /// The suite it is part of (SUI-3).
    pub parent_id: Option<String>,
    /// Premium support's code for the technical referent (CAT-5).
    pub vip_code: Option<String>,
    /// The order that made it.
    pub order_id: Option<String>,
    /// The number of its last provisioning event.
    pub event_seq: i64,
    pub created_at: i64,
}

impl ProductView {
    pub fn from_row(r: ProductRow) -> Result<ProductView> {
        Ok(ProductView {
            kind: ProductKind::parse(&r.kind)
                .ok_or_else(|| Error::Internal(format!("product kind {}", r.kind)))?,
            id: r.id,
            org_id: r.org_id,
            plan_id: r.plan_id,
            name: r.name,
            status: r.status,
            domain_ascii: r.domain_ascii,
            months: r.period_months,
            quantity: r.quantity,
            storage_gb: r.storage_gb,
            starts_on: r.starts_on,
            expires_on: r.expires_on,
            billing_address_id: r.billing_address_id,
            auto_renew: r.auto_renew,
            renewal_warranty: r.renewal_warranty,
            payment_method_id: r.payment_method_id,
            parent_id: r.parent_id,
            vip_code: r.vip_code,
            order_id: r.order_id,
            event_seq: r.event_seq,
            created_at: r.created_at / 1000,
        })
    }
}

/// Methods whose stored token renews a product (REN-1).
fn renews_with(method: &str) -> bool {
    matches!(method, "card" | "twint")
}

/// A VIP code: `VIP-` and eight characters that cannot be misread on the
/// phone (no 0/O, 1/I/L).
fn vip_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rngs::OsRng;
    let code: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("VIP-{}-{}", &code[..4], &code[4..])
}

/// Make the products of a paid order, in the caller's transaction: one
/// per item (the unique order line makes a second call a no-op), a
/// suite's contents inside it, each announced by `product.created`.
pub(crate) async fn make_for_order(
    mut c: Conn<'_>,
    ctx: &Ctx,
    order: &OrderRow,
    items: &[ItemRow],
    method: Option<(String, Option<String>)>,
) -> Result<()> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let today = ctx.today();
    let lang = {
        let org = orgs::org_for_billing(c.reborrow(), order.org_id.as_str()).await?;
        org.and_then(|o| Lang::parse(&o.language))
            .unwrap_or_default()
    };
    let stored = method
        .filter(|(m, _)| renews_with(m))
        .and_then(|(_, pm)| pm);
    for item in items {
        let kind = ProductKind::parse(&item.kind)
            .ok_or_else(|| Error::Internal(format!("order item kind {}", item.kind)))?;
        let expires = today
            .checked_add(jiff::Span::new().months(i64::from(item.period_months)))
            .and_then(|d| d.checked_sub(jiff::Span::new().days(1)))
            .map_err(|e| Error::Internal(format!("expiry: {e}")))?;
        let row = ProductRow {
            id: ProductId::new(now),
            org_id: order.org_id.clone(),
            kind: item.kind.clone(),
            name: item
                .domain_name
                .clone()
                .unwrap_or_else(|| item.name.clone()),
            plan_id: item.plan_id.clone(),
            status: "active".into(),
            order_id: Some(order.id.to_string()),
            order_line: Some(item.line),
            parent_id: None,
            period_months: item.period_months,
            quantity: item.quantity,
            storage_gb: item.storage_gb,
            domain_ascii: item.domain_ascii.clone(),
            currency: Some(order.currency.clone()),
            starts_on: Some(today.to_string()),
            expires_on: Some(expires.to_string()),
            billing_address_id: order.billing_address_id.clone(),
            auto_renew: stored.is_some(),
            renewal_warranty: false,
            payment_method_id: stored.clone(),
            vip_code: (kind == ProductKind::PremiumSupport).then(vip_code),
            event_seq: 1,
            created_at: now_ms,
            updated_at: now_ms,
        };
        if !store::insert_product(c.reborrow(), &row).await? {
            continue;
        }
        announce(c.reborrow(), ctx, &row, "product.created").await?;
        if kind == ProductKind::Suite {
            let contents = ctx
                .catalog
                .current()
                .plan(&item.plan_id)
                .map(|p| p.includes.clone())
                .unwrap_or_default();
            for inner in contents {
                let child = ProductRow {
                    id: ProductId::new(now),
                    kind: inner.as_str().into(),
                    name: format!(
                        "{} · {}",
                        row.name,
                        ctx.i18n.t(
                            lang,
                            &format!("product-kind-{}", inner.as_str().replace('_', "-"))
                        )
                    ),
                    order_id: None,
                    order_line: None,
                    parent_id: Some(row.id.to_string()),
                    vip_code: None,
                    domain_ascii: None,
                    auto_renew: false,
                    payment_method_id: None,
                    ..row.clone()
                };
                store::insert_product(c.reborrow(), &child).await?;
                announce(c.reborrow(), ctx, &child, "product.created").await?;
            }
        }
    }
    Ok(())
}

/// Write `product.<change>` for `row` (as it now is, with its event number
/// `row.event_seq`) to every receiver of its kind, in its sequence.
pub(crate) async fn announce(
    c: Conn<'_>,
    ctx: &Ctx,
    row: &ProductRow,
    event_type: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    let product = ProductView::from_row(row.clone())?;
    let event = EventPayload {
        id: crate::ids::new_id(crate::ids::Kind::Event, now),
        event_type: event_type.to_owned(),
        created_at: now.as_second(),
        data: serde_json::json!({
            "sequence": row.event_seq,
            "product": product,
        }),
    };
    let key = format!("product:{}", row.id);
    outbox::enqueue_event_in_sequence(
        c,
        ctx,
        &event,
        Sequence {
            key: &key,
            no: row.event_seq,
            kind: &row.kind,
        },
    )
    .await
}

/// Record that product `product_id` of `org_id` changed (`event_type`:
/// `product.renewed`, `product.suspended`…): its next event number is
/// taken and the event written, in the caller's transaction. The
/// renewals and lifecycle issues call it with each change they make.
pub async fn record_change(
    mut c: Conn<'_>,
    ctx: &Ctx,
    org_id: &OrgId,
    product_id: &ProductId,
    event_type: &str,
) -> Result<()> {
    let now_ms = ctx.clock.now().as_millisecond();
    store::next_event_seq(c.reborrow(), product_id, now_ms).await?;
    let row = store::product(c.reborrow(), org_id, product_id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    announce(c, ctx, &row, event_type).await
}

/// The products the given orders made, for their views (one query).
pub(crate) async fn of_orders(c: Conn<'_>, order_ids: &[String]) -> Result<Vec<ProductView>> {
    store::products_of_orders(c, order_ids)
        .await?
        .into_iter()
        .map(ProductView::from_row)
        .collect()
}

/// What a product list may be narrowed to.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ProductQuery {
    /// A product kind (`domain`, `web_hosting`…).
    pub kind: Option<String>,
    /// A status (`active`, `expired`…).
    pub status: Option<String>,
}

/// A page of the products the actor sees in the organisation (ORG-2),
/// soonest expiry first.
pub async fn list_products(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    query: &ProductQuery,
    window: Window,
) -> Result<Paged<ProductView>> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    if let Some(kind) = &query.kind
        && ProductKind::parse(kind).is_none()
    {
        return Err(Error::invalid(
            "kind",
            "invalid_value",
            "No such product kind.",
        ));
    }
    const STATUSES: [&str; 5] = ["pending", "active", "suspended", "expired", "cancelled"];
    if let Some(status) = &query.status
        && !STATUSES.contains(&status.as_str())
    {
        return Err(Error::invalid(
            "status",
            "invalid_value",
            format!("One of {}.", STATUSES.join(", ")),
        ));
    }
    let filter = ProductFilter {
        kind: query.kind.clone(),
        status: query.status.clone(),
        open,
    };
    let (rows, total) =
        store::products(c.conn(), org_id, &filter, window.offset, window.limit).await?;
    Ok(Paged {
        items: rows
            .into_iter()
            .map(ProductView::from_row)
            .collect::<Result<_>>()?,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// One product the actor sees (404 otherwise, as for another
/// organisation's).
pub async fn get_product(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
) -> Result<ProductView> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    let row = store::product(c.conn(), org_id, product_id.as_str())
        .await?
        .filter(|r| r.status != "deleted" && visible(open.as_ref(), r))
        .ok_or(Error::NotFound)?;
    ProductView::from_row(row)
}

/// Does a member whose rights open `open` (`None`: an owner, all) see
/// this product (ORG-2)?
pub(crate) fn visible(open: Option<&(Vec<String>, Vec<String>)>, row: &ProductRow) -> bool {
    open.is_none_or(|(ids, kinds)| {
        ids.iter().any(|i| i == row.id.as_str()) || kinds.contains(&row.kind)
    })
}
