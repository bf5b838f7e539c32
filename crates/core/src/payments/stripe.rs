//! The Stripe adapter (BIL-3): Checkout Sessions for cards, PaymentIntents
//! redirected to the provider for Twint and PayPal, off-session
//! PaymentIntents for stored methods, refunds, and `Stripe-Signature`
//! webhooks. docs/payments-stripe.md tells which flow each method takes and
//! what the CI's fake (localstripe) covers.
//!
//! Stripe takes form-encoded bodies and answers JSON; every create carries
//! our id as its `Idempotency-Key`, so a retried call creates nothing twice.

use async_trait::async_trait;
use jiff::Timestamp;
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;

use super::{
    gateway::{
        Charge, Event, Gateway, GatewayError, GatewayMethod, GatewayStatus, Notification,
        NotificationError, PaymentState, RefundRequest, RefundState, RefundStatus, StartPayment,
        StoredMethod, verify_signature,
    },
    settings::StripeSettings,
};
use crate::{
    i18n::Lang,
    ids::{PaymentId, RefundId},
    money::{Currency, Money},
};

/// The API version our requests and the shapes read here are written for:
/// pinned so that an account's default version cannot change them.
pub const API_VERSION: &str = "2024-06-20";

/// Stripe, spoken to over HTTPS with the account's secret key.
pub struct StripeGateway {
    http: reqwest::Client,
    api_base: String,
    secret_key: SecretString,
    webhook_secret: SecretString,
}

// By hand, so that no key can reach a log through `{:?}`.
impl std::fmt::Debug for StripeGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeGateway")
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

impl StripeGateway {
    pub fn new(
        http: reqwest::Client,
        api_base: &str,
        secret_key: SecretString,
        webhook_secret: SecretString,
    ) -> StripeGateway {
        StripeGateway {
            http,
            api_base: api_base.trim_end_matches('/').to_string(),
            secret_key,
            webhook_secret,
        }
    }

    /// From `[payments.stripe]` (both secrets are required there).
    pub fn from_settings(
        settings: &StripeSettings,
        http: &reqwest::Client,
    ) -> Result<StripeGateway, String> {
        let (Some(key), Some(whsec)) = (&settings.secret_key, &settings.webhook_secret) else {
            return Err("payments.stripe: secret_key and webhook_secret are required".into());
        };
        Ok(StripeGateway::new(
            http.clone(),
            &settings.api_base,
            key.clone(),
            whsec.clone(),
        ))
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, GatewayError> {
        let request = self
            .http
            .get(format!("{}{path}", self.api_base))
            .query(query);
        Ok(self.send(request).await?)
    }

    /// A POST; `idempotency_key` on every create.
    async fn post(
        &self,
        path: &str,
        form: &[(String, String)],
        idempotency_key: Option<&str>,
    ) -> Result<Value, Failure> {
        let mut request = self
            .http
            .post(format!("{}{path}", self.api_base))
            .form(form);
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        self.send(request).await
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Value, Failure> {
        let response = request
            .bearer_auth(self.secret_key.expose_secret())
            .header("Stripe-Version", API_VERSION)
            .send()
            .await
            // Without the URL: the message may be shown to staff.
            .map_err(|e| Failure::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        let body: Result<Value, _> = response.json().await;
        if status.is_success() {
            return body.map_err(|e| {
                Failure::Unavailable(format!("Stripe's answer was not JSON: {}", e.without_url()))
            });
        }
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Failure::Unavailable(format!("Stripe answered {status}")));
        }
        Err(Failure::Refused {
            status,
            body: body.ok(),
        })
    }

    /// A PaymentIntent with what we read of it: its payment method expanded
    /// (for the stored method's brand and expiry).
    async fn payment_intent(&self, id: &str) -> Result<Value, GatewayError> {
        self.get(
            &format!("/v1/payment_intents/{id}"),
            &[("expand[]", "payment_method")],
        )
        .await
    }

    async fn checkout_session(&self, id: &str) -> Result<Value, GatewayError> {
        self.get(
            &format!("/v1/checkout/sessions/{id}"),
            &[("expand[]", "payment_intent.payment_method")],
        )
        .await
    }

    /// Stripe's hosted Checkout page: for cards (and PostFinance Card,
    /// which Stripe takes as a card), since a bare PaymentIntent has no page
    /// of its own for cards (it wants Stripe.js on ours); and for a Twint
    /// kept for later, since only Checkout makes the customer it must be
    /// attached to in the same step.
    async fn start_checkout(&self, p: &StartPayment<'_>) -> Result<PaymentState, GatewayError> {
        let mut form = vec![
            field("mode", "payment"),
            field("payment_method_types[0]", method_type(p.method)),
            field("line_items[0][quantity]", "1"),
            field("line_items[0][price_data][currency]", currency(p.amount)),
            field(
                "line_items[0][price_data][unit_amount]",
                p.amount.amount_minor.to_string(),
            ),
            field(
                "line_items[0][price_data][product_data][name]",
                p.description,
            ),
            field("success_url", p.return_url),
            field("cancel_url", p.return_url),
            field("client_reference_id", p.payment_id.as_str()),
            field("metadata[payment_id]", p.payment_id.as_str()),
            field(
                "payment_intent_data[metadata][payment_id]",
                p.payment_id.as_str(),
            ),
            field("locale", locale(p.language)),
        ];
        if p.save_method {
            // Off-session charges need the card attached to a customer.
            form.push(field("customer_creation", "always"));
            form.push(field(
                "payment_intent_data[setup_future_usage]",
                "off_session",
            ));
        }
        let session = self
            .post("/v1/checkout/sessions", &form, Some(p.payment_id.as_str()))
            .await
            .map_err(GatewayError::from)?;
        session_state(&session)
    }

    /// Twint (not kept) and PayPal: a PaymentIntent confirmed at once, whose
    /// `next_action` sends the customer to the provider's page.
    async fn start_redirect(&self, p: &StartPayment<'_>) -> Result<PaymentState, GatewayError> {
        let kind = method_type(p.method);
        let form = [
            field("amount", p.amount.amount_minor.to_string()),
            field("currency", currency(p.amount)),
            field("payment_method_types[0]", kind),
            field("payment_method_data[type]", kind),
            field("confirm", "true"),
            field("return_url", p.return_url),
            field("description", p.description),
            field("metadata[payment_id]", p.payment_id.as_str()),
        ];
        let intent = self
            .post("/v1/payment_intents", &form, Some(p.payment_id.as_str()))
            .await
            .map_err(GatewayError::from)?;
        intent_state(&intent)
    }

    /// The PaymentIntent behind a reference: itself, or a Checkout
    /// Session's once the customer has paid.
    async fn intent_id(&self, gateway_ref: &str) -> Result<String, GatewayError> {
        if !is_session(gateway_ref) {
            return Ok(gateway_ref.to_string());
        }
        let session = self.checkout_session(gateway_ref).await?;
        session
            .get("payment_intent")
            .and_then(|pi| pi.as_str().or_else(|| pi.get("id").and_then(Value::as_str)))
            .map(str::to_string)
            .ok_or_else(|| GatewayError::Refused {
                code: "no_payment".into(),
                message: "nothing was paid on this Checkout Session".into(),
            })
    }
}

#[async_trait]
impl Gateway for StripeGateway {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn methods(&self) -> &[GatewayMethod] {
        GatewayMethod::ALL
    }

    async fn start(&self, p: &StartPayment<'_>) -> Result<PaymentState, GatewayError> {
        match p.method {
            GatewayMethod::Card | GatewayMethod::Postfinance => self.start_checkout(p).await,
            GatewayMethod::Twint if p.save_method => self.start_checkout(p).await,
            // PayPal is not storable (BIL-3): never saved.
            GatewayMethod::Twint | GatewayMethod::Paypal => self.start_redirect(p).await,
        }
    }

    async fn charge(&self, c: &Charge<'_>) -> Result<PaymentState, GatewayError> {
        let (customer, method) = split_token(c.method_token);
        let mut form = vec![
            field("amount", c.amount.amount_minor.to_string()),
            field("currency", currency(c.amount)),
            field("payment_method", method),
            field("confirm", "true"),
            field("off_session", "true"),
            field("metadata[payment_id]", c.payment_id.as_str()),
            // In metadata rather than `description`: the same request then
            // runs unchanged against localstripe in CI, which refuses
            // `description` on PaymentIntents.
            field("metadata[description]", c.description),
        ];
        if let Some(customer) = customer {
            form.push(field("customer", customer));
        }
        match self
            .post("/v1/payment_intents", &form, Some(c.payment_id.as_str()))
            .await
        {
            Ok(intent) => intent_state(&intent),
            // A decline answers 402 with the failed PaymentIntent inside:
            // the attempt exists at Stripe and failed, it was not refused.
            Err(Failure::Refused {
                body: Some(body), ..
            }) if body.pointer("/error/payment_intent/id").is_some() => {
                intent_state(&body["error"]["payment_intent"])
            }
            Err(failure) => Err(failure.into()),
        }
    }

    async fn retrieve(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError> {
        if is_session(gateway_ref) {
            session_state(&self.checkout_session(gateway_ref).await?)
        } else {
            intent_state(&self.payment_intent(gateway_ref).await?)
        }
    }

    async fn cancel(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError> {
        let path = if is_session(gateway_ref) {
            format!("/v1/checkout/sessions/{gateway_ref}/expire")
        } else {
            format!("/v1/payment_intents/{gateway_ref}/cancel")
        };
        match self
            .post(&path, &[], None)
            .await
            .map_err(GatewayError::from)
        {
            Ok(_) => self.retrieve(gateway_ref).await,
            Err(GatewayError::Refused { code, message }) => {
                // Refused because it was captured (or settled) meanwhile:
                // its state says so.
                let state = self.retrieve(gateway_ref).await?;
                if state.status.is_final() {
                    Ok(state)
                } else {
                    Err(GatewayError::Refused { code, message })
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn refund(&self, r: &RefundRequest<'_>) -> Result<RefundState, GatewayError> {
        let intent = self.intent_id(r.payment_ref).await?;
        let form = [
            field("payment_intent", intent),
            field("amount", r.amount.amount_minor.to_string()),
            field("metadata[refund_id]", r.refund_id.as_str()),
        ];
        let refund = self
            .post("/v1/refunds", &form, Some(r.refund_id.as_str()))
            .await
            .map_err(GatewayError::from)?;
        refund_state(&refund)
    }

    async fn remove_method(&self, token: &str) -> Result<(), GatewayError> {
        let (_, method) = split_token(token);
        self.post(&format!("/v1/payment_methods/{method}/detach"), &[], None)
            .await
            .map(|_| ())
            .map_err(GatewayError::from)
    }

    fn verify(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Notification, NotificationError> {
        verify_signature(
            self.webhook_secret.expose_secret().as_bytes(),
            header,
            body,
            now,
        )?;
        read_event(body)
    }

    fn signature_header(&self) -> &'static str {
        "Stripe-Signature"
    }

    /// Checkout's page, where card payments are made. Twint and PayPal
    /// redirect through Stripe on to their own sites: those are offered as
    /// a link (see [`Gateway::page_origins`]).
    fn page_origins(&self) -> Vec<String> {
        vec!["https://checkout.stripe.com".to_owned()]
    }
}

fn field(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// Stripe writes currencies in lower case.
fn currency(amount: Money) -> String {
    amount.currency.code().to_ascii_lowercase()
}

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
        Lang::De => "de",
        Lang::It => "it",
    }
}

/// Stripe's `payment_method_types` name of a method.
fn method_type(method: GatewayMethod) -> &'static str {
    match method {
        GatewayMethod::Card | GatewayMethod::Postfinance => "card",
        GatewayMethod::Twint => "twint",
        GatewayMethod::Paypal => "paypal",
    }
}

fn is_session(gateway_ref: &str) -> bool {
    gateway_ref.starts_with("cs_")
}

/// A stored method's token: `cus_…/pm_…` when Stripe attached it to a
/// customer (off-session charges of such a method must name both), or the
/// PaymentMethod's id alone.
fn split_token(token: &str) -> (Option<&str>, &str) {
    match token.split_once('/') {
        Some((customer, method)) => (Some(customer), method),
        None => (None, token),
    }
}

/// Why a call to Stripe failed, before it becomes a [`GatewayError`]: a
/// refusal keeps Stripe's body, which may carry the failed PaymentIntent.
enum Failure {
    Unavailable(String),
    Refused {
        status: StatusCode,
        body: Option<Value>,
    },
}

/// Stripe's `{"error":{"code","message","type"}}`, as a refusal.
impl From<Failure> for GatewayError {
    fn from(failure: Failure) -> GatewayError {
        let (status, body) = match failure {
            Failure::Unavailable(why) => return GatewayError::Unavailable(why),
            Failure::Refused { status, body } => (status, body),
        };
        let error = body.as_ref().and_then(|b| b.get("error"));
        let text = |key: &str| error.and_then(|e| e.get(key)).and_then(Value::as_str);
        GatewayError::Refused {
            code: text("decline_code")
                .or_else(|| text("code"))
                .or_else(|| text("type"))
                .unwrap_or("refused")
                .to_string(),
            message: text("message")
                .map(str::to_string)
                .unwrap_or_else(|| format!("Stripe answered {status}")),
        }
    }
}

fn malformed(what: &str) -> GatewayError {
    GatewayError::Unavailable(format!("Stripe's answer lacks {what}"))
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn money_of(v: &Value, amount_key: &str) -> Option<Money> {
    let amount = v.get(amount_key)?.as_i64()?;
    let currency = Currency::parse(&str_of(v, "currency")?.to_ascii_uppercase())?;
    Some(Money::new(amount, currency))
}

/// A PaymentIntent's state (BIL-3): what the customer must do, what was
/// captured, why it failed, and the method kept when one was asked for.
fn intent_state(intent: &Value) -> Result<PaymentState, GatewayError> {
    let id = str_of(intent, "id").ok_or_else(|| malformed("an id"))?;
    let error = intent.get("last_payment_error").filter(|e| !e.is_null());
    let status = match str_of(intent, "status").ok_or_else(|| malformed("a status"))? {
        // Back to "requires a method" after an attempt: that attempt failed.
        "requires_payment_method" if error.is_some() => {
            let error = error.unwrap_or(&Value::Null);
            GatewayStatus::Failed {
                code: str_of(error, "decline_code")
                    .or_else(|| str_of(error, "code"))
                    .unwrap_or("payment_failed")
                    .to_string(),
                message: str_of(error, "message")
                    .unwrap_or("the payment failed")
                    .to_string(),
            }
        }
        "requires_payment_method" | "requires_confirmation" | "requires_action" => {
            GatewayStatus::RequiresAction
        }
        // Authorised but not captured: we capture automatically, so this
        // only lasts until Stripe does.
        "processing" | "requires_capture" => GatewayStatus::Processing,
        "succeeded" => GatewayStatus::Succeeded,
        "canceled" => GatewayStatus::Cancelled,
        other => return Err(malformed(&format!("a known status (got `{other}`)"))),
    };
    let captured = if status == GatewayStatus::Succeeded {
        // localstripe leaves out `amount_received`; an automatic capture
        // takes the whole amount.
        money_of(intent, "amount_received").or_else(|| money_of(intent, "amount"))
    } else {
        None
    };
    let redirect_url = intent
        .pointer("/next_action/redirect_to_url/url")
        .and_then(Value::as_str)
        .map(str::to_string);
    let saving = str_of(intent, "setup_future_usage").is_some();
    let stored_method = if saving && status == GatewayStatus::Succeeded {
        stored_method(intent)
    } else {
        None
    };
    Ok(PaymentState {
        gateway_ref: id.to_string(),
        status,
        redirect_url,
        captured,
        stored_method,
    })
}

/// The method a succeeded PaymentIntent saved, from its expanded
/// `payment_method` (only its id when not expanded: then nothing, and the
/// next retrieve reads it).
fn stored_method(intent: &Value) -> Option<StoredMethod> {
    let pm = intent.get("payment_method").filter(|pm| pm.is_object())?;
    let pm_id = str_of(pm, "id")?;
    let customer = str_of(pm, "customer").or_else(|| str_of(intent, "customer"));
    let token = match customer {
        Some(c) => format!("{c}/{pm_id}"),
        None => pm_id.to_string(),
    };
    let kind = str_of(pm, "type")?;
    let (method, brand, card) = match kind {
        "card" => {
            let card = pm.get("card")?;
            let brand = str_of(card, "brand").unwrap_or("card").to_string();
            (GatewayMethod::Card, brand, Some(card))
        }
        "twint" => (GatewayMethod::Twint, "twint".to_string(), None),
        "paypal" => (GatewayMethod::Paypal, "paypal".to_string(), None),
        _ => return None,
    };
    let int = |key: &str| {
        card.and_then(|c| c.get(key))
            .and_then(Value::as_i64)
            .and_then(|n| i32::try_from(n).ok())
    };
    Some(StoredMethod {
        token,
        method,
        brand,
        last4: card.and_then(|c| str_of(c, "last4")).map(str::to_string),
        exp_month: int("exp_month"),
        exp_year: int("exp_year"),
    })
}

/// A Checkout Session's state: open → the customer must act on its page;
/// complete → its PaymentIntent's state (when expanded); expired →
/// cancelled.
fn session_state(session: &Value) -> Result<PaymentState, GatewayError> {
    let id = str_of(session, "id").ok_or_else(|| malformed("an id"))?;
    let intent = session.get("payment_intent").filter(|pi| pi.is_object());
    let mut state = match (str_of(session, "status"), intent) {
        (_, Some(intent)) if str_of(intent, "status") != Some("requires_payment_method") => {
            intent_state(intent)?
        }
        (Some("complete"), _) if str_of(session, "payment_status") == Some("paid") => {
            PaymentState {
                gateway_ref: id.to_string(),
                status: GatewayStatus::Succeeded,
                redirect_url: None,
                captured: money_of(session, "amount_total"),
                stored_method: None,
            }
        }
        (Some("complete"), _) => PaymentState {
            gateway_ref: id.to_string(),
            status: GatewayStatus::Processing,
            redirect_url: None,
            captured: None,
            stored_method: None,
        },
        (Some("expired"), _) => PaymentState {
            gateway_ref: id.to_string(),
            status: GatewayStatus::Cancelled,
            redirect_url: None,
            captured: None,
            stored_method: None,
        },
        (Some("open"), _) => PaymentState {
            gateway_ref: id.to_string(),
            status: GatewayStatus::RequiresAction,
            redirect_url: str_of(session, "url").map(str::to_string),
            captured: None,
            stored_method: None,
        },
        (other, _) => {
            return Err(malformed(&format!(
                "a known session status (got {other:?})"
            )));
        }
    };
    // Our reference stays the session, the one `start` answered.
    state.gateway_ref = id.to_string();
    Ok(state)
}

fn refund_state(refund: &Value) -> Result<RefundState, GatewayError> {
    let id = str_of(refund, "id").ok_or_else(|| malformed("an id"))?;
    let status = match str_of(refund, "status") {
        Some("succeeded") => RefundStatus::Succeeded,
        Some("failed") | Some("canceled") => RefundStatus::Failed {
            code: str_of(refund, "failure_reason")
                .unwrap_or("refund_failed")
                .to_string(),
            message: "Stripe could not send the refund".to_string(),
        },
        // pending, requires_action: Stripe says later.
        _ => RefundStatus::Pending,
    };
    Ok(RefundState {
        gateway_ref: id.to_string(),
        status,
    })
}

#[derive(Deserialize)]
struct StripeEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: Value,
}

/// A webhook's event, read once its signature was checked.
fn read_event(body: &[u8]) -> Result<Notification, NotificationError> {
    let event: StripeEvent =
        serde_json::from_slice(body).map_err(|e| NotificationError::Malformed(e.to_string()))?;
    let object = &event.data.object;
    let unreadable = |e: GatewayError| NotificationError::Malformed(e.to_string());
    let metadata = |key: &str| {
        object
            .pointer(&format!("/metadata/{key}"))
            .and_then(Value::as_str)
    };
    let read = match event.kind.as_str() {
        "payment_intent.succeeded"
        | "payment_intent.payment_failed"
        | "payment_intent.canceled"
        | "payment_intent.processing"
        | "payment_intent.requires_action" => Event::Payment {
            payment_id: metadata("payment_id").and_then(PaymentId::parse),
            state: intent_state(object).map_err(unreadable)?,
        },
        "checkout.session.completed"
        | "checkout.session.async_payment_succeeded"
        | "checkout.session.async_payment_failed"
        | "checkout.session.expired" => {
            let mut state = session_state(object).map_err(unreadable)?;
            if event.kind == "checkout.session.async_payment_failed" {
                state.status = GatewayStatus::Failed {
                    code: "async_payment_failed".into(),
                    message: "the payment failed".into(),
                };
                state.captured = None;
            }
            Event::Payment {
                payment_id: metadata("payment_id").and_then(PaymentId::parse),
                state,
            }
        }
        "refund.created" | "refund.updated" | "refund.failed" => Event::Refund {
            refund_id: metadata("refund_id").and_then(RefundId::parse),
            state: refund_state(object).map_err(unreadable)?,
        },
        other => Event::Other(other.to_string()),
    };
    Ok(Notification {
        event_id: event.id,
        event: read,
    })
}
