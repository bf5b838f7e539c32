//! `orders DATABASE_URL DATA_DIR ENGINE SECONDS CONCURRENCY`: orders
//! placed per second through the service (CAT-2: a cart of three items
//! checked against the catalogue and priced, its invoice issued — number,
//! VAT, PDF kept, ledger posted — the order recorded and its bank transfer
//! started, in one call each), by CONCURRENCY tasks at once for SECONDS,
//! after a warm-up. Prints a row of scripts/bench's table and checks
//! `ledger verify` holds afterwards.

use std::sync::Arc;

use anyhow::Context;
use guichet_bench::{billed_org, context, fail, run_for};
use guichet_core::{billing, catalog::orders};

fn cart() -> anyhow::Result<orders::OrderInput> {
    Ok(serde_json::from_str(
        r#"{"items":[
            {"plan_id":"hosting-start","months":12},
            {"plan_id":"mail-pro","months":12,"quantity":5},
            {"plan_id":"premium-support","months":1}],
            "payment":{"method":"bank_transfer"}}"#,
    )?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, data_dir, engine, seconds, concurrency] = args.as_slice() else {
        anyhow::bail!("usage: orders DATABASE_URL DATA_DIR ENGINE SECONDS CONCURRENCY");
    };
    let seconds: u64 = seconds.parse().context("SECONDS")?;
    let concurrency: usize = concurrency.parse().context("CONCURRENCY")?;
    let ctx = context(url, data_dir).await?;
    let (actor, org) = billed_org(&ctx, "bench-orders@example.test", "Bench Shop SA").await?;
    let cart = Arc::new(cart()?);
    let place = {
        let (ctx, actor, org, cart) = (ctx.clone(), actor.clone(), org.clone(), cart.clone());
        move || {
            let (ctx, actor, org, cart) = (ctx.clone(), actor.clone(), org.clone(), cart.clone());
            async move {
                let placed = orders::place(&ctx, &actor, &org, &cart, None)
                    .await
                    .map_err(fail)?;
                anyhow::ensure!(
                    placed.payment.is_some(),
                    "the transfer did not start: {:?}",
                    placed.payment_error
                );
                Ok(())
            }
        }
    };
    for _ in 0..5 {
        place().await?;
    }
    let m = run_for(seconds, concurrency, place).await?;
    let mut c = ctx.db.acquire().await.map_err(fail)?;
    let broken = billing::verify::violations(c.conn()).await.map_err(fail)?;
    anyhow::ensure!(broken.is_empty(), "ledger verify: {broken:?}");
    println!(
        "| {engine} | orders placed per second ({} in {:.1} s, {concurrency} at once; 3 items priced, invoice issued with its PDF, transfer started; ledger verify holds) | {:.1} | {:.1} ms | {:.1} ms | |",
        m.took.len(),
        m.elapsed,
        m.rate(),
        m.ms(0.50),
        m.ms(0.99),
    );
    Ok(())
}
