//! What every kind of renewal shares: pricing a product's next periods,
//! issuing the invoice with its renewals, applying a renewal once, and
//! cancelling one (its invoice line credited).

use jiff::civil::Date;

use super::{
    dates,
    store::{self, RenewalRow},
};
use crate::{
    Ctx,
    billing::{
        self, InvoiceView, Issuer,
        credit_notes::{CreditInput, CreditLineInput},
        invoices::{InvoiceInput, LineInput, Period},
    },
    catalog::{products, store::ProductRow},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    ids::{InvoiceId, RenewalId},
    money::{Currency, Money},
    outbox::{self, MailAttachment, MailRequest},
};

/// A product's renewal, priced from the running catalogue.
#[derive(Debug, Clone)]
pub(crate) struct Priced {
    pub product: ProductRow,
    pub periods: u32,
    pub from: Date,
    pub to: Date,
    pub net: Money,
    pub vat_class: crate::billing::vat::VatClass,
    pub line: String,
}

impl Priced {
    /// Its invoice line.
    pub(crate) fn line(&self) -> LineInput {
        LineInput {
            description: self.line.clone(),
            quantity: 1,
            unit_price: self.net.amount_string(),
            vat_class: self.vat_class,
            period: Some(Period {
                from: self.from,
                to: self.to,
            }),
        }
    }

    /// Its renewal, open, on line `line` (from 1) of `invoice_id`.
    pub(crate) fn renewal(
        &self,
        invoice_id: &str,
        line: usize,
        kind: &str,
        created_by: &str,
        charge_on: Option<String>,
        now: jiff::Timestamp,
    ) -> RenewalRow {
        RenewalRow {
            id: RenewalId::new(now),
            product_id: self.product.id.clone(),
            org_id: self.product.org_id.clone(),
            from_expires_on: self.product.expires_on.clone().unwrap_or_default(),
            to_expires_on: self.to.to_string(),
            periods: i32::try_from(self.periods).unwrap_or(1),
            months: self.product.period_months,
            kind: kind.to_owned(),
            status: "open".into(),
            invoice_id: invoice_id.to_owned(),
            invoice_line: i32::try_from(line).unwrap_or(i32::MAX),
            currency: self.net.currency.code().into(),
            net_minor: self.net.amount_minor,
            charge_on,
            charge_attempts: 0,
            created_by: created_by.to_owned(),
            created_at: now.as_millisecond(),
            applied_at: None,
            cancelled_at: None,
        }
    }
}

/// Why a product cannot be renewed for `periods`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unrenewable {
    /// Its plan left the catalogue.
    PlanWithdrawn,
    /// The catalogue does not sell `periods` × its period.
    PeriodNotAllowed,
    /// It has no dates or currency (not made by an order).
    NoPeriod,
}

impl Unrenewable {
    pub fn code(&self) -> &'static str {
        match self {
            Unrenewable::PlanWithdrawn => "plan_withdrawn",
            Unrenewable::PeriodNotAllowed => "period_not_allowed",
            Unrenewable::NoPeriod => "not_renewable",
        }
    }

    pub fn says(&self) -> &'static str {
        match self {
            Unrenewable::PlanWithdrawn => "Its plan is no longer in the catalogue.",
            Unrenewable::PeriodNotAllowed => {
                "The catalogue does not renew this product for that many periods."
            }
            Unrenewable::NoPeriod => "This product has no period to renew.",
        }
    }
}

fn date(text: &str) -> Result<Date> {
    text.parse()
        .map_err(|e| Error::Internal(format!("renewals: date {text}: {e}")))
}

/// The price of renewing `product` for `periods` of its period, at the
/// running catalogue's renewal price (CAT-1), in `lang` for its line.
pub(crate) fn price(
    ctx: &Ctx,
    product: &ProductRow,
    periods: u32,
    lang: Lang,
) -> std::result::Result<Priced, Unrenewable> {
    let (Some(starts), Some(expires), Some(currency)) = (
        product.starts_on.as_deref(),
        product.expires_on.as_deref(),
        product.currency.as_deref().and_then(Currency::parse),
    ) else {
        return Err(Unrenewable::NoPeriod);
    };
    let (Ok(starts), Ok(expires)) = (date(starts), date(expires)) else {
        return Err(Unrenewable::NoPeriod);
    };
    let catalogue = ctx.catalog.current();
    let plan = catalogue
        .plan(&product.plan_id)
        .ok_or(Unrenewable::PlanWithdrawn)?;
    let months = u32::try_from(product.period_months)
        .ok()
        .and_then(|m| m.checked_mul(periods))
        .filter(|m| periods >= 1 && *m <= 120)
        .ok_or(Unrenewable::PeriodNotAllowed)?;
    let quantity = u32::try_from(product.quantity).unwrap_or(1);
    let storage = product.storage_gb.and_then(|g| u32::try_from(g).ok());
    let net = plan
        .price(months, currency, quantity, storage, false)
        .map_err(|e| match e {
            crate::catalog::PriceError::PeriodNotAllowed { .. } => Unrenewable::PeriodNotAllowed,
            _ => Unrenewable::PlanWithdrawn,
        })?;
    let to = dates::renewed_until(starts, expires, i64::from(months))
        .ok_or(Unrenewable::PeriodNotAllowed)?;
    let from = expires
        .checked_add(jiff::Span::new().days(1))
        .map_err(|_| Unrenewable::NoPeriod)?;
    let period = crate::catalog::orders::period_words(ctx, lang, months);
    let line = ctx.i18n.t_args(
        lang,
        "invoice-line-renewal",
        &[
            ("name", product.name.clone().into()),
            ("period", period.into()),
        ],
    );
    Ok(Priced {
        product: product.clone(),
        periods,
        from,
        to,
        net,
        vat_class: plan.vat_class,
        line,
    })
}

/// Issue one invoice for `items` to `billing_address_id` (the org's
/// default when None) and record each renewal, in the caller's
/// transaction. A period renewed by someone else meanwhile is the
/// conflict `renewal_pending` (the caller's transaction is then dropped,
/// its invoice number with it).
pub(crate) async fn issue(
    mut c: Conn<'_>,
    ctx: &Ctx,
    items: &[Priced],
    billing_address_id: Option<String>,
    kind: &str,
    created_by: &str,
    charge_on: Option<String>,
) -> Result<(InvoiceView, Vec<RenewalRow>)> {
    let Some(first) = items.first() else {
        return Err(Error::Internal("renewals: an invoice of nothing".into()));
    };
    let org_id = first.product.org_id.clone();
    let lines = items.iter().map(Priced::line).collect();
    let invoice = billing::invoices::create_and_issue_in(
        c.reborrow(),
        ctx,
        Issuer::Renewal,
        &org_id,
        &InvoiceInput {
            billing_address_id,
            lines,
        },
    )
    .await?;
    let now = ctx.clock.now();
    let mut rows = Vec::with_capacity(items.len());
    for (i, p) in items.iter().enumerate() {
        let row = p.renewal(
            invoice.id.as_str(),
            i + 1,
            kind,
            created_by,
            charge_on.clone(),
            now,
        );
        if !store::insert(c.reborrow(), &row).await? {
            return Err(Error::Conflict {
                code: "renewal_pending",
                description: format!(
                    "{} already has a renewal for this period; pay or wait for it.",
                    p.product.name
                ),
            });
        }
        rows.push(row);
    }
    Ok((invoice, rows))
}

/// Renewals invoiced the way the sweep's batches are (ADR 0015: one
/// invoice each, issued in bulk, their PDFs rendered after commit), each
/// `(priced, its org, its first charge's day)`, with their renewals of
/// `kind` recorded, in the caller's transaction. A period renewed by
/// someone else meanwhile is `renewal_pending` (the caller drops its
/// transaction).
pub(crate) async fn issue_in_bulk(
    mut c: Conn<'_>,
    ctx: &Ctx,
    items: &[(&Priced, &crate::orgs::Billed, Option<String>)],
    kind: &str,
) -> Result<(Vec<billing::bulk::IssuedInvoice>, Vec<RenewalRow>)> {
    let (prepared, rows) = prepare_in_bulk(c.reborrow(), ctx, items, kind).await?;
    let issued = write_in_bulk(c, ctx, prepared, &rows).await?;
    Ok((issued, rows))
}

/// The first half of [`issue_in_bulk`]: the invoices worked out
/// ([`billing::bulk::prepare_many`]) and their renewals made, nothing
/// written yet.
pub(crate) async fn prepare_in_bulk<'a>(
    c: Conn<'_>,
    ctx: &Ctx,
    items: &[(&Priced, &'a crate::orgs::Billed, Option<String>)],
    kind: &str,
) -> Result<(billing::bulk::PreparedIssue<'a>, Vec<RenewalRow>)> {
    let invoices: Vec<billing::bulk::NewInvoice<'a>> = items
        .iter()
        .map(|(p, b, _)| billing::bulk::NewInvoice {
            billed: b,
            billing_address_id: p.product.billing_address_id.clone(),
            lines: vec![p.line()],
        })
        .collect();
    let prepared = billing::bulk::prepare_many(c, ctx, Issuer::Renewal, &invoices).await?;
    let now = ctx.clock.now();
    let rows: Vec<RenewalRow> = items
        .iter()
        .zip(&prepared.issued)
        .map(|((p, _, charge_on), inv)| {
            p.renewal(inv.id.as_str(), 1, kind, "renewals", charge_on.clone(), now)
        })
        .collect();
    Ok((prepared, rows))
}

/// The second half of [`issue_in_bulk`]: the invoices and their renewals
/// written. A period renewed meanwhile fails it (`renewal_pending`).
pub(crate) async fn write_in_bulk(
    mut c: Conn<'_>,
    ctx: &Ctx,
    prepared: billing::bulk::PreparedIssue<'_>,
    rows: &[RenewalRow],
) -> Result<Vec<billing::bulk::IssuedInvoice>> {
    let issued = billing::bulk::write_many(c.reborrow(), ctx, prepared).await?;
    if store::insert_many(c, rows).await? != rows.len() as u64 {
        return Err(Error::Conflict {
            code: "renewal_pending",
            description: "A period was renewed meanwhile; pay or wait for that renewal.".into(),
        });
    }
    Ok(issued)
}

/// [`issue_in_bulk`] of one renewal: the sweep's product-by-product path
/// and the warranty's.
pub(crate) async fn issue_by_sweep(
    mut c: Conn<'_>,
    ctx: &Ctx,
    p: &Priced,
    kind: &str,
    charge_on: Option<String>,
) -> Result<(billing::bulk::IssuedInvoice, RenewalRow)> {
    let org_id = p.product.org_id.as_str();
    let billed = crate::orgs::billed_orgs(c.reborrow(), &[org_id]).await?;
    let b = billed.get(org_id).ok_or(Error::NotFound)?;
    let (mut issued, mut rows) = issue_in_bulk(c, ctx, &[(p, b, charge_on)], kind).await?;
    Ok((issued.remove(0), rows.remove(0)))
}

/// Apply renewal `r` once, in the caller's transaction: the product (and
/// a suite's contents) moves to its new period, live again, and each is
/// announced by `product.renewed`. False when it was applied already.
pub(crate) async fn apply(mut c: Conn<'_>, ctx: &Ctx, r: &RenewalRow) -> Result<bool> {
    let now = ctx.clock.now().as_millisecond();
    if !store::mark_applied(c.reborrow(), &r.id, now).await? {
        return Ok(false);
    }
    let moved = store::extend(
        c.reborrow(),
        &r.product_id,
        &r.from_expires_on,
        &r.to_expires_on,
        now,
    )
    .await?;
    if moved.is_empty() {
        // Deleted, or its period changed by hand: the money stays on the
        // invoice and staff see it in the product's history.
        tracing::warn!(renewal = %r.id, product = %r.product_id, "a paid renewal found its product's period gone");
    }
    for id in &moved {
        products::record_change(c.reborrow(), ctx, &r.org_id, id, "product.renewed").await?;
    }
    crate::staff::audit_in(
        c,
        ctx,
        None,
        "product.renewed",
        r.product_id.as_str(),
        Some(&r.org_id),
        &applied_audit(r),
    )
    .await?;
    metrics::counter!("guichet_renewals_applied_total", "kind" => r.kind.clone()).increment(1);
    Ok(true)
}

/// The audit line of an applied renewal.
fn applied_audit(r: &RenewalRow) -> String {
    format!(
        "{} renewal to {} ({} × {} months), invoice {}",
        r.kind, r.to_expires_on, r.periods, r.months, r.invoice_id
    )
}

/// [`apply`] for a sweep's batch of open renewals, by a few statements
/// whatever their number: marked applied, their products moved and
/// announced, audited. An error when one was applied meanwhile or its
/// product's period is gone: the sweep then does its batch one renewal
/// at a time, through [`apply`], which knows what to do with each.
pub(crate) async fn apply_many(mut c: Conn<'_>, ctx: &Ctx, rs: &[&RenewalRow]) -> Result<()> {
    if rs.is_empty() {
        return Ok(());
    }
    let now = ctx.clock.now().as_millisecond();
    let ids: Vec<&str> = rs.iter().map(|r| r.id.as_str()).collect();
    if store::mark_applied_many(c.reborrow(), &serde_json::to_string(&ids)?, now).await?
        != rs.len() as u64
    {
        return Err(Error::Internal(
            "renewals: a renewal of the batch was applied meanwhile".into(),
        ));
    }
    let periods: Vec<(&str, &str, &str)> = rs
        .iter()
        .map(|r| {
            (
                r.product_id.as_str(),
                r.from_expires_on.as_str(),
                r.to_expires_on.as_str(),
            )
        })
        .collect();
    let moved = store::extend_many(c.reborrow(), &serde_json::to_string(&periods)?, now).await?;
    let ids: std::collections::HashSet<&str> = moved.iter().map(|p| p.id.as_str()).collect();
    if let Some(r) = rs.iter().find(|r| !ids.contains(r.product_id.as_str())) {
        return Err(Error::Internal(format!(
            "renewals: the period of {} is gone",
            r.product_id
        )));
    }
    for row in &moved {
        products::announce(c.reborrow(), ctx, row, "product.renewed").await?;
    }
    let audits: Vec<(&str, &str, Option<&crate::ids::OrgId>, String)> = rs
        .iter()
        .map(|r| {
            (
                "product.renewed",
                r.product_id.as_str(),
                Some(&r.org_id),
                applied_audit(r),
            )
        })
        .collect();
    crate::staff::audit_many_in(c, ctx, None, &audits).await?;
    for r in rs {
        metrics::counter!("guichet_renewals_applied_total", "kind" => r.kind.clone()).increment(1);
    }
    Ok(())
}

/// Cancel renewal `r` (its period ended unrenewed, or its product is
/// deleted): its invoice line is credited. Left alone while a payment of
/// its invoice is in flight (the next sweep tries again). Whether it was
/// cancelled by this call.
pub(crate) async fn cancel(
    mut c: Conn<'_>,
    ctx: &Ctx,
    r: &RenewalRow,
    reason: &str,
) -> Result<bool> {
    if crate::payments::store::holding(c.reborrow(), &r.invoice_id)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    if !store::mark_cancelled(c.reborrow(), &r.id, ctx.clock.now().as_millisecond()).await? {
        return Ok(false);
    }
    let invoice = InvoiceId::from_stored(r.invoice_id.clone());
    let Some(row) = billing::store::invoice(c.reborrow(), &invoice).await? else {
        return Ok(true);
    };
    if matches!(row.status.as_str(), "paid" | "cancelled") {
        return Ok(true);
    }
    let currency = billing::invoices::currency_of(&r.currency)?;
    billing::credit_notes::credit_in(
        c,
        ctx,
        Issuer::Renewal,
        &invoice,
        &CreditInput {
            reason: reason.to_owned(),
            lines: Some(vec![CreditLineInput {
                line: r.invoice_line,
                amount: Money::new(r.net_minor, currency).amount_string(),
            }]),
        },
    )
    .await?;
    Ok(true)
}

/// The open renewal of `product`'s current period, cancelled (at expiry
/// without the warranty, or at deletion).
pub(crate) async fn cancel_open(
    mut c: Conn<'_>,
    ctx: &Ctx,
    product: &ProductRow,
    reason: &str,
) -> Result<()> {
    let Some(expires) = &product.expires_on else {
        return Ok(());
    };
    if let Some(r) = store::live_for(c.reborrow(), product.id.as_str(), expires).await?
        && r.status == "open"
    {
        cancel(c, ctx, &r, reason).await?;
    }
    Ok(())
}

/// REN-1..4: invoice `invoice_id` is paid now, in the caller's
/// transaction. Its open renewals apply (the warranty's applied already),
/// and a product renewed with a card or Twint the gateway stored gets
/// auto-renewal with it.
pub async fn invoice_paid(
    mut c: Conn<'_>,
    ctx: &Ctx,
    invoice_id: &InvoiceId,
    _now: i64,
) -> Result<()> {
    let rows = store::of_invoice(c.reborrow(), invoice_id.as_str()).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let method =
        crate::payments::store::last_settled_method(c.reborrow(), invoice_id.as_str()).await?;
    let stored = method
        .filter(|(m, _)| matches!(m.as_str(), "card" | "twint"))
        .and_then(|(_, pm)| pm);
    let now = ctx.clock.now().as_millisecond();
    for r in rows.iter().filter(|r| r.status == "open") {
        apply(c.reborrow(), ctx, r).await?;
        if let Some(pm) = &stored {
            store::set_auto_renew(c.reborrow(), &r.product_id, pm, now).await?;
        }
    }
    Ok(())
}

/// An org's language for what it is told, English when unknown.
pub(crate) fn language_of(org: Option<&crate::orgs::store::OrgRow>) -> Lang {
    org.and_then(|o| Lang::parse(&o.language))
        .unwrap_or_default()
}

/// An org's language, read.
pub(crate) async fn language(c: Conn<'_>, org_id: &str) -> Result<Lang> {
    Ok(language_of(
        crate::orgs::org_for_billing(c, org_id).await?.as_ref(),
    ))
}

/// The mails telling `contacts` (in `lang`) of `template` with `args`,
/// the invoice attached when given.
pub(crate) fn mails<'a>(
    contacts: &'a [String],
    lang: Lang,
    template: &'a str,
    args: &[(&'a str, String)],
    invoice: Option<(&str, &str)>,
) -> Vec<(MailRequest<'a>, Vec<MailAttachment>)> {
    let attachments: Vec<MailAttachment> = invoice
        .map(|(id, number)| MailAttachment {
            document_id: id.to_owned(),
            filename: format!("invoice-{number}.pdf"),
        })
        .into_iter()
        .collect();
    contacts
        .iter()
        .map(|to| {
            (
                MailRequest {
                    to,
                    lang,
                    template,
                    args: args.to_vec(),
                },
                attachments.clone(),
            )
        })
        .collect()
}

/// Mail the org's billing contacts in its language: `template` with
/// `args`, and the invoice attached when given.
pub(crate) async fn tell(
    mut c: Conn<'_>,
    ctx: &Ctx,
    org_id: &str,
    template: &str,
    args: Vec<(&str, String)>,
    invoice: Option<(&str, &str)>,
) -> Result<()> {
    let lang = language(c.reborrow(), org_id).await?;
    let contacts = crate::payments::reminders::contacts(c.reborrow(), org_id).await?;
    outbox::enqueue_mails(c, ctx, mails(&contacts, lang, template, &args, invoice)).await?;
    metrics::counter!("guichet_renewal_mails_total", "template" => template.to_owned())
        .increment(1);
    Ok(())
}

/// The console page where an org's renewals are paid.
pub(crate) fn to_pay_url(ctx: &Ctx, org_id: &str) -> String {
    format!(
        "{}/orgs/{org_id}/renewals",
        ctx.config.public_url.trim_end_matches('/')
    )
}

/// The console page of one of an org's invoices (to pay it by hand).
pub(crate) fn invoice_url(ctx: &Ctx, org_id: &str, invoice_id: &str) -> String {
    format!(
        "{}/orgs/{org_id}/invoices/{invoice_id}",
        ctx.config.public_url.trim_end_matches('/')
    )
}
