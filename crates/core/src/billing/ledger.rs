//! The ledger (BIL-7): double entry, append-only, exact.
//!
//! Every movement of money is one [`Posting`]: entries on accounts that sum
//! to zero per currency, debit positive and credit negative. Balances are
//! sums of entries; nothing else holds a balance. Other areas post through
//! [`post`] with their own transaction, so that a document and its money
//! move together or not at all.
//!
//! Signs, from the provider's books:
//! - receivable (an asset): what a customer owes, positive while due;
//! - prepaid (a liability): a customer's credit, negative while they have
//!   some ([`prepaid_balance`] shows it positive);
//! - revenue and VAT payable: credited (negative) when invoiced;
//! - rounding: the 5-Rappen differences, credited when the total was
//!   rounded up.

use jiff::civil::Date;

use crate::{
    db::Conn,
    error::{Error, Result},
    ids::{InvoiceId, LedgerTransactionId, OrgId},
    money::{Currency, Money},
    sql,
};

/// A ledger account, named by what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Account {
    /// What an organisation owes, per currency; each entry names its invoice.
    Receivable(OrgId, Currency),
    /// An organisation's credit (BIL-4), per currency.
    Prepaid(OrgId, Currency),
    Revenue(Currency),
    /// VAT payable at one rate (hundredths of a percent).
    Vat {
        rate_bp: u32,
        currency: Currency,
    },
    /// Money a payment gateway holds for us until it pays out.
    Gateway {
        gateway: String,
        currency: Currency,
    },
    /// Money on its way through the bank (imports, transfers).
    Bank(Currency),
    /// Money that arrived for nobody we could find (BNK-3).
    Suspense(Currency),
    /// The 5-Rappen rounding differences of payable totals.
    Rounding(Currency),
}

impl Account {
    pub fn kind(&self) -> &'static str {
        match self {
            Account::Receivable(..) => "receivable",
            Account::Prepaid(..) => "prepaid",
            Account::Revenue(_) => "revenue",
            Account::Vat { .. } => "vat",
            Account::Gateway { .. } => "gateway",
            Account::Bank(_) => "bank",
            Account::Suspense(_) => "suspense",
            Account::Rounding(_) => "rounding",
        }
    }

    pub fn currency(&self) -> Currency {
        match self {
            Account::Receivable(_, c)
            | Account::Prepaid(_, c)
            | Account::Revenue(c)
            | Account::Bank(c)
            | Account::Suspense(c)
            | Account::Rounding(c) => *c,
            Account::Vat { currency, .. } | Account::Gateway { currency, .. } => *currency,
        }
    }

    pub fn org_id(&self) -> Option<&OrgId> {
        match self {
            Account::Receivable(org, _) | Account::Prepaid(org, _) => Some(org),
            _ => None,
        }
    }

    fn detail(&self) -> String {
        match self {
            Account::Receivable(org, _) | Account::Prepaid(org, _) => org.to_string(),
            Account::Vat { rate_bp, .. } => rate_bp.to_string(),
            Account::Gateway { gateway, .. } => gateway.clone(),
            _ => String::new(),
        }
    }

    /// The account's key: `kind:CUR` or `kind:CUR:detail`
    /// (`receivable:CHF:org_…`, `vat:CHF:810`).
    pub fn key(&self) -> String {
        let detail = self.detail();
        if detail.is_empty() {
            format!("{}:{}", self.kind(), self.currency().code())
        } else {
            format!("{}:{}:{detail}", self.kind(), self.currency().code())
        }
    }
}

/// What a ledger transaction records, one per effect of a document:
/// `(kind, document)` is unique, so the same effect cannot post twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionKind {
    InvoiceIssued,
    CreditNoteIssued,
    /// Money came in for a payment (gateway capture, or taken from the
    /// prepaid account): debit where it came from, credit the invoice and,
    /// beyond what it still owed, the prepaid account (ADR 0012).
    PaymentCaptured,
    /// A refund left: debit prepaid, credit where it goes back to.
    RefundSent,
    /// The gateway refused a refund after it was posted: the reverse.
    RefundReversed,
    /// A bank credit not paying a transfer the customer announced (BNK-2,
    /// BNK-3): debit the bank, credit the invoice, the prepaid account or
    /// suspense.
    BankCredit,
    /// A credit undone by the bank (a reversal, a returned payment): the
    /// reverse of where it went.
    BankReversal,
    /// Staff gave a credit held in suspense to an org or invoice.
    SuspenseAssigned,
}

impl TransactionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TransactionKind::InvoiceIssued => "invoice_issued",
            TransactionKind::CreditNoteIssued => "credit_note_issued",
            TransactionKind::PaymentCaptured => "payment_captured",
            TransactionKind::RefundSent => "refund_sent",
            TransactionKind::RefundReversed => "refund_reversed",
            TransactionKind::BankCredit => "bank_credit",
            TransactionKind::BankReversal => "bank_reversal",
            TransactionKind::SuspenseAssigned => "suspense_assigned",
        }
    }
}

/// The document a transaction belongs to ("no entry without its document").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Invoice,
    CreditNote,
    Payment,
    Refund,
    BankEntry,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit_note",
            DocumentKind::Payment => "payment",
            DocumentKind::Refund => "refund",
            DocumentKind::BankEntry => "bank_entry",
        }
    }
    /// Every kind, with the table its documents live in (for `ledger verify`).
    pub const TABLES: &'static [(&'static str, &'static str)] = &[
        ("invoice", "invoices"),
        ("credit_note", "credit_notes"),
        ("payment", "payments"),
        ("refund", "refunds"),
        ("bank_entry", "bank_entries"),
    ];
}

/// One line of a posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub account: Account,
    /// Debit positive, credit negative.
    pub amount: Money,
    /// The invoice a receivable entry belongs to.
    pub invoice_id: Option<InvoiceId>,
}

impl Entry {
    pub fn new(account: Account, amount: Money) -> Entry {
        Entry {
            account,
            amount,
            invoice_id: None,
        }
    }

    pub fn for_invoice(account: Account, amount: Money, invoice: &InvoiceId) -> Entry {
        Entry {
            account,
            amount,
            invoice_id: Some(invoice.clone()),
        }
    }
}

/// A balanced set of entries for one effect of one document.
#[derive(Debug, Clone)]
pub struct Posting {
    pub kind: TransactionKind,
    pub document_kind: DocumentKind,
    pub document_id: String,
    pub org_id: Option<OrgId>,
    pub booked_on: Date,
    pub entries: Vec<Entry>,
}

impl Posting {
    /// The entries sum to zero per currency, each account's currency is the
    /// entry's, and receivable entries name their invoice.
    pub fn check(&self) -> Result<()> {
        let mut sums: Vec<(Currency, i64)> = Vec::new();
        for e in &self.entries {
            if e.account.currency() != e.amount.currency {
                return Err(Error::Internal(format!(
                    "ledger: {} posted in {}",
                    e.account.key(),
                    e.amount.currency.code()
                )));
            }
            if matches!(e.account, Account::Receivable(..)) != e.invoice_id.is_some() {
                return Err(Error::Internal(format!(
                    "ledger: {} entry without its invoice (or an invoice on another account)",
                    e.account.key()
                )));
            }
            match sums.iter_mut().find(|(c, _)| *c == e.amount.currency) {
                Some((_, s)) => {
                    *s = s
                        .checked_add(e.amount.amount_minor)
                        .ok_or_else(|| Error::Internal("ledger: sum overflows".into()))?;
                }
                None => sums.push((e.amount.currency, e.amount.amount_minor)),
            }
        }
        match sums.iter().find(|(_, s)| *s != 0) {
            Some((c, s)) => Err(Error::Internal(format!(
                "ledger: a {} posting is off by {s} minor units of {}",
                self.kind.as_str(),
                c.code()
            ))),
            None => Ok(()),
        }
    }
}

/// Post `posting` in the caller's transaction. Returns the new transaction's
/// id, or `None` if this effect of this document was posted already (the
/// unique `(kind, document_id)`): a retried or concurrent effect posts once.
/// Zero entries are left out (an account moved by nothing).
pub async fn post(
    mut c: Conn<'_>,
    posting: &Posting,
    now: i64,
) -> Result<Option<LedgerTransactionId>> {
    posting.check()?;
    let id = LedgerTransactionId::new(jiff::Timestamp::from_millisecond(now).unwrap_or_default());
    let inserted = sql!(
        c.reborrow(),
        execute,
        "INSERT INTO ledger_transactions (id, kind, document_kind, document_id, org_id, booked_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, document_id) DO NOTHING",
        id.as_str(),
        posting.kind.as_str(),
        posting.document_kind.as_str(),
        &posting.document_id,
        posting.org_id.as_ref().map(|o| o.as_str()),
        posting.booked_on.to_string(),
        now
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let mut line = 0i32;
    for e in posting.entries.iter().filter(|e| !e.amount.is_zero()) {
        ensure_account(c.reborrow(), &e.account, now).await?;
        line += 1;
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
            id.as_str(),
            line,
            e.account.key(),
            e.amount.amount_minor,
            e.amount.currency.code(),
            e.invoice_id.as_ref().map(|i| i.as_str())
        )?;
    }
    Ok(Some(id))
}

/// [`post`] for many postings of new documents at once (a bulk issue,
/// ADR 0015): each checked, then three statements whatever their number —
/// the accounts, the transactions, the entries — their rows as JSON
/// arrays. A posting found there already fails the whole call (new
/// documents cannot have been posted; the caller's transaction is then
/// dropped and it retries one by one, through [`post`]).
pub async fn post_many(mut c: Conn<'_>, postings: &[Posting], now: i64) -> Result<()> {
    if postings.is_empty() {
        return Ok(());
    }
    let at = jiff::Timestamp::from_millisecond(now).unwrap_or_default();
    let mut accounts: Vec<&Account> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut transactions = Vec::with_capacity(postings.len());
    let mut entries = Vec::with_capacity(postings.len() * 4);
    for p in postings {
        p.check()?;
        let id = LedgerTransactionId::new(at);
        transactions.push((
            id.to_string(),
            p.kind.as_str(),
            p.document_kind.as_str(),
            &p.document_id,
            p.org_id.as_ref().map(|o| o.as_str()),
            p.booked_on.to_string(),
            now,
        ));
        let mut line = 0i32;
        for e in p.entries.iter().filter(|e| !e.amount.is_zero()) {
            if seen.insert(&e.account) {
                accounts.push(&e.account);
            }
            line += 1;
            entries.push((
                id.to_string(),
                line,
                e.account.key(),
                e.amount.amount_minor,
                e.amount.currency.code(),
                e.invoice_id.as_ref().map(|i| i.as_str()),
            ));
        }
    }
    let accounts = serde_json::to_string(
        &accounts
            .iter()
            .map(|a| {
                (
                    a.key(),
                    a.kind(),
                    a.org_id().map(|o| o.as_str()),
                    a.currency().code(),
                    a.detail(),
                    now,
                )
            })
            .collect::<Vec<_>>(),
    )?;
    let transactions = serde_json::to_string(&transactions)?;
    let entries = serde_json::to_string(&entries)?;
    let posted = match c.engine() {
        crate::db::Engine::Sqlite => {
            sql!(
                c.reborrow(),
                execute,
                "INSERT INTO ledger_accounts (key, kind, org_id, currency, detail, created_at)
                 WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
                 SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5
                 FROM r WHERE true ON CONFLICT (key) DO NOTHING",
                &accounts
            )?;
            let posted = sql!(c.reborrow(), execute,
                "INSERT INTO ledger_transactions (id, kind, document_kind, document_id, org_id, booked_on, created_at)
                 WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
                 SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6
                 FROM r WHERE true ON CONFLICT (kind, document_id) DO NOTHING",
                &transactions)?;
            sql!(c, execute,
                "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id)
                 WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
                 SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5
                 FROM r",
                &entries)?;
            posted
        }
        crate::db::Engine::Postgres => {
            sql!(
                c.reborrow(),
                execute,
                "INSERT INTO ledger_accounts (key, kind, org_id, currency, detail, created_at)
                 SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, (j ->> 5)::bigint
                 FROM jsonb_array_elements($1::jsonb) j ON CONFLICT (key) DO NOTHING",
                &accounts
            )?;
            let posted = sql!(c.reborrow(), execute,
                "INSERT INTO ledger_transactions (id, kind, document_kind, document_id, org_id, booked_on, created_at)
                 SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, j ->> 5, (j ->> 6)::bigint
                 FROM jsonb_array_elements($1::jsonb) j ON CONFLICT (kind, document_id) DO NOTHING",
                &transactions)?;
            sql!(c, execute,
                "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id)
                 SELECT j ->> 0, (j ->> 1)::integer, j ->> 2, (j ->> 3)::bigint, j ->> 4, j ->> 5
                 FROM jsonb_array_elements($1::jsonb) j",
                &entries)?;
            posted
        }
    };
    if posted != postings.len() as u64 {
        return Err(Error::Internal(
            "ledger: a bulk posting found one of its documents posted already".into(),
        ));
    }
    Ok(())
}

async fn ensure_account(c: Conn<'_>, account: &Account, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO ledger_accounts (key, kind, org_id, currency, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING",
        account.key(),
        account.kind(),
        account.org_id().map(|o| o.as_str()),
        account.currency().code(),
        account.detail(),
        now
    )?;
    Ok(())
}

/// Take the lock row `key` (an account's key, or `invoice:<id>`) for the
/// rest of the caller's transaction: whoever reads a balance to decide
/// from it (spending prepaid credit, settling what an invoice still owes)
/// queues here first — PostgreSQL's row lock, SQLite's single writer — so
/// the balance read stays true until commit. Always take a prepaid
/// account's lock before an invoice's, so two such transactions cannot
/// wait on each other.
pub async fn lock(c: Conn<'_>, key: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO balance_locks (account_key, touched_at) VALUES ($1, $2)
         ON CONFLICT (account_key) DO UPDATE SET touched_at = excluded.touched_at",
        key,
        now
    )?;
    Ok(())
}

/// [`lock`] for many keys at once (a bank import's batch): one statement,
/// the keys in order and each once, so that two such calls take their
/// rows in the same order and cannot wait on each other.
pub async fn lock_many(c: Conn<'_>, keys: &[String], now: i64) -> Result<()> {
    let mut keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.is_empty() {
        return Ok(());
    }
    let keys = serde_json::to_string(&keys)?;
    match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO balance_locks (account_key, touched_at) SELECT value, $2 FROM json_each($1) WHERE true
             ON CONFLICT (account_key) DO UPDATE SET touched_at = excluded.touched_at",
            &keys, now)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO balance_locks (account_key, touched_at) SELECT k, $2 FROM jsonb_array_elements_text($1::jsonb) k
             ON CONFLICT (account_key) DO UPDATE SET touched_at = excluded.touched_at",
            &keys, now)?,
    };
    Ok(())
}

/// The lock key of what an invoice still owes ([`lock`]).
pub fn invoice_lock_key(invoice: &InvoiceId) -> String {
    format!("invoice:{invoice}")
}

/// An account's balance: the sum of its entries (debit positive).
pub async fn balance(c: Conn<'_>, account: &Account) -> Result<Money> {
    let sum = sql!(
        c,
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM ledger_entries WHERE account_key = $1",
        account.key()
    )?;
    Ok(Money::new(sum.unwrap_or(0), account.currency()))
}

/// What is still due on an invoice: the sum of its receivable entries.
pub async fn invoice_open(c: Conn<'_>, invoice: &InvoiceId, currency: Currency) -> Result<Money> {
    let sum = sql!(
        c,
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(e.amount_minor) AS BIGINT) FROM ledger_entries e
         JOIN ledger_accounts a ON a.key = e.account_key
         WHERE e.invoice_id = $1 AND a.kind = 'receivable'",
        invoice.as_str()
    )?;
    Ok(Money::new(sum.unwrap_or(0), currency))
}

/// An organisation's credit in `currency` (BIL-4), shown positive.
pub async fn prepaid_balance(c: Conn<'_>, org: &OrgId, currency: Currency) -> Result<Money> {
    let b = balance(c, &Account::Prepaid(org.clone(), currency)).await?;
    Ok(Money::new(-b.amount_minor, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> OrgId {
        OrgId::from_stored("org_01hzzzzzzzzzzzzzzzzzzzzzzz".into())
    }

    #[test]
    fn account_keys_name_the_account() {
        assert_eq!(
            Account::Receivable(org(), Currency::Chf).key(),
            "receivable:CHF:org_01hzzzzzzzzzzzzzzzzzzzzzzz"
        );
        assert_eq!(
            Account::Vat {
                rate_bp: 810,
                currency: Currency::Chf
            }
            .key(),
            "vat:CHF:810"
        );
        assert_eq!(Account::Revenue(Currency::Eur).key(), "revenue:EUR");
    }

    #[test]
    fn an_unbalanced_posting_is_refused_before_it_is_written() {
        // proves: BIL-7
        let invoice = InvoiceId::from_stored("bill_01hzzzzzzzzzzzzzzzzzzzzzzz".into());
        let chf = |m| Money::new(m, Currency::Chf);
        let mut p = Posting {
            kind: TransactionKind::InvoiceIssued,
            document_kind: DocumentKind::Invoice,
            document_id: invoice.to_string(),
            org_id: Some(org()),
            booked_on: jiff::civil::date(2026, 1, 1),
            entries: vec![
                Entry::for_invoice(
                    Account::Receivable(org(), Currency::Chf),
                    chf(10810),
                    &invoice,
                ),
                Entry::new(Account::Revenue(Currency::Chf), chf(-10000)),
                Entry::new(
                    Account::Vat {
                        rate_bp: 810,
                        currency: Currency::Chf,
                    },
                    chf(-810),
                ),
            ],
        };
        assert!(p.check().is_ok());
        p.entries[2].amount = chf(-809);
        assert!(p.check().is_err());
        // A receivable entry must name its invoice.
        p.entries[2].amount = chf(-810);
        p.entries[0].invoice_id = None;
        assert!(p.check().is_err());
    }
}
