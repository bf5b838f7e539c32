//! The accounts' SQL.

use crate::{
    db::Conn,
    error::{Error, Result, on_constraint, violates},
    sql,
};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub email_lower: String,
    pub email_verified_at: Option<i64>,
    pub password_hash: String,
    pub name: String,
    pub language: String,
    pub recovery_email: Option<String>,
    pub pending_recovery_email: Option<String>,
    pub support_code: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const USER_COLUMNS: &str = "id, email, email_lower, email_verified_at, password_hash, name, language, recovery_email, \
                            pending_recovery_email, support_code, created_at, updated_at";

/// Insert a user. A taken address is `email_taken`; a support-code
/// collision is reported as `support_code_taken` so the caller draws again.
pub async fn insert_user(c: Conn<'_>, u: &UserRow) -> Result<()> {
    let r = sql!(c, execute,
        "INSERT INTO users (id, email, email_lower, email_verified_at, password_hash, name, language, recovery_email,
                            pending_recovery_email, support_code, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, $9)",
        &u.id, &u.email, &u.email_lower, u.email_verified_at, &u.password_hash, &u.name, &u.language, &u.support_code, u.created_at);
    match r {
        Ok(_) => Ok(()),
        Err(e) => Err(unique_user_error(e)),
    }
}

fn unique_user_error(e: sqlx::Error) -> Error {
    if violates(&e, "users_support_code_key") {
        return Error::conflict("support_code_taken", "support code collision");
    }
    on_constraint("users_email_lower_key", || {
        Error::conflict("email_taken", "This address already has an account.")
    })(e)
}

pub async fn user_by_email(c: Conn<'_>, email_lower: &str) -> Result<Option<UserRow>> {
    Ok(sql!(
        c,
        fetch_optional as UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email_lower = $1"),
        email_lower
    )?)
}

pub async fn user_by_id(c: Conn<'_>, id: &str) -> Result<Option<UserRow>> {
    Ok(sql!(
        c,
        fetch_optional as UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
        id
    )?)
}

pub async fn set_password(c: Conn<'_>, user_id: &str, hash: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
        hash,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn mark_email_verified(c: Conn<'_>, user_id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET email_verified_at = $1, updated_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        now,
        user_id
    )?;
    Ok(())
}

pub async fn update_profile(
    c: Conn<'_>,
    user_id: &str,
    name: &str,
    language: &str,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET name = $1, language = $2, updated_at = $3 WHERE id = $4",
        name,
        language,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn set_pending_recovery_email(
    c: Conn<'_>,
    user_id: &str,
    email: Option<&str>,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET pending_recovery_email = $1, updated_at = $2 WHERE id = $3",
        email,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn set_recovery_email(
    c: Conn<'_>,
    user_id: &str,
    email: Option<&str>,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET recovery_email = $1, pending_recovery_email = NULL, updated_at = $2 WHERE id = $3",
        email,
        now,
        user_id
    )?;
    Ok(())
}

/// Set a new support code; false on a collision (draw again).
pub async fn set_support_code(c: Conn<'_>, user_id: &str, code: &str, now: i64) -> Result<bool> {
    let r = sql!(
        c,
        execute,
        "UPDATE users SET support_code = $1, updated_at = $2 WHERE id = $3",
        code,
        now,
        user_id
    );
    match r {
        Ok(_) => Ok(true),
        Err(e) if violates(&e, "users_support_code_key") => Ok(false),
        Err(e) => Err(e.into()),
    }
}

pub async fn support_code_exists(c: Conn<'_>, code: &str) -> Result<bool> {
    Ok(sql!(c, fetch_optional scalar String, "SELECT id FROM users WHERE support_code = $1", code)?.is_some())
}

// ---- single-use links ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailTokenRow {
    pub id: String,
    pub user_id: String,
    pub purpose: String,
    pub email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[expect(clippy::too_many_arguments, reason = "one column each")]
pub async fn insert_email_token(
    c: Conn<'_>,
    id: &str,
    user_id: &str,
    purpose: &str,
    token_hash: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO email_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        user_id,
        purpose,
        token_hash,
        email,
        now,
        expires_at
    )?;
    Ok(())
}

pub async fn email_token_by_hash(c: Conn<'_>, token_hash: &str) -> Result<Option<EmailTokenRow>> {
    Ok(sql!(
        c,
        fetch_optional as EmailTokenRow,
        "SELECT id, user_id, purpose, email, expires_at, used_at FROM email_tokens WHERE token_hash = $1",
        token_hash
    )?)
}

/// Use a link once: true for the one caller that flips it.
pub async fn use_email_token(c: Conn<'_>, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE email_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
        now,
        id
    )? == 1)
}

/// Older links of the same purpose stop working when a new one is sent.
pub async fn retire_email_tokens(
    c: Conn<'_>,
    user_id: &str,
    purpose: &str,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        now,
        user_id,
        purpose
    )?;
    Ok(())
}

// ---- sessions ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
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

// ---- API tokens ----

/// "Last used" is kept to the hour: precise enough to show and to find
/// tokens unused for a year, and it spares a write on most calls.
pub const TOKEN_TOUCH_MS: i64 = 3_600_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub deactivated_at: Option<i64>,
}

const TOKEN_COLUMNS: &str = "id, user_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at, deactivated_at";

pub async fn insert_token(c: Conn<'_>, t: &TokenRow, token_hash: &str) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, scopes, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &t.id, &t.user_id, &t.name, &t.prefix, token_hash, &t.scopes, t.created_at, t.expires_at)?;
    Ok(())
}

/// The token behind a bearer secret (one indexed lookup).
pub async fn token_by_hash(c: Conn<'_>, token_hash: &str) -> Result<Option<TokenRow>> {
    Ok(sql!(
        c,
        fetch_optional as TokenRow,
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"),
        token_hash
    )?)
}

pub async fn tokens_of(c: Conn<'_>, user_id: &str) -> Result<Vec<TokenRow>> {
    Ok(sql!(
        c,
        fetch_all as TokenRow,
        &format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
        ),
        user_id
    )?)
}

pub async fn token_of(c: Conn<'_>, user_id: &str, id: &str) -> Result<Option<TokenRow>> {
    Ok(sql!(
        c,
        fetch_optional as TokenRow,
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 AND id = $2"),
        user_id,
        id
    )?)
}

pub async fn revoke_token(c: Conn<'_>, user_id: &str, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        now,
        id,
        user_id
    )? == 1)
}

/// Revoke every live token of a user: a password reset, or a change that
/// asks for it.
pub async fn revoke_tokens_of(c: Conn<'_>, user_id: &str, now: i64) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        now,
        user_id
    )?)
}

/// What authenticating an API call reads: the token's state and its
/// owner's profile, found by an indexed join on the token's hash. Not the
/// password hash, which a token call never needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenCaller {
    pub id: String,
    pub user_id: String,
    pub scopes: String,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub deactivated_at: Option<i64>,
    pub email: String,
    pub email_verified_at: Option<i64>,
    pub name: String,
    pub language: String,
    pub recovery_email: Option<String>,
    pub pending_recovery_email: Option<String>,
    pub support_code: String,
    pub user_created_at: i64,
}

/// SQLite's hot path (ADR 0007): the callers behind a batch of token
/// hashes in one statement (the limit is kept in memory there). One
/// statement text whatever the batch's size: the hashes go as one JSON
/// array.
pub async fn token_callers(c: Conn<'_>, hashes: &[String]) -> Result<Vec<SteppedCaller>> {
    let hashes = serde_json::to_string(hashes)?;
    Ok(sql!(c, fetch_all as SteppedCaller,
        "SELECT t.token_hash, t.id, t.user_id, t.scopes, t.expires_at, t.last_used_at, t.revoked_at,
                t.deactivated_at, u.email, u.email_verified_at, u.name, u.language, u.recovery_email,
                u.pending_recovery_email, u.support_code, u.created_at AS user_created_at,
                NULL AS tat, NULL AS granted
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash IN (SELECT value FROM json_each($1))",
        hashes)?)
}

/// A token found by [`token_callers`] or [`token_callers_stepped`], with
/// its rate-limit step on PostgreSQL (none on SQLite, and none when the
/// token is revoked, deactivated or expired: such calls are refused without
/// counting).
#[derive(Debug, sqlx::FromRow)]
pub struct SteppedCaller {
    pub token_hash: String,
    #[sqlx(flatten)]
    pub caller: TokenCaller,
    /// The TAT after the step (ratelimit.rs).
    pub tat: Option<i64>,
    /// How many of the token's `counts` calls the step let through.
    pub granted: Option<i64>,
}

/// PostgreSQL's hot path (ADR 0007): the callers behind a batch of token
/// hashes in one statement, each live token's rate-limit row stepped by its
/// number of calls in the batch (`counts`, same order as `hashes`, each hash
/// once) at `now`. The step is GCRA (`ratelimit::decide`) for `n` calls at
/// once: `base` is the TAT, or now if it has passed; while `base - now` is
/// within the tolerance, `(tolerance - (base - now)) / interval + 1` more
/// calls fit; the row moves by one interval per call let through. Rows are
/// locked in token-id order, so two instances' batches never deadlock.
pub async fn token_callers_stepped(
    pool: &sqlx::PgPool,
    hashes: &[String],
    counts: &[i64],
    now: i64,
) -> Result<Vec<SteppedCaller>> {
    const STATEMENT: &str = "
        WITH found AS (
            SELECT c.token_hash, c.n, t.id, t.user_id, t.scopes, t.expires_at, t.last_used_at,
                   t.revoked_at, t.deactivated_at, u.email, u.email_verified_at, u.name,
                   u.language, u.recovery_email, u.pending_recovery_email, u.support_code,
                   u.created_at AS user_created_at
            FROM unnest($5::text[], $6::bigint[]) AS c(token_hash, n)
            JOIN api_tokens t ON t.token_hash = c.token_hash
            JOIN users u ON u.id = t.user_id
        ), stepped AS (
            INSERT INTO rate_limits (key, tat, granted)
            SELECT f.id, $1 + $2 * LEAST(f.n, $4), LEAST(f.n, $4)
            FROM found f
            WHERE f.revoked_at IS NULL AND f.deactivated_at IS NULL
              AND (f.expires_at IS NULL OR f.expires_at > $1)
            ORDER BY f.id
            ON CONFLICT (key) DO UPDATE SET
                granted = CASE WHEN GREATEST(rate_limits.tat, $1) - $1 > $3 THEN 0
                               ELSE LEAST(EXCLUDED.granted, ($3 - (GREATEST(rate_limits.tat, $1) - $1)) / $2 + 1) END,
                tat = GREATEST(rate_limits.tat, $1) + $2 *
                          CASE WHEN GREATEST(rate_limits.tat, $1) - $1 > $3 THEN 0
                               ELSE LEAST(EXCLUDED.granted, ($3 - (GREATEST(rate_limits.tat, $1) - $1)) / $2 + 1) END
            RETURNING key, tat, granted
        )
        SELECT f.token_hash, f.id, f.user_id, f.scopes, f.expires_at, f.last_used_at, f.revoked_at,
               f.deactivated_at, f.email, f.email_verified_at, f.name, f.language, f.recovery_email,
               f.pending_recovery_email, f.support_code, f.user_created_at, s.tat, s.granted
        FROM found f LEFT JOIN stepped s ON s.key = f.id";
    Ok(sqlx::query_as(STATEMENT)
        .bind(now)
        .bind(crate::ratelimit::INTERVAL_MS)
        .bind(crate::ratelimit::TOLERANCE_MS)
        .bind(i64::from(crate::ratelimit::LIMIT))
        .bind(hashes)
        .bind(counts)
        .fetch_all(pool)
        .await?)
}

/// Note a use, at most once an hour per token (`TOKEN_TOUCH_MS`).
pub async fn touch_token(c: Conn<'_>, id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        now,
        id,
        now - 60_000
    )?;
    Ok(())
}

/// Deactivate live tokens unused since `before` (a batch); returns them.
/// Expired tokens no longer work anyway: they are left as they are, and
/// nobody is told about a token that ended long ago.
pub async fn deactivate_unused_tokens(
    mut c: Conn<'_>,
    before: i64,
    now: i64,
    limit: i64,
) -> Result<Vec<TokenRow>> {
    let rows = sql!(c.reborrow(), fetch_all as TokenRow,
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens
                  WHERE revoked_at IS NULL AND deactivated_at IS NULL AND COALESCE(last_used_at, created_at) < $1
                    AND (expires_at IS NULL OR expires_at > $3)
                  ORDER BY id LIMIT $2"),
        before, limit, now)?;
    let mut done = Vec::new();
    for r in rows {
        let n = sql!(c.reborrow(), execute,
            "UPDATE api_tokens SET deactivated_at = $1
             WHERE id = $2 AND deactivated_at IS NULL AND revoked_at IS NULL AND COALESCE(last_used_at, created_at) < $3
               AND (expires_at IS NULL OR expires_at > $1)",
            now, &r.id, before)?;
        if n == 1 {
            done.push(r);
        }
    }
    Ok(done)
}

// ---- security log ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SecurityEventRow {
    pub id: String,
    pub user_id: String,
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

// ---- newsletters ----

pub async fn subscribed_topics(c: Conn<'_>, user_id: &str) -> Result<Vec<String>> {
    Ok(
        sql!(c, fetch_all scalar String, "SELECT topic FROM newsletter_subscriptions WHERE user_id = $1 ORDER BY topic", user_id)?,
    )
}

pub async fn set_topics(mut c: Conn<'_>, user_id: &str, topics: &[String], now: i64) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM newsletter_subscriptions WHERE user_id = $1",
        user_id
    )?;
    for t in topics {
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO newsletter_subscriptions (user_id, topic, created_at) VALUES ($1, $2, $3)",
            user_id,
            t,
            now
        )?;
    }
    Ok(())
}

// ---- staff ----

pub async fn staff_roles(c: Conn<'_>, user_id: &str) -> Result<Vec<String>> {
    Ok(
        sql!(c, fetch_all scalar String, "SELECT role FROM staff_roles WHERE user_id = $1 ORDER BY role", user_id)?,
    )
}

pub async fn grant_staff_role(c: Conn<'_>, user_id: &str, role: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO staff_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, role) DO NOTHING",
        user_id,
        role,
        now
    )?;
    Ok(())
}

// ---- purge ----

/// Delete what no longer serves: sessions and links ended or expired more
/// than 30 days ago, throttles idle for a day.
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
        "DELETE FROM email_tokens WHERE expires_at < $1",
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
