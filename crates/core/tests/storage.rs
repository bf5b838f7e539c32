//! The storage layer's promises, on both engines.

use std::sync::Arc;

use guichet_core::{both_engines, sql, testing::TestApp};

both_engines!(concurrent_writers_queue_instead_of_failing);
/// Writers that read before they write — the pattern that makes SQLite
/// answer "database is locked" when a read lock must be upgraded — all
/// succeed: write transactions begin IMMEDIATE and wait on the busy timeout.
async fn concurrent_writers_queue_instead_of_failing(app: Arc<TestApp>) {
    // proves: OPS-1
    let writers = (0..24).map(|i| {
        let db = app.ctx.db.clone();
        tokio::spawn(async move {
            let mut tx = db.begin().await?;
            let seen: i64 = sql!(tx.conn(), fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM job_leases")?;
            // Hold the transaction open a little, as real work does.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            sql!(tx.conn(), execute,
                "INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, 'test', $2)",
                format!("writer-{i}"), seen)?;
            tx.commit().await
        })
    });
    for w in futures::future::join_all(writers).await {
        w.unwrap().unwrap();
    }
    let mut c = app.ctx.db.acquire().await.unwrap();
    let n: i64 = sql!(c.conn(), fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM job_leases WHERE holder = 'test'").unwrap();
    assert_eq!(n, 24);
}

#[tokio::test]
/// A commit that returned survives a power cut: SQLite syncs the WAL at
/// every commit (`synchronous = FULL`; NORMAL could lose the last ones).
/// PostgreSQL's `synchronous_commit` is the server's, on by default.
async fn sqlite_commits_are_durable() {
    // proves: OPS-1 (issue 9)
    let Some(app) = TestApp::new(guichet_core::db::Engine::Sqlite).await else {
        return;
    };
    let mut c = app.ctx.db.acquire().await.unwrap();
    let synchronous: i64 = sql!(c.conn(), fetch_one scalar i64, "PRAGMA synchronous").unwrap();
    assert_eq!(synchronous, 2, "2 is FULL");
}
