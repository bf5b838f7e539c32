//! The API rate limit's counting (API-3): exact under concurrency, whether
//! the state lives in memory (SQLite) or in rows stepped in batches
//! (PostgreSQL, ADR 0006).

use std::sync::Arc;

use guichet_core::{
    both_engines,
    ratelimit::{Decision, LIMIT, decide},
    testing::TestApp,
};

/// `n` calls of `key` at once, each its own task, all at `now`.
async fn concurrent_calls(app: &TestApp, key: &str, n: usize, now: i64) -> Vec<Decision> {
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let ctx = app.ctx.clone();
            let key = key.to_string();
            tokio::spawn(async move { ctx.rate_limiter.hit(&ctx.db, &key, now).await })
        })
        .collect();
    let mut decisions = Vec::new();
    for call in calls {
        decisions.push(call.await.unwrap().unwrap());
    }
    decisions
}

both_engines!(concurrent_calls_of_one_token_let_exactly_sixty_through);
async fn concurrent_calls_of_one_token_let_exactly_sixty_through(app: Arc<TestApp>) {
    // proves: API-3
    let now = 1_800_000_000_000;
    let decisions = concurrent_calls(&app, "tok_busy", 150, now).await;
    let allowed: Vec<&Decision> = decisions.iter().filter(|d| d.allowed).collect();
    assert_eq!(allowed.len(), LIMIT as usize);
    // Each call let through saw the budget one smaller: 59, 58, … 0.
    let mut remaining: Vec<u32> = allowed.iter().map(|d| d.remaining).collect();
    remaining.sort_unstable();
    assert_eq!(remaining, (0..LIMIT).collect::<Vec<_>>());
    for refused in decisions.iter().filter(|d| !d.allowed) {
        assert_eq!(refused.retry_after_secs, 1);
        assert_eq!(refused.reset_secs, 60);
    }
    // Another token has its own budget.
    let other = concurrent_calls(&app, "tok_quiet", 1, now).await;
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
    let rounds: [(i64, [usize; 3]); 6] = [
        (0, [70, 1, 30]),
        (1_500, [3, 59, 30]),
        (10_000, [12, 1, 0]),
        (0, [1, 1, 1]),
        (61_000, [80, 60, 5]),
        (2_999, [4, 4, 4]),
    ];
    let keys = ["tok_a", "tok_b", "tok_c"];
    let mut model: [Option<i64>; 3] = [None; 3];
    let mut now = 1_800_000_000_000;
    for (step, counts) in rounds {
        now += step;
        let mut calls = Vec::new();
        for (key, n) in keys.iter().zip(counts) {
            for _ in 0..n {
                let ctx = app.ctx.clone();
                let key = key.to_string();
                calls.push(tokio::spawn(async move {
                    (key.clone(), ctx.rate_limiter.hit(&ctx.db, &key, now).await)
                }));
            }
        }
        let mut allowed = [0usize; 3];
        for call in calls {
            let (key, decision) = call.await.unwrap();
            if decision.unwrap().allowed {
                allowed[keys.iter().position(|k| *k == key).unwrap()] += 1;
            }
        }
        for i in 0..3 {
            let mut expected = 0;
            for _ in 0..counts[i] {
                let (d, tat) = decide(model[i], now);
                if d.allowed {
                    expected += 1;
                    model[i] = tat;
                }
            }
            assert_eq!(
                allowed[i], expected,
                "{} after a step of {step} ms",
                keys[i]
            );
        }
    }
}
