//! Billing's SQL: invoices, their lines, credit notes and issued PDFs.
//! Only this area writes these tables.

use crate::{
    db::{Conn, RawConn},
    error::Result,
    ids::{CreditNoteId, InvoiceId, OrgId},
    sql,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceRow {
    pub id: InvoiceId,
    pub org_id: OrgId,
    pub status: String,
    pub currency: String,
    pub language: String,
    pub billing_address_id: Option<String>,
    pub number: Option<String>,
    pub series: Option<String>,
    pub sequence: Option<i64>,
    pub reference: Option<String>,
    pub seller: Option<String>,
    pub buyer: Option<String>,
    pub treatment: Option<String>,
    pub issued_on: Option<String>,
    pub due_on: Option<String>,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub rounding_minor: i64,
    pub total_minor: i64,
    pub pdf_sha256: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub issued_at: Option<i64>,
}

const INVOICE_COLUMNS: &str = "id, org_id, status, currency, language, billing_address_id, number, series, sequence, reference, seller, buyer, treatment, issued_on, due_on, net_minor, vat_minor, rounding_minor, total_minor, pdf_sha256, created_by, created_at, updated_at, issued_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub invoice_id: InvoiceId,
    pub position: i32,
    pub description: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub vat_class: String,
    pub vat_rate_bp: Option<i32>,
    pub net_minor: i64,
}

pub async fn insert_draft(c: Conn<'_>, i: &InvoiceRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO invoices (id, org_id, status, currency, language, billing_address_id, created_by, created_at, updated_at)
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $7)",
        i.id.as_str(), i.org_id.as_str(), &i.currency, &i.language, &i.billing_address_id, &i.created_by, i.created_at)?;
    Ok(())
}

/// Replace a draft's lines (the triggers refuse it once issued).
pub async fn replace_lines(mut c: Conn<'_>, invoice: &InvoiceId, lines: &[LineRow]) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM invoice_lines WHERE invoice_id = $1",
        invoice.as_str()
    )?;
    for l in lines {
        sql!(c.reborrow(), execute,
            "INSERT INTO invoice_lines (invoice_id, line_no, description, period_from, period_to, quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            invoice.as_str(), l.position, &l.description, &l.period_from, &l.period_to, l.quantity, l.unit_price_minor, &l.vat_class, l.vat_rate_bp, l.net_minor)?;
    }
    Ok(())
}

pub async fn invoice(c: Conn<'_>, id: &str) -> Result<Option<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvoiceRow,
        &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = $1"),
        id
    )?)
}

/// The issued invoice carrying payment `reference` (BNK-1: unique),
/// compact as stored.
pub async fn invoice_by_reference(c: Conn<'_>, reference: &str) -> Result<Option<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvoiceRow,
        &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE reference = $1"),
        reference
    )?)
}

/// The invoices of several references at once (a bank import's batch,
/// ADR 0017): `references` is a JSON array of compact references.
pub async fn invoices_by_references(c: Conn<'_>, references: &str) -> Result<Vec<InvoiceRow>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(
            c,
            fetch_all as InvoiceRow,
            &format!(
                "SELECT {INVOICE_COLUMNS} FROM invoices WHERE reference IN (SELECT value FROM json_each($1))"
            ),
            references
        )?,
        crate::db::Engine::Postgres => sql!(
            c,
            fetch_all as InvoiceRow,
            &format!(
                "SELECT {INVOICE_COLUMNS} FROM invoices WHERE reference IN (SELECT jsonb_array_elements_text($1::jsonb))"
            ),
            references
        )?,
    })
}

/// The invoice numbered `text`, else with id `text` (staff type either).
pub async fn invoice_by_number_or_id(c: Conn<'_>, text: &str) -> Result<Option<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvoiceRow,
        &format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices WHERE number = $1 OR id = $1 ORDER BY id LIMIT 1"
        ),
        text
    )?)
}

/// An invoice of `org` (another org's is not found: 404, not 403).
pub async fn org_invoice(c: Conn<'_>, org: &str, id: &str) -> Result<Option<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvoiceRow,
        &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = $1 AND org_id = $2"),
        id,
        org
    )?)
}

pub async fn lines(c: Conn<'_>, invoice: &str) -> Result<Vec<LineRow>> {
    Ok(sql!(
        c,
        fetch_all as LineRow,
        "SELECT invoice_id, line_no AS position, description, period_from, period_to, quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_no",
        invoice
    )?)
}

/// The filter of a list of invoices: the customer's lists never show drafts.
#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub include_drafts: bool,
}

const INVOICE_FILTER: &str =
    "org_id = $1 AND ($2 OR status <> 'draft') AND ($3 = '' OR status = $3)
     AND ($4 = '' OR issued_on >= $4) AND ($5 = '' OR issued_on <= $5)";

pub async fn invoices_window(
    c: Conn<'_>,
    org: &str,
    f: &InvoiceFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_all as InvoiceRow,
        &format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices WHERE {INVOICE_FILTER}
             ORDER BY CASE WHEN issued_on IS NULL THEN 0 ELSE 1 END, issued_on DESC, sequence DESC, id DESC
             LIMIT $6 OFFSET $7"
        ),
        org,
        f.include_drafts,
        f.status.as_deref().unwrap_or(""),
        f.from.as_deref().unwrap_or(""),
        f.to.as_deref().unwrap_or(""),
        limit,
        offset
    )?)
}

pub async fn count_invoices(c: Conn<'_>, org: &str, f: &InvoiceFilter) -> Result<i64> {
    Ok(sql!(
        c,
        fetch_one scalar i64,
        &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM invoices WHERE {INVOICE_FILTER}"),
        org,
        f.include_drafts,
        f.status.as_deref().unwrap_or(""),
        f.from.as_deref().unwrap_or(""),
        f.to.as_deref().unwrap_or("")
    )?)
}

/// What issuing writes into a draft, once.
pub struct Issue<'a> {
    pub number: &'a str,
    pub series: &'a str,
    pub sequence: i64,
    pub reference: &'a str,
    pub seller: &'a str,
    pub buyer: &'a str,
    pub treatment: &'a str,
    pub issued_on: &'a str,
    pub due_on: &'a str,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub rounding_minor: i64,
    pub total_minor: i64,
    pub pdf_sha256: &'a str,
    pub now: i64,
}

/// Draft → issued, conditionally: false if it was not a draft any more
/// (issued by a concurrent request).
pub async fn mark_issued(c: Conn<'_>, id: &InvoiceId, i: &Issue<'_>) -> Result<bool> {
    let n = sql!(c, execute,
        "UPDATE invoices SET status = 'issued', number = $1, series = $2, sequence = $3, reference = $4, seller = $5, buyer = $6,
            treatment = $7, issued_on = $8, due_on = $9, net_minor = $10, vat_minor = $11, rounding_minor = $12, total_minor = $13,
            pdf_sha256 = $14, issued_at = $15, updated_at = $15
         WHERE id = $16 AND status = 'draft'",
        i.number, i.series, i.sequence, i.reference, i.seller, i.buyer, i.treatment, i.issued_on, i.due_on,
        i.net_minor, i.vat_minor, i.rounding_minor, i.total_minor, i.pdf_sha256, i.now, id.as_str())?;
    Ok(n == 1)
}

/// A draft's address and update time (editing a draft).
pub async fn touch_draft(
    c: Conn<'_>,
    id: &InvoiceId,
    billing_address_id: Option<&str>,
    now: i64,
) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE invoices SET billing_address_id = $1, updated_at = $2 WHERE id = $3 AND status = 'draft'",
        billing_address_id,
        now,
        id.as_str()
    )? == 1)
}

pub async fn delete_draft(mut c: Conn<'_>, id: &InvoiceId) -> Result<bool> {
    let status = sql!(
        c.reborrow(),
        fetch_optional scalar String,
        "SELECT status FROM invoices WHERE id = $1",
        id.as_str()
    )?;
    if status.as_deref() != Some("draft") {
        return Ok(false);
    }
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM invoice_lines WHERE invoice_id = $1",
        id.as_str()
    )?;
    Ok(sql!(
        c,
        execute,
        "DELETE FROM invoices WHERE id = $1 AND status = 'draft'",
        id.as_str()
    )? == 1)
}

/// Move an issued invoice's status as the ledger says (payments, credits).
pub async fn set_status(c: Conn<'_>, id: &InvoiceId, status: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE invoices SET status = $1, updated_at = $2 WHERE id = $3 AND status <> 'draft' AND status <> $1",
        status,
        now,
        id.as_str()
    )?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CreditNoteRow {
    pub id: CreditNoteId,
    pub invoice_id: InvoiceId,
    pub org_id: OrgId,
    pub number: String,
    pub series: String,
    pub sequence: i64,
    pub currency: String,
    pub language: String,
    pub reason: String,
    pub issued_on: String,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub rounding_minor: i64,
    pub total_minor: i64,
    pub to_prepaid_minor: i64,
    pub pdf_sha256: String,
    pub created_by: String,
    pub created_at: i64,
}

const CREDIT_NOTE_COLUMNS: &str = "id, invoice_id, org_id, number, series, sequence, currency, language, reason, issued_on, net_minor, vat_minor, rounding_minor, total_minor, to_prepaid_minor, pdf_sha256, created_by, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CreditLineRow {
    pub credit_note_id: CreditNoteId,
    pub position: i32,
    pub invoice_position: i32,
    pub description: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub vat_rate_bp: i32,
    pub net_minor: i64,
}

pub async fn insert_credit_note(
    mut c: Conn<'_>,
    n: &CreditNoteRow,
    lines: &[CreditLineRow],
) -> Result<()> {
    sql!(c.reborrow(), execute,
        "INSERT INTO credit_notes (id, invoice_id, org_id, number, series, sequence, currency, language, reason, issued_on, net_minor, vat_minor, rounding_minor, total_minor, to_prepaid_minor, pdf_sha256, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        n.id.as_str(), n.invoice_id.as_str(), n.org_id.as_str(), &n.number, &n.series, n.sequence, &n.currency, &n.language, &n.reason,
        &n.issued_on, n.net_minor, n.vat_minor, n.rounding_minor, n.total_minor, n.to_prepaid_minor, &n.pdf_sha256, &n.created_by, n.created_at)?;
    for l in lines {
        sql!(c.reborrow(), execute,
            "INSERT INTO credit_note_lines (credit_note_id, line_no, invoice_line_no, description, period_from, period_to, vat_rate_bp, net_minor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            n.id.as_str(), l.position, l.invoice_position, &l.description, &l.period_from, &l.period_to, l.vat_rate_bp, l.net_minor)?;
    }
    Ok(())
}

pub async fn org_credit_note(c: Conn<'_>, org: &str, id: &str) -> Result<Option<CreditNoteRow>> {
    Ok(sql!(
        c,
        fetch_optional as CreditNoteRow,
        &format!("SELECT {CREDIT_NOTE_COLUMNS} FROM credit_notes WHERE id = $1 AND org_id = $2"),
        id,
        org
    )?)
}

pub async fn credit_note(c: Conn<'_>, id: &str) -> Result<Option<CreditNoteRow>> {
    Ok(sql!(
        c,
        fetch_optional as CreditNoteRow,
        &format!("SELECT {CREDIT_NOTE_COLUMNS} FROM credit_notes WHERE id = $1"),
        id
    )?)
}

pub async fn credit_lines(c: Conn<'_>, credit_note: &str) -> Result<Vec<CreditLineRow>> {
    Ok(sql!(
        c,
        fetch_all as CreditLineRow,
        "SELECT credit_note_id, line_no AS position, invoice_line_no AS invoice_position, description, period_from, period_to, vat_rate_bp, net_minor
         FROM credit_note_lines WHERE credit_note_id = $1 ORDER BY line_no",
        credit_note
    )?)
}

/// What was credited so far per line of an invoice: (position, net).
pub async fn credited_per_line(c: Conn<'_>, invoice: &str) -> Result<Vec<(i32, i64)>> {
    Ok(sql!(
        c,
        fetch_all as (i32, i64),
        "SELECT l.invoice_line_no, CAST(SUM(l.net_minor) AS BIGINT) FROM credit_note_lines l
         JOIN credit_notes n ON n.id = l.credit_note_id
         WHERE n.invoice_id = $1 GROUP BY l.invoice_line_no",
        invoice
    )?)
}

/// The total credited on an invoice so far.
pub async fn credited_total(c: Conn<'_>, invoice: &str) -> Result<i64> {
    Ok(sql!(
        c,
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(total_minor) AS BIGINT) FROM credit_notes WHERE invoice_id = $1",
        invoice
    )?
    .unwrap_or(0))
}

/// What credit notes took off an invoice: (their total, the part of it
/// that reduced what was due rather than going to the prepaid account).
pub async fn credit_sums(c: Conn<'_>, invoice: &str) -> Result<(i64, i64)> {
    let (total, due) = sql!(
        c,
        fetch_one as (Option<i64>, Option<i64>),
        "SELECT CAST(SUM(total_minor) AS BIGINT), CAST(SUM(total_minor - to_prepaid_minor) AS BIGINT)
         FROM credit_notes WHERE invoice_id = $1",
        invoice
    )?;
    Ok((total.unwrap_or(0), due.unwrap_or(0)))
}

/// [`credit_sums`] of several invoices (a JSON array of ids): `(invoice,
/// credited, credited against what was due)`, a row per invoice credited.
pub async fn credit_sums_of(c: Conn<'_>, invoices: &str) -> Result<Vec<(String, i64, i64)>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all as (String, i64, i64),
            "SELECT invoice_id, CAST(SUM(total_minor) AS BIGINT), CAST(SUM(total_minor - to_prepaid_minor) AS BIGINT)
             FROM credit_notes WHERE invoice_id IN (SELECT value FROM json_each($1)) GROUP BY invoice_id",
            invoices)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all as (String, i64, i64),
            "SELECT invoice_id, CAST(SUM(total_minor) AS BIGINT), CAST(SUM(total_minor - to_prepaid_minor) AS BIGINT)
             FROM credit_notes WHERE invoice_id IN (SELECT jsonb_array_elements_text($1::jsonb)) GROUP BY invoice_id",
            invoices)?,
    })
}

pub async fn credit_notes_of_invoice(c: Conn<'_>, invoice: &str) -> Result<Vec<CreditNoteRow>> {
    Ok(sql!(
        c,
        fetch_all as CreditNoteRow,
        &format!(
            "SELECT {CREDIT_NOTE_COLUMNS} FROM credit_notes WHERE invoice_id = $1 ORDER BY sequence"
        ),
        invoice
    )?)
}

pub async fn credit_notes_window(
    c: Conn<'_>,
    org: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<CreditNoteRow>> {
    Ok(sql!(
        c,
        fetch_all as CreditNoteRow,
        &format!(
            "SELECT {CREDIT_NOTE_COLUMNS} FROM credit_notes WHERE org_id = $1
             ORDER BY issued_on DESC, sequence DESC LIMIT $2 OFFSET $3"
        ),
        org,
        limit,
        offset
    )?)
}

pub async fn count_credit_notes(c: Conn<'_>, org: &str) -> Result<i64> {
    Ok(sql!(
        c,
        fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM credit_notes WHERE org_id = $1",
        org
    )?)
}

/// Keep an issued document's PDF, once.
pub async fn insert_pdf(
    c: Conn<'_>,
    document_id: &str,
    sha256: &str,
    pdf: &[u8],
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO document_pdfs (document_id, sha256, pdf, created_at) VALUES ($1, $2, $3, $4)",
        document_id,
        sha256,
        pdf,
        now
    )?;
    Ok(())
}

/// Issued invoices whose PDF is still to be rendered (ADR 0015), by id
/// after `after`.
pub async fn pdf_pending(c: Conn<'_>, after: &str, limit: i64) -> Result<Vec<InvoiceRow>> {
    Ok(sql!(
        c,
        fetch_all as InvoiceRow,
        &format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices WHERE pdf_sha256 IS NULL AND status <> 'draft' AND id > $1
             ORDER BY id LIMIT $2"
        ),
        after,
        limit
    )?)
}

pub async fn pdf(c: Conn<'_>, document_id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(sql!(
        c,
        fetch_optional as (String, Vec<u8>),
        "SELECT sha256, pdf FROM document_pdfs WHERE document_id = $1",
        document_id
    )?)
}

/// VAT at one rate of an issued document, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct VatRow {
    pub rate_bp: i32,
    pub base_minor: i64,
    pub vat_minor: i64,
}

pub async fn insert_vat(mut c: Conn<'_>, document_id: &str, rows: &[VatRow]) -> Result<()> {
    for r in rows {
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO document_vat (document_id, rate_bp, base_minor, vat_minor) VALUES ($1, $2, $3, $4)",
            document_id,
            r.rate_bp,
            r.base_minor,
            r.vat_minor
        )?;
    }
    Ok(())
}

pub async fn vat_rows(c: Conn<'_>, document_id: &str) -> Result<Vec<VatRow>> {
    Ok(sql!(
        c,
        fetch_all as VatRow,
        "SELECT rate_bp, base_minor, vat_minor FROM document_vat WHERE document_id = $1 ORDER BY rate_bp",
        document_id
    )?)
}

/// What the credit notes of an invoice took off each rate so far.
pub async fn credited_vat(c: Conn<'_>, invoice: &str) -> Result<Vec<VatRow>> {
    Ok(sql!(
        c,
        fetch_all as VatRow,
        "SELECT v.rate_bp, CAST(SUM(v.base_minor) AS BIGINT) AS base_minor, CAST(SUM(v.vat_minor) AS BIGINT) AS vat_minor
         FROM document_vat v JOIN credit_notes n ON n.id = v.document_id
         WHERE n.invoice_id = $1 GROUP BY v.rate_bp",
        invoice
    )?)
}

/// What the credit notes of an invoice took off its rounding so far.
pub async fn credited_rounding(c: Conn<'_>, invoice: &str) -> Result<i64> {
    Ok(sql!(
        c,
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(rounding_minor) AS BIGINT) FROM credit_notes WHERE invoice_id = $1",
        invoice
    )?
    .unwrap_or(0))
}

// ---------------------------------------------------------------- pages
//
// A list view loads its page's rows, then each related set once for the
// whole page, by the page's ids: a page costs the same few queries however
// many items it holds. The ids are bound as a list (not the page's filter
// again as a subquery) so that a document issued between two queries
// cannot shift the window and leave a listed item without its parts.

/// `query` with `{ids}` standing for the list of `ids`, bound in order, on
/// either engine. A page's ids: a few dozen placeholders at most.
async fn fetch_for_ids<T>(c: Conn<'_>, query: &str, ids: &[&str]) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let q = query.replace("{ids}", &marks.join(", "));
    Ok(match c.into_raw() {
        RawConn::Sqlite(c) => {
            let mut query = sqlx::query_as::<_, T>(&q);
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(&mut *c).await?
        }
        RawConn::Postgres(c) => {
            let mut query = sqlx::query_as::<_, T>(&q);
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(&mut *c).await?
        }
    })
}

/// Several invoices' rows at once (an order list's invoices).
pub async fn invoices_by_id(c: Conn<'_>, invoices: &[&str]) -> Result<Vec<InvoiceRow>> {
    fetch_for_ids(
        c,
        &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id IN ({{ids}})"),
        invoices,
    )
    .await
}

/// The lines of several invoices, each invoice's in order.
pub async fn lines_of(c: Conn<'_>, invoices: &[&str]) -> Result<Vec<LineRow>> {
    fetch_for_ids(
        c,
        "SELECT invoice_id, line_no AS position, description, period_from, period_to, quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor
         FROM invoice_lines WHERE invoice_id IN ({ids}) ORDER BY invoice_id, line_no",
        invoices,
    )
    .await
}

/// VAT at one rate of one of several documents.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentVatRow {
    pub document_id: String,
    pub rate_bp: i32,
    pub base_minor: i64,
    pub vat_minor: i64,
}

impl DocumentVatRow {
    pub fn vat(&self) -> VatRow {
        VatRow {
            rate_bp: self.rate_bp,
            base_minor: self.base_minor,
            vat_minor: self.vat_minor,
        }
    }
}

/// The per-rate VAT of several documents, each document's by rate.
pub async fn vat_rows_of(c: Conn<'_>, documents: &[&str]) -> Result<Vec<DocumentVatRow>> {
    fetch_for_ids(
        c,
        "SELECT document_id, rate_bp, base_minor, vat_minor FROM document_vat
         WHERE document_id IN ({ids}) ORDER BY document_id, rate_bp",
        documents,
    )
    .await
}

/// What is still due on several invoices: their receivables in the ledger,
/// summed per invoice as `ledger::invoice_open` sums one (an invoice with
/// no entries has no row). The invoices' entries are found first, by
/// their index: joined straight to the few receivable accounts, PostgreSQL
/// would read every entry of those accounts instead (it did, inside a bank
/// import whose own rows its statistics had not seen yet).
pub async fn open_of(c: Conn<'_>, invoices: &[&str]) -> Result<Vec<(String, Option<i64>)>> {
    fetch_for_ids(
        c,
        "WITH e AS MATERIALIZED (
           SELECT invoice_id, account_key, amount_minor FROM ledger_entries WHERE invoice_id IN ({ids}))
         SELECT e.invoice_id, CAST(SUM(e.amount_minor) AS BIGINT) FROM e
         JOIN ledger_accounts a ON a.key = e.account_key
         WHERE a.kind = 'receivable'
         GROUP BY e.invoice_id",
        invoices,
    )
    .await
}

/// The credit notes of several invoices, each invoice's in series order.
pub async fn credit_notes_of_invoices(
    c: Conn<'_>,
    invoices: &[&str],
) -> Result<Vec<CreditNoteRow>> {
    fetch_for_ids(
        c,
        &format!(
            "SELECT {CREDIT_NOTE_COLUMNS} FROM credit_notes WHERE invoice_id IN ({{ids}})
             ORDER BY invoice_id, sequence, id"
        ),
        invoices,
    )
    .await
}

/// The lines of several credit notes, each note's in order.
pub async fn credit_lines_of(c: Conn<'_>, credit_notes: &[&str]) -> Result<Vec<CreditLineRow>> {
    fetch_for_ids(
        c,
        "SELECT credit_note_id, line_no AS position, invoice_line_no AS invoice_position, description, period_from, period_to, vat_rate_bp, net_minor
         FROM credit_note_lines WHERE credit_note_id IN ({ids}) ORDER BY credit_note_id, line_no",
        credit_notes,
    )
    .await
}

/// The numbers of several invoices: (id, number; none on a draft).
pub async fn invoice_numbers(
    c: Conn<'_>,
    invoices: &[&str],
) -> Result<Vec<(String, Option<String>)>> {
    fetch_for_ids(
        c,
        "SELECT id, number FROM invoices WHERE id IN ({ids})",
        invoices,
    )
    .await
}

// Bulk issue (ADR 0015): each statement writes a whole batch, its rows as
// one JSON array of arrays, one text per engine whatever the count.

/// Until [`check_lines_now`], in this transaction, an invoice's lines
/// may be written before their invoice (the bulk issue writes its lines,
/// then its invoices already issued, ADR 0015).
pub async fn defer_lines_check(c: Conn<'_>) -> Result<()> {
    match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute, "PRAGMA defer_foreign_keys = ON")?,
        crate::db::Engine::Postgres => sql!(
            c,
            execute,
            "SET CONSTRAINTS invoice_lines_invoice_id_fkey DEFERRED"
        )?,
    };
    Ok(())
}

/// Every foreign key checked at once again: on PostgreSQL the lines
/// written since [`defer_lines_check`] are checked now (an error if one
/// has no invoice); SQLite keeps the count of those missing and fails the
/// commit should one remain.
pub async fn check_lines_now(c: Conn<'_>) -> Result<()> {
    match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute, "PRAGMA defer_foreign_keys = OFF")?,
        crate::db::Engine::Postgres => sql!(
            c,
            execute,
            "SET CONSTRAINTS invoice_lines_invoice_id_fkey IMMEDIATE"
        )?,
    };
    Ok(())
}

/// Lines: `[invoice_id, line_no, description, period_from, period_to,
/// quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor]`.
pub async fn insert_lines_many(c: Conn<'_>, rows: &str) -> Result<u64> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO invoice_lines (invoice_id, line_no, description, period_from, period_to, quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8, v ->> 9
             FROM r",
            rows)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO invoice_lines (invoice_id, line_no, description, period_from, period_to, quantity, unit_price_minor, vat_class, vat_rate_bp, net_minor)
             SELECT j ->> 0, (j ->> 1)::integer, j ->> 2, j ->> 3, j ->> 4, (j ->> 5)::bigint, (j ->> 6)::bigint, j ->> 7, (j ->> 8)::integer, (j ->> 9)::bigint
             FROM jsonb_array_elements($1::jsonb) j",
            rows)?,
    })
}

/// Invoices written issued, their PDF pending (after their lines, see
/// [`defer_lines_check`]), all from `seller` (the provider's snapshot, the
/// same for all): `[id, org_id, currency, language, billing_address_id,
/// created_by, number, series, sequence, reference, buyer, treatment,
/// issued_on, due_on, net_minor, vat_minor, rounding_minor, total_minor,
/// status]`. How many were written.
pub async fn insert_issued_many(c: Conn<'_>, rows: &str, seller: &str, now: i64) -> Result<u64> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO invoices (id, org_id, currency, language, billing_address_id, created_by, number, series, sequence,
                                   reference, seller, buyer, treatment, issued_on, due_on, net_minor, vat_minor, rounding_minor,
                                   total_minor, status, pdf_sha256, created_at, updated_at, issued_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7,
                    v ->> 8, v ->> 9, $2, v ->> 10, v ->> 11, v ->> 12, v ->> 13, v ->> 14,
                    v ->> 15, v ->> 16, v ->> 17, v ->> 18, NULL, $3, $3, $3
             FROM r",
            rows, seller, now)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO invoices (id, org_id, currency, language, billing_address_id, created_by, number, series, sequence,
                                   reference, seller, buyer, treatment, issued_on, due_on, net_minor, vat_minor, rounding_minor,
                                   total_minor, status, pdf_sha256, created_at, updated_at, issued_at)
             SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, j ->> 5, j ->> 6, j ->> 7, (j ->> 8)::bigint,
                    j ->> 9, $2, j ->> 10, j ->> 11, j ->> 12, j ->> 13, (j ->> 14)::bigint, (j ->> 15)::bigint,
                    (j ->> 16)::bigint, (j ->> 17)::bigint, j ->> 18, NULL, $3, $3, $3
             FROM jsonb_array_elements($1::jsonb) j",
            rows, seller, now)?,
    })
}

/// VAT per rate of many documents: `[document_id, rate_bp, base_minor, vat_minor]`.
pub async fn insert_vat_many(c: Conn<'_>, rows: &str) -> Result<u64> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO document_vat (document_id, rate_bp, base_minor, vat_minor)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3
             FROM r",
            rows)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO document_vat (document_id, rate_bp, base_minor, vat_minor)
             SELECT j ->> 0, (j ->> 1)::integer, (j ->> 2)::bigint, (j ->> 3)::bigint FROM jsonb_array_elements($1::jsonb) j",
            rows)?,
    })
}
