//! Storage: one SQL text, two native sqlx drivers (SQLite, PostgreSQL).
//!
//! `Db` holds either pool; `Tx` either transaction; `Conn` a borrowed
//! connection of either. The [`sql!`](crate::sql) macro runs the same query
//! text on whichever it holds. Where the engines truly differ (DDL, locking),
//! code branches on [`Engine`] in one named place.

use std::{str::FromStr, sync::Arc, time::Duration};

use sqlx::{
    PgConnection, SqliteConnection,
    pool::PoolConnection,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::error::{Error, Result};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Pool settings (from `[database]` in the configuration).
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// How long a request waits for a connection before answering 503.
    pub acquire_timeout: Duration,
    /// SQLite: how long a writer waits for the lock before failing.
    pub busy_timeout: Duration,
    /// SQLite: each connection's page cache at most, in MiB.
    pub sqlite_cache_mib: u32,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(1),
            busy_timeout: Duration::from_secs(10),
            sqlite_cache_mib: 16,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A write transaction of either engine, with the hooks to run once it has
/// committed (see [`Conn::after_commit`]). Dropped without
/// [`commit`](Tx::commit), it rolls back and its hooks never run.
pub struct Tx {
    inner: TxInner,
    after_commit: Vec<CommitHook>,
}

enum TxInner {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Something to do once a transaction has committed, e.g. wake the outbox's
/// deliverer: registered through [`Conn::after_commit`] by the code that
/// writes, so that no caller has to remember it (ADR 0009).
pub type CommitHook = Arc<dyn Fn() + Send + Sync>;

pub enum PoolConn {
    Sqlite(PoolConnection<sqlx::Sqlite>),
    Postgres(PoolConnection<sqlx::Postgres>),
}

/// A borrowed connection of either engine: what store functions take. One
/// borrowed from a [`Tx`] also carries that transaction's commit hooks.
pub struct Conn<'c> {
    raw: RawConn<'c>,
    /// `None` outside a transaction: every statement commits by itself.
    after_commit: Option<&'c mut Vec<CommitHook>>,
}

/// The engine's own connection inside a [`Conn`], for the [`sql!`](crate::sql)
/// macro and the few places that branch on the engine.
pub enum RawConn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Db {
    /// Connect to `url`: `sqlite://path` (created if missing) or
    /// `postgres://…`. Does not migrate.
    pub async fn connect(url: &str, settings: &PoolSettings) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| Error::internal(format!("invalid database url: {e}")))?;
            let pool = PgPoolOptions::new()
                .max_connections(settings.max_connections)
                .acquire_timeout(settings.acquire_timeout)
                // A connection the server dropped is noticed and replaced
                // before use, so the service recovers by itself: sqlx pings
                // every connection it takes back, and one that sat idle is
                // pinged again before it is lent (`ping_if_idle`).
                .test_before_acquire(false)
                .before_acquire(|conn, meta| Box::pin(ping_if_idle(conn, meta)))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| Error::internal(format!("invalid database url: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a commit is on disk when it returns. NORMAL (WAL's
                // usual pairing) can lose the last commits on power loss,
                // and those may be payments (docs/operations.md).
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(settings.busy_timeout)
                // A negative size is in KiB.
                .pragma(
                    "cache_size",
                    format!("-{}", u64::from(settings.sqlite_cache_mib.max(1)) * 1024),
                );
            let pool = SqlitePoolOptions::new()
                // A connection to a local file cannot be dropped by a
                // server: no ping before lending it (sqlx still pings the
                // ones it takes back).
                .test_before_acquire(false)
                .max_connections(settings.max_connections)
                .acquire_timeout(settings.acquire_timeout)
                .connect_with(opts)
                .await?;
            Ok(Db::Sqlite(pool))
        } else {
            Err(Error::internal(
                "database url must start with sqlite: or postgres://",
            ))
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Apply pending migrations. On PostgreSQL sqlx takes an advisory lock, so
    /// several instances starting at once migrate once.
    pub async fn migrate(&self) -> Result<()> {
        let r = match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await,
        };
        r.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => Error::from(e),
            other => Error::internal(format!("migration failed: {other}")),
        })
    }

    /// A write transaction. On SQLite it begins `IMMEDIATE`, so that
    /// concurrent writers queue on the busy timeout instead of failing with
    /// "database is locked" when a read lock is upgraded.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match self {
            // Begun on a task of its own: a caller dropped while `BEGIN`
            // runs (a cancelled request, a sweep stopped by a timeout)
            // would otherwise hand the connection back to the pool inside
            // an open transaction holding SQLite's write lock, and every
            // later writer would wait on it (sqlx issue #3932). The task
            // ends with the transaction handed over or dropped, which
            // rolls it back.
            Db::Sqlite(p) => {
                let pool = p.clone();
                let begun = tokio::spawn(async move { pool.begin_with("BEGIN IMMEDIATE").await })
                    .await
                    .map_err(|e| Error::internal(format!("begin: {e}")))?;
                TxInner::Sqlite(begun.map_err(connection_error)?)
            }
            Db::Postgres(p) => TxInner::Postgres(p.begin().await.map_err(connection_error)?),
        };
        Ok(Tx {
            inner,
            after_commit: Vec::new(),
        })
    }

    /// A connection for reads (and single-statement writes).
    pub async fn acquire(&self) -> Result<PoolConn> {
        Ok(match self {
            Db::Sqlite(p) => PoolConn::Sqlite(p.acquire().await.map_err(connection_error)?),
            Db::Postgres(p) => PoolConn::Postgres(p.acquire().await.map_err(connection_error)?),
        })
    }

    /// One round trip: does the database answer? Bounded by the acquire
    /// timeout as a whole, so that a server that accepts and then hangs
    /// makes the instance unready as fast as one that refuses.
    pub async fn ping(&self) -> Result<()> {
        let limit = match self {
            Db::Sqlite(p) => p.options().get_acquire_timeout(),
            Db::Postgres(p) => p.options().get_acquire_timeout(),
        };
        let round_trip = async {
            let mut c = self.acquire().await?;
            let one: i64 = crate::sql!(c.conn(), fetch_one scalar i64, "SELECT CAST(1 AS BIGINT)")?;
            Ok::<bool, Error>(one == 1)
        };
        match tokio::time::timeout(limit, round_trip).await {
            Ok(Ok(true)) => Ok(()),
            Ok(Ok(false)) | Err(_) => Err(Error::Unavailable),
            Ok(Err(e)) => Err(e),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// SQLite copies its write-ahead log into the database file (a
/// checkpoint) in the commit that grows the log past 1000 pages, so a bulk
/// writer — the renewal sweep, whose batches write megabytes each — would
/// wait on a checkpoint after nearly every batch. While a `Checkpointer`
/// runs, another connection checkpoints over and over, on a thread (a
/// core) of its own: a commit that finds it at work skips its own, since
/// an automatic checkpoint is passive and never waits, and the writer goes
/// on with its next batch. The log is checkpointed as often as before, by
/// someone else. Nothing to do on PostgreSQL.
pub struct Checkpointer {
    stop: tokio::sync::watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Checkpointer {
    pub fn start(db: &Db) -> Checkpointer {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let task = match db {
            // It keeps a connection while it runs: not in a pool too small
            // to spare one beside the writer and its readers.
            Db::Sqlite(pool) if pool.options().get_max_connections() >= 4 => {
                Some(tokio::spawn(checkpoint_until(pool.clone(), stopped)))
            }
            _ => None,
        };
        Checkpointer { stop, task }
    }

    /// Stop after the checkpoint under way, if any.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Not stopped (the caller failed): the task ends by itself.
        let _ = self.stop.send(true);
    }
}

/// Passive checkpoints, one after the other, until `stop`; a short pause
/// when there is nothing to copy or another connection is checkpointing.
async fn checkpoint_until(pool: sqlx::SqlitePool, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut conn = match pool.acquire().await {
        Ok(c) => c,
        Err(e) => {
            tracing::debug!(error = %e, "checkpointer: no connection");
            return;
        }
    };
    while !*stop.borrow() {
        let (busy, log, copied) =
            match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(&mut *conn)
                .await
            {
                Ok(r) => r,
                Err(e) => {
                    tracing::debug!(error = %e, "checkpointer: checkpoint failed");
                    return;
                }
            };
        if busy != 0 || copied >= log {
            let _ = tokio::time::timeout(Duration::from_millis(5), stop.changed()).await;
        }
    }
}

/// Any failure to get a connection (refused, timed out, the database not
/// accepting connections, too many clients) is an outage: 503, retried by
/// the client, and the pool reconnects by itself once the database is back.
fn connection_error(e: sqlx::Error) -> Error {
    tracing::warn!(error = %e, "database unavailable");
    Error::Unavailable
}

/// A pooled connection idle for longer than this is pinged before it is
/// lent. Under load connections come back within milliseconds and are lent
/// again without the round trip (sqlx has just pinged them when they came
/// back); after a quiet spell, a server that went away is noticed before a
/// request uses the connection. The same rule as HikariCP's "alive bypass
/// window".
pub const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// The pool's `before_acquire` check: see [`PING_AFTER_IDLE`]. Public for
/// the bench's bare handler, which must follow the same rule.
pub async fn ping_if_idle<C: sqlx::Connection>(
    conn: &mut C,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> std::result::Result<bool, sqlx::Error> {
    if meta.idle_for >= PING_AFTER_IDLE {
        conn.ping().await?;
    }
    Ok(true)
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        let raw = match &mut self.inner {
            TxInner::Sqlite(t) => RawConn::Sqlite(t),
            TxInner::Postgres(t) => RawConn::Postgres(t),
        };
        Conn {
            raw,
            after_commit: Some(&mut self.after_commit),
        }
    }

    /// Commit, then run the hooks registered during the transaction, in the
    /// order they were registered. They run only once the commit has
    /// returned, so whatever they wake sees the transaction's rows.
    pub async fn commit(self) -> Result<()> {
        let Tx {
            inner,
            after_commit,
        } = self;
        match inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        for hook in after_commit {
            hook();
        }
        Ok(())
    }
}

impl PoolConn {
    pub fn conn(&mut self) -> Conn<'_> {
        let raw = match self {
            PoolConn::Sqlite(c) => RawConn::Sqlite(c),
            PoolConn::Postgres(c) => RawConn::Postgres(c),
        };
        Conn {
            raw,
            after_commit: None,
        }
    }
}

impl<'c> Conn<'c> {
    /// Borrow the connection again, for one more call: store functions
    /// take a `Conn` by value, so a function making several calls on one
    /// connection lends it out each time.
    pub fn reborrow(&mut self) -> Conn<'_> {
        let raw = match &mut self.raw {
            RawConn::Sqlite(x) => RawConn::Sqlite(x),
            RawConn::Postgres(x) => RawConn::Postgres(x),
        };
        Conn {
            raw,
            after_commit: self.after_commit.as_deref_mut(),
        }
    }

    pub fn engine(&self) -> Engine {
        match self.raw {
            RawConn::Sqlite(_) => Engine::Sqlite,
            RawConn::Postgres(_) => Engine::Postgres,
        }
    }

    /// The engine's connection, for [`sql!`](crate::sql).
    pub fn into_raw(self) -> RawConn<'c> {
        self.raw
    }

    /// Whether this connection is inside a [`Tx`] (its writes commit with
    /// it) rather than committing statement by statement.
    pub fn in_transaction(&self) -> bool {
        self.after_commit.is_some()
    }

    /// Run `hook` once the work done on this connection is committed: after
    /// the transaction's commit when the connection is a [`Tx`]'s (never if
    /// it rolls back), at once otherwise (each statement has committed by
    /// itself). A hook registered twice in one transaction runs once.
    /// Returns whether it was newly registered.
    pub fn after_commit(&mut self, hook: &CommitHook) -> bool {
        match &mut self.after_commit {
            Some(hooks) => {
                if hooks.iter().any(|h| Arc::ptr_eq(h, hook)) {
                    return false;
                }
                hooks.push(hook.clone());
                true
            }
            None => {
                hook();
                true
            }
        }
    }
}

/// Run one SQL text on whichever engine a [`Conn`] holds.
///
/// - `sql!(conn, fetch_one as Row, "SELECT … WHERE id = $1", id)`
///   (also `fetch_optional`, `fetch_all`)
/// - `sql!(conn, fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) …")`
/// - `sql!(conn, execute, "UPDATE …", a, b)` → rows affected
#[macro_export]
macro_rules! sql {
    ($conn:expr, execute, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::Conn::into_raw($conn) {
            $crate::db::RawConn::Sqlite(c) => ::sqlx::query($sql)$(.bind($arg))*.execute(&mut *c).await.map(|r| r.rows_affected()),
            $crate::db::RawConn::Postgres(c) => ::sqlx::query($sql)$(.bind($arg))*.execute(&mut *c).await.map(|r| r.rows_affected()),
        }
    };
    ($conn:expr, $method:ident scalar $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::Conn::into_raw($conn) {
            $crate::db::RawConn::Sqlite(c) => ::sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
            $crate::db::RawConn::Postgres(c) => ::sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
        }
    };
    ($conn:expr, $method:ident as $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::db::Conn::into_raw($conn) {
            $crate::db::RawConn::Sqlite(c) => ::sqlx::query_as::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
            $crate::db::RawConn::Postgres(c) => ::sqlx::query_as::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
        }
    };
}

/// `$first, $first+1, …` for `n` values bound in a list (`IN (…)`).
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows of `query`, with `args` bound as text in order: for lists whose
/// length is known only at run time (filters, `IN (…)`).
pub async fn fetch_all_with<T>(c: Conn<'_>, query: &str, args: &[String]) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    Ok(match c.into_raw() {
        RawConn::Sqlite(c) => {
            let mut q = sqlx::query_as::<_, T>(query);
            for a in args {
                q = q.bind(a);
            }
            q.fetch_all(&mut *c).await?
        }
        RawConn::Postgres(c) => {
            let mut q = sqlx::query_as::<_, T>(query);
            for a in args {
                q = q.bind(a);
            }
            q.fetch_all(&mut *c).await?
        }
    })
}

/// The one number `query` counts, with `args` bound as text in order.
pub async fn count_with(c: Conn<'_>, query: &str, args: &[String]) -> Result<i64> {
    Ok(match c.into_raw() {
        RawConn::Sqlite(c) => {
            let mut q = sqlx::query_scalar::<_, i64>(query);
            for a in args {
                q = q.bind(a);
            }
            q.fetch_one(&mut *c).await?
        }
        RawConn::Postgres(c) => {
            let mut q = sqlx::query_scalar::<_, i64>(query);
            for a in args {
                q = q.bind(a);
            }
            q.fetch_one(&mut *c).await?
        }
    })
}
