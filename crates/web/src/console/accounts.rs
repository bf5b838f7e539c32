//! Console pages of accounts: sign-up, sign-in, sign-out, verification,
//! password reset, profile, security (sessions and log), API tokens.
//!
//! - ACC-1 sign-up and the verification link; ACC-3 recovery address and
//!   password reset; ACC-4 support code; ACC-5 newsletter topics.
//! - SEC-5 throttled forms answer 429 with the wait; the security log.
//! - API-1 tokens: created (shown once), listed by prefix, revoked.
//!
//! Questions whose answer would tell whether an address has an account
//! (sign-up, password reset, a new verification link) always get the same
//! page.

use askama::Template;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use guichet_core::{
    Error,
    access::Scope,
    accounts::{
        self, CreateToken, NewsletterTopic, ProfilePatch, ProfileView, SecurityEventView,
        SessionView, SignInOutcome, SignUp, TokenStatus, TokenView, VerifiedAddress,
    },
    i18n::Lang,
};
use serde::Deserialize;

use super::{
    Shell, cookies,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    language_cookie,
    local_path::LocalPath,
    refused, render,
    visitor::{SignedIn, Visitor, form_urlencoded_component},
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_page).post(signup))
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/verify-email", get(verify_email))
        .route("/verify-email/resend", get(resend_page).post(resend))
        .route("/forgot-password", get(forgot_page).post(forgot))
        .route("/reset-password", get(reset_page).post(reset))
        .route("/undo-recovery-change", get(undo_page).post(undo))
        .route("/profile", get(profile).post(save_profile))
        .route("/profile/password", post(change_password))
        .route("/profile/newsletters", post(save_newsletters))
        .route("/profile/support-code", post(regenerate_support_code))
        .route("/profile/security", get(security))
        .route("/profile/sessions/{id}/end", post(end_session))
        .route("/profile/tokens", get(tokens).post(create_token))
        .route("/profile/tokens/{id}/revoke", post(revoke_token))
}

// ---------------------------------------------------------------- answers

fn with_cookie(mut r: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// The session cookie, or (None) its removal.
fn session_cookie(state: &AppState, token: Option<&str>) -> Option<HeaderValue> {
    match token {
        Some(t) => {
            let secs = state.ctx.config.accounts.absolute_ms() / 1000;
            cookies::SESSION.set(state, t, Some(secs))
        }
        None => cookies::SESSION.clear(state),
    }
}

/// Back to a page with a notice (`?saved=…`) after a successful post.
fn saved(path: &str, what: &str) -> Response {
    LocalPath::or_home(&format!("{path}?saved={what}")).redirect()
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

/// The notice shown after `?saved=<what>`; unknown values show none.
fn saved_notice(shell: &Shell, what: Option<&str>) -> Option<String> {
    let what = what?;
    let known = [
        "profile",
        "password",
        "newsletters",
        "support-code",
        "session-ended",
        "token-revoked",
    ];
    known
        .contains(&what)
        .then(|| shell.t(&format!("saved-{what}")))
}

/// A page that only says something, with links onward; `resend` offers
/// the form that mails the verification link again.
#[derive(Template)]
#[template(path = "accounts/notice.html")]
struct NoticePage {
    shell: Shell,
    testid: &'static str,
    title: String,
    paragraphs: Vec<String>,
    links: Vec<(String, String)>,
    resend: Option<String>,
}

impl NoticePage {
    fn new(shell: Shell, testid: &'static str, title: &str, paragraphs: &[String]) -> Self {
        Self {
            title: shell.t(title),
            paragraphs: paragraphs.to_vec(),
            links: Vec::new(),
            resend: None,
            testid,
            shell,
        }
    }

    fn link(mut self, href: &str, label: &str) -> Self {
        self.links.push((href.to_string(), self.shell.t(label)));
        self
    }
}

// ---------------------------------------------------------------- sign-up

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignUpPage {
    shell: Shell,
    email: String,
    name: String,
    /// Where to go once the account exists (an invitation's page).
    next: String,
    errors: FormErrors,
    alert: Option<String>,
}

async fn signup_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = q.next.as_deref().and_then(LocalPath::parse);
    if visitor.session.is_some() {
        return next
            .unwrap_or_else(|| LocalPath::or_home("/profile"))
            .redirect();
    }
    let page = SignUpPage {
        shell: Shell::of(&state, &visitor),
        email: String::new(),
        name: String::new(),
        next: next.map(|n| n.to_string()).unwrap_or_default(),
        errors: FormErrors::default(),
        alert: None,
    };
    render(StatusCode::OK, &page)
}

/// ACC-1. A new address and one that has an account get the same page (the
/// latter's owner is told by mail instead).
async fn signup(State(state): State<AppState>, visitor: Visitor, fields: Fields) -> Response {
    let shell = Shell::of(&state, &visitor).at("/signup");
    let input = SignUp {
        email: fields.get("email"),
        password: fields.get("password"),
        name: fields.get("name"),
        language: visitor.lang,
    };
    let next = fields.get("next");
    let refusal = match accounts::sign_up(&state.ctx, input, &visitor.meta).await {
        Ok(()) => {
            let hours = state.ctx.config.accounts.verification_link_hours;
            let page = check_mailbox(shell, fields.get("email").trim(), hours);
            return with_cookie(page, next_cookie(&state, next, hours));
        }
        Err(e) => match Refusal::of(&shell, e) {
            Ok(r) => r,
            Err(e) => return e.into_response(),
        },
    };
    let page = SignUpPage {
        shell,
        email: fields.get("email").to_string(),
        name: fields.get("name").to_string(),
        next: next.to_string(),
        errors: refusal.errors,
        alert: refusal.alert,
    };
    refused(&page, refusal.status, refusal.retry_after_secs)
}

/// A local `next` of the sign-up form, kept in a cookie for as long as
/// the verification link lasts: the confirmation page then sends the new
/// user to sign in and on to it (an invitation's page), although the link
/// itself, mailed by core, knows nothing of it.
fn next_cookie(state: &AppState, next: &str, hours: u64) -> Option<HeaderValue> {
    let next = LocalPath::parse(next).filter(|n| n.as_str() != "/")?;
    let value = form_urlencoded_component(next.as_str());
    let secs = i64::try_from(hours.saturating_mul(3600)).unwrap_or(i64::MAX);
    cookies::NEXT.set(state, &value, Some(secs))
}

/// The path the `next` cookie holds, if it is a local one.
fn next_of_cookie(state: &AppState, headers: &HeaderMap) -> Option<LocalPath> {
    let raw = cookies::NEXT.read(state, headers)?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("n={raw}"))
        .ok()?
        .pop()
        .and_then(|(_, v)| LocalPath::parse(&v))
}

/// The durations the pages tell are the configured ones.
fn check_mailbox(shell: Shell, email: &str, hours: u64) -> Response {
    let text = [
        shell.t1("signup-done-text", "email", email),
        shell.t_count("signup-done-hint", "hours", hours),
    ];
    let page = NoticePage::new(shell, "signup-done", "signup-done-title", &text)
        .link("/verify-email/resend", "signup-done-resend")
        .link("/signin", "nav-signin");
    render(StatusCode::OK, &page)
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

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
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
    let e = match accounts::sign_in(
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
        accounts::sign_out(&state.ctx, session, &visitor.meta).await?;
    }
    let r = LocalPath::home().redirect();
    Ok(with_cookie(r, session_cookie(&state, None)))
}

// ---------------------------------------------------------------- verification

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// ACC-1, ACC-3: the link of a verification mail (login or recovery
/// address). Single use; a spent or expired link gets a 400 page that
/// offers a new one.
async fn verify_email(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Response {
    // The link is spent once followed: the language switch goes home.
    let shell = Shell::of(&state, &visitor).at("/");
    let token = q.token.unwrap_or_default();
    // Signed out, on to sign in, and from there where the sign-up was
    // going (an invitation's page, ORG-2).
    let onward = match (&visitor.session, next_of_cookie(&state, &headers)) {
        (Some(_), Some(next)) => (next.to_string(), "nav-continue"),
        (Some(_), None) => ("/profile".to_string(), "nav-profile"),
        (None, Some(next)) => (
            format!("/signin?next={}", form_urlencoded_component(next.as_str())),
            "nav-signin",
        ),
        (None, None) => ("/signin".to_string(), "nav-signin"),
    };
    match accounts::verify_email(&state.ctx, &token, &visitor.meta).await {
        Ok(VerifiedAddress::Login) => {
            let text = [shell.t("verified-text")];
            let page = NoticePage::new(shell, "email-verified", "verified-title", &text)
                .link(&onward.0, onward.1);
            render(StatusCode::OK, &page)
        }
        Ok(VerifiedAddress::Recovery) => {
            let text = [shell.t("recovery-verified-text")];
            let page = NoticePage::new(shell, "email-verified", "recovery-verified-title", &text)
                .link(&onward.0, onward.1);
            render(StatusCode::OK, &page)
        }
        Err(e) if e.code() == "invalid_link" => {
            let text = [shell.t("link-invalid-text"), shell.t("verify-invalid-hint")];
            let mut page = NoticePage::new(shell, "link-invalid", "link-invalid-title", &text);
            page.resend = Some(String::new());
            render(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => PageError(e).into_response(),
    }
}

/// A form with one address field: a new verification link, a password
/// reset link.
#[derive(Template)]
#[template(path = "accounts/email_form.html")]
struct EmailFormPage {
    shell: Shell,
    testid: &'static str,
    title: String,
    intro: String,
    action: &'static str,
    submit: String,
    email: String,
    errors: FormErrors,
    alert: Option<String>,
}

impl EmailFormPage {
    fn resend(shell: Shell) -> Self {
        Self::new(shell, "resend", "/verify-email/resend")
    }

    fn forgot(shell: Shell) -> Self {
        Self::new(shell, "forgot", "/forgot-password")
    }

    fn new(shell: Shell, which: &'static str, action: &'static str) -> Self {
        Self {
            testid: which,
            title: shell.t(&format!("{which}-title")),
            intro: shell.t(&format!("{which}-intro")),
            submit: shell.t(&format!("{which}-submit")),
            action,
            email: String::new(),
            errors: FormErrors::default(),
            alert: None,
            shell,
        }
    }

    fn refused(mut self, email: &str, refusal: Refusal) -> Response {
        self.email = email.to_string();
        self.errors = refusal.errors;
        self.alert = refusal.alert;
        refused(&self, refusal.status, refusal.retry_after_secs)
    }
}

async fn resend_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    render(
        StatusCode::OK,
        &EmailFormPage::resend(Shell::of(&state, &visitor)),
    )
}

/// The same answer whether or not the address awaits confirmation.
async fn resend(State(state): State<AppState>, visitor: Visitor, fields: Fields) -> Response {
    let shell = Shell::of(&state, &visitor).at("/verify-email/resend");
    let email = fields.get("email");
    match accounts::resend_verification(&state.ctx, email, &visitor.meta).await {
        Ok(()) => {
            let text = [shell.t1("resend-done-text", "email", email.trim())];
            let page = NoticePage::new(shell, "resend-done", "resend-done-title", &text)
                .link("/signin", "nav-signin");
            render(StatusCode::OK, &page)
        }
        Err(e) => match Refusal::of(&shell, e) {
            Ok(r) => EmailFormPage::resend(shell).refused(email, r),
            Err(e) => e.into_response(),
        },
    }
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
    match accounts::request_password_reset(&state.ctx, email, &visitor.meta).await {
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
    match accounts::check_reset_link(&state.ctx, &token).await {
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
    match accounts::reset_password(&state.ctx, &token, fields.get("password"), &visitor.meta).await
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

// ---------------------------------------------------------------- undo

/// ACC-3: the page of the link mailed when the recovery address changed.
/// It asks to confirm: a mail scanner following the link changes nothing.
#[derive(Template)]
#[template(path = "accounts/undo.html")]
struct UndoPage {
    shell: Shell,
    token: String,
}

fn undo_link_invalid(shell: Shell) -> Response {
    let text = [shell.t("link-invalid-text"), shell.t("undo-invalid-hint")];
    let page = NoticePage::new(shell, "link-invalid", "link-invalid-title", &text)
        .link("/forgot-password", "forgot-title");
    render(StatusCode::BAD_REQUEST, &page)
}

async fn undo_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<TokenQuery>,
) -> Response {
    let shell = Shell::of(&state, &visitor);
    let token = q.token.unwrap_or_default();
    match accounts::check_undo_link(&state.ctx, &token).await {
        Ok(()) => render(StatusCode::OK, &UndoPage { shell, token }),
        Err(e) if e.code() == "invalid_link" => undo_link_invalid(shell),
        Err(e) => PageError(e).into_response(),
    }
}

async fn undo(State(state): State<AppState>, visitor: Visitor, fields: Fields) -> Response {
    let shell = Shell::of(&state, &visitor);
    match accounts::undo_recovery_change(&state.ctx, fields.get("token"), &visitor.meta).await {
        Ok(()) => {
            let text = [shell.t("undo-done-text")];
            let page = NoticePage::new(shell, "undo-done", "undo-done-title", &text)
                .link("/signin", "nav-signin");
            // Every session ended, this browser's too.
            with_cookie(render(StatusCode::OK, &page), session_cookie(&state, None))
        }
        Err(e) if e.code() == "invalid_link" => undo_link_invalid(shell),
        Err(e) => PageError(e).into_response(),
    }
}

// ---------------------------------------------------------------- profile

/// What the profile's details form shows: the profile, or what was typed.
struct DetailsForm {
    name: String,
    language: String,
    recovery: String,
    /// The recovery address the form showed; posting it back unchanged
    /// must not send a new verification link.
    recovery_was: String,
}

impl DetailsForm {
    fn of(p: &ProfileView) -> Self {
        // A pending address is shown in the field so that saving the name
        // does not withdraw it.
        let recovery = p
            .recovery_email
            .clone()
            .or_else(|| p.pending_recovery_email.clone())
            .unwrap_or_default();
        Self {
            name: p.name.clone(),
            language: p.language.code().to_string(),
            recovery_was: recovery.clone(),
            recovery,
        }
    }

    fn typed(fields: &Fields) -> Self {
        Self {
            name: fields.get("name").to_string(),
            language: fields.get("language").to_string(),
            recovery: fields.get("recovery_email").to_string(),
            recovery_was: fields.get("recovery_email_was").to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/profile.html")]
struct ProfilePage {
    shell: Shell,
    profile: ProfileView,
    /// ACC-4, grouped for reading out: "1234 5678".
    support_code: String,
    form: DetailsForm,
    topics: Vec<NewsletterTopic>,
    errors: FormErrors,
    /// A refused form's message and the id of its section.
    alert: Option<(String, &'static str)>,
    /// The section whose form was refused: two forms have a
    /// `current_password` field, and its error belongs to one.
    refused_section: Option<&'static str>,
    saved: Option<String>,
}

impl ProfilePage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        typed: Option<DetailsForm>,
    ) -> Result<Self, PageError> {
        let profile = accounts::get_profile(&state.ctx, &s.actor).await?;
        let topics = accounts::newsletters(&state.ctx, &s.actor, shell.lang).await?;
        Ok(Self {
            support_code: group_digits(&profile.support_code),
            form: typed.unwrap_or_else(|| DetailsForm::of(&profile)),
            profile,
            topics,
            errors: FormErrors::default(),
            alert: None,
            refused_section: None,
            saved: None,
            shell,
        })
    }

    /// The error of `field` when the form of `section` was the one refused.
    fn error_in(&self, section: &str, field: &str) -> Option<&str> {
        (self.refused_section == Some(section))
            .then(|| self.errors.get(field))
            .flatten()
    }

    fn language_options(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name(), l.code() == self.form.language))
            .collect()
    }
}

/// "12345678" → "1234 5678": easier to read out on the phone.
fn group_digits(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

async fn profile(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = ProfilePage::load(&state, &s, shell, None).await?;
    page.saved = saved_notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

/// A form of the profile page was refused: the page again, with the
/// errors next to the fields of `section`'s form.
async fn profile_refused(
    state: &AppState,
    s: &SignedIn,
    e: Error,
    section: &'static str,
    typed: Option<DetailsForm>,
) -> Result<Response, PageError> {
    let shell = Shell::of(state, &s.visitor).at("/profile");
    let refusal = Refusal::of(&shell, e)?;
    let mut page = ProfilePage::load(state, s, shell, typed).await?;
    page.errors = refusal.errors;
    page.alert = refusal.alert.map(|a| (a, section));
    page.refused_section = Some(section);
    Ok(refused(&page, refusal.status, refusal.retry_after_secs))
}

/// Name, language and recovery address (ACC-3). An empty recovery field
/// removes the address; a new one is verified by a link first.
async fn save_profile(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let typed = DetailsForm::typed(&fields);
    let recovery = typed.recovery.trim();
    let patch = ProfilePatch {
        name: Some(typed.name.clone()),
        language: Lang::parse(&typed.language),
        recovery_email: (recovery != typed.recovery_was.trim())
            .then(|| Some(recovery.to_string()).filter(|r| !r.is_empty())),
        current_password: Some(fields.get("current_password").to_string()),
    };
    match accounts::update_profile(&state.ctx, &s.actor, patch).await {
        // The cookie keeps the language once signed out.
        Ok(p) => Ok(with_cookie(
            saved("/profile", "profile"),
            language_cookie(&state, p.language),
        )),
        Err(e) => profile_refused(&state, &s, e, "details", Some(typed)).await,
    }
}

/// Other sessions end; the user is told by mail.
async fn change_password(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let current = fields.get("current_password");
    let new = fields.get("new_password");
    let revoke_tokens = fields.get("revoke_tokens") == "on";
    match accounts::change_password(&state.ctx, &s.actor, current, new, revoke_tokens).await {
        Ok(()) => Ok(saved("/profile", "password")),
        Err(e) => profile_refused(&state, &s, e, "password", None).await,
    }
}

/// ACC-5: the topics ticked are on, the others off.
async fn save_newsletters(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let topics = fields.all("topics");
    match accounts::set_newsletters(&state.ctx, &s.actor, &topics, s.visitor.lang).await {
        Ok(_) => Ok(saved("/profile", "newsletters")),
        Err(e) => profile_refused(&state, &s, e, "newsletters", None).await,
    }
}

/// ACC-4.
async fn regenerate_support_code(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    accounts::regenerate_support_code(&state.ctx, &s.actor).await?;
    Ok(saved("/profile", "support-code"))
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
            id: v.id,
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
    saved: Option<String>,
}

/// SEC-5: live sessions, and the security log, newest first.
async fn security(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<SecurityQuery>,
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
    let sessions = accounts::list_sessions(&state.ctx, &s.actor).await?;
    let (events, total) = accounts::security_log(&state.ctx, &s.actor, offset, limit).await?;
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
        saved: saved_notice(&shell, q.saved.as_deref()),
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn end_session(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    accounts::end_session(&state.ctx, &s.actor, &id).await?;
    Ok(saved("/profile/security", "session-ended"))
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

// ---------------------------------------------------------------- API tokens

struct TokenItem {
    id: String,
    name: String,
    prefix: String,
    scopes: Vec<&'static str>,
    status: &'static str,
    status_label: String,
    created: String,
    last_used: String,
    expires: String,
}

impl TokenItem {
    fn of(shell: &Shell, t: TokenView) -> Self {
        let status = match t.status {
            TokenStatus::Active => "active",
            TokenStatus::Expired => "expired",
            TokenStatus::Revoked => "revoked",
            TokenStatus::Deactivated => "deactivated",
        };
        Self {
            status,
            status_label: shell.t(&format!("token-status-{status}")),
            scopes: t.scopes.iter().map(|s| s.as_str()).collect(),
            created: shell.date(t.created_at),
            last_used: t
                .last_used_at
                .map_or_else(|| shell.t("tokens-never"), |at| shell.datetime(at)),
            // Stored as the first instant it no longer works: show its
            // last day.
            expires: t
                .expires_at
                .map_or_else(|| shell.t("tokens-no-expiry"), |at| shell.date(at - 1)),
            id: t.id,
            name: t.name,
            prefix: t.prefix,
        }
    }
}

struct ScopeChoice {
    value: &'static str,
    explanation: String,
    checked: bool,
}

/// The creation form as typed (or empty).
#[derive(Default)]
struct TokenForm {
    name: String,
    scopes: Vec<String>,
    expires_on: String,
}

struct NewToken {
    name: String,
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/tokens.html")]
struct TokensPage {
    shell: Shell,
    tokens: Vec<TokenItem>,
    scopes: Vec<ScopeChoice>,
    form: TokenForm,
    /// The date field's bounds: tomorrow, and five years ahead.
    min_date: String,
    max_date: String,
    errors: FormErrors,
    alert: Option<String>,
    /// The token just created, shown this once.
    new_token: Option<NewToken>,
    saved: Option<String>,
}

impl TokensPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        form: TokenForm,
    ) -> Result<Self, PageError> {
        let tokens = accounts::list_tokens(&state.ctx, &s.actor).await?;
        let today = state.ctx.today();
        let tokens = tokens
            .into_iter()
            .map(|t| TokenItem::of(&shell, t))
            .collect();
        let scopes = Scope::ALL
            .iter()
            .map(|s| ScopeChoice {
                value: s.as_str(),
                explanation: shell.t(&format!("scope-{}", s.as_str().replace(':', "-"))),
                checked: form.scopes.iter().any(|c| c == s.as_str()),
            })
            .collect();
        Ok(Self {
            tokens,
            scopes,
            form,
            min_date: today.tomorrow().map(|d| d.to_string()).unwrap_or_default(),
            max_date: today
                .checked_add(jiff::Span::new().years(5))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            errors: FormErrors::default(),
            alert: None,
            new_token: None,
            saved: None,
            shell,
        })
    }
}

async fn tokens(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = TokensPage::load(&state, &s, shell, TokenForm::default()).await?;
    page.saved = saved_notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

/// `YYYY-MM-DD` from a date input; empty means no expiry.
fn parse_expiry(text: &str) -> Result<Option<jiff::civil::Date>, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| {
        Error::invalid(
            "expires_on",
            "invalid_value",
            "Give the date as YYYY-MM-DD.",
        )
    })
}

/// API-1: the token is in this answer only (200, never in a redirect, an
/// address or a cookie), and the page is not cached.
async fn create_token(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at("/profile/tokens");
    let form = TokenForm {
        name: fields.get("name").to_string(),
        scopes: fields.all("scopes"),
        expires_on: fields.get("expires_on").to_string(),
    };
    let input = parse_expiry(&form.expires_on).map(|expires_on| CreateToken {
        name: &form.name,
        scopes: form.scopes.clone(),
        expires_on,
        password: fields.get("password"),
    });
    let created = match input {
        Ok(input) => accounts::create_token(&state.ctx, &s.actor, input).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(created) => {
            let mut page = TokensPage::load(&state, &s, shell, TokenForm::default()).await?;
            page.new_token = Some(NewToken {
                name: created.view.name,
                token: created.token,
            });
            Ok(render(StatusCode::OK, &page))
        }
        Err(e) => {
            let refusal = Refusal::of(&shell, e)?;
            let mut page = TokensPage::load(&state, &s, shell, form).await?;
            page.errors = refusal.errors;
            page.alert = refusal.alert;
            Ok(refused(&page, refusal.status, refusal.retry_after_secs))
        }
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    accounts::revoke_token(&state.ctx, &s.actor, &id).await?;
    Ok(saved("/profile/tokens", "token-revoked"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_codes_are_grouped_by_four() {
        assert_eq!(group_digits("12345678"), "1234 5678");
        assert_eq!(group_digits("123"), "123");
    }

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

    #[test]
    fn expiry_dates_parse_or_are_refused() {
        assert_eq!(parse_expiry("").unwrap(), None);
        assert_eq!(
            parse_expiry("2026-06-30").unwrap().unwrap().to_string(),
            "2026-06-30"
        );
        assert_eq!(
            parse_expiry("30.06.2026").unwrap_err().code(),
            "validation_failed"
        );
    }
}
