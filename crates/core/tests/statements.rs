//! Every SQL statement of the core's source, prepared on a migrated SQLite
//! and a migrated PostgreSQL database: a typo, a column that a migration
//! renamed, or a construct one engine lacks fails here even when no test
//! runs the code path that sends it.
//!
//! The statements are read from the source itself (`crates/core/src/**`,
//! wherever code moves): the SQL text given to `sql!` (its third argument)
//! or to `sqlx::query*` / `sqlx::raw_sql`, as a string literal, a `const`
//! of the source tree, or `format!` of a literal with such consts. A
//! statement built at run time from anything else cannot be checked: it
//! fails the test, unless listed in [`DYNAMIC`] with the reason.
//!
//! Where a statement is meant for one engine: a function whose signature
//! names one engine's types (`PgPool`, `SqliteConnection`, …) holds
//! statements of that engine; a statement sent through `sql!` by code that
//! branched on the engine is listed in [`ENGINE_SPECIFIC`].

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use guichet_core::db::{Db, Engine};

use crate::schema::migrated;

/// Statements for one engine that the source does not mark as such: a
/// fragment found only in that statement, and its engine. Each fragment
/// must still match a statement, so that the list does not outlive code.
const ENGINE_SPECIFIC: &[(&str, Engine)] = &[
    // accounts: SQLite's batched token lookup reads a JSON array (ADR 0007).
    ("FROM json_each($1)", Engine::Sqlite),
    // outbox: other instances are woken by NOTIFY, sent only on PostgreSQL
    // (ADR 0009).
    ("SELECT pg_notify($1, '')", Engine::Postgres),
    // The sweeps' bulk statements (ADR 0015) read their rows as one JSON
    // array: `json_each` (above) on SQLite, these on PostgreSQL.
    ("jsonb_array_elements($1::jsonb)", Engine::Postgres),
    ("jsonb_array_elements_text($1::jsonb)", Engine::Postgres),
    // The bulk issue writes its invoices' lines first: the foreign key
    // waits for the invoices, per transaction (ADR 0015).
    ("PRAGMA defer_foreign_keys", Engine::Sqlite),
    (
        "SET CONSTRAINTS invoice_lines_invoice_id_fkey",
        Engine::Postgres,
    ),
    // `ledger verify` analyses the tables it reads first, on PostgreSQL
    // (its checks are planned from statistics).
    ("ANALYZE ledger_entries", Engine::Postgres),
    ("SELECT pg_is_in_recovery()", Engine::Postgres),
];

/// Statements built at run time, which cannot be read from the source:
/// (file suffix, fragment of the SQL argument's source).
const DYNAMIC: &[(&str, &str)] = &[
    (
        // One placeholder per user of a page of search results (at most a
        // page): the text is a const with a varying IN list.
        "staff/store.rs",
        "&q",
    ),
    (
        // `ledger verify`'s checks, consts of a table: the harness runs
        // every one of them after every test, on both engines.
        "billing/verify.rs",
        "sql",
    ),
    (
        // `fetch_all_with`, `count_with`: statements with a run-time list
        // of bound values (the product list's filters and its rights'
        // ids and kinds); the order and product tests run each shape on
        // both engines.
        "src/db.rs",
        "query",
    ),
    (
        // One placeholder per document of a list page (at most a page):
        // consts with a varying IN list; every list test runs them on
        // both engines.
        "billing/store.rs",
        "&q",
    ),
];

/// Source files left out: the test harness itself (it names databases at
/// run time, and its invariant checks build their SQL from the catalogue;
/// every test runs those anyway).
const SKIPPED_FILES: &[&str] = &["testing.rs"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Both,
    Only(Engine),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Statement {
    /// `path:line` of the call.
    at: String,
    sql: String,
    target: Target,
}

// ------------------------------------------------------------- a small lexer

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
    /// Byte offset in the source (for quoting an expression back).
    start: usize,
    end: usize,
}

/// Rust source to tokens: identifiers (numbers too), string literals
/// (normal, raw, byte; escapes resolved, `\` line continuations joined),
/// and single punctuation characters. Comments, char literals and
/// lifetimes are dropped. Enough to find SQL text, not a Rust parser.
fn lex(src: &str) -> Result<Vec<Token>, String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let count_lines = |from: usize, to: usize| b[from..to].iter().filter(|c| **c == b'\n').count();
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if src[i..].starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if src[i..].starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i);
        } else if let Some((text, len)) = raw_string(&src[i..]) {
            out.push(Token {
                tok: Tok::Str(text),
                line,
                start,
                end: i + len,
            });
            line += count_lines(i, i + len);
            i += len;
        } else if c == b'"' || (c == b'b' && b.get(i + 1) == Some(&b'"')) {
            let open = if c == b'b' { i + 1 } else { i };
            let (text, len) = string(&src[open..])
                .ok_or_else(|| format!("unterminated string at line {line}"))?;
            let end = open + len;
            out.push(Token {
                tok: Tok::Str(text),
                line,
                start,
                end,
            });
            line += count_lines(i, end);
            i = end;
        } else if c == b'\'' {
            // A char literal ('a', '\n', '\'', '\u{7f}') or a lifetime.
            if b.get(i + 1) == Some(&b'\\') {
                // Past the backslash and the escaped character.
                i += 3;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            } else if let Some(ch) = src[i + 1..].chars().next()
                && src[i + 1 + ch.len_utf8()..].starts_with('\'')
            {
                i += 2 + ch.len_utf8();
            } else {
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
            }
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Ident(src[start..i].to_string()),
                line,
                start,
                end: i,
            });
        } else {
            let ch = src[i..].chars().next().unwrap_or('?');
            i += ch.len_utf8();
            out.push(Token {
                tok: Tok::Punct(ch),
                line,
                start,
                end: i,
            });
        }
    }
    Ok(out)
}

/// `r"…"`, `r#"…"#`, `br"…"` at the start of `s`: (text, length).
fn raw_string(s: &str) -> Option<(String, usize)> {
    let prefix = if s.starts_with("br") {
        2
    } else if s.starts_with('r') {
        1
    } else {
        return None;
    };
    let hashes = s[prefix..].bytes().take_while(|c| *c == b'#').count();
    let open = prefix + hashes;
    if s.as_bytes().get(open) != Some(&b'"') {
        return None;
    }
    let close = format!("\"{}", "#".repeat(hashes));
    let body_end = s[open + 1..].find(&close)? + open + 1;
    Some((s[open + 1..body_end].to_string(), body_end + close.len()))
}

/// A `"…"` literal at the start of `s`, escapes resolved: (text, length).
fn string(s: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((text, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    '0' => text.push('\0'),
                    '\\' | '"' | '\'' => text.push(e),
                    'x' => {
                        let hex: String = (0..2)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        text.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                    }
                    'u' => {
                        let mut hex = String::new();
                        for (_, h) in chars.by_ref() {
                            match h {
                                '{' => {}
                                '}' => break,
                                h => hex.push(h),
                            }
                        }
                        text.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    // A line continuation: the newline and the next line's
                    // leading white space are not part of the string.
                    '\n' => {
                        while chars.peek().is_some_and(|(_, w)| w.is_whitespace()) {
                            chars.next();
                        }
                    }
                    _ => return None,
                }
            }
            c => text.push(c),
        }
    }
    None
}

// ----------------------------------------------------------- the extractor

fn ident(t: &Token) -> Option<&str> {
    match &t.tok {
        Tok::Ident(s) => Some(s),
        _ => None,
    }
}

fn is_punct(t: Option<&Token>, c: char) -> bool {
    t.is_some_and(|t| t.tok == Tok::Punct(c))
}

/// `const NAME: &str = "…";` (or `&'static str`) anywhere in `tokens`.
fn string_consts(tokens: &[Token]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if ident(t) != Some("const") {
            continue;
        }
        let rest = &tokens[i + 1..];
        let Some(name) = rest.first().and_then(ident) else {
            continue;
        };
        // NAME : & [static] str = "…" ;
        let mut j = 1;
        if !is_punct(rest.get(j), ':') || !is_punct(rest.get(j + 1), '&') {
            continue;
        }
        j += 2;
        if rest.get(j).and_then(ident) == Some("static") {
            j += 1;
        }
        if rest.get(j).and_then(ident) != Some("str") || !is_punct(rest.get(j + 1), '=') {
            continue;
        }
        if let Some(Tok::Str(value)) = rest.get(j + 2).map(|t| &t.tok)
            && is_punct(rest.get(j + 3), ';')
        {
            out.push((name.to_string(), value.clone()));
        }
    }
    out
}

/// The arguments of the call whose `(` is at `open`, split at top-level
/// commas; angle brackets count as brackets in argument `angle_arg` (the
/// type in `sql!(c, fetch_one scalar Option<i64>, …)`).
fn call_args(tokens: &[Token], open: usize, angle_arg: Option<usize>) -> Vec<&[Token]> {
    let mut args = Vec::new();
    let mut depth = 0i32;
    let mut angle = 0i32;
    let mut from = open + 1;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    if from < k {
                        args.push(&tokens[from..k]);
                    }
                    return args;
                }
            }
            Tok::Punct('<') if angle_arg == Some(args.len()) => angle += 1,
            Tok::Punct('>') if angle_arg == Some(args.len()) && angle > 0 => angle -= 1,
            Tok::Punct(',') if depth == 1 && angle == 0 => {
                args.push(&tokens[from..k]);
                from = k + 1;
            }
            _ => {}
        }
    }
    args
}

/// What an SQL argument evaluates to, when the source says it.
enum Text {
    Sql(String),
    /// A macro's metavariable (`$sql` in `sql!`'s own definition).
    Meta,
    Dynamic,
}

fn evaluate(arg: &[Token], consts: &HashMap<String, String>) -> Text {
    let arg = match arg.first() {
        Some(t) if t.tok == Tok::Punct('&') => &arg[1..],
        _ => arg,
    };
    match arg {
        [
            Token {
                tok: Tok::Str(s), ..
            },
        ] => Text::Sql(s.clone()),
        [t, ..] if t.tok == Tok::Punct('$') => Text::Meta,
        [t] => match ident(t).and_then(|name| consts.get(name)) {
            Some(value) => Text::Sql(value.clone()),
            None => Text::Dynamic,
        },
        [f, bang, _, ..] if ident(f) == Some("format") && bang.tok == Tok::Punct('!') => {
            let inner = call_args(arg, 2, None);
            match inner.split_first() {
                Some(([t], positional)) => match &t.tok {
                    Tok::Str(template) => {
                        let positional: Option<Vec<String>> = positional
                            .iter()
                            .map(|a| match a {
                                [t] => ident(t).and_then(|n| consts.get(n)).cloned(),
                                _ => None,
                            })
                            .collect();
                        match positional.and_then(|p| fill(template, &p, consts)) {
                            Some(sql) => Text::Sql(sql),
                            None => Text::Dynamic,
                        }
                    }
                    _ => Text::Dynamic,
                },
                _ => Text::Dynamic,
            }
        }
        _ => Text::Dynamic,
    }
}

/// `format!`'s template with `{}` taken from `positional` and `{NAME}` from
/// the consts; None when a placeholder is anything else (a local value).
fn fill(template: &str, positional: &[String], consts: &HashMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut next = positional.iter();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                if name.is_empty() {
                    out.push_str(next.next()?);
                } else {
                    out.push_str(consts.get(&name)?);
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// The engine the enclosing function's signature names, if one.
fn engine_of_enclosing_fn(tokens: &[Token], at: usize) -> Option<Engine> {
    let fn_at = tokens[..at].iter().rposition(|t| ident(t) == Some("fn"))?;
    for t in &tokens[fn_at..at] {
        match ident(t) {
            Some("PgPool" | "PgConnection" | "Postgres") => return Some(Engine::Postgres),
            Some("SqlitePool" | "SqliteConnection" | "Sqlite") => return Some(Engine::Sqlite),
            _ => {}
        }
        if t.tok == Tok::Punct('{') {
            break;
        }
    }
    None
}

/// The statements of one file. `consts` holds the string consts of the
/// whole tree (a name defined in this file wins over another file's).
/// Err lists what could not be read.
fn extract(
    path: &str,
    src: &str,
    tree_consts: &HashMap<String, String>,
) -> Result<Vec<Statement>, Vec<String>> {
    let tokens = lex(src).map_err(|e| vec![format!("{path}: {e}")])?;
    let mut consts = tree_consts.clone();
    consts.extend(string_consts(&tokens));
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(name) = ident(t) else { continue };
        // (position of `(`, which argument is the SQL, which may hold a type)
        let call = match name {
            "sql" if is_punct(tokens.get(i + 1), '!') && is_punct(tokens.get(i + 2), '(') => {
                Some((i + 2, 2, Some(1)))
            }
            "query" | "query_as" | "query_scalar" | "raw_sql"
                if i >= 3
                    && is_punct(tokens.get(i - 1), ':')
                    && is_punct(tokens.get(i - 2), ':')
                    && tokens.get(i - 3).and_then(ident) == Some("sqlx") =>
            {
                // Skip a turbofish: `query_as::<_, Row>(`.
                let mut open = i + 1;
                if is_punct(tokens.get(open), ':') && is_punct(tokens.get(open + 2), '<') {
                    let mut angle = 0;
                    for (k, t) in tokens.iter().enumerate().skip(open + 2) {
                        match t.tok {
                            Tok::Punct('<') => angle += 1,
                            Tok::Punct('>') => angle -= 1,
                            _ => {}
                        }
                        if angle == 0 {
                            open = k + 1;
                            break;
                        }
                    }
                }
                is_punct(tokens.get(open), '(').then_some((open, 0, None))
            }
            _ => None,
        };
        let Some((open, index, angle_arg)) = call else {
            continue;
        };
        let args = call_args(&tokens, open, angle_arg);
        let Some(arg) = args.get(index) else {
            problems.push(format!(
                "{path}:{}: a call without its SQL argument",
                t.line
            ));
            continue;
        };
        let source = match (arg.first(), arg.last()) {
            (Some(a), Some(z)) => &src[a.start..z.end],
            _ => "",
        };
        match evaluate(arg, &consts) {
            Text::Sql(sql) => {
                let target = ENGINE_SPECIFIC
                    .iter()
                    .find(|(fragment, _)| sql.contains(fragment))
                    .map(|(_, e)| *e)
                    .or_else(|| engine_of_enclosing_fn(&tokens, i))
                    .map_or(Target::Both, Target::Only);
                found.push(Statement {
                    at: format!("{path}:{}", t.line),
                    sql,
                    target,
                });
            }
            Text::Meta => {}
            Text::Dynamic => {
                if !DYNAMIC
                    .iter()
                    .any(|(file, fragment)| path.ends_with(file) && source.contains(fragment))
                {
                    problems.push(format!(
                        "{path}:{}: SQL built at run time, which this test cannot read: `{source}` \
                         (use a literal, a const, or format! of consts; or list it in DYNAMIC)",
                        t.line
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every statement of `crates/core/src`.
fn statements_of_the_source() -> Vec<Statement> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let sources: Vec<(String, String)> = files
        .into_iter()
        .filter(|p| !SKIPPED_FILES.iter().any(|s| p.ends_with(s)))
        .map(|p| {
            let src = std::fs::read_to_string(&p).unwrap();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            (rel, src)
        })
        .collect();
    // Consts of the whole tree; a name given two values is left out (each
    // file still sees its own).
    let mut tree: HashMap<String, Option<String>> = HashMap::new();
    for (_, src) in &sources {
        for (name, value) in string_consts(&lex(src).unwrap_or_default()) {
            tree.entry(name)
                .and_modify(|v| {
                    if v.as_ref() != Some(&value) {
                        *v = None;
                    }
                })
                .or_insert(Some(value));
        }
    }
    let tree: HashMap<String, String> = tree
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    let mut all = Vec::new();
    let mut problems = Vec::new();
    for (path, src) in &sources {
        match extract(path, src, &tree) {
            Ok(found) => all.extend(found),
            Err(p) => problems.extend(p),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    all
}

/// Prepare each statement meant for `db`'s engine: the failures, readably.
async fn prepare_all(db: &Db, statements: &[Statement]) -> Vec<String> {
    use sqlx::Executor;
    let mut failures = Vec::new();
    for s in statements {
        if let Target::Only(e) = s.target
            && e != db.engine()
        {
            continue;
        }
        let r = match db {
            Db::Sqlite(p) => {
                let mut c = p.acquire().await.unwrap();
                c.prepare(s.sql.as_str()).await.map(|_| ())
            }
            Db::Postgres(p) => {
                let mut c = p.acquire().await.unwrap();
                prepare_postgres(&mut c, &s.sql).await
            }
        };
        if let Err(e) = r {
            failures.push(format!(
                "{} ({:?}): {e}\n    {}",
                s.at,
                db.engine(),
                s.sql.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    failures
}

/// Prepare on PostgreSQL. Without the bound values' types, PostgreSQL
/// cannot type a parameter first met in `$1 IS NULL` ("could not determine
/// data type of parameter $1"), which the running code never meets: such a
/// parameter is given, in turn, the types the stores bind (text, bigint,
/// boolean) until one prepares — a statement fails only when none does.
async fn prepare_postgres(c: &mut sqlx::PgConnection, sql: &str) -> Result<(), sqlx::Error> {
    use sqlx::{
        Executor,
        postgres::{PgTypeInfo, types::Oid},
    };
    const GUESSES: [&str; 3] = ["text", "int8", "bool"];
    let mut types: Vec<PgTypeInfo> = Vec::new();
    let mut tried: HashMap<usize, usize> = HashMap::new();
    let mut last_guessed = None;
    for _ in 0..64 {
        let error = match c.prepare_with(sql, &types).await {
            Ok(_) => return Ok(()),
            Err(e) => e,
        };
        let untyped = error
            .to_string()
            .split("could not determine data type of parameter $")
            .nth(1)
            .and_then(|rest| {
                rest.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
                    .parse::<usize>()
                    .ok()
            });
        // The parameter to guess: the untyped one, or else the one last
        // guessed (its guess made another error).
        let Some(n) = untyped.or(last_guessed) else {
            return Err(error);
        };
        let next = tried.entry(n).or_insert(0);
        if *next >= GUESSES.len() || n == 0 {
            return Err(error);
        }
        if types.len() < n {
            types.resize(n, PgTypeInfo::with_oid(Oid(0)));
        }
        types[n - 1] = PgTypeInfo::with_name(GUESSES[*next]);
        *next += 1;
        last_guessed = Some(n);
    }
    Err(sqlx::Error::Protocol(format!(
        "could not type the parameters of {sql}"
    )))
}

// proves: OPS-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_statement_of_the_source_prepares_on_both_engines() {
    let statements = statements_of_the_source();
    // The extractor really reads the stores: a few statements it must see.
    assert!(
        statements.len() > 100,
        "only {} statements",
        statements.len()
    );
    for fragment in [
        "INSERT INTO outbox",
        "FROM users WHERE email_lower = $1",
        "INSERT INTO job_leases",
        "FROM audit_events e",
    ] {
        assert!(
            statements.iter().any(|s| s.sql.contains(fragment)),
            "no statement has `{fragment}`"
        );
    }
    for (fragment, engine) in ENGINE_SPECIFIC {
        assert!(
            statements
                .iter()
                .any(|s| s.sql.contains(fragment) && s.target == Target::Only(*engine)),
            "ENGINE_SPECIFIC lists `{fragment}`, which no statement has any more"
        );
    }
    assert!(
        statements
            .iter()
            .any(|s| s.target == Target::Only(Engine::Postgres)),
        "the PostgreSQL-only statements (a function taking a PgPool) are not seen"
    );

    let (_sqlite_db, sqlite) = migrated(Engine::Sqlite).await.expect("SQLite");
    let mut failures = prepare_all(&sqlite, &statements).await;
    if let Some((_pg_db, postgres)) = migrated(Engine::Postgres).await {
        failures.extend(prepare_all(&postgres, &statements).await);
    }
    assert!(
        failures.is_empty(),
        "{} statement(s) do not prepare:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The extractor finds each form a store writes, and a broken statement
/// fails preparation on each engine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_extractor_reads_every_form_and_broken_statements_fail() {
    let src = r####"
        const COLUMNS: &str = "name, holder, \
                               expires_at";
        const WHERE: &'static str = "name = $1";
        // sql!(c, execute, "SELECT commented_out")
        /* sql!(c, execute, "SELECT /* nested */ commented_out") */
        pub async fn a(c: Conn<'_>, who: &str) -> Result<()> {
            let _ = '"'; let _ = '\''; let _: &'static str = "x";
            sql!(c, execute, "DELETE FROM job_leases WHERE name = $1", who)?;
            sql!(c, fetch_all as (String, String), r#"SELECT name, holder FROM job_leases WHERE holder = 'x'"#)?;
            sql!(c, fetch_optional scalar Option<i64>, &format!("SELECT expires_at FROM job_leases WHERE {WHERE}"), format!("user:{who}"))?;
            sql!(c.reborrow(), fetch_one as HashMap<String, i64>, &format!("SELECT {} FROM job_leases", COLUMNS))?;
            sql!(c, fetch_all as Row, &format!("SELECT {COLUMNS} FROM job_leases WHERE holder <> '{{}}'"))?;
            sql!(c, execute, "SELEC broken FROM job_leases")?;
            sql!(c, execute, "SELECT no_such_column FROM job_leases")?;
            sql!(c, execute, "SELECT 1 FROM no_such_table")?;
            Ok(())
        }
        pub async fn b(pool: &sqlx::PgPool) -> Result<()> {
            sqlx::query_as::<_, (String,)>("SELECT name FROM job_leases FOR UPDATE SKIP LOCKED").fetch_all(pool).await?;
            Ok(())
        }
        fn c(conn: &mut sqlx::SqliteConnection) {
            let _ = sqlx::query("SELECT json_valid($1)");
            let _ = sqlx::raw_sql(b"SELECT 1");
        }
        macro_rules! m { ($sql:expr) => { ::sqlx::query($sql) } }
    "####;
    let got = extract("x.rs", src, &HashMap::new()).unwrap();
    let sqls: Vec<(&str, Target)> = got.iter().map(|s| (s.sql.as_str(), s.target)).collect();
    let both = Target::Both;
    assert_eq!(
        sqls,
        [
            ("DELETE FROM job_leases WHERE name = $1", both),
            (
                "SELECT name, holder FROM job_leases WHERE holder = 'x'",
                both
            ),
            ("SELECT expires_at FROM job_leases WHERE name = $1", both),
            ("SELECT name, holder, expires_at FROM job_leases", both),
            (
                "SELECT name, holder, expires_at FROM job_leases WHERE holder <> '{}'",
                both
            ),
            ("SELEC broken FROM job_leases", both),
            ("SELECT no_such_column FROM job_leases", both),
            ("SELECT 1 FROM no_such_table", both),
            (
                "SELECT name FROM job_leases FOR UPDATE SKIP LOCKED",
                Target::Only(Engine::Postgres)
            ),
            ("SELECT json_valid($1)", Target::Only(Engine::Sqlite)),
            ("SELECT 1", Target::Only(Engine::Sqlite)),
        ]
    );
    assert_eq!(got[0].at, "x.rs:9");

    // SQL made from a local value cannot be checked: it is reported.
    let err = extract(
        "y.rs",
        "fn f(c: Conn<'_>, t: &str) { sql!(c, execute, &format!(\"DELETE FROM {t}\")); }",
        &HashMap::new(),
    )
    .unwrap_err();
    assert!(
        err[0].starts_with("y.rs:1: SQL built at run time"),
        "{err:?}"
    );
    // A const of another file is found through the tree's consts.
    let tree = HashMap::from([("ELSEWHERE".to_string(), "SELECT 2".to_string())]);
    let got = extract("z.rs", "fn f() { sql!(c, execute, ELSEWHERE); }", &tree).unwrap();
    assert_eq!(got[0].sql, "SELECT 2");

    // Preparing: the three broken statements fail on each engine, and
    // nothing else does (the PostgreSQL-only one is not tried on SQLite).
    let all = extract("x.rs", src, &HashMap::new()).unwrap();
    let (_s, sqlite) = migrated(Engine::Sqlite).await.expect("SQLite");
    let failures = prepare_all(&sqlite, &all).await;
    assert_eq!(failures.len(), 3, "{failures:#?}");
    for (f, what) in failures
        .iter()
        .zip(["SELEC", "no_such_column", "no_such_table"])
    {
        let error = f.lines().next().unwrap();
        assert!(error.contains(what), "{f}");
    }
    if let Some((_p, postgres)) = migrated(Engine::Postgres).await {
        let failures = prepare_all(&postgres, &all).await;
        assert_eq!(failures.len(), 3, "{failures:#?}");
        for (f, what) in failures
            .iter()
            .zip(["SELEC", "no_such_column", "no_such_table"])
        {
            let error = f.lines().next().unwrap();
            assert!(error.contains(what), "{f}");
        }
    }
}
