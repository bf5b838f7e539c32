//! The outbox's SQL.

use crate::{db::Conn, error::Result, sql};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub kind: String,
    pub destination: String,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, destination, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at";

pub async fn insert(
    c: Conn<'_>,
    id: &str,
    kind: &str,
    destination: &str,
    payload: &str,
    now: i64,
) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
        id, kind, destination, payload, now)?;
    Ok(())
}

/// Many mails at once: `rows` is a JSON array of `[id, destination,
/// payload]` (ADR 0015).
pub async fn insert_mails(c: Conn<'_>, rows: &str, now: i64) -> Result<()> {
    match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, 'mail', v ->> 1, v ->> 2, 'pending', 0, $2, $2
             FROM r",
            rows, now)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at)
             SELECT j ->> 0, 'mail', j ->> 1, j ->> 2, 'pending', 0, $2, $2 FROM jsonb_array_elements($1::jsonb) j",
            rows, now)?,
    };
    Ok(())
}

/// [`insert`] of an event that must reach its receiver after the earlier
/// ones of `sequence_key` (number `sequence_no`): a product's events
/// (CAT-3).
#[allow(clippy::too_many_arguments)]
pub async fn insert_in_sequence(
    c: Conn<'_>,
    id: &str,
    destination: &str,
    payload: &str,
    sequence_key: &str,
    sequence_no: i64,
    now: i64,
) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at, sequence_key, sequence_no)
         VALUES ($1, 'webhook', $2, $3, 'pending', 0, $4, $4, $5, $6)",
        id, destination, payload, now, sequence_key, sequence_no)?;
    Ok(())
}

/// Claim up to `limit` due rows for `claim` until `until`, in one statement.
/// The conditions are re-checked per row under PostgreSQL's row locks, so two
/// deliverers never claim the same row.
pub async fn claim_due(c: Conn<'_>, claim: &str, now: i64, until: i64, limit: i64) -> Result<u64> {
    claim_due_by(c, claim, now, now, until, limit).await
}

/// [`claim_due`] of the rows due by `due_by` (at or after `now`): a wake-up
/// looks a little ahead, for rows written under another instance's clock.
pub async fn claim_due_by(
    c: Conn<'_>,
    claim: &str,
    now: i64,
    due_by: i64,
    until: i64,
    limit: i64,
) -> Result<u64> {
    Ok(sql!(c, execute,
        "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
         WHERE status = 'pending' AND next_attempt_at <= $5 AND (claimed_until IS NULL OR claimed_until < $3)
           AND id IN (SELECT o.id FROM outbox o
                      WHERE o.status = 'pending' AND o.next_attempt_at <= $5 AND (o.claimed_until IS NULL OR o.claimed_until < $3)
                        AND (o.sequence_key IS NULL OR NOT EXISTS (
                              SELECT 1 FROM outbox e
                              WHERE e.sequence_key = o.sequence_key AND e.destination = o.destination
                                AND e.status = 'pending' AND e.sequence_no < o.sequence_no))
                      ORDER BY o.next_attempt_at, o.id LIMIT $4)",
        claim, until, now, limit, due_by)?)
}

pub async fn claimed(c: Conn<'_>, claim: &str) -> Result<Vec<OutboxRow>> {
    Ok(sql!(
        c,
        fetch_all as OutboxRow,
        &format!(
            "SELECT {COLUMNS} FROM outbox WHERE claimed_by = $1 AND status = 'pending' ORDER BY next_attempt_at, id"
        ),
        claim
    )?)
}

pub async fn mark_delivered(c: Conn<'_>, id: &str, claim: &str, now: i64) -> Result<bool> {
    Ok(sql!(c, execute,
        "UPDATE outbox SET status = 'delivered', delivered_at = $1, claimed_until = NULL, last_error = NULL
         WHERE id = $2 AND claimed_by = $3 AND status = 'pending'",
        now, id, claim)? == 1)
}

pub async fn mark_failed(
    c: Conn<'_>,
    id: &str,
    claim: &str,
    error: &str,
    next_attempt_at: Option<i64>,
) -> Result<bool> {
    let n = match next_attempt_at {
        Some(at) => sql!(
            c,
            execute,
            "UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2
             WHERE id = $3 AND claimed_by = $4 AND status = 'pending'",
            at,
            error,
            id,
            claim
        )?,
        None => sql!(
            c,
            execute,
            "UPDATE outbox SET status = 'dead', claimed_until = NULL, last_error = $1
             WHERE id = $2 AND claimed_by = $3 AND status = 'pending'",
            error,
            id,
            claim
        )?,
    };
    Ok(n == 1)
}

/// Rows not yet delivered nor dead: the backlog gauge of `/metrics`.
pub async fn backlog(c: Conn<'_>) -> Result<i64> {
    Ok(
        sql!(c, fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox WHERE status = 'pending'")?,
    )
}

pub async fn count_dead(c: Conn<'_>) -> Result<i64> {
    Ok(
        sql!(c, fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox WHERE status = 'dead'")?,
    )
}

/// Every row, oldest first (tests and the operator's view).
pub async fn list(c: Conn<'_>, kind: Option<&str>) -> Result<Vec<OutboxRow>> {
    Ok(sql!(
        c,
        fetch_all as OutboxRow,
        &format!(
            "SELECT {COLUMNS} FROM outbox WHERE ($1 IS NULL OR kind = $1) ORDER BY created_at, id"
        ),
        kind
    )?)
}
