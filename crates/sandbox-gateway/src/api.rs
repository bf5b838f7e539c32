//! The JSON API under `/v1` (Bearer key): payments, off-session charges,
//! cancel, refunds and stored methods. Calls that create something take an
//! `Idempotency-Key`: the same key with the same body answers the same
//! object, with another body 409.

use std::sync::Arc;

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::{Value, json};

use crate::{
    Shared,
    model::{
        Currency, Endpoint, KeyUse, Method, Outcome, Payment, Refund, RefundStatus, Status, Store,
        new_id,
    },
};

pub fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/payments", post(create_payment))
        .route("/v1/payments/{id}", get(get_payment))
        .route("/v1/payments/{id}/cancel", post(cancel_payment))
        .route("/v1/charges", post(create_charge))
        .route("/v1/refunds", post(create_refund))
        .route("/v1/methods/{token}", delete(remove_method))
        .route_layer(middleware::from_fn_with_state(shared.clone(), authenticate))
        .with_state(shared)
}

/// `{"error": {"code", "message"}}` with a 4xx status.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

async fn authenticate(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given != Some(shared.config.api_key.as_str()) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "A valid API key is required: Authorization: Bearer <key>.",
        )
        .into_response();
    }
    next.run(req).await
}

/// The body as JSON (kept whole for idempotency) and as `T`.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<(Value, T), ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad("invalid_json", format!("The body is not JSON: {e}")))?;
    let typed = serde_json::from_value(value.clone())
        .map_err(|e| ApiError::bad("invalid_request", e.to_string()))?;
    Ok((value, typed))
}

fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The object a key made before, if any; the key reused with another body
/// is refused.
fn replayed(
    store: &Store,
    endpoint: Endpoint,
    key: Option<&String>,
    body: &Value,
) -> Result<Option<String>, ApiError> {
    let Some(used) = key.and_then(|k| store.keys.get(&(endpoint, k.clone()))) else {
        return Ok(None);
    };
    if &used.body != body {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request body.",
        ));
    }
    Ok(Some(used.object_id.clone()))
}

fn remember(store: &mut Store, endpoint: Endpoint, key: Option<String>, body: Value, id: &str) {
    if let Some(key) = key {
        store.keys.insert(
            (endpoint, key),
            KeyUse {
                body,
                object_id: id.to_owned(),
            },
        );
    }
}

/// Metadata: an object, empty when left out.
fn metadata(value: Value) -> Result<Value, ApiError> {
    match value {
        Value::Null => Ok(json!({})),
        Value::Object(_) => Ok(value),
        _ => Err(ApiError::bad(
            "invalid_request",
            "metadata must be an object",
        )),
    }
}

fn check_amount(amount_minor: i64, method: Method, currency: Currency) -> Result<(), ApiError> {
    if amount_minor <= 0 {
        return Err(ApiError::bad(
            "amount_invalid",
            "amount_minor must be above 0.",
        ));
    }
    if method.francs_only() && currency != Currency::Chf {
        return Err(ApiError::bad(
            "currency_not_supported",
            "PostFinance Card and Twint take CHF only.",
        ));
    }
    Ok(())
}

fn payment_json(store: &Store, id: &str) -> Result<Json<Value>, ApiError> {
    let p = store.payments.get(id).ok_or_else(not_found)?;
    Ok(Json(json!(p)))
}

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such payment.")
}

#[derive(Deserialize)]
struct NewPayment {
    amount_minor: i64,
    currency: Currency,
    method: Method,
    #[serde(default)]
    description: String,
    return_url: String,
    #[serde(default)]
    save_method: bool,
    /// Taken for the shape of real providers; the sandbox's page is in
    /// English only.
    #[serde(default, rename = "language")]
    _language: Option<String>,
    #[serde(default)]
    metadata: Value,
}

async fn create_payment(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let (raw, new): (Value, NewPayment) = parse(&body)?;
    let key = idempotency_key(&headers);
    let mut store = shared.store();
    if let Some(id) = replayed(&store, Endpoint::Payments, key.as_ref(), &raw)? {
        return payment_json(&store, &id);
    }
    check_amount(new.amount_minor, new.method, new.currency)?;
    if !(new.return_url.starts_with("http://") || new.return_url.starts_with("https://")) {
        return Err(ApiError::bad(
            "return_url_invalid",
            "return_url must be an http(s) URL.",
        ));
    }
    let id = new_id("sbxpay");
    let payment = Payment {
        id: id.clone(),
        status: Status::RequiresAction,
        amount_minor: new.amount_minor,
        currency: new.currency,
        method: new.method,
        description: new.description,
        redirect_url: Some(format!("{}/pay/{id}", shared.config.public_url)),
        captured_minor: None,
        refunded_minor: 0,
        metadata: metadata(new.metadata)?,
        stored_method: None,
        failure_code: None,
        failure_message: None,
        return_url: new.return_url,
        save_method: new.save_method,
        card: None,
    };
    store.payments.insert(id.clone(), payment);
    remember(&mut store, Endpoint::Payments, key, raw, &id);
    payment_json(&store, &id)
}

async fn get_payment(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    payment_json(&shared.store(), &id)
}

async fn cancel_payment(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut store = shared.store();
    if !store.payments.contains_key(&id) {
        return Err(not_found());
    }
    if let Some(p) = store.cancel(&id) {
        shared.notify(&mut store, "payment.cancelled", &p);
    }
    payment_json(&store, &id)
}

#[derive(Deserialize)]
struct NewCharge {
    amount_minor: i64,
    currency: Currency,
    method_token: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    metadata: Value,
}

/// Off-session: no customer, so the answer is final at once.
async fn create_charge(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let (raw, new): (Value, NewCharge) = parse(&body)?;
    let key = idempotency_key(&headers);
    let mut store = shared.store();
    if let Some(id) = replayed(&store, Endpoint::Charges, key.as_ref(), &raw)? {
        return payment_json(&store, &id);
    }
    let stored = store
        .methods
        .get(&new.method_token)
        .filter(|m| !m.removed)
        .cloned();
    let method = stored.as_ref().map_or(Method::Card, |m| m.object.method);
    check_amount(new.amount_minor, method, new.currency)?;
    let id = new_id("sbxpay");
    let card = stored.as_ref().and_then(|m| m.card);
    store.payments.insert(
        id.clone(),
        Payment {
            id: id.clone(),
            status: Status::Processing,
            amount_minor: new.amount_minor,
            currency: new.currency,
            method,
            description: new.description,
            redirect_url: None,
            captured_minor: None,
            refunded_minor: 0,
            metadata: metadata(new.metadata)?,
            stored_method: None,
            failure_code: None,
            failure_message: None,
            return_url: String::new(),
            save_method: false,
            card,
        },
    );
    let decided = match (stored, card.map(|c| c.outcome)) {
        (None, _) => store.fail(
            &id,
            "payment_method_unknown",
            "This payment method is unknown or was removed.",
        ),
        (Some(_), Some(Outcome::Declines { code, message })) => store.fail(&id, code, message),
        (Some(_), Some(Outcome::SavedDeclines)) => {
            store.fail(&id, "card_declined", "The card was declined.")
        }
        // The customer authenticated when the method was stored: later
        // charges (3-D Secure card included) go through at once.
        (Some(_), _) => store.succeed(&id),
    };
    if let Some(p) = decided {
        let kind = if p.status == Status::Succeeded {
            "payment.succeeded"
        } else {
            "payment.failed"
        };
        shared.notify(&mut store, kind, &p);
    }
    remember(&mut store, Endpoint::Charges, key, raw, &id);
    payment_json(&store, &id)
}

#[derive(Deserialize)]
struct NewRefund {
    payment: String,
    amount_minor: i64,
    #[serde(default)]
    metadata: Value,
}

async fn create_refund(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let (raw, new): (Value, NewRefund) = parse(&body)?;
    let key = idempotency_key(&headers);
    let mut store = shared.store();
    if let Some(id) = replayed(&store, Endpoint::Refunds, key.as_ref(), &raw)? {
        let refund = store.refunds.get(&id).ok_or_else(not_found)?;
        return Ok(Json(json!(refund)));
    }
    let metadata = metadata(new.metadata)?;
    let payment = store.payments.get_mut(&new.payment).ok_or_else(|| {
        ApiError::new(StatusCode::NOT_FOUND, "payment_unknown", "No such payment.")
    })?;
    if payment.status != Status::Succeeded {
        return Err(ApiError::bad(
            "payment_not_captured",
            "Only a succeeded payment can be refunded.",
        ));
    }
    if new.amount_minor <= 0 {
        return Err(ApiError::bad(
            "amount_invalid",
            "amount_minor must be above 0.",
        ));
    }
    let refundable = payment.captured_minor.unwrap_or(0) - payment.refunded_minor;
    if new.amount_minor > refundable {
        return Err(ApiError::bad(
            "amount_too_large",
            format!("At most {refundable} (minor units) can still be refunded."),
        ));
    }
    let fails = payment
        .card
        .is_some_and(|c| c.outcome == Outcome::RefundsFail);
    if !fails {
        payment.refunded_minor += new.amount_minor;
    }
    let refund = Refund {
        id: new_id("sbxref"),
        status: if fails {
            RefundStatus::Failed
        } else {
            RefundStatus::Succeeded
        },
        amount_minor: new.amount_minor,
        currency: payment.currency,
        payment: payment.id.clone(),
        metadata,
        failure_code: fails.then(|| "refund_declined".to_owned()),
        failure_message: fails.then(|| "The card's issuer refused the refund.".to_owned()),
    };
    store.refunds.insert(refund.id.clone(), refund.clone());
    let kind = if fails {
        "refund.failed"
    } else {
        "refund.succeeded"
    };
    shared.notify(&mut store, kind, &refund);
    remember(&mut store, Endpoint::Refunds, key, raw, &refund.id);
    Ok(Json(json!(refund)))
}

async fn remove_method(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    let mut store = shared.store();
    let method = store.methods.get_mut(&token).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "payment_method_unknown",
            "No such payment method.",
        )
    })?;
    method.removed = true;
    Ok(StatusCode::NO_CONTENT)
}
