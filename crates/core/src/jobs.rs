//! Scheduled work (OPS-2): named sweeps, each idempotent and batched, run by
//! the scheduler inside `guichet serve` and once by `guichet jobs run`.
//!
//! A lease row per sweep makes sure two instances on one database never run
//! the same sweep at once; the conditional updates inside each sweep make a
//! second run harmless anyway. A failing sweep is logged, counted and tried
//! again next tick; it never stops the others.

use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    time::{Duration, Instant},
};

use jiff::Timestamp;

use crate::{Ctx, error::Result, sql};

/// What a sweep did, for logs and `guichet jobs run`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    /// Items handled successfully.
    pub done: u64,
    /// Items that failed this time (they are retried later).
    pub failed: u64,
}

pub type SweepFuture<'a> = Pin<Box<dyn Future<Output = Result<SweepReport>> + Send + 'a>>;
pub type SweepFn = for<'a> fn(&'a Ctx) -> SweepFuture<'a>;

#[derive(Clone, Copy)]
pub struct Sweep {
    pub name: &'static str,
    /// How often the scheduler runs it (per instance; the lease keeps runs
    /// from overlapping).
    pub every: Duration,
    pub run: SweepFn,
    /// Runs on every instance, without the lease: for work on the
    /// instance's own memory (the running catalogue), which each instance
    /// must do itself. Such a sweep must not write shared state.
    pub per_instance: bool,
}

impl std::fmt::Debug for Sweep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sweep")
            .field("name", &self.name)
            .field("every", &self.every)
            .finish()
    }
}

/// The areas that have sweeps, each declaring its own next to its code
/// (`outbox::sweeps`, …). A new area with scheduled work adds its function
/// here; the sweeps themselves are not listed centrally.
const AREAS: &[fn() -> Vec<Sweep>] = &[
    crate::outbox::sweeps,
    crate::accounts::sweeps,
    crate::tokens::sweeps,
    crate::staff::sweeps,
    crate::billing::sweeps,
    crate::payments::sweeps,
    crate::catalog::sweeps,
    crate::renewals::sweeps,
];

/// Every sweep Guichet has, gathered from the areas.
pub fn all() -> Vec<Sweep> {
    AREAS.iter().flat_map(|area| area()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SweepOutcome {
    Ran(SweepReport),
    /// Another instance holds the lease.
    Skipped,
    Failed(String),
}

impl SweepOutcome {
    fn label(&self) -> &'static str {
        match self {
            SweepOutcome::Ran(_) => "ok",
            SweepOutcome::Skipped => "skipped",
            SweepOutcome::Failed(_) => "error",
        }
    }
}

/// Take the lease of `name` for `holder`, if it is free or expired. A lease
/// that ends absurdly far in the future was taken under a moved clock
/// (`jobs run --at`) by a process that died: it counts as free.
async fn acquire_lease(ctx: &Ctx, name: &str, holder: &str) -> Result<bool> {
    let now = ctx.clock.now().as_millisecond();
    let lease_ms =
        i64::try_from(ctx.config.jobs.lease_secs.saturating_mul(1000)).unwrap_or(i64::MAX / 4);
    let mut c = ctx.db.acquire().await?;
    let n = sql!(c.conn(), execute,
        "INSERT INTO job_leases (name, holder, expires_at, last_started_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
             last_started_at = excluded.last_started_at
         WHERE job_leases.expires_at <= $4 OR job_leases.expires_at > $5",
        name, holder, now + lease_ms, now, now + 2 * lease_ms)?;
    Ok(n == 1)
}

async fn release_lease(ctx: &Ctx, name: &str, holder: &str, outcome: &SweepOutcome) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    sql!(
        c.conn(),
        execute,
        "UPDATE job_leases SET expires_at = 0, last_finished_at = $1, last_outcome = $2 WHERE name = $3 AND holder = $4",
        now,
        outcome.label(),
        name,
        holder
    )?;
    Ok(())
}

/// Run one sweep: under its lease, unless it runs on every instance.
pub async fn run_sweep(ctx: &Ctx, sweep: &Sweep, holder: &str) -> SweepOutcome {
    let started = Instant::now();
    let outcome = if sweep.per_instance {
        match (sweep.run)(ctx).await {
            Ok(report) => SweepOutcome::Ran(report),
            Err(e) => SweepOutcome::Failed(e.to_string()),
        }
    } else {
        leased(ctx, sweep, holder).await
    };
    report(sweep, &outcome, started);
    outcome
}

/// Run `sweep` if its lease can be taken, then release it.
async fn leased(ctx: &Ctx, sweep: &Sweep, holder: &str) -> SweepOutcome {
    match acquire_lease(ctx, sweep.name, holder).await {
        Ok(false) => SweepOutcome::Skipped,
        Err(e) => SweepOutcome::Failed(format!("lease: {e}")),
        Ok(true) => {
            let outcome = match (sweep.run)(ctx).await {
                Ok(report) => SweepOutcome::Ran(report),
                Err(e) => SweepOutcome::Failed(e.to_string()),
            };
            if let Err(e) = release_lease(ctx, sweep.name, holder, &outcome).await {
                // The lease expires by itself; the next tick retries.
                tracing::warn!(sweep = sweep.name, error = %e, "could not release the lease");
            }
            outcome
        }
    }
}

/// Count, time and log a sweep's run.
fn report(sweep: &Sweep, outcome: &SweepOutcome, started: Instant) {
    metrics::counter!("guichet_job_runs_total", "job" => sweep.name, "outcome" => outcome.label())
        .increment(1);
    if !matches!(outcome, SweepOutcome::Skipped) {
        metrics::histogram!("guichet_job_duration_seconds", "job" => sweep.name)
            .record(started.elapsed().as_secs_f64());
    }
    match &outcome {
        SweepOutcome::Ran(r) if r.done > 0 || r.failed > 0 => {
            tracing::info!(
                sweep = sweep.name,
                done = r.done,
                failed = r.failed,
                "sweep ran"
            );
        }
        SweepOutcome::Failed(e) => tracing::error!(sweep = sweep.name, error = %e, "sweep failed"),
        _ => {}
    }
}

/// Run every sweep once (`guichet jobs run`).
pub async fn run_all_once(ctx: &Ctx, holder: &str) -> Vec<(&'static str, SweepOutcome)> {
    let mut out = Vec::new();
    for sweep in all() {
        out.push((sweep.name, run_sweep(ctx, &sweep, holder).await));
    }
    out
}

/// A name for this process in lease rows: host-independent and unique.
pub fn new_holder_id(now: Timestamp) -> String {
    crate::ids::new_id(crate::ids::Kind::Instance, now)
}

/// The scheduler of `guichet serve`: ticks until `shutdown` resolves.
pub async fn run_scheduler(ctx: Ctx, sweeps: Vec<Sweep>, shutdown: impl Future<Output = ()>) {
    let holder = new_holder_id(ctx.clock.now());
    let tick = Duration::from_secs(ctx.config.jobs.tick_secs.max(1));
    let mut last_run: HashMap<&'static str, Instant> = HashMap::new();
    let mut interval = tokio::time::interval(tick);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(shutdown);
    tracing::info!(holder, tick_secs = tick.as_secs(), "scheduler started");
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            _ = interval.tick() => {}
        }
        for sweep in &sweeps {
            let due = last_run
                .get(sweep.name)
                .is_none_or(|t| t.elapsed() >= sweep.every);
            if due {
                last_run.insert(sweep.name, Instant::now());
                run_sweep(&ctx, sweep, &holder).await;
            }
        }
    }
    tracing::info!("scheduler stopped");
}
