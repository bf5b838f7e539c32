//! A price preview of a cart (CAT-2, issue 13): what placing these items
//! now would invoice, line by line, with the VAT per rate and the totals.
//!
//! It is the order's own pricing (`orders::price_items`: the same checks,
//! the same invoice lines) handed to the invoice's own arithmetic
//! (`billing::invoices::preview_in`: place of supply, lines split at rate
//! changes, VAT per rate, 5-Rappen rounding), so the cart shows exactly
//! what the invoice will say; nothing here computes VAT.

use serde::Serialize;

use super::{orders, store};
use crate::{
    Ctx,
    access::{Action, Actor},
    billing::invoices::{self, InvoiceInput, Preview},
    error::{Error, FieldError, Result},
    i18n::Lang,
    ids::OrgId,
    money::{Currency, Money},
    orgs,
};

/// One item of the cart, priced.
#[derive(Debug, Clone, Serialize)]
pub struct QuotedItem {
    /// As the invoice and the product will name it.
    pub name: String,
    /// The item's price for its period, before VAT.
    pub net: Money,
}

/// A cart priced: each item, and the invoice it would make.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub items: Vec<QuotedItem>,
    pub invoice: Preview,
}

/// The price of `items` for `org_id` sent to `billing_address_id` (the
/// default address when `None`), as an order placed now would be
/// invoiced. Refused as placing would be: each item's mistake by its
/// place (`items[1].domain`), a domain already held or ordered here
/// (`domain_taken`), no prices in the organisation's currency, no
/// billing address. Needs the pay right, like ordering.
pub async fn quote(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    items: &[orders::ItemInput],
    billing_address_id: Option<&str>,
) -> Result<Quote> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::PayBilling).await?;
    let org = orgs::org_for_billing(c.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let currency = Currency::parse(&org.currency).ok_or(Error::NotFound)?;
    let catalogue = ctx.catalog.current();
    orders::offered(&catalogue, currency)?;
    let lang = Lang::parse(&org.language).unwrap_or_default();
    let priced = orders::price_items(ctx, &catalogue, items, currency, lang)?;
    // Said now rather than at the checkout; placing checks again, under
    // its lock.
    let mut taken = Vec::new();
    for (i, p) in priced.iter().enumerate() {
        if let Some((_, ascii)) = &p.domain
            && store::domain_held(c.conn(), ascii).await?
        {
            taken.push(FieldError::new(
                format!("items[{i}].domain"),
                "domain_taken",
                format!("{ascii} is already held or ordered here."),
            ));
        }
    }
    if !taken.is_empty() {
        return Err(Error::Validation(taken));
    }
    let lines = orders::invoice_lines(ctx.today(), &priced)?;
    let invoice = invoices::preview_in(
        c.conn(),
        ctx,
        org_id,
        &InvoiceInput {
            billing_address_id: billing_address_id.map(str::to_owned),
            lines,
        },
    )
    .await?;
    Ok(Quote {
        items: priced
            .iter()
            .map(|p| QuotedItem {
                name: orders::item_name(p, lang),
                net: p.net,
            })
            .collect(),
        invoice,
    })
}

/// The currency the organisation is invoiced in, which its shop prices
/// in: every member may see it there (the settings, where it is chosen,
/// may be closed to a restricted member).
pub async fn org_currency(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<Currency> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewOrg).await?;
    let org = orgs::org_for_billing(c.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    Currency::parse(&org.currency).ok_or(Error::NotFound)
}
