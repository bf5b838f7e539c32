//! Invoices (BIL-1): draft → issued (immutable) → paid, partially paid, or
//! cancelled by credit notes.
//!
//! Issuing happens in one transaction: the number and the payment reference
//! are taken from their counters, the seller and the buyer's address are
//! copied, lines whose service period spans a VAT rate change are split,
//! the VAT is computed per rate, the PDF is rendered and kept, the org's
//! currency locks, and the ledger gets receivable / revenue / VAT /
//! rounding. A rolled-back issue leaves no trace, its number included.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{
    Issuer, documents,
    ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
    reference::Reference,
    series, store,
    vat::{self, CustomerKind, VatClass},
};
use crate::{
    Ctx,
    access::{Action, Actor, staff::StaffAction},
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::{self, Claim, Idempotency},
    ids::{InvoiceId, OrgId},
    money::{Currency, Money},
    orgs::{self, Paged, Window},
};

/// Most lines on one invoice.
pub const LINES_MAX: usize = 200;
/// Longest line description, in characters.
pub const DESCRIPTION_MAX: usize = 300;
/// Largest quantity on one line.
pub const QUANTITY_MAX: i64 = 1_000_000;

/// A service period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Period {
    #[schema(value_type = String, format = Date)]
    pub from: Date,
    #[schema(value_type = String, format = Date)]
    pub to: Date,
}

/// One line as staff, the command line or (later) orders write it. The unit
/// price is a decimal string in the org's currency, before VAT.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    pub description: String,
    pub quantity: i64,
    /// Before VAT, in the org's currency, e.g. `"120.00"`.
    pub unit_price: String,
    pub vat_class: VatClass,
    #[serde(default, deserialize_with = "super::objects::optional")]
    pub period: Option<Period>,
}

/// A draft's content: its lines and the address it goes to (the org's
/// default when left out).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceInput {
    pub billing_address_id: Option<String>,
    #[serde(deserialize_with = "super::objects::list")]
    pub lines: Vec<LineInput>,
}

/// A party as printed on a document: the seller or the buyer, as they
/// were when it was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartyView {
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub vat_number: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LineView {
    pub position: i32,
    pub description: String,
    pub period: Option<Period>,
    pub quantity: i64,
    pub unit_price: Money,
    pub vat_class: String,
    /// The rate in percent (`"8.1"`); none on a draft.
    pub vat_rate: Option<String>,
    /// Quantity × unit price, before VAT.
    pub net: Money,
}

/// VAT at one rate: the sum of that rate's lines and the VAT on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VatView {
    /// In percent (`"8.1"`).
    pub rate: String,
    pub base: Money,
    pub vat: Money,
}

/// An invoice, as the API answers it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InvoiceView {
    pub id: InvoiceId,
    pub org_id: OrgId,
    /// None while a draft.
    pub number: Option<String>,
    /// `draft`, `issued`, `partially_paid`, `paid` or `cancelled`.
    pub status: String,
    pub currency: Currency,
    /// The billing address a draft goes to (none: the organisation's
    /// default at issue); an issued invoice has its copy in `buyer`.
    pub billing_address_id: Option<String>,
    pub lines: Vec<LineView>,
    /// Before VAT.
    pub net: Money,
    /// VAT per rate.
    pub vat: Vec<VatView>,
    pub vat_total: Money,
    /// The 5-Rappen rounding of the payable total (zero when not used).
    pub rounding: Money,
    pub total: Money,
    /// What is still due (the invoice's receivable in the ledger).
    pub open: Money,
    /// Credited by credit notes so far.
    pub credited: Money,
    /// The payment reference (QR reference or RF creditor reference).
    pub reference: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub issued_on: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<Date>,
    pub seller: Option<PartyView>,
    pub buyer: Option<PartyView>,
    /// The legally required mention when Swiss VAT does not apply.
    pub vat_mention: Option<String>,
    pub credit_notes: Vec<CreditNoteLink>,
    pub created_at: i64,
}

/// A credit note, as listed on its invoice.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreditNoteLink {
    pub id: crate::ids::CreditNoteId,
    pub number: String,
    pub total: Money,
}

pub(super) fn vat_view(v: store::VatRow, currency: Currency) -> VatView {
    VatView {
        rate: rate_text(i64::from(v.rate_bp)),
        base: Money::new(v.base_minor, currency),
        vat: Money::new(v.vat_minor, currency),
    }
}

pub(super) fn rate_text(bp: i64) -> String {
    let whole = bp / 100;
    let frac = bp % 100;
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

pub(crate) fn currency_of(code: &str) -> Result<Currency> {
    Currency::parse(code).ok_or_else(|| Error::Internal(format!("billing: stored currency {code}")))
}

fn date_of(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(|t| t.parse().ok())
}

pub(super) fn period_of(from: &Option<String>, to: &Option<String>) -> Option<Period> {
    Some(Period {
        from: date_of(from)?,
        to: date_of(to)?,
    })
}

/// The view of a stored invoice, its lines, and what the ledger says.
pub(super) async fn view(c: Conn<'_>, row: store::InvoiceRow) -> Result<InvoiceView> {
    views(c, vec![row])
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("billing: an invoice without its view".into()))
}

/// The views of stored invoices, in their order: each related set (lines,
/// VAT per rate, what is open, credit notes) is read once for all of them,
/// so a page costs the same few queries however long it is.
pub(super) async fn views(
    mut c: Conn<'_>,
    rows: Vec<store::InvoiceRow>,
) -> Result<Vec<InvoiceView>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    // A draft has nothing in the ledger and no credit notes.
    let issued: Vec<&str> = rows
        .iter()
        .filter(|r| r.status != "draft")
        .map(|r| r.id.as_str())
        .collect();
    let mut lines = group(store::lines_of(c.reborrow(), &ids).await?, |l| {
        l.invoice_id.to_string()
    });
    // VAT per rate as issued and printed (none on a draft).
    let mut vat = group(store::vat_rows_of(c.reborrow(), &issued).await?, |v| {
        v.document_id.clone()
    });
    let open: HashMap<String, i64> = store::open_of(c.reborrow(), &issued)
        .await?
        .into_iter()
        .map(|(id, sum)| (id, sum.unwrap_or(0)))
        .collect();
    let mut notes = group(store::credit_notes_of_invoices(c, &issued).await?, |n| {
        n.invoice_id.to_string()
    });
    rows.into_iter()
        .map(|row| {
            let id = row.id.to_string();
            let lines = lines.remove(&id).unwrap_or_default();
            let vat = vat.remove(&id).unwrap_or_default();
            let open = open.get(&id).copied().unwrap_or(0);
            let notes = notes.remove(&id).unwrap_or_default();
            assemble(row, lines, vat, open, notes)
        })
        .collect()
}

/// Rows of several documents, by the document each belongs to, in the
/// order read.
pub(super) fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> String) -> HashMap<String, Vec<T>> {
    let mut by: HashMap<String, Vec<T>> = HashMap::new();
    for r in rows {
        by.entry(key(&r)).or_default().push(r);
    }
    by
}

/// One invoice's view from its row and what was read about it.
fn assemble(
    row: store::InvoiceRow,
    lines: Vec<store::LineRow>,
    vat: Vec<store::DocumentVatRow>,
    open_minor: i64,
    notes: Vec<store::CreditNoteRow>,
) -> Result<InvoiceView> {
    let currency = currency_of(&row.currency)?;
    let m = |minor| Money::new(minor, currency);
    let per_rate: Vec<VatView> = vat.iter().map(|v| vat_view(v.vat(), currency)).collect();
    let (open, credited, notes) = if row.status == "draft" {
        (Money::zero(currency), Money::zero(currency), Vec::new())
    } else {
        let credited: i64 = notes.iter().map(|n| n.total_minor).sum();
        (
            m(open_minor),
            m(credited),
            notes
                .into_iter()
                .map(|n| CreditNoteLink {
                    id: n.id,
                    number: n.number,
                    total: m(n.total_minor),
                })
                .collect(),
        )
    };
    let seller: Option<PartyView> = row
        .seller
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok());
    let buyer: Option<PartyView> = row
        .buyer
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok());
    let (net, vat_total, rounding, total) = if row.status == "draft" {
        let net: i64 = lines.iter().map(|l| l.net_minor).sum();
        (m(net), Money::zero(currency), Money::zero(currency), m(net))
    } else {
        (
            m(row.net_minor),
            m(row.vat_minor),
            m(row.rounding_minor),
            m(row.total_minor),
        )
    };
    Ok(InvoiceView {
        lines: lines
            .into_iter()
            .map(|l| LineView {
                position: l.position,
                period: period_of(&l.period_from, &l.period_to),
                description: l.description,
                quantity: l.quantity,
                unit_price: m(l.unit_price_minor),
                vat_class: l.vat_class,
                vat_rate: l.vat_rate_bp.map(|bp| rate_text(i64::from(bp))),
                net: m(l.net_minor),
            })
            .collect(),
        id: row.id,
        org_id: row.org_id,
        number: row.number,
        status: row.status,
        currency,
        billing_address_id: row.billing_address_id,
        net,
        vat: per_rate,
        vat_total,
        rounding,
        total,
        open,
        credited,
        reference: row.reference,
        issued_on: date_of(&row.issued_on),
        due_on: date_of(&row.due_on),
        seller,
        buyer,
        vat_mention: row.treatment.filter(|t| t != "domestic"),
        credit_notes: notes,
        created_at: row.created_at / 1000,
    })
}

/// Check a draft's lines, every field: one error per problem, named by its
/// place (`lines[2].unit_price`).
pub(super) fn validate_lines(
    input: &InvoiceInput,
    currency: Currency,
) -> Result<Vec<store::LineRow>> {
    let mut errors = Vec::new();
    if input.lines.is_empty() {
        errors.push(FieldError::new(
            "lines",
            "too_short",
            "An invoice needs at least one line.",
        ));
    }
    if input.lines.len() > LINES_MAX {
        errors.push(FieldError::new(
            "lines",
            "too_long",
            format!("Use at most {LINES_MAX} lines."),
        ));
    }
    let mut rows = Vec::new();
    for (i, l) in input.lines.iter().enumerate().take(LINES_MAX) {
        let at = |f: &str| format!("lines[{i}].{f}");
        let description = l.description.trim();
        if description.is_empty() {
            errors.push(FieldError::new(
                at("description"),
                "required",
                "Describe what is invoiced.",
            ));
        } else if description.chars().count() > DESCRIPTION_MAX {
            errors.push(FieldError::new(
                at("description"),
                "too_long",
                format!("Use at most {DESCRIPTION_MAX} characters."),
            ));
        } else if crate::text::has_control(description) {
            errors.push(FieldError::new(
                at("description"),
                "invalid_characters",
                "Control characters are not allowed.",
            ));
        }
        if !(1..=QUANTITY_MAX).contains(&l.quantity) {
            errors.push(FieldError::new(
                at("quantity"),
                "out_of_range",
                format!("The quantity is a whole number from 1 to {QUANTITY_MAX}."),
            ));
        }
        let price = match Money::parse(l.unit_price.trim(), currency) {
            Ok(p) if p.is_negative() => {
                errors.push(FieldError::new(
                    at("unit_price"),
                    "out_of_range",
                    "A unit price cannot be negative; corrections are credit notes.",
                ));
                None
            }
            Ok(p) => Some(p),
            Err(_) => {
                errors.push(FieldError::new(
                    at("unit_price"),
                    "invalid_amount",
                    format!(
                        "Write the amount as a decimal number with at most {} decimals, e.g. 120.00.",
                        currency.minor_digits()
                    ),
                ));
                None
            }
        };
        if let Some(p) = l.period
            && p.from > p.to
        {
            errors.push(FieldError::new(
                at("period"),
                "invalid_period",
                "The period ends before it starts.",
            ));
        }
        let net = price.and_then(|p| p.checked_mul(l.quantity).ok());
        if price.is_some() && net.is_none() && (1..=QUANTITY_MAX).contains(&l.quantity) {
            errors.push(FieldError::new(
                at("unit_price"),
                "out_of_range",
                "This amount is too large.",
            ));
        }
        if let (Some(p), Some(net)) = (price, net) {
            rows.push(store::LineRow {
                invoice_id: InvoiceId::from_stored(String::new()),
                position: i as i32 + 1,
                description: description.to_owned(),
                period_from: l.period.map(|p| p.from.to_string()),
                period_to: l.period.map(|p| p.to.to_string()),
                quantity: l.quantity,
                unit_price_minor: p.amount_minor,
                vat_class: l.vat_class.as_str().to_owned(),
                vat_rate_bp: None,
                net_minor: net.amount_minor,
            });
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Validation(errors))
    }
}

/// The org an invoice is for, or 404.
async fn billed_org(c: Conn<'_>, org_id: &str) -> Result<orgs::store::OrgRow> {
    orgs::org_for_billing(c, org_id)
        .await?
        .ok_or(Error::NotFound)
}

/// Make a draft for `org_id` (staff with the billing role, or the
/// operator). Answers the draft as the API shows it.
pub async fn create_draft(
    ctx: &Ctx,
    by: Issuer<'_>,
    org_id: &OrgId,
    input: &InvoiceInput,
    idem: Option<&Idempotency>,
) -> Result<InvoiceView> {
    by.check(StaffAction::IssueInvoices)?;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim(tx.conn(), idem, now.as_millisecond()).await?
    {
        return Ok(v);
    }
    let row = draft_in(tx.conn(), ctx, &by, org_id, input).await?;
    by.audit(
        tx.conn(),
        ctx,
        "invoice.draft_created",
        row.id.as_str(),
        Some(org_id),
        "",
    )
    .await?;
    let v = view(tx.conn(), row).await?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &v).await?;
    }
    tx.commit().await?;
    Ok(v)
}

/// Write a draft for `org_id` in the caller's transaction.
async fn draft_in(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: &Issuer<'_>,
    org_id: &OrgId,
    input: &InvoiceInput,
) -> Result<store::InvoiceRow> {
    let now = ctx.clock.now();
    let org = billed_org(c.reborrow(), org_id).await?;
    let currency = currency_of(&org.currency)?;
    let mut lines = validate_lines(input, currency)?;
    check_address(c.reborrow(), org_id, input.billing_address_id.as_deref()).await?;
    let id = InvoiceId::new(now);
    let row = store::InvoiceRow {
        id: id.clone(),
        org_id: org.id.clone(),
        status: "draft".into(),
        currency: org.currency.clone(),
        language: org.language.clone(),
        billing_address_id: input.billing_address_id.clone(),
        number: None,
        series: None,
        sequence: None,
        reference: None,
        seller: None,
        buyer: None,
        treatment: None,
        issued_on: None,
        due_on: None,
        net_minor: 0,
        vat_minor: 0,
        rounding_minor: 0,
        total_minor: 0,
        pdf_sha256: None,
        created_by: by.label(),
        created_at: now.as_millisecond(),
        updated_at: now.as_millisecond(),
        issued_at: None,
    };
    store::insert_draft(c.reborrow(), &row).await?;
    for l in &mut lines {
        l.invoice_id = id.clone();
    }
    store::replace_lines(c.reborrow(), &id, &lines).await?;
    Ok(row)
}

async fn check_address(c: Conn<'_>, org_id: &str, address_id: Option<&str>) -> Result<()> {
    if let Some(id) = address_id
        && orgs::invoice_address(c, org_id, Some(id)).await?.is_none()
    {
        return Err(Error::Validation(vec![FieldError::new(
            "billing_address_id",
            "unknown_address",
            "This organisation has no such billing address.",
        )]));
    }
    Ok(())
}

/// Replace a draft's lines and address.
pub async fn update_draft(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
    input: &InvoiceInput,
) -> Result<InvoiceView> {
    by.check(StaffAction::IssueInvoices)?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let row = store::invoice(tx.conn(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    if row.status != "draft" {
        return Err(not_a_draft());
    }
    let mut lines = validate_lines(input, currency_of(&row.currency)?)?;
    check_address(tx.conn(), &row.org_id, input.billing_address_id.as_deref()).await?;
    if !store::touch_draft(tx.conn(), &row.id, input.billing_address_id.as_deref(), now).await? {
        return Err(not_a_draft());
    }
    for l in &mut lines {
        l.invoice_id = row.id.clone();
    }
    store::replace_lines(tx.conn(), &row.id, &lines).await?;
    by.audit(
        tx.conn(),
        ctx,
        "invoice.draft_updated",
        invoice_id,
        Some(&row.org_id),
        "",
    )
    .await?;
    let row = store::invoice(tx.conn(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    let v = view(tx.conn(), row).await?;
    tx.commit().await?;
    Ok(v)
}

/// Throw a draft away (an issued invoice is never deleted).
pub async fn delete_draft(ctx: &Ctx, by: Issuer<'_>, invoice_id: &InvoiceId) -> Result<()> {
    by.check(StaffAction::IssueInvoices)?;
    let mut tx = ctx.db.begin().await?;
    let row = store::invoice(tx.conn(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::delete_draft(tx.conn(), &row.id).await? {
        return Err(not_a_draft());
    }
    by.audit(
        tx.conn(),
        ctx,
        "invoice.draft_deleted",
        invoice_id,
        Some(&row.org_id),
        "",
    )
    .await?;
    tx.commit().await
}

fn not_a_draft() -> Error {
    Error::Conflict {
        code: "invoice_not_draft",
        description: "This invoice is issued: it cannot change. Correct it with a credit note."
            .into(),
    }
}

/// Issue a draft (BIL-1). Replayed with the same idempotency key, answers
/// the first issue again; a draft issued already answers 409.
pub async fn issue(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
    idem: Option<&Idempotency>,
) -> Result<InvoiceView> {
    by.check(StaffAction::IssueInvoices)?;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim(tx.conn(), idem, now.as_millisecond()).await?
    {
        return Ok(v);
    }
    let row = store::invoice(tx.conn(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    let v = issue_in(tx.conn(), ctx, &by, row).await?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &v).await?;
    }
    tx.commit().await?;
    Ok(v)
}

/// Make and issue an invoice in one step (the operator's command line;
/// orders, later).
pub async fn create_and_issue(
    ctx: &Ctx,
    by: Issuer<'_>,
    org_id: &OrgId,
    input: &InvoiceInput,
) -> Result<InvoiceView> {
    let draft = create_draft(ctx, by, org_id, input, None).await?;
    match issue(ctx, by, &draft.id, None).await {
        Ok(v) => Ok(v),
        Err(e) => {
            // Leave nothing behind: the draft was only a step.
            let _ = delete_draft(ctx, by, &draft.id).await;
            Err(e)
        }
    }
}

/// Make and issue an invoice in the caller's transaction, so that it
/// exists only if what caused it commits too (a reminder's fee, BIL-5).
pub async fn create_and_issue_in(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Issuer<'_>,
    org_id: &OrgId,
    input: &InvoiceInput,
) -> Result<InvoiceView> {
    by.check(StaffAction::IssueInvoices)?;
    let row = draft_in(c.reborrow(), ctx, &by, org_id, input).await?;
    issue_in(c, ctx, &by, row).await
}

/// The seller as printed on what is issued now.
pub(super) fn seller(ctx: &Ctx) -> PartyView {
    let s = &ctx.config.billing.seller;
    PartyView {
        name: s.name.clone(),
        street: s.street.clone(),
        building_number: s.building_number.clone(),
        postcode: s.postcode.clone(),
        town: s.town.clone(),
        country: s.country.clone(),
        vat_number: s.vat_number.clone(),
    }
}

/// The buyer as printed: the address it is sent to, the org's VAT number.
pub(super) fn buyer(org: &orgs::store::OrgRow, address: &orgs::store::AddressRow) -> PartyView {
    PartyView {
        name: address.name.clone(),
        street: address.street.clone(),
        building_number: address.building_number.clone(),
        postcode: address.postcode.clone(),
        town: address.town.clone(),
        country: address.country.clone(),
        vat_number: org.vat_number.clone(),
    }
}

/// When an invoice issued `today` falls due (the payment terms).
pub(super) fn due_on(ctx: &Ctx, today: Date) -> Result<Date> {
    today
        .checked_add(jiff::Span::new().days(i64::from(ctx.config.billing.payment_terms_days)))
        .map_err(|e| Error::Internal(format!("billing: due date: {e}")))
}

/// The ledger entries of an issued invoice: receivable / revenue / VAT
/// per rate / rounding.
pub(super) fn issue_entries(
    org_id: &OrgId,
    invoice: &InvoiceId,
    totals: &vat::Totals,
    currency: Currency,
) -> Result<Vec<Entry>> {
    let mut entries = vec![
        Entry::for_invoice(
            Account::Receivable(org_id.clone(), currency),
            totals.total,
            invoice,
        ),
        Entry::new(Account::Revenue(currency), neg(totals.net)?),
    ];
    for r in &totals.per_rate {
        entries.push(Entry::new(
            Account::Vat {
                rate_bp: r.rate_bp,
                currency,
            },
            neg(r.vat)?,
        ));
    }
    entries.push(Entry::new(
        Account::Rounding(currency),
        neg(totals.rounding)?,
    ));
    Ok(entries)
}

/// Issue `row` in the caller's transaction.
pub(super) async fn issue_in(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: &Issuer<'_>,
    row: store::InvoiceRow,
) -> Result<InvoiceView> {
    if row.status != "draft" {
        return Err(not_a_draft());
    }
    let settings = &ctx.config.billing;
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let today = ctx.today();
    let currency = currency_of(&row.currency)?;
    let org = billed_org(c.reborrow(), &row.org_id).await?;
    let address =
        orgs::invoice_address(c.reborrow(), &row.org_id, row.billing_address_id.as_deref())
            .await?
            .ok_or_else(|| Error::Conflict {
                code: "billing_address_required",
                description: "The organisation has no billing address to send this invoice to."
                    .into(),
            })?;
    // The org's currency locks now; an org that changed currency since the
    // draft was made refuses it (its prices were in the old currency).
    orgs::lock_currency(c.reborrow(), &row.org_id, currency, now_ms).await?;

    let drafted = store::lines(c.reborrow(), &row.id).await?;
    let (lines, totals, treatment) = vat_lines(ctx, &org, &address, currency, today, &drafted)?;

    // Number and reference, in this transaction: gapless, never shared.
    let year = today.year();
    let key = super::settings::series_key(&settings.invoice_series, year);
    let sequence = series::next(c.reborrow(), &format!("invoice:{key}")).await?;
    let number = super::settings::format_number(&settings.invoice_series, year, sequence);
    let reference_seq = series::next(c.reborrow(), series::REFERENCES).await?;
    let reference = Reference::for_invoice(currency, settings.qr_iban.as_deref(), reference_seq);

    let seller = seller(ctx);
    let buyer = buyer(&org, &address);
    let issued_on = today;
    let due_on = due_on(ctx, today)?;
    store::replace_lines(c.reborrow(), &row.id, &lines).await?;
    store::insert_vat(c.reborrow(), &row.id, &vat_rows(&totals)).await?;

    let language = Lang::parse(&row.language).unwrap_or(Lang::En);
    // Stored as `domestic` or the mention's key (`export-services`).
    let treatment_text = match treatment.mention() {
        Some(m) => m.key(),
        None => "domestic",
    };
    let doc = documents::invoice_document(
        ctx,
        documents::InvoiceParts {
            language,
            number: &number,
            issued_on,
            due_on,
            seller: &seller,
            buyer: &buyer,
            lines: &lines,
            totals: &totals,
            currency,
            reference: &reference,
            treatment: &treatment,
        },
    )?;
    let pdf = documents::render(ctx, doc).await?;
    let sha = hex::encode(Sha256::digest(&pdf));
    store::insert_pdf(c.reborrow(), &row.id, &sha, &pdf, now_ms).await?;

    let issued = store::mark_issued(
        c.reborrow(),
        &row.id,
        &store::Issue {
            number: &number,
            series: &key,
            sequence: sequence as i64,
            reference: reference.as_str(),
            seller: &serde_json::to_string(&seller)?,
            buyer: &serde_json::to_string(&buyer)?,
            treatment: treatment_text,
            issued_on: &issued_on.to_string(),
            due_on: &due_on.to_string(),
            net_minor: totals.net.amount_minor,
            vat_minor: totals.vat.amount_minor,
            rounding_minor: totals.rounding.amount_minor,
            total_minor: totals.total.amount_minor,
            pdf_sha256: &sha,
            now: now_ms,
        },
    )
    .await?;
    if !issued {
        return Err(not_a_draft());
    }

    // Receivable / revenue / VAT / rounding.
    let org_id = row.org_id.clone();
    let entries = issue_entries(&org_id, &row.id, &totals, currency)?;
    ledger::post(
        c.reborrow(),
        &Posting {
            kind: TransactionKind::InvoiceIssued,
            document_kind: DocumentKind::Invoice,
            document_id: row.id.to_string(),
            org_id: Some(org_id.clone()),
            booked_on: issued_on,
            entries,
        },
        now_ms,
    )
    .await?;
    if totals.total.is_zero() {
        // Nothing to pay: an invoice of free items is settled at once.
        store::set_status(c.reborrow(), &row.id, "paid", now_ms).await?;
    }
    by.audit(
        c.reborrow(),
        ctx,
        "invoice.issued",
        row.id.as_str(),
        Some(&org_id),
        &format!("{number} {}", totals.total),
    )
    .await?;
    let row = store::invoice(c.reborrow(), &row.id)
        .await?
        .ok_or(Error::NotFound)?;
    view(c, row).await
}

/// What issuing makes of drafted lines sent to `address`: the place of
/// supply decides the treatment, each line is split at rate changes of its
/// service period (the rate in force when the service is supplied), and
/// the totals are the VAT per rate. Issuing and a price preview
/// ([`preview_in`]) both go through here, so a preview is the invoice's
/// own arithmetic, never a second one.
pub(super) fn vat_lines(
    ctx: &Ctx,
    org: &orgs::store::OrgRow,
    address: &orgs::store::AddressRow,
    currency: Currency,
    today: Date,
    drafted: &[store::LineRow],
) -> Result<(Vec<store::LineRow>, vat::Totals, vat::Treatment)> {
    let settings = &ctx.config.billing;
    // Place of supply: the buyer's country (the address it is sent to).
    let kind = if org.kind == "company" && org.vat_number.is_some() {
        CustomerKind::Business {
            verified_vat_number: true,
        }
    } else {
        CustomerKind::Consumer
    };
    let treatment = settings.vat.treatment(&address.country, kind);

    // Split each line at rate changes of its service period; the rate is
    // the one in force when the service is supplied.
    if drafted.is_empty() {
        return Err(Error::Conflict {
            code: "invoice_empty",
            description: "An invoice needs at least one line.".into(),
        });
    }
    let mut lines = Vec::new();
    for l in drafted {
        let class = VatClass::parse(&l.vat_class)
            .ok_or_else(|| Error::Internal(format!("billing: vat class {}", l.vat_class)))?;
        let period = period_of(&l.period_from, &l.period_to);
        let (from, to) = period.map(|p| (p.from, p.to)).unwrap_or((today, today));
        let parts = settings
            .vat
            .split_line(
                class,
                (from, to),
                Money::new(l.net_minor, currency),
                treatment,
            )
            .map_err(|e| Error::Conflict {
                code: "vat_rate_missing",
                description: format!("No VAT rate applies to line {}: {e}", l.position),
            })?;
        let split = parts.len() > 1;
        for p in parts {
            lines.push(store::LineRow {
                invoice_id: l.invoice_id.clone(),
                position: lines.len() as i32 + 1,
                description: l.description.clone(),
                period_from: period.map(|_| p.period.0.to_string()),
                period_to: period.map(|_| p.period.1.to_string()),
                // A split line keeps its quantity on each part; the unit
                // price shown is the part's share.
                quantity: if split { 1 } else { l.quantity },
                unit_price_minor: if split {
                    p.net.amount_minor
                } else {
                    l.unit_price_minor
                },
                vat_class: l.vat_class.clone(),
                vat_rate_bp: Some(p.rate_bp as i32),
                net_minor: p.net.amount_minor,
            });
        }
    }
    let parts: Vec<(u32, Money)> = lines
        .iter()
        .map(|l| {
            (
                l.vat_rate_bp.unwrap_or(0) as u32,
                Money::new(l.net_minor, currency),
            )
        })
        .collect();
    let totals = vat::totals(&parts, currency, settings.round_to_5_rappen)
        .map_err(|e| Error::Internal(format!("billing: totals: {e}")))?;

    Ok((lines, totals, treatment))
}

/// An invoice as issuing `input` for `org_id` now would make it: its
/// lines (split at rate changes), the VAT per rate and the totals, with
/// nothing written. For the console's cart (issue 13), which shows what
/// the order's invoice will say before it is placed.
pub(crate) async fn preview_in(
    mut c: Conn<'_>,
    ctx: &Ctx,
    org_id: &OrgId,
    input: &InvoiceInput,
) -> Result<Preview> {
    let org = billed_org(c.reborrow(), org_id).await?;
    let currency = currency_of(&org.currency)?;
    let drafted = validate_lines(input, currency)?;
    check_address(c.reborrow(), org_id, input.billing_address_id.as_deref()).await?;
    let address = orgs::invoice_address(c.reborrow(), org_id, input.billing_address_id.as_deref())
        .await?
        .ok_or_else(|| Error::Conflict {
            code: "billing_address_required",
            description: "The organisation has no billing address to send this invoice to.".into(),
        })?;
    let (lines, totals, treatment) =
        vat_lines(ctx, &org, &address, currency, ctx.today(), &drafted)?;
    Ok(Preview {
        currency,
        lines: lines
            .into_iter()
            .map(|l| LineView {
                position: l.position,
                description: l.description,
                period: period_of(&l.period_from, &l.period_to),
                quantity: l.quantity,
                unit_price: Money::new(l.unit_price_minor, currency),
                vat_class: l.vat_class,
                vat_rate: l.vat_rate_bp.map(|bp| rate_text(i64::from(bp))),
                net: Money::new(l.net_minor, currency),
            })
            .collect(),
        vat: totals
            .per_rate
            .iter()
            .map(|r| VatView {
                rate: rate_text(i64::from(r.rate_bp)),
                base: r.base,
                vat: r.vat,
            })
            .collect(),
        net: totals.net,
        vat_total: totals.vat,
        rounding: totals.rounding,
        total: totals.total,
        vat_mention: treatment.mention().map(|m| m.key().to_owned()),
    })
}

/// What an invoice would say, before it exists ([`preview_in`]).
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub currency: Currency,
    pub lines: Vec<LineView>,
    pub vat: Vec<VatView>,
    pub net: Money,
    pub vat_total: Money,
    pub rounding: Money,
    pub total: Money,
    /// The mention's key when Swiss VAT does not apply.
    pub vat_mention: Option<String>,
}

/// The per-rate VAT of `totals`, as stored.
pub(super) fn vat_rows(totals: &vat::Totals) -> Vec<store::VatRow> {
    totals
        .per_rate
        .iter()
        .map(|r| store::VatRow {
            rate_bp: r.rate_bp as i32,
            base_minor: r.base.amount_minor,
            vat_minor: r.vat.amount_minor,
        })
        .collect()
}

pub(super) fn neg(m: Money) -> Result<Money> {
    m.checked_neg()
        .map_err(|e| Error::Internal(format!("billing: {e}")))
}

// ---------------------------------------------------------------- reading

/// The customer's filter of their invoices.
#[derive(Debug, Clone, Default)]
pub struct InvoiceQuery {
    pub status: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

pub const STATUSES: [&str; 4] = ["issued", "partially_paid", "paid", "cancelled"];

/// A page of an org's issued invoices, newest first (the billing right).
pub async fn list_invoices(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    q: &InvoiceQuery,
    window: Window,
) -> Result<Paged<InvoiceView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    list_in(c.conn(), org_id, q, window, false).await
}

pub(super) async fn list_in(
    mut c: Conn<'_>,
    org_id: &str,
    q: &InvoiceQuery,
    window: Window,
    include_drafts: bool,
) -> Result<Paged<InvoiceView>> {
    let f = store::InvoiceFilter {
        status: q.status.clone(),
        from: q.from.map(|d| d.to_string()),
        to: q.to.map(|d| d.to_string()),
        include_drafts,
    };
    let rows =
        store::invoices_window(c.reborrow(), org_id, &f, window.offset, window.limit).await?;
    Ok(Paged {
        items: views(c.reborrow(), rows).await?,
        total: store::count_invoices(c, org_id, &f).await? as u64,
    })
}

/// One issued invoice of the org (a draft, or another org's, is 404).
pub async fn get_invoice(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    invoice_id: &InvoiceId,
) -> Result<InvoiceView> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::org_invoice(c.conn(), org_id, invoice_id)
        .await?
        .filter(|r| r.status != "draft")
        .ok_or(Error::NotFound)?;
    view(c.conn(), row).await
}

/// The PDF as it was issued, with its number (for the file name).
pub async fn invoice_pdf(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    invoice_id: &InvoiceId,
) -> Result<(String, Vec<u8>)> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::org_invoice(c.conn(), org_id, invoice_id)
        .await?
        .filter(|r| r.status != "draft")
        .ok_or(Error::NotFound)?;
    drop(c);
    let number = row.number.clone().unwrap_or_default();
    Ok((number, super::pdfs::invoice_pdf(ctx, &row).await?))
}

/// An issued document's PDF, checked against its hash.
pub(super) async fn stored_pdf(c: Conn<'_>, document_id: &str) -> Result<Vec<u8>> {
    let (sha, pdf) = store::pdf(c, document_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("billing: no PDF kept for {document_id}")))?;
    if hex::encode(Sha256::digest(&pdf)) != sha {
        return Err(Error::Internal(format!(
            "billing: the kept PDF of {document_id} does not match its hash"
        )));
    }
    Ok(pdf)
}

/// Staff: any invoice, drafts included.
pub async fn staff_invoice(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
) -> Result<InvoiceView> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let row = store::invoice(c.conn(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    view(c.conn(), row).await
}

/// Staff: an org's invoices, drafts first.
pub async fn staff_invoices(
    ctx: &Ctx,
    by: Issuer<'_>,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<InvoiceView>> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    billed_org(c.conn(), org_id).await?;
    list_in(c.conn(), org_id, &InvoiceQuery::default(), window, true).await
}

/// Staff and the operator: an issued invoice's PDF.
pub async fn staff_invoice_pdf(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
) -> Result<(String, Vec<u8>)> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let row = store::invoice(c.conn(), invoice_id)
        .await?
        .filter(|r| r.status != "draft")
        .ok_or(Error::NotFound)?;
    drop(c);
    let number = row.number.clone().unwrap_or_default();
    Ok((number, super::pdfs::invoice_pdf(ctx, &row).await?))
}
