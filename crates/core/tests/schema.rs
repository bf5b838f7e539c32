//! The two migration folders are kept in lockstep: migrate a fresh SQLite and
//! a fresh PostgreSQL database and compare what their catalogues say.
//!
//! Each engine's catalogue is read into the same shape — one line per fact
//! (`column outbox.status #5 text not null`, `default t.c 0`, `index … on …
//! (…)`, `foreign key a.b -> c.d …`, `check t: <expression>`, `trigger n on t
//! before update`) — so a failure prints the facts only one engine has.
//!
//! CHECK expressions and defaults are compared after [`normalise`]: each
//! engine spells the same expression its own way (PostgreSQL's deparser
//! writes `((kind = ANY (ARRAY['mail'::text, 'webhook'::text])))` for
//! SQLite's `kind IN ('mail', 'webhook')`). Facts one engine cannot have are
//! listed in [`ONE_ENGINE_ONLY`] with the reason.

use std::collections::BTreeSet;

use guichet_core::{
    db::{Db, Engine, PoolSettings},
    testing::TestDb,
};
use sqlx::{PgPool, SqlitePool};

type Facts = BTreeSet<String>;

/// A fresh, migrated database of `engine`; None when PostgreSQL is not
/// configured (`TestDb::create` asks `testing::postgres_admin_url()`, which
/// skips loudly, or panics when CI requires PostgreSQL).
pub async fn migrated(engine: Engine) -> Option<(TestDb, Db)> {
    let test_db = TestDb::create(engine).await?;
    let db = Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    Some((test_db, db))
}

async fn facts(db: &Db) -> Facts {
    match db {
        Db::Sqlite(pool) => sqlite_facts(pool).await,
        Db::Postgres(pool) => postgres_facts(pool).await,
    }
}

async fn sqlite_facts(pool: &SqlitePool) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, name FROM sqlite_master
         WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (kind, table) in tables {
        facts.insert(format!("{kind} {table}"));

        // SQLite keeps CHECK constraints only in the table's CREATE text.
        let create: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = $1")
            .bind(&table)
            .fetch_one(pool)
            .await
            .unwrap();
        for check in checks_in_create_table(&create) {
            facts.insert(format!("check {table}: {check}"));
        }

        let columns: Vec<(i64, String, String, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut primary_key = Vec::new();
        for (cid, name, declared, not_null, default, pk) in columns {
            facts.insert(column_fact(
                &table,
                &name,
                cid + 1,
                &declared,
                not_null != 0,
            ));
            if let Some(default) = default {
                facts.insert(default_fact(&table, &name, &default));
            }
            if pk > 0 {
                primary_key.push((pk, name));
            }
        }
        if !primary_key.is_empty() {
            primary_key.sort();
            let cols: Vec<String> = primary_key.into_iter().map(|(_, c)| c).collect();
            facts.insert(format!("primary key {table} ({})", cols.join(", ")));
        }

        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (index, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue; // compared as the table's primary key
            }
            let columns: Vec<(i64, Option<String>)> =
                sqlx::query_as("SELECT seqno, name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            let columns: Vec<String> = columns
                .into_iter()
                .map(|(_, c)| c.unwrap_or_else(|| "<expression>".into()))
                .collect();
            if origin == "u" {
                // A UNIQUE constraint in the table definition: SQLite names
                // its index sqlite_autoindex_*, PostgreSQL <table>_<col>_key.
                // Only the table and columns are comparable.
                facts.insert(format!(
                    "unique constraint {table} ({})",
                    columns.join(", ")
                ));
            } else {
                facts.insert(index_fact(
                    &table,
                    &index,
                    &columns,
                    unique != 0,
                    partial != 0,
                ));
            }
        }

        let foreign_keys: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT \"table\", \"from\", \"to\", on_delete, on_update
                 FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (parent, from, to, on_delete, on_update) in foreign_keys {
            // `REFERENCES parent` without a column means the parent's key.
            let to = match to {
                Some(to) => to,
                None => sqlx::query_scalar(
                    "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                )
                .bind(&parent)
                .fetch_one(pool)
                .await
                .unwrap(),
            };
            facts.insert(format!(
                "foreign key {table}.{from} -> {parent}.{to} on delete {} on update {}",
                on_delete.to_lowercase(),
                on_update.to_lowercase()
            ));
        }
    }

    let triggers: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(pool)
            .await
            .unwrap();
    for (name, table, sql) in triggers {
        // CREATE TRIGGER name {BEFORE|AFTER|INSTEAD OF} {INSERT|DELETE|UPDATE [OF …]} ON …
        let words = tokens(&sql);
        let on = words.iter().position(|w| w == "on").unwrap_or(words.len());
        let head = &words[..on];
        let timing = if head.iter().any(|w| w == "instead") {
            "instead of"
        } else if head.iter().any(|w| w == "after") {
            "after"
        } else {
            "before"
        };
        let event = ["insert", "update", "delete"]
            .into_iter()
            .find(|e| head.iter().any(|w| w == e))
            .unwrap_or("<event>");
        facts.insert(trigger_fact(&name, &table, timing, event));
    }
    facts
}

async fn postgres_facts(pool: &PgPool) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END, table_name::text
         FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE', 'VIEW')
           AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (kind, table) in tables {
        facts.insert(format!("{kind} {table}"));
    }

    // Numbered afresh: PostgreSQL keeps a dropped column's position.
    let columns: Vec<(String, String, i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text,
                CAST(row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position) AS BIGINT),
                data_type::text, is_nullable::text, column_default::text
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, position, data_type, nullable, default) in columns {
        facts.insert(column_fact(
            &table,
            &name,
            position,
            &data_type,
            nullable == "NO",
        ));
        if let Some(default) = default {
            facts.insert(default_fact(&table, &name, &default));
        }
    }

    let checks: Vec<(String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, pg_get_constraintdef(con.oid)
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE con.contype = 'c' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, definition) in checks {
        for check in checks_in_create_table(&definition) {
            facts.insert(format!("check {table}: {check}"));
        }
    }

    // pg_trigger's tgtype bits: 1 row, 2 before, 4 insert, 8 delete,
    // 16 update, 32 truncate, 64 instead of. One fact per event.
    let triggers: Vec<(String, String, i16)> = sqlx::query_as(
        "SELECT t.tgname::text, cl.relname::text, t.tgtype
         FROM pg_trigger t
         JOIN pg_class cl ON cl.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE NOT t.tgisinternal AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, table, bits) in triggers {
        let timing = if bits & 64 != 0 {
            "instead of"
        } else if bits & 2 != 0 {
            "before"
        } else {
            "after"
        };
        for (bit, event) in [
            (4, "insert"),
            (8, "delete"),
            (16, "update"),
            (32, "truncate"),
        ] {
            if bits & bit != 0 {
                facts.insert(trigger_fact(&name, &table, timing, event));
            }
        }
    }

    let indexes: Vec<PgIndex> = sqlx::query_as(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name,
                ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
                ix.indpred IS NOT NULL AS is_partial,
                EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.conindid = ix.indexrelid AND c.conrelid = ix.indrelid
                          AND c.contype = 'u') AS is_constraint,
                ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                      FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k) AS columns
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = current_schema() AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for ix in indexes {
        let (table, columns) = (&ix.table_name, ix.columns.join(", "));
        if ix.is_primary {
            facts.insert(format!("primary key {table} ({columns})"));
        } else if ix.is_constraint {
            facts.insert(format!("unique constraint {table} ({columns})"));
        } else {
            facts.insert(index_fact(
                table,
                &ix.index_name,
                &ix.columns,
                ix.is_unique,
                ix.is_partial,
            ));
        }
    }

    let foreign_keys: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, a.attname::text, rcl.relname::text, ra.attname::text,
                con.confdeltype::text, con.confupdtype::text
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         JOIN pg_class rcl ON rcl.oid = con.confrelid
         CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(col, refcol)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.col
         JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refcol
         WHERE con.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, from, parent, to, on_delete, on_update) in foreign_keys {
        facts.insert(format!(
            "foreign key {table}.{from} -> {parent}.{to} on delete {} on update {}",
            pg_action(&on_delete),
            pg_action(&on_update)
        ));
    }
    facts
}

#[derive(sqlx::FromRow)]
struct PgIndex {
    table_name: String,
    index_name: String,
    is_primary: bool,
    is_unique: bool,
    is_partial: bool,
    /// Made for a UNIQUE constraint rather than by CREATE INDEX.
    is_constraint: bool,
    columns: Vec<String>,
}

/// `pg_constraint.confdeltype` letters, spelled as SQLite spells them.
fn pg_action(code: &str) -> String {
    match code {
        "a" => "no action".into(),
        "r" => "restrict".into(),
        "c" => "cascade".into(),
        "n" => "set null".into(),
        "d" => "set default".into(),
        other => format!("<{other}>"),
    }
}

fn column_fact(table: &str, name: &str, position: i64, ty: &str, not_null: bool) -> String {
    let null = if not_null { "not null" } else { "null" };
    let ty = ty.to_lowercase();
    // Bytes: SQLite's BLOB is PostgreSQL's BYTEA (sqlx decodes both as
    // Vec<u8>); the one type whose name differs between the engines.
    let ty = if ty == "blob" {
        "bytea".to_string()
    } else {
        ty
    };
    format!("column {table}.{name} #{position} {ty} {null}")
}

fn index_fact(table: &str, index: &str, columns: &[String], unique: bool, partial: bool) -> String {
    format!(
        "index {index} on {table} ({}){}{}",
        columns.join(", "),
        if unique { " unique" } else { "" },
        if partial { " partial" } else { "" }
    )
}

fn default_fact(table: &str, column: &str, default: &str) -> String {
    format!("default {table}.{column} {}", normalise(&tokens(default)))
}

fn trigger_fact(name: &str, table: &str, timing: &str, event: &str) -> String {
    format!("trigger {name} on {table} {timing} {event}")
}

/// Facts only one engine can have, and why: they are left out of the
/// comparison (and must still be there, so the list does not go stale).
const ONE_ENGINE_ONLY: &[(&str, &str)] = &[
    (
        "trigger audit_events_no_truncate on audit_events before truncate",
        "SQLite has no TRUNCATE; its DELETE trigger covers what PostgreSQL's TRUNCATE would bypass",
    ),
    (
        "trigger staff_audit_events_no_truncate on staff_audit_events before truncate",
        "the same, for the staff audit log",
    ),
    (
        "trigger ledger_accounts_no_truncate on ledger_accounts before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger ledger_transactions_no_truncate on ledger_transactions before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger ledger_entries_no_truncate on ledger_entries before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger invoices_no_truncate on invoices before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger invoice_lines_no_truncate on invoice_lines before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger credit_notes_no_truncate on credit_notes before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger credit_note_lines_no_truncate on credit_note_lines before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger document_pdfs_no_truncate on document_pdfs before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
    (
        "trigger document_vat_no_truncate on document_vat before truncate",
        "SQLite has no TRUNCATE (billing: its DELETE triggers cover it)",
    ),
];

/// SQL text as lower-case tokens: words (identifiers, keywords, numbers;
/// `"quoted"` identifiers unquoted), string literals kept verbatim with
/// their quotes, `::`, runs of operator characters, and single brackets
/// and commas. Comments are dropped.
fn tokens(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // 'it''s' is one literal.
            let start = i;
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' && chars.get(i + 1) == Some(&'\'') {
                    i += 2;
                } else if chars[i] == '\'' {
                    i += 1;
                    break;
                } else {
                    i += 1;
                }
            }
            out.push(chars[start..i.min(chars.len())].iter().collect());
        } else if c == '"' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += 1;
            }
            out.push(chars[start..i].iter().collect::<String>().to_lowercase());
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect::<String>().to_lowercase());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else if c == '-'
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && out.last().is_none_or(|l: &String| {
                l == "(" || l == "," || l.chars().all(|c| "<>=!|+-*/%".contains(c))
            })
        {
            // A negative number, one token (PostgreSQL writes '-1'::integer).
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if "<>=!|+-*/%".contains(c) {
            let start = i;
            while i < chars.len() && "<>=!|+-*/%".contains(chars[i]) {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Words that may follow `::` as (part of) a type name in PostgreSQL's
/// deparsed text.
const TYPE_WORDS: &[&str] = &[
    "text",
    "bigint",
    "integer",
    "smallint",
    "boolean",
    "numeric",
    "real",
    "date",
    "json",
    "jsonb",
    "bytea",
    "character",
    "varying",
    "double",
    "precision",
    "timestamp",
    "with",
    "without",
    "time",
    "zone",
    "int",
    "int2",
    "int4",
    "int8",
    "bool",
];
/// Words before a parenthesis that groups rather than calls.
const GROUPING_WORDS: &[&str] = &[
    "and", "or", "not", "when", "then", "else", "case", "is", "between", "like", "glob",
];

/// One spelling of an expression for both engines: PostgreSQL's casts
/// dropped (a numeric string cast to a number unquoted: `'-1'::integer` is
/// `-1`), `x = ANY (ARRAY[a, b])` written `x in (a, b)` (`<> ALL` as
/// `not in`), grouping parentheses dropped — PostgreSQL adds its own, so a
/// difference in grouping alone is not seen — and tokens joined by single
/// spaces. Call and list parentheses (`length(x)`, `in (…)`) are kept.
fn normalise(tokens: &[String]) -> String {
    // Casts.
    let mut t: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "::" {
            let mut j = i + 1;
            let mut numeric = false;
            while j < tokens.len() && TYPE_WORDS.contains(&tokens[j].as_str()) {
                numeric |= matches!(
                    tokens[j].as_str(),
                    "bigint"
                        | "integer"
                        | "smallint"
                        | "numeric"
                        | "real"
                        | "int"
                        | "int2"
                        | "int4"
                        | "int8"
                        | "double"
                );
                j += 1;
            }
            if tokens.get(j).map(String::as_str) == Some("[")
                && tokens.get(j + 1).map(String::as_str) == Some("]")
            {
                j += 2;
            }
            if numeric
                && let Some(last) = t.last_mut()
                && last.len() > 2
                && last.starts_with('\'')
                && last.ends_with('\'')
                && last[1..last.len() - 1].parse::<f64>().is_ok()
            {
                *last = last[1..last.len() - 1].to_string();
            }
            i = j;
        } else {
            t.push(tokens[i].clone());
            i += 1;
        }
    }
    // = ANY (ARRAY[…]) and <> ALL (ARRAY[…]).
    let mut u: Vec<String> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let quantified = (t[i] == "=" && t.get(i + 1).map(String::as_str) == Some("any"))
            || (t[i] == "<>" && t.get(i + 1).map(String::as_str) == Some("all"));
        if quantified
            && t.get(i + 2).map(String::as_str) == Some("(")
            && t.get(i + 3).map(String::as_str) == Some("array")
            && t.get(i + 4).map(String::as_str) == Some("[")
            && let Some(close) = t[i + 5..].iter().position(|x| x == "]").map(|p| p + i + 5)
            && t.get(close + 1).map(String::as_str) == Some(")")
        {
            if t[i] == "<>" {
                u.push("not".into());
            }
            u.push("in".into());
            u.push("(".into());
            u.extend(t[i + 5..close].iter().cloned());
            u.push(")".into());
            i = close + 2;
        } else {
            u.push(t[i].clone());
            i += 1;
        }
    }
    // Grouping parentheses: a `(` not right after a word that calls.
    let mut keep = vec![true; u.len()];
    let mut stack = Vec::new();
    for (k, tok) in u.iter().enumerate() {
        if tok == "(" {
            let calls = k > 0
                && u[k - 1]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                && !GROUPING_WORDS.contains(&u[k - 1].as_str());
            stack.push((k, calls));
        } else if tok == ")"
            && let Some((open, calls)) = stack.pop()
            && !calls
        {
            keep[open] = false;
            keep[k] = false;
        }
    }
    let mut out = String::new();
    for (k, tok) in u.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let glued = out.is_empty()
            || out.ends_with('(')
            || tok == ")"
            || tok == ","
            || (tok == "("
                && out.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                && !out.ends_with(" in"));
        if !glued {
            out.push(' ');
        }
        out.push_str(tok);
    }
    out
}

/// The CHECK expressions in a CREATE TABLE text (SQLite's catalogue) or
/// in PostgreSQL's `CHECK (…)` definition, normalised.
fn checks_in_create_table(sql: &str) -> Vec<String> {
    let t = tokens(sql);
    let mut out = Vec::new();
    for (k, w) in t.iter().enumerate() {
        if w != "check" || t.get(k + 1).map(String::as_str) != Some("(") {
            continue;
        }
        let mut depth = 0;
        for (j, x) in t.iter().enumerate().skip(k + 1) {
            match x.as_str() {
                "(" => depth += 1,
                ")" => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                out.push(normalise(&t[k + 1..=j]));
                break;
            }
        }
    }
    out
}

/// The facts only one engine has, readably; empty when the schemas agree.
/// Facts of [`ONE_ENGINE_ONLY`] are not differences.
fn diff(sqlite: &Facts, postgres: &Facts) -> String {
    let mut out = String::new();
    for (title, only) in [
        ("only on SQLite", sqlite.difference(postgres)),
        ("only on PostgreSQL", postgres.difference(sqlite)),
    ] {
        let lines: Vec<&String> = only
            .filter(|f| !ONE_ENGINE_ONLY.iter().any(|(known, _)| known == f))
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("{title}:\n"));
            for l in lines {
                out.push_str(&format!("  {l}\n"));
            }
        }
    }
    out
}

// proves: OPS-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrations_make_the_same_schema() {
    let (_sqlite_db, sqlite) = migrated(Engine::Sqlite).await.expect("SQLite");
    let Some((_pg_db, postgres)) = migrated(Engine::Postgres).await else {
        return;
    };
    let (s, p) = (facts(&sqlite).await, facts(&postgres).await);

    // The readers really read the catalogue: the foundation tables are seen.
    for fact in [
        "table job_leases",
        "table outbox",
        "primary key outbox (id)",
        "column outbox.attempts #6 integer not null",
        "index outbox_status_next_attempt_at_idx on outbox (status, next_attempt_at)",
    ] {
        assert!(s.contains(fact), "SQLite lacks `{fact}`: {s:#?}");
    }
    // What is known to exist on one engine only does.
    for (fact, _why) in ONE_ENGINE_ONLY {
        assert!(
            s.contains(*fact) || p.contains(*fact),
            "ONE_ENGINE_ONLY lists `{fact}`, which neither engine has any more"
        );
    }
    for fact in [
        "check outbox: kind in ('mail', 'webhook')",
        "default rate_limits.granted 0",
        "trigger audit_events_no_update on audit_events before update",
    ] {
        assert!(s.contains(fact), "SQLite lacks `{fact}`: {s:#?}");
        assert!(p.contains(fact), "PostgreSQL lacks `{fact}`: {p:#?}");
    }
    let d = diff(&s, &p);
    assert!(
        d.is_empty(),
        "the SQLite and PostgreSQL migrations disagree:\n{d}"
    );
}

/// The foundation has no foreign key nor unique constraint yet: this proves
/// on scratch tables that both readers see those too, see them alike, and
/// that a difference on one engine fails the comparison.
// proves: OPS-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schema_comparison_sees_every_kind_of_fact_and_reports_differences() {
    let (_sqlite_db, sqlite) = migrated(Engine::Sqlite).await.expect("SQLite");
    let Some((_pg_db, postgres)) = migrated(Engine::Postgres).await else {
        return;
    };
    let scratch = "
        CREATE TABLE zz_parent (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            flag BOOLEAN NOT NULL DEFAULT FALSE,
            status TEXT NOT NULL DEFAULT 'open',
            CHECK (code IN ('a', 'b')),
            CHECK (length(code) > 0 AND id <> code)
        );
        CREATE TABLE zz_child (
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            parent_id TEXT REFERENCES zz_parent (id) ON DELETE CASCADE,
            amount BIGINT DEFAULT -1 CHECK (amount >= 0 OR amount = -1),
            PRIMARY KEY (id, seq)
        );
        CREATE UNIQUE INDEX zz_child_parent_id_amount_key ON zz_child (parent_id, amount);
        CREATE INDEX zz_child_open_idx ON zz_child (parent_id) WHERE amount IS NULL;
    ";
    run_ddl(&sqlite, scratch).await;
    run_ddl(&postgres, scratch).await;
    // Triggers are written in each engine's own way.
    run_ddl(
        &sqlite,
        "CREATE TRIGGER zz_parent_no_delete BEFORE DELETE ON zz_parent
         BEGIN SELECT RAISE(ABORT, 'no'); END;",
    )
    .await;
    run_ddl(
        &postgres,
        "CREATE FUNCTION zz_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'no'; END; $$;
         CREATE TRIGGER zz_parent_no_delete BEFORE DELETE ON zz_parent
             FOR EACH ROW EXECUTE FUNCTION zz_refuse();",
    )
    .await;
    let (s, p) = (facts(&sqlite).await, facts(&postgres).await);
    for fact in [
        "column zz_parent.flag #3 boolean not null",
        "column zz_child.amount #4 bigint null",
        "primary key zz_child (id, seq)",
        "unique constraint zz_parent (code)",
        "index zz_child_parent_id_amount_key on zz_child (parent_id, amount) unique",
        "index zz_child_open_idx on zz_child (parent_id) partial",
        "foreign key zz_child.parent_id -> zz_parent.id on delete cascade on update no action",
        "check zz_parent: code in ('a', 'b')",
        "check zz_parent: length(code) > 0 and id <> code",
        "check zz_child: amount >= 0 or amount = -1",
        "default zz_parent.flag false",
        "default zz_parent.status 'open'",
        "default zz_child.amount -1",
        "trigger zz_parent_no_delete on zz_parent before delete",
    ] {
        assert!(s.contains(fact), "SQLite lacks `{fact}`: {s:#?}");
        assert!(p.contains(fact), "PostgreSQL lacks `{fact}`: {p:#?}");
    }
    let d = diff(&s, &p);
    assert!(d.is_empty(), "the same DDL read differently:\n{d}");

    run_ddl(
        &sqlite,
        "CREATE INDEX zz_child_amount_idx ON zz_child (amount);
         CREATE TRIGGER zz_child_no_update AFTER UPDATE ON zz_child
         BEGIN SELECT RAISE(ABORT, 'no'); END;",
    )
    .await;
    run_ddl(
        &postgres,
        "ALTER TABLE zz_parent ADD COLUMN note TEXT DEFAULT 'none';
         ALTER TABLE zz_child ADD CHECK (seq > 0);
         ALTER TABLE zz_parent ALTER COLUMN status SET DEFAULT 'closed';",
    )
    .await;
    let d = diff(&facts(&sqlite).await, &facts(&postgres).await);
    assert_eq!(
        d,
        "only on SQLite:\n\
         \x20 default zz_parent.status 'open'\n\
         \x20 index zz_child_amount_idx on zz_child (amount)\n\
         \x20 trigger zz_child_no_update on zz_child after update\n\
         only on PostgreSQL:\n\
         \x20 check zz_child: seq > 0\n\
         \x20 column zz_parent.note #5 text null\n\
         \x20 default zz_parent.note 'none'\n\
         \x20 default zz_parent.status 'closed'\n"
    );
}

#[test]
fn expressions_are_normalised_alike() {
    let n = |sql: &str| normalise(&tokens(sql));
    for (postgres, sqlite) in [
        (
            "((kind = ANY (ARRAY['mail'::text, 'webhook'::text])))",
            "kind IN ('mail', 'webhook')",
        ),
        (
            "((role <> ALL (ARRAY['x'::character varying, 'y'::character varying])))",
            "role NOT IN ('x', 'y')",
        ),
        (
            "(((length(code) > 0) AND (id <> code)))",
            "length(code) > 0 AND id <> code",
        ),
        ("'-1'::integer", "-1"),
        ("'open'::text", "'open'"),
        ("'it''s'::text", "'it''s'"),
        ("\"Key\" = 1 -- a comment", "key = 1"),
    ] {
        assert_eq!(n(postgres), n(sqlite), "{postgres} vs {sqlite}");
    }
    // What differs still differs: values, operators, case inside strings.
    assert_ne!(n("kind IN ('mail')"), n("kind IN ('Mail')"));
    assert_ne!(n("a > 0"), n("a >= 0"));
    assert_ne!(n("a - 1 > 0"), n("a > 0"));
    assert_eq!(
        checks_in_create_table(
            "CREATE TABLE t (a INT CHECK (a > 0), -- CHECK (no)\n b INT, CHECK (b IN (1, 2)))"
        ),
        ["a > 0", "b in (1, 2)"]
    );
}

async fn run_ddl(db: &Db, ddl: &str) {
    match db {
        Db::Sqlite(p) => sqlx::raw_sql(ddl).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::raw_sql(ddl).execute(p).await.map(|_| ()),
    }
    .unwrap();
}
