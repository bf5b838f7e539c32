//! OpenAPI 3.1 (API-4), generated from the code with utoipa and served at
//! `/api/openapi.json`. A snapshot test notices every change to it.

use axum::{Json, response::IntoResponse};
use utoipa::OpenApi;

use super::envelope::{ErrorBody, ErrorDetail, FieldContext, FieldErrorBody};
use crate::ops;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Guichet API",
        version = "1",
        description = "The customer manager's public API. Paths are `/api/1/…`; `/api/…` is served by the latest version. \
                       Conventions (envelope, paging, errors, ids, times, money, idempotency) are in docs/api.md."
    ),
    paths(ops::healthz, ops::readyz),
    components(schemas(ErrorBody, ErrorDetail, FieldErrorBody, FieldContext, ops::Readiness)),
    tags((name = "operations", description = "Health and readiness of the service (OPS-4)"))
)]
pub struct ApiDoc;

/// The document as served.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub async fn serve() -> impl IntoResponse {
    Json(document())
}
