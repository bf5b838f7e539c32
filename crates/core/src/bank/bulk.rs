//! Credits booked a batch at a time (ADR 0017): a day's file holds
//! thousands, and booking each alone costs some twenty statements.
//!
//! A batch reads what it needs by a handful of statements — the bank keys
//! booked before, the invoices and top-ups its references name, what those
//! invoices owe (their locks taken first), the orgs of its debtors'
//! accounts — places each credit in memory in the file's order, exactly as
//! [`super::import::place`] places one alone, and writes the entries, the
//! postings, the audit rows and the mails by one statement each; the
//! invoices it paid have their status refreshed once per batch.
//!
//! A credit that settles a payment (a transfer the customer announced, a
//! top-up) is booked alone, through [`super::import::book_credit`], after
//! what the batch placed before it is written: those are few, and the
//! payment's own path (its capture, its audit) stays one.

use std::collections::{HashMap, HashSet};

use super::{
    camt::Transaction,
    import::{self, Booking, Importer, Owners, Placement},
    store,
};
use crate::{
    Ctx,
    billing::{self, ledger, reference::Reference, store::InvoiceRow},
    db::Conn,
    error::{Error, Result},
    ids::OrgId,
    money::Money,
    outbox, payments,
};

/// Credits per batch: large enough that the statements per credit vanish,
/// small enough that a batch's reads (`IN` lists) and its JSON stay small.
pub(super) const BATCH: usize = 500;

/// What an import learns across its batches: each debtor account and the
/// orgs its credits went to (two at most: two means it points to nobody,
/// as [`store::org_of_debtor`] says). Only the import, under its lock,
/// books credits, so what it books it adds here.
#[derive(Default)]
pub(super) struct Debtors(HashMap<String, Vec<String>>);

impl Debtors {
    fn add(&mut self, iban: &str, org: &str) {
        let orgs = self.0.entry(iban.to_owned()).or_default();
        if orgs.len() < 2 && !orgs.iter().any(|o| o == org) {
            orgs.push(org.to_owned());
        }
    }

    fn org(&self, iban: &str) -> Option<&str> {
        match self.0.get(iban).map(Vec::as_slice) {
            Some([one]) => Some(one),
            _ => None,
        }
    }
}

/// What an import learns of the invoices its credits name, across its
/// batches: each invoice read once, with what it owes read under its
/// lock. The import holds that lock to its end, so nobody else changes
/// what the invoice owes meanwhile, and what the import's batches pay
/// they count down here. A file names the same invoices again and again
/// (a thousand invoices paid in parts by a hundred thousand credits):
/// reading them, and summing their growing entries, once per batch was
/// most of an import's time.
#[derive(Default)]
pub(super) struct Invoices {
    /// Issued invoices, by their reference.
    by_reference: HashMap<String, InvoiceRow>,
    /// What each invoice of `by_reference` still owes, by invoice id.
    open: HashMap<String, i64>,
}

impl Invoices {
    /// Forget what is known of `invoice`, booked by a path of its own
    /// (a payment's capture): the next batch reads it again.
    fn forget(&mut self, invoice: &InvoiceRow) {
        self.open.remove(invoice.id.as_str());
        if let Some(r) = &invoice.reference {
            self.by_reference.remove(r);
        }
    }

    /// Forget every invoice (a reversal undid a credit, which an invoice
    /// may owe again).
    pub(super) fn forget_all(&mut self) {
        self.by_reference.clear();
        self.open.clear();
    }
}

/// Book `credits`, in the file's order: answers each one's outcome, or
/// `None` when its bank key was booked before.
#[allow(clippy::too_many_arguments)]
pub(super) async fn book_credits(
    mut c: Conn<'_>,
    ctx: &Ctx,
    by: Importer<'_>,
    owners: &mut Owners,
    debtors: &mut Debtors,
    known: &mut Invoices,
    import_id: &str,
    credits: &[Transaction],
    now_ms: i64,
) -> Result<Vec<Option<&'static str>>> {
    if credits.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<&str> = credits.iter().map(|t| t.bank_ref.as_str()).collect();
    let booked: HashSet<String> = store::booked_keys(c.reborrow(), &serde_json::to_string(&keys)?)
        .await?
        .into_iter()
        .collect();
    let references: Vec<Option<String>> = credits
        .iter()
        .map(|t| {
            t.reference
                .as_deref()
                .and_then(|r| Reference::parse_any(r).ok())
                .map(|r| r.as_str().to_owned())
        })
        .collect();
    let mut distinct: Vec<&str> = references.iter().flatten().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    // The invoices not known yet; a reference that names none is asked
    // again in each batch (an invoice may be issued meanwhile).
    let unread: Vec<&str> = distinct
        .iter()
        .copied()
        .filter(|r| !known.by_reference.contains_key(*r))
        .collect();
    let new: Vec<InvoiceRow> = if unread.is_empty() {
        Vec::new()
    } else {
        billing::store::invoices_by_references(c.reborrow(), &serde_json::to_string(&unread)?)
            .await?
            .into_iter()
            .filter(|i| i.status != "draft" && i.reference.is_some())
            .collect()
    };
    let others: Vec<&str> = unread
        .iter()
        .copied()
        .filter(|r| !new.iter().any(|i| i.reference.as_deref() == Some(*r)))
        .collect();
    let top_ups: HashSet<String> = if others.is_empty() {
        HashSet::new()
    } else {
        payments::store::top_up_references(c.reborrow(), &serde_json::to_string(&others)?)
            .await?
            .into_iter()
            .collect()
    };
    // What the new invoices owe, read under their locks (as `place`
    // does); the known ones are locked since they were read.
    if !new.is_empty() {
        let locks: Vec<String> = new
            .iter()
            .map(|i| ledger::invoice_lock_key(&i.id))
            .collect();
        ledger::lock_many(c.reborrow(), &locks, now_ms).await?;
        let mut ids: Vec<&str> = new.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        for (id, owed) in billing::store::open_of(c.reborrow(), &ids).await? {
            known.open.insert(id, owed.unwrap_or(0));
        }
        for i in new {
            if let Some(r) = i.reference.clone() {
                known.by_reference.insert(r, i);
            }
        }
    }
    // The batch's invoices: those its references name.
    let invoices: HashMap<&str, InvoiceRow> = distinct
        .iter()
        .filter_map(|r| Some((*r, known.by_reference.get(*r)?.clone())))
        .collect();
    let mut invoice_ids: Vec<&str> = invoices.values().map(|i| i.id.as_str()).collect();
    invoice_ids.sort_unstable();
    // The transfers announced for them, asked each batch: a payment is
    // started under the invoice's lock, so this changes only for an
    // invoice first seen now, but one statement is cheaper than a cache.
    let announced: HashSet<String> = if invoice_ids.is_empty() {
        HashSet::new()
    } else {
        payments::store::awaiting_transfer_of(c.reborrow(), &serde_json::to_string(&invoice_ids)?)
            .await?
            .into_iter()
            .collect()
    };
    let mut unknown: Vec<&str> = credits
        .iter()
        .filter_map(|t| t.debtor_iban.as_deref())
        .filter(|iban| !debtors.0.contains_key(*iban))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    if !unknown.is_empty() {
        for iban in &unknown {
            debtors.0.insert((*iban).to_owned(), Vec::new());
        }
        for (iban, org) in
            store::debtor_orgs(c.reborrow(), &serde_json::to_string(&unknown)?).await?
        {
            debtors.add(&iban, &org);
        }
    }

    let mut out = Vec::with_capacity(credits.len());
    let mut seen: HashSet<&str> = HashSet::new();
    let mut batch = Batch::default();
    for (t, reference) in credits.iter().zip(&references) {
        if booked.contains(&t.bank_ref) || !seen.insert(t.bank_ref.as_str()) {
            out.push(None);
            continue;
        }
        let currency = t.amount.currency;
        let invoice = reference.as_ref().and_then(|r| invoices.get(r.as_str()));
        // A credit that settles a payment, or names a top-up, books alone.
        let alone = match invoice {
            Some(i) => i.currency == currency.code() && announced.contains(i.id.as_str()),
            None => reference.as_ref().is_some_and(|r| top_ups.contains(r)),
        };
        if alone {
            batch
                .write(c.reborrow(), ctx, by, owners, known, now_ms)
                .await?;
            if let Some(i) = invoice {
                known.forget(i);
            }
            let booked =
                import::book_credit(c.reborrow(), ctx, by, owners, import_id, t, now_ms).await?;
            if let (Some((_, Some(org))), Some(iban)) = (&booked, &t.debtor_iban) {
                debtors.add(iban, org);
            }
            out.push(booked.map(|(outcome, _)| outcome));
            continue;
        }
        // As `place` decides, from what the batch read and booked so far.
        let reason = if t.reference.is_some() {
            "unknown_reference"
        } else {
            "no_reference"
        };
        let placement = match invoice {
            Some(i) if i.currency != currency.code() => Placement::Prepaid {
                org_id: i.org_id.to_string(),
                reason: "other_currency",
                invoice: Some(i.clone()),
            },
            Some(i) => {
                let owed = known.open.get(i.id.as_str()).copied().unwrap_or(0);
                if owed <= 0 {
                    Placement::Prepaid {
                        org_id: i.org_id.to_string(),
                        reason: "already_paid",
                        invoice: Some(i.clone()),
                    }
                } else {
                    Placement::Invoice {
                        invoice: i.clone(),
                        payment: None,
                        open: owed,
                        to_invoice: owed.min(t.amount.amount_minor),
                    }
                }
            }
            // (A top-up's reference was booked alone, above.)
            None => match t.debtor_iban.as_deref().and_then(|d| debtors.org(d)) {
                Some(org) => Placement::Prepaid {
                    org_id: org.to_owned(),
                    reason,
                    invoice: None,
                },
                None => Placement::Suspense { reason },
            },
        };
        let b = import::booking(ctx, import_id, t, &placement, now_ms);
        if let Placement::Invoice { invoice, .. } = &placement {
            known.open.insert(invoice.id.to_string(), owed_after(&b));
        }
        if let (Some(org), Some(iban)) = (&b.row.org_id, &t.debtor_iban) {
            debtors.add(iban, org);
        }
        // What the invoice still owes, for the mail: after this credit when
        // it paid, as it stands when it did not (paid already, another
        // currency).
        let open_now = match &placement {
            Placement::Prepaid {
                invoice: Some(i), ..
            } => Some(Money::new(
                known.open.get(i.id.as_str()).copied().unwrap_or(0),
                billing::invoices::currency_of(&i.currency)?,
            )),
            _ => b.open_after,
        };
        let invoice = match placement {
            Placement::Invoice { invoice, .. } => Some(invoice),
            Placement::Prepaid { invoice, .. } => invoice,
            _ => None,
        };
        out.push(Some(b.outcome));
        batch.add(ctx, t, b, invoice, open_now)?;
    }
    batch.write(c, ctx, by, owners, known, now_ms).await?;
    Ok(out)
}

fn owed_after(b: &Booking) -> i64 {
    b.open_after.map_or(0, |m| m.amount_minor)
}

/// What a batch placed and has not written yet.
#[derive(Default)]
struct Batch {
    rows: Vec<store::EntryRow>,
    postings: Vec<ledger::Posting>,
    /// Invoices a credit paid (in part), their status refreshed once.
    paid: Vec<String>,
    audits: Vec<(String, Option<OrgId>, String)>,
    /// `(org, the mail's words)`.
    mails: Vec<(String, Vec<(&'static str, String)>)>,
}

impl Batch {
    fn add(
        &mut self,
        ctx: &Ctx,
        t: &Transaction,
        b: Booking,
        invoice: Option<InvoiceRow>,
        open: Option<Money>,
    ) -> Result<()> {
        let r = &b.row;
        if let Some(i) = &r.invoice_id
            && r.to_invoice_minor > 0
        {
            self.paid.push(i.clone());
        }
        self.audits.push((
            r.id.clone(),
            r.org_id.clone().map(OrgId::from_stored),
            import::credit_audit_detail(t, &b),
        ));
        if let Some(org) = &r.org_id {
            let args = import::credit_mail_args(ctx, org, r, b.outcome, invoice.as_ref(), open)?;
            self.mails.push((org.clone(), args));
        }
        self.postings.push(b.posting);
        self.rows.push(b.row);
        Ok(())
    }

    /// Write what was placed, by one statement each, and start afresh.
    async fn write(
        &mut self,
        mut c: Conn<'_>,
        ctx: &Ctx,
        by: Importer<'_>,
        owners: &mut Owners,
        known: &mut Invoices,
        now_ms: i64,
    ) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(self);
        let inserted = store::insert_entries(c.reborrow(), &batch.rows).await?;
        // The keys were read under the import lock and each kept once:
        // every row is new.
        if inserted != batch.rows.len() as u64 {
            return Err(Error::Internal(
                "bank: a batch's bank key was booked meanwhile".into(),
            ));
        }
        ledger::post_many(c.reborrow(), &batch.postings, now_ms).await?;
        // An order waiting for this transfer is released, a renewal's
        // period moves (CAT-2, REN): as when a card pays.
        // Their rows and what they owe are known (read under their locks,
        // counted down as credits paid them).
        let paid: HashSet<&str> = batch.paid.iter().map(String::as_str).collect();
        let rows: Vec<InvoiceRow> = known
            .by_reference
            .values()
            .filter(|i| paid.contains(i.id.as_str()))
            .cloned()
            .collect();
        let statuses = billing::credit_notes::refresh_known_statuses(
            c.reborrow(),
            ctx,
            rows,
            &known.open,
            now_ms,
        )
        .await?;
        for i in known.by_reference.values_mut() {
            if let Some(status) = statuses.get(i.id.as_str()) {
                i.status = (*status).to_owned();
            }
        }
        // (Every invoice a batch pays is known: only a credit booked
        // alone makes the import forget one, and those pay no batch.)
        debug_assert_eq!(
            paid.len(),
            known
                .by_reference
                .values()
                .filter(|i| paid.contains(i.id.as_str()))
                .count()
        );
        let audits: Vec<(&str, &str, Option<&OrgId>, String)> = batch
            .audits
            .iter()
            .map(|(target, org, detail)| {
                (
                    "bank.credit_booked",
                    target.as_str(),
                    org.as_ref(),
                    detail.clone(),
                )
            })
            .collect();
        crate::staff::audit_many_in(c.reborrow(), ctx, by.staff(), &audits).await?;
        let mut orgs: Vec<&str> = batch.mails.iter().map(|(o, _)| o.as_str()).collect();
        orgs.sort_unstable();
        orgs.dedup();
        owners.load(c.reborrow(), &orgs).await?;
        let mut mails = Vec::with_capacity(batch.mails.len());
        for (org, args) in &batch.mails {
            let (lang, contacts) = owners.get(org)?;
            mails.extend(crate::renewals::renew::mails(
                contacts,
                *lang,
                "bank_credit",
                args,
                None,
            ));
        }
        outbox::enqueue_mails(c, ctx, mails).await
    }
}
