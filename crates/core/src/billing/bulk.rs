//! Many invoices issued at once, in the caller's transaction (the renewal
//! sweep's batches, ADR 0015). Each invoice is what
//! [`super::invoices::create_and_issue_in`] would make of it — the same
//! line checks, place of supply, VAT split and totals, gapless numbers
//! and references, ledger posting and audit — but a batch costs a fixed
//! handful of statements instead of some thirty per invoice, and its PDFs
//! are rendered after commit ([`super::pdfs`]).
//!
//! Any refusal (a line the checks refuse, an org without a billing
//! address, a VAT rate missing) fails the whole call: the caller drops its
//! transaction and issues the batch one invoice at a time, where each
//! refusal is reported for its own invoice.

use super::{
    Issuer,
    invoices::{self, InvoiceInput, LineInput},
    ledger::{self, DocumentKind, Posting, TransactionKind},
    reference::Reference,
    series, settings, store,
};
use crate::{
    Ctx,
    access::staff::StaffAction,
    db::Conn,
    error::{Error, Result},
    ids::{InvoiceId, OrgId},
    money::Money,
    orgs::Billed,
};

/// One invoice to issue: to an org (read with [`crate::orgs::billed_orgs`]
/// in the caller's transaction), to `billing_address_id` (the org's
/// default when None).
pub(crate) struct NewInvoice<'a> {
    pub billed: &'a Billed,
    pub billing_address_id: Option<String>,
    pub lines: Vec<LineInput>,
}

/// What was issued, in the order asked.
#[derive(Debug, Clone)]
pub(crate) struct IssuedInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub total: Money,
    pub due_on: jiff::civil::Date,
}

/// A row of [`store::insert_issued_many`], in its column order: a tuple
/// struct is written as a JSON array, field by field, without building a
/// `serde_json::Value` of each (more than the 16 fields a tuple may hold).
#[derive(serde::Serialize)]
struct IssuedRow<'a>(
    String,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
    String,
    &'a str,
    u64,
    String,
    String,
    &'a str,
    &'a str,
    &'a str,
    i64,
    i64,
    i64,
    i64,
    &'static str,
);

/// A bulk issue worked out by [`prepare_many`] — its numbers taken, every
/// row made — and not written yet: [`write_many`] writes it in the same
/// transaction. Two halves, so that a caller knows the invoices (their
/// numbers, for its mails) while their rows are being written.
pub(crate) struct PreparedIssue<'a> {
    pub issued: Vec<IssuedInvoice>,
    orgs: Vec<&'a str>,
    lines: String,
    invoices: String,
    seller: String,
    vat: String,
    postings: Vec<Posting>,
    audits: Vec<(String, OrgId, String)>,
    now_ms: i64,
}

/// Issue `items`, in the caller's transaction, by the sweeps (the
/// operator's authority: a staff member issues one invoice at a time),
/// first half: the numbers and references taken (its only statements),
/// the lines checked, VAT worked out, every row made.
pub(crate) async fn prepare_many<'a>(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Issuer<'_>,
    items: &[NewInvoice<'a>],
) -> Result<PreparedIssue<'a>> {
    by.check(StaffAction::IssueInvoices)?;
    if matches!(by, Issuer::Staff(_)) {
        return Err(Error::Internal(
            "billing: a bulk issue is the sweeps' alone".into(),
        ));
    }
    let now_ms = ctx.clock.now().as_millisecond();
    if items.is_empty() {
        return Ok(PreparedIssue {
            issued: Vec::new(),
            orgs: Vec::new(),
            lines: String::new(),
            invoices: String::new(),
            seller: String::new(),
            vat: String::new(),
            postings: Vec::new(),
            audits: Vec::new(),
            now_ms,
        });
    }
    let billing = &ctx.config.billing;
    let now = ctx.clock.now();
    let today = ctx.today();
    let due_on = invoices::due_on(ctx, today)?;
    let seller = serde_json::to_string(&invoices::seller(ctx))?;
    let year = today.year();
    let series_key = settings::series_key(&billing.invoice_series, year);
    let n = items.len() as u64;
    let first_number = series::take(c.reborrow(), &format!("invoice:{series_key}"), n).await?;
    let first_reference = series::take(c.reborrow(), series::REFERENCES, n).await?;

    let (today_text, due_on_text) = (today.to_string(), due_on.to_string());
    let label = by.label();
    let mut lines_json = Vec::with_capacity(items.len());
    let mut issues = Vec::with_capacity(items.len());
    let mut vat_json = Vec::with_capacity(items.len());
    let mut postings = Vec::with_capacity(items.len());
    let mut audits = Vec::with_capacity(items.len());
    let mut issued = Vec::with_capacity(items.len());
    let mut orgs: Vec<&str> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let org = &item.billed.org;
        let currency = invoices::currency_of(&org.currency)?;
        let input = InvoiceInput {
            billing_address_id: item.billing_address_id.clone(),
            lines: item.lines.clone(),
        };
        let drafted = invoices::validate_lines(&input, currency)?;
        let address = item
            .billed
            .address(item.billing_address_id.as_deref())
            .ok_or_else(|| Error::Conflict {
                code: "billing_address_required",
                description: "The organisation has no billing address to send this invoice to."
                    .into(),
            })?;
        let (lines, totals, treatment) =
            invoices::vat_lines(ctx, org, address, currency, today, &drafted)?;
        let id = InvoiceId::new(now);
        let sequence = first_number + i as u64;
        let number = settings::format_number(&billing.invoice_series, year, sequence);
        let reference = Reference::for_invoice(
            currency,
            billing.qr_iban.as_deref(),
            first_reference + i as u64,
        );
        for l in lines {
            lines_json.push((
                id.to_string(),
                l.position,
                l.description,
                l.period_from,
                l.period_to,
                l.quantity,
                l.unit_price_minor,
                l.vat_class,
                l.vat_rate_bp,
                l.net_minor,
            ));
        }
        let treatment_text = match treatment.mention() {
            Some(m) => m.key(),
            None => "domestic",
        };
        issues.push(IssuedRow(
            id.to_string(),
            org.id.as_str(),
            &org.currency,
            &org.language,
            item.billing_address_id.as_deref(),
            &label,
            number.clone(),
            &series_key,
            sequence,
            reference.as_str().to_owned(),
            serde_json::to_string(&invoices::buyer(org, address))?,
            treatment_text,
            &today_text,
            &due_on_text,
            totals.net.amount_minor,
            totals.vat.amount_minor,
            totals.rounding.amount_minor,
            totals.total.amount_minor,
            // Nothing to pay: an invoice of free items is settled at once.
            if totals.total.is_zero() {
                "paid"
            } else {
                "issued"
            },
        ));
        for v in invoices::vat_rows(&totals) {
            vat_json.push((id.to_string(), v.rate_bp, v.base_minor, v.vat_minor));
        }
        postings.push(Posting {
            kind: TransactionKind::InvoiceIssued,
            document_kind: DocumentKind::Invoice,
            document_id: id.to_string(),
            org_id: Some(org.id.clone()),
            booked_on: today,
            entries: invoices::issue_entries(&org.id, &id, &totals, currency)?,
        });
        audits.push((
            id.to_string(),
            org.id.clone(),
            format!("{number} {}", totals.total),
        ));
        if !orgs.contains(&org.id.as_str()) {
            orgs.push(org.id.as_str());
        }
        issued.push(IssuedInvoice {
            id,
            number,
            total: totals.total,
            due_on,
        });
    }
    Ok(PreparedIssue {
        issued,
        orgs,
        lines: serde_json::to_string(&lines_json)?,
        invoices: serde_json::to_string(&issues)?,
        seller,
        vat: serde_json::to_string(&vat_json)?,
        postings,
        audits,
        now_ms,
    })
}

/// The second half of a bulk issue: `p` written, a fixed handful of
/// statements whatever its size.
pub(crate) async fn write_many(
    mut c: Conn<'_>,
    ctx: &Ctx,
    p: PreparedIssue<'_>,
) -> Result<Vec<IssuedInvoice>> {
    let n = p.issued.len() as u64;
    if n == 0 {
        return Ok(p.issued);
    }
    let now_ms = p.now_ms;
    // The currency of each org was read in this transaction and every
    // invoice is in it: lock it (BIL-1).
    crate::orgs::stamp_first_invoices(c.reborrow(), &p.orgs, now_ms).await?;
    // The lines first, then the invoices written issued: a line may not be
    // added to an issued invoice (a trigger), and writing drafts to move
    // them to issued rewrote every row and its indexes (ADR 0015).
    store::defer_lines_check(c.reborrow()).await?;
    store::insert_lines_many(c.reborrow(), &p.lines).await?;
    let written = store::insert_issued_many(c.reborrow(), &p.invoices, &p.seller, now_ms).await?;
    store::check_lines_now(c.reborrow()).await?;
    if written != n {
        return Err(Error::Internal(format!(
            "billing: a bulk issue wrote {written} of {n} invoices"
        )));
    }
    store::insert_vat_many(c.reborrow(), &p.vat).await?;
    ledger::post_many(c.reborrow(), &p.postings, now_ms).await?;
    let audit_rows: Vec<(&str, &str, Option<&OrgId>, String)> = p
        .audits
        .iter()
        .map(|(id, org, detail)| ("invoice.issued", id.as_str(), Some(org), detail.clone()))
        .collect();
    crate::staff::audit_many_in(c, ctx, None, &audit_rows).await?;
    metrics::counter!("guichet_invoices_issued_in_bulk_total").increment(n);
    Ok(p.issued)
}
