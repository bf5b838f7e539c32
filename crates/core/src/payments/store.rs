//! Payments' SQL. Only this area writes these tables; every change of a
//! payment's state is one conditional update (ADR 0012).

use crate::{
    db::Conn,
    error::{Error, Result},
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId, RefundId, UserId},
    money::Money,
    sql,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: PaymentId,
    pub org_id: OrgId,
    pub purpose: String,
    pub invoice_id: Option<String>,
    pub currency: String,
    pub amount_minor: i64,
    pub method: String,
    pub payment_method_id: Option<String>,
    pub save_method: bool,
    pub gateway: Option<String>,
    pub gateway_ref: Option<String>,
    pub redirect_url: Option<String>,
    pub reference: Option<String>,
    pub status: String,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    pub holding_invoice_id: Option<String>,
    pub to_prepaid_minor: i64,
    pub refunded_minor: i64,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub settled_at: Option<i64>,
}

impl PaymentRow {
    /// A payment about to be made: no gateway, reference or outcome yet
    /// (its `status` is set by the way it is paid).
    pub fn new(
        id: PaymentId,
        org_id: &OrgId,
        invoice_id: Option<&InvoiceId>,
        amount: Money,
        method: &str,
        created_by: &UserId,
        now_ms: i64,
    ) -> PaymentRow {
        PaymentRow {
            id,
            org_id: org_id.clone(),
            purpose: if invoice_id.is_some() {
                "invoice"
            } else {
                "top_up"
            }
            .into(),
            invoice_id: invoice_id.map(|i| i.to_string()),
            currency: amount.currency.code().into(),
            amount_minor: amount.amount_minor,
            method: method.into(),
            payment_method_id: None,
            save_method: false,
            gateway: None,
            gateway_ref: None,
            redirect_url: None,
            reference: None,
            status: String::new(),
            failure_code: None,
            failure_message: None,
            holding_invoice_id: None,
            to_prepaid_minor: 0,
            refunded_minor: 0,
            created_by: created_by.to_string(),
            created_at: now_ms,
            updated_at: now_ms,
            settled_at: None,
        }
    }
}

const PAYMENT_COLUMNS: &str = "id, org_id, purpose, invoice_id, currency, amount_minor, method, payment_method_id, save_method, gateway, gateway_ref, redirect_url, reference, status, failure_code, failure_message, holding_invoice_id, to_prepaid_minor, refunded_minor, created_by, created_at, updated_at, settled_at";

/// The states a payment is still open in (it may yet capture).
pub const OPEN: &str = "('pending', 'requires_action', 'processing')";

/// Whether a payment in `status` may still capture.
pub fn is_open(status: &str) -> bool {
    matches!(status, "pending" | "requires_action" | "processing")
}

/// Insert a new payment. A second payment in flight for the same invoice
/// breaks the unique `holding_invoice_id`: [`Error::Conflict`]
/// `payment_in_flight`.
pub async fn insert(c: Conn<'_>, p: &PaymentRow) -> Result<()> {
    let r = sql!(
        c,
        execute,
        &format!(
            "INSERT INTO payments ({PAYMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)"
        ),
        p.id.as_str(),
        p.org_id.as_str(),
        &p.purpose,
        &p.invoice_id,
        &p.currency,
        p.amount_minor,
        &p.method,
        &p.payment_method_id,
        p.save_method,
        &p.gateway,
        &p.gateway_ref,
        &p.redirect_url,
        &p.reference,
        &p.status,
        &p.failure_code,
        &p.failure_message,
        &p.holding_invoice_id,
        p.to_prepaid_minor,
        p.refunded_minor,
        &p.created_by,
        p.created_at,
        p.updated_at,
        p.settled_at
    );
    match r {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(Error::Conflict {
            code: "payment_in_flight",
            description: "A payment for this invoice is already in progress; finish or cancel it first, or wait a few minutes.".into(),
        }),
        Err(e) => Err(e.into()),
    }
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

pub async fn payment(c: Conn<'_>, id: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_optional as PaymentRow,
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = $1"),
        id
    )?)
}

pub async fn org_payment(c: Conn<'_>, org: &str, id: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_optional as PaymentRow,
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = $1 AND org_id = $2"),
        id,
        org
    )?)
}

pub async fn by_gateway_ref(c: Conn<'_>, gateway: &str, r: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_optional as PaymentRow,
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE gateway = $1 AND gateway_ref = $2"),
        gateway,
        r
    )?)
}

/// The payment holding `invoice`, if one is in flight.
pub async fn holding(c: Conn<'_>, invoice: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_optional as PaymentRow,
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE holding_invoice_id = $1"),
        invoice
    )?)
}

/// A page of an org's payments, newest first.
pub async fn org_payments(
    c: Conn<'_>,
    org: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_all as PaymentRow,
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        ),
        org,
        limit,
        offset
    )?)
}

pub async fn count_org_payments(c: Conn<'_>, org: &str) -> Result<i64> {
    Ok(sql!(
        c,
        fetch_one scalar i64,
        "SELECT COUNT(*) FROM payments WHERE org_id = $1",
        org
    )?)
}

/// An invoice's payments, oldest first (the invoice page, staff).
pub async fn invoice_payments(c: Conn<'_>, invoice: &str) -> Result<Vec<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_all as PaymentRow,
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE invoice_id = $1 ORDER BY created_at, id"
        ),
        invoice
    )?)
}

/// Open payments last touched before `before`, a batch (the expiry sweep).
pub async fn stale_open(c: Conn<'_>, before: i64, limit: i64) -> Result<Vec<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_all as PaymentRow,
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE status IN {OPEN} AND updated_at < $1 ORDER BY updated_at, id LIMIT $2"
        ),
        before,
        limit
    )?)
}

/// The gateway's answer to a start: its reference, where the customer
/// goes, and the state while still open. Only an open payment moves.
pub async fn mark_started(
    c: Conn<'_>,
    id: &PaymentId,
    gateway_ref: &str,
    redirect_url: Option<&str>,
    status: &str,
    now: i64,
) -> Result<bool> {
    let n = sql!(
        c,
        execute,
        &format!(
            "UPDATE payments SET gateway_ref = $1, redirect_url = $2, status = $3, updated_at = $4 WHERE id = $5 AND status IN {OPEN}"
        ),
        gateway_ref,
        redirect_url,
        status,
        now,
        id.as_str()
    )?;
    Ok(n == 1)
}

/// Settle as succeeded: from any state but succeeded (a capture after a
/// failure or a cancellation still arrived). True for the one update that
/// changed the row: it alone posts.
/// The top-up whose own transfer reference is `reference` (BIL-4).
pub async fn top_up_by_reference(c: Conn<'_>, reference: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(
        c,
        fetch_optional as PaymentRow,
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE reference = $1 AND purpose = 'top_up'"
        ),
        reference
    )?)
}

/// The latest transfer announced for `invoice` and not arrived yet: the
/// payment a bank credit for the invoice settles.
pub async fn awaiting_transfer(c: Conn<'_>, invoice: &str) -> Result<Option<PaymentRow>> {
    Ok(sql!(c, fetch_optional as PaymentRow,
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE invoice_id = $1 AND status = 'awaiting_transfer'
                  ORDER BY created_at DESC, id DESC LIMIT 1"),
        invoice)?)
}

/// Of several invoices (a JSON array of ids), those with a transfer
/// announced and not arrived yet (a bank import's batch books their
/// credits one by one, as captures of those payments).
pub async fn awaiting_transfer_of(c: Conn<'_>, invoices: &str) -> Result<Vec<String>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all scalar String,
            "SELECT DISTINCT invoice_id FROM payments
             WHERE invoice_id IN (SELECT value FROM json_each($1)) AND status = 'awaiting_transfer'",
            invoices)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all scalar String,
            "SELECT DISTINCT invoice_id FROM payments
             WHERE invoice_id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND status = 'awaiting_transfer'",
            invoices)?,
    })
}

/// Of several references (a JSON array), those of top-ups.
pub async fn top_up_references(c: Conn<'_>, references: &str) -> Result<Vec<String>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all scalar String,
            "SELECT DISTINCT reference FROM payments
             WHERE reference IN (SELECT value FROM json_each($1)) AND purpose = 'top_up'",
            references)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all scalar String,
            "SELECT DISTINCT reference FROM payments
             WHERE reference IN (SELECT jsonb_array_elements_text($1::jsonb)) AND purpose = 'top_up'",
            references)?,
    })
}

pub async fn mark_succeeded(
    c: Conn<'_>,
    id: &PaymentId,
    gateway_ref: Option<&str>,
    amount_minor: i64,
    to_prepaid_minor: i64,
    now: i64,
) -> Result<bool> {
    let n = sql!(c, execute,
        "UPDATE payments SET status = 'succeeded', holding_invoice_id = NULL, gateway_ref = COALESCE(gateway_ref, $1),
                amount_minor = $2, to_prepaid_minor = $3, redirect_url = NULL, failure_code = NULL, failure_message = NULL,
                settled_at = $4, updated_at = $4
         WHERE id = $5 AND status <> 'succeeded'",
        gateway_ref, amount_minor, to_prepaid_minor, now, id.as_str())?;
    Ok(n == 1)
}

/// End an open payment without money (failed or cancelled), releasing its
/// invoice.
pub async fn mark_ended(
    c: Conn<'_>,
    id: &PaymentId,
    status: &str,
    failure: Option<(&str, &str)>,
    now: i64,
) -> Result<bool> {
    let n = sql!(c, execute,
        &format!("UPDATE payments SET status = $1, holding_invoice_id = NULL, redirect_url = NULL, failure_code = $2, failure_message = $3, updated_at = $4
                  WHERE id = $5 AND status IN {OPEN}"),
        status, failure.map(|f| f.0), failure.map(|f| f.1), now, id.as_str())?;
    Ok(n == 1)
}

/// Touch an open payment the sweep asked about and found still open.
pub async fn touch(c: Conn<'_>, id: &PaymentId, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        &format!("UPDATE payments SET updated_at = $1 WHERE id = $2 AND status IN {OPEN}"),
        now,
        id.as_str()
    )?;
    Ok(())
}

pub async fn set_payment_method(
    c: Conn<'_>,
    id: &PaymentId,
    method: &PaymentMethodId,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE payments SET payment_method_id = $1 WHERE id = $2",
        method.as_str(),
        id.as_str()
    )?;
    Ok(())
}

/// Reserve `amount` of a payment for a refund: never beyond what it
/// captured, even for two refunds at once.
pub async fn reserve_refund(c: Conn<'_>, id: &PaymentId, amount: i64, now: i64) -> Result<bool> {
    let n = sql!(
        c,
        execute,
        "UPDATE payments SET refunded_minor = refunded_minor + $1, updated_at = $2
         WHERE id = $3 AND status = 'succeeded' AND refunded_minor + $1 <= amount_minor",
        amount,
        now,
        id.as_str()
    )?;
    Ok(n == 1)
}

/// Give back a reservation whose refund the gateway refused.
pub async fn release_refund(c: Conn<'_>, id: &PaymentId, amount: i64, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE payments SET refunded_minor = refunded_minor - $1, updated_at = $2 WHERE id = $3 AND refunded_minor >= $1",
        amount,
        now,
        id.as_str()
    )?;
    Ok(())
}

/// Record a gateway event; false if it was recorded before (a second
/// delivery).
pub async fn record_event(
    c: Conn<'_>,
    gateway: &str,
    event_id: &str,
    kind: &str,
    payment_id: Option<&str>,
    now: i64,
) -> Result<bool> {
    let n = sql!(c, execute,
        "INSERT INTO gateway_events (gateway, event_id, kind, payment_id, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (gateway, event_id) DO NOTHING",
        gateway, event_id, kind, payment_id, now)?;
    Ok(n == 1)
}

// ------------------------------------------------------------ stored methods

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MethodRow {
    pub id: PaymentMethodId,
    pub org_id: OrgId,
    pub gateway: String,
    pub token: String,
    pub method: String,
    pub brand: String,
    pub last4: Option<String>,
    pub exp_month: Option<i32>,
    pub exp_year: Option<i32>,
    pub created_by: String,
    pub created_at: i64,
    pub removed_at: Option<i64>,
}

const METHOD_COLUMNS: &str = "id, org_id, gateway, token, method, brand, last4, exp_month, exp_year, created_by, created_at, removed_at";

/// Keep a method; the same token again is the same method (its id).
pub async fn upsert_method(mut c: Conn<'_>, m: &MethodRow) -> Result<PaymentMethodId> {
    sql!(c.reborrow(), execute,
        &format!("INSERT INTO payment_methods ({METHOD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL)
                  ON CONFLICT (gateway, token) DO NOTHING"),
        m.id.as_str(), m.org_id.as_str(), &m.gateway, &m.token, &m.method, &m.brand, &m.last4, m.exp_month, m.exp_year,
        &m.created_by, m.created_at)?;
    Ok(sql!(
        c,
        fetch_one scalar PaymentMethodId,
        "SELECT id FROM payment_methods WHERE gateway = $1 AND token = $2",
        &m.gateway,
        &m.token
    )?)
}

/// An org's methods not removed, newest first.
pub async fn org_methods(c: Conn<'_>, org: &str) -> Result<Vec<MethodRow>> {
    Ok(sql!(
        c,
        fetch_all as MethodRow,
        &format!(
            "SELECT {METHOD_COLUMNS} FROM payment_methods WHERE org_id = $1 AND removed_at IS NULL ORDER BY created_at DESC, id DESC"
        ),
        org
    )?)
}

pub async fn org_method(c: Conn<'_>, org: &str, id: &str) -> Result<Option<MethodRow>> {
    Ok(sql!(
        c,
        fetch_optional as MethodRow,
        &format!(
            "SELECT {METHOD_COLUMNS} FROM payment_methods WHERE org_id = $1 AND id = $2 AND removed_at IS NULL"
        ),
        org,
        id
    )?)
}

/// A method's token, removed or not (a charge retried after the method
/// was removed must repeat the first call exactly).
pub async fn method_token(c: Conn<'_>, id: &str) -> Result<Option<String>> {
    Ok(sql!(
        c,
        fetch_optional scalar String,
        "SELECT token FROM payment_methods WHERE id = $1",
        id
    )?)
}

pub async fn remove_method(c: Conn<'_>, id: &PaymentMethodId, now: i64) -> Result<bool> {
    let n = sql!(
        c,
        execute,
        "UPDATE payment_methods SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL",
        now,
        id.as_str()
    )?;
    Ok(n == 1)
}

// ------------------------------------------------------------------ refunds

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RefundRow {
    pub id: RefundId,
    pub payment_id: PaymentId,
    pub org_id: OrgId,
    pub currency: String,
    pub amount_minor: i64,
    pub reason: String,
    pub destination: String,
    pub status: String,
    pub credit_note_id: Option<String>,
    pub gateway_ref: Option<String>,
    pub failure_message: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const REFUND_COLUMNS: &str = "id, payment_id, org_id, currency, amount_minor, reason, destination, status, credit_note_id, gateway_ref, failure_message, created_by, created_at, updated_at";

pub async fn insert_refund(c: Conn<'_>, r: &RefundRow) -> Result<()> {
    sql!(
        c,
        execute,
        &format!(
            "INSERT INTO refunds ({REFUND_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ),
        r.id.as_str(),
        r.payment_id.as_str(),
        r.org_id.as_str(),
        &r.currency,
        r.amount_minor,
        &r.reason,
        &r.destination,
        &r.status,
        &r.credit_note_id,
        &r.gateway_ref,
        &r.failure_message,
        &r.created_by,
        r.created_at,
        r.updated_at
    )?;
    Ok(())
}

pub async fn refund(c: Conn<'_>, id: &str) -> Result<Option<RefundRow>> {
    Ok(sql!(
        c,
        fetch_optional as RefundRow,
        &format!("SELECT {REFUND_COLUMNS} FROM refunds WHERE id = $1"),
        id
    )?)
}

pub async fn payment_refunds(c: Conn<'_>, payment: &str) -> Result<Vec<RefundRow>> {
    Ok(sql!(
        c,
        fetch_all as RefundRow,
        &format!(
            "SELECT {REFUND_COLUMNS} FROM refunds WHERE payment_id = $1 ORDER BY created_at, id"
        ),
        payment
    )?)
}

/// Pending refunds last touched before `before` (asked again by the sweep).
pub async fn stale_refunds(c: Conn<'_>, before: i64, limit: i64) -> Result<Vec<RefundRow>> {
    Ok(sql!(
        c,
        fetch_all as RefundRow,
        &format!(
            "SELECT {REFUND_COLUMNS} FROM refunds WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at, id LIMIT $2"
        ),
        before,
        limit
    )?)
}

/// End a pending refund; true for the one update that changed it.
pub async fn end_refund(
    c: Conn<'_>,
    id: &RefundId,
    status: &str,
    gateway_ref: Option<&str>,
    failure: Option<&str>,
    now: i64,
) -> Result<bool> {
    let n = sql!(c, execute,
        "UPDATE refunds SET status = $1, gateway_ref = COALESCE($2, gateway_ref), failure_message = $3, updated_at = $4
         WHERE id = $5 AND status = 'pending'",
        status, gateway_ref, failure, now, id.as_str())?;
    Ok(n == 1)
}

pub async fn touch_refund(
    c: Conn<'_>,
    id: &RefundId,
    gateway_ref: Option<&str>,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE refunds SET gateway_ref = COALESCE($1, gateway_ref), updated_at = $2 WHERE id = $3 AND status = 'pending'",
        gateway_ref,
        now,
        id.as_str()
    )?;
    Ok(())
}

/// The method and stored method of the payment that settled `invoice`
/// last (an order's products take it for their renewals, REN-1).
pub async fn last_settled_method(
    c: Conn<'_>,
    invoice: &str,
) -> Result<Option<(String, Option<String>)>> {
    Ok(sql!(
        c,
        fetch_optional as (String, Option<String>),
        "SELECT method, payment_method_id FROM payments
         WHERE invoice_id = $1 AND status = 'succeeded'
         ORDER BY settled_at DESC, id DESC LIMIT 1",
        invoice
    )?)
}
