//! The outbox retry delay as a rule: doubling from the base delay, never
//! shrinking as tries add up, never above the configured maximum.

use std::sync::{Arc, LazyLock};

use guichet_core::{
    Ctx,
    clock::{Clock, FixedClock},
    config::{Config, OutboxConfig},
    db::Db,
    outbox::deliver::backoff_ms,
    testing::start_time,
};
use proptest::prelude::*;

/// `backoff_ms` reads the configuration from a `Ctx`; this one never touches
/// its (lazy, never connected) database. The runtime is entered only to
/// build the pool.
struct Base {
    ctx: Ctx,
    _data_dir: tempfile::TempDir,
}

static BASE: LazyLock<Base> = LazyLock::new(|| {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = rt.enter();
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .connect_lazy("sqlite::memory:")
        .unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: data_dir.path().to_path_buf(),
        ..Config::default()
    };
    let clock = Arc::new(FixedClock::new(start_time())) as Arc<dyn Clock>;
    Base {
        ctx: Ctx::new(config, Db::Sqlite(pool), clock).unwrap(),
        _data_dir: data_dir,
    }
});

/// A context with this outbox configuration, or None when the
/// configuration would be refused at start-up.
fn ctx_with(outbox: OutboxConfig) -> Option<Ctx> {
    let config = Config {
        outbox,
        ..(*BASE.ctx.config).clone()
    };
    config.validate().ok()?;
    let mut ctx = BASE.ctx.clone();
    ctx.config = Arc::new(config);
    Some(ctx)
}

fn delays() -> impl Strategy<Value = u64> {
    prop_oneof![0..100u64, 0..100_000u64, any::<u64>()]
}

fn outbox(base_delay_secs: u64, max_delay_secs: u64) -> OutboxConfig {
    OutboxConfig {
        base_delay_secs,
        max_delay_secs,
        ..OutboxConfig::default()
    }
}

proptest! {
    // proves: CAT-3
    #[test]
    fn backoff_never_shrinks_and_never_passes_the_maximum(
        base in delays(),
        max in delays(),
        a in 0..200u32,
        b in 0..200u32,
    ) {
        let Some(ctx) = ctx_with(outbox(base, max)) else {
            return Ok(());
        };
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(backoff_ms(&ctx, lo) <= backoff_ms(&ctx, hi));
        let cap = i128::from(max) * 1000;
        prop_assert!(i128::from(backoff_ms(&ctx, hi)) <= cap);
        prop_assert!(backoff_ms(&ctx, lo) >= 1000);
    }

    // proves: CAT-3
    #[test]
    fn backoff_doubles_from_the_base_delay(
        base in 1..100_000u64,
        extra in 0..10_000_000u64,
        tries in 1..80u32,
    ) {
        let max = base + extra;
        let ctx = ctx_with(outbox(base, max)).unwrap();
        let doubled = u128::from(base) << (tries - 1).min(100);
        let expected = doubled.min(u128::from(max)) * 1000;
        prop_assert_eq!(i128::from(backoff_ms(&ctx, tries)), i128::try_from(expected).unwrap());
    }
}

#[test]
fn delays_the_maximum_cannot_honour_are_refused_at_start_up() {
    assert!(ctx_with(outbox(30, 21_600)).is_some());
    assert!(ctx_with(outbox(30, 30)).is_some());
    assert!(ctx_with(outbox(60, 30)).is_none(), "max below base");
    assert!(ctx_with(outbox(0, 30)).is_none(), "no delay at all");
}
