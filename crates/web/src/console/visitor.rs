//! The console's visitor: their session (if signed in), their language, and
//! the form token every unsafe request must carry.
//!
//! `load_visitor` runs before every console route: it resolves the session
//! cookie once, checks the form token (`csrf` field) and the `Origin` (else
//! the `Referer`) of every non-GET request, and hands a [`Visitor`] to the
//! handler. Signed in, the form token is the session's own (synchronizer
//! token); signed out, it is a random cookie matched by the form (double
//! submit), so that sign-up and sign-in forms cannot be posted from another
//! site either.

use axum::{
    body::{Body, to_bytes},
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use guichet_core::{
    Error,
    access::Actor,
    accounts::{self, RequestMeta},
    i18n::Lang,
    orgs::{self, OrgSummary},
    security::{self, SessionInfo, SessionStage},
};

use super::{cookies, errors::PageError, language_of, local_path::LocalPath};
use crate::{AppState, auth::request_meta};

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
                Err(LocalPath::or_home(&to).redirect())
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

/// Same origin: the `Origin` header, else the origin of the `Referer`,
/// is the public URL's or this request's host's. A request with neither
/// (older browsers, a `Referrer-Policy` of the sending page) passes: the
/// form token still guards it.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let value_of = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let sender = match (value_of(header::ORIGIN), value_of(header::REFERER)) {
        (Some(origin), _) => origin,
        (None, Some(referer)) => origin_of(referer),
        (None, None) => return true,
    };
    if sender == origin_of(&state.ctx.config.public_url) {
        return true;
    }
    let host = value_of(header::HOST).unwrap_or_default();
    sender
        .split_once("://")
        .is_some_and(|(_, h)| !host.is_empty() && h == host)
}

/// `scheme://host[:port]` of a URL: up to the first `/`, `?` or `#` after
/// the scheme.
fn origin_of(url: &str) -> &str {
    let Some(at) = url.find("://") else {
        return url;
    };
    let end = url[at + 3..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| at + 3 + i);
    &url[..end]
}

/// The body of a request, once a form sent with it (any method but GET and
/// HEAD) comes from our own origin and carries `expected` in its `csrf`
/// field (`None`: no form can be valid). Shared by the console and the
/// back office, each with its own session's token.
/// Forms sent as `multipart/form-data`, whose handlers check the token.
const MULTIPART_FORMS: [&str; 1] = ["/staff/bank/statements"];

pub(crate) async fn checked_form(
    state: &AppState,
    parts: &Parts,
    body: Body,
    expected: Option<&str>,
) -> Result<Body, Response> {
    if parts.method == Method::GET || parts.method == Method::HEAD {
        return Ok(body);
    }
    if !same_origin(state, &parts.headers) {
        return Err(PageError(Error::forbidden(
            "cross_origin",
            "This form was sent from another site.",
        ))
        .into_response());
    }
    // The one multipart form (files of the bank's statements): its body
    // is large and streamed, so it is passed on unread and its handler
    // checks the form token, which the form sends before its files.
    let multipart = parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart && MULTIPART_FORMS.contains(&parts.uri.path()) {
        return Ok(body);
    }
    let limit = state.ctx.config.http.body_limit_bytes;
    let Ok(bytes) = to_bytes(body, limit).await else {
        return Err(PageError(Error::PayloadTooLarge).into_response());
    };
    let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    if sent.is_none() || sent.as_deref() != expected {
        return Err(PageError(Error::forbidden(
            "invalid_form_token",
            "This form has expired; reload the page and try again.",
        ))
        .into_response());
    }
    Ok(Body::from(bytes))
}

pub async fn load_visitor(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let meta = request_meta(&parts);
    let session = match cookies::SESSION.read(&state, &parts.headers) {
        Some(token) => match security::authenticate_session(&state.ctx, &token).await {
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
    let anon_cookie = cookies::CSRF
        .read(&state, &parts.headers)
        .filter(|v| v.len() >= 32);
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

    // A new anonymous token cannot match a form: the page that held the
    // form set the cookie, so its absence means a forged or stale post.
    let expected = if new_anon.is_some() && session.is_none() {
        None
    } else {
        Some(csrf.as_str())
    };
    let body = match checked_form(&state, &parts, body, expected).await {
        Ok(body) => body,
        Err(refused) => return refused,
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
    if let Some(value) = new_anon.and_then(|v| cookies::CSRF.set(&state, &v, None)) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res
}
