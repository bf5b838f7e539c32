//! HTML error pages for console paths. A console handler answers with
//! `PageError`; the `render_error_pages` layer turns its marker into a page
//! in the visitor's language (the layer knows the request, the error does
//! not).

use askama::Template;
use axum::{
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use guichet_core::{
    Error, accounts,
    i18n::Lang,
    orgs,
    security::{self, SessionStage},
};

use super::{Shell, cookies, display_name, form::FormErrors, language_of, visitor::Visitor};
use crate::{AppState, api::envelope::status_of};

/// A console error: becomes an HTML page with the right status.
#[derive(Debug)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

/// The status, and the error's code (a refusal by rights reads differently
/// from an expired form, though both are 403).
#[derive(Clone, Copy)]
struct ErrorMarker(StatusCode, &'static str);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let Error::Internal(detail) = &self.0 {
            tracing::error!(error = %detail, "internal error");
        }
        let status = status_of(self.0.kind());
        let mut r = status.into_response();
        r.extensions_mut()
            .insert(ErrorMarker(status, self.0.code()));
        if let Error::Validation(fields) = self.0 {
            r.extensions_mut().insert(RefusedFields(fields));
        }
        r
    }
}

/// The fields of a form refused before its page could re-render it (a
/// control character, issue 9): the error page names them.
#[derive(Clone)]
struct RefusedFields(Vec<guichet_core::FieldError>);

/// A path no object could have (`api::path_can_name_something`): 404
/// before a handler or the database sees it (issue 9).
pub async fn refuse_unnamable_paths(req: Request, next: axum::middleware::Next) -> Response {
    if crate::api::path_can_name_something(req.uri().path()) {
        next.run(req).await
    } else {
        PageError(Error::NotFound).into_response()
    }
}

/// Fallback for paths that are neither API nor console routes.
pub async fn not_found() -> PageError {
    PageError(Error::NotFound)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    shell: Shell,
    title: String,
    text: String,
    request_id: String,
    /// (field, message) of a refused form.
    fields: Vec<(String, String)>,
}

pub async fn render_error_pages(
    State(state): State<AppState>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    // API answers are JSON envelopes: nothing to render, nothing to read.
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = language_of(req.headers(), &state);
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let path = req.uri().path().to_string();
    let session_cookie = cookies::SESSION.read(&state, req.headers());
    let res = next.run(req).await;
    let Some(ErrorMarker(status, code)) = res.extensions().get::<ErrorMarker>().copied() else {
        return res;
    };
    let refused = res.extensions().get::<RefusedFields>().cloned();
    let shell = match res.extensions().get::<Visitor>() {
        Some(visitor) => Shell::of(&state, visitor).at(&path),
        None => outside_shell(&state, lang, &path, status, session_cookie).await,
    };
    let (title, text) = match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-text"),
        // In the console mostly a form whose token expired (or a forged
        // one): say what to do about it.
        // A role or rights that do not open the page (ORG-1).
        StatusCode::FORBIDDEN if code == "forbidden" => {
            ("error-forbidden-title", "error-rights-text")
        }
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-text"),
        StatusCode::SERVICE_UNAVAILABLE => ("error-unavailable-title", "error-unavailable-text"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large-text"),
        StatusCode::UNPROCESSABLE_ENTITY => ("error-invalid-title", "error-invalid-text"),
        _ => ("error-title", "error-generic-text"),
    };
    let fields = refused
        .map(|RefusedFields(f)| FormErrors::localized(&shell, &f).list().to_vec())
        .unwrap_or_default();
    let page = ErrorPage {
        title: shell.t(title),
        text: shell.t(text),
        shell,
        request_id,
        fields,
    };
    match page.render() {
        Ok(html) => {
            let mut r = (status, Html(html)).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering an error page");
            status.into_response()
        }
    }
}

/// The shell of an error page answered outside the visitor layer (an
/// unknown path): a signed-in user still sees their navigation on a 404.
/// Only then is the session looked up; on other errors (a database outage)
/// it would only fail again.
async fn outside_shell(
    state: &AppState,
    lang: Lang,
    path: &str,
    status: StatusCode,
    session_cookie: Option<String>,
) -> Shell {
    let mut shell = Shell::new(state, lang, path);
    if status == StatusCode::NOT_FOUND
        && let Some(token) = session_cookie
        && let Ok(s) = security::authenticate_session(&state.ctx, &token).await
        && s.stage == SessionStage::Active
    {
        shell.lang = s.language;
        shell.signed_in = Some(display_name(&s.name, &s.email));
        let actor = s.actor(&accounts::RequestMeta::new("", ""));
        shell.orgs = orgs::list_orgs(&state.ctx, &actor)
            .await
            .unwrap_or_default();
        shell.csrf = s.csrf_token;
    }
    shell
}
