//! Console sessions: opened at sign-in, authenticated on every page,
//! listed and ended by their owner (SEC-5).

use crate::ids::{SessionId, UserId};
use serde::Serialize;

use super::{SecurityEvent, log_event, store};
use crate::{
    Ctx,
    access::{self, Action, Actor, OnBehalf, Target, Via},
    accounts::{RequestMeta, hash_secret, meta_of, new_secret},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
};

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

/// A session just made: the cookie value is shown only here.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub session_id: SessionId,
    pub token: String,
    pub csrf_token: String,
    pub user_id: UserId,
    pub stage: SessionStage,
    pub expires_at: i64,
}

/// A fresh session (a new id at every sign-in: no fixation).
pub(super) async fn open_session(
    c: Conn<'_>,
    ctx: &Ctx,
    user_id: &UserId,
    stage: SessionStage,
    meta: &RequestMeta,
) -> Result<NewSession> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let token = new_secret();
    let row = store::SessionRow {
        id: SessionId::new(now),
        user_id: user_id.clone(),
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
        user_id: user_id.clone(),
        stage,
        expires_at: row.expires_at,
    })
}

/// A signed-in console session, as the web layer sees it.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub session_id: SessionId,
    pub user_id: UserId,
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
    #[schema(value_type = String)]
    pub id: SessionId,
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
pub async fn end_session(ctx: &Ctx, actor: &Actor, session_id: &SessionId) -> Result<()> {
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

/// End every session of a user but `keep` (if given), in the caller's
/// transaction: a password change or reset, an undone recovery change.
pub(crate) async fn end_sessions_of(
    c: Conn<'_>,
    user_id: &UserId,
    keep: Option<&str>,
    now: i64,
) -> Result<u64> {
    store::end_sessions_of(c, user_id, keep, now).await
}
