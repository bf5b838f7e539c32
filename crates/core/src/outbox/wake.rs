//! Delivery right after the commit (ADR 0009): writing a message into the
//! outbox registers a commit hook on the writing transaction; the hook wakes
//! this instance's deliverer once the transaction has committed. On
//! PostgreSQL the writing transaction also issues `NOTIFY guichet_outbox`,
//! which PostgreSQL delivers at commit (and never on rollback) to every
//! instance listening, so rows written by an instance whose jobs are off go
//! out at once too. The `outbox.deliver` sweep stays the fallback: a wake-up
//! lost to a crash or a dropped listening connection only delays a message
//! until the next sweep.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use tokio::sync::Notify;

use super::deliver;
use crate::{
    Ctx,
    db::{CommitHook, Conn, Db, RawConn},
    error::Result,
};

/// The PostgreSQL channel the outbox's writers notify and deliverers listen
/// on.
pub const CHANNEL: &str = "guichet_outbox";

/// A wake-up of the deliverer claims rows due up to this far ahead of its own
/// clock, so that a row written by an instance whose clock runs slightly
/// ahead is not left to the sweep. A retry is at least a second away
/// (`outbox.base_delay_secs`), so at worst one goes out that much early.
pub const WAKE_LEAD_MS: i64 = 1000;

/// The wake-up of one instance's deliverer, held in [`Ctx`]. Cheap to clone.
#[derive(Clone)]
pub struct Wake {
    inner: Arc<Inner>,
    /// The commit hook that fires [`Inner`]; one `Arc`, so that a
    /// transaction writing several messages registers it once.
    hook: CommitHook,
}

struct Inner {
    notify: Notify,
    fired: AtomicU64,
}

impl Inner {
    fn fire(&self) {
        self.fired.fetch_add(1, Ordering::Relaxed);
        // One stored permit: wake-ups that come while the deliverer is busy
        // fold into one more pass.
        self.notify.notify_one();
    }
}

impl Default for Wake {
    fn default() -> Self {
        let inner = Arc::new(Inner {
            notify: Notify::new(),
            fired: AtomicU64::new(0),
        });
        let fire = inner.clone();
        Wake {
            inner,
            hook: Arc::new(move || fire.fire()),
        }
    }
}

impl std::fmt::Debug for Wake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wake")
            .field("fired", &self.fired())
            .finish()
    }
}

impl Wake {
    /// Wake the deliverer now.
    pub fn wake(&self) {
        self.inner.fire();
    }

    /// How many times this instance's deliverer was woken (tests, logs).
    pub fn fired(&self) -> u64 {
        self.inner.fired.load(Ordering::Relaxed)
    }

    /// Resolves at the next wake-up, or at once if one came since the last.
    pub async fn woken(&self) {
        self.inner.notify.notified().await;
    }
}

/// Called by every function that writes an outbox row, on the writing
/// connection: wake this instance's deliverer after the commit, and on
/// PostgreSQL notify the other instances at commit — once per transaction.
pub(super) async fn after_write(mut c: Conn<'_>, ctx: &Ctx) -> Result<()> {
    if c.after_commit(&ctx.outbox_wake.hook)
        && let RawConn::Postgres(pg) = c.into_raw()
    {
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(CHANNEL)
            .execute(&mut *pg)
            .await?;
    }
    Ok(())
}

/// The deliverer of `guichet serve`: a pass over the due rows at every
/// wake-up, until `shutdown` resolves. On PostgreSQL a listener (holding one
/// pooled connection) turns other instances' notifications into wake-ups.
pub async fn run_deliverer(ctx: Ctx, shutdown: impl Future<Output = ()>) {
    let listener = match &ctx.db {
        Db::Postgres(pool) => Some(tokio::spawn(listen(pool.clone(), ctx.outbox_wake.clone()))),
        Db::Sqlite(_) => None,
    };
    tokio::pin!(shutdown);
    tracing::info!(listen = listener.is_some(), "outbox deliverer started");
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            _ = ctx.outbox_wake.woken() => {}
        }
        match deliver::deliver_woken(&ctx).await {
            Ok(r) if r.done > 0 || r.failed > 0 => {
                tracing::debug!(done = r.done, failed = r.failed, "outbox delivered at once");
            }
            Ok(_) => {}
            // The rows stay pending; the sweep delivers them.
            Err(e) => tracing::warn!(error = %e, "outbox delivery at once failed"),
        }
    }
    if let Some(listener) = listener {
        listener.abort();
        let _ = listener.await;
    }
    tracing::info!("outbox deliverer stopped");
}

/// `LISTEN guichet_outbox` on a connection of its own, turning each
/// notification into a wake-up. A lost connection is re-established (and a
/// pass run, for what it may have missed); errors are retried with a pause.
async fn listen(pool: sqlx::PgPool, wake: Wake) {
    let mut pause = Duration::from_millis(500);
    loop {
        let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "outbox listener: cannot connect");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "outbox listener: LISTEN failed");
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(30));
            continue;
        }
        pause = Duration::from_millis(500);
        // Rows written before LISTEN took effect were not notified here.
        wake.wake();
        loop {
            match listener.try_recv().await {
                Ok(Some(_)) => wake.wake(),
                // Reconnected (sqlx re-listens): notifications in the gap
                // are lost, a pass finds their rows.
                Ok(None) => wake.wake(),
                Err(sqlx::Error::PoolClosed) => return,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox listener failed");
                    tokio::time::sleep(pause).await;
                    break;
                }
            }
        }
    }
}
