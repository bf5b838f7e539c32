//! Brute-force throttling (SEC-5) of sign-in, code checks, reset and
//! verification requests: failures are counted per key (an account, an
//! address, both) and past a free allowance each one doubles the wait, up to
//! a cap. There is never a permanent lock, so an attacker cannot lock a
//! customer out for longer than the cap; and the per-address keys slow a
//! guesser without touching the customer's own attempts from elsewhere.
//! Kept in the database, so it holds across instances.

use crate::{
    db::{Conn, Db},
    error::{Error, Result},
    sql,
};

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Key prefix, e.g. `signin:acct-ip`.
    pub name: &'static str,
    /// Failures allowed before any wait: once this many are counted, the
    /// next attempt waits.
    pub free: u32,
    /// First wait; doubled after each further failure.
    pub base_secs: u64,
    /// Longest wait.
    pub max_secs: u64,
    /// Failures older than this are forgotten.
    pub window_secs: u64,
}

/// Wrong passwords for one account from one address.
pub const SIGN_IN_ACCOUNT_FROM_IP: Rule = Rule {
    name: "signin:acct-ip",
    free: 5,
    base_secs: 2,
    max_secs: 900,
    window_secs: 3600,
};
/// Wrong passwords from one address, any account (credential stuffing).
pub const SIGN_IN_FROM_IP: Rule = Rule {
    name: "signin:ip",
    free: 30,
    base_secs: 2,
    max_secs: 900,
    window_secs: 3600,
};
/// Wrong passwords for one account from anywhere (distributed guessing);
/// a higher allowance and a short cap, so it cannot lock the owner out.
pub const SIGN_IN_ACCOUNT: Rule = Rule {
    name: "signin:acct",
    free: 50,
    base_secs: 1,
    max_secs: 120,
    window_secs: 3600,
};
/// Password confirmations (token creation, password change) per user.
pub const PASSWORD_CONFIRM: Rule = Rule {
    name: "confirm:user",
    free: 5,
    base_secs: 2,
    max_secs: 900,
    window_secs: 3600,
};
/// Reset and verification mails asked for one address: every request
/// counts, so a mailbox cannot be flooded.
pub const MAIL_REQUEST_FOR_ADDRESS: Rule = Rule {
    name: "mailreq:addr",
    free: 3,
    base_secs: 60,
    max_secs: 3600,
    window_secs: 3600,
};
/// Reset, verification and sign-up requests from one address.
pub const MAIL_REQUEST_FROM_IP: Rule = Rule {
    name: "mailreq:ip",
    free: 20,
    base_secs: 10,
    max_secs: 3600,
    window_secs: 3600,
};

impl Rule {
    pub fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }

    /// The wait after `failures` failures, in milliseconds: none until the
    /// allowance is spent, then `base_secs` doubling with each failure.
    pub fn wait_ms(&self, failures: u32) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(30);
        let secs = self
            .base_secs
            .saturating_mul(1u64 << doublings)
            .min(self.max_secs);
        i64::try_from(secs * 1000).unwrap_or(i64::MAX)
    }
}

/// The keys a request for a mail (reset, verification, sign-up) counts
/// against: the address it goes to, and the address it came from.
pub fn mail_request_keys(email_lower: &str, ip: &str) -> [(Rule, String); 2] {
    [
        (
            MAIL_REQUEST_FOR_ADDRESS,
            MAIL_REQUEST_FOR_ADDRESS.key(email_lower),
        ),
        (MAIL_REQUEST_FROM_IP, MAIL_REQUEST_FROM_IP.key(ip)),
    ]
}

/// Count one attempt against every key and decide, in one step, whether it
/// may go on (SEC-5). Counting first and deciding on the count closes the
/// race a check-then-record pair leaves open: a hundred parallel guesses
/// would all pass the check before any of them was recorded. Here each one
/// takes a slot under the row's lock (PostgreSQL) or the write lock
/// (SQLite), so exactly `free` attempts of a burst go on, on every engine
/// and across instances; the rest are refused with 429 and count nothing.
///
/// The attempt is counted as a failure until the caller says otherwise:
/// [`forgive`] gives its slot back after a success, [`clear`] forgets a
/// key. It commits in its own short transaction, before the slow work
/// (hashing) it guards.
pub async fn attempt(db: &Db, keys: &[(Rule, String)], now: i64) -> Result<()> {
    // One lock order for every caller, so two attempts sharing keys cannot
    // deadlock on PostgreSQL.
    let mut ordered: Vec<&(Rule, String)> = keys.iter().collect();
    ordered.sort_by(|a, b| a.1.cmp(&b.1));
    let mut tx = db.begin().await?;
    for (rule, key) in ordered {
        let window_start = now - i64::try_from(rule.window_secs * 1000).unwrap_or(i64::MAX / 2);
        // No row comes back while the key is blocked: the conflict's
        // update is skipped and the attempt is not counted.
        let counted: Option<i32> = sql!(tx.conn(), fetch_optional scalar i32,
            "INSERT INTO throttles (key, failures, blocked_until, updated_at) VALUES ($1, 1, 0, $2)
             ON CONFLICT (key) DO UPDATE SET
                 failures = CASE WHEN throttles.updated_at < $3 THEN 1 ELSE throttles.failures + 1 END,
                 updated_at = $2
             WHERE throttles.blocked_until <= $2
             RETURNING failures",
            key, now, window_start)?;
        let Some(counted) = counted else {
            // Dropping the transaction rolls back the keys counted so far.
            return Err(throttled(tx.conn(), keys, now).await?);
        };
        // Once this attempt spends the allowance, the next one waits.
        let wait = rule.wait_ms(u32::try_from(counted).unwrap_or(u32::MAX));
        if wait > 0 {
            sql!(
                tx.conn(),
                execute,
                "UPDATE throttles SET blocked_until = $1 WHERE key = $2",
                now + wait,
                key
            )?;
        }
    }
    tx.commit().await
}

/// The 429 for an attempt refused now: the longest wait among the keys.
async fn throttled(mut c: Conn<'_>, keys: &[(Rule, String)], now: i64) -> Result<Error> {
    let mut wait_ms = 1i64;
    for (_, key) in keys {
        let until: Option<i64> = sql!(c.reborrow(), fetch_optional scalar i64,
            "SELECT blocked_until FROM throttles WHERE key = $1", key)?;
        wait_ms = wait_ms.max(until.unwrap_or(0) - now);
    }
    Ok(Error::Throttled {
        retry_after_secs: u64::try_from((wait_ms + 999) / 1000).unwrap_or(1),
    })
}

/// Give back the slot an attempt took, once it turned out to be no failure
/// (the right password): the wait it may have started goes too, unless the
/// failures left still call for one.
pub async fn forgive(mut c: Conn<'_>, keys: &[(Rule, String)]) -> Result<()> {
    for (rule, key) in keys {
        sql!(
            c.reborrow(),
            execute,
            "UPDATE throttles SET failures = failures - 1,
                 blocked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE blocked_until END
             WHERE key = $1 AND failures > 0",
            key,
            i64::from(rule.free)
        )?;
    }
    Ok(())
}

/// Forget the failures of a key (after a successful sign-in).
pub async fn clear(c: Conn<'_>, key: &str) -> Result<()> {
    sql!(c, execute, "DELETE FROM throttles WHERE key = $1", key)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_are_capped() {
        // proves: SEC-5
        let r = SIGN_IN_ACCOUNT_FROM_IP;
        assert_eq!(r.wait_ms(4), 0);
        // Five failures spend the allowance: the sixth attempt waits.
        assert_eq!(r.wait_ms(5), 2_000);
        assert_eq!(r.wait_ms(6), 4_000);
        assert_eq!(r.wait_ms(9), 32_000);
        assert_eq!(r.wait_ms(1000), 900_000);
    }
}
