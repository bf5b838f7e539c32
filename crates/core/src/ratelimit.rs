//! The API rate limit (API-3): 60 requests per minute per token, not
//! raisable, by GCRA (the generic cell rate algorithm): each request pushes
//! a "theoretical arrival time" (TAT) forward by 1 s; a request is refused
//! while the TAT is more than 59 s ahead of now. A full minute's budget can
//! be spent at once, then it refills at one request per second.
//!
//! On PostgreSQL the TAT is a row, so the limit holds across every instance
//! sharing the database. Calls are counted in batches (ADR 0006): while one
//! statement is in flight, the calls that arrive queue, and the next
//! statement steps all of them at once — one write, one transaction for
//! many calls instead of one each, and no waiting when the service is quiet
//! (a lone call is a batch of one). Each row is updated atomically, so the
//! limit stays exact whichever instance a call reaches. SQLite serves a
//! single instance, so the TAT is kept in memory there, with the same rule
//! (`decide`), and no write per request.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::oneshot;

use crate::{
    Ctx,
    db::Db,
    error::{Error, Result},
    sql,
};

pub const LIMIT: u32 = 60;
/// Emission interval: one request per second on average.
pub const INTERVAL_MS: i64 = 60_000 / LIMIT as i64;
/// Burst tolerance: the whole minute's budget at once.
pub const TOLERANCE_MS: i64 = INTERVAL_MS * (LIMIT as i64 - 1);

/// The outcome, with what the headers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// Requests still allowed right now.
    pub remaining: u32,
    /// Seconds until the budget is whole again.
    pub reset_secs: u64,
    /// When refused: seconds until the next request is allowed.
    pub retry_after_secs: u64,
}

fn ceil_secs(ms: i64) -> u64 {
    u64::try_from((ms.max(0) + 999) / 1000).unwrap_or(0)
}

/// GCRA: given the stored TAT (if any) and now, the decision and the TAT to
/// store (None when refused: nothing changes).
pub fn decide(tat: Option<i64>, now: i64) -> (Decision, Option<i64>) {
    let tat = tat.unwrap_or(now).max(now);
    if tat - now > TOLERANCE_MS {
        let wait = tat - TOLERANCE_MS - now;
        let d = Decision {
            allowed: false,
            remaining: 0,
            reset_secs: ceil_secs(tat - now),
            retry_after_secs: ceil_secs(wait).max(1),
        };
        return (d, None);
    }
    let new_tat = tat + INTERVAL_MS;
    (allowed(new_tat, now), Some(new_tat))
}

fn allowed(new_tat: i64, now: i64) -> Decision {
    let room = TOLERANCE_MS - (new_tat - now);
    let remaining = if room < 0 {
        0
    } else {
        u32::try_from(room / INTERVAL_MS + 1)
            .unwrap_or(0)
            .min(LIMIT)
    };
    Decision {
        allowed: true,
        remaining,
        reset_secs: ceil_secs(new_tat - now),
        retry_after_secs: 0,
    }
}

/// The limiter; one per process.
#[derive(Debug, Default)]
pub struct RateLimiter {
    memory: Mutex<Memory>,
    queue: Mutex<Queue>,
}

#[derive(Debug, Default)]
struct Memory {
    tats: HashMap<String, i64>,
    /// Prune when the map reaches this size; then twice what survives, so
    /// pruning stays rare (amortised O(1)) even when most tokens are busy.
    prune_at: usize,
}

/// Calls waiting for the next database step (PostgreSQL).
#[derive(Debug, Default)]
struct Queue {
    waiting: Vec<Waiting>,
    /// A task is stepping batches; it takes what queues until none is left.
    stepping: bool,
}

#[derive(Debug)]
struct Waiting {
    key: String,
    now: i64,
    answer: oneshot::Sender<Result<Decision>>,
}

/// At most this many calls in one statement.
const MAX_BATCH: usize = 500;

impl RateLimiter {
    /// Count one call of `key` (a token id) at `now` and decide.
    pub async fn hit(self: &Arc<Self>, db: &Db, key: &str, now: i64) -> Result<Decision> {
        match db {
            Db::Sqlite(_) => Ok(self.hit_local(key, now)),
            Db::Postgres(_) => self.hit_shared(db, key, now).await,
        }
    }

    /// SQLite's single instance: the TAT in memory.
    fn hit_local(&self, key: &str, now: i64) -> Decision {
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        // Entries whose TAT has passed carry no information: drop them
        // now and then so the map stays as small as the set of busy tokens.
        if memory.tats.len() >= memory.prune_at.max(10_000) {
            memory.tats.retain(|_, tat| *tat > now);
            memory.prune_at = memory.tats.len() * 2;
        }
        let (decision, new_tat) = decide(memory.tats.get(key).copied(), now);
        if let Some(t) = new_tat {
            memory.tats.insert(key.to_string(), t);
        }
        decision
    }

    /// PostgreSQL: queue the call; the first caller that finds nobody
    /// stepping starts a task that steps batches until the queue is empty.
    async fn hit_shared(self: &Arc<Self>, db: &Db, key: &str, now: i64) -> Result<Decision> {
        let (answer, decision) = oneshot::channel();
        let start = {
            let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.waiting.push(Waiting {
                key: key.to_string(),
                now,
                answer,
            });
            !std::mem::replace(&mut queue.stepping, true)
        };
        if start {
            tokio::spawn(Arc::clone(self).step_batches(db.clone()));
        }
        // The sender is dropped unanswered only if the stepping task died.
        decision.await.unwrap_or(Err(Error::Unavailable))
    }

    async fn step_batches(self: Arc<Self>, db: Db) {
        // Should the task end early (a panic, the runtime going away), the
        // calls still queued answer 503 at once (their senders are dropped)
        // and the next call starts another task.
        struct Stepping<'a> {
            queue: &'a Mutex<Queue>,
            finished: bool,
        }
        impl Drop for Stepping<'_> {
            fn drop(&mut self) {
                if !self.finished {
                    let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                    queue.waiting.clear();
                    queue.stepping = false;
                }
            }
        }
        let mut stepping = Stepping {
            queue: &self.queue,
            finished: false,
        };
        loop {
            let batch: Vec<Waiting> = {
                let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                if queue.waiting.is_empty() {
                    // Under the lock: a call queued after this starts a task.
                    queue.stepping = false;
                    stepping.finished = true;
                    return;
                }
                let n = queue.waiting.len().min(MAX_BATCH);
                queue.waiting.drain(..n).collect()
            };
            step_batch(&db, batch).await;
        }
    }
}

/// One statement for a batch: each token's row is stepped by as many calls
/// as it has in the batch, at most as many as its budget lets through, and
/// says how many it let through (`granted`). Calls of one token are
/// decided in the order they arrived, as one after the other.
async fn step_batch(db: &Db, batch: Vec<Waiting>) {
    let now = batch.iter().map(|w| w.now).max().unwrap_or_default();
    // Each distinct token once, with its number of calls; `slot_of[i]` is
    // the place of call `i`'s token.
    let mut keys: Vec<String> = Vec::new();
    let mut counts: Vec<i64> = Vec::new();
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let mut slot_of = Vec::with_capacity(batch.len());
    for w in &batch {
        let slot = *slots.entry(&w.key).or_insert_with(|| {
            keys.push(w.key.clone());
            counts.push(0);
            keys.len() - 1
        });
        counts[slot] += 1;
        slot_of.push(slot);
    }
    let stepped = match db {
        Db::Postgres(pool) => step_rows(pool, &keys, &counts, now).await,
        Db::Sqlite(_) => Err(Error::internal("the SQLite limit is kept in memory")),
    };
    let rows = match stepped {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, calls = batch.len(), "rate limit step failed");
            for w in batch {
                let _ = w.answer.send(Err(match &e {
                    Error::Unavailable => Error::Unavailable,
                    other => Error::internal(other.to_string()),
                }));
            }
            return;
        }
    };
    // The step's outcome per slot: (TAT after it, calls let through).
    let mut outcome: Vec<Option<(i64, i64)>> = vec![None; keys.len()];
    for (key, tat, granted) in rows {
        if let Some(&slot) = slots.get(key.as_str()) {
            outcome[slot] = Some((tat, granted));
        }
    }
    let mut nth = vec![0i64; keys.len()];
    for (w, slot) in batch.into_iter().zip(slot_of) {
        let answer = match outcome[slot] {
            Some((tat, granted)) => {
                nth[slot] += 1;
                Ok(decision_in_batch(tat, granted, nth[slot], now))
            }
            None => Err(Error::internal("rate limit row missing after its step")),
        };
        // The caller may have gone (its request was cancelled).
        let _ = w.answer.send(answer);
    }
}

/// The decision for the `nth` call (from 1) of a token in a batch whose
/// step left `tat` after letting `granted` calls through.
fn decision_in_batch(tat: i64, granted: i64, nth: i64, now: i64) -> Decision {
    if nth <= granted {
        let before = tat - INTERVAL_MS * granted;
        allowed(before + INTERVAL_MS * nth, now)
    } else {
        decide(Some(tat), now).0
    }
}

async fn step_rows(
    pool: &sqlx::PgPool,
    keys: &[String],
    counts: &[i64],
    now: i64,
) -> Result<Vec<(String, i64, i64)>> {
    // `base`: the TAT, or now if it has passed. `room`: how many calls fit
    // before the TAT runs more than the tolerance ahead of now.
    const STEP: &str = "
        INSERT INTO rate_limits (key, tat, granted)
        SELECT c.key, $1 + $2 * LEAST(c.n, $4), LEAST(c.n, $4)
        FROM unnest($5::text[], $6::bigint[]) AS c(key, n)
        ON CONFLICT (key) DO UPDATE SET
            granted = CASE WHEN GREATEST(rate_limits.tat, $1) - $1 > $3 THEN 0
                           ELSE LEAST(EXCLUDED.granted, ($3 - (GREATEST(rate_limits.tat, $1) - $1)) / $2 + 1) END,
            tat = GREATEST(rate_limits.tat, $1) + $2 *
                      CASE WHEN GREATEST(rate_limits.tat, $1) - $1 > $3 THEN 0
                           ELSE LEAST(EXCLUDED.granted, ($3 - (GREATEST(rate_limits.tat, $1) - $1)) / $2 + 1) END
        RETURNING key, tat, granted";
    Ok(sqlx::query_as(STEP)
        .bind(now)
        .bind(INTERVAL_MS)
        .bind(TOLERANCE_MS)
        .bind(i64::from(LIMIT))
        .bind(keys)
        .bind(counts)
        .fetch_all(pool)
        .await?)
}

/// Forget TATs long past (the purge sweep).
pub async fn purge(ctx: &Ctx) -> Result<u64> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    Ok(sql!(
        c.conn(),
        execute,
        "DELETE FROM rate_limits WHERE tat < $1",
        now
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sixty_at_once_then_one_per_second() {
        // proves: API-3
        let mut tat = None;
        let now = 1_000_000;
        for i in 0..60 {
            let (d, t) = decide(tat, now);
            assert!(d.allowed, "request {i}");
            assert_eq!(d.remaining, 59 - i);
            tat = t;
        }
        let (d, t) = decide(tat, now);
        assert!(!d.allowed);
        assert_eq!(t, None);
        assert_eq!(d.retry_after_secs, 1);
        assert_eq!(d.reset_secs, 60);
        let (d, _) = decide(tat, now + 1000);
        assert!(d.allowed);
        assert_eq!(d.remaining, 0);
    }

    proptest! {
        #[test]
        fn never_more_than_sixty_in_any_minute(gaps in proptest::collection::vec(0i64..3000, 1..400)) {
            let mut tat = None;
            let mut now = 0i64;
            let mut allowed_at = Vec::new();
            for g in gaps {
                now += g;
                let (d, t) = decide(tat, now);
                if d.allowed { allowed_at.push(now); tat = t; }
            }
            for (i, start) in allowed_at.iter().enumerate() {
                let in_window = allowed_at[i..].iter().take_while(|t| **t < start + 60_000).count();
                // GCRA allows the burst plus the refill during the minute.
                prop_assert!(in_window < 2 * LIMIT as usize);
            }
        }
    }
}
