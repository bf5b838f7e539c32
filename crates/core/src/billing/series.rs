//! Gapless numbers (BIL-1): one counter row per series key, incremented in
//! the transaction that issues.
//!
//! Why this is gapless and never shared, on both engines and across
//! instances: the increment is one upsert on the series' row. On
//! PostgreSQL a second transaction's upsert waits on the first's row lock
//! and then sees its committed value (or, if it rolled back, the value
//! before it: the number is given back, not burnt). On SQLite write
//! transactions begin IMMEDIATE and run one after the other. No number is
//! taken outside the issuing transaction, so nothing can be lost between
//! taking it and using it.

use crate::{db::Conn, error::Result, sql};

/// The next number of `key`, starting at 1.
pub async fn next(c: Conn<'_>, key: &str) -> Result<u64> {
    let n = sql!(
        c,
        fetch_one scalar i64,
        "INSERT INTO document_series (key, last_number) VALUES ($1, 1)
         ON CONFLICT (key) DO UPDATE SET last_number = document_series.last_number + 1
         RETURNING last_number",
        key
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The key of the counter that numbers payment references: one counter for
/// every document that carries one, so references never repeat (BNK-1).
pub const REFERENCES: &str = "reference";

/// `n` consecutive numbers of `key` at once (a bulk issue): the first of
/// them. Gapless as [`next`] is: one upsert in the issuing transaction.
pub async fn take(c: Conn<'_>, key: &str, n: u64) -> Result<u64> {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let last = sql!(
        c,
        fetch_one scalar i64,
        "INSERT INTO document_series (key, last_number) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET last_number = document_series.last_number + $2
         RETURNING last_number",
        key,
        n
    )?;
    Ok(u64::try_from(last - n + 1).unwrap_or(0))
}
