//! `invoices DATABASE_URL DATA_DIR ENGINE SECONDS CONCURRENCY`: invoices
//! issued per second through the service (BIL-1: draft made, then issued —
//! number, reference, VAT, PDF rendered and kept, ledger posted, in one
//! transaction each), by CONCURRENCY tasks at once for SECONDS, after a
//! warm-up. Prints a row of scripts/bench's table: invoices/s, p50 and p99
//! of one issue, and checks `ledger verify` holds afterwards.

use std::sync::Arc;

use anyhow::Context;
use guichet_bench::{billed_org, context, fail, run_for};
use guichet_core::billing::{self, InvoiceInput, Issuer};

fn lines() -> anyhow::Result<InvoiceInput> {
    Ok(serde_json::from_str(
        r#"{"lines":[
            {"description":"Web hosting Pro","quantity":1,"unit_price":"120.00","vat_class":"standard","period":{"from":"2026-01-01","to":"2026-12-31"}},
            {"description":"Domain example.ch","quantity":2,"unit_price":"15.00","vat_class":"standard"},
            {"description":"Mailboxes","quantity":5,"unit_price":"3.50","vat_class":"standard"}]}"#,
    )?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, data_dir, engine, seconds, concurrency] = args.as_slice() else {
        anyhow::bail!("usage: invoices DATABASE_URL DATA_DIR ENGINE SECONDS CONCURRENCY");
    };
    let seconds: u64 = seconds.parse().context("SECONDS")?;
    let concurrency: usize = concurrency.parse().context("CONCURRENCY")?;
    let ctx = context(url, data_dir).await?;
    // One organisation with a billing address, through the services.
    let (_, org) = billed_org(&ctx, "bench-billing@example.test", "Bench SA").await?;
    let input = Arc::new(lines()?);

    // Warm-up, then the measured run.
    for _ in 0..5 {
        billing::invoices::create_and_issue(&ctx, Issuer::Operator, &org, &input)
            .await
            .map_err(fail)?;
    }
    let issue = {
        let (ctx, org, input) = (ctx.clone(), org.clone(), input.clone());
        move || {
            let (ctx, org, input) = (ctx.clone(), org.clone(), input.clone());
            async move {
                billing::invoices::create_and_issue(&ctx, Issuer::Operator, &org, &input)
                    .await
                    .map_err(fail)?;
                Ok(())
            }
        }
    };
    let m = run_for(seconds, concurrency, issue).await?;
    let mut c = ctx.db.acquire().await.map_err(fail)?;
    let broken = billing::verify::violations(c.conn()).await.map_err(fail)?;
    anyhow::ensure!(broken.is_empty(), "ledger verify: {broken:?}");
    println!(
        "| {engine} | invoices issued per second ({} in {:.1} s, {concurrency} at once; PDF kept, ledger posted; ledger verify holds) | {:.1} | {:.1} ms | {:.1} ms | |",
        m.took.len(),
        m.elapsed,
        m.rate(),
        m.ms(0.50),
        m.ms(0.99),
    );
    Ok(())
}
