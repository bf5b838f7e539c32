//! Helpers of the organisation API tests: people with a console session and
//! an API token, requests with a bearer token, and the secrets the mails
//! carry.

use axum::{
    body::Body,
    http::{Request, header},
};
use guichet_core::ids::{OrgId, UserId};
use guichet_core::{
    Ctx,
    access::{Actor, Scope},
    accounts::{self, RequestMeta},
    orgs::{self, Role, store},
    security::{self, SignInOutcome},
    sql,
    testing::TestApp,
    tokens::{self, CreateToken},
};
use serde_json::Value;

use crate::support::{Answer, send, send_to};

pub const PASSWORD: &str = "correct horse battery staple";

pub fn meta() -> RequestMeta {
    RequestMeta::new("203.0.113.9", "orgs api test")
}

/// A verified user, signed in on the console, with a token of every scope.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: UserId,
    pub email: String,
    /// Their console session, for setting things up through the services.
    pub actor: Actor,
    pub token: String,
}

pub async fn caller(app: &TestApp, email: &str) -> Caller {
    let id = accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    let SignInOutcome::SignedIn(s) = security::sign_in(&app.ctx, email, PASSWORD, &meta())
        .await
        .unwrap()
    else {
        panic!("{email}: a second factor was asked");
    };
    let actor = security::authenticate_session(&app.ctx, &s.token)
        .await
        .unwrap()
        .actor(&meta());
    let mut c = Caller {
        id,
        email: email.into(),
        actor,
        token: String::new(),
    };
    c.token = token_of(app, &c, &Scope::ALL).await;
    c
}

/// A new token of `c` with `scopes`.
pub async fn token_of(app: &TestApp, c: &Caller, scopes: &[Scope]) -> String {
    let names: Vec<String> = scopes.iter().map(|s| s.as_str().to_string()).collect();
    tokens::create_token(
        &app.ctx,
        &c.actor,
        CreateToken {
            name: &format!("test, {} scopes", names.len()),
            scopes: names,
            expires_on: None,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .token
}

/// One API request: `path` is the full path (`/api/1/orgs`), `body` JSON.
pub async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    };
    send(app, req.unwrap()).await
}

/// The error code of an answer, or "" for a success.
pub fn code(a: &Answer) -> String {
    // Only the error envelope has a code; a PDF or an empty 204 has none.
    if a.body.is_empty() || !a.content_type().starts_with("application/json") {
        return String::new();
    }
    a.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// `(attribute, code)` of each field of a `validation_failed` answer.
pub fn fields(a: &Answer) -> Vec<(String, String)> {
    a.json()["error"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no field errors: {}", a.text()))
        .iter()
        .map(|e| {
            (
                e["context"]["attribute"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The secret that follows `/invitations/` in the last invitation mailed
/// to `email`.
pub async fn invitation_token(app: &TestApp, email: &str) -> String {
    let mail = app
        .mails_to(email)
        .await
        .into_iter()
        .rev()
        .find(|m| m.template == "org_invitation")
        .unwrap_or_else(|| panic!("no invitation mailed to {email}"));
    let marker = "/invitations/";
    let start = mail.text.find(marker).unwrap() + marker.len();
    mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Make `user_id` a member of `org_id` directly in the store: fixtures of
/// the access matrix, rebuilt many times (the invitation flow itself is
/// proven through the API in `api_orgs`).
pub async fn add_member(app: &TestApp, org_id: &str, user_id: &str, role: Role, rights: &[&str]) {
    let now = app.ctx.clock.now().as_millisecond();
    let mut c = app.ctx.db.acquire().await.unwrap();
    store::insert_member(c.conn(), org_id, user_id, role, now)
        .await
        .unwrap();
    let rights: Vec<String> = rights.iter().map(ToString::to_string).collect();
    store::set_rights(c.conn(), org_id, &format!("user:{user_id}"), &rights, now)
        .await
        .unwrap();
}

/// A new organisation of `c` (its legal representative).
pub async fn org_of(app: &TestApp, c: &Caller, name: &str) -> OrgId {
    orgs::create_org(
        &app.ctx,
        &c.actor,
        orgs::OrgInput {
            name: Some(name.into()),
            ..orgs::OrgInput::default()
        },
    )
    .await
    .unwrap()
    .id
}

/// An organisation invoiced for the first time (billing sets this).
pub async fn mark_invoiced(app: &TestApp, org_id: &str) {
    let now = app.ctx.clock.now().as_millisecond();
    let mut c = app.ctx.db.acquire().await.unwrap();
    sql!(
        c.conn(),
        execute,
        "UPDATE orgs SET first_invoice_at = $1 WHERE id = $2",
        now,
        org_id
    )
    .unwrap();
}

/// A valid Swiss billing address.
pub fn address(name: &str) -> Value {
    serde_json::json!({
        "name": name,
        "street": "Rue du Lac",
        "building_number": "12",
        "postcode": "1204",
        "town": "Genève",
        "country": "CH",
    })
}

/// A request with a token (and an `Idempotency-Key`) to the app running
/// with `ctx` (the scripted gateway installed in it).
pub async fn call(
    ctx: &Ctx,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
    key: Option<&str>,
) -> Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    };
    send_to(
        guichet_web::router(guichet_web::AppState::new(ctx.clone())),
        req.unwrap(),
    )
    .await
}

/// A gateway's signed notification, delivered to the scripted gateway's
/// endpoint.
pub async fn notify(ctx: &Ctx, n: &(String, Vec<u8>)) -> Answer {
    let req = Request::post("/api/1/payments/notifications/scripted")
        .header("scripted-signature", &n.0)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(n.1.clone()))
        .unwrap();
    send_to(
        guichet_web::router(guichet_web::AppState::new(ctx.clone())),
        req,
    )
    .await
}
