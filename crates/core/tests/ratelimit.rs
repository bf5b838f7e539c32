//! The API rate limit's counting (API-3) through the token lookup: exact
//! under concurrency, whether the state lives in memory (SQLite) or in rows
//! stepped by the statement that finds a batch of calls' tokens
//! (PostgreSQL, ADR 0007).

use guichet_core::ids::ApiTokenId;
use std::sync::Arc;

use guichet_core::{
    Ctx,
    access::Actor,
    both_engines,
    db::Engine,
    testing::TestApp,
    tokens::ratelimit::{Decision, LIMIT, decide},
    tokens::{self, CreateToken},
};
use jiff::SignedDuration;

use crate::{
    accounts_support::{PASSWORD, error_code, home, sign_up_verified},
    support::reconfigure,
};

async fn token(app: &TestApp, actor: &Actor) -> (ApiTokenId, String) {
    let created = tokens::create_token(
        &app.ctx,
        actor,
        CreateToken {
            name: "load test",
            scopes: vec!["profile:read".into()],
            expires_on: None,
            password: PASSWORD,
        },
    )
    .await
    .unwrap();
    (created.view.id, created.token)
}

/// `n` calls of `secret` through `ctx` at once, each its own task.
fn spawn_calls(
    ctx: &Ctx,
    secret: &str,
    n: usize,
) -> Vec<tokio::task::JoinHandle<guichet_core::Result<Decision>>> {
    (0..n)
        .map(|_| {
            let ctx = ctx.clone();
            let secret = secret.to_string();
            tokio::spawn(async move {
                tokens::authenticate_token(&ctx, &secret, &home())
                    .await
                    .map(|auth| auth.rate)
            })
        })
        .collect()
}

async fn decisions(
    calls: Vec<tokio::task::JoinHandle<guichet_core::Result<Decision>>>,
) -> Vec<Decision> {
    let mut out = Vec::new();
    for call in calls {
        out.push(call.await.unwrap().unwrap());
    }
    out
}

both_engines!(concurrent_calls_of_one_token_let_exactly_sixty_through);
async fn concurrent_calls_of_one_token_let_exactly_sixty_through(app: Arc<TestApp>) {
    // proves: API-3
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let (_, busy) = token(&app, &ada).await;
    let (_, quiet) = token(&app, &ada).await;
    let all = decisions(spawn_calls(&app.ctx, &busy, 150)).await;
    let allowed: Vec<&Decision> = all.iter().filter(|d| d.allowed).collect();
    assert_eq!(allowed.len(), LIMIT as usize);
    // Each call let through saw the budget one smaller: 59, 58, … 0.
    let mut remaining: Vec<u32> = allowed.iter().map(|d| d.remaining).collect();
    remaining.sort_unstable();
    assert_eq!(remaining, (0..LIMIT).collect::<Vec<_>>());
    for refused in all.iter().filter(|d| !d.allowed) {
        assert_eq!(refused.retry_after_secs, 1);
        assert_eq!(refused.reset_secs, 60);
    }
    // Another token has its own budget.
    let other = decisions(spawn_calls(&app.ctx, &quiet, 1)).await;
    assert!(other[0].allowed);
    assert_eq!(other[0].remaining, LIMIT - 1);
}

both_engines!(calls_in_batches_are_decided_as_one_after_the_other);
async fn calls_in_batches_are_decided_as_one_after_the_other(app: Arc<TestApp>) {
    // proves: API-3
    // Rounds of concurrent calls of three tokens (batched together however
    // they arrive), with the clock moving between rounds by steps that
    // refill the budget partly: each token lets through exactly what GCRA
    // lets through calls made one after the other.
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let mut secrets = Vec::new();
    for _ in 0..3 {
        secrets.push(token(&app, &ada).await.1);
    }
    let rounds: [(i64, [usize; 3]); 6] = [
        (0, [70, 1, 30]),
        (1_500, [3, 59, 30]),
        (10_000, [12, 1, 0]),
        (0, [1, 1, 1]),
        (61_000, [80, 60, 5]),
        (2_999, [4, 4, 4]),
    ];
    let mut model: [Option<i64>; 3] = [None; 3];
    for (step, counts) in rounds {
        app.advance(SignedDuration::from_millis(step));
        let now = app.ctx.clock.now().as_millisecond();
        let calls: Vec<_> = secrets
            .iter()
            .zip(counts)
            .map(|(secret, n)| spawn_calls(&app.ctx, secret, n))
            .collect();
        for (i, calls) in calls.into_iter().enumerate() {
            let allowed = decisions(calls).await.iter().filter(|d| d.allowed).count();
            let mut expected = 0;
            for _ in 0..counts[i] {
                let (d, tat) = decide(model[i], now);
                if d.allowed {
                    expected += 1;
                    model[i] = tat;
                }
            }
            assert_eq!(allowed, expected, "token {i} after a step of {step} ms");
        }
    }
}

both_engines!(a_batch_answers_each_call_for_its_own_token);
async fn a_batch_answers_each_call_for_its_own_token(app: Arc<TestApp>) {
    // proves: API-1, API-3
    // Live, revoked and unknown tokens called at once (on PostgreSQL, in
    // shared statements): each call gets its own token's answer, and the
    // refused ones spend nobody's budget.
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let (_, live) = token(&app, &ada).await;
    let (revoked_id, revoked) = token(&app, &ada).await;
    tokens::revoke_token(&app.ctx, &ada, &revoked_id)
        .await
        .unwrap();
    let unknown = "gch_0000000000000000000000000000000000000000".to_string();
    let mut calls = Vec::new();
    for i in 0..90 {
        let secret = [&live, &revoked, &unknown][i % 3].clone();
        let ctx = app.ctx.clone();
        calls.push(tokio::spawn(async move {
            let answer = tokens::authenticate_token(&ctx, &secret, &home()).await;
            (secret, answer.map(|a| (a.actor.user_id, a.rate)))
        }));
    }
    let mut live_remaining = Vec::new();
    for call in calls {
        let (secret, answer) = call.await.unwrap();
        if secret == live {
            let (user, rate) = answer.unwrap();
            assert_eq!(user, ada.user_id);
            assert!(rate.allowed);
            live_remaining.push(rate.remaining);
        } else {
            assert_eq!(error_code(answer), "invalid_token");
        }
    }
    live_remaining.sort_unstable();
    assert_eq!(live_remaining, (30..LIMIT).collect::<Vec<_>>());
}

both_engines!(two_instances_calling_at_once_share_one_budget);
async fn two_instances_calling_at_once_share_one_budget(app: Arc<TestApp>) {
    // proves: API-3
    if app.engine() == Engine::Sqlite {
        // SQLite serves one instance; its limit is in that instance's memory.
        return;
    }
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let (_, secret) = token(&app, &ada).await;
    let other = reconfigure(&app, |_| {});
    let mut calls = spawn_calls(&app.ctx, &secret, 50);
    calls.extend(spawn_calls(&other, &secret, 50));
    let allowed = decisions(calls).await.iter().filter(|d| d.allowed).count();
    assert_eq!(allowed, LIMIT as usize);
}
