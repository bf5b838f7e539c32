//! What the back office reads of an organisation's orders and products
//! (issue 13), and the VIP code lookup of premium support (CAT-5). Each
//! list is one query, whatever its length; the rights and the staff
//! audit log are the organisation summary's (`staff::org_summary`), which
//! calls these.

use serde::Serialize;

use crate::{
    db::Conn,
    error::Result,
    ids::{OrgId, ProductId},
    money::{Currency, Money},
    sql,
};

/// The summary shows at most this many orders (newest first) and this
/// many products (soonest expiry first).
pub const LISTED: i64 = 100;

/// An order as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StaffOrderView {
    #[schema(value_type = String)]
    pub id: String,
    /// Its invoice's number (an order is numbered by its invoice).
    pub number: Option<String>,
    /// `pending`, `paid` or `cancelled`.
    pub status: String,
    /// What its invoice asks in all.
    pub total: Money,
    /// Unix seconds.
    pub created_at: i64,
}

/// A product as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StaffProductView {
    #[schema(value_type = String)]
    pub id: ProductId,
    /// `domain`, `web_hosting`, `mail`, …
    pub kind: String,
    pub name: String,
    pub plan_id: String,
    /// `pending`, `active`, `suspended`, `expired`, `cancelled` or
    /// `deleted`.
    pub status: String,
    /// Its last day, `YYYY-MM-DD`.
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<String>,
    /// Premium support's code (CAT-5).
    pub vip_code: Option<String>,
    /// The suite it is part of (SUI-3).
    pub parent_id: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
struct OrderRow {
    id: String,
    number: Option<String>,
    status: String,
    currency: String,
    total_minor: i64,
    created_at: i64,
}

/// The organisation's latest orders with their invoices' numbers and
/// totals, newest first (one query).
pub async fn orders_of(c: Conn<'_>, org_id: &OrgId) -> Result<Vec<StaffOrderView>> {
    let rows: Vec<OrderRow> = sql!(
        c,
        fetch_all as OrderRow,
        "SELECT o.id, i.number, o.status, o.currency, i.total_minor, o.created_at
         FROM orders o JOIN invoices i ON i.id = o.invoice_id
         WHERE o.org_id = $1 ORDER BY o.id DESC LIMIT $2",
        org_id,
        LISTED
    )?;
    rows.into_iter()
        .map(|r| {
            let currency = Currency::parse(&r.currency).ok_or_else(|| {
                crate::Error::internal(format!("order {}: currency {}", r.id, r.currency))
            })?;
            Ok(StaffOrderView {
                id: r.id,
                number: r.number,
                status: r.status,
                total: Money::new(r.total_minor, currency),
                created_at: r.created_at / 1000,
            })
        })
        .collect()
}

#[derive(Debug, sqlx::FromRow)]
struct ProductRow {
    id: ProductId,
    kind: String,
    name: String,
    plan_id: String,
    status: String,
    expires_on: Option<String>,
    vip_code: Option<String>,
    parent_id: Option<String>,
}

/// The organisation's products, soonest expiry first (one query).
pub async fn products_of(c: Conn<'_>, org_id: &OrgId) -> Result<Vec<StaffProductView>> {
    let rows: Vec<ProductRow> = sql!(
        c,
        fetch_all as ProductRow,
        "SELECT id, kind, name, plan_id, status, expires_on, vip_code, parent_id
         FROM products WHERE org_id = $1
         ORDER BY expires_on IS NULL, expires_on, id LIMIT $2",
        org_id,
        LISTED
    )?;
    Ok(rows
        .into_iter()
        .map(|r| StaffProductView {
            id: r.id,
            kind: r.kind,
            name: r.name,
            plan_id: r.plan_id,
            status: r.status,
            expires_on: r.expires_on,
            vip_code: r.vip_code,
            parent_id: r.parent_id,
        })
        .collect())
}

/// A VIP code as a caller reads it out (`vip abcd 2345`, `VIP-ABCD-2345`)
/// in its stored form (`VIP-ABCD-2345`); None when it is not one.
pub fn vip_code_of(said: &str) -> Option<String> {
    let plain: String = said
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let rest = plain.strip_prefix("VIP")?;
    // Nothing but the characters a VIP code has ("VIP Hosting SA" is a name).
    let only_code = said
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ');
    (rest.len() == 8 && only_code).then(|| format!("VIP-{}-{}", &rest[..4], &rest[4..]))
}

/// The organisation holding the premium support of this VIP code (its
/// stored form, see [`vip_code_of`]), through the code's unique index.
pub async fn org_of_vip_code(c: Conn<'_>, code: &str) -> Result<Option<OrgId>> {
    Ok(sql!(c, fetch_optional scalar OrgId,
        "SELECT org_id FROM products WHERE vip_code = $1",
        code)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vip_code_is_read_however_it_is_said() {
        // proves: CAT-5
        for said in [
            "VIP-ABCD-2345",
            "vip-abcd-2345",
            " vip abcd 2345 ",
            "VIPABCD2345",
        ] {
            assert_eq!(
                vip_code_of(said.trim()).as_deref(),
                Some("VIP-ABCD-2345"),
                "{said}"
            );
        }
        for other in [
            "VIP Hosting SA",
            "vip-abc",
            "VIP-ABCD-23456",
            "vip.abcd.2345",
        ] {
            assert_eq!(vip_code_of(other), None, "{other}");
        }
    }
}
