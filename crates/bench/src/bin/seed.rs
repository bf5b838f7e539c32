//! `seed DATABASE_URL USERS TOKENS_FILE`: make USERS verified users, each
//! with a personal organisation and one API token (all scopes), straight in
//! the database (hashing 50,000 passwords through the service would take
//! half an hour). Every user's password is `bench-password-1234`. Tokens
//! are written to TOKENS_FILE, one per line; the users' addresses to
//! TOKENS_FILE.emails.
//!
//! Tokens are seeded as recently used, as tokens of busy integrations are:
//! the measurement is of the steady state, not of each token's first call.

use std::io::Write;

use anyhow::Context;
use guichet_core::{
    accounts::hash_secret,
    db::{Db, PoolSettings},
    sql,
    tokens::{new_api_token, token_display_prefix},
};

pub const PASSWORD: &str = "bench-password-1234";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, users, file] = args.as_slice() else {
        anyhow::bail!("usage: seed DATABASE_URL USERS TOKENS_FILE");
    };
    let users: usize = users.parse().context("USERS")?;
    let db = Db::connect(url, &PoolSettings::default())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    db.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let hasher = guichet_core::accounts::password::Hasher::new(1);
    let password_hash = hasher
        .hash(PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as i64;
    let scopes = guichet_core::access::Scope::ALL
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut tokens = std::io::BufWriter::new(std::fs::File::create(file)?);
    let mut emails = std::io::BufWriter::new(std::fs::File::create(format!("{file}.emails"))?);
    let batch = 1000;
    for start in (0..users).step_by(batch) {
        let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
        for i in start..(start + batch).min(users) {
            let uid = format!("usr_bench{i:021}");
            let oid = format!("org_bench{i:021}");
            let email = format!("user{i}@bench.example");
            sql!(tx.conn(), execute,
                "INSERT INTO users (id, email, email_lower, email_verified_at, password_hash, name, language, support_code, created_at, updated_at)
                 VALUES ($1, $2, $2, $3, $4, $5, 'en', $6, $3, $3)",
                &uid, &email, now, &password_hash, format!("Bench User {i}"), format!("{:08}", 10_000_000 + i))?;
            sql!(tx.conn(), execute,
                "INSERT INTO orgs (id, name, kind, country, language, currency, created_at, updated_at)
                 VALUES ($1, $2, 'individual', 'CH', 'en', 'CHF', $3, $3)",
                &oid, format!("Bench User {i}"), now)?;
            sql!(
                tx.conn(),
                execute,
                "INSERT INTO members (org_id, user_id, role, created_at) VALUES ($1, $2, 'legal_representative', $3)",
                &oid,
                &uid,
                now
            )?;
            let token = new_api_token();
            sql!(tx.conn(), execute,
                "INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, scopes, created_at, last_used_at)
                 VALUES ($1, $2, 'bench', $3, $4, $5, $6, $6)",
                format!("tok_bench{i:021}"), &uid, token_display_prefix(&token), hash_secret(&token), &scopes, now)?;
            writeln!(tokens, "{token}")?;
            writeln!(emails, "{email}")?;
        }
        tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    tokens.flush()?;
    emails.flush()?;
    eprintln!("seeded {users} users with tokens");
    Ok(())
}
