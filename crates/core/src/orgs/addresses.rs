//! Billing addresses (ORG-7), structured as the Swiss QR-bill requires.

use crate::ids::{BillingAddressId, OrgId};
use serde::Serialize;
use serde_json::json;

use super::{
    Paged, Window,
    address::{Address, AddressInput},
    standing::allowed,
    store,
};
use crate::{
    Ctx,
    access::{Action, Actor},
    audit::{self, AuditAction, Change},
    error::{Error, Result},
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AddressView {
    #[schema(value_type = String)]
    pub id: BillingAddressId,
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub is_default: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

fn address_view(a: store::AddressRow) -> AddressView {
    AddressView {
        id: a.id,
        name: a.name,
        street: a.street,
        building_number: a.building_number,
        postcode: a.postcode,
        town: a.town,
        country: a.country,
        is_default: a.is_default,
        created_at: a.created_at / 1000,
        updated_at: a.updated_at / 1000,
    }
}

fn address_json(a: &store::AddressRow) -> serde_json::Value {
    json!({"name": a.name, "street": a.street, "building_number": a.building_number, "postcode": a.postcode, "town": a.town, "country": a.country, "is_default": a.is_default})
}

pub async fn list_addresses(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<Vec<AddressView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewBilling).await?;
    Ok(store::addresses(c.conn(), org_id)
        .await?
        .into_iter()
        .map(address_view)
        .collect())
}

/// ORG-7: one page of the addresses, the default first, paged in SQL.
pub async fn list_addresses_page(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<AddressView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let rows = store::addresses_window(c.conn(), org_id, window.offset, window.limit).await?;
    Ok(Paged {
        items: rows.into_iter().map(address_view).collect(),
        total: store::count_addresses(c.conn(), org_id).await?,
    })
}

/// ORG-7: make an address the default, the previous default stopping
/// being one: one conditional update in one transaction, so two requests
/// at once leave exactly one default (the later one's), and an address
/// deleted meanwhile is answered 404 without touching the others.
pub async fn make_default_address(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &BillingAddressId,
) -> Result<AddressView> {
    let mut tx = ctx.db.begin().await?;
    // Queued with the other address changes of the org (exactly one
    // default), and decided under that lock.
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::ManageBillingAddresses).await?;
    let ms = ctx.clock.now().as_millisecond();
    let before = store::address(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    if before.is_default {
        tx.commit().await?;
        return Ok(address_view(before));
    }
    if store::make_default_address(tx.conn(), org_id, id, ms).await? == 0 {
        return Err(Error::NotFound);
    }
    let after = store::address(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::AddressUpdated,
            target: &format!("address:{id}"),
            before: Some(address_json(&before)),
            after: Some(address_json(&after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(address_view(after))
}

/// ORG-7: add (`id` None) or change an address. The first one is the
/// default; making another the default unsets the previous one.
pub async fn save_address(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: Option<&BillingAddressId>,
    input: &AddressInput,
    make_default: bool,
) -> Result<AddressView> {
    let mut tx = ctx.db.begin().await?;
    // Exactly one default: concurrent saves queue here, and are decided
    // under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::ManageBillingAddresses).await?;
    let a = Address::parse(input)?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let existing = store::addresses(tx.conn(), org_id).await?;
    let before = match id {
        Some(id) => Some(
            existing
                .iter()
                .find(|x| x.id == *id)
                .cloned()
                .ok_or(Error::NotFound)?,
        ),
        None => None,
    };
    let is_default =
        make_default || existing.is_empty() || before.as_ref().is_some_and(|b| b.is_default);
    if is_default {
        store::clear_default_address(tx.conn(), org_id).await?;
    }
    let row = store::AddressRow {
        id: before
            .as_ref()
            .map_or_else(|| BillingAddressId::new(now), |b| b.id.clone()),
        org_id: org_id.clone(),
        name: a.name,
        street: a.street,
        building_number: a.building_number,
        postcode: a.postcode,
        town: a.town,
        country: a.country,
        is_default,
        created_at: before.as_ref().map_or(ms, |b| b.created_at),
        updated_at: ms,
    };
    store::upsert_address(tx.conn(), &row).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: if before.is_some() {
                AuditAction::AddressUpdated
            } else {
                AuditAction::AddressCreated
            },
            target: &format!("address:{}", row.id),
            before: before.as_ref().map(address_json),
            after: Some(address_json(&row)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(address_view(row))
}

/// Remove an address. The default one goes only when it is the last: make
/// another the default first.
pub async fn delete_address(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &BillingAddressId,
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::ManageBillingAddresses).await?;
    let all = store::addresses(tx.conn(), org_id).await?;
    let a = all.iter().find(|x| x.id == *id).ok_or(Error::NotFound)?;
    if a.is_default && all.len() > 1 {
        return Err(Error::conflict(
            "default_address",
            "Make another address the default before removing this one.",
        ));
    }
    store::delete_address(tx.conn(), org_id, id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::AddressDeleted,
            target: &format!("address:{id}"),
            before: Some(address_json(a)),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}
