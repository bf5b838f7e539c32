//! Importing a statement (BNK-2..4): each transaction of the file is
//! matched by its reference and booked once, in one transaction per file.
//!
//! A file is all or nothing: the first error (not camt, cut short, wrong
//! account, a bad amount) rolls back everything read from it. Imports take
//! one lock row (`bank:import`) first, so two imports at once run one
//! after the other and the second finds the first's bank keys booked; the
//! unique key on `bank_entries.bank_ref` is what decides (BNK-4).
//!
//! Where a credit goes (BNK-2, BNK-3, BIL-4):
//! - its reference is an invoice's, in the invoice's currency, and the
//!   invoice still owes something: to the invoice, at most what it owes,
//!   the rest to the org's prepaid account (paid, partially paid,
//!   overpaid). A transfer the customer announced (a payment awaiting it)
//!   is that payment's capture;
//! - its reference is a top-up's: to the org's prepaid account (the top-up
//!   succeeds, for the amount that arrived);
//! - the invoice is paid already, the currency is another, the top-up
//!   arrived before, the reference is unknown or missing: to the prepaid
//!   account of the org the reference — else the debtor's account, from
//!   its earlier credits — points to;
//! - nobody found: to suspense, listed for staff ([`super::assign`]).
//!
//! Whatever happened, the org's owners get a mail in its language.

use std::{collections::HashMap, io::BufRead};

use super::{
    bulk,
    camt::{CamtReader, Item, Transaction},
    store::{self, EntryRow, ImportRow},
};
use crate::{
    Ctx,
    access::staff::{self as staff_access, StaffAction, StaffActor},
    billing::{
        self,
        invoices::currency_of,
        ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
        reference::Reference,
    },
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    ids::{BankEntryId, BankImportId, InvoiceId, OrgId},
    money::Money,
    outbox,
    payments::{self, store::PaymentRow},
};

/// The lock row every import takes first.
pub(crate) const IMPORT_LOCK: &str = "bank:import";

/// What an import did, for the summary the CLI, the API and the back
/// office show.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ImportSummary {
    /// The import's id (empty when the file is refused).
    pub id: String,
    pub file_name: String,
    /// `camt.054.001.08`…
    pub message: String,
    /// Transactions read, of any kind.
    pub entries_read: u64,
    /// Credits and reversals booked by this import.
    pub booked: u64,
    /// Credits that paid an invoice or a top-up by its reference.
    pub matched: u64,
    /// Credits parked: on a prepaid account without paying what their
    /// reference names, or in suspense.
    pub parked: u64,
    /// Of them, in suspense (nobody found).
    pub suspense: u64,
    /// Reversals and returned payments booked.
    pub reversed: u64,
    /// Transactions booked already, by an earlier import (BNK-4).
    pub already_booked: u64,
    /// Entries that move no money in (pending, debits).
    pub not_credits: u64,
}

impl ImportSummary {
    /// Count a credit by its outcome (`None`: booked before).
    fn count_credit(&mut self, outcome: Option<&str>) {
        let Some(outcome) = outcome else {
            self.already_booked += 1;
            return;
        };
        self.booked += 1;
        match outcome {
            "suspense" => {
                self.parked += 1;
                self.suspense += 1;
            }
            "prepaid" => self.parked += 1,
            _ => self.matched += 1,
        }
    }
}

/// Who imports: a staff member, or the operator at the command line.
#[derive(Debug, Clone, Copy)]
pub enum Importer<'a> {
    Staff(&'a StaffActor),
    Operator,
}

impl Importer<'_> {
    pub(super) fn staff(&self) -> Option<&StaffActor> {
        match self {
            Importer::Staff(a) => Some(a),
            Importer::Operator => None,
        }
    }
}

/// Where one credit goes.
#[allow(clippy::large_enum_variant, reason = "one at a time, for one credit")]
pub(super) enum Placement {
    Invoice {
        invoice: billing::store::InvoiceRow,
        payment: Option<PaymentRow>,
        /// What the invoice owed before this credit.
        open: i64,
        to_invoice: i64,
    },
    TopUp {
        payment: PaymentRow,
    },
    Prepaid {
        org_id: String,
        reason: &'static str,
        invoice: Option<billing::store::InvoiceRow>,
    },
    Suspense {
        reason: &'static str,
    },
}

/// Import one file: read it all, book what it holds, in one transaction.
/// `progress` hears how many bytes are read, now and then.
pub async fn import<R: BufRead + Send>(
    ctx: &Ctx,
    by: Importer<'_>,
    file_name: &str,
    input: R,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<ImportSummary> {
    if let Some(a) = by.staff() {
        staff_access::check(a, StaffAction::ReconcileBank)?;
    }
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut reader = CamtReader::new(input, ctx.config.billing.accounts());
    let refused = |e: super::camt::CamtError| {
        Error::invalid(
            "file",
            "invalid_statement",
            format!("{file_name}: {e}. Nothing of this file was booked."),
        )
    };
    let mut tx = ctx.db.begin().await?;
    ledger::lock(tx.conn(), IMPORT_LOCK, now_ms).await?;
    let mut row = ImportRow {
        id: BankImportId::new(now).to_string(),
        file_name: file_name.chars().take(200).collect(),
        message: String::new(),
        imported_by: by.staff().map(|a| a.user_id.to_string()),
        entries_read: 0,
        booked: 0,
        matched: 0,
        parked: 0,
        skipped: 0,
        created_at: now_ms,
    };
    store::insert_import(tx.conn(), &row).await?;
    let mut summary = ImportSummary {
        id: row.id.clone(),
        file_name: row.file_name.clone(),
        ..ImportSummary::default()
    };
    let mut read = 0u64;
    let mut owners = Owners::default();
    let mut debtors = bulk::Debtors::default();
    let mut invoices = bulk::Invoices::default();
    // Credits are booked a batch at a time (ADR 0017); a reversal waits
    // for the credits read before it, which it may undo.
    let mut credits: Vec<Transaction> = Vec::with_capacity(bulk::BATCH);
    loop {
        let item = reader.next().map_err(refused)?;
        let flush = match &item {
            None | Some(Item::Reversal(_)) => !credits.is_empty(),
            Some(_) => credits.len() >= bulk::BATCH,
        };
        if flush {
            let outcomes = bulk::book_credits(
                tx.conn(),
                ctx,
                by,
                &mut owners,
                &mut debtors,
                &mut invoices,
                &row.id,
                &credits,
                now_ms,
            )
            .await?;
            for outcome in outcomes {
                summary.count_credit(outcome);
            }
            credits.clear();
        }
        let Some(item) = item else { break };
        summary.entries_read += 1;
        match item {
            Item::Credit(t) => credits.push(t),
            Item::Reversal(t) => {
                invoices.forget_all();
                match book_reversal(tx.conn(), ctx, by, &mut owners, &row.id, &t, now_ms).await? {
                    None => summary.already_booked += 1,
                    Some(_) => {
                        summary.booked += 1;
                        summary.reversed += 1;
                    }
                }
            }
            Item::Skipped { .. } => summary.not_credits += 1,
        }
        let bytes = reader.bytes_read();
        if bytes >= read + 64 * 1024 {
            read = bytes;
            progress(bytes);
        }
    }
    progress(reader.bytes_read());
    summary.message = reader.message().unwrap_or_default().to_owned();
    row.message = summary.message.clone();
    row.entries_read = summary.entries_read as i64;
    row.booked = summary.booked as i64;
    row.matched = summary.matched as i64;
    row.parked = summary.parked as i64;
    row.skipped = (summary.already_booked + summary.not_credits) as i64;
    store::finish_import(tx.conn(), &row).await?;
    crate::staff::audit_in(
        tx.conn(),
        ctx,
        by.staff(),
        "bank.imported",
        &row.id,
        None,
        &format!(
            "{} ({}): {} read, {} booked, {} matched, {} parked ({} in suspense), {} reversed, {} booked before",
            row.file_name,
            row.message,
            summary.entries_read,
            summary.booked,
            summary.matched,
            summary.parked,
            summary.suspense,
            summary.reversed,
            summary.already_booked
        ),
    )
    .await?;
    tx.commit().await?;
    metrics::counter!("guichet_bank_entries_booked_total").increment(summary.booked);
    Ok(summary)
}

/// What booking one placed credit writes: its row, its posting, the
/// payment it captures, what the invoice still owes after it. Computed
/// alike for a credit booked alone ([`book_credit`]) and in a batch
/// ([`super::bulk`]).
pub(super) struct Booking {
    pub row: EntryRow,
    pub outcome: &'static str,
    pub posting: Posting,
    pub payment: Option<PaymentRow>,
    /// What the invoice owes after this credit, when it paid one.
    pub open_after: Option<Money>,
}

pub(super) fn booking(
    ctx: &Ctx,
    import_id: &str,
    t: &Transaction,
    placement: &Placement,
    now_ms: i64,
) -> Booking {
    let currency = t.amount.currency;
    let amount = t.amount.amount_minor;
    let mut row = entry_row(ctx, import_id, t, "credit", now_ms);
    let (outcome, org_id, to_invoice, to_prepaid) = match placement {
        Placement::Invoice {
            invoice,
            to_invoice,
            open,
            ..
        } => {
            let outcome = if *to_invoice < amount {
                "overpaid"
            } else if *open == amount {
                "paid"
            } else {
                "partially_paid"
            };
            row.invoice_id = Some(invoice.id.to_string());
            (
                outcome,
                Some(invoice.org_id.to_string()),
                *to_invoice,
                amount - to_invoice,
            )
        }
        Placement::TopUp { payment } => ("top_up", Some(payment.org_id.to_string()), 0, amount),
        Placement::Prepaid {
            org_id,
            reason,
            invoice,
        } => {
            row.reason = Some((*reason).into());
            row.invoice_id = invoice.as_ref().map(|i| i.id.to_string());
            ("prepaid", Some(org_id.clone()), 0, amount)
        }
        Placement::Suspense { reason } => {
            row.reason = Some((*reason).into());
            ("suspense", None, 0, 0)
        }
    };
    row.outcome = outcome.into();
    row.org_id = org_id.clone();
    row.to_invoice_minor = to_invoice;
    row.to_prepaid_minor = to_prepaid;
    let payment = match placement {
        Placement::Invoice { payment, .. } => payment.clone(),
        Placement::TopUp { payment } => Some(payment.clone()),
        _ => None,
    };
    row.payment_id = payment.as_ref().map(|p| p.id.to_string());
    // The money: from the bank, to the invoice, the prepaid account or
    // suspense.
    let mut entries = vec![Entry::new(Account::Bank(currency), t.amount)];
    match &org_id {
        Some(org) => {
            let org = OrgId::from_stored(org.clone());
            if let Placement::Invoice { invoice, .. } = placement {
                entries.push(Entry::for_invoice(
                    Account::Receivable(org.clone(), currency),
                    Money::new(-to_invoice, currency),
                    &invoice.id,
                ));
            }
            if to_prepaid > 0 {
                entries.push(Entry::new(
                    Account::Prepaid(org, currency),
                    Money::new(-to_prepaid, currency),
                ));
            }
        }
        None => entries.push(Entry::new(
            Account::Suspense(currency),
            Money::new(-amount, currency),
        )),
    }
    let (kind, document_kind, document_id) = match &payment {
        Some(p) => (
            TransactionKind::PaymentCaptured,
            DocumentKind::Payment,
            p.id.to_string(),
        ),
        None => (
            TransactionKind::BankCredit,
            DocumentKind::BankEntry,
            row.id.clone(),
        ),
    };
    let open_after = match placement {
        Placement::Invoice { open, .. } => Some(Money::new(open - to_invoice, currency)),
        _ => None,
    };
    Booking {
        posting: Posting {
            kind,
            document_kind,
            document_id,
            org_id: org_id.map(OrgId::from_stored),
            booked_on: booked_on(ctx, t),
            entries,
        },
        row,
        outcome,
        payment,
        open_after,
    }
}

/// The staff log's line for a credit booked.
pub(super) fn credit_audit_detail(t: &Transaction, b: &Booking) -> String {
    format!(
        "{} from {} ({}): {}{}",
        t.amount,
        t.debtor_name.as_deref().unwrap_or("an unnamed debtor"),
        t.reference.as_deref().unwrap_or("no reference"),
        b.outcome,
        b.row
            .reason
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default()
    )
}

/// Book one credit unless its bank key is booked already; answers its
/// outcome and the org it went to, or `None` when it was booked before.
pub(super) async fn book_credit(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Importer<'_>,
    owners: &mut Owners,
    import_id: &str,
    t: &Transaction,
    now_ms: i64,
) -> Result<Option<(&'static str, Option<String>)>> {
    let placement = place(c.reborrow(), t, now_ms).await?;
    let b = booking(ctx, import_id, t, &placement, now_ms);
    if !store::insert_entry(c.reborrow(), &b.row).await? {
        return Ok(None);
    }
    if let Some(p) = &b.payment
        && !payments::store::mark_succeeded(
            c.reborrow(),
            &p.id,
            None,
            b.row.amount_minor,
            b.row.to_prepaid_minor,
            now_ms,
        )
        .await?
    {
        return Err(Error::Internal(format!(
            "bank: payment {} settled under the import lock",
            p.id
        )));
    }
    ledger::post(c.reborrow(), &b.posting, now_ms).await?;
    if let Some(p) = &b.payment {
        let settled = payments::store::payment(c.reborrow(), &p.id)
            .await?
            .ok_or(Error::NotFound)?;
        payments::settle::audit(c.reborrow(), ctx, &settled, "payment.succeeded").await?;
    }
    // An order waiting for this transfer is released, a renewal's period
    // moves (CAT-2, REN): as when a card pays.
    if let Some(invoice) = &b.row.invoice_id
        && b.row.to_invoice_minor > 0
    {
        billing::credit_notes::refresh_status(
            c.reborrow(),
            ctx,
            &InvoiceId::from_stored(invoice.clone()),
            now_ms,
        )
        .await?;
    }
    crate::staff::audit_in(
        c.reborrow(),
        ctx,
        by.staff(),
        "bank.credit_booked",
        &b.row.id,
        b.row.org_id.clone().map(OrgId::from_stored).as_ref(),
        &credit_audit_detail(t, &b),
    )
    .await?;
    if let Some(org) = &b.row.org_id {
        let invoice = match &placement {
            Placement::Invoice { invoice, .. } => Some(invoice),
            Placement::Prepaid { invoice, .. } => invoice.as_ref(),
            _ => None,
        };
        tell_credit(
            c,
            ctx,
            owners,
            org,
            &b.row,
            b.outcome,
            invoice,
            b.open_after,
        )
        .await?;
    }
    Ok(Some((b.outcome, b.row.org_id)))
}

/// Decide where a credit goes (see the module's text). Takes the
/// invoice's lock before reading what it owes.
pub(super) async fn place(mut c: Conn<'_>, t: &Transaction, now_ms: i64) -> Result<Placement> {
    let currency = t.amount.currency;
    let reference = t
        .reference
        .as_deref()
        .and_then(|r| Reference::parse_any(r).ok());
    if let Some(r) = &reference {
        if let Some(invoice) = billing::store::invoice_by_reference(c.reborrow(), r.as_str())
            .await?
            .filter(|i| i.status != "draft")
        {
            if invoice.currency != currency.code() {
                return Ok(Placement::Prepaid {
                    org_id: invoice.org_id.to_string(),
                    reason: "other_currency",
                    invoice: Some(invoice),
                });
            }
            ledger::lock(c.reborrow(), &ledger::invoice_lock_key(&invoice.id), now_ms).await?;
            let open = ledger::invoice_open(c.reborrow(), &invoice.id, currency)
                .await?
                .amount_minor;
            if open <= 0 {
                return Ok(Placement::Prepaid {
                    org_id: invoice.org_id.to_string(),
                    reason: "already_paid",
                    invoice: Some(invoice),
                });
            }
            let payment = payments::store::awaiting_transfer(c.reborrow(), invoice.id.as_str())
                .await?
                .filter(|p| p.currency == invoice.currency);
            return Ok(Placement::Invoice {
                to_invoice: open.min(t.amount.amount_minor),
                open,
                invoice,
                payment,
            });
        }
        if let Some(payment) =
            payments::store::top_up_by_reference(c.reborrow(), r.as_str()).await?
        {
            if payment.status == "awaiting_transfer" && payment.currency == currency.code() {
                return Ok(Placement::TopUp { payment });
            }
            let reason = if payment.currency != currency.code() {
                "other_currency"
            } else {
                "reused_reference"
            };
            return Ok(Placement::Prepaid {
                org_id: payment.org_id.to_string(),
                reason,
                invoice: None,
            });
        }
    }
    let reason = if t.reference.is_some() {
        "unknown_reference"
    } else {
        "no_reference"
    };
    if let Some(iban) = &t.debtor_iban
        && let Some(org_id) = store::org_of_debtor(c, iban).await?
    {
        return Ok(Placement::Prepaid {
            org_id,
            reason,
            invoice: None,
        });
    }
    Ok(Placement::Suspense { reason })
}

/// Book a reversal or a returned payment: the reverse of where the credit
/// it undoes went. What the org already spent of a prepaid credit cannot be
/// taken back from its prepaid account (never overdrawn): that part, and a
/// reversal whose credit is not found, is debited to suspense for staff.
async fn book_reversal(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Importer<'_>,
    owners: &mut Owners,
    import_id: &str,
    t: &Transaction,
    now_ms: i64,
) -> Result<Option<&'static str>> {
    let currency = t.amount.currency;
    let amount = t.amount.amount_minor;
    let reference = stored_reference(t);
    let original = store::reversed_credit(
        c.reborrow(),
        &t.account_iban,
        amount,
        currency.code(),
        reference.as_deref(),
        t.debtor_iban.as_deref(),
    )
    .await?;
    let mut row = entry_row(ctx, import_id, t, "reversal", now_ms);
    row.outcome = if original.is_some() {
        "reversal"
    } else {
        "unmatched_reversal"
    }
    .into();
    if let Some(o) = &original {
        row.reverses_id = Some(o.id.clone());
        row.org_id = o.org_id.clone();
        row.invoice_id = o.invoice_id.clone().filter(|_| o.to_invoice_minor > 0);
        row.to_invoice_minor = o.to_invoice_minor;
    }
    let mut entries = vec![Entry::new(
        Account::Bank(currency),
        Money::new(-amount, currency),
    )];
    let mut to_suspense = amount;
    if let (Some(o), Some(org)) = (&original, &row.org_id) {
        let org = OrgId::from_stored(org.clone());
        if let Some(invoice) = &row.invoice_id {
            entries.push(Entry::for_invoice(
                Account::Receivable(org.clone(), currency),
                Money::new(o.to_invoice_minor, currency),
                &InvoiceId::from_stored(invoice.clone()),
            ));
            to_suspense -= o.to_invoice_minor;
        }
        if o.to_prepaid_minor > 0 {
            let prepaid = Account::Prepaid(org, currency);
            ledger::lock(c.reborrow(), &prepaid.key(), now_ms).await?;
            let available = -ledger::balance(c.reborrow(), &prepaid).await?.amount_minor;
            let taken = o.to_prepaid_minor.min(available.max(0));
            if taken > 0 {
                entries.push(Entry::new(prepaid, Money::new(taken, currency)));
            }
            to_suspense -= taken;
            row.to_prepaid_minor = taken;
        }
    }
    if to_suspense > 0 {
        entries.push(Entry::new(
            Account::Suspense(currency),
            Money::new(to_suspense, currency),
        ));
    }
    if !store::insert_entry(c.reborrow(), &row).await? {
        return Ok(None);
    }
    ledger::post(
        c.reborrow(),
        &Posting {
            kind: TransactionKind::BankReversal,
            document_kind: DocumentKind::BankEntry,
            document_id: row.id.clone(),
            org_id: row.org_id.clone().map(OrgId::from_stored),
            booked_on: booked_on(ctx, t),
            entries,
        },
        now_ms,
    )
    .await?;
    if let Some(invoice) = &row.invoice_id {
        billing::credit_notes::refresh_status(
            c.reborrow(),
            ctx,
            &InvoiceId::from_stored(invoice.clone()),
            now_ms,
        )
        .await?;
    }
    crate::staff::audit_in(
        c.reborrow(),
        ctx,
        by.staff(),
        "bank.credit_reversed",
        &row.id,
        row.org_id.clone().map(OrgId::from_stored).as_ref(),
        &format!(
            "{} taken back by the bank{}{}",
            t.amount,
            original
                .as_ref()
                .map(|o| format!(", reversing {}", o.id))
                .unwrap_or_else(|| ", no credit found to reverse".into()),
            if to_suspense > 0 {
                format!(
                    "; {} debited to suspense",
                    Money::new(to_suspense, currency)
                )
            } else {
                String::new()
            }
        ),
    )
    .await?;
    if let Some(org) = &row.org_id {
        let number = match &row.invoice_id {
            Some(i) => invoice_number(c.reborrow(), i).await?,
            None => String::new(),
        };
        let args = vec![
            ("amount", t.amount.to_string()),
            ("date", row.booked_on.clone().unwrap_or_default()),
            (
                "number",
                if number.is_empty() {
                    "none".into()
                } else {
                    number
                },
            ),
            ("link", payments_url(ctx, org)),
        ];
        tell(c, ctx, owners, org, "bank_reversal", args).await?;
    }
    Ok(Some("reversal"))
}

/// The row of a transaction about to be booked.
fn entry_row(ctx: &Ctx, import_id: &str, t: &Transaction, kind: &str, now_ms: i64) -> EntryRow {
    EntryRow {
        id: BankEntryId::new(ctx.clock.now()).to_string(),
        import_id: import_id.into(),
        bank_ref: t.bank_ref.clone(),
        kind: kind.into(),
        account_iban: t.account_iban.clone(),
        booked_on: t.booked_on.clone(),
        currency: t.amount.currency.code().into(),
        amount_minor: t.amount.amount_minor,
        charges_minor: t
            .charges
            .filter(|c| c.currency == t.amount.currency)
            .map_or(0, |c| c.amount_minor),
        servicer_ref: t.servicer_ref.clone(),
        reference: stored_reference(t),
        remittance: t.remittance.as_ref().map(|r| r.chars().take(500).collect()),
        debtor_name: t
            .debtor_name
            .as_ref()
            .map(|n| n.chars().take(140).collect()),
        debtor_iban: t.debtor_iban.clone(),
        outcome: String::new(),
        reason: None,
        org_id: None,
        invoice_id: None,
        payment_id: None,
        to_invoice_minor: 0,
        to_prepaid_minor: 0,
        reverses_id: None,
        assigned_by: None,
        assigned_at: None,
        created_at: now_ms,
    }
}

/// A transaction's reference as stored (and looked up by a reversal): a
/// QRR or RF in its compact form, anything else as read, cut at 140.
fn stored_reference(t: &Transaction) -> Option<String> {
    t.reference
        .as_deref()
        .map(|r| match Reference::parse_any(r) {
            Ok(parsed) => parsed.as_str().to_owned(),
            Err(_) => r.chars().take(140).collect(),
        })
}

/// The day the bank booked it, else today.
fn booked_on(ctx: &Ctx, t: &Transaction) -> jiff::civil::Date {
    t.booked_on
        .as_deref()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| ctx.today())
}

/// Tell the org's owners what arrived and where it went (BNK-3);
/// `open_after`, what the invoice still owes, when known.
#[allow(clippy::too_many_arguments)]
async fn tell_credit(
    mut c: Conn<'_>,
    ctx: &Ctx,
    owners: &mut Owners,
    org_id: &str,
    row: &EntryRow,
    outcome: &str,
    invoice: Option<&billing::store::InvoiceRow>,
    open_after: Option<Money>,
) -> Result<()> {
    let open = match (invoice, open_after) {
        (Some(invoice), None) => Some(
            ledger::invoice_open(c.reborrow(), &invoice.id, currency_of(&invoice.currency)?)
                .await?,
        ),
        _ => open_after,
    };
    let args = credit_mail_args(ctx, org_id, row, outcome, invoice, open)?;
    tell(c, ctx, owners, org_id, "bank_credit", args).await
}

/// The `bank_credit` mail's words: what arrived, where it went, and, when
/// it went to an invoice, what that invoice still owes (`open`).
pub(super) fn credit_mail_args(
    ctx: &Ctx,
    org_id: &str,
    row: &EntryRow,
    outcome: &str,
    invoice: Option<&billing::store::InvoiceRow>,
    open: Option<Money>,
) -> Result<Vec<(&'static str, String)>> {
    let currency = currency_of(&row.currency)?;
    let (number, open, link) = match invoice {
        Some(invoice) => (
            invoice.number.clone().unwrap_or_default(),
            open.map(|o| o.to_string()).unwrap_or_default(),
            crate::renewals::renew::invoice_url(ctx, org_id, invoice.id.as_str()),
        ),
        None => ("none".into(), String::new(), payments_url(ctx, org_id)),
    };
    Ok(vec![
        ("amount", Money::new(row.amount_minor, currency).to_string()),
        ("date", row.booked_on.clone().unwrap_or_default()),
        ("outcome", outcome.to_owned()),
        (
            "reason",
            row.reason.clone().unwrap_or_else(|| "none".into()),
        ),
        ("number", number),
        ("open", open),
        (
            "prepaid",
            Money::new(row.to_prepaid_minor, currency).to_string(),
        ),
        ("link", link),
    ])
}

/// Tell the org's owners that staff gave them a credit held in suspense.
pub(crate) async fn tell_assigned(
    mut c: Conn<'_>,
    ctx: &Ctx,
    row: &EntryRow,
    invoice: Option<&billing::store::InvoiceRow>,
) -> Result<()> {
    let Some(org) = &row.org_id else {
        return Ok(());
    };
    let outcome = match invoice {
        Some(_) if row.to_invoice_minor == 0 => "prepaid",
        Some(_) if row.to_prepaid_minor > 0 => "overpaid",
        Some(i) => {
            let open = ledger::invoice_open(c.reborrow(), &i.id, currency_of(&i.currency)?).await?;
            if open.amount_minor <= 0 {
                "paid"
            } else {
                "partially_paid"
            }
        }
        None => "prepaid",
    };
    tell_credit(
        c,
        ctx,
        &mut Owners::default(),
        org,
        row,
        outcome,
        invoice,
        None,
    )
    .await
}

async fn tell(
    mut c: Conn<'_>,
    ctx: &Ctx,
    owners: &mut Owners,
    org_id: &str,
    template: &str,
    args: Vec<(&str, String)>,
) -> Result<()> {
    owners.load(c.reborrow(), &[org_id]).await?;
    let (lang, contacts) = owners.get(org_id)?;
    let mails = crate::renewals::renew::mails(contacts, *lang, template, &args, None);
    outbox::enqueue_mails(c, ctx, mails).await
}

/// The language and owners' addresses of the orgs an import tells, read
/// once per org and import (a day's file names the same orgs many times).
#[derive(Default)]
pub(crate) struct Owners(HashMap<String, (Lang, Vec<String>)>);

impl Owners {
    /// Read those of `orgs` not read yet.
    pub(super) async fn load(&mut self, mut c: Conn<'_>, orgs: &[&str]) -> Result<()> {
        for org_id in orgs {
            if !self.0.contains_key(*org_id) {
                let lang = crate::renewals::renew::language(c.reborrow(), org_id).await?;
                let contacts = payments::reminders::contacts(c.reborrow(), org_id).await?;
                self.0.insert((*org_id).to_owned(), (lang, contacts));
            }
        }
        Ok(())
    }

    /// An org's, once [`Owners::load`]ed.
    pub(super) fn get(&self, org_id: &str) -> Result<&(Lang, Vec<String>)> {
        self.0
            .get(org_id)
            .ok_or_else(|| Error::Internal("bank: owners not read".into()))
    }
}

async fn invoice_number(c: Conn<'_>, invoice_id: &str) -> Result<String> {
    Ok(billing::store::invoice(c, invoice_id)
        .await?
        .and_then(|i| i.number)
        .unwrap_or_default())
}

/// The console page of an org's payments and prepaid account.
pub(crate) fn payments_url(ctx: &Ctx, org_id: &str) -> String {
    format!(
        "{}/orgs/{org_id}/payments",
        ctx.config.public_url.trim_end_matches('/')
    )
}
