//! The JSON API (API-1…API-5): `/api/1/…`, and `/api/…` served by the latest
//! version. Conventions are in `docs/api.md`: the envelope, paging, errors.

pub mod accounts;
pub mod envelope;
pub mod openapi;
pub mod orgs;

use axum::{Router, routing::get};

use crate::AppState;

pub use envelope::{ApiError, ApiJson, ApiList, ApiOk, Paging};

/// The latest API version's routes, without the `/api/<version>` prefix.
pub fn v1(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::serve))
        .merge(accounts::routes(state))
        .merge(orgs::routes(state))
        .method_not_allowed_fallback(method_not_allowed)
}

/// A known path with another method: 405 in the envelope.
async fn method_not_allowed() -> ApiError {
    ApiError(guichet_core::Error::MethodNotAllowed)
}
