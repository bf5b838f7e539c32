//! Invoices whose PDF follows their issue (ADR 0015). An invoice issued in
//! bulk (the renewal sweep, [`super::bulk`]) is issued with every figure
//! fixed — number, reference, parties, lines, VAT, totals — and no PDF
//! yet (`pdf_sha256` NULL): rendering inside the issuing transaction would
//! hold the write lock for milliseconds per invoice. Its PDF is rendered
//! from those stored figures, once, by whichever comes first:
//!
//! - the `billing.pdfs` sweep, which renders the pending ones in batches,
//!   off the request workers, on every core;
//! - the first read of the PDF (download, or a mail that attaches it).
//!
//! The PDF is kept (`document_pdfs`, written once) and its hash stamped on
//! the invoice by a conditional update (`WHERE pdf_sha256 IS NULL`; the
//! trigger lets it go from NULL to a hash and never change again): two
//! renders at once keep one, and the other reads it back.

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use super::{
    documents::{self, InvoiceParts},
    invoices::{self, PartyView},
    pdf::{self, Document},
    reference::Reference,
    store,
    vat::{MentionKey, Totals, Treatment, VatRow},
};
use crate::{
    Ctx,
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    jobs::SweepReport,
    money::Money,
    sql,
};

/// How many pending PDFs one step of the sweep renders.
const BATCH: i64 = 64;

fn broken(id: &str, what: &str) -> Error {
    Error::Internal(format!("billing: invoice {id} cannot be printed: {what}"))
}

/// The treatment as stored at issue: `domestic` or the mention's key.
fn treatment_of(text: &str) -> Option<Treatment> {
    Some(match text {
        "domestic" => Treatment::Domestic,
        "export-services" => Treatment::Abroad {
            mention: MentionKey::ExportServices,
        },
        "reverse-charge" => Treatment::Abroad {
            mention: MentionKey::ReverseCharge,
        },
        _ => return None,
    })
}

/// The document of an issued invoice, from what was stored when it was
/// issued (never recomputed: the VAT per rate is read as printed).
async fn document_of(mut c: Conn<'_>, ctx: &Ctx, row: &store::InvoiceRow) -> Result<Document> {
    let id = row.id.as_str();
    let currency = invoices::currency_of(&row.currency)?;
    let lines = store::lines(c.reborrow(), id).await?;
    let vat = store::vat_rows_of(c, &[id]).await?;
    let date = |t: &Option<String>, what: &str| -> Result<Date> {
        t.as_deref()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| broken(id, what))
    };
    let party = |t: &Option<String>, what: &str| -> Result<PartyView> {
        serde_json::from_str(t.as_deref().unwrap_or_default()).map_err(|_| broken(id, what))
    };
    let reference = Reference::parse_any(row.reference.as_deref().unwrap_or_default())
        .map_err(|_| broken(id, "reference"))?;
    let treatment = treatment_of(row.treatment.as_deref().unwrap_or_default())
        .ok_or_else(|| broken(id, "treatment"))?;
    let totals = Totals {
        per_rate: vat
            .iter()
            .map(|v| VatRow {
                rate_bp: u32::try_from(v.rate_bp).unwrap_or(0),
                base: Money::new(v.base_minor, currency),
                vat: Money::new(v.vat_minor, currency),
            })
            .collect(),
        net: Money::new(row.net_minor, currency),
        vat: Money::new(row.vat_minor, currency),
        rounding: Money::new(row.rounding_minor, currency),
        total: Money::new(row.total_minor, currency),
    };
    documents::invoice_document(
        ctx,
        InvoiceParts {
            language: Lang::parse(&row.language).unwrap_or_default(),
            number: row.number.as_deref().unwrap_or_default(),
            issued_on: date(&row.issued_on, "issue date")?,
            due_on: date(&row.due_on, "due date")?,
            seller: &party(&row.seller, "seller")?,
            buyer: &party(&row.buyer, "buyer")?,
            lines: &lines,
            totals: &totals,
            currency,
            reference: &reference,
            treatment: &treatment,
        },
    )
}

/// Keep `pdf` as `id`'s PDF unless another render kept one first; answer
/// the one kept.
async fn keep(ctx: &Ctx, id: &str, pdf: Vec<u8>) -> Result<Vec<u8>> {
    let sha = hex::encode(Sha256::digest(&pdf));
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let stamped = sql!(
        tx.conn(),
        execute,
        "UPDATE invoices SET pdf_sha256 = $1 WHERE id = $2 AND pdf_sha256 IS NULL AND status <> 'draft'",
        &sha,
        id
    )?;
    if stamped == 1 {
        store::insert_pdf(tx.conn(), id, &sha, &pdf, now).await?;
        tx.commit().await?;
        return Ok(pdf);
    }
    drop(tx);
    let mut c = ctx.db.acquire().await?;
    invoices::stored_pdf(c.conn(), id).await
}

/// An issued invoice's PDF: the one kept, or — when it is still pending —
/// rendered now from its stored figures and kept.
pub async fn invoice_pdf(ctx: &Ctx, row: &store::InvoiceRow) -> Result<Vec<u8>> {
    if row.pdf_sha256.is_some() {
        let mut c = ctx.db.acquire().await?;
        return invoices::stored_pdf(c.conn(), row.id.as_str()).await;
    }
    let doc = {
        let mut c = ctx.db.acquire().await?;
        // Read again: another render may have kept it since `row` was read.
        match store::invoice(c.conn(), row.id.as_str()).await? {
            Some(now) if now.pdf_sha256.is_some() => {
                return invoices::stored_pdf(c.conn(), row.id.as_str()).await;
            }
            Some(now) if now.status != "draft" => document_of(c.conn(), ctx, &now).await?,
            _ => return Err(Error::NotFound),
        }
    };
    let pdf = documents::render(ctx, doc).await?;
    keep(ctx, row.id.as_str(), pdf).await
}

/// A kept document's PDF by its id, rendering a pending invoice's first
/// (a mail's attachment).
pub async fn document_pdf(ctx: &Ctx, document_id: &str) -> Result<Option<Vec<u8>>> {
    let row = {
        let mut c = ctx.db.acquire().await?;
        if let Some((_, pdf)) = store::pdf(c.conn(), document_id).await? {
            return Ok(Some(pdf));
        }
        store::invoice(c.conn(), document_id).await?
    };
    match row {
        Some(row) if row.status != "draft" && row.pdf_sha256.is_none() => {
            Ok(Some(invoice_pdf(ctx, &row).await?))
        }
        _ => Ok(None),
    }
}

/// The `billing.pdfs` sweep: render the pending PDFs, a batch at a time,
/// each batch on every core, outside any transaction; each kept by its
/// own short write.
pub async fn render_pending(ctx: &Ctx) -> Result<SweepReport> {
    let mut report = SweepReport::default();
    let mut after = String::new();
    loop {
        let (rows, docs) = {
            let mut c = ctx.db.acquire().await?;
            let rows = store::pdf_pending(c.conn(), &after, BATCH).await?;
            let mut docs = Vec::with_capacity(rows.len());
            for r in &rows {
                docs.push(document_of(c.conn(), ctx, r).await);
            }
            (rows, docs)
        };
        let Some(last) = rows.last() else {
            return Ok(report);
        };
        after = last.id.to_string();
        let full = rows.len() as i64 == BATCH;
        // Render on every core, a share of the batch each, off the async
        // workers; a document that fails is logged and left pending (its
        // first read says why).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut shares: Vec<Vec<(String, Result<Document>)>> =
            (0..cores).map(|_| Vec::new()).collect();
        for (i, (r, doc)) in rows.iter().zip(docs).enumerate() {
            shares[i % cores].push((r.id.to_string(), doc));
        }
        let mut set = tokio::task::JoinSet::new();
        for share in shares.into_iter().filter(|s| !s.is_empty()) {
            let (fonts, i18n) = (ctx.fonts.clone(), ctx.i18n.clone());
            set.spawn_blocking(move || {
                share
                    .into_iter()
                    .map(|(id, doc)| {
                        let pdf = doc.and_then(|d| {
                            pdf::render(&d, &fonts, &i18n)
                                .map_err(|e| Error::Internal(format!("billing: PDF: {e}")))
                        });
                        (id, pdf)
                    })
                    .collect::<Vec<_>>()
            });
        }
        let mut rendered = Vec::with_capacity(rows.len());
        while let Some(share) = set.join_next().await {
            rendered.extend(share.map_err(|e| Error::Internal(format!("billing: PDF task: {e}")))?);
        }
        for (id, pdf) in rendered {
            match pdf {
                Ok(pdf) => {
                    keep(ctx, &id, pdf).await?;
                    report.done += 1;
                }
                Err(e) => {
                    tracing::warn!(invoice = %id, error = %e, "a pending invoice PDF could not be rendered");
                    report.failed += 1;
                }
            }
        }
        if !full {
            return Ok(report);
        }
    }
}
