//! Payment reminders, dunning (BIL-5): an unpaid invoice gets the levels of
//! `[payments.reminders]`, each once, in order, `after_days` after its due
//! date; a level with a fee issues a separate invoice for it. The mail says
//! that a reminder may cross a payment already made. docs/payments-reminders.md
//! tells it as an operator reads it.
//!
//! Once only: the row `reminders (invoice_id, level)` is inserted with
//! `ON CONFLICT DO NOTHING` in the transaction that writes the mail into the
//! outbox and issues the fee; only the insert that made the row goes on, so
//! two sweeps at once (or a sweep run many times a day) send a level once.
//!
//! Never while a payment for the invoice is in flight (its hold,
//! `payments.holding_invoice_id`: the customer is paying right now), never
//! while staff paused them (`reminder_pauses`), and no more once the
//! invoice is paid or cancelled by a credit note.

use std::time::Duration;

use jiff::{Span, civil::Date};
use serde::{Deserialize, Serialize};

use crate::{
    Ctx,
    access::staff::{StaffAction, StaffActor},
    billing::{self, InvoiceInput, Issuer, LineInput, ledger, vat::VatClass},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    ids::InvoiceId,
    jobs::{Sweep, SweepReport},
    money::{Currency, Money},
    orgs,
    outbox::{self, MailAttachment, MailRequest},
    sql,
};

use super::settings::ReminderLevel;

/// Invoices looked at per query of the sweep.
const BATCH: i64 = 200;

/// The statuses of an invoice that still waits for money.
const UNPAID: &str = "('issued', 'partially_paid')";

/// The reminders' scheduled work (gathered by [`crate::jobs::all`]).
pub fn sweeps() -> Vec<Sweep> {
    vec![Sweep {
        name: "payments.reminders",
        every: Duration::from_secs(3600),
        run: |ctx| Box::pin(send_due(ctx)),
        per_instance: false,
    }]
}

/// An unpaid invoice the sweep may remind, as read outside any write
/// transaction.
#[derive(Debug, sqlx::FromRow)]
struct Candidate {
    id: InvoiceId,
    due_on: String,
    /// Levels sent so far.
    sent: i64,
    /// The day the last of them was sent.
    last_sent_on: Option<String>,
}

/// The day level `next` (counted from 0) of `levels` is due, `sent` levels
/// being out already. Levels go in order. A sweep that ran late (the
/// service was down, the schedule was changed) sends the next unsent level
/// only, and the one after keeps the schedule's gap from the day its
/// predecessor was actually sent: a customer never gets two reminders in
/// one go, and never the last before the first.
fn due_day(
    levels: &[ReminderLevel],
    due_on: Date,
    next: usize,
    last_sent_on: Option<Date>,
) -> Option<Date> {
    let level = levels.get(next)?;
    let on_schedule = due_on
        .checked_add(Span::new().days(i64::from(level.after_days)))
        .ok()?;
    let after_last = match (next.checked_sub(1), last_sent_on) {
        (Some(before), Some(sent)) => {
            let gap = level.after_days.saturating_sub(levels[before].after_days);
            sent.checked_add(Span::new().days(i64::from(gap))).ok()?
        }
        _ => on_schedule,
    };
    Some(on_schedule.max(after_last))
}

fn date(text: &str) -> Result<Date> {
    text.parse()
        .map_err(|e| Error::Internal(format!("reminders: date {text}: {e}")))
}

/// The `payments.reminders` sweep: every unpaid invoice whose next level is
/// due today or before gets it, in batches (keyset on the invoice id).
pub async fn send_due(ctx: &Ctx) -> Result<SweepReport> {
    let levels = &ctx.config.payments.reminders.levels;
    let mut report = SweepReport::default();
    let Some(first) = levels.first() else {
        return Ok(report);
    };
    let today = ctx.today();
    // No invoice due after this day can owe even the first level.
    let latest_due = today
        .checked_sub(Span::new().days(i64::from(first.after_days)))
        .map_err(|e| Error::Internal(format!("reminders: {e}")))?
        .to_string();
    let count = i64::try_from(levels.len()).unwrap_or(i64::MAX);
    let mut after = String::new();
    loop {
        let batch = {
            let mut c = ctx.db.acquire().await?;
            candidates(c.conn(), &latest_due, count, &after).await?
        };
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        after = last.id.to_string();
        let full = batch.len() as i64 == BATCH;
        for inv in batch {
            let next = usize::try_from(inv.sent).unwrap_or(usize::MAX);
            let last_sent = inv.last_sent_on.as_deref().map(date).transpose()?;
            let due = due_day(levels, date(&inv.due_on)?, next, last_sent);
            if due.is_none_or(|d| d > today) {
                continue;
            }
            match remind(ctx, &inv.id, next, today).await {
                Ok(true) => report.done += 1,
                Ok(false) => {}
                Err(e) => {
                    // Tried again at the next run; the others go on.
                    tracing::warn!(invoice = %inv.id, error = %e, "reminder failed");
                    report.failed += 1;
                }
            }
        }
        if !full {
            return Ok(report);
        }
    }
}

/// Unpaid invoices past `latest_due`, not on hold, not paused, with a
/// level left, after `after` in id order.
async fn candidates(
    c: Conn<'_>,
    latest_due: &str,
    levels: i64,
    after: &str,
) -> Result<Vec<Candidate>> {
    Ok(sql!(c, fetch_all as Candidate,
        &format!("SELECT i.id, i.due_on, COALESCE(r.sent, 0) AS sent, r.last_sent_on FROM invoices i
         LEFT JOIN (SELECT invoice_id, CAST(COUNT(*) AS BIGINT) AS sent, MAX(sent_on) AS last_sent_on
                    FROM reminders GROUP BY invoice_id) r ON r.invoice_id = i.id
         WHERE i.status IN {UNPAID} AND i.due_on <= $1 AND i.id > $2
           AND COALESCE(r.sent, 0) < $3
           AND NOT EXISTS (SELECT 1 FROM reminder_pauses p WHERE p.invoice_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.holding_invoice_id = i.id)
         ORDER BY i.id LIMIT $4"),
        latest_due, after, levels, BATCH)?)
}

/// Send level `next` (counted from 0) of `invoice` in one transaction:
/// the once-only row, the fee invoice and the mail. Whatever changed since
/// the sweep read it (paid, paused, put on hold, reminded by another
/// sweep) is read again here and wins. Answers whether this call sent it.
async fn remind(ctx: &Ctx, invoice: &InvoiceId, next: usize, today: Date) -> Result<bool> {
    let levels = &ctx.config.payments.reminders.levels;
    let Some(level) = levels.get(next) else {
        return Ok(false);
    };
    let number = i32::try_from(next + 1).unwrap_or(i32::MAX);
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // The invoice's lock first, as a bank import paying it takes it
    // (BIL-5, BNK-2): a transfer imported meanwhile is seen here, and the
    // invoice it paid is not reminded.
    ledger::lock(tx.conn(), &ledger::invoice_lock_key(invoice), now).await?;
    let Some(row) = billing::store::invoice(tx.conn(), invoice).await? else {
        return Ok(false);
    };
    let blocked = sql!(tx.conn(), fetch_one scalar i64,
        &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM invoices i WHERE i.id = $1 AND (i.status NOT IN {UNPAID}
           OR EXISTS (SELECT 1 FROM reminder_pauses p WHERE p.invoice_id = i.id)
           OR EXISTS (SELECT 1 FROM payments p WHERE p.holding_invoice_id = i.id)
           OR EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id AND r.level >= $2)
           OR (SELECT COUNT(*) FROM reminders r WHERE r.invoice_id = i.id) <> $3)"),
        invoice.as_str(), number, number - 1)?;
    if blocked > 0 {
        return Ok(false);
    }
    let made = sql!(
        tx.conn(),
        execute,
        "INSERT INTO reminders (invoice_id, level, sent_on, fee_invoice_id, created_at)
         VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (invoice_id, level) DO NOTHING",
        invoice.as_str(),
        number,
        today.to_string(),
        now
    )?;
    if made == 0 {
        // Another sweep sent it first.
        return Ok(false);
    }
    let currency = Currency::parse(&row.currency)
        .ok_or_else(|| Error::Internal(format!("reminders: currency {}", row.currency)))?;
    let fee = fee_of(tx.conn(), ctx, &row, level, number, currency).await?;
    let open = ledger::invoice_open(tx.conn(), invoice, currency).await?;
    let lang = Lang::parse(&row.language).unwrap_or_default();
    let invoice_number = row.number.clone().unwrap_or_default();
    let mut attachments = vec![MailAttachment {
        document_id: invoice.to_string(),
        filename: format!("invoice-{invoice_number}.pdf"),
    }];
    if let Some(f) = &fee {
        attachments.push(MailAttachment {
            document_id: f.id.to_string(),
            filename: format!("invoice-{}.pdf", f.number.clone().unwrap_or_default()),
        });
    }
    let fee_text = fee
        .as_ref()
        .map_or_else(|| "none".to_string(), |f| f.total.to_string());
    for to in contacts(tx.conn(), &row.org_id).await? {
        outbox::enqueue_mail_with(
            tx.conn(),
            ctx,
            MailRequest {
                to: &to,
                lang,
                template: "payment_reminder",
                args: vec![
                    ("number", invoice_number.clone()),
                    ("open", open.to_string()),
                    ("due", row.due_on.clone().unwrap_or_default()),
                    ("level", number.to_string()),
                    ("fee", fee_text.clone()),
                ],
            },
            attachments.clone(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Issue the fee of `level` for `row` as an invoice of its own, in the
/// reminder's transaction, and note it on the reminder. None when the level
/// has no fee, or when `row` is itself a reminder's fee (no fee on a fee:
/// that would dun without end).
async fn fee_of(
    mut c: Conn<'_>,
    ctx: &Ctx,
    row: &billing::store::InvoiceRow,
    level: &ReminderLevel,
    number: i32,
    currency: Currency,
) -> Result<Option<billing::InvoiceView>> {
    let Some(amount) = level.fee.as_deref() else {
        return Ok(None);
    };
    let fee = Money::parse(amount, currency)
        .map_err(|e| Error::Internal(format!("reminders: fee {amount}: {e}")))?;
    if fee.is_zero() {
        return Ok(None);
    }
    let is_fee = sql!(c.reborrow(), fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM reminders WHERE fee_invoice_id = $1",
        row.id.as_str())?;
    if is_fee > 0 {
        return Ok(None);
    }
    let input = InvoiceInput {
        billing_address_id: row.billing_address_id.clone(),
        lines: vec![LineInput {
            description: ctx.i18n.t_args(
                Lang::parse(&row.language).unwrap_or_default(),
                "invoice-reminder-fee",
                &[
                    ("level", number.into()),
                    ("number", row.number.clone().unwrap_or_default().into()),
                ],
            ),
            quantity: 1,
            unit_price: fee.amount_string(),
            // A reminder fee is compensation for a late payment, outside
            // the scope of Swiss VAT. The classes have no "outside the
            // scope"; `zero` (0 %, exempt) is the one that charges none.
            vat_class: VatClass::Zero,
            period: None,
        }],
    };
    let issued = billing::invoices::create_and_issue_in(
        c.reborrow(),
        ctx,
        Issuer::Operator,
        &row.org_id,
        &input,
    )
    .await?;
    sql!(
        c,
        execute,
        "UPDATE reminders SET fee_invoice_id = $1 WHERE invoice_id = $2 AND level = $3",
        issued.id.as_str(),
        row.id.as_str(),
        number
    )?;
    Ok(Some(issued))
}

/// Who gets an organisation's reminders: nobody is named for billing mail
/// yet, so the members who answer for it, the legal representative and
/// the owners.
pub(crate) async fn contacts(c: Conn<'_>, org_id: &str) -> Result<Vec<String>> {
    Ok(orgs::store::members(c, org_id)
        .await?
        .into_iter()
        .filter(|m| m.role == "legal_representative" || m.role == "owner")
        .map(|m| m.email)
        .collect())
}

// ---------------------------------------------------------------- staff

/// One level sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReminderSent {
    pub level: i64,
    #[schema(value_type = String, format = Date)]
    pub sent_on: Date,
    /// The invoice of its fee, if the level had one.
    pub fee_invoice_id: Option<InvoiceId>,
}

/// An invoice's reminders as staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReminderState {
    /// Staff paused them: the sweep sends none until resumed.
    pub paused: bool,
    /// The levels sent, first first.
    pub reminders: Vec<ReminderSent>,
}

/// Why staff paused an invoice's reminders.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PauseInput {
    /// Free text for the audit log (a dispute, an agreed delay).
    pub reason: String,
}

/// The longest reason kept.
pub const REASON_MAX: usize = 500;

async fn state_in(mut c: Conn<'_>, invoice: &InvoiceId) -> Result<ReminderState> {
    let paused = sql!(c.reborrow(), fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM reminder_pauses WHERE invoice_id = $1",
        invoice.as_str())?;
    let rows = sql!(
        c,
        fetch_all as (i64, String, Option<InvoiceId>),
        "SELECT CAST(level AS BIGINT), sent_on, fee_invoice_id FROM reminders WHERE invoice_id = $1 ORDER BY level",
        invoice.as_str()
    )?;
    let mut reminders = Vec::with_capacity(rows.len());
    for (level, sent_on, fee_invoice_id) in rows {
        reminders.push(ReminderSent {
            level,
            sent_on: date(&sent_on)?,
            fee_invoice_id,
        });
    }
    Ok(ReminderState {
        paused: paused > 0,
        reminders,
    })
}

/// An issued invoice, or 404 (unknown) / 409 (a draft: it has no due date
/// to remind of).
async fn issued(c: Conn<'_>, invoice: &InvoiceId) -> Result<billing::store::InvoiceRow> {
    let row = billing::store::invoice(c, invoice)
        .await?
        .ok_or(Error::NotFound)?;
    if row.status == "draft" {
        return Err(Error::Conflict {
            code: "invoice_not_issued",
            description: "A draft has no reminders: issue it first.".into(),
        });
    }
    Ok(row)
}

/// Staff: an invoice's reminders.
pub async fn reminder_state(
    ctx: &Ctx,
    actor: &StaffActor,
    invoice: &InvoiceId,
) -> Result<ReminderState> {
    crate::access::staff::check(actor, StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    issued(c.conn(), invoice).await?;
    state_in(c.conn(), invoice).await
}

/// Staff with the billing role stop an invoice's reminders (a dispute, a
/// payment agreed by phone). Pausing a paused invoice changes nothing.
pub async fn pause(
    ctx: &Ctx,
    actor: &StaffActor,
    invoice: &InvoiceId,
    input: &PauseInput,
) -> Result<ReminderState> {
    crate::access::staff::check(actor, StaffAction::IssueInvoices)?;
    let reason = input.reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "reason",
            "too_long",
            "At most 500 characters.",
        )]));
    }
    crate::text::check_line("reason", reason)?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let row = issued(tx.conn(), invoice).await?;
    let made = sql!(tx.conn(), execute,
        "INSERT INTO reminder_pauses (invoice_id, paused_by, reason, paused_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (invoice_id) DO NOTHING",
        invoice.as_str(), Issuer::Staff(actor).label(), reason, now)?;
    if made == 1 {
        Issuer::Staff(actor)
            .audit(
                tx.conn(),
                ctx,
                "invoice.reminders_paused",
                invoice.as_str(),
                Some(&row.org_id),
                reason,
            )
            .await?;
    }
    let state = state_in(tx.conn(), invoice).await?;
    tx.commit().await?;
    Ok(state)
}

/// Staff let the reminders go on: the next sweep sends the next level
/// when it is due. Resuming an invoice that is not paused changes nothing.
pub async fn resume(ctx: &Ctx, actor: &StaffActor, invoice: &InvoiceId) -> Result<ReminderState> {
    crate::access::staff::check(actor, StaffAction::IssueInvoices)?;
    let mut tx = ctx.db.begin().await?;
    let row = issued(tx.conn(), invoice).await?;
    let gone = sql!(
        tx.conn(),
        execute,
        "DELETE FROM reminder_pauses WHERE invoice_id = $1",
        invoice.as_str()
    )?;
    if gone == 1 {
        Issuer::Staff(actor)
            .audit(
                tx.conn(),
                ctx,
                "invoice.reminders_resumed",
                invoice.as_str(),
                Some(&row.org_id),
                "",
            )
            .await?;
    }
    let state = state_in(tx.conn(), invoice).await?;
    tx.commit().await?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn levels() -> Vec<ReminderLevel> {
        [10, 20, 30]
            .into_iter()
            .map(|after_days| ReminderLevel {
                after_days,
                fee: None,
            })
            .collect()
    }

    #[test]
    fn levels_fall_due_on_schedule_and_a_late_one_keeps_the_gap() {
        // proves: BIL-5
        let l = levels();
        let due = date(2026, 3, 1);
        assert_eq!(due_day(&l, due, 0, None), Some(date(2026, 3, 11)));
        // Sent on time: the next on schedule.
        assert_eq!(
            due_day(&l, due, 1, Some(date(2026, 3, 11))),
            Some(date(2026, 3, 21))
        );
        // The first went out late (May 1st): the second ten days after it,
        // not at once.
        assert_eq!(
            due_day(&l, due, 1, Some(date(2026, 5, 1))),
            Some(date(2026, 5, 11))
        );
        assert_eq!(due_day(&l, due, 3, Some(date(2026, 5, 1))), None);
    }
}
