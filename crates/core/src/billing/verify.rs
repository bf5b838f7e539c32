//! `guichet ledger verify` (BIL-7): every invariant of the ledger and its
//! documents, checked by SQL over the whole database. The test harness runs
//! the same checks after every test (`testing::invariant_violations`).
//!
//! Each check names what is wrong (the transaction, the invoice, the
//! series) with at most [`EXAMPLES`] examples, so that a broken database of
//! a million rows answers in a screenful.

use std::collections::HashMap;

use crate::{
    db::{Conn, Engine},
    error::Result,
    sql,
};

/// Examples named per broken invariant.
pub const EXAMPLES: i64 = 20;

/// One check: its name, and a query returning one text per violation.
struct Check {
    name: &'static str,
    sql: &'static str,
}

const CHECKS: &[Check] = &[
    Check {
        name: "a transaction's entries sum to zero per currency",
        sql: "SELECT transaction_id || ' ' || currency || ' off by ' || CAST(SUM(amount_minor) AS TEXT)
              FROM ledger_entries GROUP BY transaction_id, currency HAVING SUM(amount_minor) <> 0
              ORDER BY transaction_id LIMIT $1",
    },
    Check {
        name: "an entry is in its account's currency",
        sql: "SELECT e.transaction_id || ' line ' || CAST(e.line AS TEXT) || ': ' || e.currency || ' on ' || a.key
              FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
              WHERE a.currency <> e.currency ORDER BY e.transaction_id LIMIT $1",
    },
    Check {
        name: "receivable entries, and only they, name an invoice of the account's org",
        sql: "SELECT e.transaction_id || ' line ' || CAST(e.line AS TEXT) || ' on ' || a.key
              FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
              LEFT JOIN invoices i ON i.id = e.invoice_id
              WHERE (a.kind = 'receivable') <> (e.invoice_id IS NOT NULL)
                 OR (e.invoice_id IS NOT NULL AND (i.id IS NULL OR i.org_id <> a.org_id OR i.currency <> e.currency))
              ORDER BY e.transaction_id LIMIT $1",
    },
    Check {
        name: "no entry without its document",
        sql: "SELECT t.id || ' names ' || t.document_kind || ' ' || t.document_id
              FROM ledger_transactions t
              LEFT JOIN invoices i ON t.document_kind = 'invoice' AND i.id = t.document_id
              LEFT JOIN credit_notes n ON t.document_kind = 'credit_note' AND n.id = t.document_id
              LEFT JOIN payments p ON t.document_kind = 'payment' AND p.id = t.document_id
              LEFT JOIN refunds r ON t.document_kind = 'refund' AND r.id = t.document_id
              LEFT JOIN bank_entries b ON t.document_kind = 'bank_entry' AND b.id = t.document_id
              WHERE (t.document_kind = 'invoice' AND (i.id IS NULL OR i.status = 'draft' OR i.org_id IS DISTINCT FROM t.org_id))
                 OR (t.document_kind = 'credit_note' AND (n.id IS NULL OR n.org_id IS DISTINCT FROM t.org_id))
                 OR (t.document_kind = 'payment' AND (p.id IS NULL OR p.org_id IS DISTINCT FROM t.org_id))
                 OR (t.document_kind = 'refund' AND (r.id IS NULL OR r.org_id IS DISTINCT FROM t.org_id))
                 OR (t.document_kind = 'bank_entry' AND (b.id IS NULL OR (b.org_id IS DISTINCT FROM t.org_id
                     -- booked to suspense (no org), then given to one
                     AND NOT (t.kind = 'bank_credit' AND t.org_id IS NULL AND b.outcome = 'assigned'))))
                 OR t.document_kind NOT IN ('invoice', 'credit_note', 'payment', 'refund', 'bank_entry')
              ORDER BY t.id LIMIT $1",
    },
    Check {
        name: "every issued invoice posted its total, revenue, VAT and rounding once",
        sql: "SELECT i.id || ' (' || COALESCE(i.number, '') || ')'
              FROM invoices i
              LEFT JOIN ledger_transactions t ON t.kind = 'invoice_issued' AND t.document_id = i.id
              WHERE i.status <> 'draft' AND (
                 t.id IS NULL
                 OR i.total_minor <> i.net_minor + i.vat_minor + i.rounding_minor
                 OR i.total_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'receivable'), 0)
                 OR -i.net_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'revenue'), 0)
                 OR -i.vat_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'vat'), 0)
                 OR -i.rounding_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'rounding'), 0)
                 OR i.net_minor <> COALESCE((SELECT SUM(l.net_minor) FROM invoice_lines l WHERE l.invoice_id = i.id), 0))
              ORDER BY i.id LIMIT $1",
    },
    Check {
        name: "a draft has no ledger entry",
        sql: "SELECT DISTINCT i.id FROM invoices i JOIN ledger_entries e ON e.invoice_id = i.id
              WHERE i.status = 'draft' ORDER BY i.id LIMIT $1",
    },
    Check {
        name: "every credit note posted its reversal once, its credit split between what was due and the prepaid account",
        sql: "SELECT n.id || ' (' || n.number || ')'
              FROM credit_notes n
              LEFT JOIN ledger_transactions t ON t.kind = 'credit_note_issued' AND t.document_id = n.id
              WHERE t.id IS NULL
                 OR n.total_minor <> n.net_minor + n.vat_minor + n.rounding_minor
                 OR -(n.total_minor - n.to_prepaid_minor) <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'receivable' AND e.invoice_id = n.invoice_id), 0)
                 OR -n.to_prepaid_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'prepaid'), 0)
                 OR n.vat_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'vat'), 0)
                 OR n.net_minor <> COALESCE((SELECT SUM(l.net_minor) FROM credit_note_lines l WHERE l.credit_note_id = n.id), 0)
              ORDER BY n.id LIMIT $1",
    },
    Check {
        name: "an issued invoice's open amount is its receivable, between zero and its total",
        sql: "SELECT i.id || ' (' || COALESCE(i.number, '') || ') open ' || CAST(COALESCE(SUM(e.amount_minor), 0) AS TEXT)
              FROM invoices i
              LEFT JOIN ledger_entries e ON e.invoice_id = i.id
              WHERE i.status <> 'draft'
              GROUP BY i.id, i.number, i.total_minor
              HAVING COALESCE(SUM(e.amount_minor), 0) < 0 OR COALESCE(SUM(e.amount_minor), 0) > i.total_minor
              ORDER BY i.id LIMIT $1",
    },
    Check {
        name: "credit notes never credit more than their invoice",
        sql: "SELECT i.id || ' (' || COALESCE(i.number, '') || ')'
              FROM invoices i JOIN credit_notes n ON n.invoice_id = i.id
              GROUP BY i.id, i.number, i.total_minor
              HAVING SUM(n.total_minor) > i.total_minor
              ORDER BY i.id LIMIT $1",
    },
    Check {
        name: "numbers are gapless per series (1..n, the counter at n)",
        sql: "SELECT s.series || ': ' || CAST(s.n AS TEXT) || ' numbers, highest ' || CAST(s.hi AS TEXT) || ', counter ' || COALESCE(CAST(d.last_number AS TEXT), 'none')
              FROM (SELECT 'invoice:' || series AS series, COUNT(*) AS n, MIN(sequence) AS lo, MAX(sequence) AS hi FROM invoices WHERE series IS NOT NULL GROUP BY series
                    UNION ALL
                    SELECT 'credit_note:' || series, COUNT(*), MIN(sequence), MAX(sequence) FROM credit_notes GROUP BY series) s
              LEFT JOIN document_series d ON d.key = s.series
              WHERE s.lo <> 1 OR s.hi <> s.n OR d.last_number IS NULL OR d.last_number <> s.hi
              ORDER BY s.series LIMIT $1",
    },
    Check {
        name: "a document's VAT per rate adds up to its VAT and its lines, and its VAT entries per rate are those",
        sql: "SELECT x.id FROM (
                SELECT id, net_minor, vat_minor, 1 AS sign FROM invoices WHERE status <> 'draft'
                UNION ALL SELECT id, net_minor, vat_minor, -1 FROM credit_notes) x
              WHERE x.vat_minor <> COALESCE((SELECT SUM(v.vat_minor) FROM document_vat v WHERE v.document_id = x.id), 0)
                 OR x.net_minor <> COALESCE((SELECT SUM(v.base_minor) FROM document_vat v WHERE v.document_id = x.id), 0)
                 OR EXISTS (SELECT 1 FROM document_vat v JOIN ledger_transactions t ON t.document_id = x.id
                            AND t.kind IN ('invoice_issued', 'credit_note_issued')
                            WHERE v.document_id = x.id AND v.vat_minor <> 0
                              AND -x.sign * v.vat_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e
                                   JOIN ledger_accounts a ON a.key = e.account_key
                                   WHERE e.transaction_id = t.id AND a.kind = 'vat' AND a.detail = CAST(v.rate_bp AS TEXT)), 0))
              ORDER BY x.id LIMIT $1",
    },
    Check {
        // An invoice issued in bulk may still wait for its PDF (ADR 0015):
        // then it has no hash and no PDF yet, never one without the other.
        name: "every issued document keeps its PDF, as issued (or, issued in bulk, waits for it)",
        sql: "SELECT x.id FROM (
                SELECT id, pdf_sha256 FROM invoices WHERE status <> 'draft'
                UNION ALL SELECT id, pdf_sha256 FROM credit_notes) x
              LEFT JOIN document_pdfs p ON p.document_id = x.id
              WHERE (x.pdf_sha256 IS NULL) <> (p.document_id IS NULL)
                 OR p.sha256 <> x.pdf_sha256
              ORDER BY x.id LIMIT $1",
    },
    // Payments (ADR 0012).
    Check {
        name: "a payment succeeded exactly when its capture is posted, for its amount, split between its invoice and the prepaid account",
        sql: "SELECT p.id || ' (' || p.status || ')'
              FROM payments p
              LEFT JOIN ledger_transactions t ON t.kind = 'payment_captured' AND t.document_id = p.id
              WHERE (p.status = 'succeeded') <> (t.id IS NOT NULL)
                 OR (t.id IS NOT NULL AND (
                     -p.to_prepaid_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'prepaid' AND e.amount_minor < 0), 0)
                  OR -(p.amount_minor - p.to_prepaid_minor) <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key
                        WHERE e.transaction_id = t.id AND a.kind = 'receivable'), 0)
                  OR p.amount_minor <> COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e
                        WHERE e.transaction_id = t.id AND e.amount_minor > 0), 0)))
              ORDER BY p.id LIMIT $1",
    },
    Check {
        name: "only a payment in flight holds its invoice",
        sql: "SELECT id || ' (' || status || ')' FROM payments
              WHERE holding_invoice_id IS NOT NULL AND status NOT IN ('pending', 'requires_action', 'processing')
              ORDER BY id LIMIT $1",
    },
    Check {
        name: "a payment's refunded amount is its refunds not refused, never above the payment",
        sql: "SELECT p.id FROM payments p
              WHERE p.refunded_minor <> COALESCE((SELECT SUM(r.amount_minor) FROM refunds r WHERE r.payment_id = p.id AND r.status <> 'failed'), 0)
                 OR p.refunded_minor > p.amount_minor
              ORDER BY p.id LIMIT $1",
    },
    Check {
        name: "a refund to the gateway is posted once, and reversed exactly when refused",
        sql: "SELECT r.id || ' (' || r.status || ')' FROM refunds r
              WHERE (r.destination = 'gateway') <> EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.kind = 'refund_sent' AND t.document_id = r.id)
                 OR (r.status = 'failed' AND r.destination = 'gateway') <> EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.kind = 'refund_reversed' AND t.document_id = r.id)
              ORDER BY r.id LIMIT $1",
    },
    // Bank reconciliation (BNK-2..4).
    Check {
        name: "every bank entry is posted once, for its amount, and a credit given from suspense is posted as such",
        // The bank's side of each posting summed once per document (a
        // correlated sum with an OR between two documents scanned the
        // whole ledger per entry on PostgreSQL: minutes at 100,000).
        sql: "WITH own AS (
                SELECT t.document_id, SUM(x.amount_minor) AS minor FROM ledger_transactions t
                JOIN ledger_entries x ON x.transaction_id = t.id
                JOIN ledger_accounts a ON a.key = x.account_key
                WHERE a.kind = 'bank' AND t.kind IN ('bank_credit', 'bank_reversal')
                GROUP BY t.document_id),
              captured AS (
                SELECT t.document_id, SUM(x.amount_minor) AS minor FROM ledger_transactions t
                JOIN ledger_entries x ON x.transaction_id = t.id
                JOIN ledger_accounts a ON a.key = x.account_key
                WHERE a.kind = 'bank' AND t.kind = 'payment_captured'
                GROUP BY t.document_id)
              SELECT e.id || ' (' || e.outcome || ')' FROM bank_entries e
              LEFT JOIN own o ON o.document_id = e.id
              LEFT JOIN captured p ON p.document_id = e.payment_id
              WHERE COALESCE(o.minor, 0) + COALESCE(p.minor, 0)
                    <> CASE WHEN e.kind = 'credit' THEN e.amount_minor ELSE -e.amount_minor END
                 OR (e.outcome = 'assigned') <> EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.kind = 'suspense_assigned' AND t.document_id = e.id)
              ORDER BY e.id LIMIT $1",
    },
    Check {
        name: "no prepaid account is overdrawn",
        sql: "SELECT account_key || ' at ' || CAST(SUM(amount_minor) AS TEXT) FROM ledger_entries
              WHERE account_key LIKE 'prepaid:%'
              GROUP BY account_key HAVING SUM(amount_minor) > 0
              ORDER BY account_key LIMIT $1",
    },
];

/// The tables the checks read, analysed first on PostgreSQL (see
/// [`violations`]).
const ANALYZE_TABLES: &str = "ANALYZE ledger_entries, ledger_accounts, ledger_transactions,
    invoices, invoice_lines, credit_notes, credit_note_lines, document_vat, document_pdfs,
    document_series, payments, refunds, bank_entries";

/// Every violated invariant, with examples; empty when the books hold.
///
/// On PostgreSQL the tables are analysed first. The checks' correlated
/// subqueries are planned from statistics, and with none (autovacuum off,
/// or a day's sweep a moment ago) the planner scanned `document_vat`
/// whole for each invoice: after a sweep of 80,000 renewal invoices two
/// checks ran for minutes each instead of two seconds. ANALYZE reads a
/// sample of each table, blocks no reader nor writer, and where the role
/// may not analyse a table PostgreSQL warns and goes on. A standby (an
/// operator may verify on a replica) cannot analyse, and needs not: it
/// has the primary's statistics.
pub async fn violations(mut c: Conn<'_>) -> Result<Vec<String>> {
    if c.engine() == Engine::Postgres
        && !sql!(c.reborrow(), fetch_one scalar bool, "SELECT pg_is_in_recovery()")?
    {
        sql!(c.reborrow(), execute, ANALYZE_TABLES)?;
    }
    let mut found = Vec::new();
    for check in CHECKS {
        let sql = check.sql;
        let rows = sql!(c.reborrow(), fetch_all scalar String, sql, EXAMPLES)?;
        if !rows.is_empty() {
            found.push(format!("{}: broken by {}", check.name, rows.join(", ")));
        }
    }
    found.extend(status_violations(c).await?);
    Ok(found)
}

/// An issued invoice's stored status is what its ledger and credit notes
/// say (the rule lives in Rust, with the code that moves it). A page of
/// invoices costs three statements — their rows, their open amounts,
/// their credit notes' sums — not three per invoice: a day's renewal
/// sweep leaves tens of thousands of invoices to check.
async fn status_violations(mut c: Conn<'_>) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut after = String::new();
    loop {
        let page = sql!(
            c.reborrow(),
            fetch_all as (String, String, i64),
            "SELECT id, status, total_minor FROM invoices WHERE status <> 'draft' AND id > $1 ORDER BY id LIMIT 500",
            &after
        )?;
        let Some((last, _, _)) = page.last() else {
            break;
        };
        after = last.clone();
        let ids: Vec<&str> = page.iter().map(|(id, _, _)| id.as_str()).collect();
        let open: HashMap<String, i64> = super::store::open_of(c.reborrow(), &ids)
            .await?
            .into_iter()
            .map(|(id, sum)| (id, sum.unwrap_or(0)))
            .collect();
        let credited = super::credit_notes::credited_of(c.reborrow(), &ids).await?;
        for (id, status, total) in &page {
            let (credited, against_due) = credited.get(id).copied().unwrap_or((0, 0));
            let open = open.get(id).copied().unwrap_or(0);
            let expected = super::credit_notes::status_for(*total, open, credited, against_due);
            if *status != expected && found.len() < EXAMPLES as usize {
                found.push(format!(
                    "an invoice's status follows its ledger: {id} is {status} but should be {expected}"
                ));
            }
        }
    }
    Ok(found)
}
