//! The payment-gateway interface (BIL-3), shaped like real payment service
//! providers (Stripe, Datatrans, PostFinance Checkout): a payment is started
//! with a hosted page the customer is sent to, confirmed by a signed
//! server-to-server notification (or by asking, [`Gateway::retrieve`]) and
//! never by the browser's return alone; stored methods are charged
//! off-session; refunds go back through the provider.
//!
//! Every call that creates something at the provider carries our own id as
//! its idempotency key, so that a retried call creates nothing twice there
//! either. Adapters: [`super::sandbox`] and [`super::stripe`].

use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    ids::{PaymentId, RefundId},
    money::{Currency, Money},
};

/// How long a notification's timestamp stays acceptable: older (or newer)
/// signed bodies are refused as replays.
pub const REPLAY_WINDOW: Duration = Duration::from_secs(300);

/// The ways to pay through a gateway (BIL-3). Card brands (Visa,
/// MasterCard, CB) are one method, told apart by the brand the gateway
/// reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GatewayMethod {
    Card,
    /// PostFinance Card: CHF only.
    Postfinance,
    Paypal,
    Twint,
}

impl GatewayMethod {
    pub const ALL: &'static [GatewayMethod] = &[
        GatewayMethod::Card,
        GatewayMethod::Postfinance,
        GatewayMethod::Paypal,
        GatewayMethod::Twint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GatewayMethod::Card => "card",
            GatewayMethod::Postfinance => "postfinance",
            GatewayMethod::Paypal => "paypal",
            GatewayMethod::Twint => "twint",
        }
    }

    pub fn parse(s: &str) -> Option<GatewayMethod> {
        Self::ALL.iter().copied().find(|m| m.as_str() == s)
    }

    /// Whether this method takes `currency` (PostFinance Card: CHF only).
    pub fn takes(self, currency: Currency) -> bool {
        match self {
            GatewayMethod::Postfinance | GatewayMethod::Twint => currency == Currency::Chf,
            GatewayMethod::Card | GatewayMethod::Paypal => true,
        }
    }

    /// Whether a method of this kind can be stored and charged later
    /// without the customer (renewals): cards and Twint (BIL-3).
    pub fn storable(self) -> bool {
        matches!(self, GatewayMethod::Card | GatewayMethod::Twint)
    }
}

/// A payment to start: the customer will be sent to `redirect_url`.
#[derive(Debug, Clone)]
pub struct StartPayment<'a> {
    /// Our id: the provider's metadata and idempotency key.
    pub payment_id: &'a PaymentId,
    pub amount: Money,
    pub method: GatewayMethod,
    /// Shown on the hosted page and the customer's statement.
    pub description: &'a str,
    /// Where the hosted page sends the customer back (the result is then
    /// asked of the gateway, not read from the URL).
    pub return_url: &'a str,
    /// Keep the method for later off-session charges.
    pub save_method: bool,
    pub language: Lang,
}

/// An off-session charge of a stored method (no customer present).
#[derive(Debug, Clone)]
pub struct Charge<'a> {
    pub payment_id: &'a PaymentId,
    pub amount: Money,
    /// The gateway's token of the stored method.
    pub method_token: &'a str,
    pub description: &'a str,
}

/// Money to send back for a captured payment.
#[derive(Debug, Clone)]
pub struct RefundRequest<'a> {
    /// Our id: the provider's idempotency key.
    pub refund_id: &'a RefundId,
    /// The payment's reference at the gateway.
    pub payment_ref: &'a str,
    pub amount: Money,
}

/// A payment's state at the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayStatus {
    /// The customer must act (hosted page, 3-D Secure, a Twint scan…).
    RequiresAction,
    /// Started, nothing decided yet (a delayed confirmation).
    Processing,
    Succeeded,
    Failed {
        code: String,
        message: String,
    },
    Cancelled,
}

impl GatewayStatus {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            GatewayStatus::Succeeded | GatewayStatus::Failed { .. } | GatewayStatus::Cancelled
        )
    }
}

/// A stored method as the gateway describes it: only what we keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMethod {
    pub token: String,
    pub method: GatewayMethod,
    /// `visa`, `mastercard`, `cb`, `postfinance`, `twint`…
    pub brand: String,
    pub last4: Option<String>,
    pub exp_month: Option<i32>,
    pub exp_year: Option<i32>,
}

/// What the gateway says of a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentState {
    /// The payment's reference at the gateway.
    pub gateway_ref: String,
    pub status: GatewayStatus,
    /// Where the customer must go, while they must act.
    pub redirect_url: Option<String>,
    /// What was captured, once succeeded.
    pub captured: Option<Money>,
    /// The method kept for later, when asked for and succeeded.
    pub stored_method: Option<StoredMethod>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundStatus {
    Pending,
    Succeeded,
    Failed { code: String, message: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundState {
    pub gateway_ref: String,
    pub status: RefundStatus,
}

/// A verified notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The provider's event id: each is handled once.
    pub event_id: String,
    pub event: Event,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A payment changed: its new state, with our id when the provider
    /// echoes it (it may arrive before we recorded the gateway's reference).
    Payment {
        payment_id: Option<PaymentId>,
        state: PaymentState,
    },
    /// A refund changed.
    Refund {
        refund_id: Option<RefundId>,
        state: RefundState,
    },
    /// Something we do not act on (acknowledged, kept once).
    Other(String),
}

/// Why a gateway call failed: the provider refused (the customer sees the
/// message) or could not be reached (retry later).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    #[error("the payment provider refused: {message}")]
    Refused { code: String, message: String },
    #[error("the payment provider could not be reached: {0}")]
    Unavailable(String),
}

/// Why a notification was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    #[error("the signature is missing or wrong")]
    BadSignature,
    #[error("the signature's time is outside the replay window")]
    Stale,
    #[error("the body is not a notification: {0}")]
    Malformed(String),
}

/// A payment service provider.
#[async_trait]
pub trait Gateway: Send + Sync + std::fmt::Debug {
    /// The gateway's name in configuration, storage and URLs (`sandbox`,
    /// `stripe`).
    fn name(&self) -> &'static str;

    /// The methods this gateway takes.
    fn methods(&self) -> &[GatewayMethod];

    /// Start a payment the customer completes on the provider's page.
    async fn start(&self, p: &StartPayment<'_>) -> Result<PaymentState, GatewayError>;

    /// Charge a stored method without the customer.
    async fn charge(&self, c: &Charge<'_>) -> Result<PaymentState, GatewayError>;

    /// Ask the provider for a payment's state (server to server).
    async fn retrieve(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError>;

    /// Give up a payment not yet captured; answers its state after (a
    /// payment captured meanwhile stays captured and says so).
    async fn cancel(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError>;

    /// Send money back for a captured payment.
    async fn refund(&self, r: &RefundRequest<'_>) -> Result<RefundState, GatewayError>;

    /// Forget a stored method at the provider.
    async fn remove_method(&self, token: &str) -> Result<(), GatewayError>;

    /// Check a notification's signature (and its time against
    /// [`REPLAY_WINDOW`]) and read it. `header` is the value of the
    /// gateway's signature header ([`Gateway::signature_header`]).
    fn verify(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Notification, NotificationError>;

    /// The HTTP header carrying the notification's signature.
    fn signature_header(&self) -> &'static str;

    /// Origins (`https://pay.example`) of the pages a `redirect_url` of
    /// this gateway opens directly, where the customer acts. A console
    /// form may send the browser there at once (they join the
    /// Content-Security-Policy's `form-action`); a redirect anywhere else
    /// (a page that bounces on to a third party) is offered as a link
    /// instead, so no browser blocks it.
    fn page_origins(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The origin (`scheme://host[:port]`) of an absolute URL.
pub fn origin_of(url: &str) -> Option<String> {
    let url = reqwest::Url::parse(url).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    // `port()` is None for the scheme's default port, as origins write it.
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{}://{}{port}", url.scheme(), url.host_str()?))
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{body}">`: the signature
/// scheme of the sandbox and of Stripe (`Stripe-Signature`), checked in
/// constant time, with the timestamp inside [`REPLAY_WINDOW`].
pub fn verify_signature(
    secret: &[u8],
    header: Option<&str>,
    body: &[u8],
    now: Timestamp,
) -> Result<(), NotificationError> {
    use hmac::{Hmac, Mac};
    let header = header.ok_or(NotificationError::BadSignature)?;
    let mut t: Option<i64> = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse().ok(),
            Some(("v1", v)) => signatures.push(v),
            _ => {}
        }
    }
    let t = t.ok_or(NotificationError::BadSignature)?;
    let ok = signatures.iter().any(|s| {
        let Ok(given) = hex::decode(s) else {
            return false;
        };
        let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret) else {
            return false;
        };
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(&given).is_ok()
    });
    if !ok {
        return Err(NotificationError::BadSignature);
    }
    let age = (now.as_second() - t).unsigned_abs();
    if age > REPLAY_WINDOW.as_secs() {
        return Err(NotificationError::Stale);
    }
    Ok(())
}

/// The signature header for `body` at `t` (tests, and the scripted
/// gateway): the scheme of our own webhooks (`outbox::webhook::sign`).
pub fn sign(secret: &[u8], t: i64, body: &[u8]) -> String {
    crate::outbox::webhook::sign_bytes(secret, t, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked_with_their_time() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let body = br#"{"id":"evt_1"}"#;
        let header = sign(b"whsec", now.as_second(), body);
        assert_eq!(verify_signature(b"whsec", Some(&header), body, now), Ok(()));
        // Another secret, another body, no header: refused.
        assert_eq!(
            verify_signature(b"other", Some(&header), body, now),
            Err(NotificationError::BadSignature)
        );
        assert_eq!(
            verify_signature(b"whsec", Some(&header), b"{}", now),
            Err(NotificationError::BadSignature)
        );
        assert_eq!(
            verify_signature(b"whsec", None, body, now),
            Err(NotificationError::BadSignature)
        );
        // Replayed after the window: refused even though well signed.
        let later = Timestamp::from_second(now.as_second() + 301).unwrap();
        assert_eq!(
            verify_signature(b"whsec", Some(&header), body, later),
            Err(NotificationError::Stale)
        );
    }

    #[test]
    fn origins_are_scheme_host_and_explicit_port() {
        assert_eq!(
            origin_of("https://checkout.stripe.com/c/pay/cs_1#x").as_deref(),
            Some("https://checkout.stripe.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/sandbox-gateway/pay/p_1").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://pay.example:443/x").as_deref(),
            Some("https://pay.example")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("/relative"), None);
    }

    #[test]
    fn postfinance_and_twint_take_francs_only() {
        // proves: BIL-3
        assert!(GatewayMethod::Postfinance.takes(Currency::Chf));
        assert!(!GatewayMethod::Postfinance.takes(Currency::Eur));
        assert!(GatewayMethod::Card.takes(Currency::Eur));
        assert!(GatewayMethod::Twint.storable() && GatewayMethod::Card.storable());
        assert!(!GatewayMethod::Paypal.storable());
    }
}
