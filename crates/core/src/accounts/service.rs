//! Account operations: each checks rights first (`access::check`), runs in
//! one short transaction, writes the security log and queues its mail in
//! that same transaction.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::{
    EmailAddress, NewPassword, NewsletterTopic, hash_secret, new_api_token, new_secret,
    new_support_code, store,
    throttle::{self, Rule},
    token_display_prefix,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, OnBehalf, ScopeSet, Target, Via},
    db::{Conn, Db},
    error::{Error, FieldError, Result},
    i18n::Lang,
    ids, orgs,
    outbox::{self, MailRequest},
};

/// Where a request comes from: the security log and throttling use it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: String,
    pub user_agent: String,
}

impl RequestMeta {
    pub fn new(ip: impl Into<String>, user_agent: impl Into<String>) -> Self {
        let mut user_agent: String = user_agent.into();
        // At most 300 bytes, cut on a character boundary
        // (`floor_char_boundary` would need Rust 1.91; the MSRV is 1.90).
        let mut end = user_agent.len().min(300);
        while !user_agent.is_char_boundary(end) {
            end -= 1;
        }
        user_agent.truncate(end);
        Self {
            ip: ip.into(),
            user_agent,
        }
    }
}

/// Kinds of security-log entries (SEC-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEvent {
    SignedUp,
    EmailVerified,
    SignInSucceeded,
    SignInFailed,
    SignedOut,
    SessionEnded,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    RecoveryEmailChangeRequested,
    RecoveryEmailChanged,
    RecoveryEmailRemoved,
    RecoveryEmailChangeUndone,
    SupportCodeRegenerated,
    TokenCreated,
    TokenRevoked,
    TokenDeactivated,
}

impl SecurityEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SecurityEvent::SignedUp => "signed_up",
            SecurityEvent::EmailVerified => "email_verified",
            SecurityEvent::SignInSucceeded => "sign_in_succeeded",
            SecurityEvent::SignInFailed => "sign_in_failed",
            SecurityEvent::SignedOut => "signed_out",
            SecurityEvent::SessionEnded => "session_ended",
            SecurityEvent::PasswordChanged => "password_changed",
            SecurityEvent::PasswordResetRequested => "password_reset_requested",
            SecurityEvent::PasswordReset => "password_reset",
            SecurityEvent::RecoveryEmailChangeRequested => "recovery_email_change_requested",
            SecurityEvent::RecoveryEmailChanged => "recovery_email_changed",
            SecurityEvent::RecoveryEmailRemoved => "recovery_email_removed",
            SecurityEvent::RecoveryEmailChangeUndone => "recovery_email_change_undone",
            SecurityEvent::SupportCodeRegenerated => "support_code_regenerated",
            SecurityEvent::TokenCreated => "token_created",
            SecurityEvent::TokenRevoked => "token_revoked",
            SecurityEvent::TokenDeactivated => "token_deactivated",
        }
    }
}

async fn log_event(
    c: Conn<'_>,
    ctx: &Ctx,
    user_id: &str,
    kind: SecurityEvent,
    meta: &RequestMeta,
    detail: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    store::insert_security_event(
        c,
        &store::SecurityEventRow {
            id: ids::new_id("sev", now),
            user_id: user_id.to_string(),
            kind: kind.as_str().to_string(),
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            detail: detail.to_string(),
            created_at: now.as_millisecond(),
        },
    )
    .await
}

fn lang_of(user: &store::UserRow) -> Lang {
    Lang::parse(&user.language).unwrap_or_default()
}

fn link(ctx: &Ctx, path: &str, token: &str) -> String {
    format!(
        "{}{path}?token={token}",
        ctx.config.public_url.trim_end_matches('/')
    )
}

fn hours_ms(h: u64) -> i64 {
    i64::try_from(h.saturating_mul(3_600_000)).unwrap_or(i64::MAX / 4)
}

/// Make and mail a single-use link to each address of `to` (each its own
/// link, so that following one tells which mailbox it reached). Older links
/// of the same purpose stop working.
#[expect(clippy::too_many_arguments, reason = "the link's parts")]
async fn send_link(
    mut c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    purpose: &str,
    to: &[&str],
    valid_ms: i64,
    path: &str,
    template: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    store::retire_email_tokens(c.reborrow(), &user.id, purpose, ms).await?;
    let lang = lang_of(user);
    for to in to {
        let secret = new_secret();
        store::insert_email_token(
            c.reborrow(),
            &ids::new_id("etk", now),
            &user.id,
            purpose,
            &hash_secret(&secret),
            to,
            ms,
            ms + valid_ms,
        )
        .await?;
        let url = link(ctx, path, &secret);
        outbox::enqueue_mail(
            c.reborrow(),
            ctx,
            MailRequest {
                to,
                lang,
                template,
                // The validity as configured, not a figure fixed in the text.
                args: vec![("link", url), ("within", ctx.i18n.within(lang, valid_ms))],
            },
        )
        .await?;
    }
    Ok(())
}

/// Tell the user by mail that a credential changed (SEC-5 / issue rule:
/// every credential change is mailed).
async fn mail_user(
    c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    template: &str,
    args: Vec<(&str, String)>,
) -> Result<()> {
    outbox::enqueue_mail(
        c,
        ctx,
        MailRequest {
            to: &user.email,
            lang: lang_of(user),
            template,
            args,
        },
    )
    .await?;
    Ok(())
}

fn merge_errors(results: Vec<Result<()>>) -> Result<()> {
    let mut fields: Vec<FieldError> = Vec::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Validation(f)) => fields.extend(f),
            Err(other) => return Err(other),
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(fields))
    }
}

fn parse_name(name: &str) -> Result<String> {
    let name = name.trim();
    crate::text::check_name("name", name)?;
    if name.chars().count() > super::USER_NAME_MAX {
        return Err(Error::invalid(
            "name",
            "invalid_name",
            format!("Use at most {} characters.", super::USER_NAME_MAX),
        ));
    }
    Ok(name.to_string())
}

// ---------------------------------------------------------------- sign-up

pub struct SignUp<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub name: &'a str,
    pub language: Lang,
}

/// ACC-1, ACC-7: make the account and its personal organisation, and mail
/// the verification link. The answer is the same whether or not the
/// address already has an account (that one gets a mail saying so), and
/// takes as long: the password is hashed either way.
pub async fn sign_up(ctx: &Ctx, input: SignUp<'_>, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(input.email, "email");
    let name = parse_name(input.name);
    let user_inputs: Vec<&str> = [input.email, input.name]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let password = NewPassword::parse(input.password, "password", &user_inputs);
    // Report every invalid field at once, not the first only.
    merge_errors(vec![unit(&email), unit(&name), unit(&password)])?;
    let (email, name, password) = (email?, name?, password?);

    let now = ctx.clock.now().as_millisecond();
    let keys = [
        (
            throttle::MAIL_REQUEST_FOR_ADDRESS,
            throttle::MAIL_REQUEST_FOR_ADDRESS.key(email.lower()),
        ),
        (
            throttle::MAIL_REQUEST_FROM_IP,
            throttle::MAIL_REQUEST_FROM_IP.key(&meta.ip),
        ),
    ];
    throttle::attempt(&ctx.db, &keys, now).await?;
    let hash = ctx.hasher.hash(password.expose()).await?;

    let mut tx = ctx.db.begin().await?;
    match store::user_by_email(tx.conn(), email.lower()).await? {
        Some(existing) => {
            mail_user(
                tx.conn(),
                ctx,
                &existing,
                "signup_existing",
                vec![(
                    "link",
                    format!(
                        "{}/forgot-password",
                        ctx.config.public_url.trim_end_matches('/')
                    ),
                )],
            )
            .await?;
        }
        None => {
            let user = match create_account(
                tx.conn(),
                ctx,
                NewAccount {
                    email: &email,
                    password_hash: &hash,
                    name: &name,
                    language: input.language,
                    verified_at: None,
                    via: Via::SignUp,
                    meta,
                },
            )
            .await
            {
                Ok(u) => u,
                // Another sign-up for this address won the race: it mails
                // the address; this one answers as for any address.
                Err(Error::Conflict {
                    code: "email_taken",
                    ..
                }) => return Ok(()),
                Err(e) => return Err(e),
            };
            log_event(tx.conn(), ctx, &user.id, SecurityEvent::SignedUp, meta, "").await?;
            let valid = hours_ms(ctx.config.accounts.verification_link_hours);
            send_link(
                tx.conn(),
                ctx,
                &user,
                "verify_email",
                &[&user.email],
                valid,
                "/verify-email",
                "verify_email",
            )
            .await?;
        }
    }
    tx.commit().await
}

/// The outcome of a parse without its value, for `merge_errors`.
fn unit<T>(r: &Result<T>) -> Result<()> {
    r.as_ref().map(|_| ()).map_err(clone_err)
}

fn clone_err(e: &Error) -> Error {
    match e {
        Error::Validation(f) => Error::Validation(f.clone()),
        other => Error::internal(other),
    }
}

/// An account to make, and who makes it: the person signing up, or the
/// operator importing them (`via`, `meta`: the audit of the personal
/// organisation says which).
struct NewAccount<'a> {
    email: &'a EmailAddress,
    password_hash: &'a str,
    name: &'a str,
    language: Lang,
    verified_at: Option<i64>,
    via: Via,
    meta: &'a RequestMeta,
}

/// The user row and the personal organisation of which they are the legal
/// representative (ACC-7). Shared by sign-up and the operator's import.
async fn create_account(mut c: Conn<'_>, ctx: &Ctx, new: NewAccount<'_>) -> Result<store::UserRow> {
    let NewAccount {
        email,
        password_hash,
        name,
        language,
        verified_at,
        via,
        meta,
    } = new;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut support_code = new_support_code();
    // Draw again on the rare collision; checked first because a failed
    // insert would abort the whole transaction on PostgreSQL.
    for _ in 0..20 {
        if !store::support_code_exists(c.reborrow(), &support_code).await? {
            break;
        }
        support_code = new_support_code();
    }
    let user = store::UserRow {
        id: ids::new_id("usr", now),
        email: email.as_str().to_string(),
        email_lower: email.lower().to_string(),
        email_verified_at: verified_at,
        password_hash: password_hash.to_string(),
        name: name.to_string(),
        language: language.code().to_string(),
        recovery_email: None,
        pending_recovery_email: None,
        support_code,
        created_at: ms,
        updated_at: ms,
    };
    store::insert_user(c.reborrow(), &user).await?;
    let org_name = if name.is_empty() {
        email.as_str()
    } else {
        name
    };
    let maker = Actor {
        user_id: user.id.clone(),
        via,
        on_behalf: OnBehalf::Own,
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        account: None,
    };
    orgs::create_personal_org(c, ctx, &maker, org_name, language).await?;
    Ok(user)
}

/// Follow a verification link (login or recovery address). Single use.
pub async fn verify_email(ctx: &Ctx, token: &str, meta: &RequestMeta) -> Result<VerifiedAddress> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let t = store::email_token_by_hash(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(invalid_link)?;
    if !(t.purpose == "verify_email" || t.purpose == "verify_recovery_email")
        || !store::use_email_token(tx.conn(), &t.id, now).await?
    {
        return Err(invalid_link());
    }
    let user = store::user_by_id(tx.conn(), &t.user_id)
        .await?
        .ok_or_else(invalid_link)?;
    let which = if t.purpose == "verify_email" {
        if !t.email.eq_ignore_ascii_case(&user.email) {
            return Err(invalid_link());
        }
        store::mark_email_verified(tx.conn(), &user.id, now).await?;
        log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::EmailVerified,
            meta,
            &user.email,
        )
        .await?;
        VerifiedAddress::Login
    } else {
        if user.pending_recovery_email.as_deref() != Some(t.email.as_str()) {
            return Err(invalid_link());
        }
        store::set_recovery_email(tx.conn(), &user.id, Some(&t.email), now).await?;
        log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::RecoveryEmailChanged,
            meta,
            &t.email,
        )
        .await?;
        announce_recovery_change(
            tx.conn(),
            ctx,
            &user,
            user.recovery_email.as_deref(),
            "recovery_changed",
            vec![("address", t.email.clone())],
        )
        .await?;
        VerifiedAddress::Recovery
    };
    tx.commit().await?;
    Ok(which)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedAddress {
    Login,
    Recovery,
}

fn invalid_link() -> Error {
    Error::bad_request(
        "invalid_link",
        "This link is invalid, already used or expired.",
    )
}

/// Send the verification link again. Same answer whatever the address.
pub async fn resend_verification(ctx: &Ctx, email: &str, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(email, "email")?;
    let now = ctx.clock.now().as_millisecond();
    let keys = mail_request_keys(email.lower(), meta);
    throttle::attempt(&ctx.db, &keys, now).await?;
    let mut tx = ctx.db.begin().await?;
    if let Some(user) = store::user_by_email(tx.conn(), email.lower()).await?
        && user.email_verified_at.is_none()
    {
        let valid = hours_ms(ctx.config.accounts.verification_link_hours);
        send_link(
            tx.conn(),
            ctx,
            &user,
            "verify_email",
            &[&user.email],
            valid,
            "/verify-email",
            "verify_email",
        )
        .await?;
    }
    tx.commit().await
}

fn mail_request_keys(email_lower: &str, meta: &RequestMeta) -> [(Rule, String); 2] {
    [
        (
            throttle::MAIL_REQUEST_FOR_ADDRESS,
            throttle::MAIL_REQUEST_FOR_ADDRESS.key(email_lower),
        ),
        (
            throttle::MAIL_REQUEST_FROM_IP,
            throttle::MAIL_REQUEST_FROM_IP.key(&meta.ip),
        ),
    ]
}

// ---------------------------------------------------------------- sign-in

/// The sign-in state machine: password checked → (second factor pending)
/// → signed in. A session row exists from the password step; it is usable
/// only once its stage is `Active`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// Password checked; a second factor is still due (SEC-1 moves it on).
    SecondFactor,
    Active,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::SecondFactor => "second_factor",
            SessionStage::Active => "active",
        }
    }
    fn parse(s: &str) -> SessionStage {
        if s == "active" {
            SessionStage::Active
        } else {
            SessionStage::SecondFactor
        }
    }
}

/// Which stage a correct password leads to. With no second factor
/// configured (two-factor sign-in comes with SEC-1), straight to `Active`.
fn stage_after_password(_user: &store::UserRow) -> SessionStage {
    SessionStage::Active
}

/// A session just made: the cookie value is shown only here.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub session_id: String,
    pub token: String,
    pub csrf_token: String,
    pub user_id: String,
    pub stage: SessionStage,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub enum SignInOutcome {
    SignedIn(NewSession),
    SecondFactorRequired(NewSession),
}

fn invalid_credentials() -> Error {
    Error::unauthenticated(
        "invalid_credentials",
        "The address or the password is wrong.",
    )
}

/// Check the password and open a session. Unknown address and wrong
/// password answer alike and take as long; failures are throttled per
/// account-and-address, per address and per account, with growing waits.
pub async fn sign_in(
    ctx: &Ctx,
    email: &str,
    password: &str,
    meta: &RequestMeta,
) -> Result<SignInOutcome> {
    // No address holds a control character; refused before it reaches a
    // throttle key or a query (PostgreSQL refuses NUL in text outright).
    if email.chars().any(char::is_control) {
        return Err(Error::invalid(
            "email",
            "invalid_characters",
            "Remove the control characters.",
        ));
    }
    let email_lower = email.trim().to_lowercase();
    let now = ctx.clock.now().as_millisecond();
    let keys = [
        (
            throttle::SIGN_IN_ACCOUNT_FROM_IP,
            throttle::SIGN_IN_ACCOUNT_FROM_IP.key(&format!("{email_lower}|{}", meta.ip)),
        ),
        (
            throttle::SIGN_IN_FROM_IP,
            throttle::SIGN_IN_FROM_IP.key(&meta.ip),
        ),
        (
            throttle::SIGN_IN_ACCOUNT,
            throttle::SIGN_IN_ACCOUNT.key(&email_lower),
        ),
    ];
    // Counted before the password is looked at: see `throttle::attempt`.
    throttle::attempt(&ctx.db, &keys, now).await?;
    let user = {
        let mut c = ctx.db.acquire().await?;
        store::user_by_email(c.conn(), &email_lower).await?
    };
    let ok = ctx
        .hasher
        .verify(password, user.as_ref().map(|u| u.password_hash.as_str()))
        .await?;
    let mut tx = ctx.db.begin().await?;
    let Some(user) = user.filter(|_| ok) else {
        // The attempt stays counted as the failure it was.
        if let Some(u) = store::user_by_email(tx.conn(), &email_lower).await? {
            log_event(tx.conn(), ctx, &u.id, SecurityEvent::SignInFailed, meta, "").await?;
        }
        tx.commit().await?;
        return Err(invalid_credentials());
    };
    // The right password: the account's failures are forgiven, and the
    // address gets its slot back (an office behind one address signs in
    // many times a day).
    throttle::clear(tx.conn(), &keys[0].1).await?;
    throttle::clear(tx.conn(), &keys[2].1).await?;
    throttle::forgive(tx.conn(), &keys[1..2]).await?;
    if user.email_verified_at.is_none() {
        tx.commit().await?;
        return Err(Error::forbidden(
            "email_not_verified",
            "Confirm your address with the link we sent you before signing in.",
        ));
    }
    let stage = stage_after_password(&user);
    let session = open_session(tx.conn(), ctx, &user.id, stage, meta).await?;
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::SignInSucceeded,
        meta,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(match stage {
        SessionStage::Active => SignInOutcome::SignedIn(session),
        SessionStage::SecondFactor => SignInOutcome::SecondFactorRequired(session),
    })
}

/// A fresh session (a new id at every sign-in: no fixation).
async fn open_session(
    c: Conn<'_>,
    ctx: &Ctx,
    user_id: &str,
    stage: SessionStage,
    meta: &RequestMeta,
) -> Result<NewSession> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let token = new_secret();
    let row = store::SessionRow {
        id: ids::new_id("ses", now),
        user_id: user_id.to_string(),
        stage: stage.as_str().to_string(),
        csrf_token: new_secret(),
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        created_at: ms,
        last_seen_at: ms,
        expires_at: ms + ctx.config.accounts.absolute_ms(),
        ended_at: None,
    };
    store::insert_session(c, &row, &hash_secret(&token)).await?;
    Ok(NewSession {
        session_id: row.id,
        token,
        csrf_token: row.csrf_token,
        user_id: user_id.to_string(),
        stage,
        expires_at: row.expires_at,
    })
}

/// A signed-in console session, as the web layer sees it.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub session_id: String,
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub language: Lang,
    pub csrf_token: String,
    pub stage: SessionStage,
    pub email_verified: bool,
}

impl SessionInfo {
    pub fn actor(&self, meta: &RequestMeta) -> Actor {
        Actor {
            user_id: self.user_id.clone(),
            via: Via::Session {
                session_id: self.session_id.clone(),
            },
            on_behalf: OnBehalf::Own,
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            account: None,
        }
    }
}

/// The session behind a cookie value, if it is still valid (not ended,
/// within the idle and absolute timeouts). Activity is recorded at most once
/// a minute.
pub async fn authenticate_session(ctx: &Ctx, token: &str) -> Result<SessionInfo> {
    let now = ctx.clock.now().as_millisecond();
    let expired = || Error::unauthenticated("not_authenticated", "Sign in to continue.");
    let mut c = ctx.db.acquire().await?;
    let (s, u) = store::session_by_token_hash(c.conn(), &hash_secret(token))
        .await?
        .ok_or_else(expired)?;
    if s.ended_at.is_some()
        || s.expires_at <= now
        || s.last_seen_at <= now - ctx.config.accounts.idle_ms()
    {
        return Err(expired());
    }
    if s.last_seen_at < now - 60_000 {
        store::touch_session(c.conn(), &s.id, now).await?;
    }
    Ok(SessionInfo {
        session_id: s.id,
        user_id: s.user_id,
        email: u.u_email,
        name: u.u_name,
        language: Lang::parse(&u.u_language).unwrap_or_default(),
        csrf_token: s.csrf_token,
        stage: SessionStage::parse(&s.stage),
        email_verified: u.u_email_verified_at.is_some(),
    })
}

/// End the current session (sign-out).
pub async fn sign_out(ctx: &Ctx, session: &SessionInfo, meta: &RequestMeta) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if store::end_session(tx.conn(), &session.user_id, &session.session_id, now).await? {
        log_event(
            tx.conn(),
            ctx,
            &session.user_id,
            SecurityEvent::SignedOut,
            meta,
            "",
        )
        .await?;
    }
    tx.commit().await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionView {
    pub id: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    /// The session making this request.
    pub current: bool,
}

/// The user's live sessions, newest first.
pub async fn list_sessions(ctx: &Ctx, actor: &Actor) -> Result<Vec<SessionView>> {
    access::check(actor, Action::ReadSessions, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let rows =
        store::live_sessions(c.conn(), &actor.user_id, now, ctx.config.accounts.idle_ms()).await?;
    let current = match &actor.via {
        Via::Session { session_id } => Some(session_id.as_str()),
        _ => None,
    };
    Ok(rows
        .into_iter()
        .map(|s| SessionView {
            current: current == Some(s.id.as_str()),
            id: s.id,
            ip: s.ip,
            user_agent: s.user_agent,
            created_at: s.created_at / 1000,
            last_seen_at: s.last_seen_at / 1000,
            expires_at: s.expires_at / 1000,
        })
        .collect())
}

/// End one of the user's sessions (on another device, say).
pub async fn end_session(ctx: &Ctx, actor: &Actor, session_id: &str) -> Result<()> {
    access::check(actor, Action::EndSession, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if !store::end_session(tx.conn(), &actor.user_id, session_id, now).await? {
        return Err(Error::NotFound);
    }
    log_event(
        tx.conn(),
        ctx,
        &actor.user_id,
        SecurityEvent::SessionEnded,
        &meta_of(actor),
        session_id,
    )
    .await?;
    tx.commit().await
}

fn meta_of(actor: &Actor) -> RequestMeta {
    RequestMeta {
        ip: actor.ip.clone(),
        user_agent: actor.user_agent.clone(),
    }
}

async fn user_of(ctx: &Ctx, actor: &Actor) -> Result<store::UserRow> {
    let mut c = ctx.db.acquire().await?;
    store::user_by_id(c.conn(), &actor.user_id)
        .await?
        .ok_or(Error::NotFound)
}

/// Check the current password of a signed-in user, throttled.
async fn confirm_password(
    ctx: &Ctx,
    user: &store::UserRow,
    password: &str,
    attribute: &str,
) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let keys = [(
        throttle::PASSWORD_CONFIRM,
        throttle::PASSWORD_CONFIRM.key(&user.id),
    )];
    throttle::attempt(&ctx.db, &keys, now).await?;
    if ctx
        .hasher
        .verify(password, Some(&user.password_hash))
        .await?
    {
        let mut c = ctx.db.acquire().await?;
        throttle::forgive(c.conn(), &keys).await?;
        return Ok(());
    }
    Err(Error::invalid(
        attribute,
        "wrong_password",
        "The password is wrong.",
    ))
}

// ---------------------------------------------------------------- passwords

/// Change the password, knowing the current one. Other sessions end, and
/// the API tokens too when `revoke_tokens` (offered, since a password that
/// leaked may have made tokens); the user is told by mail.
pub async fn change_password(
    ctx: &Ctx,
    actor: &Actor,
    current: &str,
    new: &str,
    revoke_tokens: bool,
) -> Result<()> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let user = user_of(ctx, actor).await?;
    let new = NewPassword::parse(new, "new_password", &[&user.email, &user.name])?;
    confirm_password(ctx, &user, current, "current_password").await?;
    let hash = ctx.hasher.hash(new.expose()).await?;
    let now = ctx.clock.now().as_millisecond();
    let keep = match &actor.via {
        Via::Session { session_id } => Some(session_id.as_str()),
        _ => None,
    };
    let mut tx = ctx.db.begin().await?;
    store::set_password(tx.conn(), &user.id, &hash, now).await?;
    store::end_sessions_of(tx.conn(), &user.id, keep, now).await?;
    if revoke_tokens {
        store::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    }
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::PasswordChanged,
        &meta_of(actor),
        if revoke_tokens { "tokens revoked" } else { "" },
    )
    .await?;
    let tokens = if revoke_tokens { "revoked" } else { "kept" };
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "password_changed",
        vec![("tokens", tokens.to_string())],
    )
    .await?;
    tx.commit().await
}

/// ACC-3: mail a reset link (valid an hour) to the login address and to the
/// verified recovery address, each its own link. The login address always
/// hears of it: a recovery address someone else set could not then take the
/// account over unseen. Same answer whatever the address.
pub async fn request_password_reset(ctx: &Ctx, email: &str, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(email, "email")?;
    let now = ctx.clock.now().as_millisecond();
    let keys = mail_request_keys(email.lower(), meta);
    throttle::attempt(&ctx.db, &keys, now).await?;
    let mut tx = ctx.db.begin().await?;
    if let Some(user) = store::user_by_email(tx.conn(), email.lower()).await? {
        let mut to = vec![user.email.as_str()];
        to.extend(user.recovery_email.as_deref());
        let valid = ctx.config.accounts.reset_link_ms();
        send_link(
            tx.conn(),
            ctx,
            &user,
            "reset_password",
            &to,
            valid,
            "/reset-password",
            "reset_password",
        )
        .await?;
        log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::PasswordResetRequested,
            meta,
            "",
        )
        .await?;
    }
    tx.commit().await
}

/// Is this reset (or staff set-up) link still good? For the page that shows
/// the form.
pub async fn check_reset_link(ctx: &Ctx, token: &str) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    match store::email_token_by_hash(c.conn(), &hash_secret(token)).await? {
        Some(t)
            if (t.purpose == "reset_password" || t.purpose == "staff_setup")
                && t.used_at.is_none()
                && t.expires_at > now =>
        {
            Ok(())
        }
        _ => Err(invalid_link()),
    }
}

/// Set a new password through a reset (or set-up) link. Every session and
/// every API token ends; the user is told by mail.
pub async fn reset_password(ctx: &Ctx, token: &str, new: &str, meta: &RequestMeta) -> Result<()> {
    check_reset_link(ctx, token).await?;
    let now = ctx.clock.now().as_millisecond();
    let (t, user) = {
        let mut c = ctx.db.acquire().await?;
        let t = store::email_token_by_hash(c.conn(), &hash_secret(token))
            .await?
            .ok_or_else(invalid_link)?;
        let user = store::user_by_id(c.conn(), &t.user_id)
            .await?
            .ok_or_else(invalid_link)?;
        (t, user)
    };
    let new = NewPassword::parse(new, "password", &[&user.email, &user.name])?;
    let hash = ctx.hasher.hash(new.expose()).await?;
    let mut tx = ctx.db.begin().await?;
    if !store::use_email_token(tx.conn(), &t.id, now).await? {
        return Err(invalid_link());
    }
    // The same reset's link to the other address dies with this one.
    store::retire_email_tokens(tx.conn(), &user.id, &t.purpose, now).await?;
    store::set_password(tx.conn(), &user.id, &hash, now).await?;
    // Whoever knew the old password may have a session or have made a
    // token: both end.
    store::end_sessions_of(tx.conn(), &user.id, None, now).await?;
    store::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    // The link went to the login address: that proves the address too.
    if t.email.eq_ignore_ascii_case(&user.email) {
        store::mark_email_verified(tx.conn(), &user.id, now).await?;
    }
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::PasswordReset,
        meta,
        "",
    )
    .await?;
    mail_user(tx.conn(), ctx, &user, "password_reset_done", vec![]).await?;
    tx.commit().await
}

// ---------------------------------------------------------------- profile

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    pub id: String,
    /// The login identifier.
    pub email: String,
    pub email_verified: bool,
    pub name: String,
    /// en, fr, de or it.
    pub language: Lang,
    /// ACC-3: where reset links go, when set.
    pub recovery_email: Option<String>,
    /// A recovery address waiting for its verification link.
    pub pending_recovery_email: Option<String>,
    /// ACC-4: read it out to the provider's support.
    pub support_code: String,
    pub created_at: i64,
}

fn profile_view(u: store::UserRow) -> ProfileView {
    ProfileView {
        language: lang_of(&u),
        id: u.id,
        email: u.email,
        email_verified: u.email_verified_at.is_some(),
        name: u.name,
        recovery_email: u.recovery_email,
        pending_recovery_email: u.pending_recovery_email,
        support_code: u.support_code,
        created_at: u.created_at / 1000,
    }
}

pub async fn get_profile(ctx: &Ctx, actor: &Actor) -> Result<ProfileView> {
    access::check(actor, Action::ReadProfile, Target::User(&actor.user_id))?;
    // A token call read the account with its token, in this request.
    match &actor.account {
        Some(p) if p.id == actor.user_id => Ok((**p).clone()),
        _ => Ok(profile_view(user_of(ctx, actor).await?)),
    }
}

/// Changes to the profile; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ProfilePatch {
    pub name: Option<String>,
    pub language: Option<Lang>,
    /// `Some(None)` removes the recovery address; `Some(Some(a))` asks to
    /// set it (verified by a link sent to `a`).
    pub recovery_email: Option<Option<String>>,
    /// The current password. Changing or removing the recovery address
    /// needs it (re-authentication): a stolen session or token alone must
    /// not redirect reset links and so take the account over.
    pub current_password: Option<String>,
}

pub async fn update_profile(ctx: &Ctx, actor: &Actor, patch: ProfilePatch) -> Result<ProfileView> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    // A token that may edit the profile must not be able to redirect reset
    // links (and so take the account over): that needs `security:write`.
    if patch.recovery_email.is_some() {
        access::check(
            actor,
            Action::ChangeRecoveryEmail,
            Target::User(&actor.user_id),
        )?;
    }
    let user = user_of(ctx, actor).await?;
    let name = match &patch.name {
        Some(n) => parse_name(n)?,
        None => user.name.clone(),
    };
    let recovery = match &patch.recovery_email {
        Some(Some(a)) => {
            let a = EmailAddress::parse(a, "recovery_email")?;
            if a.lower() == user.email_lower {
                return Err(Error::invalid(
                    "recovery_email",
                    "same_as_login",
                    "The recovery address must differ from the login address.",
                ));
            }
            Some(Some(a))
        }
        Some(None) => Some(None),
        None => None,
    };
    let changes_recovery = match &recovery {
        Some(Some(a)) => {
            user.recovery_email
                .as_deref()
                .map(str::to_lowercase)
                .as_deref()
                != Some(a.lower())
        }
        Some(None) => user.recovery_email.is_some() || user.pending_recovery_email.is_some(),
        None => false,
    };
    if changes_recovery {
        let current = patch.current_password.as_deref().unwrap_or_default();
        if current.is_empty() {
            return Err(Error::invalid(
                "current_password",
                "password_required",
                "Enter your current password to change the recovery address.",
            ));
        }
        confirm_password(ctx, &user, current, "current_password").await?;
    }
    let language = patch.language.unwrap_or_else(|| lang_of(&user));
    // Mails caused by this change speak the language it sets.
    let mut told = user.clone();
    told.language = language.code().to_string();
    let now = ctx.clock.now().as_millisecond();
    let meta = meta_of(actor);
    let mut tx = ctx.db.begin().await?;
    store::update_profile(tx.conn(), &user.id, &name, language.code(), now).await?;
    match recovery {
        Some(Some(a)) if changes_recovery => {
            store::set_pending_recovery_email(tx.conn(), &user.id, Some(a.as_str()), now).await?;
            let valid = hours_ms(ctx.config.accounts.verification_link_hours);
            send_link(
                tx.conn(),
                ctx,
                &told,
                "verify_recovery_email",
                &[a.as_str()],
                valid,
                "/verify-email",
                "recovery_verify",
            )
            .await?;
            log_event(
                tx.conn(),
                ctx,
                &user.id,
                SecurityEvent::RecoveryEmailChangeRequested,
                &meta,
                a.as_str(),
            )
            .await?;
        }
        Some(None) if changes_recovery => {
            store::set_recovery_email(tx.conn(), &user.id, None, now).await?;
            log_event(
                tx.conn(),
                ctx,
                &user.id,
                SecurityEvent::RecoveryEmailRemoved,
                &meta,
                "",
            )
            .await?;
            announce_recovery_change(
                tx.conn(),
                ctx,
                &told,
                user.recovery_email.as_deref(),
                "recovery_removed",
                vec![],
            )
            .await?;
        }
        _ => {}
    }
    let updated = store::user_by_id(tx.conn(), &user.id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(profile_view(updated))
}

/// ACC-3: tell the login address and the recovery address being replaced
/// (`old`) that the recovery address changed, each with its own link that
/// puts `old` back. Earlier undo links stay good: a second change must not
/// take the owner's way back away.
async fn announce_recovery_change(
    mut c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    old: Option<&str>,
    template: &str,
    args: Vec<(&str, String)>,
) -> Result<()> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let valid = hours_ms(ctx.config.accounts.undo_link_hours);
    let lang = lang_of(user);
    let mut to = vec![user.email.as_str()];
    to.extend(old);
    for to in to {
        let secret = new_secret();
        store::insert_email_token(
            c.reborrow(),
            &ids::new_id("etk", now),
            &user.id,
            "undo_recovery_change",
            &hash_secret(&secret),
            // What the undo puts back (empty: no recovery address).
            old.unwrap_or_default(),
            ms,
            ms + valid,
        )
        .await?;
        let mut args = args.clone();
        args.push(("link", link(ctx, "/undo-recovery-change", &secret)));
        args.push(("within", ctx.i18n.within(lang, valid)));
        outbox::enqueue_mail(
            c.reborrow(),
            ctx,
            MailRequest {
                to,
                lang,
                template,
                args,
            },
        )
        .await?;
    }
    Ok(())
}

/// Is this undo link still good? For the page that asks to confirm.
pub async fn check_undo_link(ctx: &Ctx, token: &str) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    match store::email_token_by_hash(c.conn(), &hash_secret(token)).await? {
        Some(t)
            if t.purpose == "undo_recovery_change" && t.used_at.is_none() && t.expires_at > now =>
        {
            Ok(())
        }
        _ => Err(invalid_link()),
    }
}

/// ACC-3: follow the link mailed when the recovery address changed. The
/// old address is back; whoever made the change knew the password, so every
/// session and API token ends, every other pending link (reset, undo,
/// verification) dies, and the login address alone gets a reset link.
pub async fn undo_recovery_change(ctx: &Ctx, token: &str, meta: &RequestMeta) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let t = store::email_token_by_hash(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(invalid_link)?;
    if t.purpose != "undo_recovery_change" || !store::use_email_token(tx.conn(), &t.id, now).await?
    {
        return Err(invalid_link());
    }
    let user = store::user_by_id(tx.conn(), &t.user_id)
        .await?
        .ok_or_else(invalid_link)?;
    let restored = Some(t.email.as_str()).filter(|a| !a.is_empty());
    store::set_recovery_email(tx.conn(), &user.id, restored, now).await?;
    for purpose in [
        "undo_recovery_change",
        "reset_password",
        "verify_recovery_email",
    ] {
        store::retire_email_tokens(tx.conn(), &user.id, purpose, now).await?;
    }
    store::end_sessions_of(tx.conn(), &user.id, None, now).await?;
    store::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::RecoveryEmailChangeUndone,
        meta,
        restored.unwrap_or_default(),
    )
    .await?;
    let valid = ctx.config.accounts.reset_link_ms();
    send_link(
        tx.conn(),
        ctx,
        &user,
        "reset_password",
        &[&user.email],
        valid,
        "/reset-password",
        "recovery_change_undone",
    )
    .await?;
    tx.commit().await
}

/// ACC-4: draw a new support code.
pub async fn regenerate_support_code(ctx: &Ctx, actor: &Actor) -> Result<String> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let mut code = new_support_code();
    for _ in 0..20 {
        if !store::support_code_exists(tx.conn(), &code).await? {
            break;
        }
        code = new_support_code();
    }
    if !store::set_support_code(tx.conn(), &actor.user_id, &code, now).await? {
        return Err(Error::conflict("support_code_taken", "Please try again."));
    }
    log_event(
        tx.conn(),
        ctx,
        &actor.user_id,
        SecurityEvent::SupportCodeRegenerated,
        &meta_of(actor),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SecurityEventView {
    pub id: String,
    /// `sign_in_succeeded`, `sign_in_failed`, `password_changed`, …
    pub kind: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

/// SEC-5: the user's security log, newest first.
pub async fn security_log(
    ctx: &Ctx,
    actor: &Actor,
    offset: i64,
    limit: i64,
) -> Result<(Vec<SecurityEventView>, u64)> {
    access::check(actor, Action::ReadSecurityLog, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    let rows = store::security_events(c.conn(), &actor.user_id, offset, limit).await?;
    let total = store::count_security_events(c.conn(), &actor.user_id).await?;
    let items = rows
        .into_iter()
        .map(|e| SecurityEventView {
            id: e.id,
            kind: e.kind,
            ip: e.ip,
            user_agent: e.user_agent,
            detail: e.detail,
            created_at: e.created_at / 1000,
        })
        .collect();
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

/// ACC-5: the configured topics, each with the user's choice.
pub async fn newsletters(ctx: &Ctx, actor: &Actor, lang: Lang) -> Result<Vec<NewsletterTopic>> {
    access::check(actor, Action::ReadProfile, Target::User(&actor.user_id))?;
    topics_of(ctx, &actor.user_id, lang).await
}

/// The topics with the user's choices, unchecked: for the operations that
/// checked their own right (a change answers with what it changed, so a
/// token that may write needs no read scope too).
async fn topics_of(ctx: &Ctx, user_id: &str, lang: Lang) -> Result<Vec<NewsletterTopic>> {
    let mut c = ctx.db.acquire().await?;
    let on = store::subscribed_topics(c.conn(), user_id).await?;
    Ok(ctx
        .config
        .newsletter_topics
        .iter()
        .map(|t| NewsletterTopic {
            id: t.id.clone(),
            name: t.name(lang).to_string(),
            subscribed: on.contains(&t.id),
        })
        .collect())
}

/// ACC-5: switch topics: the ones listed are on, the others off.
pub async fn set_newsletters(
    ctx: &Ctx,
    actor: &Actor,
    topics: &[String],
    lang: Lang,
) -> Result<Vec<NewsletterTopic>> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let mut chosen: Vec<String> = Vec::new();
    for t in topics {
        if !ctx.config.newsletter_topics.iter().any(|c| &c.id == t) {
            return Err(Error::invalid(
                "topics",
                "unknown_topic",
                format!("`{t}` is not a newsletter topic."),
            ));
        }
        if !chosen.contains(t) {
            chosen.push(t.clone());
        }
    }
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    store::set_topics(tx.conn(), &actor.user_id, &chosen, now).await?;
    tx.commit().await?;
    topics_of(ctx, &actor.user_id, lang).await
}

// ---------------------------------------------------------------- API tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    Active,
    Expired,
    Revoked,
    /// Unused for the configured time and switched off by the sweep.
    Deactivated,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub scopes: Vec<access::Scope>,
    pub status: TokenStatus,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

fn token_view(t: store::TokenRow, now: i64) -> TokenView {
    let status = if t.revoked_at.is_some() {
        TokenStatus::Revoked
    } else if t.deactivated_at.is_some() {
        TokenStatus::Deactivated
    } else if t.expires_at.is_some_and(|e| e <= now) {
        TokenStatus::Expired
    } else {
        TokenStatus::Active
    };
    TokenView {
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        scopes: ScopeSet::from_stored(&t.scopes).iter().collect(),
        status,
        created_at: t.created_at / 1000,
        expires_at: t.expires_at.map(|e| e / 1000),
        last_used_at: t.last_used_at.map(|e| e / 1000),
    }
}

pub struct CreateToken<'a> {
    pub name: &'a str,
    pub scopes: Vec<String>,
    /// Last day the token works (provider's time zone); none: no expiry.
    pub expires_on: Option<Date>,
    /// The user's password, confirming the creation.
    pub password: &'a str,
}

/// The token, shown this once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub view: TokenView,
    /// The secret: `Authorization: Bearer gch_…`. Not retrievable later.
    pub token: String,
}

/// API-1: make a named, scoped token, confirming with the password.
pub async fn create_token(
    ctx: &Ctx,
    actor: &Actor,
    input: CreateToken<'_>,
) -> Result<CreatedToken> {
    access::check(actor, Action::ManageTokens, Target::User(&actor.user_id))?;
    let name = input.name.trim();
    let mut checks = Vec::new();
    if name.is_empty() || name.chars().count() > super::TOKEN_NAME_MAX {
        checks.push(Err(Error::invalid(
            "name",
            "invalid_name",
            format!(
                "Give the token a name of 1 to {} characters.",
                super::TOKEN_NAME_MAX
            ),
        )));
    } else {
        // A name shown in the token list and in mails: no controls, no
        // direction overrides, not only invisible characters.
        checks.push(crate::text::check_name("name", name));
    }
    let scopes = ScopeSet::parse_list(input.scopes.iter().map(String::as_str));
    match &scopes {
        Ok(s) if s.is_empty() => checks.push(Err(Error::invalid(
            "scopes",
            "no_scope",
            "Choose at least one scope.",
        ))),
        Ok(_) => {}
        Err(e) => checks.push(Err(clone_err(e))),
    }
    let today = ctx.today();
    let expires_at = match input.expires_on {
        Some(d) if d <= today => {
            checks.push(Err(Error::invalid(
                "expires_on",
                "date_in_past",
                "Choose a date after today.",
            )));
            None
        }
        Some(d) if d > today.saturating_add(jiff::Span::new().years(5)) => {
            checks.push(Err(Error::invalid(
                "expires_on",
                "date_too_far",
                "Choose a date within five years.",
            )));
            None
        }
        // Works through the whole of its last day in the provider's zone.
        Some(d) => Some(
            d.tomorrow()?
                .to_zoned(ctx.tz.clone())?
                .timestamp()
                .as_millisecond(),
        ),
        None => None,
    };
    merge_errors(checks)?;
    let scopes = scopes?;
    let user = user_of(ctx, actor).await?;
    confirm_password(ctx, &user, input.password, "password").await?;

    let now = ctx.clock.now();
    let secret = new_api_token();
    let row = store::TokenRow {
        id: ids::new_id("tok", now),
        user_id: user.id.clone(),
        name: name.to_string(),
        prefix: token_display_prefix(&secret),
        scopes: scopes.to_stored(),
        created_at: now.as_millisecond(),
        expires_at,
        last_used_at: None,
        revoked_at: None,
        deactivated_at: None,
    };
    let mut tx = ctx.db.begin().await?;
    store::insert_token(tx.conn(), &row, &hash_secret(&secret)).await?;
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::TokenCreated,
        &meta_of(actor),
        &format!("{} ({})", row.name, row.prefix),
    )
    .await?;
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "token_created",
        vec![
            ("name", row.name.clone()),
            ("scopes", row.scopes.replace(' ', ", ")),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        view: token_view(row, now.as_millisecond()),
        token: secret,
    })
}

pub async fn list_tokens(ctx: &Ctx, actor: &Actor) -> Result<Vec<TokenView>> {
    access::check(actor, Action::ReadTokens, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    Ok(store::tokens_of(c.conn(), &actor.user_id)
        .await?
        .into_iter()
        .map(|t| token_view(t, now))
        .collect())
}

/// Revoke one of the user's tokens; another user's token is not found.
pub async fn revoke_token(ctx: &Ctx, actor: &Actor, token_id: &str) -> Result<()> {
    access::check(actor, Action::ManageTokens, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let user = user_of(ctx, actor).await?;
    let mut tx = ctx.db.begin().await?;
    let t = store::token_of(tx.conn(), &user.id, token_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::revoke_token(tx.conn(), &user.id, token_id, now).await? {
        return Err(Error::NotFound);
    }
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::TokenRevoked,
        &meta_of(actor),
        &format!("{} ({})", t.name, t.prefix),
    )
    .await?;
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "token_revoked",
        vec![("name", t.name.clone())],
    )
    .await?;
    tx.commit().await
}

/// An API call's identity and its place in the rate limit.
#[derive(Debug, Clone)]
pub struct TokenAuth {
    pub actor: Actor,
    pub rate: crate::ratelimit::Decision,
}

fn invalid_token(why: &str) -> Error {
    Error::unauthenticated("invalid_token", why)
}

/// Authenticate a bearer token and count the call against its limit
/// (API-1, API-3). Unknown, expired, revoked and deactivated tokens are
/// 401 `invalid_token`. A refused call (over the limit) is reported in
/// `rate` for the caller to answer 429 with the limit's headers.
pub async fn authenticate_token(ctx: &Ctx, secret: &str, meta: &RequestMeta) -> Result<TokenAuth> {
    if !secret.starts_with(super::TOKEN_PREFIX) || secret.len() > 200 {
        return Err(invalid_token("This is not a Guichet API token."));
    }
    let call = TokenCall {
        hash: hash_secret(secret),
        now: ctx.clock.now().as_millisecond(),
    };
    // One statement per batch of concurrent calls finds the tokens (and
    // on PostgreSQL steps their limits): ADR 0007.
    let looked = ctx
        .token_calls
        .call(&ctx.db, call, step_token_calls)
        .await?;
    let (stepped, now) = (looked.rate, looked.now);
    let t = looked
        .caller
        .ok_or_else(|| invalid_token("Unknown token."))?;
    if t.revoked_at.is_some() {
        return Err(invalid_token("This token was revoked."));
    }
    if t.deactivated_at.is_some() {
        return Err(invalid_token(
            "This token was deactivated after a year without use.",
        ));
    }
    if t.expires_at.is_some_and(|e| e <= now) {
        return Err(invalid_token("This token has expired."));
    }
    let rate = match (&ctx.db, stepped) {
        (_, Some(rate)) => rate,
        (Db::Sqlite(_), None) => ctx.rate_limiter.hit(&t.id, now),
        (Db::Postgres(_), None) => {
            return Err(Error::internal("a live token's limit was not stepped"));
        }
    };
    if rate.allowed
        && t.last_used_at
            .is_none_or(|l| l < now - store::TOKEN_TOUCH_MS)
    {
        let mut c = ctx.db.acquire().await?;
        store::touch_token(c.conn(), &t.id, now).await?;
    }
    let profile = ProfileView {
        id: t.user_id.clone(),
        email: t.email,
        email_verified: t.email_verified_at.is_some(),
        name: t.name,
        language: Lang::parse(&t.language).unwrap_or_default(),
        recovery_email: t.recovery_email,
        pending_recovery_email: t.pending_recovery_email,
        support_code: t.support_code,
        created_at: t.user_created_at / 1000,
    };
    Ok(TokenAuth {
        actor: Actor {
            user_id: t.user_id,
            via: Via::Token {
                token_id: t.id,
                scopes: ScopeSet::from_stored(&t.scopes),
            },
            on_behalf: OnBehalf::Own,
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            account: Some(std::sync::Arc::new(profile)),
        },
        rate,
    })
}

/// One API call waiting for its batch: the token's hash and when the call
/// came.
#[derive(Debug)]
pub struct TokenCall {
    hash: String,
    now: i64,
}

/// What the batch found for one call.
#[derive(Debug)]
pub struct TokenLookup {
    caller: Option<store::TokenCaller>,
    /// The call's place in the limit (PostgreSQL); none if the token is
    /// unknown or no longer live, and on SQLite, which counts in memory.
    rate: Option<crate::ratelimit::Decision>,
    /// The batch's time, which the statement judged expiry by.
    now: i64,
}

/// The batches of API calls: one per process.
pub type TokenCalls = crate::batch::Batcher<TokenCall, TokenLookup>;

/// One statement for a batch of calls: each distinct token once, on
/// PostgreSQL stepped by its number of calls; calls of one token are
/// decided in the order they arrived, as one after the other. The batch's
/// time is its latest call's (they are microseconds apart).
async fn step_token_calls(db: Db, batch: Vec<TokenCall>) -> Vec<Result<TokenLookup>> {
    let now = batch.iter().map(|c| c.now).max().unwrap_or_default();
    // `slot_of[i]`: the place of call i's token in `hashes`.
    let mut hashes: Vec<String> = Vec::new();
    let mut counts: Vec<i64> = Vec::new();
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let mut slot_of = Vec::with_capacity(batch.len());
    for call in &batch {
        let slot = *slots.entry(&call.hash).or_insert_with(|| {
            hashes.push(call.hash.clone());
            counts.push(0);
            hashes.len() - 1
        });
        counts[slot] += 1;
        slot_of.push(slot);
    }
    let found = match &db {
        Db::Postgres(pool) => store::token_callers_stepped(pool, &hashes, &counts, now).await,
        Db::Sqlite(_) => match db.acquire().await {
            Ok(mut c) => store::token_callers(c.conn(), &hashes).await,
            Err(e) => Err(e),
        },
    };
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, calls = batch.len(), "token lookup batch failed");
            return batch
                .iter()
                .map(|_| {
                    Err(match &e {
                        Error::Unavailable => Error::Unavailable,
                        other => Error::internal(other.to_string()),
                    })
                })
                .collect();
        }
    };
    let mut by_slot: Vec<Option<store::SteppedCaller>> = (0..hashes.len()).map(|_| None).collect();
    for row in found {
        if let Some(&slot) = slots.get(row.token_hash.as_str()) {
            by_slot[slot] = Some(row);
        }
    }
    let mut nth = vec![0i64; hashes.len()];
    slot_of
        .into_iter()
        .map(|slot| {
            let Some(row) = &by_slot[slot] else {
                return Ok(TokenLookup {
                    caller: None,
                    rate: None,
                    now,
                });
            };
            nth[slot] += 1;
            let rate = row.tat.zip(row.granted).map(|(tat, granted)| {
                crate::ratelimit::decision_in_batch(tat, granted, nth[slot], now)
            });
            Ok(TokenLookup {
                caller: Some(row.caller.clone()),
                rate,
                now,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- sweeps

/// `tokens.deactivate_unused`: tokens unused for a year stop working; the
/// user is told.
pub async fn deactivate_unused_tokens(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let mut report = crate::jobs::SweepReport::default();
    let days = i64::try_from(ctx.config.accounts.token_inactivity_days).unwrap_or(365);
    loop {
        let now = ctx.clock.now().as_millisecond();
        let before = now - days * 86_400_000;
        let mut tx = ctx.db.begin().await?;
        let batch = store::deactivate_unused_tokens(tx.conn(), before, now, 100).await?;
        for t in &batch {
            if let Some(user) = store::user_by_id(tx.conn(), &t.user_id).await? {
                let meta = RequestMeta::default();
                log_event(
                    tx.conn(),
                    ctx,
                    &user.id,
                    SecurityEvent::TokenDeactivated,
                    &meta,
                    &format!("{} ({})", t.name, t.prefix),
                )
                .await?;
                mail_user(
                    tx.conn(),
                    ctx,
                    &user,
                    "token_deactivated",
                    vec![("name", t.name.clone())],
                )
                .await?;
            }
        }
        tx.commit().await?;
        report.done += batch.len() as u64;
        if batch.len() < 100 {
            return Ok(report);
        }
    }
}

/// `accounts.purge`: forget ended sessions, old links, idle throttles and
/// spent rate-limit rows.
pub async fn purge_expired(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let mut n = store::purge_expired(c.conn(), now).await?;
    drop(c);
    n += crate::ratelimit::purge(ctx).await?;
    Ok(crate::jobs::SweepReport { done: n, failed: 0 })
}

// ---------------------------------------------------------------- operators

// Staff accounts, roles, sessions and tokens live in `crate::staff`; the
// old paths stay so that callers move at their pace.
pub use crate::staff::{StaffRole, StaffSetup, create_staff, staff_roles};

/// A verified account without a known password, for `staff::create_staff`
/// (an account is made here, with its personal organisation, ACC-7).
pub(crate) async fn create_staff_account(
    c: Conn<'_>,
    ctx: &Ctx,
    email: &EmailAddress,
    placeholder_hash: &str,
    verified_at: i64,
) -> Result<store::UserRow> {
    create_account(
        c,
        ctx,
        NewAccount {
            email,
            password_hash: placeholder_hash,
            name: "",
            language: Lang::parse(&ctx.config.default_language).unwrap_or_default(),
            verified_at: Some(verified_at),
            via: Via::Operator,
            meta: &RequestMeta::default(),
        },
    )
    .await
}

/// `guichet admin create-user`: import a customer with a known password.
pub async fn create_user(ctx: &Ctx, email: &str, password: &str, verified: bool) -> Result<String> {
    let email = EmailAddress::parse(email, "email")?;
    let password = NewPassword::parse(password, "password", &[email.as_str()])?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if store::user_by_email(tx.conn(), email.lower())
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "email_taken",
            "This address already has an account.",
        ));
    }
    let lang = Lang::parse(&ctx.config.default_language).unwrap_or_default();
    let user = create_account(
        tx.conn(),
        ctx,
        NewAccount {
            email: &email,
            password_hash: &hash,
            name: "",
            language: lang,
            verified_at: verified.then_some(ms),
            via: Via::Operator,
            meta: &RequestMeta::default(),
        },
    )
    .await?;
    if !verified {
        let valid = hours_ms(ctx.config.accounts.verification_link_hours);
        send_link(
            tx.conn(),
            ctx,
            &user,
            "verify_email",
            &[&user.email],
            valid,
            "/verify-email",
            "verify_email",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(user.id)
}
