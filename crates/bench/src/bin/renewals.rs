//! `renewals DATABASE_URL DATA_DIR ENGINE PRODUCTS DUE`: the daily renewal
//! sweep (REN, issue 14) over PRODUCTS products of which DUE are due today,
//! timed step by step. The products are seeded by bulk SQL (the seeder's
//! business, not the service's) over 100 organisations, each with a
//! billing address and a stored card. Of the due ones, 70 % auto-renew and
//! get their renewal invoice (its charge queued for 14 days before
//! expiry), 10 % are under the renewal warranty past their expiry
//! (renewed by the provider: invoice issued and applied), 10 % get the
//! 30-day notice and 10 % expire; the others expire between 60 and 400
//! days from now and are not due. Prints a row of scripts/bench's table
//! per step and in all, then checks `ledger verify`.

/// The allocator the `guichet` binary runs its sweeps with (its
/// `main.rs`): the sweep is measured as a provider runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use anyhow::Context;
use guichet_bench::{billed_org, context, fail};
use guichet_core::{
    Ctx, billing,
    ids::{OrgId, PaymentMethodId, ProductId},
    renewals::sweep::{self, Step},
};

const ORGS: usize = 100;
const ROWS_PER_INSERT: usize = 500;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, data_dir, engine, products, due] = args.as_slice() else {
        anyhow::bail!("usage: renewals DATABASE_URL DATA_DIR ENGINE PRODUCTS DUE");
    };
    let products: usize = products.parse().context("PRODUCTS")?;
    let due: usize = due.parse().context("DUE")?;
    anyhow::ensure!(due <= products, "DUE must not exceed PRODUCTS");
    let ctx = context(url, data_dir).await?;
    let seeded = Instant::now();
    seed(&ctx, products, due).await?;
    eprintln!(
        "renewals: {products} products ({due} due) seeded in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let report = sweep::run_day(&ctx).await.map_err(fail)?;
    let total = started.elapsed().as_secs_f64();
    let mut handled = 0;
    for (step, r) in &report.steps {
        handled += r.done;
        anyhow::ensure!(
            r.failed == 0,
            "{} failed for {} products",
            step.as_str(),
            r.failed
        );
    }
    for ((step, r), took) in report.steps.iter().zip(&report.took) {
        if r.done > 0 {
            let secs = took.as_secs_f64();
            println!(
                "| {engine} | renewals: {} | {} products in {secs:.1} s | {:.0} products/s | | |",
                step.as_str(),
                r.done,
                r.done as f64 / secs
            );
        }
    }
    println!(
        "| {engine} | **renewal sweep: {handled} due of {products}** | **{total:.1} s** | {:.0} products/s | | |",
        handled as f64 / total
    );
    let expected = (
        due * 7 / 10,
        due / 10,
        due / 10,
        due - due * 7 / 10 - 2 * (due / 10),
    );
    let count = |s: Step| {
        report
            .steps
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, r)| r.done as usize)
    };
    anyhow::ensure!(
        (
            count(Step::Invoice),
            count(Step::Warranty),
            count(Step::Notice),
            count(Step::Expire)
        ) == expected,
        "the sweep did not handle what was due: {:?} for {expected:?}",
        report.steps
    );
    let mut c = ctx.db.acquire().await.map_err(fail)?;
    let broken = billing::verify::violations(c.conn()).await.map_err(fail)?;
    anyhow::ensure!(broken.is_empty(), "ledger verify: {broken:?}");
    Ok(())
}

/// The organisations, their cards and the products, by multi-row inserts.
async fn seed(ctx: &Ctx, products: usize, due: usize) -> anyhow::Result<()> {
    let now = ctx.clock.now();
    let today = ctx.today();
    let mut orgs: Vec<(OrgId, PaymentMethodId)> = Vec::with_capacity(ORGS);
    for i in 0..ORGS {
        let (actor, org) = billed_org(
            ctx,
            &format!("bench-renewals-{i}@example.test"),
            &format!("Bench {i} SA"),
        )
        .await?;
        let method = PaymentMethodId::new(now);
        let mut c = ctx.db.acquire().await.map_err(fail)?;
        guichet_core::payments::store::upsert_method(
            c.conn(),
            &guichet_core::payments::store::MethodRow {
                id: method.clone(),
                org_id: org.clone(),
                gateway: "sandbox".into(),
                token: format!("tok_bench_{i}"),
                method: "card".into(),
                brand: "visa".into(),
                last4: Some("4242".into()),
                exp_month: Some(12),
                exp_year: Some(2035),
                created_by: actor.user_id.to_string(),
                created_at: now.as_millisecond(),
                removed_at: None,
            },
        )
        .await
        .map_err(fail)?;
        orgs.push((org, method));
    }
    let day = |offset: i64| -> anyhow::Result<String> {
        Ok(today
            .checked_add(jiff::Span::new().days(offset))?
            .to_string())
    };
    let invoice_day = day(i64::from(ctx.config.renewals.invoice_days_before))?;
    let notice_day = day(20)?;
    let yesterday = day(-1)?;
    let auto = due * 7 / 10;
    let warranty = due / 10;
    let notice = due / 10;
    let mut rows: Vec<String> = Vec::with_capacity(ROWS_PER_INSERT);
    let ms = now.as_millisecond();
    for n in 0..products {
        let (org, method) = &orgs[n % ORGS];
        // (expires_on, auto_renew, warranty, started `months` before)
        let (expires, auto_renew, warranty_on) = if n < auto {
            (invoice_day.clone(), true, false)
        } else if n < auto + warranty {
            (yesterday.clone(), false, true)
        } else if n < auto + warranty + notice {
            (notice_day.clone(), false, false)
        } else if n < due {
            (yesterday.clone(), false, false)
        } else {
            (day(60 + (n % 340) as i64)?, n % 2 == 0, n % 3 == 0)
        };
        let expires_date: jiff::civil::Date = expires.parse()?;
        let starts = expires_date
            .checked_add(jiff::Span::new().days(1))?
            .checked_sub(jiff::Span::new().years(1))?
            .to_string();
        rows.push(format!(
            "('{id}', '{org}', 'web_hosting', 'Web Hosting Start', 'hosting-start', 'active', 12, 1, 'CHF', '{starts}', '{expires}', {auto}, {warranty}, {method}, 1, {ms}, {ms})",
            id = ProductId::new(now),
            auto = if auto_renew { "TRUE" } else { "FALSE" },
            warranty = if warranty_on { "TRUE" } else { "FALSE" },
            method = if auto_renew { format!("'{method}'") } else { "NULL".into() },
        ));
        if rows.len() == ROWS_PER_INSERT || n + 1 == products {
            let sql = format!(
                "INSERT INTO products (id, org_id, kind, name, plan_id, status, period_months, quantity, currency, starts_on, expires_on,
                                       auto_renew, renewal_warranty, payment_method_id, event_seq, created_at, updated_at) VALUES {}",
                rows.join(", ")
            );
            let mut c = ctx.db.acquire().await.map_err(fail)?;
            guichet_core::sql!(c.conn(), execute, &sql)
                .map_err(|e| anyhow::anyhow!("seeding: {e}"))?;
            rows.clear();
        }
    }
    Ok(())
}
