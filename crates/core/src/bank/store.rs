//! The bank area's SQL. Only this area writes `bank_imports` and
//! `bank_entries`; every booking is guarded by the unique bank key, every
//! change of an entry by a conditional update.

use crate::{db::Conn, error::Result, sql};

/// A file imported, with what became of its transactions.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct ImportRow {
    pub id: String,
    pub file_name: String,
    pub message: String,
    pub imported_by: Option<String>,
    pub entries_read: i64,
    pub booked: i64,
    pub matched: i64,
    pub parked: i64,
    pub skipped: i64,
    pub created_at: i64,
}

const IMPORT_COLUMNS: &str = "id, file_name, message, imported_by, entries_read, booked, matched, parked, skipped, created_at";

/// A credit or reversal booked.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EntryRow {
    pub id: String,
    pub import_id: String,
    pub bank_ref: String,
    pub kind: String,
    pub account_iban: String,
    pub booked_on: Option<String>,
    pub currency: String,
    pub amount_minor: i64,
    pub charges_minor: i64,
    pub servicer_ref: Option<String>,
    pub reference: Option<String>,
    pub remittance: Option<String>,
    pub debtor_name: Option<String>,
    pub debtor_iban: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    pub org_id: Option<String>,
    pub invoice_id: Option<String>,
    pub payment_id: Option<String>,
    pub to_invoice_minor: i64,
    pub to_prepaid_minor: i64,
    pub reverses_id: Option<String>,
    pub assigned_by: Option<String>,
    pub assigned_at: Option<i64>,
    pub created_at: i64,
}

const ENTRY_COLUMNS: &str = "id, import_id, bank_ref, kind, account_iban, booked_on, currency, amount_minor, charges_minor, servicer_ref, reference, remittance, debtor_name, debtor_iban, outcome, reason, org_id, invoice_id, payment_id, to_invoice_minor, to_prepaid_minor, reverses_id, assigned_by, assigned_at, created_at";

pub async fn insert_import(c: Conn<'_>, row: &ImportRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO bank_imports (id, file_name, message, imported_by, entries_read, booked, matched, parked, skipped, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &row.id, &row.file_name, &row.message, &row.imported_by, row.entries_read, row.booked,
        row.matched, row.parked, row.skipped, row.created_at)?;
    Ok(())
}

/// The counts of an import, once its file is read.
pub async fn finish_import(c: Conn<'_>, row: &ImportRow) -> Result<()> {
    sql!(c, execute,
        "UPDATE bank_imports SET message = $1, entries_read = $2, booked = $3, matched = $4, parked = $5, skipped = $6
         WHERE id = $7",
        &row.message, row.entries_read, row.booked, row.matched, row.parked, row.skipped, &row.id)?;
    Ok(())
}

/// Book an entry unless its bank key is booked already (BNK-4): answers
/// whether this call booked it. Under concurrent imports the unique key
/// decides; the loser inserts nothing.
pub async fn insert_entry(c: Conn<'_>, e: &EntryRow) -> Result<bool> {
    let n = sql!(c, execute,
        "INSERT INTO bank_entries (id, import_id, bank_ref, kind, account_iban, booked_on, currency, amount_minor, charges_minor,
                                   servicer_ref, reference, remittance, debtor_name, debtor_iban, outcome, reason, org_id,
                                   invoice_id, payment_id, to_invoice_minor, to_prepaid_minor, reverses_id, assigned_by,
                                   assigned_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
         ON CONFLICT (bank_ref) DO NOTHING",
        &e.id, &e.import_id, &e.bank_ref, &e.kind, &e.account_iban, &e.booked_on, &e.currency, e.amount_minor,
        e.charges_minor, &e.servicer_ref, &e.reference, &e.remittance, &e.debtor_name, &e.debtor_iban, &e.outcome,
        &e.reason, &e.org_id, &e.invoice_id, &e.payment_id, e.to_invoice_minor, e.to_prepaid_minor, &e.reverses_id,
        &e.assigned_by, e.assigned_at, e.created_at)?;
    Ok(n == 1)
}

/// Book many entries at once (a batch of an import, ADR 0017), each
/// unless its bank key is booked already: answers how many this call
/// booked. The rows travel as one JSON array of arrays, the columns in
/// [`ENTRY_COLUMNS`]' order.
pub async fn insert_entries(c: Conn<'_>, entries: &[EntryRow]) -> Result<u64> {
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!([
                e.id,
                e.import_id,
                e.bank_ref,
                e.kind,
                e.account_iban,
                e.booked_on,
                e.currency,
                e.amount_minor,
                e.charges_minor,
                e.servicer_ref,
                e.reference,
                e.remittance,
                e.debtor_name,
                e.debtor_iban,
                e.outcome,
                e.reason,
                e.org_id,
                e.invoice_id,
                e.payment_id,
                e.to_invoice_minor,
                e.to_prepaid_minor,
                e.reverses_id,
                e.assigned_by,
                e.assigned_at,
                e.created_at
            ])
        })
        .collect();
    let rows = serde_json::to_string(&rows)?;
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO bank_entries (id, import_id, bank_ref, kind, account_iban, booked_on, currency, amount_minor, charges_minor,
                                       servicer_ref, reference, remittance, debtor_name, debtor_iban, outcome, reason, org_id,
                                       invoice_id, payment_id, to_invoice_minor, to_prepaid_minor, reverses_id, assigned_by,
                                       assigned_at, created_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7,
                    v ->> 8, v ->> 9, v ->> 10, v ->> 11, v ->> 12, v ->> 13, v ->> 14, v ->> 15,
                    v ->> 16, v ->> 17, v ->> 18, v ->> 19, v ->> 20, v ->> 21, v ->> 22,
                    v ->> 23, v ->> 24
             FROM r WHERE true ON CONFLICT (bank_ref) DO NOTHING",
            &rows)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO bank_entries (id, import_id, bank_ref, kind, account_iban, booked_on, currency, amount_minor, charges_minor,
                                       servicer_ref, reference, remittance, debtor_name, debtor_iban, outcome, reason, org_id,
                                       invoice_id, payment_id, to_invoice_minor, to_prepaid_minor, reverses_id, assigned_by,
                                       assigned_at, created_at)
             SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, j ->> 5, j ->> 6, (j ->> 7)::bigint,
                    (j ->> 8)::bigint, j ->> 9, j ->> 10, j ->> 11, j ->> 12, j ->> 13, j ->> 14, j ->> 15,
                    j ->> 16, j ->> 17, j ->> 18, (j ->> 19)::bigint, (j ->> 20)::bigint, j ->> 21, j ->> 22,
                    (j ->> 23)::bigint, (j ->> 24)::bigint
             FROM jsonb_array_elements($1::jsonb) j ON CONFLICT (bank_ref) DO NOTHING",
            &rows)?,
    })
}

/// Of several bank keys (a JSON array), those booked already (BNK-4).
pub async fn booked_keys(c: Conn<'_>, keys: &str) -> Result<Vec<String>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all scalar String,
            "SELECT bank_ref FROM bank_entries WHERE bank_ref IN (SELECT value FROM json_each($1))",
            keys)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all scalar String,
            "SELECT bank_ref FROM bank_entries WHERE bank_ref IN (SELECT jsonb_array_elements_text($1::jsonb))",
            keys)?,
    })
}

/// [`org_of_debtor`] for several accounts (a JSON array of IBANs): each
/// account with the orgs its earlier credits went to, `(iban, org)`.
pub async fn debtor_orgs(c: Conn<'_>, ibans: &str) -> Result<Vec<(String, String)>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all as (String, String),
            "SELECT DISTINCT debtor_iban, org_id FROM bank_entries
             WHERE debtor_iban IN (SELECT value FROM json_each($1)) AND org_id IS NOT NULL AND kind = 'credit'",
            ibans)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all as (String, String),
            "SELECT DISTINCT debtor_iban, org_id FROM bank_entries
             WHERE debtor_iban IN (SELECT jsonb_array_elements_text($1::jsonb)) AND org_id IS NOT NULL AND kind = 'credit'",
            ibans)?,
    })
}

pub async fn entry(c: Conn<'_>, id: &str) -> Result<Option<EntryRow>> {
    Ok(sql!(
        c,
        fetch_optional as EntryRow,
        &format!("SELECT {ENTRY_COLUMNS} FROM bank_entries WHERE id = $1"),
        id
    )?)
}

/// The org earlier credits from `debtor_iban` went to, when they all went
/// to one (BNK-3: the debtor's account points to its org).
pub async fn org_of_debtor(c: Conn<'_>, debtor_iban: &str) -> Result<Option<String>> {
    let orgs = sql!(c, fetch_all scalar String,
        "SELECT DISTINCT org_id FROM bank_entries WHERE debtor_iban = $1 AND org_id IS NOT NULL AND kind = 'credit' LIMIT 2",
        debtor_iban)?;
    Ok(match orgs.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    })
}

/// The credit a reversal undoes: on the same account, of the same amount
/// and currency, with the same reference (else from the same debtor's
/// account), not undone yet; the latest first.
pub async fn reversed_credit(
    c: Conn<'_>,
    account_iban: &str,
    amount_minor: i64,
    currency: &str,
    reference: Option<&str>,
    debtor_iban: Option<&str>,
) -> Result<Option<EntryRow>> {
    Ok(match (reference, debtor_iban) {
        (Some(r), _) => sql!(c, fetch_optional as EntryRow,
            &format!("SELECT {ENTRY_COLUMNS} FROM bank_entries e
                      WHERE e.account_iban = $1 AND e.kind = 'credit' AND e.amount_minor = $2 AND e.currency = $3 AND e.reference = $4
                        AND NOT EXISTS (SELECT 1 FROM bank_entries r WHERE r.reverses_id = e.id)
                      ORDER BY e.created_at DESC, e.id DESC LIMIT 1"),
            account_iban, amount_minor, currency, r)?,
        (None, Some(d)) => sql!(c, fetch_optional as EntryRow,
            &format!("SELECT {ENTRY_COLUMNS} FROM bank_entries e
                      WHERE e.account_iban = $1 AND e.kind = 'credit' AND e.amount_minor = $2 AND e.currency = $3 AND e.debtor_iban = $4
                        AND NOT EXISTS (SELECT 1 FROM bank_entries r WHERE r.reverses_id = e.id)
                      ORDER BY e.created_at DESC, e.id DESC LIMIT 1"),
            account_iban, amount_minor, currency, d)?,
        (None, None) => None,
    })
}

/// Whether a reversal undid credit `id`.
pub async fn is_reversed(c: Conn<'_>, id: &str) -> Result<bool> {
    let n = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM bank_entries WHERE reverses_id = $1", id)?;
    Ok(n > 0)
}

/// Credits nobody could be found for, oldest first (staff assign them).
pub async fn suspense(c: Conn<'_>, limit: i64) -> Result<Vec<EntryRow>> {
    Ok(sql!(
        c,
        fetch_all as EntryRow,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM bank_entries e WHERE e.outcome = 'suspense'
                    AND NOT EXISTS (SELECT 1 FROM bank_entries r WHERE r.reverses_id = e.id)
                  ORDER BY e.created_at, e.id LIMIT $1"
        ),
        limit
    )?)
}

/// Give a credit held in suspense to an org (and invoice): once, by a
/// conditional update. Answers whether this call did it.
#[allow(clippy::too_many_arguments)]
pub async fn assign(
    c: Conn<'_>,
    id: &str,
    org_id: &str,
    invoice_id: Option<&str>,
    to_invoice_minor: i64,
    to_prepaid_minor: i64,
    staff: &str,
    now: i64,
) -> Result<bool> {
    let n = sql!(c, execute,
        "UPDATE bank_entries SET outcome = 'assigned', org_id = $1, invoice_id = $2, to_invoice_minor = $3, to_prepaid_minor = $4,
                assigned_by = $5, assigned_at = $6
         WHERE id = $7 AND outcome = 'suspense'",
        org_id, invoice_id, to_invoice_minor, to_prepaid_minor, staff, now, id)?;
    Ok(n == 1)
}

/// The latest imports, newest first.
pub async fn imports(c: Conn<'_>, limit: i64) -> Result<Vec<ImportRow>> {
    Ok(sql!(
        c,
        fetch_all as ImportRow,
        &format!(
            "SELECT {IMPORT_COLUMNS} FROM bank_imports ORDER BY created_at DESC, id DESC LIMIT $1"
        ),
        limit
    )?)
}

/// An import's entries, in the order booked.
pub async fn entries_of(c: Conn<'_>, import_id: &str) -> Result<Vec<EntryRow>> {
    Ok(sql!(
        c,
        fetch_all as EntryRow,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM bank_entries WHERE import_id = $1 ORDER BY created_at, id"
        ),
        import_id
    )?)
}
