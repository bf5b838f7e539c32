//! Credit notes (BIL-1: corrections are credit notes): against an issued
//! invoice, whole or in part, numbered in their own gapless series, at the
//! rate of the original supply, posting the reverse of the invoice's
//! entries. What is credited reduces what is due; a credit beyond what was
//! still due (the invoice was paid) goes to the org's prepaid account.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{
    Issuer, documents,
    invoices::{self, Period, currency_of},
    ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
    series, store, vat,
};
use crate::{
    Ctx,
    access::{Action, Actor, staff::StaffAction},
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::{self, Claim, Idempotency},
    ids::{CreditNoteId, InvoiceId, OrgId},
    money::{Currency, Money},
    orgs::{self, Paged, Window},
};

/// Longest reason, in characters.
pub const REASON_MAX: usize = 500;

/// One credited part: a line of the invoice (its position) and the amount
/// before VAT to credit on it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditLineInput {
    pub line: i32,
    /// Before VAT, in the invoice's currency, e.g. `"20.00"`.
    pub amount: String,
}

/// A credit note to issue: a reason, and the parts to credit (all of what
/// remains of the invoice when `lines` is left out).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditInput {
    pub reason: String,
    #[serde(default, deserialize_with = "super::objects::optional_list")]
    pub lines: Option<Vec<CreditLineInput>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreditLineView {
    pub position: i32,
    /// The invoice line credited.
    pub invoice_line: i32,
    pub description: String,
    pub period: Option<Period>,
    pub vat_rate: String,
    pub net: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreditNoteView {
    pub id: CreditNoteId,
    pub org_id: OrgId,
    pub invoice_id: InvoiceId,
    pub invoice_number: String,
    pub number: String,
    pub currency: Currency,
    pub reason: String,
    pub lines: Vec<CreditLineView>,
    pub net: Money,
    pub vat: Vec<invoices::VatView>,
    pub vat_total: Money,
    pub rounding: Money,
    pub total: Money,
    /// The part of the credit beyond what was still due, put on the
    /// organisation's prepaid account.
    pub to_prepaid: Money,
    #[schema(value_type = String, format = Date)]
    pub issued_on: jiff::civil::Date,
    pub created_at: i64,
}

async fn view(c: Conn<'_>, n: store::CreditNoteRow) -> Result<CreditNoteView> {
    views(c, vec![n])
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("billing: a credit note without its view".into()))
}

/// The views of stored credit notes, in their order: their lines, VAT per
/// rate and invoices' numbers each read once for all of them.
async fn views(mut c: Conn<'_>, rows: Vec<store::CreditNoteRow>) -> Result<Vec<CreditNoteView>> {
    let ids: Vec<&str> = rows.iter().map(|n| n.id.as_str()).collect();
    let mut invoice_ids: Vec<&str> = rows.iter().map(|n| n.invoice_id.as_str()).collect();
    invoice_ids.sort_unstable();
    invoice_ids.dedup();
    let mut lines = invoices::group(store::credit_lines_of(c.reborrow(), &ids).await?, |l| {
        l.credit_note_id.to_string()
    });
    let mut vat = invoices::group(store::vat_rows_of(c.reborrow(), &ids).await?, |v| {
        v.document_id.clone()
    });
    let numbers: HashMap<String, Option<String>> = store::invoice_numbers(c, &invoice_ids)
        .await?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|n| {
            let id = n.id.to_string();
            let lines = lines.remove(&id).unwrap_or_default();
            let vat = vat.remove(&id).unwrap_or_default();
            let invoice_number = numbers
                .get(n.invoice_id.as_str())
                .cloned()
                .flatten()
                .unwrap_or_default();
            assemble(n, lines, vat, invoice_number)
        })
        .collect()
}

/// One credit note's view from its row and what was read about it.
fn assemble(
    n: store::CreditNoteRow,
    lines: Vec<store::CreditLineRow>,
    vat: Vec<store::DocumentVatRow>,
    invoice_number: String,
) -> Result<CreditNoteView> {
    let currency = currency_of(&n.currency)?;
    let m = |minor| Money::new(minor, currency);
    let per_rate: Vec<invoices::VatView> = vat
        .iter()
        .map(|v| invoices::vat_view(v.vat(), currency))
        .collect();
    Ok(CreditNoteView {
        lines: lines
            .into_iter()
            .map(|l| CreditLineView {
                position: l.position,
                invoice_line: l.invoice_position,
                period: invoices::period_of(&l.period_from, &l.period_to),
                description: l.description,
                vat_rate: invoices::rate_text(i64::from(l.vat_rate_bp)),
                net: m(l.net_minor),
            })
            .collect(),
        issued_on: n
            .issued_on
            .parse()
            .map_err(|e| Error::Internal(format!("billing: {e}")))?,
        id: n.id,
        org_id: n.org_id,
        invoice_id: n.invoice_id,
        invoice_number,
        number: n.number,
        currency,
        reason: n.reason,
        net: m(n.net_minor),
        vat: per_rate,
        vat_total: m(n.vat_minor),
        rounding: m(n.rounding_minor),
        total: m(n.total_minor),
        to_prepaid: m(n.to_prepaid_minor),
        created_at: n.created_at / 1000,
    })
}

/// Issue a credit note against `invoice_id`.
pub async fn credit(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
    input: &CreditInput,
    idem: Option<&Idempotency>,
) -> Result<CreditNoteView> {
    by.check(StaffAction::IssueInvoices)?;
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim(tx.conn(), idem, now_ms).await?
    {
        return Ok(v);
    }
    let v = credit_in(tx.conn(), ctx, by, invoice_id, input).await?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &v).await?;
    }
    tx.commit().await?;
    Ok(v)
}

/// [`credit`] in the caller's transaction (a refund credits the invoice
/// and sends the money back together, `payments::refunds`). The caller
/// has checked the issuer's right.
pub(crate) async fn credit_in(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
    input: &CreditInput,
) -> Result<CreditNoteView> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    // What was credited and what is still due decide the credit and its
    // split: read them under the invoice's lock, so that another credit
    // note or a payment settling at the same time waits.
    ledger::lock(c.reborrow(), &ledger::invoice_lock_key(invoice_id), now_ms).await?;
    let invoice = store::invoice(c.reborrow(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    if invoice.status == "draft" {
        return Err(Error::Conflict {
            code: "invoice_not_issued",
            description: "A draft is changed or deleted, not credited.".into(),
        });
    }
    let currency = currency_of(&invoice.currency)?;
    let reason = input.reason.trim();
    let mut errors = Vec::new();
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "required",
            "Say why the invoice is credited.",
        ));
    } else if reason.chars().count() > REASON_MAX {
        errors.push(FieldError::new(
            "reason",
            "too_long",
            format!("Use at most {REASON_MAX} characters."),
        ));
    } else if crate::text::has_control(reason) {
        errors.push(FieldError::new(
            "reason",
            "invalid_characters",
            "Control characters are not allowed.",
        ));
    }

    // What each invoice line still has to credit.
    let lines = store::lines(c.reborrow(), &invoice.id).await?;
    let credited = store::credited_per_line(c.reborrow(), &invoice.id).await?;
    let remaining = |position: i32| -> i64 {
        let line = lines
            .iter()
            .find(|l| l.position == position)
            .map(|l| l.net_minor)
            .unwrap_or(0);
        let done: i64 = credited
            .iter()
            .filter(|(p, _)| *p == position)
            .map(|(_, n)| *n)
            .sum();
        line - done
    };
    let mut parts: Vec<(i32, i64)> = Vec::new();
    match &input.lines {
        None => {
            for l in &lines {
                let left = remaining(l.position);
                if left > 0 {
                    parts.push((l.position, left));
                }
            }
        }
        Some(wanted) => {
            if wanted.is_empty() {
                errors.push(FieldError::new(
                    "lines",
                    "too_short",
                    "Credit at least one line, or leave lines out to credit everything.",
                ));
            }
            for (i, w) in wanted.iter().enumerate() {
                let at = |f: &str| format!("lines[{i}].{f}");
                if !lines.iter().any(|l| l.position == w.line) {
                    errors.push(FieldError::new(
                        at("line"),
                        "unknown_line",
                        "The invoice has no such line.",
                    ));
                    continue;
                }
                if parts.iter().any(|(p, _)| *p == w.line) {
                    errors.push(FieldError::new(
                        at("line"),
                        "duplicate_line",
                        "Name each line once.",
                    ));
                    continue;
                }
                match Money::parse(w.amount.trim(), currency) {
                    Ok(a) if a.amount_minor <= 0 => errors.push(FieldError::new(
                        at("amount"),
                        "out_of_range",
                        "Credit an amount above zero.",
                    )),
                    Ok(a) if a.amount_minor > remaining(w.line) => errors.push(FieldError::new(
                        at("amount"),
                        "exceeds_line",
                        format!(
                            "At most {} remains to credit on this line.",
                            Money::new(remaining(w.line), currency).amount_string()
                        ),
                    )),
                    Ok(a) => parts.push((w.line, a.amount_minor)),
                    Err(_) => errors.push(FieldError::new(
                        at("amount"),
                        "invalid_amount",
                        "Write the amount as a decimal number, e.g. 20.00.",
                    )),
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if parts.is_empty() {
        return Err(Error::Conflict {
            code: "invoice_fully_credited",
            description: "Everything on this invoice is credited already.".into(),
        });
    }

    // VAT at each line's original rate, per rate on the sum, as invoiced.
    let mut credit_lines = Vec::new();
    for (position, net) in &parts {
        let l = lines
            .iter()
            .find(|l| l.position == *position)
            .ok_or(Error::NotFound)?;
        credit_lines.push(store::CreditLineRow {
            credit_note_id: CreditNoteId::from_stored(String::new()),
            position: credit_lines.len() as i32 + 1,
            invoice_position: *position,
            description: l.description.clone(),
            period_from: l.period_from.clone(),
            period_to: l.period_to.clone(),
            vat_rate_bp: l.vat_rate_bp.unwrap_or(0),
            net_minor: *net,
        });
    }
    let totals = credit_totals(c.reborrow(), ctx, &invoice, &credit_lines, currency).await?;
    let already = store::credited_total(c.reborrow(), &invoice.id).await?;
    if already + totals.total.amount_minor > invoice.total_minor {
        return Err(Error::Conflict {
            code: "credit_exceeds_invoice",
            description: format!(
                "The credit notes would exceed the invoice's total of {}.",
                Money::new(invoice.total_minor, currency).amount_string()
            ),
        });
    }
    let open = ledger::invoice_open(c.reborrow(), &invoice.id, currency).await?;
    let to_receivable = totals.total.amount_minor.min(open.amount_minor.max(0));
    let to_prepaid = totals.total.amount_minor - to_receivable;

    let settings = &ctx.config.billing;
    let today = ctx.today();
    let key = super::settings::series_key(&settings.credit_note_series, today.year());
    let sequence = series::next(c.reborrow(), &format!("credit_note:{key}")).await?;
    let number =
        super::settings::format_number(&settings.credit_note_series, today.year(), sequence);
    let id = CreditNoteId::new(now);
    for l in &mut credit_lines {
        l.credit_note_id = id.clone();
    }

    let seller: invoices::PartyView = invoice
        .seller
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .ok_or_else(|| Error::Internal("billing: invoice without its seller".into()))?;
    let buyer: invoices::PartyView = invoice
        .buyer
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .ok_or_else(|| Error::Internal("billing: invoice without its buyer".into()))?;
    let language = Lang::parse(&invoice.language).unwrap_or(Lang::En);
    let doc = documents::credit_note_document(
        ctx,
        documents::CreditParts {
            language,
            number: &number,
            credited_number: invoice.number.as_deref().unwrap_or_default(),
            issued_on: today,
            seller: &seller,
            buyer: &buyer,
            lines: &credit_lines,
            totals: &totals,
            currency,
            reason,
        },
    )?;
    let pdf = documents::render(ctx, doc).await?;
    let sha = hex::encode(Sha256::digest(&pdf));
    store::insert_pdf(c.reborrow(), &id, &sha, &pdf, now_ms).await?;

    let row = store::CreditNoteRow {
        id: id.clone(),
        invoice_id: invoice.id.clone(),
        org_id: invoice.org_id.clone(),
        number: number.clone(),
        series: key,
        sequence: sequence as i64,
        currency: invoice.currency.clone(),
        language: invoice.language.clone(),
        reason: reason.to_owned(),
        issued_on: today.to_string(),
        net_minor: totals.net.amount_minor,
        vat_minor: totals.vat.amount_minor,
        rounding_minor: totals.rounding.amount_minor,
        total_minor: totals.total.amount_minor,
        to_prepaid_minor: to_prepaid,
        pdf_sha256: sha,
        created_by: by.label(),
        created_at: now_ms,
    };
    store::insert_credit_note(c.reborrow(), &row, &credit_lines).await?;
    store::insert_vat(c.reborrow(), &id, &invoices::vat_rows(&totals)).await?;

    // The reverse of the invoice's entries.
    let org = invoice.org_id.clone();
    let mut entries = vec![
        Entry::new(Account::Revenue(currency), totals.net),
        Entry::new(Account::Rounding(currency), totals.rounding),
        Entry::for_invoice(
            Account::Receivable(org.clone(), currency),
            Money::new(-to_receivable, currency),
            &invoice.id,
        ),
        Entry::new(
            Account::Prepaid(org.clone(), currency),
            Money::new(-to_prepaid, currency),
        ),
    ];
    for r in &totals.per_rate {
        entries.push(Entry::new(
            Account::Vat {
                rate_bp: r.rate_bp,
                currency,
            },
            r.vat,
        ));
    }
    ledger::post(
        c.reborrow(),
        &Posting {
            kind: TransactionKind::CreditNoteIssued,
            document_kind: DocumentKind::CreditNote,
            document_id: id.to_string(),
            org_id: Some(org.clone()),
            booked_on: today,
            entries,
        },
        now_ms,
    )
    .await?;
    refresh_status(c.reborrow(), ctx, &invoice.id, now_ms).await?;
    by.audit(
        c.reborrow(),
        ctx,
        "credit_note.issued",
        id.as_str(),
        Some(&org),
        &format!(
            "{number} for {} {}",
            invoice.number.as_deref().unwrap_or_default(),
            totals.total
        ),
    )
    .await?;
    view(c, row).await
}

/// A credit note's totals: VAT per rate on the sum of that rate's credited
/// lines, half-up, as on the invoice — except when the credit completes a
/// rate (everything of that rate is credited by now): then its VAT is what
/// the invoice charged at that rate less what earlier credit notes took,
/// so that crediting an invoice in parts reverses its VAT to the cent.
/// The rounding likewise: a credit that completes the invoice takes what
/// is left of its rounding; others round by the invoice's rule.
async fn credit_totals(
    mut c: Conn<'_>,
    ctx: &Ctx,
    invoice: &store::InvoiceRow,
    lines: &[store::CreditLineRow],
    currency: Currency,
) -> Result<vat::Totals> {
    let m = |minor| Money::new(minor, currency);
    let internal = |e: vat::VatError| Error::Internal(format!("billing: credit totals: {e}"));
    let invoiced = store::vat_rows(c.reborrow(), &invoice.id).await?;
    let before = store::credited_vat(c.reborrow(), &invoice.id).await?;
    let mut bases: std::collections::BTreeMap<i32, i64> = Default::default();
    for l in lines {
        *bases.entry(l.vat_rate_bp).or_default() += l.net_minor;
    }
    let mut per_rate = Vec::new();
    let mut completes_all = true;
    for r in &invoiced {
        let earlier = before.iter().find(|b| b.rate_bp == r.rate_bp);
        let (base_before, vat_before) = earlier.map_or((0, 0), |b| (b.base_minor, b.vat_minor));
        let now = bases.get(&r.rate_bp).copied().unwrap_or(0);
        if base_before + now != r.base_minor {
            completes_all = false;
        }
        if now == 0 {
            continue;
        }
        let vat = if base_before + now == r.base_minor {
            m(r.vat_minor - vat_before)
        } else {
            vat::vat_on(m(now), r.rate_bp as u32).map_err(internal)?
        };
        per_rate.push(vat::VatRow {
            rate_bp: r.rate_bp as u32,
            base: m(now),
            vat,
        });
    }
    let net = m(bases.values().sum());
    let vat_total = m(per_rate.iter().map(|r| r.vat.amount_minor).sum());
    let before_rounding = net
        .checked_add(vat_total)
        .map_err(|e| Error::Internal(format!("billing: {e}")))?;
    let rounding = if completes_all {
        m(invoice.rounding_minor - store::credited_rounding(c, &invoice.id).await?)
    } else if invoice.rounding_minor != 0
        || (ctx.config.billing.round_to_5_rappen && currency == Currency::Chf)
    {
        let rounded = vat::totals(&[(0, before_rounding)], currency, true).map_err(internal)?;
        rounded.rounding
    } else {
        m(0)
    };
    Ok(vat::Totals {
        per_rate,
        net,
        vat: vat_total,
        rounding,
        total: before_rounding
            .checked_add(rounding)
            .map_err(|e| Error::Internal(format!("billing: {e}")))?,
    })
}

/// An issued invoice's status, from the ledger and its credit notes:
/// nothing open and nothing paid → cancelled; nothing open → paid; some
/// paid → partially paid; else issued. Payments (a later area) call this
/// too after they post.
pub async fn refresh_status(
    mut c: Conn<'_>,
    ctx: &Ctx,
    invoice_id: &InvoiceId,
    now: i64,
) -> Result<()> {
    let row = store::invoice(c.reborrow(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    let status = expected_status(c.reborrow(), &row).await?;
    apply_status(c, ctx, &row, status, now).await
}

/// [`refresh_status`] for several invoices at once (a bank import's
/// batch, ADR 0017), whose rows and open amounts the caller holds, read
/// under their locks: what was credited read by one statement, only the
/// statuses that change written. The statuses that changed, by invoice id.
pub async fn refresh_known_statuses(
    mut c: Conn<'_>,
    ctx: &Ctx,
    mut rows: Vec<store::InvoiceRow>,
    open: &HashMap<String, i64>,
    now: i64,
) -> Result<HashMap<String, &'static str>> {
    let mut changed = HashMap::new();
    if rows.is_empty() {
        return Ok(changed);
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let credited = credited_of(c.reborrow(), &ids).await?;
    // In id order: the hooks of invoices found paid write in a stable order.
    rows.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    for row in rows.iter().filter(|r| r.status != "draft") {
        let (total, due) = credited.get(row.id.as_str()).copied().unwrap_or((0, 0));
        let status = status_for(
            row.total_minor,
            open.get(row.id.as_str()).copied().unwrap_or(0),
            total,
            due,
        );
        if status != row.status {
            apply_status(c.reborrow(), ctx, row, status, now).await?;
            changed.insert(row.id.to_string(), status);
        }
    }
    Ok(changed)
}

/// What was credited on each of `invoices`, by one statement: `(credited,
/// credited against what was due)` per invoice credited at all.
pub(super) async fn credited_of(
    c: Conn<'_>,
    invoices: &[&str],
) -> Result<HashMap<String, (i64, i64)>> {
    Ok(store::credit_sums_of(c, &serde_json::to_string(invoices)?)
        .await?
        .into_iter()
        .map(|(id, total, due)| (id, (total, due)))
        .collect())
}

/// Write an invoice's new status, and when it is newly paid, what follows.
async fn apply_status(
    mut c: Conn<'_>,
    ctx: &Ctx,
    row: &store::InvoiceRow,
    status: &'static str,
    now: i64,
) -> Result<()> {
    store::set_status(c.reborrow(), &row.id, status, now).await?;
    // An order's invoice paid: its products are made, in this transaction
    // (CAT-2; once, however many times the invoice is found paid); a
    // renewal's: its products' periods move (REN, once too).
    if status == "paid" && row.status != "paid" {
        crate::renewals::invoice_paid(c.reborrow(), ctx, &row.id, now).await?;
        crate::catalog::orders::invoice_paid(c, ctx, &row.id, now).await?;
    }
    Ok(())
}

/// What an issued invoice's status must be, given the ledger and its
/// credit notes: see [`status_for`], which `ledger verify` applies a page
/// of invoices at a time.
pub async fn expected_status(mut c: Conn<'_>, row: &store::InvoiceRow) -> Result<&'static str> {
    let currency = currency_of(&row.currency)?;
    let open = ledger::invoice_open(c.reborrow(), &row.id, currency)
        .await?
        .amount_minor;
    let (credited, credited_against_due) = store::credit_sums(c, &row.id).await?;
    Ok(status_for(
        row.total_minor,
        open,
        credited,
        credited_against_due,
    ))
}

/// An issued invoice's status from its figures: credited in full →
/// cancelled; nothing open → paid; something paid → partially paid; else
/// issued.
pub(super) fn status_for(
    total: i64,
    open: i64,
    credited: i64,
    credited_against_due: i64,
) -> &'static str {
    let paid = total - open - credited_against_due;
    if total > 0 && credited >= total {
        "cancelled"
    } else if open <= 0 {
        "paid"
    } else if paid > 0 {
        "partially_paid"
    } else {
        "issued"
    }
}

// ---------------------------------------------------------------- reading

/// A page of an org's credit notes, newest first (the billing right).
pub async fn list_credit_notes(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<CreditNoteView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let rows = store::credit_notes_window(c.conn(), org_id, window.offset, window.limit).await?;
    Ok(Paged {
        items: views(c.conn(), rows).await?,
        total: store::count_credit_notes(c.conn(), org_id).await? as u64,
    })
}

pub async fn get_credit_note(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    credit_note_id: &CreditNoteId,
) -> Result<CreditNoteView> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::org_credit_note(c.conn(), org_id, credit_note_id)
        .await?
        .ok_or(Error::NotFound)?;
    view(c.conn(), row).await
}

pub async fn credit_note_pdf(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    credit_note_id: &CreditNoteId,
) -> Result<(String, Vec<u8>)> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::org_credit_note(c.conn(), org_id, credit_note_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        row.number,
        invoices::stored_pdf(c.conn(), row.id.as_str()).await?,
    ))
}

/// Staff: one credit note.
pub async fn staff_credit_note(
    ctx: &Ctx,
    by: Issuer<'_>,
    credit_note_id: &CreditNoteId,
) -> Result<CreditNoteView> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let row = store::credit_note(c.conn(), credit_note_id)
        .await?
        .ok_or(Error::NotFound)?;
    view(c.conn(), row).await
}

/// Staff: an invoice's credit notes in full (lines, VAT), in the order
/// they were issued, read together (the back office's invoice page).
pub async fn staff_invoice_credit_notes(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
) -> Result<Vec<CreditNoteView>> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let rows = store::credit_notes_of_invoice(c.conn(), invoice_id).await?;
    views(c.conn(), rows).await
}

/// Staff and the operator: a credit note's PDF.
pub async fn staff_credit_note_pdf(
    ctx: &Ctx,
    by: Issuer<'_>,
    credit_note_id: &CreditNoteId,
) -> Result<(String, Vec<u8>)> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let row = store::credit_note(c.conn(), credit_note_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        row.number,
        invoices::stored_pdf(c.conn(), row.id.as_str()).await?,
    ))
}
