//! What a member changes on products they manage (issue 13): renewal
//! settings, one or many at once, and moving a product to another
//! organisation of the same owner.
//!
//! - Who: owners, or members with a right on the product or its kind
//!   (ORG-2). A product the member does not see is 404, as another
//!   organisation's is.
//! - Renewal settings: auto-renewal (REN-1) needs a stored card or Twint
//!   of the organisation to renew with; renewal warranty (REN-4) only
//!   where the plan allows it (never a NAS device); the billing address
//!   renewals go to (ORG-7) is one of the organisation's. The products
//!   inside a suite renew with it and have no settings of their own
//!   (SUI-3). These settings change no service, so they write no
//!   provisioning event; they are audited.
//! - Many at once: the same change to up to [`BULK_MAX`] products, all or
//!   none; each refusal names the product's place in the list.
//! - Moving: to another organisation in which the actor is an owner too;
//!   never a suite (SUI-2) nor a product inside one (SUI-3). The renewal
//!   address and stored method were the old organisation's: they are
//!   dropped and auto-renewal is off until the new owner sets it. The
//!   move is a provisioning event (`product.moved`).

use serde::Deserialize;
use serde_json::json;

use super::{
    ProductKind,
    products::{self, ProductView},
    store::{self, ProductRow},
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, FieldError, Result},
    ids::{OrgId, ProductId},
    orgs::{self, Membership},
};

/// At most this many products in one bulk change.
pub const BULK_MAX: usize = 100;

/// A change of renewal settings; what is left out stays.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductChange {
    /// Renew automatically with the stored method (REN-1).
    #[serde(default)]
    pub auto_renew: Option<bool>,
    /// Renewal warranty (REN-4), where the plan allows it.
    #[serde(default)]
    pub renewal_warranty: Option<bool>,
    /// Where renewal invoices go (ORG-7): one of the organisation's
    /// billing addresses.
    #[serde(default)]
    pub billing_address_id: Option<String>,
    /// The stored card or Twint auto-renewal charges: one of the
    /// organisation's payment methods.
    #[serde(default)]
    pub payment_method_id: Option<String>,
}

impl ProductChange {
    fn is_empty(&self) -> bool {
        self.auto_renew.is_none()
            && self.renewal_warranty.is_none()
            && self.billing_address_id.is_none()
            && self.payment_method_id.is_none()
    }
}

/// The same change to many products (the fields of [`ProductChange`],
/// written out: serde refuses unknown keys only without `flatten`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkProductChange {
    /// 1 to 100 products of the organisation.
    pub product_ids: Vec<String>,
    #[serde(default)]
    pub auto_renew: Option<bool>,
    #[serde(default)]
    pub renewal_warranty: Option<bool>,
    #[serde(default)]
    pub billing_address_id: Option<String>,
    #[serde(default)]
    pub payment_method_id: Option<String>,
}

impl BulkProductChange {
    pub fn change(&self) -> ProductChange {
        ProductChange {
            auto_renew: self.auto_renew,
            renewal_warranty: self.renewal_warranty,
            billing_address_id: self.billing_address_id.clone(),
            payment_method_id: self.payment_method_id.clone(),
        }
    }
}

/// Where to move a product.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveInput {
    /// An organisation in which the actor is an owner too.
    pub to_org_id: String,
}

/// The product if the actor manages it: unseen is 404, seen but not
/// manageable (a token without `orgs:write`) is 403.
pub(crate) fn check_manage(actor: &Actor, m: &Membership, row: &ProductRow) -> Result<()> {
    if !m.role.is_admin() && !m.rights.can_access_product(row.id.as_str(), &row.kind) {
        return Err(Error::NotFound);
    }
    access::check(
        actor,
        Action::ManageProduct,
        Target::Product {
            membership: m,
            product_id: row.id.as_str(),
            kind: &row.kind,
        },
    )
}

/// Change one product's renewal settings.
pub async fn update_product(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
    change: &ProductChange,
) -> Result<ProductView> {
    let ids = [product_id.to_string()];
    let mut views = apply(ctx, actor, org_id, &ids, change, None).await?;
    views.pop().ok_or(Error::NotFound)
}

/// The same change to many products, all or none.
pub async fn update_products(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: &BulkProductChange,
) -> Result<Vec<ProductView>> {
    apply(
        ctx,
        actor,
        org_id,
        &input.product_ids,
        &input.change(),
        Some("product_ids"),
    )
    .await
}

/// Apply `change` to the products `ids` in one transaction. `list` names
/// the field of a bulk change, so that each refusal says which product;
/// a single change answers 404 or the setting's own error.
async fn apply(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    ids: &[String],
    change: &ProductChange,
    list: Option<&str>,
) -> Result<Vec<ProductView>> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // A stranger learns nothing, not even that the list is wrong.
    let m = orgs::membership(tx.conn(), org_id, &actor.user_id).await?;
    if list.is_some() && (ids.is_empty() || ids.len() > BULK_MAX) {
        return Err(Error::invalid(
            "product_ids",
            "out_of_range",
            format!("Name 1 to {BULK_MAX} products."),
        ));
    }
    if change.is_empty() {
        return Err(Error::invalid(
            "auto_renew",
            "required",
            "Change at least one of auto_renew, renewal_warranty, billing_address_id, payment_method_id.",
        ));
    }
    // Each named once, in the order given.
    let mut unique: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(id.clone());
        }
    }
    let mut rows = store::products_by_ids(tx.conn(), org_id, &unique).await?;
    rows.retain(|r| r.status != "deleted");
    let mut errors = Vec::new();
    let field = |i: usize, name: &str| match list {
        Some(l) => format!("{l}[{i}]"),
        None => name.to_owned(),
    };
    // The address and method are the organisation's: checked once.
    if let Some(address) = &change.billing_address_id
        && orgs::store::address(tx.conn(), org_id.as_str(), address)
            .await?
            .is_none()
    {
        errors.push(FieldError::new(
            "billing_address_id",
            "unknown_address",
            "No such billing address in this organisation.",
        ));
    }
    if let Some(method) = &change.payment_method_id {
        match crate::payments::store::org_method(tx.conn(), org_id.as_str(), method).await? {
            Some(m) if matches!(m.method.as_str(), "card" | "twint") => {}
            Some(_) => errors.push(FieldError::new(
                "payment_method_id",
                "method_not_renewable",
                "Automatic renewal charges a stored card or Twint only.",
            )),
            None => errors.push(FieldError::new(
                "payment_method_id",
                "unknown_payment_method",
                "No such stored payment method in this organisation.",
            )),
        }
    }
    let catalogue = ctx.catalog.current();
    let mut changed = Vec::with_capacity(unique.len());
    for (i, id) in unique.iter().enumerate() {
        let Some(pos) = rows.iter().position(|r| r.id.as_str() == id) else {
            match list {
                Some(_) => {
                    errors.push(FieldError::new(
                        field(i, ""),
                        "not_found",
                        "No such product.",
                    ));
                    continue;
                }
                None => return Err(Error::NotFound),
            }
        };
        let row = rows.swap_remove(pos);
        match check_manage(actor, &m, &row) {
            Ok(()) => {}
            Err(Error::NotFound) if list.is_some() => {
                errors.push(FieldError::new(
                    field(i, ""),
                    "not_found",
                    "No such product.",
                ));
                continue;
            }
            Err(e) => return Err(e),
        }
        let refusal = if row.parent_id.is_some() {
            Some((
                "inside_suite",
                "This product is part of a suite and renews with it (SUI-3).",
            ))
        } else if row.status == "cancelled" {
            Some((
                "product_closed",
                "This product is cancelled; nothing about its renewal can change.",
            ))
        } else {
            None
        };
        if let Some((code, why)) = refusal {
            match list {
                Some(_) => errors.push(FieldError::new(field(i, ""), code, why)),
                None => return Err(Error::conflict(code, why)),
            }
            continue;
        }
        let mut next = row.clone();
        if let Some(address) = &change.billing_address_id {
            next.billing_address_id = Some(address.clone());
        }
        if let Some(method) = &change.payment_method_id {
            next.payment_method_id = Some(method.clone());
        }
        if let Some(on) = change.renewal_warranty {
            // REN-4: the plan as sold now says whether it may be on.
            let allowed = catalogue
                .plan(&row.plan_id)
                .is_some_and(|p| p.renewal_warranty && p.kind != ProductKind::Nas);
            if on && !allowed {
                errors.push(FieldError::new(
                    field(i, "renewal_warranty"),
                    "warranty_not_allowed",
                    "This product's plan has no renewal warranty.",
                ));
                continue;
            }
            next.renewal_warranty = on;
        }
        if let Some(on) = change.auto_renew {
            if on && next.payment_method_id.is_none() {
                errors.push(FieldError::new(
                    field(i, "auto_renew"),
                    "payment_method_required",
                    "Automatic renewal needs a stored card or Twint: name one in payment_method_id.",
                ));
                continue;
            }
            next.auto_renew = on;
        }
        changed.push((row, next));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let mut out = Vec::with_capacity(changed.len());
    for (before, after) in changed {
        store::set_renewal(tx.conn(), &after, now).await?;
        audit::record(
            tx.conn(),
            ctx,
            actor,
            Change {
                org_id,
                action: AuditAction::ProductUpdated,
                target: &format!("product:{}", after.id),
                before: Some(renewal_json(&before)),
                after: Some(renewal_json(&after)),
            },
        )
        .await?;
        out.push(ProductView::from_row(after)?);
    }
    tx.commit().await?;
    Ok(out)
}

fn renewal_json(r: &ProductRow) -> serde_json::Value {
    json!({
        "auto_renew": r.auto_renew,
        "renewal_warranty": r.renewal_warranty,
        "billing_address_id": r.billing_address_id,
        "payment_method_id": r.payment_method_id,
    })
}

/// Move a product to another organisation of the same owner.
pub async fn move_product(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
    input: &MoveInput,
) -> Result<ProductView> {
    let now = ctx.clock.now().as_millisecond();
    let not_yours = || {
        Error::invalid(
            "to_org_id",
            "unknown_org",
            "Move to another organisation of which you are an owner, as you are of this one.",
        )
    };
    let to = OrgId::parse(input.to_org_id.trim()).ok_or_else(not_yours)?;
    let mut tx = ctx.db.begin().await?;
    let (m, row) = locked_for_change(tx.conn(), ctx, actor, org_id, product_id).await?;
    if row.kind == ProductKind::Suite.as_str() {
        return Err(Error::conflict(
            "suite_not_movable",
            "A suite stays in the organisation that ordered it (SUI-2).",
        ));
    }
    if row.parent_id.is_some() {
        return Err(Error::conflict(
            "inside_suite",
            "This product is part of a suite and moves only with it, which never moves (SUI-3).",
        ));
    }
    if row.status == "cancelled" {
        return Err(Error::conflict(
            "product_closed",
            "A cancelled product is not moved.",
        ));
    }
    // "Of the same owner": the actor owns both. Another organisation of
    // theirs where they are not an owner, or a stranger's, is refused on
    // the field, never told apart.
    let owner_here = m.role.is_admin();
    let owner_there = to != *org_id
        && orgs::membership(tx.conn(), &to, &actor.user_id)
            .await
            .is_ok_and(|t| t.role.is_admin());
    if !owner_here || !owner_there {
        return Err(not_yours());
    }
    if !store::move_product(tx.conn(), &row.id, org_id, &to, now).await? {
        return Err(Error::NotFound);
    }
    let moved = store::product(tx.conn(), &to, product_id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    products::announce(tx.conn(), ctx, &moved, "product.moved").await?;
    for (org, before, after) in [
        (
            org_id,
            Some(json!({"org_id": org_id})),
            Some(json!({"org_id": to})),
        ),
        (
            &to,
            Some(json!({"org_id": org_id})),
            Some(json!({"org_id": to})),
        ),
    ] {
        audit::record(
            tx.conn(),
            ctx,
            actor,
            Change {
                org_id: org,
                action: AuditAction::ProductMoved,
                target: &format!("product:{}", row.id),
                before,
                after,
            },
        )
        .await?;
    }
    tx.commit().await?;
    ProductView::from_row(moved)
}

/// Hold `product_id` of `org_id` for a change in the caller's
/// transaction and read it, checked manageable by `actor`.
pub(crate) async fn locked_for_change(
    mut c: Conn<'_>,
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
) -> Result<(Membership, ProductRow)> {
    let now = ctx.clock.now().as_millisecond();
    let m = orgs::membership(c.reborrow(), org_id, &actor.user_id).await?;
    if !store::lock_product(c.reborrow(), org_id, product_id.as_str(), now).await? {
        return Err(Error::NotFound);
    }
    let row = store::product(c, org_id, product_id.as_str())
        .await?
        .filter(|r| r.status != "deleted")
        .ok_or(Error::NotFound)?;
    check_manage(actor, &m, &row)?;
    Ok((m, row))
}

/// May `actor` change product `product_id` (its settings, moving it, a
/// suite's upgrade and seats)? For pages deciding which forms to show;
/// every change checks again.
pub async fn manageable(ctx: &Ctx, actor: &Actor, product_id: &ProductId) -> Result<bool> {
    match orgs::check_product_access(ctx, actor, product_id.as_str()).await {
        Ok(()) => Ok(true),
        Err(Error::NotFound | Error::Forbidden { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}
