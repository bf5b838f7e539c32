//! Statements shared by concurrent calls (ADR 0007). While one statement
//! is in flight, the calls that arrive wait, and the next statement serves
//! all of them at once: under load, one round trip and one transaction for
//! many calls instead of one each; when the service is quiet, a lone call
//! is a batch of one and waits for nothing (no timer).
//!
//! One batch is in flight per [`Batcher`] (per process). The stepping task
//! is started by the first call that finds none running and ends when the
//! queue is empty.

use std::{
    fmt,
    future::Future,
    sync::{Arc, Mutex},
};

use tokio::sync::oneshot;

use crate::{
    db::Db,
    error::{Error, Result},
};

/// At most this many calls in one statement.
pub const MAX_BATCH: usize = 500;

/// A queue of calls of input `I` answered with `O`.
pub struct Batcher<I, O> {
    queue: Mutex<Queue<I, O>>,
}

struct Queue<I, O> {
    waiting: Vec<(I, oneshot::Sender<Result<O>>)>,
    /// A task is stepping batches; it takes what queues until none is left.
    stepping: bool,
}

impl<I, O> Default for Batcher<I, O> {
    fn default() -> Self {
        Batcher {
            queue: Mutex::new(Queue {
                waiting: Vec::new(),
                stepping: false,
            }),
        }
    }
}

impl<I, O> fmt::Debug for Batcher<I, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        f.debug_struct("Batcher")
            .field("waiting", &queue.waiting.len())
            .field("stepping", &queue.stepping)
            .finish()
    }
}

impl<I: Send + 'static, O: Send + 'static> Batcher<I, O> {
    /// Queue `input` and wait for its answer. `step` serves a batch: it gets
    /// the inputs in the order they arrived and answers each, in the same
    /// order. Every call of one batcher must pass the same `step`; the one
    /// that starts the stepping task is the one used.
    pub async fn call<F, Fut>(self: &Arc<Self>, db: &Db, input: I, step: F) -> Result<O>
    where
        F: Fn(Db, Vec<I>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<O>>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let start = {
            let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.waiting.push((input, answer));
            !std::mem::replace(&mut queue.stepping, true)
        };
        if start {
            tokio::spawn(Arc::clone(self).step_batches(db.clone(), step));
        }
        // The sender is dropped unanswered only if the stepping task died.
        answered.await.unwrap_or(Err(Error::Unavailable))
    }

    async fn step_batches<F, Fut>(self: Arc<Self>, db: Db, step: F)
    where
        F: Fn(Db, Vec<I>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<O>>> + Send + 'static,
    {
        // Should the task end early (a panic in `step`, the runtime going
        // away), the calls still queued answer 503 at once (their senders
        // are dropped) and the next call starts another task.
        struct Stepping<'a, I, O> {
            queue: &'a Mutex<Queue<I, O>>,
            finished: bool,
        }
        impl<I, O> Drop for Stepping<'_, I, O> {
            fn drop(&mut self) {
                if !self.finished {
                    let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                    queue.waiting.clear();
                    queue.stepping = false;
                }
            }
        }
        let mut stepping = Stepping {
            queue: &self.queue,
            finished: false,
        };
        loop {
            let (inputs, answers): (Vec<I>, Vec<_>) = {
                let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                if queue.waiting.is_empty() {
                    // Under the lock: a call queued after this starts a task.
                    queue.stepping = false;
                    stepping.finished = true;
                    return;
                }
                let n = queue.waiting.len().min(MAX_BATCH);
                queue.waiting.drain(..n).unzip()
            };
            let n = answers.len();
            let mut results = step(db.clone(), inputs).await.into_iter();
            for answer in answers {
                let result = results.next().unwrap_or_else(|| {
                    Err(Error::internal(format!(
                        "a batch step answered fewer than its {n} calls"
                    )))
                });
                // The caller may have gone (its request was cancelled).
                let _ = answer.send(result);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn db() -> Db {
        let opts = sqlx::sqlite::SqliteConnectOptions::new().in_memory(true);
        Db::Sqlite(sqlx::sqlite::SqlitePoolOptions::new().connect_lazy_with(opts))
    }

    static STEPS: AtomicUsize = AtomicUsize::new(0);

    async fn double(_: Db, batch: Vec<u32>) -> Vec<Result<u32>> {
        STEPS.fetch_add(1, Ordering::SeqCst);
        // Long enough for the other calls to queue behind the first.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        batch.into_iter().map(|n| Ok(n * 2)).collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_calls_share_statements_and_each_gets_its_own_answer() {
        let batcher: Arc<Batcher<u32, u32>> = Arc::default();
        let db = db();
        let calls: Vec<_> = (0..200u32)
            .map(|n| {
                let (batcher, db) = (batcher.clone(), db.clone());
                tokio::spawn(async move { (n, batcher.call(&db, n, double).await.unwrap()) })
            })
            .collect();
        for call in calls {
            let (n, answer) = call.await.unwrap();
            assert_eq!(answer, n * 2);
        }
        let steps = STEPS.load(Ordering::SeqCst);
        assert!(
            (1..200).contains(&steps),
            "{steps} statements for 200 calls"
        );
        // The queue is empty and a later call starts a new task.
        assert_eq!(batcher.call(&db, 21, double).await.unwrap(), 42);
    }

    async fn short(_: Db, batch: Vec<u32>) -> Vec<Result<u32>> {
        batch.into_iter().skip(1).map(Ok).collect()
    }

    #[tokio::test]
    async fn a_call_left_unanswered_by_its_step_gets_an_error() {
        let batcher: Arc<Batcher<u32, u32>> = Arc::default();
        let answer = batcher.call(&db(), 7, short).await;
        assert!(answer.is_err());
    }

    async fn panics(_: Db, batch: Vec<u32>) -> Vec<Result<u32>> {
        if batch.contains(&0) {
            panic!("the step failed");
        }
        batch.into_iter().map(Ok).collect()
    }

    #[tokio::test]
    async fn a_dead_stepping_task_answers_503_and_the_next_call_starts_another() {
        let batcher: Arc<Batcher<u32, u32>> = Arc::default();
        let db = db();
        let answer = batcher.call(&db, 0, panics).await;
        assert!(matches!(answer, Err(Error::Unavailable)), "{answer:?}");
        assert_eq!(batcher.call(&db, 5, panics).await.unwrap(), 5);
    }
}
