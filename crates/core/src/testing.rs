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
    db::{Conn, Db, Engine},
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
                    crate::ids::new_id(crate::ids::Kind::TestDatabase, Timestamp::now())
                        .trim_start_matches("db_")
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
        // The service's one second fails an outage fast; on a loaded CI
        // machine (two cores, PostgreSQL creating and dropping a database
        // per test) a new connection can take longer than that, and a test
        // would fail for the machine, not for Guichet. Tests of an outage
        // set the service's own timeout back.
        config.database.acquire_timeout_ms = 30_000;
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

    /// Checks run after every test ([`run`]): panics listing what
    /// [`invariant_violations`] found.
    pub async fn check_invariants(&self) {
        let found = invariant_violations(&self.ctx).await;
        assert!(
            found.is_empty(),
            "the test left the database inconsistent:\n  {}",
            found.join("\n  ")
        );
    }
}

/// Columns that look like references to another table (`<x>_id`,
/// `<role>_<x>_id` with a table `<x>s`) but are not, and why. Every other
/// such column without a declared foreign key is checked as one.
pub const NOT_REFERENCES: &[(&str, &str)] = &[
    (
        "orders.billing_address_id",
        "the address the order's invoice went to; the invoice keeps its snapshot",
    ),
    (
        "products.billing_address_id",
        "where renewals go; once the address is deleted they go to the default one (ORG-7)",
    ),
    (
        "invoices.billing_address_id",
        "a draft's chosen address; the customer may delete it later, the issued invoice keeps its snapshot",
    ),
];

/// What is wrong with the data a test left behind, one line per finding
/// (empty when all is well). The checks, in order:
///
/// 1. **Orphan rows**: every declared foreign key resolves — the list is
///    read from the schema, so a new table is covered without a change
///    here (SQLite enforces keys only on connections that ask, and a table
///    rebuilt by a migration can leave stale ones);
/// 2. **Implied references**: a column named like a reference (`org_id`,
///    `actor_user_id`, `team_id`…) without a declared key — the append-only
///    audit log has none, so that it outlives what it names — still names
///    an existing row while the test runs (see [`NOT_REFERENCES`]);
/// 3. **Soft references** the schema cannot declare: a right granted to
///    `user:<id>` belongs to a member of its organisation, one granted to
///    `team:<id>` to a team of the same organisation, and a team's members
///    are members of the team's organisation;
/// 4. **Outbox**: no dead row; every mail has a recipient (the row's
///    destination, the same as its payload's `to`), a template that exists
///    in the catalogue (`mail-<template>-subject` and `-body`), and a text
///    without an unfilled Fluent placeholder (`{$name}`); every webhook row
///    names an endpoint and holds an event; delivery state is consistent
///    (`delivered` with its time, `pending` without).
///
/// 5. **The ledger** (BIL-7): `billing::verify::violations`, the very
///    function of `guichet ledger verify`, so the harness and the command
///    prove the same thing.
pub async fn invariant_violations(ctx: &Ctx) -> Vec<String> {
    let mut pooled = ctx.db.acquire().await.expect("acquire");
    let mut c = pooled.conn();
    let mut found = Vec::new();
    let references = declared_references(c.reborrow()).await;
    for r in &references {
        let orphans = count_orphans(c.reborrow(), r).await;
        if orphans > 0 {
            found.push(format!(
                "{orphans} orphan row(s): {}.{} names no {}.{}",
                r.table, r.column, r.parent, r.parent_column
            ));
        }
    }
    for r in implied_references(c.reborrow(), &references).await {
        let orphans = count_orphans(c.reborrow(), &r).await;
        if orphans > 0 {
            found.push(format!(
                "{orphans} row(s) of {}.{} name no {}.{} (an implied reference)",
                r.table, r.column, r.parent, r.parent_column
            ));
        }
    }
    found.extend(soft_reference_violations(c.reborrow()).await);
    found.extend(outbox_violations(c.reborrow()).await);
    // The ledger and its documents: the very checks of `guichet ledger
    // verify` (BIL-7), after every test.
    match crate::billing::verify::violations(c.reborrow()).await {
        Ok(v) => found.extend(v),
        Err(e) => found.push(format!("ledger verify could not run: {e}")),
    }
    found
}

/// A column that names a row of another table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub table: String,
    pub column: String,
    pub parent: String,
    pub parent_column: String,
}

/// Every foreign key the schema declares, one column pair each.
pub async fn declared_references(c: Conn<'_>) -> Vec<Reference> {
    let rows: Vec<(String, String, String, String)> = match c.engine() {
        Engine::Sqlite => crate::sql!(c, fetch_all as (String, String, String, String),
            "SELECT m.name, f.\"from\", f.\"table\",
                    COALESCE(f.\"to\", (SELECT p.name FROM pragma_table_info(f.\"table\") p WHERE p.pk = 1))
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq"),
        Engine::Postgres => crate::sql!(c, fetch_all as (String, String, String, String),
            "SELECT cl.relname::text, a.attname::text, rcl.relname::text, ra.attname::text
             FROM pg_constraint con
             JOIN pg_class cl ON cl.oid = con.conrelid
             JOIN pg_namespace n ON n.oid = cl.relnamespace
             JOIN pg_class rcl ON rcl.oid = con.confrelid
             CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(col, refcol)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.col
             JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refcol
             WHERE con.contype = 'f' AND n.nspname = current_schema()
             ORDER BY 1, 2"),
    }
    .expect("foreign keys");
    rows.into_iter()
        .map(|(table, column, parent, parent_column)| Reference {
            table,
            column,
            parent,
            parent_column,
        })
        .collect()
}

/// Every (table, column) of the schema, migrations' own table left out.
async fn columns(c: Conn<'_>) -> Vec<(String, String)> {
    match c.engine() {
        Engine::Sqlite => crate::sql!(
            c,
            fetch_all as (String, String),
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND m.name <> '_sqlx_migrations'"
        ),
        Engine::Postgres => crate::sql!(
            c,
            fetch_all as (String, String),
            "SELECT c.table_name::text, c.column_name::text
             FROM information_schema.columns c
             JOIN information_schema.tables t
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
               AND c.table_name <> '_sqlx_migrations'"
        ),
    }
    .expect("columns")
}

/// Columns named like references (`org_id`, `actor_user_id`: the word
/// before `_id`, plus `s`, is a table with an `id`) that declare no key.
pub async fn implied_references(mut c: Conn<'_>, declared: &[Reference]) -> Vec<Reference> {
    let all = columns(c.reborrow()).await;
    let has_id = |table: &str| all.iter().any(|(t, col)| t == table && col == "id");
    let mut out = Vec::new();
    for (table, column) in &all {
        let Some(stem) = column.strip_suffix("_id") else {
            continue;
        };
        let parent = format!("{}s", stem.rsplit('_').next().unwrap_or(stem));
        let declared = declared
            .iter()
            .any(|r| &r.table == table && &r.column == column);
        let exempt = NOT_REFERENCES
            .iter()
            .any(|(name, _)| *name == format!("{table}.{column}"));
        if !declared && !exempt && has_id(&parent) {
            out.push(Reference {
                table: table.clone(),
                column: column.clone(),
                parent,
                parent_column: "id".into(),
            });
        }
    }
    out.sort_by(|a, b| (&a.table, &a.column).cmp(&(&b.table, &b.column)));
    out
}

async fn count_orphans(c: Conn<'_>, r: &Reference) -> i64 {
    // Names come from the catalogue, not from input.
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {t} c WHERE c.{col} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM {p} p WHERE p.{pc} = c.{col})",
        t = r.table,
        col = r.column,
        p = r.parent,
        pc = r.parent_column
    );
    crate::sql!(c, fetch_one scalar i64, &sql).expect("orphan count")
}

/// See [`invariant_violations`], step 3.
async fn soft_reference_violations(mut c: Conn<'_>) -> Vec<String> {
    let mut found = Vec::new();
    let checks = [
        (
            "a right granted to a user who is not a member of its organisation",
            "SELECT r.org_id || ' ' || r.subject || ' ' || r.right_name FROM rights r
             WHERE r.subject LIKE 'user:%' AND NOT EXISTS (SELECT 1 FROM members m
                 WHERE m.org_id = r.org_id AND 'user:' || m.user_id = r.subject)",
        ),
        (
            "a right granted to a team that is not one of its organisation",
            "SELECT r.org_id || ' ' || r.subject || ' ' || r.right_name FROM rights r
             WHERE r.subject LIKE 'team:%' AND NOT EXISTS (SELECT 1 FROM teams t
                 WHERE t.org_id = r.org_id AND 'team:' || t.id = r.subject)",
        ),
        (
            "a right granted to something that is neither a user nor a team",
            "SELECT r.org_id || ' ' || r.subject || ' ' || r.right_name FROM rights r
             WHERE r.subject NOT LIKE 'user:%' AND r.subject NOT LIKE 'team:%'",
        ),
        (
            "a team member who is not a member of the team's organisation",
            "SELECT tm.team_id || ' ' || tm.user_id FROM team_members tm JOIN teams t ON t.id = tm.team_id
             WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.org_id = t.org_id AND m.user_id = tm.user_id)",
        ),
    ];
    for (what, sql) in checks {
        let rows = crate::sql!(c.reborrow(), fetch_all scalar String, sql).expect(what);
        for row in rows {
            found.push(format!("{what}: {row}"));
        }
    }
    found
}

/// See [`invariant_violations`], step 4.
async fn outbox_violations(c: Conn<'_>) -> Vec<String> {
    let mut found = Vec::new();
    for row in store::list(c, None).await.expect("outbox") {
        let id = &row.id;
        match (row.status.as_str(), row.delivered_at) {
            ("dead", _) => found.push(format!(
                "outbox {id}: dead ({})",
                row.last_error.as_deref().unwrap_or("no error")
            )),
            ("delivered", None) => found.push(format!("outbox {id}: delivered without a time")),
            ("pending", Some(_)) => {
                found.push(format!("outbox {id}: pending with a delivery time"))
            }
            _ => {}
        }
        if row.destination.trim().is_empty() {
            found.push(format!("outbox {id}: no destination"));
        }
        match row.kind.as_str() {
            "mail" => match serde_json::from_str::<MailPayload>(&row.payload) {
                Err(e) => found.push(format!("outbox {id}: not a mail: {e}")),
                Ok(mail) => found.extend(
                    mail_violations(&row.destination, &mail)
                        .into_iter()
                        .map(|p| format!("outbox {id} (mail {}): {p}", mail.template)),
                ),
            },
            "webhook" => {
                if let Err(e) = serde_json::from_str::<crate::outbox::EventPayload>(&row.payload) {
                    found.push(format!("outbox {id}: not a webhook event: {e}"));
                }
            }
            other => found.push(format!("outbox {id}: unknown kind {other}")),
        }
    }
    found
}

fn mail_violations(destination: &str, mail: &MailPayload) -> Vec<String> {
    let mut found = Vec::new();
    if mail.to.trim().is_empty() || !mail.to.contains('@') {
        found.push(format!("no recipient ({:?})", mail.to));
    }
    if mail.to != destination {
        found.push(format!(
            "sent to {:?}, the row says {destination:?}",
            mail.to
        ));
    }
    let key = mail.template.replace('_', "-");
    let known = crate::i18n::I18n::keys(mail.lang);
    for part in ["subject", "body"] {
        let message = format!("mail-{key}-{part}");
        if !known.contains(&message) {
            found.push(format!(
                "unknown template ({message} is not in the catalogue)"
            ));
        }
    }
    for (part, text) in [("subject", &mail.subject), ("text", &mail.text)] {
        if text.contains("{$") || text.contains("{ $") {
            found.push(format!("an unfilled placeholder in the {part}: {text:?}"));
        }
    }
    found
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

/// A payment gateway scripted by the test, in process: it answers like a
/// provider (a hosted page to send the customer to, signed notifications,
/// refunds) and lets the test decide what the customer did and when the
/// provider tells. The sandbox gateway (`crates/sandbox-gateway`) is the
/// real HTTP one; this one is for tests that need to reorder, repeat or
/// withhold what the provider says.
#[derive(Debug, Default)]
pub struct ScriptedGateway {
    state: std::sync::Mutex<Scripted>,
    /// The clock notifications are signed by (the app's, once installed).
    clock: std::sync::Mutex<Option<Arc<dyn Clock>>>,
    /// While the test holds it (`hold_starts`), `start` waits: a call to
    /// the provider under way.
    starts: tokio::sync::RwLock<()>,
    /// Told each time `start` is called.
    started: tokio::sync::Notify,
}

#[derive(Debug, Default)]
struct Scripted {
    /// By gateway reference: our payment id, amount, and state.
    payments: std::collections::HashMap<
        String,
        (
            crate::ids::PaymentId,
            crate::money::Money,
            crate::payments::gateway::PaymentState,
        ),
    >,
    refunds: std::collections::HashMap<String, crate::payments::gateway::RefundState>,
    events: u64,
    /// Refunds are refused.
    pub refuse_refunds: bool,
    /// Every call answers "unavailable".
    pub unavailable: bool,
    /// Stored methods whose off-session charges are declined: this many
    /// more times (then they go through), or always (None).
    declines: std::collections::HashMap<String, Option<u32>>,
}

/// The scripted gateway's notification secret.
pub const SCRIPTED_SECRET: &[u8] = b"scripted-secret";

impl ScriptedGateway {
    pub fn new() -> Arc<ScriptedGateway> {
        Arc::new(ScriptedGateway::default())
    }

    /// `ctx` with this gateway as the one payments go through.
    pub fn install(self: &Arc<Self>, ctx: &Ctx) -> Ctx {
        *self.clock.lock().unwrap_or_else(|p| p.into_inner()) = Some(ctx.clock.clone());
        let mut ctx = ctx.clone();
        ctx.gateways = Arc::new(crate::payments::Gateways::new(
            Some(self.clone() as Arc<dyn crate::payments::Gateway>),
            vec![],
        ));
        ctx
    }

    pub fn refuse_refunds(&self, yes: bool) {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .refuse_refunds = yes;
    }

    /// Hold every `start` (the call to the provider) until the guard is
    /// dropped.
    pub async fn hold_starts(&self) -> tokio::sync::RwLockWriteGuard<'_, ()> {
        self.starts.write().await
    }

    /// Wait until `start` has been called (since the last wait).
    pub async fn started(&self) {
        self.started.notified().await;
    }

    /// Decline the off-session charges of stored method `token`: the next
    /// `times`, or all of them (None).
    pub fn decline_charges(&self, token: &str, times: Option<u32>) {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .declines
            .insert(token.to_owned(), times);
    }

    pub fn set_unavailable(&self, yes: bool) {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .unavailable = yes;
    }

    /// The gateway's reference of our payment.
    pub fn reference(id: &crate::ids::PaymentId) -> String {
        format!("sg_{id}")
    }

    /// The customer finished on the hosted page: the provider captured.
    /// Returns the signed notification it sends (header, body), to deliver
    /// when, and as often as, the test likes.
    pub fn capture(&self, id: &crate::ids::PaymentId, store_method: bool) -> (String, Vec<u8>) {
        use crate::payments::gateway::{GatewayMethod, GatewayStatus, StoredMethod};
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s
            .payments
            .get_mut(&Self::reference(id))
            .expect("a started payment");
        entry.2.status = GatewayStatus::Succeeded;
        entry.2.captured = Some(entry.1);
        entry.2.redirect_url = None;
        if store_method {
            entry.2.stored_method = Some(StoredMethod {
                token: format!("tok_{id}"),
                method: GatewayMethod::Card,
                brand: "visa".into(),
                last4: Some("4242".into()),
                exp_month: Some(12),
                exp_year: Some(2030),
            });
        }
        let state = entry.2.clone();
        drop(s);
        self.notification_for(id, &state)
    }

    /// The customer finished on the hosted page; the provider has not
    /// confirmed yet (asked, it says `processing`).
    pub fn processing(&self, id: &crate::ids::PaymentId) {
        use crate::payments::gateway::GatewayStatus;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s
            .payments
            .get_mut(&Self::reference(id))
            .expect("a started payment");
        entry.2.status = GatewayStatus::Processing;
        entry.2.redirect_url = None;
    }

    /// The customer's bank declined.
    pub fn decline(&self, id: &crate::ids::PaymentId) -> (String, Vec<u8>) {
        use crate::payments::gateway::GatewayStatus;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s
            .payments
            .get_mut(&Self::reference(id))
            .expect("a started payment");
        entry.2.status = GatewayStatus::Failed {
            code: "card_declined".into(),
            message: "The card was declined.".into(),
        };
        entry.2.redirect_url = None;
        let state = entry.2.clone();
        drop(s);
        self.notification_for(id, &state)
    }

    /// A signed notification of `state` with a fresh event id.
    fn notification_for(
        &self,
        id: &crate::ids::PaymentId,
        state: &crate::payments::gateway::PaymentState,
    ) -> (String, Vec<u8>) {
        use crate::payments::gateway::GatewayStatus;
        let event = {
            let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
            s.events += 1;
            s.events
        };
        let (status, code) = match &state.status {
            GatewayStatus::Succeeded => ("succeeded", None),
            GatewayStatus::Failed { code, .. } => ("failed", Some(code.clone())),
            GatewayStatus::Cancelled => ("cancelled", None),
            GatewayStatus::Processing => ("processing", None),
            GatewayStatus::RequiresAction => ("requires_action", None),
        };
        let body = serde_json::json!({
            "id": format!("evt_{event}_{id}"),
            "payment_id": id.as_str(),
            "ref": state.gateway_ref,
            "status": status,
            "code": code,
            "captured": state.captured.map(|m| m.amount_minor),
            "currency": state.captured.map(|m| m.currency.code()),
            "stored": state.stored_method,
        })
        .to_string()
        .into_bytes();
        // Signed at the app's "now": a test that moves its clock past the
        // replay window before delivering sees the notification refused.
        let t = self
            .clock
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map_or_else(Timestamp::now, |c| c.now())
            .as_second();
        (
            crate::payments::gateway::sign(SCRIPTED_SECRET, t, &body),
            body,
        )
    }

    fn check_up(&self) -> Result<(), crate::payments::gateway::GatewayError> {
        if self
            .state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .unavailable
        {
            Err(crate::payments::gateway::GatewayError::Unavailable(
                "scripted outage".into(),
            ))
        } else {
            Ok(())
        }
    }
}

#[async_trait::async_trait]
impl crate::payments::Gateway for ScriptedGateway {
    fn name(&self) -> &'static str {
        "scripted"
    }

    fn methods(&self) -> &[crate::payments::GatewayMethod] {
        crate::payments::GatewayMethod::ALL
    }

    async fn start(
        &self,
        p: &crate::payments::gateway::StartPayment<'_>,
    ) -> Result<crate::payments::gateway::PaymentState, crate::payments::gateway::GatewayError>
    {
        use crate::payments::gateway::{GatewayStatus, PaymentState};
        self.started.notify_one();
        drop(self.starts.read().await);
        self.check_up()?;
        let r = Self::reference(p.payment_id);
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s.payments.entry(r.clone()).or_insert_with(|| {
            (
                p.payment_id.clone(),
                p.amount,
                PaymentState {
                    gateway_ref: r.clone(),
                    status: GatewayStatus::RequiresAction,
                    redirect_url: Some(format!("https://gateway.test/pay/{r}")),
                    captured: None,
                    stored_method: None,
                },
            )
        });
        Ok(entry.2.clone())
    }

    async fn charge(
        &self,
        c: &crate::payments::gateway::Charge<'_>,
    ) -> Result<crate::payments::gateway::PaymentState, crate::payments::gateway::GatewayError>
    {
        use crate::payments::gateway::{GatewayError, GatewayStatus, PaymentState};
        self.check_up()?;
        let declined = {
            let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
            match s.declines.get_mut(c.method_token) {
                Some(None) => true,
                Some(Some(n)) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            }
        };
        if declined || c.method_token.contains("decline") {
            return Err(GatewayError::Refused {
                code: "card_declined".into(),
                message: "The card was declined.".into(),
            });
        }
        let r = Self::reference(c.payment_id);
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s.payments.entry(r.clone()).or_insert_with(|| {
            (
                c.payment_id.clone(),
                c.amount,
                PaymentState {
                    gateway_ref: r.clone(),
                    status: GatewayStatus::Succeeded,
                    redirect_url: None,
                    captured: Some(c.amount),
                    stored_method: None,
                },
            )
        });
        Ok(entry.2.clone())
    }

    async fn retrieve(
        &self,
        gateway_ref: &str,
    ) -> Result<crate::payments::gateway::PaymentState, crate::payments::gateway::GatewayError>
    {
        use crate::payments::gateway::GatewayError;
        self.check_up()?;
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.payments
            .get(gateway_ref)
            .map(|e| e.2.clone())
            .ok_or(GatewayError::Refused {
                code: "not_found".into(),
                message: "No such payment.".into(),
            })
    }

    async fn cancel(
        &self,
        gateway_ref: &str,
    ) -> Result<crate::payments::gateway::PaymentState, crate::payments::gateway::GatewayError>
    {
        use crate::payments::gateway::{GatewayError, GatewayStatus};
        self.check_up()?;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let entry = s
            .payments
            .get_mut(gateway_ref)
            .ok_or(GatewayError::Refused {
                code: "not_found".into(),
                message: "No such payment.".into(),
            })?;
        if !entry.2.status.is_final() {
            entry.2.status = GatewayStatus::Cancelled;
            entry.2.redirect_url = None;
        }
        Ok(entry.2.clone())
    }

    async fn refund(
        &self,
        r: &crate::payments::gateway::RefundRequest<'_>,
    ) -> Result<crate::payments::gateway::RefundState, crate::payments::gateway::GatewayError> {
        use crate::payments::gateway::{GatewayError, RefundState, RefundStatus};
        self.check_up()?;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if s.refuse_refunds {
            return Err(GatewayError::Refused {
                code: "refund_failed".into(),
                message: "The card's bank refused the refund.".into(),
            });
        }
        let state = s
            .refunds
            .entry(r.refund_id.to_string())
            .or_insert_with(|| RefundState {
                gateway_ref: format!("sgr_{}", r.refund_id),
                status: RefundStatus::Succeeded,
            });
        Ok(state.clone())
    }

    async fn remove_method(
        &self,
        _token: &str,
    ) -> Result<(), crate::payments::gateway::GatewayError> {
        self.check_up()
    }

    fn verify(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<crate::payments::gateway::Notification, crate::payments::gateway::NotificationError>
    {
        use crate::payments::gateway::{
            Event, GatewayStatus, Notification, NotificationError, PaymentState, StoredMethod,
        };
        crate::payments::gateway::verify_signature(SCRIPTED_SECRET, header, body, now)?;
        let v: serde_json::Value = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        let text = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let status = match text("status").as_str() {
            "succeeded" => GatewayStatus::Succeeded,
            "failed" => GatewayStatus::Failed {
                code: text("code"),
                message: "The card was declined.".into(),
            },
            "cancelled" => GatewayStatus::Cancelled,
            "processing" => GatewayStatus::Processing,
            _ => GatewayStatus::RequiresAction,
        };
        let captured = v.get("captured").and_then(|x| x.as_i64()).and_then(|m| {
            crate::money::Currency::parse(&text("currency")).map(|c| crate::money::Money::new(m, c))
        });
        let stored_method: Option<StoredMethod> = v
            .get("stored")
            .filter(|s| !s.is_null())
            .and_then(|s| serde_json::from_value(s.clone()).ok());
        Ok(Notification {
            event_id: text("id"),
            event: Event::Payment {
                payment_id: crate::ids::PaymentId::parse(&text("payment_id")),
                state: PaymentState {
                    gateway_ref: text("ref"),
                    status,
                    redirect_url: None,
                    captured,
                    stored_method,
                },
            },
        })
    }

    fn signature_header(&self) -> &'static str {
        "Scripted-Signature"
    }

    fn page_origins(&self) -> Vec<String> {
        vec!["https://gateway.test".to_owned()]
    }
}
