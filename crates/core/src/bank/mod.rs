//! Bank reconciliation (BNK-2..4): importing the bank's camt.053 and
//! camt.054 files, matching each credit to its invoice or top-up by
//! reference, booking it once, and the suspense staff assign.
//! docs/bank.md tells it as an operator reads it.

mod bulk;
pub mod camt;
pub mod import;
pub mod store;

use serde::{Deserialize, Serialize};

pub use import::{ImportSummary, Importer, import};

use crate::{
    Ctx,
    access::staff::{self as staff_access, StaffAction, StaffActor},
    billing::{
        self,
        invoices::currency_of,
        ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
    },
    error::{Error, Result},
    ids::{InvoiceId, OrgId},
    money::Money,
};

/// A credit or reversal as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BankEntryView {
    pub id: String,
    /// `credit` or `reversal`.
    pub kind: String,
    /// The once-only key (BNK-4): the provider's IBAN and the bank's
    /// reference, or a hash of the transaction (docs/bank.md).
    pub bank_ref: String,
    pub booked_on: Option<String>,
    pub amount: Money,
    /// The bank's charges recorded with it.
    pub charges: Money,
    /// The structured reference (QRR or RF) it carried.
    pub reference: Option<String>,
    /// Its free text, when it had one.
    pub remittance: Option<String>,
    pub debtor_name: Option<String>,
    pub debtor_iban: Option<String>,
    /// `paid`, `partially_paid`, `overpaid`, `top_up`, `prepaid`,
    /// `suspense`, `assigned`, `reversal`, `unmatched_reversal`.
    pub outcome: String,
    /// Why it went to a prepaid account or suspense: `already_paid`,
    /// `other_currency`, `reused_reference`, `unknown_reference`,
    /// `no_reference`.
    pub reason: Option<String>,
    pub org_id: Option<String>,
    pub invoice_id: Option<String>,
    /// Of the amount, what went to the invoice and to the prepaid account.
    pub to_invoice: Money,
    pub to_prepaid: Money,
    /// A reversal: the credit it undid.
    pub reverses_id: Option<String>,
    pub import_id: String,
    pub created_at: i64,
}

impl BankEntryView {
    pub fn from_row(r: store::EntryRow) -> Result<BankEntryView> {
        let c = currency_of(&r.currency)?;
        Ok(BankEntryView {
            id: r.id,
            kind: r.kind,
            bank_ref: r.bank_ref,
            booked_on: r.booked_on,
            amount: Money::new(r.amount_minor, c),
            charges: Money::new(r.charges_minor, c),
            reference: r.reference,
            remittance: r.remittance,
            debtor_name: r.debtor_name,
            debtor_iban: r.debtor_iban,
            outcome: r.outcome,
            reason: r.reason,
            org_id: r.org_id,
            invoice_id: r.invoice_id,
            to_invoice: Money::new(r.to_invoice_minor, c),
            to_prepaid: Money::new(r.to_prepaid_minor, c),
            reverses_id: r.reverses_id,
            import_id: r.import_id,
            created_at: r.created_at,
        })
    }
}

/// Credits held in suspense (nobody found), oldest first.
pub async fn suspense(ctx: &Ctx, actor: &StaffActor) -> Result<Vec<BankEntryView>> {
    staff_access::check(actor, StaffAction::ReconcileBank)?;
    let mut c = ctx.db.acquire().await?;
    store::suspense(c.conn(), 500)
        .await?
        .into_iter()
        .map(BankEntryView::from_row)
        .collect()
}

/// The latest imports, newest first.
pub async fn imports(ctx: &Ctx, actor: &StaffActor) -> Result<Vec<store::ImportRow>> {
    staff_access::check(actor, StaffAction::ReconcileBank)?;
    let mut c = ctx.db.acquire().await?;
    store::imports(c.conn(), 50).await
}

/// Where staff give a credit held in suspense: an org (its prepaid
/// account), or an invoice (by number or id; the rest beyond what it owes
/// to its org's prepaid account).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    #[serde(default)]
    pub org_id: Option<String>,
    /// An invoice's number (`2026-00042`) or id.
    #[serde(default)]
    pub invoice: Option<String>,
}

/// Give a credit held in suspense to an org or invoice (BNK-3): once, by a
/// conditional update under the import lock; the org's owners are told.
pub async fn assign(
    ctx: &Ctx,
    actor: &StaffActor,
    entry_id: &str,
    input: &AssignInput,
) -> Result<BankEntryView> {
    staff_access::check(actor, StaffAction::ReconcileBank)?;
    let now_ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    ledger::lock(tx.conn(), import::IMPORT_LOCK, now_ms).await?;
    let entry = store::entry(tx.conn(), entry_id)
        .await?
        .ok_or(Error::NotFound)?;
    if entry.outcome != "suspense" || store::is_reversed(tx.conn(), &entry.id).await? {
        return Err(Error::Conflict {
            code: "not_in_suspense",
            description:
                "This credit is no longer in suspense: it was assigned or taken back by the bank."
                    .into(),
        });
    }
    let currency = currency_of(&entry.currency)?;
    let invoice_text = input
        .invoice
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let org_text = input
        .org_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (org_id, invoice) = match (invoice_text, org_text) {
        (Some(i), _) => {
            let invoice = billing::store::invoice_by_number_or_id(tx.conn(), i)
                .await?
                .filter(|r| r.status != "draft")
                .ok_or_else(|| {
                    Error::invalid(
                        "invoice",
                        "unknown_invoice",
                        "No issued invoice has this number or id.",
                    )
                })?;
            if org_text.is_some_and(|o| o != invoice.org_id.as_str()) {
                return Err(Error::invalid(
                    "org_id",
                    "org_mismatch",
                    "The invoice belongs to another organisation.",
                ));
            }
            if invoice.currency != entry.currency {
                return Err(Error::invalid(
                    "invoice",
                    "other_currency",
                    format!(
                        "The invoice is in {}, the credit in {}: give it to the organisation instead.",
                        invoice.currency, entry.currency
                    ),
                ));
            }
            (invoice.org_id.to_string(), Some(invoice))
        }
        (None, Some(o)) => {
            let org = crate::orgs::store::org(tx.conn(), o)
                .await?
                .ok_or_else(|| {
                    Error::invalid("org_id", "unknown_org", "No organisation has this id.")
                })?;
            (org.id.to_string(), None)
        }
        (None, None) => {
            return Err(Error::invalid(
                "org_id",
                "required",
                "Give an organisation's id or an invoice's number.",
            ));
        }
    };
    let amount = entry.amount_minor;
    let to_invoice = match &invoice {
        Some(i) => {
            ledger::lock(tx.conn(), &ledger::invoice_lock_key(&i.id), now_ms).await?;
            ledger::invoice_open(tx.conn(), &i.id, currency)
                .await?
                .amount_minor
                .clamp(0, amount)
        }
        None => 0,
    };
    let to_prepaid = amount - to_invoice;
    let invoice_id = invoice.as_ref().map(|i| i.id.to_string());
    if !store::assign(
        tx.conn(),
        &entry.id,
        &org_id,
        invoice_id.as_deref(),
        to_invoice,
        to_prepaid,
        actor.user_id.as_str(),
        now_ms,
    )
    .await?
    {
        return Err(Error::Conflict {
            code: "not_in_suspense",
            description: "This credit is no longer in suspense.".into(),
        });
    }
    let org = OrgId::from_stored(org_id.clone());
    let mut entries = vec![Entry::new(
        Account::Suspense(currency),
        Money::new(amount, currency),
    )];
    if let Some(i) = &invoice
        && to_invoice > 0
    {
        entries.push(Entry::for_invoice(
            Account::Receivable(org.clone(), currency),
            Money::new(-to_invoice, currency),
            &i.id,
        ));
    }
    if to_prepaid > 0 {
        entries.push(Entry::new(
            Account::Prepaid(org.clone(), currency),
            Money::new(-to_prepaid, currency),
        ));
    }
    ledger::post(
        tx.conn(),
        &Posting {
            kind: TransactionKind::SuspenseAssigned,
            document_kind: DocumentKind::BankEntry,
            document_id: entry.id.clone(),
            org_id: Some(org.clone()),
            booked_on: ctx.today(),
            entries,
        },
        now_ms,
    )
    .await?;
    if let Some(i) = &invoice
        && to_invoice > 0
    {
        billing::credit_notes::refresh_status(
            tx.conn(),
            ctx,
            &InvoiceId::from_stored(i.id.to_string()),
            now_ms,
        )
        .await?;
    }
    crate::staff::audit_in(
        tx.conn(),
        ctx,
        Some(actor),
        "bank.suspense_assigned",
        &entry.id,
        Some(&org),
        &format!(
            "{} from {} given to {}{}",
            Money::new(amount, currency),
            entry.debtor_name.as_deref().unwrap_or("an unnamed debtor"),
            org_id,
            invoice
                .as_ref()
                .map(|i| format!(", invoice {}", i.number.clone().unwrap_or_default()))
                .unwrap_or_default()
        ),
    )
    .await?;
    let row = store::entry(tx.conn(), &entry.id)
        .await?
        .ok_or(Error::NotFound)?;
    import::tell_assigned(tx.conn(), ctx, &row, invoice.as_ref()).await?;
    tx.commit().await?;
    BankEntryView::from_row(row)
}
