//! Helpers for the organisation tests: people signed in the way the console
//! signs them in, organisations holding the members a rule needs, and the
//! secrets the mails carry. They go through the services only, so that a
//! test's setup obeys the same rules as what it checks.

use guichet_core::ids::{OrgId, UserId};
use std::fmt::Debug;

use guichet_core::{
    Error, ErrorKind, Result,
    access::Actor,
    accounts::{self, RequestMeta},
    orgs::{self, Invite, Membership, OrgInput, Role},
    security::{self, SignInOutcome},
    sql,
    testing::TestApp,
    tokens::{self, CreateToken},
};
use jiff::SignedDuration;

/// Where every request of these tests comes from (the audit log keeps it).
pub const IP: &str = "203.0.113.7";
pub const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

pub fn meta() -> RequestMeta {
    RequestMeta::new(IP, "test")
}

/// A person with a verified account, signed in on the console.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: UserId,
    pub email: String,
    pub actor: Actor,
}

/// A verified account (as `guichet admin create-user` makes it), signed in.
pub async fn person(app: &TestApp, email: &str) -> Person {
    let id = accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    Person {
        id,
        email: email.into(),
        actor: signed_in(app, email).await,
    }
}

/// The actor of a fresh console session, as the web layer builds it.
pub async fn signed_in(app: &TestApp, email: &str) -> Actor {
    let SignInOutcome::SignedIn(s) = security::sign_in(&app.ctx, email, PASSWORD, &meta())
        .await
        .unwrap()
    else {
        panic!("{email}: a second factor was asked");
    };
    security::authenticate_session(&app.ctx, &s.token)
        .await
        .unwrap()
        .actor(&meta())
}

/// The actor of an API call made with a new token of `scopes`.
pub async fn token_actor(app: &TestApp, p: &Person, scopes: &[&str]) -> Actor {
    let created = tokens::create_token(
        &app.ctx,
        &p.actor,
        CreateToken {
            name: &format!("token {}", scopes.join(" ")),
            scopes: strings(scopes),
            expires_on: None,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
    tokens::authenticate_token(&app.ctx, &created.token, &meta())
        .await
        .unwrap()
        .actor
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

/// The secret that follows `marker` (`/invitations/`, `token=`) in a mail.
pub fn secret_after(text: &str, marker: &str) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {text}"))
        + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The token of the last invitation mailed to `email`.
pub async fn invitation_token(app: &TestApp, email: &str) -> String {
    let mail = app.last_mail_to(email).await;
    assert_eq!(mail.template, "org_invitation", "{mail:#?}");
    secret_after(&mail.text, "/invitations/")
}

/// An organisation and its legal representative, who made it.
#[derive(Debug, Clone)]
pub struct Org {
    pub id: OrgId,
    pub legal: Person,
}

pub const ORG_NAME: &str = "Example SA";

pub async fn org_made_by(app: &TestApp, email: &str) -> Org {
    let legal = person(app, email).await;
    let view = orgs::create_org(&app.ctx, &legal.actor, named(ORG_NAME))
        .await
        .unwrap();
    Org { id: view.id, legal }
}

pub fn named(name: &str) -> OrgInput {
    OrgInput {
        name: Some(name.into()),
        ..OrgInput::default()
    }
}

/// A new person joins `org` the ORG-2 way: the legal representative invites
/// them with `role` and `rights`, they make their account and accept.
pub async fn join(app: &TestApp, org: &Org, email: &str, role: Role, rights: &[&str]) -> Person {
    // Mail of one instant is read back in no particular order: a second
    // apart, the invitation is the newest mail to its address.
    app.advance(SignedDuration::from_secs(1));
    orgs::invite(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        Invite {
            email,
            role,
            rights: strings(rights),
        },
    )
    .await
    .unwrap();
    let token = invitation_token(app, email).await;
    let p = person(app, email).await;
    orgs::accept_invitation(&app.ctx, &p.actor, &token)
        .await
        .unwrap();
    p
}

/// An organisation with its legal representative, one owner and one
/// restricted user without rights.
pub struct Crew {
    pub org: Org,
    pub owner: Person,
    pub user: Person,
}

impl Crew {
    pub fn id(&self) -> &OrgId {
        &self.org.id
    }
    pub fn legal(&self) -> &Person {
        &self.org.legal
    }
}

pub async fn org_with_owner_and_user(app: &TestApp) -> Crew {
    org_with_owner_and_user_holding(app, &[]).await
}

/// As [`org_with_owner_and_user`], the user holding `rights`.
pub async fn org_with_owner_and_user_holding(app: &TestApp, rights: &[&str]) -> Crew {
    let org = org_made_by(app, "legal@example.test").await;
    let owner = join(app, &org, "owner@example.test", Role::Owner, &[]).await;
    let user = join(app, &org, "user@example.test", Role::User, rights).await;
    Crew { org, owner, user }
}

/// `user_id`'s standing in `org_id` as `access::check` sees it.
pub async fn membership(app: &TestApp, org_id: &OrgId, user_id: &UserId) -> Result<Membership> {
    let mut c = app.ctx.db.acquire().await.unwrap();
    orgs::membership(c.conn(), org_id, user_id).await
}

pub async fn role_of(app: &TestApp, org_id: &OrgId, user_id: &UserId) -> Option<Role> {
    membership(app, org_id, user_id).await.ok().map(|m| m.role)
}

pub async fn rights_of(app: &TestApp, org_id: &OrgId, user_id: &UserId) -> Vec<String> {
    membership(app, org_id, user_id)
        .await
        .unwrap()
        .rights
        .names()
}

/// A product of `org_id`, as the catalogue will make them.
pub async fn product(app: &TestApp, id: &str, org_id: &OrgId, kind: &str) {
    let mut c = app.ctx.db.acquire().await.unwrap();
    sql!(
        c.conn(),
        execute,
        "INSERT INTO products (id, org_id, kind, name, created_at) VALUES ($1, $2, $3, $4, $5)",
        id,
        org_id,
        kind,
        format!("{kind} {id}"),
        0_i64
    )
    .unwrap();
}

/// Run one statement of a test's own, e.g. to stand in for billing.
pub async fn execute(app: &TestApp, statement: &str, args: &[&str]) -> Result<u64> {
    let mut c = app.ctx.db.acquire().await.unwrap();
    Ok(match args {
        [] => sql!(c.conn(), execute, statement)?,
        [a] => sql!(c.conn(), execute, statement, *a)?,
        [a, b] => sql!(c.conn(), execute, statement, *a, *b)?,
        _ => panic!("at most two arguments"),
    })
}

/// The error of `r`, which must have failed.
pub fn error<T: Debug>(r: Result<T>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// `(kind, code)` of a failure; for validation the first field's code.
pub fn refusal<T: Debug>(r: Result<T>) -> (ErrorKind, &'static str) {
    match error(r) {
        Error::Validation(f) => (ErrorKind::Validation, f[0].code),
        e => (e.kind(), e.code()),
    }
}

pub fn forbidden() -> (ErrorKind, &'static str) {
    (ErrorKind::Forbidden, "forbidden")
}

pub fn not_found() -> (ErrorKind, &'static str) {
    (ErrorKind::NotFound, "object_not_found")
}

pub fn conflict(code: &'static str) -> (ErrorKind, &'static str) {
    (ErrorKind::Conflict, code)
}

pub fn invalid(code: &'static str) -> (ErrorKind, &'static str) {
    (ErrorKind::Validation, code)
}
