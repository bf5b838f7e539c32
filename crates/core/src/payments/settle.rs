//! What the gateway says becomes the payment's state and the ledger's
//! entries — once (ADR 0012).
//!
//! The gateway speaks through signed notifications ([`notification`]),
//! through its answer to a start or a charge ([`super::pay`]), and when we
//! ask ([`sync`], the `payments.expire` sweep). All three meet in
//! [`apply`]: a conditional update decides, and only the update that
//! changed the row posts. Notifications are taken once each
//! (`gateway_events`), in any order: a failure after a success changes
//! nothing; a success after a failure or a cancellation is still booked,
//! because the money did arrive.

use super::{
    Gateway,
    gateway::{Event, GatewayStatus, NotificationError, PaymentState},
    pay, refunds,
    store::{self, MethodRow, PaymentRow},
    views::PaymentView,
};
use crate::{
    Ctx,
    access::{Action, Actor},
    billing::{
        self,
        invoices::currency_of,
        ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
    },
    db::Conn,
    error::{Error, Result},
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId},
    jobs::SweepReport,
    money::Money,
    orgs,
};

/// Record a payment event in the staff log (the system acts: no staff
/// member), with the org, so support sees an org's payments in one place.
pub(crate) async fn audit(c: Conn<'_>, ctx: &Ctx, row: &PaymentRow, action: &str) -> Result<()> {
    let currency = currency_of(&row.currency)?;
    let mut detail = format!(
        "{} {} by {}",
        row.purpose,
        Money::new(row.amount_minor, currency),
        row.method
    );
    if let Some(i) = &row.invoice_id {
        detail.push_str(&format!(" for {i}"));
    }
    if row.to_prepaid_minor > 0 {
        detail.push_str(&format!(
            "; {} put on the prepaid account (the invoice no longer needed it)",
            Money::new(row.to_prepaid_minor, currency)
        ));
    }
    if let Some(code) = &row.failure_code {
        detail.push_str(&format!("; {code}"));
    }
    crate::staff::audit_in(
        c,
        ctx,
        None,
        action,
        row.id.as_str(),
        Some(&row.org_id),
        &detail,
    )
    .await
}

/// Bring payment `id` to what the gateway says, in the caller's
/// transaction.
pub(crate) async fn apply(
    mut c: Conn<'_>,
    ctx: &Ctx,
    gateway: &dyn Gateway,
    id: &PaymentId,
    state: &PaymentState,
) -> Result<()> {
    let now_ms = ctx.clock.now().as_millisecond();
    let row = store::payment(c.reborrow(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let gateway_ref = Some(state.gateway_ref.as_str()).filter(|r| !r.is_empty());
    match &state.status {
        GatewayStatus::Succeeded => {
            let captured = state.captured.map_or(row.amount_minor, |m| m.amount_minor);
            capture(c, ctx, gateway, row, captured, gateway_ref, state, now_ms).await
        }
        GatewayStatus::Failed { code, message } => {
            if store::mark_ended(c.reborrow(), id, "failed", Some((code, message)), now_ms).await? {
                let ended = store::payment(c.reborrow(), id)
                    .await?
                    .ok_or(Error::NotFound)?;
                audit(c, ctx, &ended, "payment.failed").await?;
            }
            Ok(())
        }
        GatewayStatus::Cancelled => {
            if store::mark_ended(c.reborrow(), id, "cancelled", None, now_ms).await? {
                let ended = store::payment(c.reborrow(), id)
                    .await?
                    .ok_or(Error::NotFound)?;
                audit(c, ctx, &ended, "payment.cancelled").await?;
            }
            Ok(())
        }
        GatewayStatus::RequiresAction | GatewayStatus::Processing => {
            let status = if state.status == GatewayStatus::Processing {
                "processing"
            } else {
                "requires_action"
            };
            let reference = gateway_ref
                .or(row.gateway_ref.as_deref())
                .unwrap_or_default();
            let redirect = state
                .redirect_url
                .as_deref()
                .or(row.redirect_url.as_deref());
            store::mark_started(c, id, reference, redirect, status, now_ms).await?;
            Ok(())
        }
    }
}

/// The money arrived: settle the payment and post it, once.
#[allow(clippy::too_many_arguments)]
async fn capture(
    mut c: Conn<'_>,
    ctx: &Ctx,
    gateway: &dyn Gateway,
    row: PaymentRow,
    captured: i64,
    gateway_ref: Option<&str>,
    state: &PaymentState,
    now_ms: i64,
) -> Result<()> {
    if row.status == "succeeded" || captured <= 0 {
        return Ok(());
    }
    let currency = currency_of(&row.currency)?;
    let invoice_id = row.invoice_id.clone().map(InvoiceId::from_stored);
    // What the invoice still owes decides the split; read under its lock.
    let to_invoice = match &invoice_id {
        Some(invoice) => {
            ledger::lock(c.reborrow(), &ledger::invoice_lock_key(invoice), now_ms).await?;
            ledger::invoice_open(c.reborrow(), invoice, currency)
                .await?
                .amount_minor
                .clamp(0, captured)
        }
        None => 0,
    };
    let to_prepaid = captured - to_invoice;
    if !store::mark_succeeded(
        c.reborrow(),
        &row.id,
        gateway_ref,
        captured,
        to_prepaid,
        now_ms,
    )
    .await?
    {
        return Ok(());
    }
    let mut entries = vec![Entry::new(
        Account::Gateway {
            gateway: gateway.name().into(),
            currency,
        },
        Money::new(captured, currency),
    )];
    if let Some(invoice) = &invoice_id {
        entries.push(Entry::for_invoice(
            Account::Receivable(row.org_id.clone(), currency),
            Money::new(-to_invoice, currency),
            invoice,
        ));
    }
    entries.push(Entry::new(
        Account::Prepaid(row.org_id.clone(), currency),
        Money::new(-to_prepaid, currency),
    ));
    ledger::post(
        c.reborrow(),
        &Posting {
            kind: TransactionKind::PaymentCaptured,
            document_kind: DocumentKind::Payment,
            document_id: row.id.to_string(),
            org_id: Some(row.org_id.clone()),
            booked_on: ctx.today(),
            entries,
        },
        now_ms,
    )
    .await?;
    if row.save_method
        && let Some(m) = &state.stored_method
    {
        let method_id = store::upsert_method(
            c.reborrow(),
            &MethodRow {
                id: PaymentMethodId::new(ctx.clock.now()),
                org_id: row.org_id.clone(),
                gateway: gateway.name().into(),
                token: m.token.clone(),
                method: m.method.as_str().into(),
                brand: m.brand.clone(),
                last4: m.last4.clone(),
                exp_month: m.exp_month,
                exp_year: m.exp_year,
                created_by: row.created_by.clone(),
                created_at: now_ms,
                removed_at: None,
            },
        )
        .await?;
        store::set_payment_method(c.reborrow(), &row.id, &method_id).await?;
    }
    // After the stored method is recorded: an order's products paid now
    // take it for their renewals (REN-1).
    if let Some(invoice) = &invoice_id {
        billing::credit_notes::refresh_status(c.reborrow(), ctx, invoice, now_ms).await?;
    }
    let settled = store::payment(c.reborrow(), &row.id)
        .await?
        .ok_or(Error::NotFound)?;
    audit(c, ctx, &settled, "payment.succeeded").await
}

/// Why a notification was refused, as the API answers it.
fn refused(e: NotificationError) -> Error {
    Error::BadRequest {
        code: "invalid_notification",
        description: format!("Notification refused: {e}."),
    }
}

/// A gateway's server-to-server notification: verified, taken once, then
/// applied. An event about a payment or refund we do not know is kept
/// (so it is not sent again) and logged.
pub async fn notification(
    ctx: &Ctx,
    gateway_name: &str,
    signature: Option<&str>,
    body: &[u8],
) -> Result<()> {
    let gateway = ctx.gateways.by_name(gateway_name).ok_or(Error::NotFound)?;
    let n = gateway
        .verify(signature, body, ctx.clock.now())
        .map_err(refused)?;
    let now_ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    match &n.event {
        Event::Payment { payment_id, state } => {
            let row = match payment_id {
                Some(id) => store::payment(tx.conn(), id).await?,
                None => {
                    store::by_gateway_ref(tx.conn(), gateway.name(), &state.gateway_ref).await?
                }
            };
            let fresh = store::record_event(
                tx.conn(),
                gateway.name(),
                &n.event_id,
                "payment",
                row.as_ref().map(|r| r.id.as_str()),
                now_ms,
            )
            .await?;
            match row {
                Some(row) if fresh => {
                    apply(tx.conn(), ctx, gateway.as_ref(), &row.id, state).await?
                }
                Some(_) => {}
                None => tracing::warn!(
                    gateway = gateway.name(),
                    event = %n.event_id,
                    gateway_ref = %state.gateway_ref,
                    "notification about a payment we do not know"
                ),
            }
        }
        Event::Refund { refund_id, state } => {
            let fresh = store::record_event(
                tx.conn(),
                gateway.name(),
                &n.event_id,
                "refund",
                None,
                now_ms,
            )
            .await?;
            if fresh {
                match refund_id {
                    Some(id) => refunds::apply(tx.conn(), ctx, id, state).await?,
                    None => {
                        tracing::warn!(gateway = gateway.name(), event = %n.event_id, "refund notification without our id")
                    }
                }
            }
        }
        Event::Other(kind) => {
            store::record_event(tx.conn(), gateway.name(), &n.event_id, kind, None, now_ms).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The customer is back from the gateway's page: ask the gateway (the
/// return URL proves nothing) and show the payment.
pub async fn sync(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    payment_id: &PaymentId,
) -> Result<PaymentView> {
    let row = {
        let mut c = ctx.db.acquire().await?;
        orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
        store::org_payment(c.conn(), org_id, payment_id)
            .await?
            .ok_or(Error::NotFound)?
    };
    if store::is_open(&row.status)
        && let (Some(name), Some(r)) = (&row.gateway, &row.gateway_ref)
        && let Some(gateway) = ctx.gateways.by_name(name)
    {
        match gateway.retrieve(r).await {
            Ok(state) => {
                let mut tx = ctx.db.begin().await?;
                apply(tx.conn(), ctx, gateway.as_ref(), &row.id, &state).await?;
                tx.commit().await?;
            }
            // The notification will tell; the page says "processing".
            Err(e) => tracing::warn!(payment = %row.id, error = %e, "could not ask the gateway"),
        }
    }
    let mut c = ctx.db.acquire().await?;
    let row = store::payment(c.conn(), payment_id)
        .await?
        .ok_or(Error::NotFound)?;
    PaymentView::from_row(row, None)
}

/// The `payments.expire` sweep: attempts left open longer than the hold
/// are asked about; still open, they are cancelled at the gateway (a
/// capture that raced the cancel is booked all the same). Pending refunds
/// are asked again too.
pub(crate) async fn expire(ctx: &Ctx) -> Result<SweepReport> {
    let now = ctx.clock.now().as_millisecond();
    let before = now - i64::from(ctx.config.payments.hold_minutes) * 60_000;
    let mut report = SweepReport::default();
    let stale = {
        let mut c = ctx.db.acquire().await?;
        store::stale_open(c.conn(), before, 100).await?
    };
    for row in stale {
        match expire_one(ctx, &row).await {
            Ok(()) => report.done += 1,
            Err(e) => {
                report.failed += 1;
                tracing::warn!(payment = %row.id, error = %e, "expiring a payment failed");
            }
        }
    }
    let r = refunds::retry_pending(ctx, before).await?;
    report.done += r.done;
    report.failed += r.failed;
    Ok(report)
}

async fn expire_one(ctx: &Ctx, row: &PaymentRow) -> Result<()> {
    let now_ms = ctx.clock.now().as_millisecond();
    let gateway = row.gateway.as_deref().and_then(|g| ctx.gateways.by_name(g));
    let Some(gateway) = gateway else {
        // No gateway can tell any more (removed from the configuration):
        // nothing was captured that we could know of; free the invoice.
        let mut tx = ctx.db.begin().await?;
        store::mark_ended(tx.conn(), &row.id, "cancelled", None, now_ms).await?;
        tx.commit().await?;
        return Ok(());
    };
    let state = match &row.gateway_ref {
        Some(r) => match gateway.retrieve(r).await {
            Ok(s) if !s.status.is_final() => gateway.cancel(r).await.ok(),
            Ok(s) => Some(s),
            Err(_) => None,
        },
        // The first call never answered: an off-session charge is asked
        // again with the same key; a hosted page the customer never saw
        // cannot have captured.
        None => match pay::retry_call(ctx, gateway.as_ref(), row).await? {
            Some(s) => Some(s),
            None if row.payment_method_id.is_none() => Some(PaymentState {
                gateway_ref: String::new(),
                status: GatewayStatus::Cancelled,
                redirect_url: None,
                captured: None,
                stored_method: None,
            }),
            None => None,
        },
    };
    let mut tx = ctx.db.begin().await?;
    match state {
        Some(s) => apply(tx.conn(), ctx, gateway.as_ref(), &row.id, &s).await?,
        None => store::touch(tx.conn(), &row.id, now_ms).await?,
    }
    tx.commit().await
}
