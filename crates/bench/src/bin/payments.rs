//! `payments SERVER_URL DATABASE_URL DATA_DIR ENGINE PAYMENTS CONCURRENCY`:
//! invoices paid per second end to end through the sandbox gateway
//! (BIL-3), over real HTTP against a running `guichet serve` (the sandbox
//! mounted under `/sandbox-gateway`, its `public_url` the server's own
//! address), by CONCURRENCY customers at once. Each payment:
//!
//! 1. `POST /api/1/orgs/{org}/invoices/{invoice}/payments` with
//!    `{"method":"card"}` and an `Idempotency-Key`: 201 `requires_action`
//!    with a `redirect_url` on the mounted sandbox (Guichet created the
//!    payment at the sandbox over HTTP meanwhile);
//! 2. the customer's browser submits the hosted page's form with the
//!    success test card: the form is a bare `choice` radio with no hidden
//!    token, so a browser needs nothing from the page's GET to submit it,
//!    and the page's answer (a redirect to Guichet's return page) is not
//!    followed: that page would ask the gateway, and this measures the
//!    notification's way;
//! 3. the sandbox posts its signed notification to Guichet, which settles;
//!    the payment is polled until it succeeded (a sleep growing with the
//!    wait, 30 s at most), then its invoice is read back paid: the time
//!    of one payment runs from step 1 to that read.
//!
//! Seeding goes through the services on the same database while the
//! server runs (SQLite in WAL with a busy timeout takes a second writer):
//! a user, an organisation with a Swiss billing address, PAYMENTS issued
//! invoices plus a few for the warm-up, and one API token per invoice.
//! One token per payer because the API allows 60 requests per minute per
//! token (API-3, not raisable): one token for all would measure the rate
//! limit. Each token is used once before the clock starts, so its
//! once-an-hour "last used" write is not counted (the steady state of a
//! busy integration, as `seed` does).
//!
//! Afterwards `ledger verify` must hold, and every invoice must be paid
//! exactly once: as many captured payments (and capture postings) as paid
//! invoices, no other payment, nothing overpaid or put on the prepaid
//! account. Prints a row of scripts/bench's table without its last cell
//! (the server's RSS, which the script adds).

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::{Context, bail, ensure};
use guichet_bench::{PASSWORD, billed_org, context, fail};
use guichet_core::{
    Ctx,
    billing::{self, InvoiceInput, Issuer},
    sql,
    tokens::{self, CreateToken},
};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

/// The sandbox's Visa test card that succeeds (docs/payments.md).
const SUCCESS_CARD: &str = "4242424242424242";
/// Payments made one after the other before the clock starts.
const WARM_UP: usize = 5;
/// The longest one payment may take before the run fails.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The poll sleeps a fifth of the time the payment took so far, within
/// these bounds: a payment is seen paid at most about 20% after it was,
/// however long it took, and its 60 requests a minute (API-3) last about
/// four seconds of polling. (A sleep doubling up to 10 ms ran out on
/// SQLite's slowest payments, and the 429's one-second wait then made the
/// p99.)
const POLL_MIN: Duration = Duration::from_millis(1);
const POLL_MAX: Duration = Duration::from_millis(100);

fn lines() -> anyhow::Result<InvoiceInput> {
    Ok(serde_json::from_str(
        r#"{"lines":[
            {"description":"Web hosting Pro","quantity":1,"unit_price":"120.00","vat_class":"standard","period":{"from":"2026-01-01","to":"2026-12-31"}},
            {"description":"Domain example.ch","quantity":2,"unit_price":"15.00","vat_class":"standard"}]}"#,
    )?)
}

/// One invoice to pay and the token its payer calls the API with.
struct Payer {
    invoice: String,
    token: String,
}

/// What one payment took.
struct Paid {
    took: Duration,
    polls: u32,
    /// Answers 429 (the token's rate limit) waited out.
    throttled: u32,
}

/// The API and the customer's browser, over HTTP.
struct Client {
    base: String,
    org: String,
    /// The shop's API client (bearer tokens).
    api: reqwest::Client,
    /// The customer's browser: no token, redirects not followed.
    browser: reqwest::Client,
}

impl Client {
    /// Send `req`, waiting out 429s (counted in `throttled`) until
    /// `deadline`; any other answer is returned.
    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        throttled: &mut u32,
        deadline: Instant,
    ) -> anyhow::Result<reqwest::Response> {
        loop {
            let again = req
                .try_clone()
                .context("a request that can be sent again")?;
            let res = again.send().await?;
            if res.status() != StatusCode::TOO_MANY_REQUESTS {
                return Ok(res);
            }
            *throttled += 1;
            let wait = res
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            ensure!(
                Instant::now() + Duration::from_secs(wait) < deadline,
                "rate limited past the payment's {TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_secs(wait)).await;
        }
    }

    /// The envelope's `data` of a GET that must answer 200.
    async fn get(
        &self,
        path: &str,
        token: &str,
        throttled: &mut u32,
        deadline: Instant,
    ) -> anyhow::Result<Value> {
        let req = self
            .api
            .get(format!("{}{path}", self.base))
            .bearer_auth(token);
        let res = self.send(req, throttled, deadline).await?;
        data(res, StatusCode::OK, path).await
    }

    /// Steps 1 to 3 for one invoice.
    async fn pay(&self, p: &Payer) -> anyhow::Result<Paid> {
        let started = Instant::now();
        let deadline = started + TIMEOUT;
        let (org, invoice) = (&self.org, &p.invoice);
        let mut throttled = 0;

        // 1. The shop asks Guichet to pay the invoice by card.
        let path = format!("/api/1/orgs/{org}/invoices/{invoice}/payments");
        let req = self
            .api
            .post(format!("{}{path}", self.base))
            .bearer_auth(&p.token)
            .header("Idempotency-Key", format!("bench-pay-{invoice}"))
            .json(&json!({ "method": "card" }));
        let res = self.send(req, &mut throttled, deadline).await?;
        let payment = data(res, StatusCode::CREATED, &path).await?;
        let (Some(id), Some("requires_action"), Some(redirect)) = (
            payment["id"].as_str(),
            payment["status"].as_str(),
            payment["redirect_url"].as_str(),
        ) else {
            bail!("POST {path}: not a payment requiring action: {payment}");
        };
        let page = format!("{}/sandbox-gateway/pay/", self.base);
        ensure!(
            redirect.starts_with(&page),
            "POST {path}: redirect_url {redirect} is not on the mounted sandbox ({page}…)"
        );

        // 2. The customer's browser submits the hosted page's form (its
        // action is the page itself) with the success card.
        let res = self
            .browser
            .post(redirect)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!("choice={SUCCESS_CARD}"))
            .send()
            .await?;
        let back = res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        ensure!(
            res.status().is_redirection() && back.contains("sandbox_payment="),
            "POST {redirect}: answered {} (Location: {back:?}), not the way back to the shop: {}",
            res.status(),
            res.text().await.unwrap_or_default()
        );

        // 3. The sandbox notifies Guichet; the shop sees the payment
        // succeed, then its invoice paid.
        let path = format!("/api/1/orgs/{org}/payments/{id}");
        let mut polls = 0;
        loop {
            let payment = self.get(&path, &p.token, &mut throttled, deadline).await?;
            polls += 1;
            match payment["status"].as_str() {
                Some("succeeded") => break,
                Some("requires_action" | "processing" | "pending") => {}
                _ => bail!("payment {id} of invoice {invoice} did not succeed: {payment}"),
            }
            ensure!(
                Instant::now() < deadline,
                "payment {id} of invoice {invoice} not settled within {TIMEOUT:?}: {payment}"
            );
            tokio::time::sleep((started.elapsed() / 5).clamp(POLL_MIN, POLL_MAX)).await;
        }
        let path = format!("/api/1/orgs/{org}/invoices/{invoice}");
        let inv = self.get(&path, &p.token, &mut throttled, deadline).await?;
        ensure!(
            inv["status"] == "paid" && inv["open"]["amount"] == "0.00",
            "payment {id} succeeded but invoice {invoice} is not paid: {inv}"
        );
        Ok(Paid {
            took: started.elapsed(),
            polls,
            throttled,
        })
    }
}

/// The envelope's `data` of an answer that must have `status`.
async fn data(res: reqwest::Response, status: StatusCode, what: &str) -> anyhow::Result<Value> {
    let got = res.status();
    let body = res.text().await?;
    ensure!(
        got == status,
        "{what}: answered {got}, not {status}: {body}"
    );
    let mut v: Value = serde_json::from_str(&body).with_context(|| format!("{what}: {body}"))?;
    Ok(v["data"].take())
}

/// The user, the organisation, the invoices and a token for each.
async fn seed(ctx: &Ctx, count: usize) -> anyhow::Result<(String, Vec<Payer>)> {
    let (actor, org) = billed_org(ctx, "bench-payments@example.test", "Bench Payments SA").await?;
    let input = lines()?;
    let mut payers = Vec::with_capacity(count);
    for i in 0..count {
        let invoice = billing::invoices::create_and_issue(ctx, Issuer::Operator, &org, &input)
            .await
            .map_err(fail)?
            .id
            .to_string();
        // Paying needs orgs:write; reading the payment and invoice,
        // orgs:read.
        let token = tokens::create_token(
            ctx,
            &actor,
            CreateToken {
                name: &format!("bench payer {i}"),
                scopes: vec!["orgs:read".into(), "orgs:write".into()],
                expires_on: None,
                password: PASSWORD,
            },
        )
        .await
        .map_err(fail)?
        .token;
        payers.push(Payer { invoice, token });
    }
    Ok((org.to_string(), payers))
}

/// `ledger verify`, and each of the org's invoices paid exactly once.
async fn check(ctx: &Ctx, org: &str, count: usize) -> anyhow::Result<()> {
    let mut c = ctx.db.acquire().await.map_err(fail)?;
    let broken = billing::verify::violations(c.conn()).await.map_err(fail)?;
    ensure!(broken.is_empty(), "ledger verify: {broken:?}");
    let count = i64::try_from(count)?;
    let counted = [
        (
            "issued invoices",
            "SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND status <> 'draft'",
        ),
        (
            "paid invoices",
            "SELECT COUNT(*) FROM invoices WHERE org_id = $1 AND status = 'paid'",
        ),
        (
            "payments",
            "SELECT COUNT(*) FROM payments WHERE org_id = $1",
        ),
        (
            "succeeded payments",
            "SELECT COUNT(*) FROM payments WHERE org_id = $1 AND status = 'succeeded'",
        ),
        (
            "invoices with a succeeded payment",
            "SELECT COUNT(DISTINCT invoice_id) FROM payments WHERE org_id = $1 AND status = 'succeeded'",
        ),
        (
            "capture postings",
            "SELECT COUNT(*) FROM ledger_transactions WHERE org_id = $1 AND kind = 'payment_captured'",
        ),
    ];
    for (what, query) in counted {
        let n = sql!(c.conn(), fetch_one scalar i64, query, org)?;
        ensure!(n == count, "{n} {what}, not {count}");
    }
    let overpaid = sql!(c.conn(), fetch_all scalar String,
        "SELECT i.id FROM invoices i WHERE i.org_id = $1 AND (
             (SELECT COUNT(*) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded'
                 AND p.amount_minor - p.to_prepaid_minor = i.total_minor AND p.to_prepaid_minor = 0) <> 1
             OR (SELECT COUNT(*) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded') <> 1)",
        org)?;
    ensure!(
        overpaid.is_empty(),
        "invoices not paid exactly once, for their total: {overpaid:?}"
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, url, data_dir, engine, count, concurrency] = args.as_slice() else {
        bail!("usage: payments SERVER_URL DATABASE_URL DATA_DIR ENGINE PAYMENTS CONCURRENCY");
    };
    let count: usize = count.parse().context("PAYMENTS")?;
    let concurrency: usize = concurrency.parse().context("CONCURRENCY")?;
    ensure!(
        count > 0 && concurrency > 0,
        "PAYMENTS and CONCURRENCY above 0"
    );
    let ctx = context(url, data_dir).await?;

    let (org, mut payers) = seed(&ctx, WARM_UP + count).await?;
    let http = |redirects| {
        reqwest::Client::builder()
            .redirect(redirects)
            .timeout(TIMEOUT)
            .build()
    };
    let client = Arc::new(Client {
        base: base.trim_end_matches('/').to_owned(),
        org: org.clone(),
        api: http(reqwest::redirect::Policy::default())?,
        browser: http(reqwest::redirect::Policy::none())?,
    });
    // Each token's first call (see the module's comment), which also
    // shows every invoice issued and open.
    for p in &payers {
        let path = format!("/api/1/orgs/{org}/invoices/{}", p.invoice);
        let inv = client
            .get(&path, &p.token, &mut 0, Instant::now() + TIMEOUT)
            .await?;
        ensure!(inv["status"] == "issued", "{path} is not issued: {inv}");
    }
    for p in payers.drain(..WARM_UP) {
        client.pay(&p).await?;
    }

    let queue = Arc::new(Mutex::new(VecDeque::from(payers)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, queue) = (client.clone(), queue.clone());
        tasks.push(tokio::spawn(async move {
            let mut paid = Vec::new();
            loop {
                // The guard must not live across the payment's awaits.
                let next = queue
                    .lock()
                    .map_err(|_| anyhow::anyhow!("poisoned"))?
                    .pop_front();
                let Some(p) = next else { break };
                paid.push(client.pay(&p).await?);
            }
            anyhow::Ok(paid)
        }));
    }
    let mut paid = Vec::new();
    for t in tasks {
        paid.extend(t.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    check(&ctx, &org, WARM_UP + count).await?;

    let mut took: Vec<Duration> = paid.iter().map(|p| p.took).collect();
    took.sort();
    let pct = |p: f64| took[((took.len() as f64 * p) as usize).min(took.len() - 1)];
    let polls = paid.iter().map(|p| p.polls).sum::<u32>() as f64 / paid.len() as f64;
    let throttled: u32 = paid.iter().map(|p| p.throttled).sum();
    let throttled = if throttled > 0 {
        format!("; {throttled} answers 429 waited out")
    } else {
        String::new()
    };
    println!(
        "| {engine} | payments end to end through the sandbox gateway ({} in {elapsed:.1} s, {concurrency} at once: pay by card → hosted page's form → signed notification → invoice seen paid; {polls:.1} polls each{throttled}; ledger verify holds, each paid once) | {:.1} | {:.1} ms | {:.1} ms |",
        paid.len(),
        paid.len() as f64 / elapsed,
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
    );
    Ok(())
}
