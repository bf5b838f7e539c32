//! The security area's SQL: sessions and the security log (the throttles'
//! SQL is in `throttle`).

use crate::ids::{SecurityEventId, SessionId, UserId};
use crate::{db::Conn, error::Result, sql};

// ---- sessions ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: SessionId,
    pub user_id: UserId,
    pub stage: String,
    pub csrf_token: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ended_at: Option<i64>,
}

const SESSION_COLUMNS: &str = "id, user_id, stage, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at, ended_at";

pub async fn insert_session(c: Conn<'_>, s: &SessionRow, token_hash: &str) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO sessions (id, token_hash, user_id, stage, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        &s.id, token_hash, &s.user_id, &s.stage, &s.csrf_token, &s.ip, &s.user_agent, s.created_at, s.expires_at)?;
    Ok(())
}

/// The session behind a cookie, with its user, in one indexed join.
/// The owner's fields a console page needs with its session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUser {
    pub u_email: String,
    pub u_email_verified_at: Option<i64>,
    pub u_name: String,
    pub u_language: String,
}

pub async fn session_by_token_hash(
    c: Conn<'_>,
    token_hash: &str,
) -> Result<Option<(SessionRow, SessionUser)>> {
    #[derive(sqlx::FromRow)]
    struct Joined {
        #[sqlx(flatten)]
        s: SessionRow,
        #[sqlx(flatten)]
        u: SessionUser,
    }
    let row = sql!(c, fetch_optional as Joined,
        "SELECT s.id, s.user_id, s.stage, s.csrf_token, s.ip, s.user_agent, s.created_at, s.last_seen_at, s.expires_at, s.ended_at,
                u.email AS u_email, u.email_verified_at AS u_email_verified_at, u.name AS u_name, u.language AS u_language
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        token_hash)?;
    Ok(row.map(|j| (j.s, j.u)))
}

/// Record activity, at most once a minute per session (no write per page).
pub async fn touch_session(c: Conn<'_>, id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $3",
        now,
        id,
        now - 60_000
    )?;
    Ok(())
}

pub async fn end_session(c: Conn<'_>, user_id: &str, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE sessions SET ended_at = $1 WHERE id = $2 AND user_id = $3 AND ended_at IS NULL",
        now,
        id,
        user_id
    )? == 1)
}

/// End every session of a user (but `keep`, if given).
pub async fn end_sessions_of(
    c: Conn<'_>,
    user_id: &str,
    keep: Option<&str>,
    now: i64,
) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL AND ($3 IS NULL OR id <> $3)",
        now,
        user_id,
        keep
    )?)
}

/// Sessions still usable, newest first.
pub async fn live_sessions(
    c: Conn<'_>,
    user_id: &str,
    now: i64,
    idle_ms: i64,
) -> Result<Vec<SessionRow>> {
    Ok(sql!(c, fetch_all as SessionRow,
        &format!("SELECT {SESSION_COLUMNS} FROM sessions
                  WHERE user_id = $1 AND ended_at IS NULL AND stage = 'active' AND expires_at > $2 AND last_seen_at > $3
                  ORDER BY created_at DESC, id DESC"),
        user_id, now, now - idle_ms)?)
}

// ---- security log ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SecurityEventRow {
    pub id: SecurityEventId,
    pub user_id: UserId,
    pub kind: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

pub async fn insert_security_event(c: Conn<'_>, e: &SecurityEventRow) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO security_events (id, user_id, kind, ip, user_agent, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &e.id,
        &e.user_id,
        &e.kind,
        &e.ip,
        &e.user_agent,
        &e.detail,
        e.created_at
    )?;
    Ok(())
}

pub async fn security_events(
    c: Conn<'_>,
    user_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<SecurityEventRow>> {
    Ok(sql!(
        c,
        fetch_all as SecurityEventRow,
        "SELECT id, user_id, kind, ip, user_agent, detail, created_at FROM security_events
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        user_id,
        limit,
        offset
    )?)
}

pub async fn count_security_events(c: Conn<'_>, user_id: &str) -> Result<i64> {
    Ok(
        sql!(c, fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM security_events WHERE user_id = $1", user_id)?,
    )
}

// ---- purge ----

/// Delete what no longer serves: sessions ended or expired more than 30
/// days ago, throttles idle for a day.
pub async fn purge_expired(mut c: Conn<'_>, now: i64) -> Result<u64> {
    let month_ago = now - 30 * 86_400_000;
    let mut n = sql!(
        c.reborrow(),
        execute,
        "DELETE FROM sessions WHERE (ended_at IS NOT NULL AND ended_at < $1) OR expires_at < $1",
        month_ago
    )?;
    n += sql!(
        c.reborrow(),
        execute,
        "DELETE FROM throttles WHERE updated_at < $1 AND blocked_until < $2",
        now - 86_400_000,
        now
    )?;
    Ok(n)
}
