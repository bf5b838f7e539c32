//! Paying an invoice (BIL-3, BIL-4) and topping up the prepaid account.
//!
//! A gateway payment takes three steps (ADR 0012): a transaction records
//! the attempt and, for an invoice, its hold; the gateway is called outside
//! any transaction; a second transaction records its answer. Paying from
//! the prepaid account and choosing a bank transfer take one transaction.

use serde::Deserialize;

use super::{
    Gateway, GatewayMethod,
    gateway::{Charge, GatewayError, PaymentState, StartPayment},
    settle,
    store::{self, PaymentRow},
    views::{PaymentView, TransferInstructions},
};
use crate::{
    Ctx,
    access::{Action, Actor},
    billing::{
        self,
        invoices::currency_of,
        ledger::{self, Account, DocumentKind, Entry, Posting, TransactionKind},
        reference::Reference,
    },
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::{self, Claim, Idempotency},
    ids::{InvoiceId, OrgId, PaymentId},
    money::{Currency, Money},
    orgs,
};

/// The smallest and largest top-up, in minor units (BIL-4: 0.10 to 9,999).
pub const TOP_UP_MIN: i64 = 10;
pub const TOP_UP_MAX: i64 = 999_900;

/// Paying an invoice.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayInput {
    /// `card`, `postfinance` (CHF only), `paypal`, `twint` (CHF only),
    /// `prepaid` or `bank_transfer`.
    pub method: String,
    /// How much, e.g. `"40.00"`; all that is still due when left out.
    #[serde(default)]
    pub amount: Option<String>,
    /// A stored method to charge without going through the gateway's page.
    #[serde(default)]
    pub payment_method_id: Option<String>,
    /// Keep the card or Twint for later payments and renewals.
    #[serde(default)]
    pub save_method: bool,
}

/// Topping up the prepaid account.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopUpInput {
    /// Between `"0.10"` and `"9999.00"`, in the organisation's currency.
    pub amount: String,
    /// `card`, `postfinance` (CHF only) or `bank_transfer`.
    pub method: String,
    #[serde(default)]
    pub payment_method_id: Option<String>,
    #[serde(default)]
    pub save_method: bool,
}

/// How the money comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Gateway(GatewayMethod),
    Prepaid,
    BankTransfer,
}

impl Method {
    pub fn parse(s: &str) -> Result<Method> {
        match s {
            "prepaid" => Ok(Method::Prepaid),
            "bank_transfer" => Ok(Method::BankTransfer),
            other => GatewayMethod::parse(other)
                .map(Method::Gateway)
                .ok_or_else(|| {
                    Error::invalid(
                        "method",
                        "invalid_value",
                        "method is card, postfinance, paypal, twint, prepaid or bank_transfer.",
                    )
                }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Gateway(g) => g.as_str(),
            Method::Prepaid => "prepaid",
            Method::BankTransfer => "bank_transfer",
        }
    }
}

fn not_available(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new(
        "method",
        "method_not_available",
        message,
    )])
}

/// The gateway for `method` in `currency`, or why not (422 on `method`).
fn gateway_for(ctx: &Ctx, method: GatewayMethod, currency: Currency) -> Result<&dyn Gateway> {
    if !method.takes(currency) {
        let name = match method {
            GatewayMethod::Postfinance => "PostFinance Card",
            GatewayMethod::Twint => "Twint",
            GatewayMethod::Card => "Card",
            GatewayMethod::Paypal => "PayPal",
        };
        return Err(not_available(format!(
            "{name} takes payments in CHF only; this account is in {}.",
            currency.code()
        )));
    }
    match ctx.gateways.active() {
        Some(g) if g.methods().contains(&method) => Ok(g.as_ref()),
        _ => Err(not_available(
            "This payment method is not offered; choose another.",
        )),
    }
}

/// What the caller asks of a gateway, prepared in the first transaction.
struct GatewayCall {
    row: PaymentRow,
    method: GatewayMethod,
    /// The stored method's token, for an off-session charge.
    token: Option<String>,
    description: String,
    language: Lang,
}

/// BIL-3, BIL-4: pay `invoice_id`, all that is due or `amount` of it.
pub async fn pay_invoice(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    invoice_id: &InvoiceId,
    input: &PayInput,
    idem: Option<&Idempotency>,
) -> Result<PaymentView> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // Access first: a stranger learns nothing, not even that the body is
    // wrong (404 before 422).
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    let method = Method::parse(input.method.trim())?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim::<PaymentView>(tx.conn(), idem, now_ms).await?
    {
        return replayed(tx.conn(), ctx, &v.id).await;
    }
    let invoice = billing::store::org_invoice(tx.conn(), org_id, invoice_id)
        .await?
        .filter(|r| r.status != "draft")
        .ok_or(Error::NotFound)?;
    let currency = currency_of(&invoice.currency)?;
    if matches!(invoice.status.as_str(), "paid" | "cancelled") {
        return Err(Error::Conflict {
            code: "invoice_not_payable",
            description: format!(
                "This invoice is {} and has nothing left to pay.",
                invoice.status.replace('_', " ")
            ),
        });
    }
    if let Some(p) = store::holding(tx.conn(), invoice_id).await? {
        return Err(Error::Conflict {
            code: "payment_in_flight",
            description: format!(
                "Payment {} for this invoice is still in progress; finish or cancel it first, or wait a few minutes.",
                p.id
            ),
        });
    }
    // Prepaid spends take the account's lock before the invoice's (ADR
    // 0012: one order for every transaction that takes both).
    if method == Method::Prepaid {
        ledger::lock(
            tx.conn(),
            &Account::Prepaid(org_id.clone(), currency).key(),
            now_ms,
        )
        .await?;
    }
    ledger::lock(tx.conn(), &ledger::invoice_lock_key(invoice_id), now_ms).await?;
    let open = ledger::invoice_open(tx.conn(), invoice_id, currency).await?;
    let amount = match input
        .amount
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        None => open,
        Some(a) => Money::parse(a, currency).map_err(|_| {
            Error::invalid(
                "amount",
                "invalid_amount",
                "Write the amount as a decimal number, e.g. 40.00.",
            )
        })?,
    };
    if amount.amount_minor <= 0 {
        return Err(Error::invalid(
            "amount",
            "out_of_range",
            "Pay an amount above zero.",
        ));
    }
    if amount.amount_minor > open.amount_minor {
        return Err(Error::invalid(
            "amount",
            "exceeds_open",
            format!(
                "At most {} is still due on this invoice.",
                open.amount_string()
            ),
        ));
    }
    let mut row = PaymentRow::new(
        PaymentId::new(now),
        org_id,
        Some(invoice_id),
        amount,
        method.as_str(),
        &actor.user_id,
        now_ms,
    );
    let number = invoice.number.clone().unwrap_or_default();
    audit_started(tx.conn(), ctx, actor, &row, Some(&number)).await?;
    match method {
        Method::Prepaid => {
            let v = pay_from_prepaid(tx.conn(), ctx, row, invoice_id, now_ms).await?;
            if let Some(idem) = idem {
                idempotency::record(tx.conn(), idem, &v).await?;
            }
            tx.commit().await?;
            Ok(v)
        }
        Method::BankTransfer => {
            // The invoice's own reference and QR-bill: the money is matched
            // when the bank statement is imported (BNK-2).
            row.status = "awaiting_transfer".into();
            store::insert(tx.conn(), &row).await?;
            let reference = invoice.reference.clone().unwrap_or_default();
            let transfer = transfer_instructions(
                ctx,
                currency,
                &reference,
                amount,
                format!("/api/1/orgs/{org_id}/invoices/{invoice_id}/pdf"),
            );
            let v = PaymentView::from_row(row, transfer)?;
            if let Some(idem) = idem {
                idempotency::record(tx.conn(), idem, &v).await?;
            }
            tx.commit().await?;
            Ok(v)
        }
        Method::Gateway(gm) => {
            let gateway = gateway_for(ctx, gm, currency)?;
            let token = stored_token(tx.conn(), org_id, input, gm, &mut row).await?;
            row.status = "pending".into();
            row.gateway = Some(gateway.name().into());
            row.save_method = input.save_method && token.is_none() && gm.storable();
            row.holding_invoice_id = Some(invoice_id.to_string());
            store::insert(tx.conn(), &row).await?;
            claimed_with(tx.conn(), idem, &row).await?;
            tx.commit().await?;
            let call = GatewayCall {
                description: description(&row, &number),
                row,
                method: gm,
                token,
                language: Lang::parse(&invoice.language).unwrap_or(Lang::En),
            };
            call_gateway(ctx, gateway, call, idem).await
        }
    }
}

/// The stored method named in the input, if any: it must be the org's, not
/// removed, and of the method asked for.
async fn stored_token(
    c: Conn<'_>,
    org_id: &OrgId,
    input_method: &impl HasStoredMethod,
    method: GatewayMethod,
    row: &mut PaymentRow,
) -> Result<Option<String>> {
    let Some(id) = input_method.stored_method_id() else {
        return Ok(None);
    };
    let m = store::org_method(c, org_id, id).await?.ok_or_else(|| {
        Error::invalid(
            "payment_method_id",
            "unknown_payment_method",
            "No such stored payment method in this organisation.",
        )
    })?;
    if m.method != method.as_str() {
        return Err(Error::invalid(
            "payment_method_id",
            "payment_method_mismatch",
            format!(
                "This stored method is a {} method, not {}.",
                m.method,
                method.as_str()
            ),
        ));
    }
    row.payment_method_id = Some(m.id.to_string());
    Ok(Some(m.token))
}

trait HasStoredMethod {
    fn stored_method_id(&self) -> Option<&str>;
}

impl HasStoredMethod for PayInput {
    fn stored_method_id(&self) -> Option<&str> {
        self.payment_method_id.as_deref().filter(|s| !s.is_empty())
    }
}

impl HasStoredMethod for TopUpInput {
    fn stored_method_id(&self) -> Option<&str> {
        self.payment_method_id.as_deref().filter(|s| !s.is_empty())
    }
}

/// BIL-4: take `row.amount` from the prepaid account for the invoice, in
/// the caller's transaction (which holds the prepaid and invoice locks).
async fn pay_from_prepaid(
    mut c: Conn<'_>,
    ctx: &Ctx,
    mut row: PaymentRow,
    invoice_id: &InvoiceId,
    now_ms: i64,
) -> Result<PaymentView> {
    let currency = currency_of(&row.currency)?;
    let balance = ledger::prepaid_balance(c.reborrow(), &row.org_id, currency).await?;
    if balance.amount_minor < row.amount_minor {
        return Err(Error::invalid(
            "amount",
            "insufficient_prepaid",
            format!(
                "The prepaid account holds {}; pay the rest by another method.",
                balance
            ),
        ));
    }
    row.status = "succeeded".into();
    row.settled_at = Some(now_ms);
    store::insert(c.reborrow(), &row).await?;
    let amount = Money::new(row.amount_minor, currency);
    ledger::post(
        c.reborrow(),
        &Posting {
            kind: TransactionKind::PaymentCaptured,
            document_kind: DocumentKind::Payment,
            document_id: row.id.to_string(),
            org_id: Some(row.org_id.clone()),
            booked_on: ctx.today(),
            entries: vec![
                Entry::new(Account::Prepaid(row.org_id.clone(), currency), amount),
                Entry::for_invoice(
                    Account::Receivable(row.org_id.clone(), currency),
                    Money::new(-row.amount_minor, currency),
                    invoice_id,
                ),
            ],
        },
        now_ms,
    )
    .await?;
    billing::credit_notes::refresh_status(c.reborrow(), ctx, invoice_id, now_ms).await?;
    settle::audit(c.reborrow(), ctx, &row, "payment.succeeded").await?;
    PaymentView::from_row(row, None)
}

/// BIL-4: top up the prepaid account.
pub async fn top_up(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: &TopUpInput,
    idem: Option<&Idempotency>,
) -> Result<PaymentView> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // Access first: a stranger learns nothing, not even that the body is
    // wrong (404 before 422).
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    let method = Method::parse(input.method.trim())?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim::<PaymentView>(tx.conn(), idem, now_ms).await?
    {
        return replayed(tx.conn(), ctx, &v.id).await;
    }
    let org = orgs::org_for_billing(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let currency = currency_of(&org.currency)?;
    let limits = || {
        format!(
            "A top-up is between {} and {}.",
            Money::new(TOP_UP_MIN, currency),
            Money::new(TOP_UP_MAX, currency)
        )
    };
    let amount = Money::parse(input.amount.trim(), currency)
        .map_err(|_| Error::invalid("amount", "invalid_amount", limits()))?;
    if !(TOP_UP_MIN..=TOP_UP_MAX).contains(&amount.amount_minor) {
        return Err(Error::invalid("amount", "out_of_range", limits()));
    }
    let mut row = PaymentRow::new(
        PaymentId::new(now),
        org_id,
        None,
        amount,
        method.as_str(),
        &actor.user_id,
        now_ms,
    );
    let language = Lang::parse(&org.language).unwrap_or(Lang::En);
    audit_started(tx.conn(), ctx, actor, &row, None).await?;
    match method {
        Method::Prepaid => Err(not_available(
            "The prepaid account is topped up by card, PostFinance Card or bank transfer.",
        )),
        Method::Gateway(GatewayMethod::Paypal | GatewayMethod::Twint) => Err(not_available(
            "The prepaid account is topped up by card, PostFinance Card or bank transfer.",
        )),
        Method::BankTransfer => {
            // Its own reference (BIL-4), from the invoices' counter so that
            // no two references are ever alike.
            let seq = billing::series::next(tx.conn(), billing::series::REFERENCES).await?;
            let reference = ctx.config.billing.reference(currency, seq);
            row.status = "awaiting_transfer".into();
            row.reference = Some(reference.as_str().to_owned());
            store::insert(tx.conn(), &row).await?;
            let transfer = transfer_instructions(
                ctx,
                currency,
                reference.as_str(),
                amount,
                format!("/api/1/orgs/{org_id}/prepaid/top-ups/{}/pdf", row.id),
            );
            let v = PaymentView::from_row(row, transfer)?;
            if let Some(idem) = idem {
                idempotency::record(tx.conn(), idem, &v).await?;
            }
            tx.commit().await?;
            Ok(v)
        }
        Method::Gateway(gm) => {
            let gateway = gateway_for(ctx, gm, currency)?;
            let token = stored_token(tx.conn(), org_id, input, gm, &mut row).await?;
            row.status = "pending".into();
            row.gateway = Some(gateway.name().into());
            row.save_method = input.save_method && token.is_none() && gm.storable();
            store::insert(tx.conn(), &row).await?;
            claimed_with(tx.conn(), idem, &row).await?;
            tx.commit().await?;
            let call = GatewayCall {
                description: description(&row, ""),
                row,
                method: gm,
                token,
                language,
            };
            call_gateway(ctx, gateway, call, idem).await
        }
    }
}

/// OPS-5: who started a payment or a top-up, in the organisation's log,
/// in the transaction that records it (its outcome is the gateway's: the
/// staff log and the payment itself say it).
async fn audit_started(
    c: Conn<'_>,
    ctx: &Ctx,
    actor: &Actor,
    row: &PaymentRow,
    invoice_number: Option<&str>,
) -> Result<()> {
    let amount = Money::new(row.amount_minor, currency_of(&row.currency)?);
    let mut after = serde_json::json!({
        "amount": amount,
        "method": row.method,
        "purpose": row.purpose,
    });
    if let Some(number) = invoice_number {
        after["invoice"] = serde_json::Value::String(number.to_owned());
    }
    crate::audit::record(
        c,
        ctx,
        actor,
        crate::audit::Change {
            org_id: &row.org_id,
            action: crate::audit::AuditAction::PaymentStarted,
            target: &format!("payment:{}", row.id),
            before: None,
            after: Some(after),
        },
    )
    .await
}

/// A request sent again with its key answers the payment it made, as it
/// is now: the gateway's page to go to while the customer must act, the
/// outcome once known.
async fn replayed(c: Conn<'_>, ctx: &Ctx, id: &PaymentId) -> Result<PaymentView> {
    let row = store::payment(c, id).await?.ok_or(Error::NotFound)?;
    super::read::view(ctx, row)
}

/// Before the gateway is called (outside any transaction), the key is
/// bound to the payment recorded: a retry while the call is under way, or
/// after the process died during it, answers that payment (which the
/// expiry sweep ends if it never reached the gateway) instead of finding
/// the key claimed forever.
async fn claimed_with(c: Conn<'_>, idem: Option<&Idempotency>, row: &PaymentRow) -> Result<()> {
    match idem {
        Some(idem) => {
            idempotency::record(c, idem, &PaymentView::from_row(row.clone(), None)?).await
        }
        None => Ok(()),
    }
}

/// What the customer's statement and the gateway's page say. Made from
/// the payment alone, so that a retried call sends exactly the first
/// call's parameters (a gateway refuses a reused idempotency key with
/// other parameters).
fn description(row: &PaymentRow, invoice_number: &str) -> String {
    match row.purpose.as_str() {
        "invoice" => format!("Invoice {invoice_number}"),
        _ => "Prepaid top-up".into(),
    }
}

/// How to pay `amount` by bank transfer with `reference`.
pub fn transfer_instructions(
    ctx: &Ctx,
    currency: Currency,
    reference: &str,
    amount: Money,
    pdf_url: String,
) -> Option<TransferInstructions> {
    let parsed = Reference::parse_any(reference).ok()?;
    Some(TransferInstructions {
        iban: billing::documents::account_for(ctx, currency, &parsed),
        reference: parsed.printed(),
        amount,
        pdf_url,
    })
}

/// Where the gateway's page sends the customer back: the console's return
/// page, which asks the gateway (never trusting the URL) and shows the
/// result.
pub fn return_url(ctx: &Ctx, org_id: &OrgId, payment_id: &PaymentId) -> String {
    format!(
        "{}/orgs/{org_id}/payments/{payment_id}/return",
        ctx.config.public_url.trim_end_matches('/')
    )
}

/// Call the gateway for a recorded attempt and record its answer.
async fn call_gateway(
    ctx: &Ctx,
    gateway: &dyn Gateway,
    call: GatewayCall,
    idem: Option<&Idempotency>,
) -> Result<PaymentView> {
    let row = call.row;
    let currency = currency_of(&row.currency)?;
    let amount = Money::new(row.amount_minor, currency);
    let answer = match &call.token {
        Some(token) => {
            gateway
                .charge(&Charge {
                    payment_id: &row.id,
                    amount,
                    method_token: token,
                    description: &call.description,
                })
                .await
        }
        None => {
            let back = return_url(ctx, &row.org_id, &row.id);
            gateway
                .start(&StartPayment {
                    payment_id: &row.id,
                    amount,
                    method: call.method,
                    description: &call.description,
                    return_url: &back,
                    save_method: row.save_method,
                    language: call.language,
                })
                .await
        }
    };
    let now_ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    match answer {
        Ok(state) => settle::apply(tx.conn(), ctx, gateway, &row.id, &state).await?,
        Err(GatewayError::Refused { code, message }) => {
            if store::mark_ended(
                tx.conn(),
                &row.id,
                "failed",
                Some((&code, &message)),
                now_ms,
            )
            .await?
            {
                let ended = store::payment(tx.conn(), &row.id)
                    .await?
                    .ok_or(Error::NotFound)?;
                settle::audit(tx.conn(), ctx, &ended, "payment.failed").await?;
            }
        }
        Err(GatewayError::Unavailable(why)) => {
            tracing::warn!(payment = %row.id, gateway = gateway.name(), %why, "payment gateway unavailable");
            if call.token.is_none() {
                // The customer never got the gateway's page: nothing can be
                // captured; the attempt ends and the invoice is free again.
                store::mark_ended(
                    tx.conn(),
                    &row.id,
                    "failed",
                    Some((
                        "gateway_unavailable",
                        "The payment service could not be reached; nothing was charged. Try again in a moment.",
                    )),
                    now_ms,
                )
                .await?;
            }
            // An off-session charge may have gone through: it stays pending
            // and the expiry sweep asks again with the same key.
        }
    }
    let current = store::payment(tx.conn(), &row.id)
        .await?
        .ok_or(Error::NotFound)?;
    let v = PaymentView::from_row(current, None)?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &v).await?;
    }
    tx.commit().await?;
    Ok(v)
}

/// Re-send an attempt whose first call got no answer (the expiry sweep):
/// the same payment id is the gateway's idempotency key, so this creates
/// nothing new there.
pub(crate) async fn retry_call(
    ctx: &Ctx,
    gateway: &dyn Gateway,
    row: &PaymentRow,
) -> Result<Option<PaymentState>> {
    let Some(method_id) = &row.payment_method_id else {
        return Ok(None);
    };
    let currency = currency_of(&row.currency)?;
    let (token, number) = {
        let mut c = ctx.db.acquire().await?;
        let token = store::method_token(c.conn(), method_id).await?;
        let number = match &row.invoice_id {
            Some(i) => billing::store::invoice(c.conn(), i)
                .await?
                .and_then(|i| i.number)
                .unwrap_or_default(),
            None => String::new(),
        };
        (token, number)
    };
    let Some(token) = token else { return Ok(None) };
    let description = description(row, &number);
    match gateway
        .charge(&Charge {
            payment_id: &row.id,
            amount: Money::new(row.amount_minor, currency),
            method_token: &token,
            description: &description,
        })
        .await
    {
        Ok(s) => Ok(Some(s)),
        Err(GatewayError::Refused { code, message }) => Ok(Some(PaymentState {
            gateway_ref: String::new(),
            status: super::gateway::GatewayStatus::Failed { code, message },
            redirect_url: None,
            captured: None,
            stored_method: None,
        })),
        Err(GatewayError::Unavailable(_)) => Ok(None),
    }
}

/// An off-session charge recorded and not yet sent (REN-2): the renewals
/// sweep records it in the transaction that claims the attempt, then
/// sends it after the commit with [`send_off_session`].
pub(crate) struct OffSession {
    call: GatewayCall,
    currency: Currency,
}

/// Record a charge of stored method `method_id` for all that is open on
/// `invoice_id`, in the caller's transaction: the payment holds the
/// invoice (a second payment in flight is `payment_in_flight`), as any
/// other. The system acts: the staff log records it.
pub(crate) async fn prepare_off_session(
    mut c: Conn<'_>,
    ctx: &Ctx,
    org_id: &OrgId,
    invoice_id: &InvoiceId,
    method_id: &str,
    created_by: &str,
) -> Result<OffSession> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let invoice = billing::store::invoice(c.reborrow(), invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    let currency = currency_of(&invoice.currency)?;
    let stored = store::org_method(c.reborrow(), org_id, method_id)
        .await?
        .ok_or_else(|| {
            Error::invalid(
                "payment_method_id",
                "unknown_payment_method",
                "No such stored payment method in this organisation.",
            )
        })?;
    let method = GatewayMethod::parse(&stored.method)
        .filter(|m| m.storable())
        .ok_or_else(|| {
            not_available("This stored method cannot be charged without the customer.")
        })?;
    let gateway = gateway_for(ctx, method, currency)?;
    ledger::lock(c.reborrow(), &ledger::invoice_lock_key(invoice_id), now_ms).await?;
    let open = ledger::invoice_open(c.reborrow(), invoice_id, currency).await?;
    if open.amount_minor <= 0 {
        return Err(Error::Conflict {
            code: "invoice_not_payable",
            description: "This invoice has nothing left to pay.".into(),
        });
    }
    let mut row = PaymentRow::new(
        PaymentId::new(now),
        org_id,
        Some(invoice_id),
        open,
        method.as_str(),
        &crate::ids::UserId::from_stored(created_by.to_owned()),
        now_ms,
    );
    row.status = "pending".into();
    row.gateway = Some(gateway.name().into());
    row.payment_method_id = Some(stored.id.to_string());
    row.holding_invoice_id = Some(invoice_id.to_string());
    store::insert(c.reborrow(), &row).await?;
    settle::audit(c, ctx, &row, "payment.started").await?;
    let number = invoice.number.clone().unwrap_or_default();
    Ok(OffSession {
        call: GatewayCall {
            description: description(&row, &number),
            row,
            method,
            token: Some(stored.token),
            language: Lang::parse(&invoice.language).unwrap_or(Lang::En),
        },
        currency,
    })
}

/// Send a recorded off-session charge and record the gateway's answer.
/// An unanswered call stays pending and the expiry sweep asks again with
/// the same key (ADR 0012).
pub(crate) async fn send_off_session(ctx: &Ctx, charge: OffSession) -> Result<PaymentView> {
    let gateway = gateway_for(ctx, charge.call.method, charge.currency)?;
    call_gateway(ctx, gateway, charge.call, None).await
}
