//! The two migration folders are kept in lockstep: migrate a fresh SQLite and
//! a fresh PostgreSQL database and compare what their catalogues say.
//!
//! Each engine's catalogue is read into the same shape — one line per fact
//! (`column outbox.status #5 text not null`, `index … on … (…)`, `foreign
//! key a.b -> c.d …`) — so a failure prints the facts only one engine has.

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
async fn migrated(engine: Engine) -> Option<(TestDb, Db)> {
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

        let columns: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
            "SELECT cid, name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut primary_key = Vec::new();
        for (cid, name, declared, not_null, pk) in columns {
            facts.insert(column_fact(
                &table,
                &name,
                cid + 1,
                &declared,
                not_null != 0,
            ));
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
    let columns: Vec<(String, String, i64, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text,
                CAST(row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position) AS BIGINT),
                data_type::text, is_nullable::text
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, position, data_type, nullable) in columns {
        facts.insert(column_fact(
            &table,
            &name,
            position,
            &data_type,
            nullable == "NO",
        ));
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
    format!(
        "column {table}.{name} #{position} {} {null}",
        ty.to_lowercase()
    )
}

fn index_fact(table: &str, index: &str, columns: &[String], unique: bool, partial: bool) -> String {
    format!(
        "index {index} on {table} ({}){}{}",
        columns.join(", "),
        if unique { " unique" } else { "" },
        if partial { " partial" } else { "" }
    )
}

/// The facts only one engine has, readably; empty when the schemas agree.
fn diff(sqlite: &Facts, postgres: &Facts) -> String {
    let mut out = String::new();
    for (title, only) in [
        ("only on SQLite", sqlite.difference(postgres)),
        ("only on PostgreSQL", postgres.difference(sqlite)),
    ] {
        let lines: Vec<&String> = only.collect();
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
            flag BOOLEAN NOT NULL
        );
        CREATE TABLE zz_child (
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            parent_id TEXT REFERENCES zz_parent (id) ON DELETE CASCADE,
            amount BIGINT,
            PRIMARY KEY (id, seq)
        );
        CREATE UNIQUE INDEX zz_child_parent_id_amount_key ON zz_child (parent_id, amount);
        CREATE INDEX zz_child_open_idx ON zz_child (parent_id) WHERE amount IS NULL;
    ";
    run_ddl(&sqlite, scratch).await;
    run_ddl(&postgres, scratch).await;
    let (s, p) = (facts(&sqlite).await, facts(&postgres).await);
    for fact in [
        "column zz_parent.flag #3 boolean not null",
        "column zz_child.amount #4 bigint null",
        "primary key zz_child (id, seq)",
        "unique constraint zz_parent (code)",
        "index zz_child_parent_id_amount_key on zz_child (parent_id, amount) unique",
        "index zz_child_open_idx on zz_child (parent_id) partial",
        "foreign key zz_child.parent_id -> zz_parent.id on delete cascade on update no action",
    ] {
        assert!(s.contains(fact), "SQLite lacks `{fact}`: {s:#?}");
        assert!(p.contains(fact), "PostgreSQL lacks `{fact}`: {p:#?}");
    }
    let d = diff(&s, &p);
    assert!(d.is_empty(), "the same DDL read differently:\n{d}");

    run_ddl(
        &sqlite,
        "CREATE INDEX zz_child_amount_idx ON zz_child (amount)",
    )
    .await;
    run_ddl(&postgres, "ALTER TABLE zz_parent ADD COLUMN note TEXT").await;
    let d = diff(&facts(&sqlite).await, &facts(&postgres).await);
    assert_eq!(
        d,
        "only on SQLite:\n  index zz_child_amount_idx on zz_child (amount)\n\
         only on PostgreSQL:\n  column zz_parent.note #4 text null\n"
    );
}

async fn run_ddl(db: &Db, ddl: &str) {
    match db {
        Db::Sqlite(p) => sqlx::raw_sql(ddl).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::raw_sql(ddl).execute(p).await.map(|_| ()),
    }
    .unwrap();
}
