//! Storage: one SQL text, two native sqlx drivers (SQLite, PostgreSQL).
//!
//! `Db` holds either pool; `Tx` either transaction; `Conn` a borrowed
//! connection of either. The [`sql!`](crate::sql) macro runs the same query
//! text on whichever it holds. Where the engines truly differ (DDL, locking),
//! code branches on [`Engine`] in one named place.

use std::{str::FromStr, time::Duration};

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
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(1),
            busy_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

pub enum PoolConn {
    Sqlite(PoolConnection<sqlx::Sqlite>),
    Postgres(PoolConnection<sqlx::Postgres>),
}

/// A borrowed connection of either engine: what store functions take.
pub enum Conn<'c> {
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
                .busy_timeout(settings.busy_timeout);
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
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(
                p.begin_with("BEGIN IMMEDIATE")
                    .await
                    .map_err(connection_error)?,
            ),
            Db::Postgres(p) => Tx::Postgres(p.begin().await.map_err(connection_error)?),
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
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl PoolConn {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            PoolConn::Sqlite(c) => Conn::Sqlite(c),
            PoolConn::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Conn<'_> {
    /// Borrow the connection again, for one more call: store functions
    /// take a `Conn` by value, so a function making several calls on one
    /// connection lends it out each time.
    pub fn reborrow(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(x) => Conn::Sqlite(x),
            Conn::Postgres(x) => Conn::Postgres(x),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Conn::Sqlite(_) => Engine::Sqlite,
            Conn::Postgres(_) => Engine::Postgres,
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
        match $conn {
            $crate::db::Conn::Sqlite(c) => ::sqlx::query($sql)$(.bind($arg))*.execute(&mut *c).await.map(|r| r.rows_affected()),
            $crate::db::Conn::Postgres(c) => ::sqlx::query($sql)$(.bind($arg))*.execute(&mut *c).await.map(|r| r.rows_affected()),
        }
    };
    ($conn:expr, $method:ident scalar $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::db::Conn::Sqlite(c) => ::sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
            $crate::db::Conn::Postgres(c) => ::sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
        }
    };
    ($conn:expr, $method:ident as $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::db::Conn::Sqlite(c) => ::sqlx::query_as::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
            $crate::db::Conn::Postgres(c) => ::sqlx::query_as::<_, $ty>($sql)$(.bind($arg))*.$method(&mut *c).await,
        }
    };
}
