//! A product's renewal history for staff: every renewal of it (kind,
//! periods, invoice, charges, outcome) and every step its owners were
//! told of (notices, failed charges, expiry, suspension, deletion), so
//! that support can answer "why was I charged" or "why is my site down"
//! from one page.

use serde::Serialize;

use super::{manual::RenewalView, store};
use crate::{
    Ctx,
    catalog::products::ProductView,
    error::{Error, Result},
    ids::{OrgId, ProductId},
    staff::{StaffAction, StaffActor},
};

/// One step told to the owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NoticeView {
    /// The period's last day it was about.
    #[schema(value_type = String, format = Date)]
    pub expires_on: String,
    /// `notice-30`, `charge-failed-2`, `expired`, `suspended`,
    /// `deletion-notice`, `deleted`…
    pub step: String,
    #[schema(value_type = String, format = Date)]
    pub sent_on: String,
}

/// A product and its renewal history, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RenewalHistory {
    pub product: ProductView,
    pub renewals: Vec<RenewalView>,
    /// With each renewal, its invoice's number.
    pub invoice_numbers: Vec<Option<String>>,
    pub notices: Vec<NoticeView>,
}

/// The renewal history of product `product_id` of `org_id` (staff who may
/// see an organisation's billing details: billing, fraud, admin). Reading
/// it is recorded (`product.viewed`).
pub async fn product_history(
    ctx: &Ctx,
    actor: &StaffActor,
    org_id: &OrgId,
    product_id: &ProductId,
) -> Result<RenewalHistory> {
    crate::staff::check(actor, StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let product = crate::catalog::store::product(c.conn(), org_id, product_id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    let rows = store::of_product(c.conn(), product_id.as_str()).await?;
    let invoice_ids: Vec<&str> = rows.iter().map(|r| r.invoice_id.as_str()).collect();
    let invoices = crate::billing::store::invoices_by_id(c.conn(), &invoice_ids).await?;
    let invoice_numbers = rows
        .iter()
        .map(|r| {
            invoices
                .iter()
                .find(|i| i.id.as_str() == r.invoice_id)
                .and_then(|i| i.number.clone())
        })
        .collect();
    let notices = store::notices(c.conn(), product_id.as_str())
        .await?
        .into_iter()
        .map(|n| NoticeView {
            expires_on: n.expires_on,
            step: n.step,
            sent_on: n.sent_on,
        })
        .collect();
    drop(c);
    // Reading a customer's billing history is recorded, as an org's
    // summary is.
    crate::staff::audit_action(
        ctx,
        actor,
        "product.viewed",
        &format!("product:{product_id}"),
        Some(org_id),
        "renewal history",
    )
    .await?;
    Ok(RenewalHistory {
        product: ProductView::from_row(product)?,
        renewals: rows
            .into_iter()
            .map(RenewalView::from_row)
            .collect::<Result<_>>()?,
        invoice_numbers,
        notices,
    })
}
