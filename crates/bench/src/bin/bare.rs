//! `bare DATABASE_URL ADDR`: the baseline of scripts/bench — a bare axum +
//! sqlx handler doing the work of `GET /api/1/profile` and nothing else:
//! hash the bearer token, one indexed join (token → user), the envelope.
//! No rate limit, no scopes, no expiry checks, no middleware.

use axum::{
    Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
};
use sha2::{Digest, Sha256};

#[derive(serde::Serialize, sqlx::FromRow)]
struct Profile {
    id: String,
    email: String,
    name: String,
    language: String,
    support_code: String,
    created_at: i64,
}

#[derive(Clone)]
enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

const QUERY: &str = "SELECT u.id, u.email, u.name, u.language, u.support_code, u.created_at
                     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1";

async fn profile(State(pool): State<Pool>, headers: HeaderMap) -> Response {
    let Some(token) = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let hash = hex::encode(Sha256::digest(token.as_bytes()));
    let row = match &pool {
        Pool::Sqlite(p) => {
            sqlx::query_as::<_, Profile>(QUERY)
                .bind(&hash)
                .fetch_optional(p)
                .await
        }
        Pool::Postgres(p) => {
            sqlx::query_as::<_, Profile>(QUERY)
                .bind(&hash)
                .fetch_optional(p)
                .await
        }
    };
    match row {
        Ok(Some(p)) => {
            axum::Json(serde_json::json!({"result": "success", "data": p})).into_response()
        }
        Ok(None) => StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, addr] = args.as_slice() else {
        anyhow::bail!("usage: bare DATABASE_URL ADDR");
    };
    // The same pool settings as Guichet's defaults (16 connections, the
    // same ping rule: guichet_core::db::ping_if_idle), for a fair
    // comparison.
    let pool = if url.starts_with("postgres") {
        Pool::Postgres(
            sqlx::postgres::PgPoolOptions::new()
                .test_before_acquire(false)
                .before_acquire(|conn, meta| Box::pin(guichet_core::db::ping_if_idle(conn, meta)))
                .max_connections(16)
                .connect(url)
                .await?,
        )
    } else {
        let opts: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
        let opts = opts
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
        Pool::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .test_before_acquire(false)
                .max_connections(16)
                .connect_with(opts)
                .await?,
        )
    };
    let app = Router::new()
        .route("/api/1/profile", get(profile))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
