//! The JSON API (API-1…API-5): `/api/1/…`, and `/api/…` served by the latest
//! version. Conventions are in `docs/api.md`: the envelope, paging, errors.

pub mod accounts;
pub mod billing;
pub mod catalog;
pub mod docs;
pub mod envelope;
mod limits;
pub mod openapi;
pub mod orders;
pub mod orgs;
pub mod payments;
pub mod renewals;
pub mod security;
pub mod tokens;

use axum::{
    Router,
    extract::FromRequestParts,
    http::{header, request::Parts},
    routing::get,
};
use guichet_core::i18n::Lang;

use crate::AppState;

pub use envelope::{ApiError, ApiJson, ApiJsonBytes, ApiList, ApiOk, Paging};

/// The latest API version's routes, without the `/api/<version>` prefix.
pub fn v1(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::serve))
        .merge(docs::routes(state))
        .merge(accounts::routes(state))
        .merge(security::routes(state))
        .merge(tokens::routes(state))
        .merge(orgs::routes(state))
        .merge(billing::routes(state))
        .merge(payments::routes(state))
        .merge(catalog::routes(state))
        .merge(orders::routes(state))
        .merge(renewals::routes(state))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(refuse_unnamable_paths))
}

/// Could `path` name one of our objects? Our paths are made of ASCII
/// words, ids (`org_01h…`) and link secrets (URL-safe base64): once
/// percent-decoded, nothing but letters, digits and `-._~/`. Any other
/// character (a control character above all, which PostgreSQL refuses in
/// text) names no object, so the answer is 404 before a handler or the
/// database sees it (issue 9). The console asks the same question.
pub fn path_can_name_something(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = match bytes[i] {
            b'%' => {
                let hex = path
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(decoded) = hex else {
                    return false;
                };
                i += 3;
                decoded
            }
            other => {
                i += 1;
                other
            }
        };
        if !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')) {
            return false;
        }
    }
    true
}

async fn refuse_unnamable_paths(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if path_can_name_something(req.uri().path()) {
        next.run(req).await
    } else {
        ApiError(guichet_core::Error::NotFound).into_response()
    }
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
