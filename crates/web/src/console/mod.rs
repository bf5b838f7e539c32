//! The console: server-rendered pages in the visitor's language. Each area
//! of SPEC.md gets its own module; this one holds the shell (layout,
//! language, error pages, assets) and the home page.

pub mod accounts;
pub mod assets;
pub mod errors;
pub mod visitor;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{FromRequestParts, Query, State},
    http::{HeaderMap, HeaderValue, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use guichet_core::i18n::{I18n, Lang};
use serde::Deserialize;

use crate::AppState;

pub const LANG_COOKIE: &str = "guichet_lang";

/// Every console page, behind the visitor layer (session, language, form
/// tokens).
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(accounts::routes())
        .route("/", get(home))
        .route("/language", get(switch_language))
        .route("/assets/app.css", get(assets::stylesheet))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            visitor::load_visitor,
        ))
}

/// The visitor's language: the `guichet_lang` cookie, else the browser's
/// `Accept-Language`, else the provider's default.
#[derive(Debug, Clone, Copy)]
pub struct PageLang(pub Lang);

impl FromRequestParts<AppState> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(PageLang(language_of(&parts.headers, state)))
    }
}

pub fn language_of(headers: &HeaderMap, state: &AppState) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|v| Lang::parse(&v))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_else(|| Lang::parse(&state.ctx.config.default_language).unwrap_or_default())
}

/// The value of one cookie of the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// What every page's layout needs: the language, translations, the
/// language switch and the current path (to come back to after switching).
pub struct Shell {
    pub lang: Lang,
    pub i18n: std::sync::Arc<I18n>,
    pub provider: String,
    pub path: String,
}

impl Shell {
    pub fn new(state: &AppState, lang: Lang, path: &str) -> Self {
        Self {
            lang,
            i18n: state.ctx.i18n.clone(),
            provider: state.ctx.config.provider_name.clone(),
            path: path.to_string(),
        }
    }

    /// Translate a key (templates call `shell.t("…")`).
    pub fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key)
    }

    /// Translate a key with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n
            .t_args(self.lang, key, &[(name, value.to_string().into())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name(), *l == self.lang))
            .collect()
    }

    pub fn footer(&self) -> String {
        self.t1("footer-text", "provider", &self.provider)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    shell: Shell,
}

async fn home(State(state): State<AppState>, PageLang(lang): PageLang) -> impl IntoResponse {
    HomePage {
        shell: Shell::new(&state, lang, "/"),
    }
}

#[derive(Deserialize)]
struct SwitchLanguage {
    lang: String,
    next: Option<String>,
}

/// Set the language cookie and go back where the visitor was. A plain GET
/// form, so it works without JavaScript; `next` must be a local path (no
/// open redirect).
async fn switch_language(
    State(state): State<AppState>,
    Query(q): Query<SwitchLanguage>,
) -> Response {
    let lang = Lang::parse(&q.lang).unwrap_or_default();
    let next = q
        .next
        .filter(|n| is_local_path(n))
        .unwrap_or_else(|| "/".into());
    let secure = if state.ctx.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    let mut r = Redirect::to(&next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// `/x` but not `//host` nor `/\host` (which browsers treat as another host).
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") && !p.contains(['\r', '\n'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/orgs/x?y=1"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
    }
}
