//! API of payments (BIL-3..BIL-6): paying an invoice, the prepaid account
//! and its top-ups, stored methods, and the gateways' notifications.
//! Paying needs the pay right (`billing:pay`, owners), reading the billing
//! view right, removing a stored method `billing:manage`. The POSTs that
//! move money take an `Idempotency-Key` header (docs/api.md).

use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    middleware,
    routing::{delete, get, post},
};
use guichet_core::{
    access::Action,
    idempotency::Idempotency,
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId},
    orgs,
    payments::{
        self, PayInput, PaymentMethodView, PaymentView, TopUpInput,
        read::{PrepaidEntryView, PrepaidView},
    },
};
use utoipa::OpenApi;

use super::{
    ApiError, ApiList, ApiOk, Paging,
    envelope::{ErrorBody, Page, Success},
    orgs::{Ids, LaterJson, paged, window},
};
use crate::{AppState, auth, auth::ApiActor, staff::billing_api::IdempotencyKey};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/orgs/{org_id}/invoices/{invoice_id}/payments",
            post(pay_invoice),
        )
        .route("/orgs/{org_id}/payments", get(list_payments))
        .route("/orgs/{org_id}/payments/{payment_id}", get(get_payment))
        .route("/orgs/{org_id}/prepaid", get(get_prepaid))
        .route("/orgs/{org_id}/prepaid/top-ups", post(top_up))
        .route(
            "/orgs/{org_id}/prepaid/top-ups/{payment_id}/pdf",
            get(top_up_pdf),
        )
        .route("/orgs/{org_id}/payment-methods", get(list_methods))
        .route(
            "/orgs/{org_id}/payment-methods/{payment_method_id}",
            delete(remove_method),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        // The gateways sign their notifications; no token.
        .route("/payments/notifications/{gateway}", post(notification))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        pay_invoice,
        list_payments,
        get_payment,
        get_prepaid,
        top_up,
        top_up_pdf,
        list_methods,
        remove_method,
        notification
    ),
    components(schemas(
        PayInput,
        TopUpInput,
        PaymentView,
        PaymentMethodView,
        PrepaidView,
        PrepaidEntryView
    ))
)]
pub struct Api;

/// The caller's idempotency scope: their own keys only.
fn bind(
    key: &IdempotencyKey,
    user: &str,
    operation: &str,
    body: &[u8],
) -> Result<Option<Idempotency>, ApiError> {
    match &key.0 {
        None => Ok(None),
        Some(k) => Ok(Some(Idempotency::new(
            &format!("user:{user}"),
            k,
            operation,
            body,
        )?)),
    }
}

/// BIL-3, BIL-4: pay an invoice, all that is due or `amount` of it. A
/// payment through a gateway answers `requires_action` with the
/// `redirect_url` to send the customer to; the result comes from the
/// gateway (never from the browser's return). One payment at a time per
/// invoice: a second while one is in flight is 409 `payment_in_flight`.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/invoices/{invoice_id}/payments", tag = "payments", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    request_body = PayInput,
    responses((status = 201, description = "The payment: `requires_action` with its `redirect_url`, or its final state", body = Success<PaymentView>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Paid or cancelled already (`invoice_not_payable`), a payment in flight (`payment_in_flight`), or the same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "A bad method or amount (`validation_failed`: `invalid_value`, `method_not_available`, `invalid_amount`, `out_of_range`, `exceeds_open`, `insufficient_prepaid`, `unknown_payment_method`, `payment_method_mismatch`, `idempotency_key_reused`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn pay_invoice(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
    key: IdempotencyKey,
    body: LaterJson,
) -> Result<ApiOk<PaymentView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::PayBilling).await?;
    let (input, bytes): (PayInput, Bytes) = body.read_with_bytes().await?;
    let idem = bind(&key, &actor.user_id, &format!("pay {invoice_id}"), &bytes)?;
    let v = payments::pay::pay_invoice(
        &state.ctx,
        &actor,
        &org_id,
        &invoice_id,
        &input,
        idem.as_ref(),
    )
    .await?;
    Ok(ApiOk::created(v))
}

/// The organisation's payments and top-ups, newest first.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/payments", tag = "payments", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the payments", body = Page<PaymentView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad page (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_payments(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<PaymentView>, ApiError> {
    let page = payments::read::list_payments(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// One payment, as it stands.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/payments/{payment_id}", tag = "payments", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("payment_id" = String, Path, description = "The payment's id (`pay_…`)")),
    responses((status = 200, description = "The payment", body = Success<PaymentView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or payment (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_payment(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, payment_id)): Ids<(OrgId, PaymentId)>,
) -> Result<ApiOk<PaymentView>, ApiError> {
    Ok(ApiOk::ok(
        payments::read::get_payment(&state.ctx, &actor, &org_id, &payment_id).await?,
    ))
}

/// BIL-4: the prepaid account's balance (from the ledger) and a page of its
/// entries, newest first.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/prepaid", tag = "payments", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "The balance and entries", body = Success<PrepaidView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad page (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_prepaid(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiOk<PrepaidView>, ApiError> {
    Ok(ApiOk::ok(
        payments::read::prepaid(&state.ctx, &actor, &org_id, window(paging)).await?,
    ))
}

/// BIL-4: top up the prepaid account, 0.10 to 9,999.00 in the
/// organisation's currency, by card, PostFinance Card (CHF) or bank
/// transfer (its own reference and QR-bill).
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/prepaid/top-ups", tag = "payments", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    request_body = TopUpInput,
    responses((status = 201, description = "The top-up: `requires_action` with its `redirect_url`, `awaiting_transfer` with the transfer's details, or its final state", body = Success<PaymentView>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "Outside the limits or a method that does not top up (`validation_failed`: `out_of_range`, `invalid_amount`, `invalid_value`, `method_not_available`, `unknown_payment_method`, `idempotency_key_reused`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn top_up(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    key: IdempotencyKey,
    body: LaterJson,
) -> Result<ApiOk<PaymentView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::PayBilling).await?;
    let (input, bytes): (TopUpInput, Bytes) = body.read_with_bytes().await?;
    let idem = bind(&key, &actor.user_id, &format!("top_up {org_id}"), &bytes)?;
    let v = payments::pay::top_up(&state.ctx, &actor, &org_id, &input, idem.as_ref()).await?;
    Ok(ApiOk::created(v))
}

/// BIL-4: the slip of a top-up by bank transfer: its own reference and
/// QR-bill (an EPC code for EUR).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/prepaid/top-ups/{payment_id}/pdf", tag = "payments", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("payment_id" = String, Path, description = "The top-up's id (`pay_…`)")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or no top-up by transfer of that id (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn top_up_pdf(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, payment_id)): Ids<(OrgId, PaymentId)>,
) -> Result<axum::response::Response, ApiError> {
    let (reference, pdf) =
        payments::read::top_up_pdf(&state.ctx, &actor, &org_id, &payment_id).await?;
    Ok(super::billing::pdf_response("top-up", &reference, pdf))
}

/// The stored methods: brand, last four digits and expiry (never card
/// data; the gateway holds it).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/payment-methods", tag = "payments", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "The stored methods", body = Page<PaymentMethodView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad page (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_methods(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<PaymentMethodView>, ApiError> {
    let all = payments::read::list_methods(&state.ctx, &actor, &org_id).await?;
    Ok(ApiList::page_of(all, paging))
}

/// Remove a stored method, at the gateway too (`billing:manage`, owners).
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/payment-methods/{payment_method_id}", tag = "payments", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("payment_method_id" = String, Path, description = "The stored method's id (`pm_…`)")),
    responses((status = 204, description = "Removed"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without `billing:manage` (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or method (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody),
              (status = 503, description = "The gateway could not be reached; the method is kept (`service_unavailable`)", body = ErrorBody)))]
pub async fn remove_method(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, PaymentMethodId)>,
) -> Result<StatusCode, ApiError> {
    payments::read::remove_method(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A gateway's server-to-server notification, signed by it (HMAC-SHA256
/// with a timestamp; a replay outside five minutes is refused). Each event
/// is taken once; repeated, late and out-of-order events are safe.
#[utoipa::path(post, path = "/api/1/payments/notifications/{gateway}", tag = "payments",
    params(("gateway" = String, Path, description = "The gateway's name (`sandbox`, `stripe`)")),
    request_body(content = String, description = "The gateway's event, as it signs it", content_type = "application/json"),
    responses((status = 204, description = "Taken (or taken before)"),
              (status = 400, description = "A missing or wrong signature, a stale timestamp, or not an event (`invalid_notification`)", body = ErrorBody),
              (status = 404, description = "No such gateway here (`object_not_found`)", body = ErrorBody)))]
pub async fn notification(
    State(state): State<AppState>,
    Path(gateway): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let signature = state
        .ctx
        .gateways
        .by_name(&gateway)
        .and_then(|g| headers.get(g.signature_header()))
        .and_then(|v| v.to_str().ok());
    payments::settle::notification(&state.ctx, &gateway, signature, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}
