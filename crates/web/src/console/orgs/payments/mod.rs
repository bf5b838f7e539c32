//! BIL-3, BIL-4: paying in the console. An issued invoice's page offers
//! "Pay this invoice" to members who may pay; the gateway sends the
//! customer back to the return page, which asks the gateway (never the
//! URL) how it went; the payments list; the prepaid account with its
//! history and top-up form; the stored payment methods.
//!
//! A pay or top-up form carries a key drawn with the page, sent to the
//! core as the Idempotency-Key: a form sent twice makes one payment.
//!
//! Here: what the pages share; paying an invoice (`paying`), a payment and
//! the list (`payment`), the prepaid account (`prepaid`), stored methods
//! (`methods`).

mod methods;
mod paying;
mod payment;
mod prepaid;

pub use methods::*;
pub use paying::*;
pub use payment::*;
pub use prepaid::*;

use std::collections::HashMap;

use askama::Template;
use axum::{
    extract::{Query, State},
    http::{HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use guichet_core::{
    Error,
    access::Action,
    billing::{self, InvoiceView},
    idempotency::Idempotency,
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId},
    money::{Currency, Money},
    orgs::{OrgView, Window},
    payments::{
        GatewayMethod, PayInput, PaymentMethodView, PaymentView, TopUpInput,
        pay::{self, TOP_UP_MAX, TOP_UP_MIN},
        read::{self, PrepaidView},
        settle,
        views::TransferInstructions,
    },
};
use serde::Deserialize;

use super::{
    super::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors, Refusal},
        notice::{self, Ids, PostedForm, Saved, go, notices, saved},
        refused, render,
        visitor::SignedIn,
    },
    frame::OrgFrame,
    invoices::{PER_PAGE, window_of},
};
use crate::AppState;

notices! {
    /// What the payments pages say after a successful post.
    pub enum PaymentsNotice in "payments-saved-" {
        MethodRemoved = "method-removed",
    }
}

/// The catalogue's prefix of the refusals of a payment (`payments-refused-
/// payment-in-flight`…).
const REFUSED: &str = "payments-refused-";

/// A fresh key for a pay or top-up form being drawn.
fn new_key() -> String {
    guichet_core::accounts::new_secret()
}

/// The idempotency of a posted form: its key, bound to the user, the
/// operation and what was asked. A form without a key goes without.
fn idempotency(
    s: &SignedIn,
    key: &str,
    operation: &str,
    asked: &str,
) -> Result<Option<Idempotency>, Error> {
    if key.is_empty() {
        return Ok(None);
    }
    Idempotency::new(
        &format!("user:{}", s.actor.user_id),
        key,
        operation,
        asked.as_bytes(),
    )
    .map(Some)
}

/// How a payment form answers a refusal: field errors in the words of
/// `payments-error-<code>` (with the amounts written in the page's
/// language), conflicts by their rule; 403 and 404 stay error pages.
fn refusal(shell: &Shell, e: Error, currency: Currency) -> Result<Refusal, PageError> {
    let e = match e {
        Error::Validation(mut fields) => {
            let limits = [
                ("min", shell.money(Money::new(TOP_UP_MIN, currency))),
                ("max", shell.money(Money::new(TOP_UP_MAX, currency))),
            ];
            for f in &mut fields {
                let key = format!("payments-error-{}", f.code.replace('_', "-"));
                // A code the catalogue does not know keeps the core's words.
                if shell.t(&key) != key {
                    f.description = shell.t_args(&key, &limits);
                }
            }
            Error::Validation(fields)
        }
        // A second submit of a form whose first is still being answered:
        // the same words as another attempt in flight.
        Error::Conflict {
            code: "idempotency_key_in_use",
            description,
        } => Error::Conflict {
            code: "payment_in_flight",
            description,
        },
        other => other,
    };
    notice::refusal(shell, "payments", REFUSED, e)
}

/// 303 to where the payment goes on: the gateway's page while the
/// customer must act there, else the payment's own page. A redirect the
/// Content-Security-Policy would not let a form follow (a gateway that
/// bounces on to a third party's site) goes to the payment's page, which
/// offers it as a link ("Continue to the payment page").
fn after_payment(state: &AppState, org_id: &OrgId, v: &PaymentView) -> Response {
    match (&v.redirect_url, v.status.as_str()) {
        (Some(url), "requires_action" | "pending")
            if state
                .ctx
                .gateways
                .opens_gateway_page(url, &state.ctx.config.public_url) =>
        {
            Redirect::to(url).into_response()
        }
        _ => go(&format!("/orgs/{org_id}/payments/{}", v.id)),
    }
}

fn may(org: &OrgView, action: Action) -> bool {
    org.actions.contains(&action)
}

/// A payment's status as a badge: its words, never its colour alone.
pub struct Badge {
    pub code: String,
    pub label: String,
    pub class: &'static str,
}

impl Badge {
    fn of(shell: &Shell, code: &str) -> Self {
        Self {
            code: code.to_string(),
            label: shell.t_or(&format!("payments-status-{}", code.replace('_', "-")), code),
            class: match code {
                "succeeded" => "ok",
                "failed" | "cancelled" => "revoked",
                _ => "active",
            },
        }
    }
}

/// A way to pay in the page's language.
fn method_label(shell: &Shell, method: &str) -> String {
    shell.t_or(
        &format!("payments-method-{}", method.replace('_', "-")),
        method,
    )
}

/// How a stored method is recognised: "Visa •••• 4242, expires 12/2030".
fn stored_label(shell: &Shell, m: &PaymentMethodView) -> String {
    let mut text = shell.t_or(&format!("payments-brand-{}", m.brand), &m.brand);
    if let Some(last4) = &m.last4 {
        text.push_str(&format!(" •••• {last4}"));
    }
    if let (Some(month), Some(year)) = (m.exp_month, m.exp_year) {
        text.push_str(", ");
        text.push_str(&shell.t1("payments-expires", "date", format!("{month:02}/{year}")));
    }
    text
}

/// The ways the active gateway offers in `currency`, in the brief's order.
fn gateway_methods(state: &AppState, currency: Currency) -> Vec<GatewayMethod> {
    let offered = state
        .ctx
        .gateways
        .active()
        .map(|g| g.methods().to_vec())
        .unwrap_or_default();
    GatewayMethod::ALL
        .iter()
        .copied()
        .filter(|m| offered.contains(m) && m.takes(currency))
        .collect()
}

/// One radio button of a method choice.
pub struct MethodChoice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub checked: bool,
}

fn choice(shell: &Shell, value: &str, chosen: &str) -> MethodChoice {
    MethodChoice {
        value: value.to_string(),
        label: method_label(shell, value),
        hint: matches!(value, "postfinance" | "twint").then(|| shell.t("payments-chf-only")),
        checked: value == chosen,
    }
}

/// How to pay by bank transfer, written out.
pub struct Transfer {
    pub iban: String,
    pub reference: String,
    pub amount: String,
    pub pdf_url: String,
}

impl Transfer {
    fn of(shell: &Shell, t: &TransferInstructions) -> Self {
        Self {
            iban: t.iban.clone(),
            reference: t.reference.clone(),
            amount: shell.money(t.amount),
            pdf_url: t.pdf_url.clone(),
        }
    }
}

/// `?page=` of a paged list (payments, the prepaid account's history).
#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}
