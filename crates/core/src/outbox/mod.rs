//! The outbox (OPS-3, CAT-3): mail and webhook events are written as rows in
//! the transaction of the change that causes them, so that a change and its
//! announcement commit or fail together. They are sent right after that
//! commit (the writing transaction wakes the deliverer: [`wake`], ADR 0009);
//! the `outbox.deliver` sweep is the fallback and sends retries with
//! exponential backoff.
//!
//! Content is fixed when the row is written (the mail's words rendered in
//! its recipient's language, its layouts applied when read: ADR 0018; the
//! event body serialised), so a retry never sends different content. A delivery
//! claims its row with a conditional update, so two instances never send the
//! same row at once; each mail carries a stable `Message-ID` and each event a
//! stable `Guichet-Event-Id` so that a receiver can drop the duplicate a crash
//! between "sent" and "marked sent" could cause.

pub mod deliver;
pub mod mail;
pub mod store;
pub mod wake;
pub mod webhook;

use serde::{Deserialize, Serialize};

use crate::{Ctx, db::Conn, error::Result, i18n::Lang, ids};

pub use mail::Mailer;
pub use wake::{Wake, run_deliverer};

/// The outbox's scheduled work (gathered by [`crate::jobs::all`]): the
/// fallback delivery sweep, which also sends retries when they are due.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![deliver::SWEEP]
}

/// A mail as delivered: rendered in the recipient's language. The outbox
/// row holds its words ([`mail::StoredMail`]), from which it is read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(from = "mail::StoredMail")]
pub struct MailPayload {
    pub to: String,
    pub lang: Lang,
    /// Which template it came from (`verify_email`, …), for tests and logs.
    pub template: String,
    pub subject: String,
    pub text: String,
    /// The HTML alternative of `text` (absent in rows written before it
    /// existed: those go out as plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Stored documents sent along (an invoice's PDF), named by id: the
    /// bytes are read at delivery, so the outbox row stays small.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<MailAttachment>,
}

/// A PDF of `document_pdfs` attached to a mail, by its document's id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailAttachment {
    pub document_id: String,
    /// The file name the recipient sees (`invoice-2026-0001.pdf`).
    pub filename: String,
}

/// A webhook event as stored in the outbox: the exact body that is POSTed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventPayload {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub created_at: i64,
    pub data: serde_json::Value,
}

/// A mail to send: a template of `mail.ftl` and its arguments.
#[derive(Debug, Clone)]
pub struct MailRequest<'a> {
    pub to: &'a str,
    pub lang: Lang,
    /// Template name: the Fluent messages `mail-<name>-subject` and
    /// `mail-<name>-body` (with `_` written as `-`).
    pub template: &'a str,
    pub args: Vec<(&'a str, String)>,
}

/// Write a mail into the outbox, inside the caller's transaction. It is
/// sent as soon as that transaction commits.
pub async fn enqueue_mail(c: Conn<'_>, ctx: &Ctx, req: MailRequest<'_>) -> Result<String> {
    enqueue_mail_with(c, ctx, req, Vec::new()).await
}

/// [`enqueue_mail`] with stored documents attached.
pub async fn enqueue_mail_with(
    mut c: Conn<'_>,
    ctx: &Ctx,
    req: MailRequest<'_>,
    attachments: Vec<MailAttachment>,
) -> Result<String> {
    let stored = mail::StoredMail::new(&req, mail::words(ctx, &req), attachments);
    let payload = serde_json::to_string(&stored)?;
    let now = ctx.clock.now().as_millisecond();
    let id = ids::new_id(ids::Kind::Outbox, ctx.clock.now());
    store::insert(c.reborrow(), &id, "mail", req.to, &payload, now).await?;
    wake::after_write(c, ctx).await?;
    Ok(id)
}

/// [`enqueue_mail_with`] for many mails at once (a sweep's batch, ADR
/// 0015): each rendered as alone, all written by one statement, and the
/// deliverer woken once.
pub async fn enqueue_mails(
    c: Conn<'_>,
    ctx: &Ctx,
    mails: Vec<(MailRequest<'_>, Vec<MailAttachment>)>,
) -> Result<()> {
    let rendered = render_mails(ctx, mails).await?;
    enqueue_rendered(c, ctx, rendered).await
}

/// Mails rendered by [`render_mails`], to be written by
/// [`enqueue_rendered`].
pub struct RenderedMails {
    rows: String,
    count: usize,
    at: jiff::Timestamp,
}

/// The first half of [`enqueue_mails`]: each mail's words, as its outbox
/// row. It yields now and then, so that a caller that renders while its
/// other statements run (`tokio::join!`) keeps them going: rendering is
/// CPU on this thread, a statement runs on its connection's.
pub async fn render_mails(
    ctx: &Ctx,
    mails: Vec<(MailRequest<'_>, Vec<MailAttachment>)>,
) -> Result<RenderedMails> {
    let now = ctx.clock.now();
    let count = mails.len();
    let mut rows = Vec::with_capacity(count);
    for (i, (req, attachments)) in mails.into_iter().enumerate() {
        let stored = mail::StoredMail::new(&req, mail::words(ctx, &req), attachments);
        rows.push((
            ids::new_id(ids::Kind::Outbox, now),
            req.to,
            serde_json::to_string(&stored)?,
        ));
        if i % 32 == 31 {
            tokio::task::yield_now().await;
        }
    }
    Ok(RenderedMails {
        rows: serde_json::to_string(&rows)?,
        count,
        at: now,
    })
}

/// The second half of [`enqueue_mails`]: the rows written, the deliverer
/// woken after commit.
pub async fn enqueue_rendered(mut c: Conn<'_>, ctx: &Ctx, mails: RenderedMails) -> Result<()> {
    if mails.count == 0 {
        return Ok(());
    }
    store::insert_mails(c.reborrow(), &mails.rows, mails.at.as_millisecond()).await?;
    wake::after_write(c, ctx).await
}

/// The order an event keeps among others: its key (`product:<id>`) and its
/// number there, 1, 2, 3… A receiver gets them in that order. `kind` is
/// the product kind, for the receivers that take only some
/// (`product_kinds`).
#[derive(Debug, Clone, Copy)]
pub struct Sequence<'a> {
    pub key: &'a str,
    pub no: i64,
    pub kind: &'a str,
}

/// [`enqueue_event`] for an event in a [`Sequence`]: it waits at each
/// receiver while an earlier event of its key is not delivered.
pub async fn enqueue_event_in_sequence(
    mut c: Conn<'_>,
    ctx: &Ctx,
    event: &EventPayload,
    sequence: Sequence<'_>,
) -> Result<()> {
    let payload = serde_json::to_string(event)?;
    let now = ctx.clock.now();
    let mut written = false;
    for endpoint in ctx
        .config
        .webhooks
        .iter()
        .filter(|e| e.wants(&event.event_type) && e.wants_kind(sequence.kind))
    {
        let id = ids::new_id(ids::Kind::Outbox, now);
        store::insert_in_sequence(
            c.reborrow(),
            &id,
            &endpoint.name,
            &payload,
            sequence.key,
            sequence.no,
            now.as_millisecond(),
        )
        .await?;
        written = true;
    }
    if written {
        wake::after_write(c, ctx).await?;
    }
    Ok(())
}

/// Write an event for every configured webhook endpoint that wants it,
/// inside the caller's transaction. All copies share one event id. They are
/// sent as soon as that transaction commits.
pub async fn enqueue_event(
    mut c: Conn<'_>,
    ctx: &Ctx,
    event_type: &str,
    data: serde_json::Value,
) -> Result<String> {
    let now = ctx.clock.now();
    let event = EventPayload {
        id: ids::new_id(ids::Kind::Event, now),
        event_type: event_type.to_string(),
        created_at: now.as_second(),
        data,
    };
    let payload = serde_json::to_string(&event)?;
    let mut written = false;
    for endpoint in ctx.config.webhooks.iter().filter(|e| e.wants(event_type)) {
        let id = ids::new_id(ids::Kind::Outbox, now);
        store::insert(
            c.reborrow(),
            &id,
            "webhook",
            &endpoint.name,
            &payload,
            now.as_millisecond(),
        )
        .await?;
        written = true;
    }
    if written {
        wake::after_write(c, ctx).await?;
    }
    Ok(event.id)
}
