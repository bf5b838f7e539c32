//! The test harness shared by the core and web test suites (feature
//! `testing`): a fresh database per test on SQLite or PostgreSQL, a moved
//! clock, and readers of the captured outbox.
//!
//! PostgreSQL tests run when `GUICHET_TEST_POSTGRES_URL` is set; with
//! `GUICHET_TEST_REQUIRE_POSTGRES=1` (CI) its absence fails the test instead
//! of skipping it. Skips are announced loudly on stderr.
#![expect(
    clippy::expect_used,
    reason = "test harness: failing loudly is the point"
)]

use std::{future::Future, sync::Arc};

use jiff::{SignedDuration, Timestamp};

use crate::{
    Ctx,
    clock::{Clock, FixedClock},
    config::Config,
    db::{Db, Engine},
    outbox::{MailPayload, store},
};

pub const POSTGRES_URL_VAR: &str = "GUICHET_TEST_POSTGRES_URL";
pub const REQUIRE_POSTGRES_VAR: &str = "GUICHET_TEST_REQUIRE_POSTGRES";

/// Say that a suite was skipped, where it is seen: written straight to the
/// process's stderr, which the test harness does not capture (`eprintln!`
/// in a passing test would be swallowed).
/// Each distinct message is said once per test binary.
pub fn skip(message: &str) {
    use std::{collections::HashSet, io::Write, sync::Mutex};
    static SAID: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let mut said = SAID.lock().unwrap_or_else(|p| p.into_inner());
    if said
        .get_or_insert_with(HashSet::new)
        .insert(message.to_string())
    {
        let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {message}");
    }
}

/// Where tests start: a Tuesday in 2026, mid-morning in Zurich.
pub fn start_time() -> Timestamp {
    "2026-03-10T09:00:00Z".parse().expect("valid timestamp")
}

/// The admin URL of the test PostgreSQL, or None (skip) — panics when CI
/// requires PostgreSQL and it is not configured.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var(REQUIRE_POSTGRES_VAR).as_deref() == Ok("1") {
                panic!("{REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set");
            }
            skip(&format!(
                "on PostgreSQL: set {POSTGRES_URL_VAR}=postgres://postgres@127.0.0.1:5432/postgres to run it"
            ));
            None
        }
    }
}

/// A database made for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    pub engine: Engine,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub async fn create(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                Some(TestDb {
                    url,
                    engine,
                    _dir: Some(dir),
                    pg_drop: None,
                })
            }
            Engine::Postgres => {
                let admin = postgres_admin_url()?;
                let name = format!(
                    "guichet_t_{}",
                    crate::ids::new_id("db", Timestamp::now()).trim_start_matches("db_")
                );
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                    .await
                    .expect("connect to the test PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let url = replace_db_name(&admin, &name);
                Some(TestDb {
                    url,
                    engine,
                    _dir: None,
                    pg_drop: Some((admin, name)),
                })
            }
        }
    }
}

/// `postgres://u@h:5432/postgres?x=y` → `postgres://u@h:5432/<name>?x=y`.
pub fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_drop.take() {
            // Drop the database on a thread of its own: Drop cannot await,
            // and the test's runtime may be shutting down.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async move {
                    if let Ok(mut c) =
                        <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await
                    {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut c)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

/// An application context on a fresh database, with a moved clock.
pub struct TestApp {
    pub ctx: Ctx,
    pub clock: FixedClock,
    pub db: TestDb,
    pub data_dir: tempfile::TempDir,
}

impl TestApp {
    /// None when the engine is not available here (announced on stderr).
    pub async fn new(engine: Engine) -> Option<TestApp> {
        Self::with_config(engine, |_| {}).await
    }

    pub async fn with_config(engine: Engine, adjust: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let db = TestDb::create(engine).await?;
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            data_dir: data_dir.path().to_path_buf(),
            ..Config::default()
        };
        config.database.max_connections = 5;
        adjust(&mut config);
        let pool = Db::connect(&db.url, &config.pool_settings())
            .await
            .expect("connect");
        pool.migrate().await.expect("migrate");
        let clock = FixedClock::new(start_time());
        let ctx =
            Ctx::new(config, pool, Arc::new(clock.clone()) as Arc<dyn Clock>).expect("context");
        Some(TestApp {
            ctx,
            clock,
            db,
            data_dir,
        })
    }

    pub fn engine(&self) -> Engine {
        self.db.engine
    }

    pub fn advance(&self, by: SignedDuration) {
        self.clock.advance(by);
    }

    pub fn advance_days(&self, days: i64) {
        self.clock.advance(SignedDuration::from_hours(24 * days));
    }

    /// Mails written to the outbox for `to` (delivered or not), oldest first.
    pub async fn mails_to(&self, to: &str) -> Vec<MailPayload> {
        let mut c = self.ctx.db.acquire().await.expect("acquire");
        store::list(c.conn(), Some("mail"))
            .await
            .expect("outbox")
            .into_iter()
            .filter(|r| r.destination.eq_ignore_ascii_case(to))
            .map(|r| serde_json::from_str(&r.payload).expect("mail payload"))
            .collect()
    }

    /// The last mail to `to`, or a panic naming what was there.
    pub async fn last_mail_to(&self, to: &str) -> MailPayload {
        self.mails_to(to)
            .await
            .pop()
            .unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// Checks run after a test: no message died in the outbox unnoticed.
    pub async fn check_invariants(&self) {
        let mut c = self.ctx.db.acquire().await.expect("acquire");
        let dead = store::count_dead(c.conn()).await.expect("outbox");
        assert_eq!(dead, 0, "outbox has dead messages");
    }
}

/// Run `test` on `engine` (skipping PostgreSQL when it is not configured),
/// then check the invariants.
pub async fn run<F, Fut>(engine: Engine, test: F)
where
    F: FnOnce(Arc<TestApp>) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let app = Arc::new(app);
    test(app.clone()).await;
    app.check_invariants().await;
}

/// Declare a test that runs on SQLite and on PostgreSQL:
/// `both_engines!(my_test);` next to `async fn my_test(app: Arc<TestApp>)`.
/// The generated tests are `my_test::sqlite` and `my_test::postgres`.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::testing::run($crate::db::Engine::Sqlite, super::$name).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::testing::run($crate::db::Engine::Postgres, super::$name).await
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    #[test]
    fn db_name_is_replaced() {
        assert_eq!(
            super::replace_db_name("postgres://p@h:5432/postgres", "x"),
            "postgres://p@h:5432/x"
        );
        assert_eq!(
            super::replace_db_name("postgres://p@h/postgres?sslmode=disable", "x"),
            "postgres://p@h/x?sslmode=disable"
        );
        assert_eq!(
            super::replace_db_name("postgres://p@h", "x"),
            "postgres://p@h/x"
        );
    }
}
