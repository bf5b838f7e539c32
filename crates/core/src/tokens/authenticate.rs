//! The hot path of an API call (API-1, API-3; ADR 0006, 0007): the bearer
//! token is looked up in a batch with the other calls of the moment, its
//! rate limit stepped (PostgreSQL) or counted in memory (SQLite), and the
//! caller's profile comes with it, so a call costs one statement.

use std::collections::HashMap;

use super::{TOKEN_PREFIX, ratelimit, store};
use crate::{
    Ctx,
    access::{Actor, OnBehalf, ScopeSet, Via},
    accounts::{ProfileView, RequestMeta, hash_secret},
    db::Db,
    error::{Error, Result},
    i18n::Lang,
};

/// An API call's identity and its place in the rate limit.
#[derive(Debug, Clone)]
pub struct TokenAuth {
    pub actor: Actor,
    pub rate: ratelimit::Decision,
}

fn invalid_token(why: &str) -> Error {
    Error::unauthenticated("invalid_token", why)
}

/// Authenticate a bearer token and count the call against its limit
/// (API-1, API-3). Unknown, expired, revoked and deactivated tokens are
/// 401 `invalid_token`. A refused call (over the limit) is reported in
/// `rate` for the caller to answer 429 with the limit's headers.
pub async fn authenticate_token(ctx: &Ctx, secret: &str, meta: &RequestMeta) -> Result<TokenAuth> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
        return Err(invalid_token("This is not a Guichet API token."));
    }
    let call = TokenCall {
        hash: hash_secret(secret),
        now: ctx.clock.now().as_millisecond(),
    };
    // One statement per batch of concurrent calls finds the tokens (and
    // on PostgreSQL steps their limits): ADR 0007.
    let looked = ctx
        .token_calls
        .call(&ctx.db, call, step_token_calls)
        .await?;
    let (stepped, now) = (looked.rate, looked.now);
    let t = looked
        .caller
        .ok_or_else(|| invalid_token("Unknown token."))?;
    if t.revoked_at.is_some() {
        return Err(invalid_token("This token was revoked."));
    }
    if t.deactivated_at.is_some() {
        return Err(invalid_token(
            "This token was deactivated after a year without use.",
        ));
    }
    if t.expires_at.is_some_and(|e| e <= now) {
        return Err(invalid_token("This token has expired."));
    }
    let rate = match (&ctx.db, stepped) {
        (_, Some(rate)) => rate,
        (Db::Sqlite(_), None) => ctx.rate_limiter.hit(&t.id, now),
        (Db::Postgres(_), None) => {
            return Err(Error::internal("a live token's limit was not stepped"));
        }
    };
    if rate.allowed
        && t.last_used_at
            .is_none_or(|l| l < now - store::TOKEN_TOUCH_MS)
    {
        let mut c = ctx.db.acquire().await?;
        store::touch_token(c.conn(), &t.id, now).await?;
    }
    let profile = ProfileView {
        id: t.user_id.clone(),
        email: t.email,
        email_verified: t.email_verified_at.is_some(),
        name: t.name,
        language: Lang::parse(&t.language).unwrap_or_default(),
        recovery_email: t.recovery_email,
        pending_recovery_email: t.pending_recovery_email,
        support_code: t.support_code,
        created_at: t.user_created_at / 1000,
    };
    Ok(TokenAuth {
        actor: Actor {
            user_id: t.user_id,
            via: Via::Token {
                token_id: t.id,
                scopes: ScopeSet::from_stored(&t.scopes),
            },
            on_behalf: OnBehalf::Own,
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            account: Some(std::sync::Arc::new(profile)),
        },
        rate,
    })
}

/// One API call waiting for its batch: the token's hash and when the call
/// came.
#[derive(Debug)]
pub struct TokenCall {
    hash: String,
    now: i64,
}

/// What the batch found for one call.
#[derive(Debug)]
pub struct TokenLookup {
    caller: Option<store::TokenCaller>,
    /// The call's place in the limit (PostgreSQL); none if the token is
    /// unknown or no longer live, and on SQLite, which counts in memory.
    rate: Option<ratelimit::Decision>,
    /// The batch's time, which the statement judged expiry by.
    now: i64,
}

/// The batches of API calls: one per process.
pub type TokenCalls = crate::batch::Batcher<TokenCall, TokenLookup>;

/// One statement for a batch of calls: each distinct token once, on
/// PostgreSQL stepped by its number of calls; calls of one token are
/// decided in the order they arrived, as one after the other. The batch's
/// time is its latest call's (they are microseconds apart).
async fn step_token_calls(db: Db, batch: Vec<TokenCall>) -> Vec<Result<TokenLookup>> {
    let now = batch.iter().map(|c| c.now).max().unwrap_or_default();
    // `slot_of[i]`: the place of call i's token in `hashes`.
    let mut hashes: Vec<String> = Vec::new();
    let mut counts: Vec<i64> = Vec::new();
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let mut slot_of = Vec::with_capacity(batch.len());
    for call in &batch {
        let slot = *slots.entry(&call.hash).or_insert_with(|| {
            hashes.push(call.hash.clone());
            counts.push(0);
            hashes.len() - 1
        });
        counts[slot] += 1;
        slot_of.push(slot);
    }
    let found = match &db {
        Db::Postgres(pool) => store::token_callers_stepped(pool, &hashes, &counts, now).await,
        Db::Sqlite(_) => match db.acquire().await {
            Ok(mut c) => store::token_callers(c.conn(), &hashes).await,
            Err(e) => Err(e),
        },
    };
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, calls = batch.len(), "token lookup batch failed");
            return batch
                .iter()
                .map(|_| {
                    Err(match &e {
                        Error::Unavailable => Error::Unavailable,
                        other => Error::internal(other.to_string()),
                    })
                })
                .collect();
        }
    };
    let mut by_slot: Vec<Option<store::SteppedCaller>> = (0..hashes.len()).map(|_| None).collect();
    for row in found {
        if let Some(&slot) = slots.get(row.token_hash.as_str()) {
            by_slot[slot] = Some(row);
        }
    }
    let mut nth = vec![0i64; hashes.len()];
    slot_of
        .into_iter()
        .map(|slot| {
            let Some(row) = &by_slot[slot] else {
                return Ok(TokenLookup {
                    caller: None,
                    rate: None,
                    now,
                });
            };
            nth[slot] += 1;
            let rate = row
                .tat
                .zip(row.granted)
                .map(|(tat, granted)| ratelimit::decision_in_batch(tat, granted, nth[slot], now));
            Ok(TokenLookup {
                caller: Some(row.caller.clone()),
                rate,
                now,
            })
        })
        .collect()
}
