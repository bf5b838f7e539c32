//! `hashing [CONCURRENT] [ROUNDS]`: how long password hashing keeps a
//! runtime's thread waiting — the measurement that used to be a timed
//! assertion in the core's tests (tests/hashing.rs keeps the behaviour).
//!
//! On a runtime of a single thread, CONCURRENT hashes (default 8) run at
//! once through the service's `Hasher`, ROUNDS times (default 5), beside a
//! task that ticks every 5 ms. Printed: hashes per second, and the share of
//! the time the ticker was kept waiting past its due time (over 10 ms for a
//! 5 ms tick). Hashing inline freezes the ticker for nearly the whole run
//! (measured: ~90%); hashing on the blocking pool leaves it on time (under
//! 10% on a loaded machine, about 0 on a quiet one).

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU32, Ordering},
    },
    time::{Duration, Instant},
};

use guichet_core::accounts::password::Hasher;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let concurrent: usize = args.get(1).map_or(Ok(8), |a| a.parse())?;
    let rounds: usize = args.get(2).map_or(Ok(5), |a| a.parse())?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let hasher = Hasher::new(concurrent);
        let done = Arc::new(AtomicBool::new(false));
        let ticks = Arc::new(AtomicU32::new(0));
        let ticker = {
            let (done, ticks) = (done.clone(), ticks.clone());
            tokio::spawn(async move {
                let mut frozen = Duration::ZERO;
                let mut last = Instant::now();
                while !done.load(Ordering::SeqCst) {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    let now = Instant::now();
                    frozen += (now - last).saturating_sub(Duration::from_millis(10));
                    last = now;
                    ticks.fetch_add(1, Ordering::SeqCst);
                }
                frozen
            })
        };
        let started = Instant::now();
        for _ in 0..rounds {
            let hashes: Vec<_> = (0..concurrent)
                .map(|i| {
                    let hasher = hasher.clone();
                    tokio::spawn(async move { hasher.hash(&format!("bench-password-{i}")).await })
                })
                .collect();
            for h in hashes {
                h.await?.map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
        let elapsed = started.elapsed();
        done.store(true, Ordering::SeqCst);
        let frozen = ticker.await?;
        let hashes = concurrent * rounds;
        println!("| hashes | concurrent | hashes/s | ticker kept waiting | ticks |");
        println!("|---|---|---|---|---|");
        println!(
            "| {hashes} | {concurrent} | {:.1} | {:.1}% ({frozen:?} of {elapsed:?}) | {} |",
            hashes as f64 / elapsed.as_secs_f64(),
            100.0 * frozen.as_secs_f64() / elapsed.as_secs_f64(),
            ticks.load(Ordering::SeqCst)
        );
        Ok::<(), anyhow::Error>(())
    })
}
