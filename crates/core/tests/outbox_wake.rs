//! Delivery right after the commit (ADR 0009): the transaction that writes a
//! message wakes the deliverer once it has committed (and never when it
//! rolls back); on PostgreSQL another instance is woken by LISTEN/NOTIFY.
//! The clock stays frozen throughout: nothing here waits for the sweep.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use guichet_core::{
    Ctx, both_engines,
    clock::Clock,
    config::Config,
    db::{Db, Engine},
    i18n::Lang,
    outbox::{MailRequest, enqueue_mail, run_deliverer, store::OutboxRow},
    testing::TestApp,
};
use tokio::sync::oneshot;

use crate::support::rows;

/// How long a woken deliverer may take on a shared, busy test machine.
const BOUND: Duration = Duration::from_secs(10);

fn mail(to: &str) -> MailRequest<'_> {
    MailRequest {
        to,
        lang: Lang::En,
        template: "test",
        args: vec![],
    }
}

/// A deliverer running on `ctx` until dropped.
struct Deliverer {
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Deliverer {
    fn start(ctx: &Ctx) -> Deliverer {
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(run_deliverer(ctx.clone(), async move {
            let _ = stopped.await;
        }));
        Deliverer {
            stop: Some(stop),
            task: Some(task),
        }
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(BOUND, task)
                .await
                .expect("the deliverer stops")
                .unwrap();
        }
    }
}

impl Drop for Deliverer {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("outbox"))
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect()
        })
        .unwrap_or_default()
}

/// Wait (bounded) until the outbox row `id` is delivered.
async fn delivered(ctx: &Ctx, id: &str) -> OutboxRow {
    let deadline = tokio::time::Instant::now() + BOUND;
    loop {
        let row = rows(ctx, "mail")
            .await
            .into_iter()
            .find(|r| r.id == id)
            .expect("the row exists");
        if row.status == "delivered" {
            return row;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not delivered within {BOUND:?}: {row:#?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

// proves: OPS-3
both_engines!(mail_goes_out_right_after_its_transaction_commits);
async fn mail_goes_out_right_after_its_transaction_commits(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    // Counted with no deliverer running (on PostgreSQL its listener would
    // add wake-ups of its own).
    let fired = ctx.outbox_wake.fired();
    let mut tx = ctx.db.begin().await.unwrap();
    let first = enqueue_mail(tx.conn(), ctx, mail("ada@example.test"))
        .await
        .unwrap();
    enqueue_mail(tx.conn(), ctx, mail("bob@example.test"))
        .await
        .unwrap();
    // Not before the commit: the deliverer would not see the rows.
    assert_eq!(ctx.outbox_wake.fired(), fired);
    tx.commit().await.unwrap();
    // Once for the transaction, however many messages it wrote.
    assert_eq!(ctx.outbox_wake.fired(), fired + 1);

    // The clock has not moved: no sweep is due, the wake-ups alone send
    // them (the one stored above, and the next commit's).
    let deliverer = Deliverer::start(ctx);
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, mail("cyd@example.test"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let row = delivered(ctx, &id).await;
    assert_eq!(row.delivered_at, Some(app.clock.now().as_millisecond()));
    assert_eq!(row.attempts, 1);
    delivered(ctx, &first).await;
    assert_eq!(eml_files(app.data_dir.path()).len(), 3);
    deliverer.stop().await;
}

// proves: OPS-3
both_engines!(a_rolled_back_mail_wakes_nobody_and_is_never_sent);
async fn a_rolled_back_mail_wakes_nobody_and_is_never_sent(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let fired = ctx.outbox_wake.fired();
    let mut tx = ctx.db.begin().await.unwrap();
    enqueue_mail(tx.conn(), ctx, mail("eve@example.test"))
        .await
        .unwrap();
    drop(tx);
    assert_eq!(ctx.outbox_wake.fired(), fired, "a rollback wakes nobody");

    let deliverer = Deliverer::start(ctx);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(eml_files(app.data_dir.path()).is_empty());
    // A later commit wakes the deliverer; it sends that one only.
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, mail("ada@example.test"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    delivered(ctx, &id).await;
    let all = rows(ctx, "mail").await;
    assert_eq!(all.len(), 1, "{all:#?}");
    let files = eml_files(app.data_dir.path());
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: ada@example.test"), "{eml}");
    deliverer.stop().await;
}

// proves: OPS-3
both_engines!(a_mail_written_outside_a_transaction_wakes_at_once);
async fn a_mail_written_outside_a_transaction_wakes_at_once(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let fired = ctx.outbox_wake.fired();
    let mut c = ctx.db.acquire().await.unwrap();
    let id = enqueue_mail(c.conn(), ctx, mail("ada@example.test"))
        .await
        .unwrap();
    drop(c);
    assert_eq!(ctx.outbox_wake.fired(), fired + 1);
    let deliverer = Deliverer::start(ctx);
    delivered(ctx, &id).await;
    deliverer.stop().await;
}

/// A second instance on the test's database: its own pool, context and
/// file outbox, sharing nothing in memory with `app`.
async fn second_instance(app: &TestApp, data_dir: &Path) -> Ctx {
    let config = Config {
        data_dir: data_dir.to_path_buf(),
        ..(*app.ctx.config).clone()
    };
    let db = Db::connect(&app.db.url, &config.pool_settings())
        .await
        .unwrap();
    Ctx::new(config, db, Arc::new(app.clock.clone()) as Arc<dyn Clock>).unwrap()
}

// proves: OPS-3
both_engines!(another_instances_mail_goes_out_through_listen_notify);
async fn another_instances_mail_goes_out_through_listen_notify(app: Arc<TestApp>) {
    if app.engine() != Engine::Postgres {
        // One SQLite file is served by one process: nothing to notify.
        return;
    }
    let other_dir = tempfile::tempdir().unwrap();
    let other = second_instance(&app, other_dir.path()).await;
    let deliverer = Deliverer::start(&other);
    // The listener is up once it has woken its deliverer for the rows it
    // may have missed while starting.
    let deadline = tokio::time::Instant::now() + BOUND;
    while other.outbox_wake.fired() == 0 {
        assert!(tokio::time::Instant::now() < deadline, "listener started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before = other.outbox_wake.fired();

    // This instance runs no deliverer: only the notification can send it.
    let ctx = &app.ctx;
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, mail("ada@example.test"))
        .await
        .unwrap();
    drop(tx);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        other.outbox_wake.fired(),
        before,
        "no notification for a rollback"
    );
    assert!(rows(ctx, "mail").await.iter().all(|r| r.id != id));

    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, mail("ada@example.test"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    delivered(ctx, &id).await;
    assert!(other.outbox_wake.fired() > before);
    assert_eq!(eml_files(other_dir.path()).len(), 1, "sent by the other");
    assert!(eml_files(app.data_dir.path()).is_empty());
    deliverer.stop().await;
    other.db.close().await;
}
