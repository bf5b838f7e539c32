//! Who is calling. The API authenticates bearer tokens (API-1) and counts
//! each call against the token's limit (API-3); every answer to an
//! authenticated call carries the limit's headers.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use guichet_core::{
    Error,
    access::Actor,
    accounts::RequestMeta,
    tokens::{
        self,
        ratelimit::{self, Decision},
    },
};

use crate::{AppState, api::ApiError};

/// Where the request comes from: the peer address (put Guichet behind a
/// proxy that connects from a trusted address; forwarded headers are not
/// trusted) and the user agent.
pub fn request_meta(parts: &Parts) -> RequestMeta {
    let ip = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
    let ua = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    RequestMeta::new(ip, ua)
}

/// Extractor of [`RequestMeta`].
pub struct Meta(pub RequestMeta);

impl<S: Send + Sync> FromRequestParts<S> for Meta {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Meta(request_meta(parts)))
    }
}

/// The authenticated caller of an API route.
#[derive(Debug, Clone)]
pub struct ApiActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for ApiActor {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<ApiActor>().cloned().ok_or_else(|| {
            ApiError(Error::unauthenticated(
                "not_authenticated",
                "Send an API token: Authorization: Bearer gch_…",
            ))
        })
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Layer on the API routes that need a token: authenticate, apply the rate
/// limit, and add its headers to the answer.
pub async fn require_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let Some(secret) = bearer(&parts.headers).map(str::to_string) else {
        return ApiError(Error::unauthenticated(
            "not_authenticated",
            "Send an API token: Authorization: Bearer gch_…",
        ))
        .into_response();
    };
    let meta = request_meta(&parts);
    let auth = match tokens::authenticate_token(&state.ctx, &secret, &meta).await {
        Ok(a) => a,
        Err(e) => return ApiError(e).into_response(),
    };
    let mut res = if auth.rate.allowed {
        parts.extensions.insert(ApiActor(auth.actor));
        next.run(Request::from_parts(parts, body)).await
    } else {
        ApiError(Error::Throttled {
            retry_after_secs: auth.rate.retry_after_secs,
        })
        .into_response()
    };
    add_rate_headers(res.headers_mut(), &auth.rate);
    res
}

fn add_rate_headers(h: &mut HeaderMap, d: &Decision) {
    let mut put = |name: &'static str, v: String| {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(name, v);
        }
    };
    put("x-ratelimit-limit", ratelimit::LIMIT.to_string());
    put("x-ratelimit-remaining", d.remaining.to_string());
    put("x-ratelimit-reset", d.reset_secs.to_string());
}
