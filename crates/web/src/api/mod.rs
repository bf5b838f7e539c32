//! The JSON API (API-1…API-5): `/api/1/…`, and `/api/…` served by the latest
//! version. Conventions are in `docs/api.md`: the envelope, paging, errors.

pub mod accounts;
pub mod envelope;
pub mod openapi;
pub mod orgs;

use axum::{
    Router,
    extract::FromRequestParts,
    http::{header, request::Parts},
    routing::get,
};
use guichet_core::i18n::Lang;

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

/// The language the client asks for with `Accept-Language` (en, fr, de,
/// it), else the provider's default: names of things the provider
/// configures (newsletter topics) and the language of a new account.
#[derive(Debug, Clone, Copy)]
pub struct ClientLang(pub Lang);

impl FromRequestParts<AppState> for ClientLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let asked = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::negotiate);
        Ok(ClientLang(asked.unwrap_or_else(|| {
            Lang::parse(&state.ctx.config.default_language).unwrap_or_default()
        })))
    }
}
