//! What the API and the console show of payments, methods and refunds.

use serde::{Deserialize, Serialize};

use super::store::{MethodRow, PaymentRow, RefundRow};
use crate::{
    billing::invoices::currency_of,
    error::Result,
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId, RefundId},
    money::{Currency, Money},
};

/// Why a payment failed, as the gateway said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Failure {
    /// `card_declined`, `insufficient_funds`, `expired_card`,
    /// `authentication_failed`, `gateway_unavailable`…
    pub code: String,
    pub message: String,
}

/// How to pay by bank transfer: the account, the reference to quote and
/// the amount (the invoice's QR-bill carries the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TransferInstructions {
    pub iban: String,
    pub reference: String,
    pub amount: Money,
    /// The document with the QR-bill to pay from.
    pub pdf_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PaymentView {
    pub id: PaymentId,
    pub org_id: OrgId,
    /// `invoice` or `top_up`.
    pub purpose: String,
    pub invoice_id: Option<InvoiceId>,
    /// `card`, `postfinance`, `paypal`, `twint`, `prepaid`, `bank_transfer`.
    pub method: String,
    pub amount: Money,
    /// `pending`, `requires_action` (go to `redirect_url`), `processing`,
    /// `succeeded`, `failed`, `cancelled`, `awaiting_transfer`.
    pub status: String,
    /// Where the customer completes the payment, while they must act.
    pub redirect_url: Option<String>,
    pub failure: Option<Failure>,
    /// Of the amount, what the invoice no longer needed when the money
    /// arrived (paid meanwhile), put on the prepaid account.
    pub to_prepaid: Money,
    /// Sent back so far.
    pub refunded: Money,
    /// The stored method charged or saved.
    pub payment_method_id: Option<PaymentMethodId>,
    pub transfer: Option<TransferInstructions>,
    pub created_at: i64,
    pub settled_at: Option<i64>,
}

impl PaymentView {
    pub fn from_row(p: PaymentRow, transfer: Option<TransferInstructions>) -> Result<PaymentView> {
        let currency = currency_of(&p.currency)?;
        let m = |minor| Money::new(minor, currency);
        Ok(PaymentView {
            failure: match (p.failure_code, p.failure_message) {
                (Some(code), message) => Some(Failure {
                    code,
                    message: message.unwrap_or_default(),
                }),
                _ => None,
            },
            redirect_url: p
                .redirect_url
                .filter(|_| p.status == "requires_action" || p.status == "pending"),
            id: p.id,
            org_id: p.org_id,
            purpose: p.purpose,
            invoice_id: p.invoice_id.map(InvoiceId::from_stored),
            method: p.method,
            amount: m(p.amount_minor),
            status: p.status,
            to_prepaid: m(p.to_prepaid_minor),
            refunded: m(p.refunded_minor),
            payment_method_id: p.payment_method_id.map(PaymentMethodId::from_stored),
            transfer,
            created_at: p.created_at / 1000,
            settled_at: p.settled_at.map(|t| t / 1000),
        })
    }
}

/// A stored method: what the customer recognises it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PaymentMethodView {
    pub id: PaymentMethodId,
    /// `card`, `postfinance`, `twint`…
    pub method: String,
    /// `visa`, `mastercard`, `cb`, `twint`…
    pub brand: String,
    pub last4: Option<String>,
    pub exp_month: Option<i32>,
    pub exp_year: Option<i32>,
    pub created_at: i64,
}

impl From<MethodRow> for PaymentMethodView {
    fn from(m: MethodRow) -> Self {
        PaymentMethodView {
            id: m.id,
            method: m.method,
            brand: m.brand,
            last4: m.last4,
            exp_month: m.exp_month,
            exp_year: m.exp_year,
            created_at: m.created_at / 1000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RefundView {
    pub id: RefundId,
    pub payment_id: PaymentId,
    pub amount: Money,
    pub reason: String,
    /// `gateway` (back to the card, Twint…) or `prepaid`.
    pub destination: String,
    /// `pending`, `succeeded`, `failed` (the money is then back on the
    /// prepaid account).
    pub status: String,
    /// The credit note issued with it, when invoiced money was refunded.
    pub credit_note_id: Option<String>,
    pub failure_message: Option<String>,
    pub created_at: i64,
}

impl RefundView {
    pub fn from_row(r: RefundRow) -> Result<RefundView> {
        let currency: Currency = currency_of(&r.currency)?;
        Ok(RefundView {
            id: r.id,
            payment_id: r.payment_id,
            amount: Money::new(r.amount_minor, currency),
            reason: r.reason,
            destination: r.destination,
            status: r.status,
            credit_note_id: r.credit_note_id,
            failure_message: r.failure_message,
            created_at: r.created_at / 1000,
        })
    }
}
