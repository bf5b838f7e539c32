//! The daily sweep (`renewals.daily`, OPS-2): what is due today, step by
//! step, in the order that keeps a product's service whole:
//!
//! 1. **invoice** auto-renewing products `invoice_days_before` their
//!    expiry, and queue the first charge `charge_days_before[0]` days
//!    before it (REN-1, REN-2; the charges run in `renewals.charges`);
//! 2. **warranty**: a product under the renewal warranty whose period
//!    ended unrenewed is renewed by the provider — its open renewal
//!    applied, or a new one invoiced and applied (REN-4);
//! 3. **expire** the others whose period ended (their auto-renewal's
//!    unpaid invoice credited), **suspend** them `suspend_after_days`
//!    after expiry, warn `deletion_notice_days` before deletion, and
//!    **delete** them `delete_after_days` after expiry (their open
//!    renewals credited) (REN-5);
//! 4. **notices**: products that will expire unless someone acts are
//!    announced `notice_days_before` their expiry (REN-5).
//!
//! Each step reads its products by an index on (status, expiry) in keyset
//! batches of `[renewals] batch`, one transaction per batch. Every effect
//! is guarded — a status moves by a conditional update, a period renews
//! once (unique live renewal), a notice is sent once (its row) — so two
//! instances at once, or a run killed half-way and run again, do each
//! thing once. A product that fails is retried alone, then left for the
//! next run; the others go on.

use jiff::civil::Date;

use super::{
    dates, renew,
    store::{self, Due},
};
use crate::{
    Ctx,
    catalog::{products, store::ProductRow},
    db::Conn,
    error::{Error, Result},
    jobs::SweepReport,
};

/// The steps, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Invoice,
    Warranty,
    Expire,
    Suspend,
    WarnOfDeletion,
    Delete,
    Notice,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Invoice,
        Step::Warranty,
        Step::Expire,
        Step::Suspend,
        Step::WarnOfDeletion,
        Step::Delete,
        Step::Notice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Invoice => "invoice",
            Step::Warranty => "warranty",
            Step::Expire => "expire",
            Step::Suspend => "suspend",
            Step::WarnOfDeletion => "deletion_notice",
            Step::Delete => "delete",
            Step::Notice => "notice",
        }
    }

    /// What this step handles `today`: windows of a status, an expiry
    /// range (both included) and a filter.
    fn windows(self, ctx: &Ctx, today: Date) -> Result<Vec<(&'static str, Date, Date, Due)>> {
        let s = &ctx.config.renewals;
        let shift = |days: i64| {
            dates::days_before(today, days)
                .ok_or_else(|| Error::Internal("renewals: date out of range".into()))
        };
        let ago = |days: u32| shift(i64::from(days));
        let ahead = |days: u32| shift(-i64::from(days));
        let ever = Date::MIN;
        let yesterday = ago(1)?;
        Ok(match self {
            Step::Invoice => vec![(
                "active",
                today,
                ahead(s.invoice_days_before)?,
                Due::ToInvoice,
            )],
            Step::Warranty => vec![("active", ever, yesterday, Due::Warranty)],
            Step::Expire => vec![("active", ever, yesterday, Due::NoWarranty)],
            Step::Suspend => vec![("expired", ever, ago(s.suspend_after_days)?, Due::Any)],
            Step::WarnOfDeletion => vec![(
                "suspended",
                ever,
                ago(s.delete_after_days - s.deletion_notice_days)?,
                Due::ToWarnOfDeletion,
            )],
            Step::Delete => vec![("suspended", ever, ago(s.delete_after_days)?, Due::Any)],
            // Each notice covers the days down to the next one: a product
            // gets the nearest notice it has reached, never two at once.
            Step::Notice => {
                let mut out = Vec::new();
                let days = &s.notice_days_before;
                for (i, d) in days.iter().enumerate() {
                    let nearer = days.get(i + 1).map_or(Ok(today), |n| ahead(n + 1))?;
                    out.push(("active", nearer, ahead(*d)?, Due::ToNotice(*d)));
                }
                out
            }
        })
    }
}

/// What one run did, per step (metrics, `guichet jobs run`, the bench).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DailyReport {
    pub steps: Vec<(Step, SweepReport)>,
    /// How long each step took, in the order of `steps`.
    pub took: Vec<std::time::Duration>,
}

/// The `renewals.daily` sweep.
pub async fn run(ctx: &Ctx) -> Result<SweepReport> {
    let report = run_day(ctx).await?;
    Ok(report
        .steps
        .iter()
        .fold(SweepReport::default(), |mut all, (_, r)| {
            all.done += r.done;
            all.failed += r.failed;
            all
        }))
}

/// Every step for today, in order.
pub async fn run_day(ctx: &Ctx) -> Result<DailyReport> {
    let today = ctx.today();
    let mut report = DailyReport::default();
    let checkpointer = crate::db::Checkpointer::start(&ctx.db);
    for step in Step::ALL {
        let started = std::time::Instant::now();
        let r = walk(ctx, step, today).await?;
        report.took.push(started.elapsed());
        metrics::counter!("guichet_renewal_steps_total", "step" => step.as_str()).increment(r.done);
        if r.failed > 0 {
            metrics::counter!("guichet_renewal_step_failures_total", "step" => step.as_str())
                .increment(r.failed);
        }
        report.steps.push((step, r));
    }
    checkpointer.stop().await;
    let done: Vec<String> = report
        .steps
        .iter()
        .zip(&report.took)
        .filter(|((_, r), _)| r.done > 0 || r.failed > 0)
        .map(|((s, r), t)| {
            format!(
                "{} {}/{} in {:.1} s",
                s.as_str(),
                r.done,
                r.failed,
                t.as_secs_f64()
            )
        })
        .collect();
    if !done.is_empty() {
        tracing::info!(%today, steps = %done.join(", "), "renewals: the day's steps (done/failed)");
    }
    Ok(report)
}

/// One step over everything it selects today, batch by batch.
async fn walk(ctx: &Ctx, step: Step, today: Date) -> Result<SweepReport> {
    let mut report = SweepReport::default();
    for (status, from, until, due) in step.windows(ctx, today)? {
        let r = walk_window(ctx, step, today, status, from, until, due).await?;
        report.done += r.done;
        report.failed += r.failed;
    }
    Ok(report)
}

/// One window of a step, batch by batch.
async fn walk_window(
    ctx: &Ctx,
    step: Step,
    today: Date,
    status: &str,
    from: Date,
    until: Date,
    due: Due,
) -> Result<SweepReport> {
    let (status, from, until) = (status.to_owned(), from.to_string(), until.to_string());
    let limit = i64::from(ctx.config.renewals.batch.max(1));
    let mut report = SweepReport::default();
    // The next batch is read while this one is written, on a connection
    // of its own (on SQLite, a thread of its own: the sweep's second
    // core). Its keyset is known before the write starts, and a batch
    // writes only its own products, so the read finds what it would find
    // after the commit; a product changed meanwhile by someone else is
    // caught by the guarded writes, as it always was. Dropping the set
    // (an error, the end) stops a read still running.
    let mut reads = tokio::task::JoinSet::new();
    let read = |after_on: String, after_id: String| {
        let (ctx, status, from, until) = (ctx.clone(), status.clone(), from.clone(), until.clone());
        async move {
            let mut c = ctx.db.acquire().await?;
            store::due(
                c.conn(),
                &status,
                &from,
                &until,
                due,
                &after_on,
                &after_id,
                limit,
            )
            .await
        }
    };
    reads.spawn(read(String::new(), String::new()));
    loop {
        let batch = reads
            .join_next()
            .await
            .ok_or_else(|| Error::Internal("renewals: the next batch was not read".into()))?
            .map_err(|e| Error::Internal(format!("renewals: reading a batch: {e}")))??;
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        let full = batch.len() as i64 == limit;
        if full {
            reads.spawn(read(
                last.expires_on.clone().unwrap_or_default(),
                last.id.to_string(),
            ));
        }
        // The batch in one transaction; should one product fail, the
        // batch is rolled back and each product tried in its own, so
        // that one product's trouble holds up nobody else.
        let mut tx = ctx.db.begin().await?;
        let attempt = match step {
            Step::Invoice => invoice_batch(tx.conn(), ctx, &batch, today).await,
            Step::Warranty => warranty_batch(tx.conn(), ctx, &batch).await,
            Step::Notice => notice_batch(tx.conn(), ctx, &batch, today).await,
            Step::Expire => lifecycle_batch(tx.conn(), ctx, &batch, "active", "expired").await,
            Step::Suspend => lifecycle_batch(tx.conn(), ctx, &batch, "expired", "suspended").await,
            _ => one_by_one(tx.conn(), ctx, step, &batch, today).await,
        };
        match attempt {
            Ok(done) => {
                tx.commit().await?;
                report.done += done;
            }
            Err(e) => {
                drop(tx);
                tracing::info!(step = step.as_str(), error = %e, "a renewal batch failed; its products are retried one by one");
                for p in &batch {
                    let mut tx = ctx.db.begin().await?;
                    match handle(tx.conn(), ctx, step, p, today).await {
                        Ok(did) => {
                            tx.commit().await?;
                            report.done += u64::from(did);
                        }
                        Err(e) => {
                            tracing::warn!(step = step.as_str(), product = %p.id, error = %e, "renewal step failed; retried next run");
                            report.failed += 1;
                        }
                    }
                }
            }
        }
        if !full {
            return Ok(report);
        }
    }
}

/// What billing needs of the orgs of `products`, read once for them all.
async fn billed_of<'p>(
    c: Conn<'_>,
    products: impl Iterator<Item = &'p ProductRow>,
) -> Result<std::collections::HashMap<String, crate::orgs::Billed>> {
    let mut org_ids: Vec<&str> = products.map(|p| p.org_id.as_str()).collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    crate::orgs::billed_orgs(c, &org_ids).await
}

/// REN-2: the day an auto-renewal's first charge is tried,
/// `charge_days_before[0]` before expiry (today if that has passed).
fn first_charge_on(ctx: &Ctx, p: &ProductRow, today: Date) -> Result<Date> {
    let first = ctx
        .config
        .renewals
        .charge_days_before
        .first()
        .copied()
        .unwrap_or(0);
    Ok(dates::days_before(expiry(p)?, i64::from(first))
        .unwrap_or(today)
        .max(today))
}

/// `step` for each product of a batch, in the caller's transaction: how
/// many it did; the first failure fails the batch.
async fn one_by_one(
    mut c: Conn<'_>,
    ctx: &Ctx,
    step: Step,
    batch: &[ProductRow],
    today: Date,
) -> Result<u64> {
    let mut done = 0;
    for p in batch {
        if handle(c.reborrow(), ctx, step, p, today).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// REN-1, REN-2 for a whole batch (ADR 0015): the renewal invoices issued
/// in bulk ([`crate::billing::bulk`]), their renewals recorded with the
/// first charge queued, and the owners' mails written — a fixed handful of
/// statements for the batch, each product exactly as [`invoice`] would
/// treat it alone. A period renewed meanwhile (by hand, or by another
/// instance) fails the batch, which is then done one by one.
async fn invoice_batch(
    mut c: Conn<'_>,
    ctx: &Ctx,
    batch: &[ProductRow],
    today: Date,
) -> Result<u64> {
    let billed = billed_of(c.reborrow(), batch.iter()).await?;
    let mut priced = Vec::with_capacity(batch.len());
    for p in batch {
        let b = billed.get(p.org_id.as_str()).ok_or(Error::NotFound)?;
        match renew::price(ctx, p, 1, renew::language_of(Some(&b.org))) {
            Ok(x) => {
                priced.push((x, b, first_charge_on(ctx, p, today)?));
            }
            Err(why) => {
                tracing::info!(product = %p.id, why = why.code(), "an auto-renewing product cannot be renewed");
            }
        }
    }
    if priced.is_empty() {
        return Ok(0);
    }
    let items: Vec<_> = priced
        .iter()
        .map(|(x, b, charge_on)| (x, *b, Some(charge_on.to_string())))
        .collect();
    let (prepared, rows) = renew::prepare_in_bulk(c.reborrow(), ctx, &items, "auto").await?;
    let issued = prepared.issued.clone();
    let args: Vec<Vec<(&str, String)>> = priced
        .iter()
        .zip(&issued)
        .map(|((x, _, charge_on), inv)| {
            let p = &x.product;
            vec![
                ("product", p.name.clone()),
                ("expires", p.expires_on.clone().unwrap_or_default()),
                ("total", inv.total.to_string()),
                ("charge", charge_on.to_string()),
                ("number", inv.number.clone()),
                (
                    "url",
                    renew::invoice_url(ctx, p.org_id.as_str(), inv.id.as_str()),
                ),
            ]
        })
        .collect();
    let mut mails = Vec::new();
    for (((_, b, _), inv), args) in priced.iter().zip(&issued).zip(&args) {
        mails.extend(renew::mails(
            &b.contacts,
            renew::language_of(Some(&b.org)),
            "renewal_invoice",
            args,
            Some((inv.id.as_str(), &inv.number)),
        ));
    }
    // The mails are rendered here while the batch's rows are written on
    // the connection's thread: the words of a mail are CPU, and the
    // writer waits for nothing from them.
    let (written, rendered) = tokio::join!(
        renew::write_in_bulk(c.reborrow(), ctx, prepared, &rows),
        crate::outbox::render_mails(ctx, mails),
    );
    written?;
    crate::outbox::enqueue_rendered(c, ctx, rendered?).await?;
    let n = issued.len() as u64;
    metrics::counter!("guichet_renewal_invoices_total", "kind" => "auto").increment(n);
    metrics::counter!("guichet_renewal_mails_total", "template" => "renewal_invoice").increment(n);
    Ok(n)
}

/// Do `step` for product `p`, in the caller's transaction: whether it did
/// anything (another instance may have done it first).
async fn handle(c: Conn<'_>, ctx: &Ctx, step: Step, p: &ProductRow, today: Date) -> Result<bool> {
    match step {
        Step::Invoice => invoice(c, ctx, p, today).await,
        Step::Warranty => warranty(c, ctx, p).await,
        Step::Expire => lifecycle(c, ctx, p, "active", "expired").await,
        Step::Suspend => lifecycle(c, ctx, p, "expired", "suspended").await,
        Step::WarnOfDeletion => warn_of_deletion(c, ctx, p, today).await,
        Step::Delete => lifecycle(c, ctx, p, "suspended", "deleted").await,
        Step::Notice => notice(c, ctx, p, today).await,
    }
}

fn expiry(p: &ProductRow) -> Result<Date> {
    let text = p.expires_on.as_deref().unwrap_or_default();
    text.parse()
        .map_err(|e| Error::Internal(format!("renewals: product {} expiry {text}: {e}", p.id)))
}

fn day(date: Date, days: i64) -> String {
    dates::days_before(date, days).map_or_else(String::new, |d| d.to_string())
}

/// REN-1: the renewal invoice of an auto-renewing product, its first
/// charge queued (REN-2).
async fn invoice(mut c: Conn<'_>, ctx: &Ctx, p: &ProductRow, today: Date) -> Result<bool> {
    let lang = renew::language(c.reborrow(), p.org_id.as_str()).await?;
    let priced = match renew::price(ctx, p, 1, lang) {
        Ok(priced) => priced,
        Err(why) => {
            // Nothing to invoice: it will expire, announced as such.
            tracing::info!(product = %p.id, why = why.code(), "an auto-renewing product cannot be renewed");
            return Ok(false);
        }
    };
    let expires = expiry(p)?;
    let charge_on = first_charge_on(ctx, p, today)?;
    let (invoice, _) = match renew::issue_by_sweep(
        c.reborrow(),
        ctx,
        &priced,
        "auto",
        Some(charge_on.to_string()),
    )
    .await
    {
        Ok(done) => done,
        // Renewed by hand a moment ago: nothing to do.
        Err(Error::Conflict {
            code: "renewal_pending",
            ..
        }) => return Ok(false),
        Err(e) => return Err(e),
    };
    let number = invoice.number.clone();
    renew::tell(
        c,
        ctx,
        p.org_id.as_str(),
        "renewal_invoice",
        vec![
            ("product", p.name.clone()),
            ("expires", expires.to_string()),
            ("total", invoice.total.to_string()),
            ("charge", charge_on.to_string()),
            ("number", number.clone()),
            (
                "url",
                renew::invoice_url(ctx, p.org_id.as_str(), invoice.id.as_str()),
            ),
        ],
        Some((invoice.id.as_str(), &number)),
    )
    .await?;
    metrics::counter!("guichet_renewal_invoices_total", "kind" => "auto").increment(1);
    Ok(true)
}

/// REN-4: the provider renews a product under warranty whose period ended
/// unrenewed: its open renewal applies unpaid, or a new one is invoiced
/// and applied. The invoice is due under the usual terms and reminded as
/// any other.
async fn warranty(mut c: Conn<'_>, ctx: &Ctx, p: &ProductRow) -> Result<bool> {
    let expires = p.expires_on.clone().unwrap_or_default();
    let open = store::live_for(c.reborrow(), p.id.as_str(), &expires).await?;
    let renewal = match open {
        Some(r) if r.status == "open" => r,
        Some(_) => return Ok(false),
        None => {
            let lang = renew::language(c.reborrow(), p.org_id.as_str()).await?;
            let priced = match renew::price(ctx, p, 1, lang) {
                Ok(priced) => priced,
                Err(why) => {
                    // The catalogue no longer renews it (plan withdrawn,
                    // period gone): the warranty cannot hold, and the
                    // product takes the way of those without it.
                    tracing::warn!(product = %p.id, why = why.code(), "renewal warranty dropped: the catalogue no longer renews this product");
                    store::drop_warranty(c, &p.id, ctx.clock.now().as_millisecond()).await?;
                    return Ok(false);
                }
            };
            let (_, row) =
                renew::issue_by_sweep(c.reborrow(), ctx, &priced, "warranty", None).await?;
            metrics::counter!("guichet_renewal_invoices_total", "kind" => "warranty").increment(1);
            row
        }
    };
    if !renew::apply(c.reborrow(), ctx, &renewal).await? {
        return Ok(false);
    }
    let invoice = crate::billing::store::invoice(
        c.reborrow(),
        &crate::ids::InvoiceId::from_stored(renewal.invoice_id.clone()),
    )
    .await?
    .ok_or(Error::NotFound)?;
    let number = invoice.number.clone().unwrap_or_default();
    renew::tell(
        c,
        ctx,
        p.org_id.as_str(),
        "renewal_warranty",
        vec![
            ("product", p.name.clone()),
            ("until", renewal.to_expires_on.clone()),
            ("number", number.clone()),
            ("due", invoice.due_on.clone().unwrap_or_default()),
            (
                "url",
                renew::invoice_url(ctx, p.org_id.as_str(), &renewal.invoice_id),
            ),
        ],
        Some((&renewal.invoice_id, &number)),
    )
    .await?;
    Ok(true)
}

/// [`warranty`] for a whole batch: the open renewals read at once, the
/// missing ones invoiced in bulk, all applied together
/// ([`renew::apply_many`]: products moved, events and audit rows), and the
/// mails written by one statement. Anything unusual — a product the
/// catalogue no longer renews, a renewal applied meanwhile — fails the
/// batch, which is then done product by product.
async fn warranty_batch(mut c: Conn<'_>, ctx: &Ctx, batch: &[ProductRow]) -> Result<u64> {
    let ids: Vec<String> = batch.iter().map(|p| p.id.to_string()).collect();
    let mut open: std::collections::HashMap<String, store::RenewalRow> =
        store::open_for_products(c.reborrow(), &ids)
            .await?
            .into_iter()
            .map(|r| (r.product_id.to_string(), r))
            .collect();
    let billed = billed_of(c.reborrow(), batch.iter()).await?;
    let mut priced = Vec::new();
    for p in batch.iter().filter(|p| !open.contains_key(p.id.as_str())) {
        let b = billed.get(p.org_id.as_str()).ok_or(Error::NotFound)?;
        let x = renew::price(ctx, p, 1, renew::language_of(Some(&b.org))).map_err(|why| {
            Error::Internal(format!(
                "renewals: {} cannot be renewed: {}",
                p.id,
                why.code()
            ))
        })?;
        priced.push((x, b));
    }
    // Invoice numbers and due dates, by invoice: the new ones as issued,
    // the open ones as stored.
    let mut invoices: std::collections::HashMap<String, (String, String)> =
        std::collections::HashMap::new();
    if !priced.is_empty() {
        let items: Vec<_> = priced.iter().map(|(x, b)| (x, *b, None)).collect();
        let (issued, rows) = renew::issue_in_bulk(c.reborrow(), ctx, &items, "warranty").await?;
        for inv in &issued {
            invoices.insert(
                inv.id.to_string(),
                (inv.number.clone(), inv.due_on.to_string()),
            );
        }
        for r in rows {
            open.insert(r.product_id.to_string(), r);
        }
        metrics::counter!("guichet_renewal_invoices_total", "kind" => "warranty")
            .increment(issued.len() as u64);
    }
    let mut applied = Vec::with_capacity(batch.len());
    for p in batch {
        let r = open
            .get(p.id.as_str())
            .ok_or_else(|| Error::Internal(format!("renewals: {} has no renewal", p.id)))?;
        applied.push((p, r));
    }
    let renewals: Vec<&store::RenewalRow> = applied.iter().map(|(_, r)| *r).collect();
    renew::apply_many(c.reborrow(), ctx, &renewals).await?;
    // The invoices of renewals that were open already, read at once.
    let mut unread: Vec<&str> = renewals
        .iter()
        .map(|r| r.invoice_id.as_str())
        .filter(|id| !invoices.contains_key(*id))
        .collect();
    unread.sort_unstable();
    unread.dedup();
    if !unread.is_empty() {
        for row in crate::billing::store::invoices_by_id(c.reborrow(), &unread).await? {
            invoices.insert(
                row.id.to_string(),
                (
                    row.number.unwrap_or_default(),
                    row.due_on.unwrap_or_default(),
                ),
            );
        }
    }
    if let Some(r) = renewals
        .iter()
        .find(|r| !invoices.contains_key(&r.invoice_id))
    {
        return Err(Error::Internal(format!(
            "renewals: the invoice of {} is gone",
            r.id
        )));
    }
    let args: Vec<Vec<(&str, String)>> = applied
        .iter()
        .map(|(p, r)| {
            let (number, due) = &invoices[&r.invoice_id];
            vec![
                ("product", p.name.clone()),
                ("until", r.to_expires_on.clone()),
                ("number", number.clone()),
                ("due", due.clone()),
                (
                    "url",
                    renew::invoice_url(ctx, p.org_id.as_str(), &r.invoice_id),
                ),
            ]
        })
        .collect();
    let mut mails = Vec::new();
    for ((p, r), args) in applied.iter().zip(&args) {
        let b = billed.get(p.org_id.as_str()).ok_or(Error::NotFound)?;
        mails.extend(renew::mails(
            &b.contacts,
            renew::language_of(Some(&b.org)),
            "renewal_warranty",
            args,
            Some((r.invoice_id.as_str(), invoices[&r.invoice_id].0.as_str())),
        ));
    }
    crate::outbox::enqueue_mails(c, ctx, mails).await?;
    let n = applied.len() as u64;
    metrics::counter!("guichet_renewal_mails_total", "template" => "renewal_warranty").increment(n);
    Ok(n)
}

/// REN-5: move `p` (and a suite's contents) from `from` to `to`, announce
/// it to the provider's systems and the owners, once.
async fn lifecycle(
    mut c: Conn<'_>,
    ctx: &Ctx,
    p: &ProductRow,
    from: &str,
    to: &str,
) -> Result<bool> {
    let now = ctx.clock.now().as_millisecond();
    let expires_text = p.expires_on.clone().unwrap_or_default();
    let moved = store::set_status(c.reborrow(), &p.id, &expires_text, from, to, now).await?;
    if moved.is_empty() {
        return Ok(false);
    }
    let expires = expiry(p)?;
    match to {
        // The auto-renewal's charges all failed: its invoice is credited
        // (the customer is not dunned for what they let lapse). A renewal
        // asked for by hand stays payable through the grace period.
        "expired" => {
            if let Some(r) = store::live_for(c.reborrow(), p.id.as_str(), &expires_text).await?
                && r.status == "open"
                && r.kind == "auto"
            {
                renew::cancel(c.reborrow(), ctx, &r, "Not renewed by its expiry").await?;
            }
        }
        "deleted" => {
            renew::cancel_open(
                c.reborrow(),
                ctx,
                p,
                "Deleted at the end of its grace period",
            )
            .await?;
            store::release_seats(c.reborrow(), &p.id).await?;
        }
        _ => {}
    }
    let event = format!("product.{to}");
    for id in &moved {
        products::record_change(c.reborrow(), ctx, &p.org_id, id, &event).await?;
    }
    crate::staff::audit_in(
        c.reborrow(),
        ctx,
        None,
        &event,
        p.id.as_str(),
        Some(&p.org_id),
        &lifecycle_audit(from, to, &expires_text),
    )
    .await?;
    if store::insert_notice(
        c.reborrow(),
        &p.id,
        &p.org_id,
        &expires_text,
        to,
        &ctx.today().to_string(),
        now,
    )
    .await?
    {
        renew::tell(
            c,
            ctx,
            p.org_id.as_str(),
            &format!("product_{to}"),
            lifecycle_mail_args(ctx, p, expires),
            None,
        )
        .await?;
    }
    Ok(true)
}

/// [`lifecycle`] for a whole batch of the expire or suspend step: the
/// products (and suites' contents) moved by one statement; an expiring
/// auto-renewal's open invoice credited one by one (few: all its charges
/// failed); the events, audit rows, notices and mails written in bulk.
async fn lifecycle_batch(
    mut c: Conn<'_>,
    ctx: &Ctx,
    batch: &[ProductRow],
    from: &str,
    to: &str,
) -> Result<u64> {
    let now = ctx.clock.now().as_millisecond();
    let periods: Vec<(&str, &str)> = batch
        .iter()
        .map(|p| (p.id.as_str(), p.expires_on.as_deref().unwrap_or_default()))
        .collect();
    let moved = store::set_status_many(
        c.reborrow(),
        &serde_json::to_string(&periods)?,
        from,
        to,
        now,
    )
    .await?;
    let ids: std::collections::HashSet<&str> = moved.iter().map(|p| p.id.as_str()).collect();
    // Moved meanwhile by another instance: not this run's.
    let done: Vec<&ProductRow> = batch
        .iter()
        .filter(|p| ids.contains(p.id.as_str()))
        .collect();
    let n = done.len() as u64;
    if n == 0 {
        return Ok(0);
    }
    if to == "expired" {
        let products: Vec<String> = done.iter().map(|p| p.id.to_string()).collect();
        for r in store::open_for_products(c.reborrow(), &products).await? {
            if r.kind == "auto" {
                renew::cancel(c.reborrow(), ctx, &r, "Not renewed by its expiry").await?;
            }
        }
    }
    let event = format!("product.{to}");
    for row in &moved {
        products::announce(c.reborrow(), ctx, row, &event).await?;
    }
    let audits: Vec<(&str, &str, Option<&crate::ids::OrgId>, String)> = done
        .iter()
        .map(|p| {
            (
                event.as_str(),
                p.id.as_str(),
                Some(&p.org_id),
                lifecycle_audit(from, to, p.expires_on.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    crate::staff::audit_many_in(c.reborrow(), ctx, None, &audits).await?;
    // Told once per period and step (the notice's key).
    let rows: Vec<(&str, &str, &str, String)> = done
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.org_id.as_str(),
                p.expires_on.as_deref().unwrap_or_default(),
                to.to_owned(),
            )
        })
        .collect();
    let told: std::collections::HashSet<String> =
        store::insert_notices(c.reborrow(), &rows, &ctx.today().to_string(), now)
            .await?
            .into_iter()
            .collect();
    let told: Vec<&ProductRow> = done
        .into_iter()
        .filter(|p| told.contains(p.id.as_str()))
        .collect();
    let billed = billed_of(c.reborrow(), told.iter().copied()).await?;
    let template = format!("product_{to}");
    let mut args = Vec::with_capacity(told.len());
    for p in &told {
        args.push(lifecycle_mail_args(ctx, p, expiry(p)?));
    }
    let mut mails = Vec::new();
    for (p, args) in told.iter().zip(&args) {
        if let Some(b) = billed.get(p.org_id.as_str()) {
            mails.extend(renew::mails(
                &b.contacts,
                renew::language_of(Some(&b.org)),
                &template,
                args,
                None,
            ));
        }
    }
    crate::outbox::enqueue_mails(c, ctx, mails).await?;
    metrics::counter!("guichet_renewal_mails_total", "template" => template.clone())
        .increment(told.len() as u64);
    Ok(n)
}

/// The audit line of a product moved from `from` to `to`.
fn lifecycle_audit(from: &str, to: &str, expires: &str) -> String {
    format!("{from} → {to}: period ending {expires} not renewed")
}

/// The words of the mail telling that `p`, its period ending `expires`,
/// moved (`product_expired`, `product_suspended`, `product_deleted`).
fn lifecycle_mail_args(ctx: &Ctx, p: &ProductRow, expires: Date) -> Vec<(&'static str, String)> {
    let s = &ctx.config.renewals;
    vec![
        ("product", p.name.clone()),
        ("expired", expires.to_string()),
        ("suspend", day(expires, -i64::from(s.suspend_after_days))),
        ("delete", day(expires, -i64::from(s.delete_after_days))),
        ("url", renew::to_pay_url(ctx, p.org_id.as_str())),
    ]
}

/// REN-5: the owners are told before a suspended product is deleted.
async fn warn_of_deletion(mut c: Conn<'_>, ctx: &Ctx, p: &ProductRow, today: Date) -> Result<bool> {
    let expires = expiry(p)?;
    let s = &ctx.config.renewals;
    let now = ctx.clock.now().as_millisecond();
    if !store::insert_notice(
        c.reborrow(),
        &p.id,
        &p.org_id,
        &expires.to_string(),
        "deletion-notice",
        &today.to_string(),
        now,
    )
    .await?
    {
        return Ok(false);
    }
    renew::tell(
        c,
        ctx,
        p.org_id.as_str(),
        "product_deletion_notice",
        vec![
            ("product", p.name.clone()),
            ("delete", day(expires, -i64::from(s.delete_after_days))),
            ("url", renew::to_pay_url(ctx, p.org_id.as_str())),
        ],
        None,
    )
    .await?;
    Ok(true)
}

/// The notice `p` is due today, if any (see [`notice`]): its step and
/// the days left.
fn notice_due(ctx: &Ctx, p: &ProductRow, today: Date) -> Result<Option<(u32, i64)>> {
    let left = dates::days_between(today, expiry(p)?);
    Ok(ctx
        .config
        .renewals
        .notice_days_before
        .iter()
        .rev()
        .find(|d| left <= i64::from(**d))
        .map(|d| (*d, left)))
}

/// [`notice`] for a whole batch: the notices recorded by one statement
/// (those told already are skipped by its unique key), the mails written
/// by another.
async fn notice_batch(
    mut c: Conn<'_>,
    ctx: &Ctx,
    batch: &[ProductRow],
    today: Date,
) -> Result<u64> {
    let mut due = Vec::with_capacity(batch.len());
    for p in batch {
        if let Some((days, left)) = notice_due(ctx, p, today)? {
            due.push((p, days, left));
        }
    }
    let rows: Vec<(&str, &str, &str, String)> = due
        .iter()
        .map(|(p, days, _)| {
            (
                p.id.as_str(),
                p.org_id.as_str(),
                p.expires_on.as_deref().unwrap_or_default(),
                format!("notice-{days}"),
            )
        })
        .collect();
    if rows.is_empty() {
        return Ok(0);
    }
    let told: std::collections::HashSet<String> = store::insert_notices(
        c.reborrow(),
        &rows,
        &today.to_string(),
        ctx.clock.now().as_millisecond(),
    )
    .await?
    .into_iter()
    .collect();
    let due: Vec<_> = due
        .into_iter()
        .filter(|(p, _, _)| told.contains(p.id.as_str()))
        .collect();
    let billed = billed_of(c.reborrow(), due.iter().map(|(p, _, _)| *p)).await?;
    let args: Vec<Vec<(&str, String)>> = due
        .iter()
        .map(|(p, _, left)| {
            vec![
                ("product", p.name.clone()),
                ("expires", p.expires_on.clone().unwrap_or_default()),
                ("days", left.to_string()),
                ("url", renew::to_pay_url(ctx, p.org_id.as_str())),
            ]
        })
        .collect();
    let mut mails = Vec::new();
    for ((p, _, _), args) in due.iter().zip(&args) {
        if let Some(b) = billed.get(p.org_id.as_str()) {
            mails.extend(renew::mails(
                &b.contacts,
                renew::language_of(Some(&b.org)),
                "renewal_notice",
                args,
                None,
            ));
        }
    }
    crate::outbox::enqueue_mails(c, ctx, mails).await?;
    let n = due.len() as u64;
    metrics::counter!("guichet_renewal_mails_total", "template" => "renewal_notice").increment(n);
    Ok(n)
}

/// REN-5: a product that will expire unless someone acts is announced at
/// the nearest of `notice_days_before` it has reached (a run that was
/// late sends that one only: never two notices at once).
async fn notice(mut c: Conn<'_>, ctx: &Ctx, p: &ProductRow, today: Date) -> Result<bool> {
    let expires = expiry(p)?;
    let Some((days, left)) = notice_due(ctx, p, today)? else {
        return Ok(false);
    };
    let step = format!("notice-{days}");
    if !store::insert_notice(
        c.reborrow(),
        &p.id,
        &p.org_id,
        &expires.to_string(),
        &step,
        &today.to_string(),
        ctx.clock.now().as_millisecond(),
    )
    .await?
    {
        return Ok(false);
    }
    renew::tell(
        c,
        ctx,
        p.org_id.as_str(),
        "renewal_notice",
        vec![
            ("product", p.name.clone()),
            ("expires", expires.to_string()),
            ("days", left.to_string()),
            ("url", renew::to_pay_url(ctx, p.org_id.as_str())),
        ],
        None,
    )
    .await?;
    Ok(true)
}
