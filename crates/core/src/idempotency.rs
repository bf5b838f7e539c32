//! `Idempotency-Key` (DESIGN.md, API conventions): a POST that creates a
//! money document, sent again with the same key, answers what the first
//! one answered and creates nothing; the same key with another body is
//! refused (422 `idempotency_key_reused`).
//!
//! The key is claimed in the transaction that does the work, by inserting
//! its row: a concurrent request with the same key waits on that row
//! (PostgreSQL's unique index; SQLite's serial writers) and, once the first
//! commits, finds it and replays its answer. If the first rolls back, its
//! claim goes with it and the second does the work. Keys are kept
//! [`KEEP_DAYS`] days, then forgotten by the `billing.idempotency` sweep.

use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};

use crate::{
    db::Conn,
    error::{Error, FieldError, Result},
    sql,
};

/// How long a key is remembered.
pub const KEEP_DAYS: i64 = 7;

/// The longest key accepted (Stripe's limit; UUIDs fit well within).
pub const KEY_MAX: usize = 255;

/// A request's key, its caller and what it asked.
#[derive(Debug, Clone)]
pub struct Idempotency {
    /// Whose keys these are (a user, a staff member, an operator): two
    /// callers never see each other's answers.
    pub scope: String,
    pub key: String,
    /// SHA-256 of what the request asked (operation, path and body).
    pub request_sha256: String,
}

impl Idempotency {
    /// From the header's value; a bad key is a 400 the caller can fix.
    pub fn new(scope: &str, key: &str, operation: &str, body: &[u8]) -> Result<Idempotency> {
        if key.is_empty() || key.len() > KEY_MAX || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::BadRequest {
                code: "invalid_idempotency_key",
                description: format!(
                    "The Idempotency-Key header must be 1 to {KEY_MAX} visible ASCII characters."
                ),
            });
        }
        let mut h = Sha256::new();
        h.update(operation.as_bytes());
        h.update([0]);
        h.update(body);
        Ok(Idempotency {
            scope: scope.to_owned(),
            key: key.to_owned(),
            request_sha256: hex::encode(h.finalize()),
        })
    }
}

/// What claiming a key found.
#[derive(Debug)]
pub enum Claim<T> {
    /// The key is new: do the work, then [`record`] its answer.
    Fresh,
    /// The same request was answered already: answer this again.
    Replay(T),
}

/// Claim `idem` in the caller's transaction.
pub async fn claim<T: DeserializeOwned>(
    mut c: Conn<'_>,
    idem: &Idempotency,
    now: i64,
) -> Result<Claim<T>> {
    let inserted = sql!(
        c.reborrow(),
        execute,
        "INSERT INTO idempotency_keys (scope, key, request_sha256, status, body, created_at)
         VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (scope, key) DO NOTHING",
        &idem.scope,
        &idem.key,
        &idem.request_sha256,
        now
    )?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let (hash, status, body) = sql!(
        c,
        fetch_one as (String, i32, String),
        "SELECT request_sha256, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2",
        &idem.scope,
        &idem.key
    )?;
    if hash != idem.request_sha256 {
        return Err(Error::Validation(vec![FieldError::new(
            "Idempotency-Key",
            "idempotency_key_reused",
            "This Idempotency-Key was used for another request; use a new key.",
        )]));
    }
    if status == 0 {
        // Claimed in this very transaction's past? Cannot happen: a claim
        // and its record commit together. Treat it as a conflict.
        return Err(Error::Conflict {
            code: "idempotency_key_in_use",
            description: "A request with this Idempotency-Key is still being answered.".into(),
        });
    }
    serde_json::from_str(&body)
        .map(Claim::Replay)
        .map_err(|e| Error::Internal(format!("idempotency: stored answer unreadable: {e}")))
}

/// Keep the answer of a fresh claim, in the same transaction.
pub async fn record<T: Serialize>(c: Conn<'_>, idem: &Idempotency, answer: &T) -> Result<()> {
    let body =
        serde_json::to_string(answer).map_err(|e| Error::Internal(format!("idempotency: {e}")))?;
    sql!(
        c,
        execute,
        "UPDATE idempotency_keys SET status = 1, body = $1 WHERE scope = $2 AND key = $3",
        body,
        &idem.scope,
        &idem.key
    )?;
    Ok(())
}

/// Forget keys older than [`KEEP_DAYS`], a batch at a time.
pub async fn purge(c: Conn<'_>, now: i64, batch: i64) -> Result<u64> {
    let before = now - KEEP_DAYS * 86_400_000;
    Ok(sql!(
        c,
        execute,
        "DELETE FROM idempotency_keys WHERE (scope, key) IN
           (SELECT scope, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2)",
        before,
        batch
    )?)
}
