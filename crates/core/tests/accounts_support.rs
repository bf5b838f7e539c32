//! Helpers that speak the accounts' language: sign up (and verify) a
//! customer, sign in, follow the link of a mail, read the security log, and
//! pick apart a validation error.

use guichet_core::ids::UserId;
use guichet_core::{
    Error,
    access::Actor,
    accounts::{
        self, RequestMeta, SignUp,
        store::{self, UserRow},
    },
    i18n::Lang,
    outbox::MailPayload,
    security::{self, NewSession, SignInOutcome},
    testing::TestApp,
};

/// A password the rules accept (long, not guessable).
pub const PASSWORD: &str = "correct horse battery staple";
/// Another good one, for changes and resets.
pub const NEW_PASSWORD: &str = "violet gazebo umbrella kettle";

pub const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

/// A request from `ip` in the test browser.
pub fn from(ip: &str) -> RequestMeta {
    RequestMeta::new(ip, BROWSER)
}

/// The customer's usual address.
pub fn home() -> RequestMeta {
    from("198.51.100.7")
}

pub async fn sign_up_in(app: &TestApp, email: &str, name: &str, language: Lang) {
    accounts::sign_up(
        &app.ctx,
        SignUp {
            email,
            password: PASSWORD,
            name,
            language,
            invitation: None,
        },
        &home(),
    )
    .await
    .unwrap();
}

/// Sign up in English; the address is not verified yet.
pub async fn sign_up(app: &TestApp, email: &str) {
    sign_up_in(app, email, "Ada Lovelace", Lang::En).await;
}

/// The `token` of the link in a mail (`…?token=…`).
pub fn link_token(mail: &MailPayload) -> String {
    let start = mail
        .text
        .find("?token=")
        .unwrap_or_else(|| panic!("no link in {mail:#?}"))
        + "?token=".len();
    mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The mails of `template` to `to`, oldest first.
///
/// The test clock stands still, so rows written at one instant have no
/// order among them: tests find mails by template, not by position, and
/// move the clock between two mails of one template.
pub async fn mails_of(app: &TestApp, to: &str, template: &str) -> Vec<MailPayload> {
    app.mails_to(to)
        .await
        .into_iter()
        .filter(|m| m.template == template)
        .collect()
}

/// The latest mail of `template` to `to`; a panic when there is none.
pub async fn mail(app: &TestApp, to: &str, template: &str) -> MailPayload {
    mails_of(app, to, template)
        .await
        .pop()
        .unwrap_or_else(|| panic!("no {template} mail to {to}"))
}

/// The token of the link in the latest mail of `template` to `to`.
pub async fn token_mailed(app: &TestApp, to: &str, template: &str) -> String {
    link_token(&mail(app, to, template).await)
}

pub async fn user(app: &TestApp, email: &str) -> UserRow {
    let mut c = app.ctx.db.acquire().await.unwrap();
    store::user_by_email(c.conn(), &email.to_lowercase())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no user {email}"))
}

/// Sign in with `password` from `meta`, expecting a full session.
pub async fn sign_in_with(
    app: &TestApp,
    email: &str,
    password: &str,
    meta: &RequestMeta,
) -> NewSession {
    match security::sign_in(&app.ctx, email, password, meta).await {
        Ok(SignInOutcome::SignedIn(s)) => s,
        other => panic!("sign-in of {email}: {other:?}"),
    }
}

pub async fn sign_in(app: &TestApp, email: &str) -> NewSession {
    sign_in_with(app, email, PASSWORD, &home()).await
}

/// The actor of a console session.
pub async fn session_actor(app: &TestApp, session: &NewSession) -> Actor {
    security::authenticate_session(&app.ctx, &session.token)
        .await
        .unwrap()
        .actor(&home())
}

/// A customer who signed up, followed the verification link and signed in:
/// their id and the actor of their console session.
pub async fn sign_up_verified(app: &TestApp, email: &str) -> (UserId, Actor) {
    sign_up(app, email).await;
    let token = token_mailed(app, email, "verify_email").await;
    accounts::verify_email(&app.ctx, &token, &home())
        .await
        .unwrap();
    let session = sign_in(app, email).await;
    let actor = session_actor(app, &session).await;
    (actor.user_id.clone(), actor)
}

/// Where the entries of `kind` in the user's security log came from:
/// (ip, user agent) each.
pub async fn logged(app: &TestApp, user_id: &str, kind: &str) -> Vec<(String, String)> {
    let mut c = app.ctx.db.acquire().await.unwrap();
    security::store::security_events(c.conn(), user_id, 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| (e.ip, e.user_agent))
        .collect()
}

/// How many entries of `kind` the user's security log holds.
pub async fn times_logged(app: &TestApp, user_id: &str, kind: &str) -> usize {
    logged(app, user_id, kind).await.len()
}

/// The (attribute, code) pairs of a validation error.
pub fn invalid_fields<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, &'static str)> {
    match r {
        Err(Error::Validation(fields)) => {
            fields.into_iter().map(|f| (f.attribute, f.code)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The stable code of an error.
pub fn error_code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.expect_err("expected an error").code()
}

/// How long a throttled request must wait.
pub fn retry_after<T: std::fmt::Debug>(r: Result<T, Error>) -> u64 {
    match r {
        Err(Error::Throttled { retry_after_secs }) => retry_after_secs,
        other => panic!("expected a throttled request, got {other:?}"),
    }
}

/// The templates of the mails to `to`, sorted (see [`mails_of`]).
pub async fn templates_to(app: &TestApp, to: &str) -> Vec<String> {
    let mut templates: Vec<String> = app
        .mails_to(to)
        .await
        .into_iter()
        .map(|m| m.template)
        .collect();
    templates.sort();
    templates
}
