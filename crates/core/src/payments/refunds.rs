//! Refunds (BIL-6): staff with the billing role send money back for a
//! payment, in full or in part.
//!
//! - Invoiced money is credited first: the refund issues the credit note
//!   (its `lines`, or all that remains of the invoice), which puts what
//!   the invoice no longer owes on the prepaid account; the refund then
//!   sends that back, at most what the payment brought in.
//! - `amount` alone refunds credit already on the prepaid account (a
//!   top-up, or a capture the invoice no longer needed), at most what the
//!   payment brought in.
//! - A prepaid payment's refund stays on the prepaid account (the credit
//!   note put it there); a gateway payment's goes back through the gateway:
//!   posted at once (debit prepaid, credit gateway), reversed if the
//!   gateway refuses, so the money is never in two places nor in none.
//!
//! Never more than the payment: one conditional update reserves the amount
//! (`payments.refunded_minor`), so two staff members refunding at once
//! cannot both get through.

use serde::Deserialize;

use super::{
    gateway::{GatewayError, RefundRequest, RefundState, RefundStatus},
    store::{self, RefundRow},
    views::RefundView,
};
use crate::{
    Ctx,
    access::staff::StaffAction,
    billing::{
        self, CreditInput, CreditLineInput, Issuer,
        invoices::currency_of,
        ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
    },
    db::Conn,
    error::{Error, FieldError, Result},
    idempotency::{self, Claim, Idempotency},
    ids::{InvoiceId, PaymentId, RefundId},
    jobs::SweepReport,
    money::Money,
};

/// Longest reason, in characters.
pub const REASON_MAX: usize = 500;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundInput {
    /// Why (on the credit note, and in the log).
    pub reason: String,
    /// Refund this much of the prepaid credit the payment brought, with no
    /// credit note (top-ups, overpayments). Leave out to credit the
    /// invoice and refund what that frees.
    #[serde(default)]
    pub amount: Option<String>,
    /// The invoice lines to credit (as for a credit note); all that
    /// remains when left out.
    #[serde(default, deserialize_with = "crate::billing::objects::optional_list")]
    pub lines: Option<Vec<CreditLineInput>>,
}

/// BIL-6: refund `payment_id`.
pub async fn refund(
    ctx: &Ctx,
    by: Issuer<'_>,
    payment_id: &PaymentId,
    input: &RefundInput,
    idem: Option<&Idempotency>,
) -> Result<RefundView> {
    by.check(StaffAction::IssueInvoices)?;
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let reason = input.reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX || crate::text::has_control(reason)
    {
        return Err(Error::invalid(
            "reason",
            "invalid_reason",
            format!("Say why, in 1 to {REASON_MAX} characters."),
        ));
    }
    let mut tx = ctx.db.begin().await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim::<RefundView>(tx.conn(), idem, now_ms).await?
    {
        // The refund as it is now (sent, or refused by the gateway since).
        let row = store::refund(tx.conn(), v.id.as_str())
            .await?
            .ok_or(Error::NotFound)?;
        return RefundView::from_row(row);
    }
    let payment = store::payment(tx.conn(), payment_id)
        .await?
        .ok_or(Error::NotFound)?;
    if payment.status != "succeeded" {
        return Err(Error::Conflict {
            code: "payment_not_captured",
            description: "Only a payment that succeeded can be refunded.".into(),
        });
    }
    let currency = currency_of(&payment.currency)?;
    let org = payment.org_id.clone();
    let prepaid = Account::Prepaid(org.clone(), currency);
    // The prepaid account first, then (in the credit note) the invoice.
    ledger::lock(tx.conn(), &prepaid.key(), now_ms).await?;
    let refundable = payment.amount_minor - payment.refunded_minor;
    let id = RefundId::new(now);

    let (amount, credit_note_id) = match (&input.amount, &payment.invoice_id) {
        (Some(_), _) | (None, None) => {
            if input.lines.is_some() {
                return Err(Error::invalid(
                    "lines",
                    "amount_or_lines",
                    "Give an amount (prepaid credit) or lines (credit the invoice), not both.",
                ));
            }
            if payment.method == "prepaid" {
                return Err(Error::invalid(
                    "amount",
                    "refund_needs_credit_note",
                    "A prepaid payment is refunded by crediting its invoice; leave amount out.",
                ));
            }
            // A top-up without an amount: all of it.
            let amount = match &input.amount {
                Some(a) => Money::parse(a.trim(), currency).map_err(|_| {
                    Error::invalid(
                        "amount",
                        "invalid_amount",
                        "Write the amount as a decimal number, e.g. 20.00.",
                    )
                })?,
                None => Money::new(refundable, currency),
            };
            if amount.amount_minor <= 0 {
                return Err(Error::invalid(
                    "amount",
                    "out_of_range",
                    "Refund an amount above zero.",
                ));
            }
            let credit = ledger::prepaid_balance(tx.conn(), &org, currency).await?;
            if amount.amount_minor > credit.amount_minor {
                return Err(Error::invalid(
                    "amount",
                    "exceeds_prepaid",
                    format!(
                        "The prepaid account holds {credit}; credit the invoice to refund invoiced money."
                    ),
                ));
            }
            (amount.amount_minor, None)
        }
        (None, Some(invoice)) => {
            let note = billing::credit_notes::credit_in(
                tx.conn(),
                ctx,
                by,
                &InvoiceId::from_stored(invoice.clone()),
                &CreditInput {
                    reason: reason.to_owned(),
                    lines: input.lines.clone(),
                },
            )
            .await?;
            (
                note.to_prepaid.amount_minor.min(refundable),
                Some(note.id.to_string()),
            )
        }
    };
    if amount <= 0 {
        return Err(Error::Conflict {
            code: "nothing_to_refund",
            description: "The credit only reduces what the invoice still owes: no money was paid for it, so none goes back.".into(),
        });
    }
    if !store::reserve_refund(tx.conn(), payment_id, amount, now_ms).await? {
        return Err(Error::Validation(vec![FieldError::new(
            "amount",
            "refund_exceeds_payment",
            format!(
                "At most {} of this payment can still be refunded.",
                Money::new(refundable, currency)
            ),
        )]));
    }
    let to_gateway = payment.gateway.is_some() && payment.method != "prepaid";
    let row = RefundRow {
        id: id.clone(),
        payment_id: payment_id.clone(),
        org_id: org.clone(),
        currency: payment.currency.clone(),
        amount_minor: amount,
        reason: reason.to_owned(),
        destination: if to_gateway { "gateway" } else { "prepaid" }.into(),
        // Prepaid refunds are done with the credit note.
        status: if to_gateway { "pending" } else { "succeeded" }.into(),
        credit_note_id,
        gateway_ref: None,
        failure_message: None,
        created_by: by.label(),
        created_at: now_ms,
        updated_at: now_ms,
    };
    store::insert_refund(tx.conn(), &row).await?;
    if to_gateway {
        let gateway = payment.gateway.clone().unwrap_or_default();
        post(
            tx.conn(),
            ctx,
            &row,
            &gateway,
            TransactionKind::RefundSent,
            now_ms,
        )
        .await?;
    }
    by.audit(
        tx.conn(),
        ctx,
        "refund.created",
        id.as_str(),
        Some(&org),
        &format!(
            "{} of {payment_id} to {}: {reason}",
            Money::new(amount, currency),
            row.destination
        ),
    )
    .await?;
    // The key is bound to this refund before the gateway is called: a
    // retry meanwhile, or after the process died, answers it as it is
    // (the refunds sweep asks the gateway about one left pending).
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &RefundView::from_row(row.clone())?).await?;
    }
    tx.commit().await?;

    if to_gateway {
        send(ctx, &row, &payment).await?;
    }
    let mut tx = ctx.db.begin().await?;
    let current = store::refund(tx.conn(), &id)
        .await?
        .ok_or(Error::NotFound)?;
    let v = RefundView::from_row(current)?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &v).await?;
    }
    tx.commit().await?;
    Ok(v)
}

/// The refund's entries: sent (debit prepaid, credit gateway) or reversed.
async fn post(
    c: Conn<'_>,
    ctx: &Ctx,
    r: &RefundRow,
    gateway: &str,
    kind: TransactionKind,
    now_ms: i64,
) -> Result<()> {
    let currency = currency_of(&r.currency)?;
    let sign = if kind == TransactionKind::RefundSent {
        1
    } else {
        -1
    };
    ledger::post(
        c,
        &Posting {
            kind,
            document_kind: DocumentKind::Refund,
            document_id: r.id.to_string(),
            org_id: Some(r.org_id.clone()),
            booked_on: ctx.today(),
            entries: vec![
                Entry::new(
                    Account::Prepaid(r.org_id.clone(), currency),
                    Money::new(sign * r.amount_minor, currency),
                ),
                Entry::new(
                    Account::Gateway {
                        gateway: gateway.into(),
                        currency,
                    },
                    Money::new(-sign * r.amount_minor, currency),
                ),
            ],
        },
        now_ms,
    )
    .await?;
    Ok(())
}

/// Ask the gateway to send a recorded refund, and record its answer. The
/// refund id is the gateway's idempotency key: asking again is safe.
async fn send(ctx: &Ctx, r: &RefundRow, payment: &store::PaymentRow) -> Result<()> {
    let Some(gateway) = payment
        .gateway
        .as_deref()
        .and_then(|g| ctx.gateways.by_name(g))
    else {
        return Ok(());
    };
    let currency = currency_of(&r.currency)?;
    let answer = gateway
        .refund(&RefundRequest {
            refund_id: &r.id,
            payment_ref: payment.gateway_ref.as_deref().unwrap_or_default(),
            amount: Money::new(r.amount_minor, currency),
        })
        .await;
    let mut tx = ctx.db.begin().await?;
    match answer {
        Ok(state) => apply(tx.conn(), ctx, &r.id, &state).await?,
        Err(GatewayError::Refused { message, .. }) => {
            fail(tx.conn(), ctx, r, &message).await?;
        }
        // Left pending: the expiry sweep asks again with the same key.
        Err(GatewayError::Unavailable(why)) => {
            tracing::warn!(refund = %r.id, %why, "payment gateway unavailable for a refund");
            store::touch_refund(tx.conn(), &r.id, None, ctx.clock.now().as_millisecond()).await?;
        }
    }
    tx.commit().await
}

/// A refund's state from the gateway, in the caller's transaction.
pub(crate) async fn apply(
    mut c: Conn<'_>,
    ctx: &Ctx,
    id: &RefundId,
    state: &RefundState,
) -> Result<()> {
    let now_ms = ctx.clock.now().as_millisecond();
    let Some(r) = store::refund(c.reborrow(), id).await? else {
        return Ok(());
    };
    let gateway_ref = Some(state.gateway_ref.as_str()).filter(|s| !s.is_empty());
    match &state.status {
        RefundStatus::Succeeded => {
            store::end_refund(c, id, "succeeded", gateway_ref, None, now_ms).await?;
        }
        RefundStatus::Pending => store::touch_refund(c, id, gateway_ref, now_ms).await?,
        RefundStatus::Failed { message, .. } => fail(c, ctx, &r, message).await?,
    }
    Ok(())
}

/// The gateway refused: the money goes back on the prepaid account (the
/// reverse posting) and the payment may be refunded again.
async fn fail(mut c: Conn<'_>, ctx: &Ctx, r: &RefundRow, message: &str) -> Result<()> {
    let now_ms = ctx.clock.now().as_millisecond();
    if !store::end_refund(c.reborrow(), &r.id, "failed", None, Some(message), now_ms).await? {
        return Ok(());
    }
    let payment = store::payment(c.reborrow(), &r.payment_id)
        .await?
        .ok_or(Error::NotFound)?;
    post(
        c.reborrow(),
        ctx,
        r,
        payment.gateway.as_deref().unwrap_or_default(),
        TransactionKind::RefundReversed,
        now_ms,
    )
    .await?;
    store::release_refund(c.reborrow(), &r.payment_id, r.amount_minor, now_ms).await?;
    crate::staff::audit_in(
        c,
        ctx,
        None,
        "refund.failed",
        r.id.as_str(),
        Some(&r.org_id),
        &format!("the gateway refused: {message}; the money is back on the prepaid account"),
    )
    .await
}

/// Refunds the gateway has not answered for a while are sent again (same
/// key: no second refund at the gateway).
pub(crate) async fn retry_pending(ctx: &Ctx, before: i64) -> Result<SweepReport> {
    let mut report = SweepReport::default();
    let pending = {
        let mut c = ctx.db.acquire().await?;
        store::stale_refunds(c.conn(), before, 100).await?
    };
    for r in pending {
        let payment = {
            let mut c = ctx.db.acquire().await?;
            store::payment(c.conn(), &r.payment_id).await?
        };
        let Some(payment) = payment else { continue };
        match send(ctx, &r, &payment).await {
            Ok(()) => report.done += 1,
            Err(e) => {
                report.failed += 1;
                tracing::warn!(refund = %r.id, error = %e, "re-sending a refund failed");
            }
        }
    }
    Ok(report)
}

/// A payment's refunds (staff, and the customer's payment page).
pub async fn payment_refunds(c: Conn<'_>, payment_id: &PaymentId) -> Result<Vec<RefundView>> {
    store::payment_refunds(c, payment_id)
        .await?
        .into_iter()
        .map(RefundView::from_row)
        .collect()
}
