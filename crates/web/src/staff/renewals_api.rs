//! The staff API of renewals: a product's renewal history (every renewal
//! with its invoice, every step its owners were told of), for support
//! answering "why was I charged" or "why is my site down".

use axum::{Router, extract::State, routing::get};
use guichet_core::{
    ids::{OrgId, ProductId},
    renewals::history::{self, NoticeView, RenewalHistory},
};
use utoipa::OpenApi;

use super::api::StaffApiActor;
use crate::{
    AppState,
    api::{
        ApiError, ApiOk,
        envelope::{ErrorBody, Success},
        orgs::Ids,
    },
};

/// Routes under `/staff`, behind the staff token check of `staff::api`.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/orgs/{org_id}/products/{product_id}/renewals",
        get(product_renewals),
    )
}

/// A product's renewals, newest first, with their invoices' numbers, and
/// the notices its owners were sent (roles that see billing details).
#[utoipa::path(get, path = "/api/1/staff/orgs/{org_id}/products/{product_id}/renewals", tag = "staff", security(("staff_bearer" = [])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The product's id (`prd_…`)")),
    responses((status = 200, description = "The product and its history", body = Success<RenewalHistory>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in a role that sees billing details (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or a customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn product_renewals(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
) -> Result<ApiOk<RenewalHistory>, ApiError> {
    Ok(ApiOk::ok(
        history::product_history(&state.ctx, &actor, &org_id, &product_id).await?,
    ))
}

/// The renewals part of the staff OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(product_renewals),
    components(schemas(RenewalHistory, NoticeView))
)]
pub struct StaffRenewalsApiDoc;
