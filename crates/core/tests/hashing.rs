//! Password hashing stays off the request workers (ACC-1): what used to be
//! a timed test is a behavioural one here; how long the runtime is kept
//! waiting is measured by the benchmark (`cargo run -p guichet-bench --bin
//! hashing`), never asserted in a test (DESIGN.md, "Tests").

use std::{pin::pin, task::Poll, time::Duration};

use guichet_core::{db::Engine, testing::TestApp};

/// On a runtime of a single thread, a hash in progress leaves the thread
/// free: its future is not ready at the first poll (the work went to the
/// blocking pool) and other tasks run until it is. A hash computed inline
/// would be ready at the first poll — or at the first poll after any wait —
/// having held the thread for the whole computation.
#[test]
fn a_hash_in_progress_leaves_the_runtime_free() {
    // proves: ACC-1
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let Some(app) = TestApp::new(Engine::Sqlite).await else {
            return;
        };
        let hasher = app.ctx.hasher.clone();
        let password = "correct horse battery staple";

        let (hash, ran) = run_beside(hasher.hash(password)).await;
        let hash = hash.unwrap();
        assert!(ran > 0, "nothing else ran while hashing");

        let (ok, ran) = run_beside(hasher.verify(password, Some(&hash))).await;
        assert!(ok.unwrap());
        assert!(ran > 0, "nothing else ran while verifying");

        // An unknown account is checked against a dummy hash, off the
        // thread as well.
        let (ok, ran) = run_beside(hasher.verify(password, None)).await;
        assert!(!ok.unwrap());
        assert!(ran > 0, "nothing else ran while verifying the dummy hash");
    });
}

/// Drive `work` to completion on this thread, running another task
/// whenever it waits: (its output, how many times the other task ran).
/// Panics if `work` is ready at its first poll.
async fn run_beside<T>(work: impl Future<Output = T>) -> (T, u64) {
    let mut work = pin!(work);
    assert!(
        futures::poll!(work.as_mut()).is_pending(),
        "the work was done at the first poll, on the runtime's thread"
    );
    let mut ran = 0;
    loop {
        // The work is polled first: once it is ready, nothing else counts.
        if let Poll::Ready(out) = futures::poll!(work.as_mut()) {
            return (out, ran);
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
        ran += 1;
    }
}
