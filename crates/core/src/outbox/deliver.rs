//! The `outbox.deliver` sweep: claim due rows in batches, send each, mark it
//! delivered, or schedule a retry with exponential backoff, or mark it dead
//! after the configured number of tries (or at once on a permanent refusal).

use std::time::Duration;

use super::{EventPayload, MailPayload, store};
use crate::{
    Ctx,
    error::Result,
    jobs::{Sweep, SweepFuture, SweepReport},
};

pub const SWEEP: Sweep = Sweep {
    name: "outbox.deliver",
    every: Duration::from_secs(10),
    run: run_boxed,
    per_instance: false,
};

fn run_boxed(ctx: &Ctx) -> SweepFuture<'_> {
    Box::pin(deliver_due(ctx))
}

/// A batch run cannot hold rows longer than this before others may retry
/// them (a deliverer that died mid-batch).
const CLAIM_MS: i64 = 10 * 60 * 1000;
/// Upper bound of batches per run, so one run stays short; the rest waits
/// for the next tick.
const MAX_BATCHES: u32 = 20;

/// Why a delivery failed, and whether trying again can help.
#[derive(Debug)]
pub enum DeliveryError {
    /// Network trouble, a 5xx, a temporary SMTP refusal: retry later.
    Transient(String),
    /// The receiver refused for good (SMTP 5xx, endpoint no longer
    /// configured): mark dead now.
    Permanent(String),
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeliveryError::Transient(e) => write!(f, "{e}"),
            DeliveryError::Permanent(e) => write!(f, "permanent: {e}"),
        }
    }
}

/// Deliver everything due now.
pub async fn deliver_due(ctx: &Ctx) -> Result<SweepReport> {
    deliver(ctx, 0).await
}

/// Deliver everything due now or within [`WAKE_LEAD_MS`]: the pass run when
/// the deliverer is woken after a commit (ADR 0009).
///
/// [`WAKE_LEAD_MS`]: super::wake::WAKE_LEAD_MS
pub async fn deliver_woken(ctx: &Ctx) -> Result<SweepReport> {
    deliver(ctx, super::wake::WAKE_LEAD_MS).await
}

async fn deliver(ctx: &Ctx, lead_ms: i64) -> Result<SweepReport> {
    let mut report = SweepReport::default();
    for _ in 0..MAX_BATCHES {
        let now = ctx.clock.now().as_millisecond();
        let claim = crate::ids::new_id(crate::ids::Kind::DeliveryClaim, ctx.clock.now());
        let batch = i64::from(ctx.config.outbox.batch_size.max(1));
        let rows = {
            let mut c = ctx.db.acquire().await?;
            let n =
                store::claim_due_by(c.conn(), &claim, now, now + lead_ms, now + CLAIM_MS, batch)
                    .await?;
            if n == 0 {
                break;
            }
            store::claimed(c.conn(), &claim).await?
        };
        for row in &rows {
            let result = send(ctx, row).await;
            let now = ctx.clock.now().as_millisecond();
            let mut c = ctx.db.acquire().await?;
            match result {
                Ok(()) => {
                    store::mark_delivered(c.conn(), &row.id, &claim, now).await?;
                    metrics::counter!("guichet_outbox_delivered_total", "kind" => row.kind.clone())
                        .increment(1);
                    report.done += 1;
                }
                Err(err) => {
                    // Tries so far, this one included: the claim counted it.
                    let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
                    let next = match &err {
                        DeliveryError::Permanent(_) => None,
                        DeliveryError::Transient(_)
                            if attempts >= ctx.config.outbox.max_attempts =>
                        {
                            None
                        }
                        DeliveryError::Transient(_) => Some(now + backoff_ms(ctx, attempts)),
                    };
                    let dead = next.is_none();
                    tracing::warn!(outbox_id = %row.id, kind = %row.kind, attempts, dead, error = %err, "delivery failed");
                    store::mark_failed(
                        c.conn(),
                        &row.id,
                        &claim,
                        &truncate(&err.to_string(), 1000),
                        next,
                    )
                    .await?;
                    let outcome = if dead { "dead" } else { "retry" };
                    metrics::counter!("guichet_outbox_failed_total", "kind" => row.kind.clone(), "outcome" => outcome).increment(1);
                    report.failed += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Delay before try number `attempts + 1`: base × 2^(attempts-1), capped.
pub fn backoff_ms(ctx: &Ctx, attempts: u32) -> i64 {
    let base = ctx.config.outbox.base_delay_secs.max(1);
    let cap = ctx.config.outbox.max_delay_secs.max(base);
    let factor = 1u64
        .checked_shl(attempts.saturating_sub(1).min(32))
        .unwrap_or(u64::MAX);
    let secs = base.saturating_mul(factor).min(cap);
    i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX)
}

async fn send(ctx: &Ctx, row: &store::OutboxRow) -> Result<(), DeliveryError> {
    match row.kind.as_str() {
        "mail" => {
            let mail: MailPayload = serde_json::from_str(&row.payload)
                .map_err(|e| DeliveryError::Permanent(format!("unreadable mail payload: {e}")))?;
            let files = attachments(ctx, &mail).await?;
            ctx.mailer.send_with(&row.id, &mail, &files).await
        }
        "webhook" => {
            let endpoint = ctx
                .config
                .webhooks
                .iter()
                .find(|e| e.name == row.destination)
                .ok_or_else(|| {
                    DeliveryError::Permanent(format!(
                        "webhook endpoint `{}` is no longer configured",
                        row.destination
                    ))
                })?;
            // Check the stored body is an event, but send it byte for byte.
            let _: EventPayload = serde_json::from_str(&row.payload)
                .map_err(|e| DeliveryError::Permanent(format!("unreadable event payload: {e}")))?;
            super::webhook::post(ctx, endpoint, &row.payload).await
        }
        other => Err(DeliveryError::Permanent(format!(
            "unknown outbox kind `{other}`"
        ))),
    }
}

/// The attached documents' PDFs, read now from `document_pdfs` (or
/// rendered now, for an invoice issued in bulk whose PDF is pending). A PDF
/// that cannot be read now may be readable on a retry (the database
/// answered nothing); one that is not kept never will be.
async fn attachments(
    ctx: &Ctx,
    mail: &MailPayload,
) -> Result<Vec<(String, Vec<u8>)>, DeliveryError> {
    let mut files = Vec::with_capacity(mail.attachments.len());
    for a in &mail.attachments {
        // An invoice issued in bulk may wait for its PDF: rendered now.
        let pdf = crate::billing::pdfs::document_pdf(ctx, &a.document_id)
            .await
            .map_err(|e| DeliveryError::Transient(format!("attachment: {e}")))?
            .ok_or_else(|| {
                DeliveryError::Permanent(format!("no PDF kept for {}", a.document_id))
            })?;
        files.push((a.filename.clone(), pdf));
    }
    Ok(files)
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}
