//! Scheduled work: a sweep runs under a lease, so that instances sharing one
//! database never run it at once; the lease is released after every run,
//! taken over when its holder died, and a failing sweep never stops others.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    time::Duration,
};

use futures::future::{Either, select};
use guichet_core::{
    Ctx, Error, both_engines,
    db::Engine,
    jobs::{self, Sweep, SweepFuture, SweepOutcome, SweepReport},
    sql,
    testing::{TestApp, start_time},
};
use jiff::SignedDuration;
use tokio::sync::Notify;

/// Each test's SQLite and PostgreSQL variants run at the same time in one
/// process, so the statics the test sweeps count in have a slot per engine.
fn slot(ctx: &Ctx) -> usize {
    match ctx.db.engine() {
        Engine::Sqlite => 0,
        Engine::Postgres => 1,
    }
}

/// A sweep body the test drives: it counts its runs, says it started, and
/// waits until the test lets it finish. One gate per test.
struct Gate {
    runs: [AtomicU32; 2],
    started: [Notify; 2],
    release: [Notify; 2],
}

impl Gate {
    const fn new() -> Gate {
        Gate {
            runs: [AtomicU32::new(0), AtomicU32::new(0)],
            started: [Notify::const_new(), Notify::const_new()],
            release: [Notify::const_new(), Notify::const_new()],
        }
    }

    async fn pass(&self, ctx: &Ctx) -> guichet_core::Result<SweepReport> {
        let i = slot(ctx);
        self.runs[i].fetch_add(1, Ordering::SeqCst);
        self.started[i].notify_one();
        // Bounded, so that a broken test fails instead of hanging.
        tokio::time::timeout(Duration::from_secs(30), self.release[i].notified())
            .await
            .map_err(|_| Error::internal("the test never opened the gate"))?;
        Ok(SweepReport { done: 1, failed: 0 })
    }

    fn runs(&self, app: &TestApp) -> u32 {
        self.runs[slot(&app.ctx)].load(Ordering::SeqCst)
    }

    /// Wait until a run is inside the sweep.
    async fn wait_started(&self, app: &TestApp) {
        tokio::time::timeout(
            Duration::from_secs(30),
            self.started[slot(&app.ctx)].notified(),
        )
        .await
        .expect("the sweep never started");
    }

    /// Let the run inside the sweep (or the next one) finish.
    fn open(&self, app: &TestApp) {
        self.release[slot(&app.ctx)].notify_one();
    }
}

/// The lease row of a sweep: holder, expiry, last outcome.
async fn lease(app: &TestApp, name: &str) -> (String, i64, Option<String>) {
    let mut c = app.ctx.db.acquire().await.unwrap();
    sql!(
        c.conn(),
        fetch_one as (String, i64, Option<String>),
        "SELECT holder, expires_at, last_outcome FROM job_leases WHERE name = $1",
        name
    )
    .unwrap()
}

fn spawn_run(
    app: &Arc<TestApp>,
    sweep: &'static Sweep,
    holder: &'static str,
) -> tokio::task::JoinHandle<SweepOutcome> {
    let app = app.clone();
    tokio::spawn(async move { jobs::run_sweep(&app.ctx, sweep, holder).await })
}

fn lease_duration(app: &TestApp) -> SignedDuration {
    SignedDuration::from_secs(i64::try_from(app.ctx.config.jobs.lease_secs).unwrap())
}

const RAN_ONE: SweepOutcome = SweepOutcome::Ran(SweepReport { done: 1, failed: 0 });

static ONE_AT_A_TIME: Gate = Gate::new();
fn one_at_a_time(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(ONE_AT_A_TIME.pass(ctx))
}
static ONE_AT_A_TIME_SWEEP: Sweep = Sweep {
    name: "test.one_at_a_time",
    every: Duration::ZERO,
    run: one_at_a_time,
    per_instance: false,
};

// proves: OPS-1, OPS-2
both_engines!(two_instances_never_run_a_sweep_at_once);
async fn two_instances_never_run_a_sweep_at_once(app: Arc<TestApp>) {
    let gate = &ONE_AT_A_TIME;
    let a = spawn_run(&app, &ONE_AT_A_TIME_SWEEP, "inst_a");
    let b = spawn_run(&app, &ONE_AT_A_TIME_SWEEP, "inst_b");
    // One of them holds the lease and is parked inside the sweep: the other
    // must come back Skipped while it is.
    gate.wait_started(&app).await;
    let (first, other) = match select(a, b).await {
        Either::Left((r, other)) | Either::Right((r, other)) => (r.unwrap(), other),
    };
    assert_eq!(first, SweepOutcome::Skipped);
    gate.open(&app);
    assert_eq!(other.await.unwrap(), RAN_ONE);
    assert_eq!(gate.runs(&app), 1);

    // The lease was released: the next run, by either instance, runs.
    let (holder, expires_at, outcome) = lease(&app, ONE_AT_A_TIME_SWEEP.name).await;
    assert!(holder == "inst_a" || holder == "inst_b", "{holder}");
    assert_eq!(expires_at, 0);
    assert_eq!(outcome.as_deref(), Some("ok"));
    gate.open(&app);
    assert_eq!(
        jobs::run_sweep(&app.ctx, &ONE_AT_A_TIME_SWEEP, "inst_c").await,
        RAN_ONE
    );
    assert_eq!(gate.runs(&app), 2);
    assert_eq!(lease(&app, ONE_AT_A_TIME_SWEEP.name).await.0, "inst_c");
}

static FAILING_RUNS: [AtomicU32; 2] = [AtomicU32::new(0), AtomicU32::new(0)];
fn failing(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(async move {
        FAILING_RUNS[slot(ctx)].fetch_add(1, Ordering::SeqCst);
        Err(Error::internal("the disk is on fire"))
    })
}
const FAILING_SWEEP: Sweep = Sweep {
    name: "test.failing",
    every: Duration::ZERO,
    run: failing,
    per_instance: false,
};

static HEALTHY_RUNS: [AtomicU32; 2] = [AtomicU32::new(0), AtomicU32::new(0)];
static HEALTHY_RAN: [Notify; 2] = [Notify::const_new(), Notify::const_new()];
fn healthy(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(async move {
        HEALTHY_RUNS[slot(ctx)].fetch_add(1, Ordering::SeqCst);
        HEALTHY_RAN[slot(ctx)].notify_one();
        Ok(SweepReport { done: 0, failed: 0 })
    })
}
const HEALTHY_SWEEP: Sweep = Sweep {
    name: "test.healthy",
    every: Duration::ZERO,
    run: healthy,
    per_instance: false,
};

// proves: OPS-2
both_engines!(a_failing_sweep_is_reported_retried_and_never_stops_the_others);
async fn a_failing_sweep_is_reported_retried_and_never_stops_the_others(app: Arc<TestApp>) {
    let i = slot(&app.ctx);
    let outcome = jobs::run_sweep(&app.ctx, &FAILING_SWEEP, "inst_a").await;
    assert!(
        matches!(&outcome, SweepOutcome::Failed(e) if e.contains("the disk is on fire")),
        "{outcome:?}"
    );
    // Its lease was released all the same, with the outcome recorded…
    let (_, expires_at, last) = lease(&app, FAILING_SWEEP.name).await;
    assert_eq!((expires_at, last.as_deref()), (0, Some("error")));
    // …so the next run (this instance or another) tries again.
    let again = jobs::run_sweep(&app.ctx, &FAILING_SWEEP, "inst_b").await;
    assert!(matches!(again, SweepOutcome::Failed(_)), "{again:?}");
    assert_eq!(FAILING_RUNS[i].load(Ordering::SeqCst), 2);

    // The scheduler, given a failing sweep before a healthy one, still runs
    // the healthy one in the same tick (its first tick is immediate).
    let shutdown = HEALTHY_RAN[i].notified();
    tokio::time::timeout(
        Duration::from_secs(30),
        jobs::run_scheduler(
            app.ctx.clone(),
            vec![FAILING_SWEEP, HEALTHY_SWEEP],
            shutdown,
        ),
    )
    .await
    .expect("the scheduler stops once the healthy sweep ran");
    assert_eq!(FAILING_RUNS[i].load(Ordering::SeqCst), 3);
    assert_eq!(HEALTHY_RUNS[i].load(Ordering::SeqCst), 1);
    assert_eq!(
        lease(&app, HEALTHY_SWEEP.name).await.2.as_deref(),
        Some("ok")
    );
    assert_eq!(
        lease(&app, FAILING_SWEEP.name).await.2.as_deref(),
        Some("error")
    );
}

static ABANDONED: Gate = Gate::new();
fn abandoned(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(ABANDONED.pass(ctx))
}
static ABANDONED_SWEEP: Sweep = Sweep {
    name: "test.abandoned",
    every: Duration::ZERO,
    run: abandoned,
    per_instance: false,
};

/// Start a run as `holder` and kill it inside the sweep, as a crashed
/// instance would: its lease row stays behind.
async fn die_holding_the_lease(
    app: &Arc<TestApp>,
    gate: &Gate,
    sweep: &'static Sweep,
    holder: &'static str,
) {
    let run = spawn_run(app, sweep, holder);
    gate.wait_started(app).await;
    run.abort();
    assert!(run.await.unwrap_err().is_cancelled());
    assert_eq!(lease(app, sweep.name).await.0, holder);
}

// proves: OPS-2
both_engines!(a_lease_left_by_a_dead_holder_is_taken_over_once_expired);
async fn a_lease_left_by_a_dead_holder_is_taken_over_once_expired(app: Arc<TestApp>) {
    let gate = &ABANDONED;
    let lease_len = lease_duration(&app);
    die_holding_the_lease(&app, gate, &ABANDONED_SWEEP, "inst_dead").await;
    let (_, expires_at, _) = lease(&app, ABANDONED_SWEEP.name).await;
    assert_eq!(expires_at, (start_time() + lease_len).as_millisecond());

    assert_eq!(
        jobs::run_sweep(&app.ctx, &ABANDONED_SWEEP, "inst_b").await,
        SweepOutcome::Skipped
    );
    app.advance(lease_len - SignedDuration::from_secs(1));
    assert_eq!(
        jobs::run_sweep(&app.ctx, &ABANDONED_SWEEP, "inst_b").await,
        SweepOutcome::Skipped
    );
    app.advance(SignedDuration::from_secs(1));
    gate.open(&app);
    assert_eq!(
        jobs::run_sweep(&app.ctx, &ABANDONED_SWEEP, "inst_b").await,
        RAN_ONE
    );
    assert_eq!(gate.runs(&app), 2);
    assert_eq!(lease(&app, ABANDONED_SWEEP.name).await.0, "inst_b");
}

static FROM_THE_FUTURE: Gate = Gate::new();
fn from_the_future(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(FROM_THE_FUTURE.pass(ctx))
}
static FROM_THE_FUTURE_SWEEP: Sweep = Sweep {
    name: "test.from_the_future",
    every: Duration::ZERO,
    run: from_the_future,
    per_instance: false,
};

// proves: OPS-2
both_engines!(a_lease_ending_absurdly_far_ahead_counts_as_free);
async fn a_lease_ending_absurdly_far_ahead_counts_as_free(app: Arc<TestApp>) {
    let gate = &FROM_THE_FUTURE;
    let lease_len = lease_duration(&app);
    let sweep = &FROM_THE_FUTURE_SWEEP;

    // A lease ending two lease times from now is still honoured (clocks of
    // instances may differ a little)…
    app.advance(lease_len);
    die_holding_the_lease(&app, gate, sweep, "inst_ahead").await;
    app.clock.set(start_time());
    assert_eq!(
        jobs::run_sweep(&app.ctx, sweep, "inst_b").await,
        SweepOutcome::Skipped
    );

    // …but one taken by `jobs run --at` a year ahead, whose process died,
    // would block the sweep for a year: it counts as free.
    app.advance_days(365);
    die_holding_the_lease(&app, gate, sweep, "inst_next_year").await;
    app.clock.set(start_time());
    gate.open(&app);
    assert_eq!(jobs::run_sweep(&app.ctx, sweep, "inst_b").await, RAN_ONE);
    assert_eq!(lease(&app, sweep.name).await.0, "inst_b");
}

// proves: OPS-2
#[test]
fn every_area_declares_its_sweeps_and_names_are_unique() {
    let all = guichet_core::jobs::all();
    let mut names: Vec<&str> = all.iter().map(|s| s.name).collect();
    // The outbox declares its own (`outbox::sweeps`), gathered here.
    for sweep in guichet_core::outbox::sweeps() {
        assert!(names.contains(&sweep.name), "{} not gathered", sweep.name);
    }
    assert!(names.contains(&"outbox.deliver"), "{names:?}");
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "a sweep name is used twice: {all:?}");
}
