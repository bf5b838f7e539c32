//! The API rate limit (API-3): 60 requests per minute per token, not
//! raisable, by GCRA (the generic cell rate algorithm): each request pushes
//! a "theoretical arrival time" (TAT) forward by 1 s; a request is refused
//! while the TAT is more than 59 s ahead of now. A full minute's budget can
//! be spent at once, then it refills at one request per second.
//!
//! On PostgreSQL the TAT is a row, so the limit holds across every instance
//! sharing the database. The statement that looks up the tokens of a batch
//! of calls steps their rows too (ADR 0006, 0007): each row is updated
//! atomically under its lock, so the limit stays exact whichever instance a
//! call reaches. SQLite serves a single instance, so the TAT is kept in
//! memory there ([`RateLimiter`]), with the same rule (`decide`), and no
//! write per request.

use std::{collections::HashMap, sync::Mutex};

use crate::{Ctx, error::Result, sql};

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

/// The limit kept in process memory: SQLite's single instance. On
/// PostgreSQL the TAT is a row stepped by the token lookup itself
/// (`tokens::store::token_callers_stepped`).
#[derive(Debug, Default)]
pub struct RateLimiter {
    memory: Mutex<Memory>,
}

#[derive(Debug, Default)]
struct Memory {
    tats: HashMap<String, i64>,
    /// Prune when the map reaches this size; then twice what survives, so
    /// pruning stays rare (amortised O(1)) even when most tokens are busy.
    prune_at: usize,
}

impl RateLimiter {
    /// Count one call of `key` (a token id) at `now` and decide.
    pub fn hit(&self, key: &str, now: i64) -> Decision {
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
}

/// The decision for the `nth` call (from 1) of a token in a batch whose
/// step left `tat` after letting `granted` calls through: the calls of one
/// token in a batch are decided as if made one after the other.
pub fn decision_in_batch(tat: i64, granted: i64, nth: i64, now: i64) -> Decision {
    if nth <= granted {
        let before = tat - INTERVAL_MS * granted;
        allowed(before + INTERVAL_MS * nth, now)
    } else {
        decide(Some(tat), now).0
    }
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
