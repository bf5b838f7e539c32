//! Console pages of security: sign-in and sign-out, the forgotten
//! password and its reset link, and the security page (sessions and the
//! security log).
//!
//! - SEC-5 throttled forms answer 429 with the wait; every sign-in and
//!   credential change is in the security log; sessions are listed and
//!   ended (after a confirmation) by their owner.
//! - ACC-3 the reset link goes to the login and the recovery address; the
//!   answer never tells whether an address has an account.

use askama::Template;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use guichet_core::ids::SessionId;
use guichet_core::security::{self, SecurityEventView, SessionView, SignInOutcome};
use serde::Deserialize;

use super::{
    Shell,
    accounts::{
        AccountNotice, EmailFormPage, NextQuery, NoticePage, TokenQuery, session_cookie,
        with_cookie,
    },
    cookies,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    local_path::LocalPath,
    notice::{Saved, saved},
    refused, render,
    visitor::{SignedIn, Visitor},
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/forgot-password", get(forgot_page).post(forgot))
        .route("/reset-password", get(reset_page).post(reset))
        .route("/profile/security", get(security))
        .route("/profile/sessions/{id}/end", post(end_session))
}

// ---------------------------------------------------------------- sign-in

#[derive(Template)]
#[template(path = "accounts/signin.html")]
struct SignInPage {
    shell: Shell,
    email: String,
    next: String,
    errors: FormErrors,
    alert: Option<String>,
    /// The address is not confirmed yet: offer to send the link again.
    unverified: bool,
}

async fn signin_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = q.next.as_deref().and_then(LocalPath::parse);
    if visitor.session.is_some() {
        return next.unwrap_or_else(LocalPath::home).redirect();
    }
    let page = SignInPage {
        shell: Shell::of(&state, &visitor),
        email: String::new(),
        next: next.map(|n| n.to_string()).unwrap_or_default(),
        errors: FormErrors::default(),
        alert: None,
        unverified: false,
    };
    render(StatusCode::OK, &page)
}

/// An unknown address and a wrong password get the same answer; repeated
/// failures are throttled (SEC-5) and answered 429 with the wait.
async fn signin(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    fields: Fields,
) -> Response {
    let shell = Shell::of(&state, &visitor).at("/signin");
    // Where to go after signing in: a local path only (no open redirect).
    let next = LocalPath::or_home(fields.get("next"));
    let e = match security::sign_in(
        &state.ctx,
        fields.get("email"),
        fields.get("password"),
        &visitor.meta,
    )
    .await
    {
        Ok(SignInOutcome::SignedIn(s)) => {
            let mut r = next.redirect();
            // Signed in, the sign-up's `next` has served.
            if cookies::NEXT.read(&state, &headers).is_some() {
                r = with_cookie(r, cookies::NEXT.clear(&state));
            }
            return with_cookie(r, session_cookie(&state, Some(&s.token)));
        }
        Ok(SignInOutcome::SecondFactorRequired(_)) => return second_factor(shell),
        Err(e) => e,
    };
    let refusal = match e.code() {
        "invalid_credentials" => {
            Refusal::alert(StatusCode::UNAUTHORIZED, shell.t("signin-invalid"))
        }
        "email_not_verified" => Refusal::alert(StatusCode::FORBIDDEN, shell.t("signin-unverified")),
        _ => match Refusal::of(&shell, e) {
            Ok(r) => r,
            Err(e) => return e.into_response(),
        },
    };
    let page = SignInPage {
        unverified: refusal.status == StatusCode::FORBIDDEN,
        shell,
        email: fields.get("email").to_string(),
        next: fields.get("next").to_string(),
        errors: refusal.errors,
        alert: refusal.alert,
    };
    refused(&page, refusal.status, refusal.retry_after_secs)
}

/// Two-factor sign-in (SEC-1) is not in the console yet; no account can
/// reach this stage until it is, but the answer is a page, not a panic.
fn second_factor(shell: Shell) -> Response {
    let text = [shell.t("second-factor-text")];
    let page = NoticePage::new(shell, "second-factor", "second-factor-title", &text)
        .link("/", "error-back-home");
    render(StatusCode::OK, &page)
}

async fn signout(State(state): State<AppState>, visitor: Visitor) -> Result<Response, PageError> {
    if let Some(session) = &visitor.session {
        security::sign_out(&state.ctx, session, &visitor.meta).await?;
    }
    let r = LocalPath::home().redirect();
    Ok(with_cookie(r, session_cookie(&state, None)))
}

// ---------------------------------------------------------------- password reset

async fn forgot_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    render(
        StatusCode::OK,
        &EmailFormPage::forgot(Shell::of(&state, &visitor)),
    )
}

/// ACC-3: the link goes to the recovery address, else the login address.
/// The same answer whether or not the address has an account.
async fn forgot(State(state): State<AppState>, visitor: Visitor, fields: Fields) -> Response {
    let shell = Shell::of(&state, &visitor).at("/forgot-password");
    let email = fields.get("email");
    match security::request_password_reset(&state.ctx, email, &visitor.meta).await {
        Ok(()) => {
            let text = [
                shell.t1("forgot-done-text", "email", email.trim()),
                shell.t_count(
                    "forgot-done-hint",
                    "minutes",
                    state.ctx.config.accounts.reset_link_minutes,
                ),
            ];
            let page = NoticePage::new(shell, "forgot-done", "forgot-done-title", &text)
                .link("/signin", "nav-signin");
            render(StatusCode::OK, &page)
        }
        Err(e) => match Refusal::of(&shell, e) {
            Ok(r) => EmailFormPage::forgot(shell).refused(email, r),
            Err(e) => e.into_response(),
        },
    }
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    shell: Shell,
    token: String,
    errors: FormErrors,
    alert: Option<String>,
}

fn reset_link_invalid(shell: Shell) -> Response {
    let text = [shell.t("link-invalid-text"), shell.t("reset-invalid-hint")];
    let page = NoticePage::new(shell, "link-invalid", "link-invalid-title", &text)
        .link("/forgot-password", "forgot-title");
    render(StatusCode::BAD_REQUEST, &page)
}

async fn reset_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<TokenQuery>,
) -> Response {
    let shell = Shell::of(&state, &visitor);
    let token = q.token.unwrap_or_default();
    match security::check_reset_link(&state.ctx, &token).await {
        Ok(()) => {
            let page = ResetPage {
                shell,
                token,
                errors: FormErrors::default(),
                alert: None,
            };
            render(StatusCode::OK, &page)
        }
        Err(e) if e.code() == "invalid_link" => reset_link_invalid(shell),
        Err(e) => PageError(e).into_response(),
    }
}

/// The token comes in the form (kept out of the address bar's history of
/// the post) or, as in the mailed link, in the query.
async fn reset(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<TokenQuery>,
    fields: Fields,
) -> Response {
    let token = q
        .token
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fields.get("token").to_string());
    let shell = Shell::of(&state, &visitor).at(&format!("/reset-password?token={token}"));
    match security::reset_password(&state.ctx, &token, fields.get("password"), &visitor.meta).await
    {
        Ok(()) => {
            let text = [shell.t("reset-done-text")];
            let page = NoticePage::new(shell, "reset-done", "reset-done-title", &text)
                .link("/signin", "nav-signin");
            // Every session ended, this browser's too.
            with_cookie(render(StatusCode::OK, &page), session_cookie(&state, None))
        }
        Err(e) if e.code() == "invalid_link" => reset_link_invalid(shell),
        Err(e) => match Refusal::of(&shell, e) {
            Ok(r) => {
                let page = ResetPage {
                    shell,
                    token,
                    errors: r.errors,
                    alert: r.alert,
                };
                refused(&page, r.status, r.retry_after_secs)
            }
            Err(e) => e.into_response(),
        },
    }
}

// ---------------------------------------------------------------- security

const LOG_PER_PAGE: u64 = 20;

struct SessionItem {
    id: String,
    device: String,
    user_agent: String,
    ip: String,
    started: String,
    started_iso: String,
    last_seen: String,
    last_seen_iso: String,
    current: bool,
}

impl SessionItem {
    fn of(shell: &Shell, v: SessionView) -> Self {
        Self {
            device: device_of(shell, &v.user_agent),
            started: shell.datetime(v.created_at),
            started_iso: shell.iso(v.created_at),
            last_seen: shell.datetime(v.last_seen_at),
            last_seen_iso: shell.iso(v.last_seen_at),
            id: v.id.into_string(),
            user_agent: v.user_agent,
            ip: v.ip,
            current: v.current,
        }
    }
}

struct EventItem {
    when: String,
    when_iso: String,
    label: String,
    ip: String,
    device: String,
    user_agent: String,
    detail: String,
}

impl EventItem {
    /// Kinds the catalogue does not name yet show as stored.
    fn of(shell: &Shell, e: SecurityEventView) -> Self {
        Self {
            when: shell.datetime(e.created_at),
            when_iso: shell.iso(e.created_at),
            label: shell.t_or(&format!("event-{}", e.kind.replace('_', "-")), &e.kind),
            device: device_of(shell, &e.user_agent),
            user_agent: e.user_agent,
            ip: e.ip,
            detail: e.detail,
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/security.html")]
struct SecurityPage {
    shell: Shell,
    sessions: Vec<SessionItem>,
    events: Vec<EventItem>,
    page: u64,
    pages: u64,
    saved: Option<String>,
}

impl SecurityPage {
    fn page_of(&self) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }
}

#[derive(Deserialize)]
struct SecurityQuery {
    page: Option<String>,
}

/// SEC-5: live sessions, and the security log, newest first.
async fn security(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<SecurityQuery>,
    Saved(notice): Saved<AccountNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    // A page number that does not parse shows the first page.
    let page = q
        .page
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let offset = i64::try_from((page - 1) * LOG_PER_PAGE).unwrap_or(0);
    let limit = i64::try_from(LOG_PER_PAGE).unwrap_or(20);
    let sessions = security::list_sessions(&state.ctx, &s.actor).await?;
    let (events, total) = security::security_log(&state.ctx, &s.actor, offset, limit).await?;
    let page = SecurityPage {
        sessions: sessions
            .into_iter()
            .map(|v| SessionItem::of(&shell, v))
            .collect(),
        events: events
            .into_iter()
            .map(|e| EventItem::of(&shell, e))
            .collect(),
        page,
        pages: total.div_ceil(LOG_PER_PAGE).max(1),
        saved: Saved::text(notice, &shell),
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn end_session(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = SessionId::parse(&id).ok_or(guichet_core::Error::NotFound)?;
    security::end_session(&state.ctx, &s.actor, &id).await?;
    Ok(saved("/profile/security", AccountNotice::SessionEnded))
}

/// "Firefox on Windows": a user agent as people name their device. The
/// full string stays available in a tooltip.
fn device_of(shell: &Shell, user_agent: &str) -> String {
    let (browser, os) = describe_user_agent(user_agent);
    match (browser, os) {
        (Some(b), Some(o)) => shell.t_args(
            "device-browser-on-os",
            &[("browser", b.to_string()), ("os", o.to_string())],
        ),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) if user_agent.trim().is_empty() => shell.t("device-unknown"),
        (None, None) => user_agent.chars().take(60).collect(),
    }
}

/// The browser and the operating system named in a user agent. Order
/// matters: Edge and Opera also say "Chrome", Chrome also says "Safari",
/// Android also says "Linux", an iPhone also says "Mac OS X".
fn describe_user_agent(ua: &str) -> (Option<&'static str>, Option<&'static str>) {
    let browsers = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ];
    let systems = [
        ("Windows", "Windows"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Macintosh", "macOS"),
        ("Linux", "Linux"),
    ];
    let find = |list: &[(&str, &'static str)]| {
        list.iter()
            .find(|(needle, _)| ua.contains(needle))
            .map(|(_, name)| *name)
    };
    (find(&browsers), find(&systems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_name_browser_and_system() {
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(
            describe_user_agent(chrome_linux),
            (Some("Chrome"), Some("Linux"))
        );
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        assert_eq!(describe_user_agent(edge), (Some("Edge"), Some("Windows")));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(iphone), (Some("Safari"), Some("iOS")));
        let android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(
            describe_user_agent(android),
            (Some("Chrome"), Some("Android"))
        );
        assert_eq!(describe_user_agent(""), (None, None));
    }
}
