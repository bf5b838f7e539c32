//! API of renewals (REN-3, ORG-7): the "to pay" list and renewing several
//! products on one invoice, its payment started as any invoice's.
//! Auto-renewal and the renewal warranty are switched through the product
//! endpoints (`PATCH …/products[/{product_id}]`); the renewal sweep does
//! the rest (docs/renewals.md).

use axum::{
    Router,
    body::Bytes,
    extract::{FromRequestParts, State},
    http::request::Parts,
    middleware,
    routing::get,
};
use guichet_core::{
    Error, FieldError,
    access::Action,
    idempotency::Idempotency,
    ids::OrgId,
    orgs,
    renewals::manual::{
        self, PlacedRenewal, RenewInput, RenewItem, RenewalView, ToPay, ToPayItem, Within,
    },
};
use utoipa::{IntoParams, OpenApi};

use super::{
    ApiError, ApiOk,
    envelope::{self, ErrorBody, Success},
    orgs::{Ids, LaterJson},
};
use crate::{AppState, auth, auth::ApiActor, staff::billing_api::IdempotencyKey};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/orgs/{org_id}/renewals", get(to_pay).post(renew))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

#[derive(OpenApi)]
#[openapi(
    paths(to_pay, renew),
    components(schemas(ToPay, ToPayItem, RenewalView, RenewInput, RenewItem, PlacedRenewal))
)]
pub struct Api;

/// What the "to pay" list shows.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ToPayQuery {
    /// `2m` (the default): what expires in the next two months; `all`.
    pub within: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for ToPayQuery {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let mut q = ToPayQuery { within: None };
        let mut errors = Vec::new();
        for (k, v) in envelope::query_pairs(parts)? {
            match k.as_str() {
                "within" => q.within = Some(v),
                other => errors.push(FieldError::new(
                    other,
                    "invalid_value",
                    "The list takes `within` only.",
                )),
            }
        }
        if errors.is_empty() {
            Ok(q)
        } else {
            Err(ApiError(Error::Validation(errors)))
        }
    }
}

/// REN-3: the organisation's live products that expire within two months
/// (`within=all`: all of them) that the caller sees, soonest first, with
/// one period's renewal price, the numbers of periods each can be renewed
/// for at once, and the renewal already invoiced for its period, if any.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/renewals", tag = "renewals", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), ToPayQuery),
    responses((status = 200, description = "The list", body = Success<ToPay>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad `within` (`validation_failed`: `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn to_pay(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    query: ToPayQuery,
) -> Result<ApiOk<ToPay>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ViewBilling).await?;
    let within = Within::parse(query.within.as_deref().unwrap_or(""))?;
    Ok(ApiOk::ok(
        manual::to_pay(&state.ctx, &actor, &org_id, within).await?,
    ))
}

/// REN-3, ORG-7: renew products on one invoice, issued at once to the
/// billing address named (the default one otherwise), each for the
/// number of its periods asked (1 when left out; a .ch domain up to ten
/// years). With `payment`, the payment starts as
/// `POST …/invoices/{invoice_id}/payments` would. Paid, each product's
/// expiry moves by exactly its periods and a `product.renewed` event goes
/// out; an expired or suspended product is live again.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/renewals", tag = "renewals", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first invoice, not a second")),
    request_body = RenewInput,
    responses((status = 201, description = "The invoice and its renewals, and the payment if one was asked (or `payment_error`, the invoice waiting)", body = Success<PlacedRenewal>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "No billing address (`billing_address_required`), a period renewed meanwhile (`renewal_pending`), or the same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "Products refused one by one (`validation_failed`: `not_found`, `duplicate_product`, `inside_suite`, `product_closed`, `renewal_pending`, `period_not_allowed`, `plan_withdrawn`, `not_renewable`, `out_of_range`, `idempotency_key_reused`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn renew(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    key: IdempotencyKey,
    body: LaterJson,
) -> Result<ApiOk<PlacedRenewal>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::PayBilling).await?;
    let (input, bytes): (RenewInput, Bytes) = body.read_with_bytes().await?;
    let idem = match &key.0 {
        None => None,
        Some(k) => Some(Idempotency::new(
            &format!("user:{}", actor.user_id),
            k,
            &format!("renewal {org_id}"),
            &bytes,
        )?),
    };
    let placed = manual::renew(&state.ctx, &actor, &org_id, &input, idem.as_ref()).await?;
    Ok(ApiOk::created(placed))
}
