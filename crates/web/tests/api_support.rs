//! Helpers of the API tests: users made through the core services, console
//! sessions turned into actors, tokens, and JSON requests with a bearer.

use axum::{
    body::Body,
    http::{Request, header},
};
use guichet_core::{
    access::Actor,
    accounts::{self, RequestMeta},
    security::{self, SignInOutcome},
    testing::TestApp,
    tokens::{self, CreateToken},
};
use jiff::civil::Date;
use serde_json::Value;

/// A password the rules accept.
pub const PASSWORD: &str = "violet-harbour-lantern-42";
/// Another one, for changes and resets.
pub const NEW_PASSWORD: &str = "copper-meadow-falcon-17";

pub fn meta() -> RequestMeta {
    RequestMeta::new("192.0.2.10", "api-tests")
}

/// A verified user with `PASSWORD`; their id.
pub async fn user(app: &TestApp, email: &str) -> String {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap()
        .into_string()
}

/// Sign in with `password` and return the session and its actor.
pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> (String, Actor) {
    let SignInOutcome::SignedIn(s) = security::sign_in(&app.ctx, email, password, &meta())
        .await
        .unwrap()
    else {
        panic!("no second factor is configured");
    };
    let info = security::authenticate_session(&app.ctx, &s.token)
        .await
        .unwrap();
    (s.token, info.actor(&meta()))
}

/// A signed-in actor of a new verified user.
pub async fn signed_in_user(app: &TestApp, email: &str) -> Actor {
    user(app, email).await;
    sign_in(app, email, PASSWORD).await.1
}

/// A token of `actor` with `scopes`, made through the service.
pub async fn token_with(
    app: &TestApp,
    actor: &Actor,
    scopes: &[&str],
    expires_on: Option<Date>,
) -> String {
    tokens::create_token(
        &app.ctx,
        actor,
        CreateToken {
            name: &format!("test token ({} scopes)", scopes.len()),
            scopes: scopes.iter().map(ToString::to_string).collect(),
            expires_on,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .token
}

/// A new verified user and a token of theirs with every scope.
pub async fn user_with_token(app: &TestApp, email: &str) -> (Actor, String) {
    let actor = signed_in_user(app, email).await;
    let all: Vec<&str> = guichet_core::access::Scope::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let token = token_with(app, &actor, &all, None).await;
    (actor, token)
}

/// A request with an optional bearer token and an optional JSON body.
pub fn call(method: &str, uri: &str, token: Option<&str>, body: Option<&Value>) -> Request<Body> {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::to_vec(b).unwrap()))
            .unwrap(),
        None => req.body(Body::empty()).unwrap(),
    }
}

/// The one-time `token` of the last link mailed to `to`.
pub async fn link_token(app: &TestApp, to: &str) -> String {
    let text = app.last_mail_to(to).await.text;
    let at = text
        .find("token=")
        .unwrap_or_else(|| panic!("no link in the mail to {to}: {text}"))
        + "token=".len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Let a second pass. Things made at one instant (mails, log entries) have
/// no order among themselves; a test that reads "the last one" moves the
/// clock between them.
pub fn tick(app: &TestApp) {
    app.advance(jiff::SignedDuration::from_secs(1));
}
