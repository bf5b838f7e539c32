//! Console pages of accounts: sign-up, verification, the undo of a
//! recovery change, the profile (with the password change form). Sign-in,
//! the password reset and the security page are in `security`, API tokens
//! in `tokens`; the answers they share (notices, cookies) are here.
//!
//! - ACC-1 sign-up and the verification link; ACC-3 recovery address;
//!   ACC-4 support code; ACC-5 newsletter topics.
//! - SEC-5 throttled forms answer 429 with the wait.
//!
//! Questions whose answer would tell whether an address has an account
//! (sign-up, password reset, a new verification link) always get the same
//! page.

use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use guichet_core::{
    Error,
    accounts::{self, NewsletterTopic, ProfilePatch, ProfileView, SignUp, VerifiedAddress},
    i18n::Lang,
    orgs, security,
};
use serde::Deserialize;

use super::{
    Shell, cookies,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    language_cookie,
    local_path::LocalPath,
    notice::{Saved, notices, saved},
    refused, render,
    visitor::{SignedIn, Visitor, form_urlencoded_component},
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_page).post(signup))
        .route("/verify-email", get(verify_email))
        .route("/verify-email/resend", get(resend_page).post(resend))
        .route("/undo-recovery-change", get(undo_page).post(undo))
        .route("/profile", get(profile).post(save_profile))
        .route("/profile/password", post(change_password))
        .route("/profile/newsletters", post(save_newsletters))
        .route("/profile/support-code", post(regenerate_support_code))
}

// ---------------------------------------------------------------- answers

pub(super) fn with_cookie(mut r: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// The session cookie, or (None) its removal.
pub(super) fn session_cookie(state: &AppState, token: Option<&str>) -> Option<HeaderValue> {
    match token {
        Some(t) => {
            let secs = state.ctx.config.accounts.absolute_ms() / 1000;
            cookies::SESSION.set(state, t, Some(secs))
        }
        None => cookies::SESSION.clear(state),
    }
}

notices! {
    /// What the profile, security and token pages say after a successful
    /// post (`?saved=<slug>`; anything else shows nothing).
    pub(super) enum AccountNotice in "saved-" {
        Profile = "profile",
        Password = "password",
        Newsletters = "newsletters",
        SupportCode = "support-code",
        SessionEnded = "session-ended",
        TokenRevoked = "token-revoked",
    }
}

#[derive(Deserialize)]
pub(super) struct NextQuery {
    pub(super) next: Option<String>,
}

/// A page that only says something, with links onward; `resend` offers
/// the form that mails the verification link again.
#[derive(Template)]
#[template(path = "accounts/notice.html")]
pub(super) struct NoticePage {
    shell: Shell,
    testid: &'static str,
    title: String,
    paragraphs: Vec<String>,
    links: Vec<(String, String)>,
    resend: Option<String>,
}

impl NoticePage {
    pub(super) fn new(
        shell: Shell,
        testid: &'static str,
        title: &str,
        paragraphs: &[String],
    ) -> Self {
        Self {
            title: shell.t(title),
            paragraphs: paragraphs.to_vec(),
            links: Vec::new(),
            resend: None,
            testid,
            shell,
        }
    }

    pub(super) fn link(mut self, href: &str, label: &str) -> Self {
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
    // Through an invitation's link: the invited address, filled in (the
    // link was mailed there; holding it is what shows the address).
    let email = match next.as_ref().and_then(|n| invitation_token(n.as_str())) {
        Some(token) => orgs::preview_invitation(&state.ctx, token)
            .await
            .ok()
            .filter(|p| p.status == "pending")
            .map(|p| p.email)
            .unwrap_or_default(),
        None => String::new(),
    };
    let page = SignUpPage {
        shell: Shell::of(&state, &visitor),
        email,
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
    let next = fields.get("next");
    let input = SignUp {
        email: fields.get("email"),
        password: fields.get("password"),
        name: fields.get("name"),
        language: visitor.lang,
        invitation: invitation_token(next),
    };
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

/// The token of an invitation's page (`/invitations/{token}`), when the
/// sign-up's `next` is one.
fn invitation_token(next: &str) -> Option<&str> {
    next.strip_prefix("/invitations/").filter(|t| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
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

// ---------------------------------------------------------------- verification

#[derive(Deserialize)]
pub(super) struct TokenQuery {
    pub(super) token: Option<String>,
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
pub(super) struct EmailFormPage {
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

    pub(super) fn forgot(shell: Shell) -> Self {
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

    pub(super) fn refused(mut self, email: &str, refusal: Refusal) -> Response {
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
    Saved(notice): Saved<AccountNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = ProfilePage::load(&state, &s, shell, None).await?;
    page.saved = Saved::text(notice, &page.shell);
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
            saved("/profile", AccountNotice::Profile),
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
    match security::change_password(&state.ctx, &s.actor, current, new, revoke_tokens).await {
        Ok(()) => Ok(saved("/profile", AccountNotice::Password)),
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
        Ok(_) => Ok(saved("/profile", AccountNotice::Newsletters)),
        Err(e) => profile_refused(&state, &s, e, "newsletters", None).await,
    }
}

/// ACC-4.
async fn regenerate_support_code(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    accounts::regenerate_support_code(&state.ctx, &s.actor).await?;
    Ok(saved("/profile", AccountNotice::SupportCode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_codes_are_grouped_by_four() {
        assert_eq!(group_digits("12345678"), "1234 5678");
        assert_eq!(group_digits("123"), "123");
    }
}
