//! The provider's back office (issue 10): pages under `/staff` and the
//! staff API under `/api/1/staff/…` (and `/api/staff/…`, the latest
//! version).
//!
//! Apart from the customers' doors on purpose: the pages have their own
//! session cookie (`guichet_staff`, `__Host-` behind https) read by their
//! own layer, and the API its own tokens (`gcs_…`). A customer session
//! never opens `/staff`; a customer token is answered 404 here; a staff
//! session or token never reaches a customer route (the customer layers
//! do not read them). Rights are `guichet_core::access::staff`'s.

pub mod api;
pub mod bank_api;
pub mod bank_pages;
pub mod billing_api;
pub mod billing_pages;
pub mod catalog_api;
pub mod catalog_pages;
pub mod pages;
pub mod payments_api;
pub mod payments_pages;
pub mod renewals_api;
pub mod renewals_pages;

use axum::{
    Router,
    extract::{FromRequestParts, Request, State},
    http::{header, request::Parts},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use guichet_core::{
    Error,
    accounts::{self, RequestMeta},
    i18n::Lang,
    staff::{self, StaffSession},
};

use crate::{
    AppState,
    auth::request_meta,
    console::{self, cookies, errors::PageError, visitor::checked_form},
};

/// Everything of the back office, to merge into the application's router.
pub fn routes(state: &AppState) -> Router<AppState> {
    let pages = pages::routes()
        .layer(middleware::from_fn_with_state(
            state.clone(),
            load_staff_visitor,
        ))
        .layer(middleware::from_fn(console::errors::refuse_unnamable_paths))
        .layer(axum::extract::DefaultBodyLimit::max(
            state.ctx.config.http.body_limit_bytes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            console::errors::render_error_pages,
        ));
    let api = api::routes(state);
    Router::new()
        .merge(pages)
        .nest("/api/1/staff", api.clone())
        .nest("/api/staff", api)
}

/// The visitor of a back-office page: their staff session (if signed in),
/// the form token, the language.
#[derive(Debug, Clone)]
pub struct StaffVisitor {
    pub session: Option<StaffSession>,
    /// The token forms must carry in their `csrf` field: the staff
    /// session's own, else the signed-out visitor's cookie (double submit).
    pub csrf: String,
    pub lang: Lang,
    pub meta: RequestMeta,
    pub path: String,
}

impl FromRequestParts<AppState> for StaffVisitor {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<StaffVisitor>()
            .cloned()
            .ok_or_else(|| PageError(Error::internal("load_staff_visitor layer missing")))
    }
}

/// A signed-in staff member; others are sent to the back office's sign-in.
pub struct SignedInStaff {
    pub visitor: StaffVisitor,
    pub session: StaffSession,
}

impl FromRequestParts<AppState> for SignedInStaff {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = StaffVisitor::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visitor.session.clone() {
            Some(session) => Ok(SignedInStaff { visitor, session }),
            None => Err(console::local_path::LocalPath::or_home("/staff/signin").redirect()),
        }
    }
}

/// Resolve the staff cookie once, check the form token and the origin of
/// every non-GET request (as the console's `load_visitor` does), and hand
/// a [`StaffVisitor`] to the page. The customer session cookie is not read
/// here: a customer session opens nothing under `/staff`.
pub async fn load_staff_visitor(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let meta = request_meta(&parts);
    let session = match cookies::STAFF_SESSION.read(&state, &parts.headers) {
        Some(token) => match staff::authenticate_session(&state.ctx, &token, &meta).await {
            Ok(s) => Some(s),
            Err(Error::Unauthenticated { .. }) => None,
            Err(e) => return PageError(e).into_response(),
        },
        None => None,
    };
    let anon_cookie = cookies::CSRF
        .read(&state, &parts.headers)
        .filter(|v| v.len() >= 32);
    let new_anon = (session.is_none() && anon_cookie.is_none()).then(accounts::new_secret);
    let csrf = match (&session, &anon_cookie, &new_anon) {
        (Some(s), _, _) => s.csrf_token.clone(),
        (None, Some(c), _) => c.clone(),
        (None, None, Some(n)) => n.clone(),
        (None, None, None) => String::new(),
    };
    // The switch's choice, else the staff member's own language, else the
    // browser's.
    let lang = cookies::LANG
        .read(&state, &parts.headers)
        .and_then(|v| Lang::parse(&v))
        .or_else(|| session.as_ref().map(|s| s.language))
        .unwrap_or_else(|| console::language_of(&parts.headers, &state));
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/staff".to_string(), |p| p.as_str().to_string());
    // A new anonymous token cannot match a form: the page that held the
    // form set the cookie.
    let expected = new_anon.is_none().then_some(csrf.as_str());
    let body = match checked_form(&state, &parts, body, expected).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let visitor = StaffVisitor {
        session,
        csrf,
        lang,
        meta,
        path,
    };
    parts.extensions.insert(visitor);
    let mut res = next.run(Request::from_parts(parts, body)).await;
    if let Some(value) = new_anon.and_then(|v| cookies::CSRF.set(&state, &v, None)) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res
}
