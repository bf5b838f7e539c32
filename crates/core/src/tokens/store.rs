//! The tokens' SQL: `api_tokens`, and on PostgreSQL the `rate_limits`
//! rows the batched lookup steps (ADR 0007).

use crate::ids::{ApiTokenId, UserId};
use crate::{db::Conn, error::Result, sql};

// ---- API tokens ----

/// "Last used" is kept to the hour: it answers the questions a user asks
/// of it ("is this token still in use?", "which one did my script use
/// today?") and finds tokens unused for a year, and it costs the hot path
/// one write per busy token an hour instead of one a minute (up to 60
/// calls a minute each, API-3). Both the caller's check and the statement
/// below use it, so two instances cannot touch a token twice in the hour.
pub const TOKEN_TOUCH_MS: i64 = 3_600_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: ApiTokenId,
    pub user_id: UserId,
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
    pub id: ApiTokenId,
    pub user_id: UserId,
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
        .bind(super::ratelimit::INTERVAL_MS)
        .bind(super::ratelimit::TOLERANCE_MS)
        .bind(i64::from(super::ratelimit::LIMIT))
        .bind(hashes)
        .bind(counts)
        .fetch_all(pool)
        .await?)
}

/// Note a use, at most once an hour per token (`TOKEN_TOUCH_MS`); true if
/// this call wrote it.
pub async fn touch_token(c: Conn<'_>, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        now,
        id,
        now - TOKEN_TOUCH_MS
    )? == 1)
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
