//! The staff API of payments (issue 12): a payment with its refunds, for
//! the roles that read billing (`billing`, `fraud`, `admin`), and refunding
//! it (BIL-6), for `billing` and `admin`.

use axum::{
    Router,
    extract::State,
    routing::{get, post},
};
use guichet_core::{
    billing::Issuer,
    ids::PaymentId,
    payments::{self, RefundInput, RefundView, read::StaffPaymentView},
};
use utoipa::OpenApi;

use super::{api::StaffApiActor, billing_api::IdempotencyKey};
use crate::{
    AppState,
    api::{
        ApiError, ApiOk,
        envelope::{ApiJsonBytes, ErrorBody, Success},
        orgs::Ids,
    },
};

/// Routes under `/staff`, behind the staff token check of `staff::api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/payments/{payment_id}", get(get_payment))
        .route("/payments/{payment_id}/refunds", post(refund_payment))
}

/// A payment, with its refunds.
#[utoipa::path(get, path = "/api/1/staff/payments/{payment_id}", tag = "staff", security(("staff_bearer" = [])),
    params(("payment_id" = String, Path, description = "The payment's id (`pay_…`)")),
    responses((status = 200, description = "The payment and its refunds", body = Success<StaffPaymentView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such payment (`object_not_found`)", body = ErrorBody)))]
pub async fn get_payment(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(payment_id): Ids<PaymentId>,
) -> Result<ApiOk<StaffPaymentView>, ApiError> {
    Ok(ApiOk::ok(
        payments::read::staff_payment(&state.ctx, Issuer::Staff(&actor), &payment_id).await?,
    ))
}

/// BIL-6: refund a payment, back the way the money came. Without
/// `amount`, the invoice is credited (its `lines`, or all that remains)
/// and what that frees is sent back; with `amount`, prepaid credit the
/// payment brought (a top-up, an overpayment) is sent back. Never more
/// than the payment, even for two refunds at once.
#[utoipa::path(post, path = "/api/1/staff/payments/{payment_id}/refunds", tag = "staff", security(("staff_bearer" = [])),
    params(("payment_id" = String, Path, description = "The payment's id (`pay_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    request_body = RefundInput,
    responses((status = 201, description = "The refund: `succeeded`, `pending` (the gateway will tell), or `failed` (the money is back on the prepaid account)", body = Success<RefundView>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such payment (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Not captured (`payment_not_captured`), nothing the credit frees (`nothing_to_refund`), credited in full already (`invoice_fully_credited`), or the same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "Invalid (`validation_failed`: `invalid_reason`, `invalid_amount`, `out_of_range`, `exceeds_prepaid`, `refund_exceeds_payment`, `refund_needs_credit_note`, `amount_or_lines`, `unknown_line`, `exceeds_line`, `idempotency_key_reused`)", body = ErrorBody)))]
pub async fn refund_payment(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(payment_id): Ids<PaymentId>,
    key: IdempotencyKey,
    ApiJsonBytes(body, bytes): ApiJsonBytes<RefundInput>,
) -> Result<ApiOk<RefundView>, ApiError> {
    let by = Issuer::Staff(&actor);
    let idem = key.bind(&by, &format!("refund {payment_id}"), &bytes)?;
    Ok(ApiOk::created(
        payments::refunds::refund(&state.ctx, by, &payment_id, &body, idem.as_ref()).await?,
    ))
}

#[derive(OpenApi)]
#[openapi(
    paths(get_payment, refund_payment),
    components(schemas(RefundInput, RefundView, StaffPaymentView))
)]
pub struct StaffPaymentsApiDoc;
