//! The console's visitor: their session (if signed in), their language, and
//! the form token every unsafe request must carry.
//!
//! `load_visitor` runs before every console route: it resolves the session
//! cookie once, checks the form token (`csrf` field) and the `Origin` of
//! every non-GET request, and hands a [`Visitor`] to the handler. Signed in,
//! the form token is the session's own (synchronizer token); signed out, it
//! is a random cookie matched by the form (double submit), so that sign-up
//! and sign-in forms cannot be posted from another site either.

use axum::{
    body::{Body, to_bytes},
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use guichet_core::{
    Error,
    access::Actor,
    accounts::{self, RequestMeta, SessionInfo, SessionStage},
    i18n::Lang,
    orgs::{self, OrgSummary},
};

use super::{cookie, errors::PageError, language_of};
use crate::{AppState, auth::request_meta};

pub const SESSION_COOKIE: &str = "guichet_session";
pub const CSRF_COOKIE: &str = "guichet_csrf";

#[derive(Debug, Clone)]
pub struct Visitor {
    /// The signed-in session, if any (only `Active` sessions count).
    pub session: Option<SessionInfo>,
    /// The token forms must carry in their `csrf` field.
    pub csrf: String,
    pub lang: Lang,
    pub meta: RequestMeta,
    /// The path and query, to come back to after signing in.
    pub path: String,
    /// Signed in: the organisations they belong to, for the layout's
    /// switcher (ACC-7).
    pub orgs: Vec<OrgSummary>,
}

impl Visitor {
    pub fn actor(&self) -> Option<Actor> {
        self.session.as_ref().map(|s| s.actor(&self.meta))
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or_else(|| PageError(Error::internal("load_visitor layer missing")))
    }
}

/// A signed-in visitor; others are sent to the sign-in page and brought
/// back afterwards.
pub struct SignedIn {
    pub visitor: Visitor,
    pub session: SessionInfo,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visitor.session.clone() {
            Some(session) => Ok(SignedIn {
                actor: session.actor(&visitor.meta),
                session,
                visitor,
            }),
            None => {
                let next = if parts.method == Method::GET {
                    visitor.path.clone()
                } else {
                    "/".into()
                };
                let to = format!("/signin?next={}", form_urlencoded_component(&next));
                Err(Redirect::to(&to).into_response())
            }
        }
    }
}

/// `s` as one component of a query string.
pub fn form_urlencoded_component(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .map(|e| e[2..].to_string())
        .unwrap_or_default()
}

/// Cookie attributes: `HttpOnly; SameSite=Lax`, `Secure` behind https.
pub fn cookie_header(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_secs: Option<i64>,
) -> Option<HeaderValue> {
    let secure = if state.ctx.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let age = max_age_secs
        .map(|a| format!("; Max-Age={a}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{age}"
    ))
    .ok()
}

/// Same origin: no `Origin` header (same-site navigation by older
/// browsers), or one equal to the public URL's or to this request's host.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin == state.ctx.config.public_url.trim_end_matches('/') {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, h)| !host.is_empty() && h == host)
}

pub async fn load_visitor(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let meta = request_meta(&parts);
    let session = match cookie(&parts.headers, SESSION_COOKIE) {
        Some(token) => match accounts::authenticate_session(&state.ctx, &token).await {
            Ok(s) if s.stage == SessionStage::Active => Some(s),
            Ok(_) | Err(Error::Unauthenticated { .. }) => None,
            Err(e) => return PageError(e).into_response(),
        },
        None => None,
    };
    // One query more per signed-in page: the switcher is on every page
    // (not in the stylesheet, though).
    let orgs = match &session {
        Some(s) if !parts.uri.path().starts_with("/assets/") => {
            match orgs::list_orgs(&state.ctx, &s.actor(&meta)).await {
                Ok(list) => list,
                Err(e) => return PageError(e).into_response(),
            }
        }
        _ => Vec::new(),
    };
    let anon_cookie = cookie(&parts.headers, CSRF_COOKIE).filter(|v| v.len() >= 32);
    let new_anon = anon_cookie.is_none().then(accounts::new_secret);
    let csrf = match (&session, &anon_cookie, &new_anon) {
        (Some(s), _, _) => s.csrf_token.clone(),
        (None, Some(c), _) => c.clone(),
        (None, None, Some(n)) => n.clone(),
        (None, None, None) => String::new(),
    };
    let lang = match &session {
        Some(s) => s.language,
        None => language_of(&parts.headers, &state),
    };
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());

    let body = if parts.method == Method::GET || parts.method == Method::HEAD {
        body
    } else {
        if !same_origin(&state, &parts.headers) {
            return PageError(Error::forbidden(
                "cross_origin",
                "This form was sent from another site.",
            ))
            .into_response();
        }
        let limit = state.ctx.config.http.body_limit_bytes;
        let bytes = match to_bytes(body, limit).await {
            Ok(b) => b,
            Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        };
        let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
        // A new anonymous token cannot match a form: the page that held the
        // form set the cookie, so its absence means a forged or stale post.
        let expected = if new_anon.is_some() && session.is_none() {
            None
        } else {
            Some(csrf.as_str())
        };
        if sent.as_deref().is_none() || sent.as_deref() != expected {
            return PageError(Error::forbidden(
                "invalid_form_token",
                "This form has expired; reload the page and try again.",
            ))
            .into_response();
        }
        Body::from(bytes)
    };
    let visitor = Visitor {
        session,
        csrf,
        lang,
        meta,
        path,
        orgs,
    };
    parts.extensions.insert(visitor.clone());
    let mut res = next.run(Request::from_parts(parts, body)).await;
    // The error-page layer draws the same navigation (signed in or not, in
    // the same language) as the page that failed.
    res.extensions_mut().insert(visitor);
    if let Some(value) = new_anon.and_then(|v| cookie_header(&state, CSRF_COOKIE, &v, None)) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res
}
