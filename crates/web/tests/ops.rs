//! Operations endpoints (OPS-4): health, readiness, Prometheus metrics, and
//! how the service behaves while its database is away.

use std::{sync::Arc, time::Duration};

use axum::{Router, extract::State, http::StatusCode, middleware, routing::get};
use guichet_core::{config::Config, db::Engine, testing::TestApp};
use guichet_web::{
    AppState,
    api::{ApiError, ApiOk},
    console::errors::{PageError, render_error_pages},
};
use serde_json::json;

use crate::support::{get as get_req, scrape, send, send_to};

// proves: OPS-4
#[tokio::test]
async fn healthz_answers_without_the_database() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let res = send(&app, get_req("/healthz", &[])).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text(), "ok");
}

// proves: OPS-4
async fn readyz_names_the_engine(app: Arc<TestApp>) {
    let res = send(&app, get_req("/readyz", &[])).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "application/json");
    let database = match app.engine() {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };
    assert_eq!(res.json(), json!({"status": "ready", "database": database}));
}
guichet_core::both_engines!(readyz_names_the_engine);

/// The sample lines of one metric family (`name{…} value`).
fn samples<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']))
        .collect()
}

// proves: OPS-4
async fn metrics_count_requests_by_route_and_status(app: Arc<TestApp>) {
    send(&app, get_req("/healthz", &[])).await;
    send(&app, get_req("/api/1/openapi.json", &[])).await;
    send(&app, get_req("/api/1/no-such-thing", &[])).await;
    send(&app, get_req("/scanner-probe-4711.php", &[])).await;

    let res = scrape(&app).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.content_type().starts_with("text/plain"),
        "{}",
        res.content_type()
    );
    let text = res.text();

    let requests = samples(&text, "guichet_http_requests_total");
    let has = |route: &str, status: &str| {
        requests.iter().any(|l| {
            l.contains(&format!(r#"route="{route}""#))
                && l.contains(&format!(r#"status="{status}""#))
        })
    };
    assert!(has("/healthz", "200"), "{requests:#?}");
    // A nested API route is labelled with its whole template.
    assert!(has("/api/1/openapi.json", "200"), "{requests:#?}");
    assert!(has("/api/{*rest}", "404"), "{requests:#?}");
    // Unmatched paths share one label: a scanner cannot create series.
    assert!(has("unmatched", "404"), "{requests:#?}");
    assert!(
        !text.contains("scanner-probe-4711"),
        "a raw path became a label"
    );

    assert!(
        !samples(&text, "guichet_http_request_duration_seconds_bucket").is_empty()
            || !samples(&text, "guichet_http_request_duration_seconds").is_empty(),
        "request latencies are measured"
    );
    let backlog = samples(&text, "guichet_outbox_backlog");
    assert_eq!(backlog.len(), 1, "{text}");
}
guichet_core::both_engines!(metrics_count_requests_by_route_and_status);

/// An API route and a console page that need the database. No real route
/// touches the database yet, so these stand in for them, wired the way the
/// application wires its own (the envelope for the API, the HTML error
/// layer for the console).
fn routes_needing_the_database(state: AppState) -> Router {
    async fn api(State(state): State<AppState>) -> Result<ApiOk<&'static str>, ApiError> {
        state.ctx.db.ping().await?;
        Ok(ApiOk::ok("database answered"))
    }
    async fn page(State(state): State<AppState>) -> Result<&'static str, PageError> {
        state.ctx.db.ping().await?;
        Ok("database answered")
    }
    Router::new()
        .route("/api/1/needs-db", get(api))
        .route("/needs-db", get(page))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render_error_pages,
        ))
        .with_state(state)
}

/// Run one statement on the test server as its administrator.
async fn admin(sql: &str) {
    use sqlx::Connection;
    let url = guichet_core::testing::postgres_admin_url().unwrap();
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// A PostgreSQL test app whose database can be taken away and given back,
/// with the default acquire timeout (short, so that an outage fails fast).
struct Outage {
    app: TestApp,
    name: String,
}

impl Outage {
    async fn app() -> Option<Outage> {
        if guichet_core::testing::postgres_admin_url().is_none() {
            guichet_core::testing::skip("database outage test: it needs PostgreSQL");
            return None;
        }
        let app = TestApp::with_config(Engine::Postgres, |c| {
            c.database.acquire_timeout_ms = Config::default().database.acquire_timeout_ms;
        })
        .await?;
        let name = app
            .db
            .url
            .rsplit('/')
            .next()?
            .split('?')
            .next()?
            .to_string();
        Some(Outage { app, name })
    }

    /// No new connections, and the open ones are cut.
    async fn begin(&self) {
        let name = &self.name;
        admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
        admin(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await;
    }

    async fn end(&self) {
        admin(&format!(
            "ALTER DATABASE {} ALLOW_CONNECTIONS true",
            self.name
        ))
        .await;
    }
}

// proves: OPS-4
/// The database goes away under a running service: readiness says so with
/// 503 (a load balancer takes the instance out), what does not need the
/// database goes on answering, and once the database is back readiness
/// recovers by itself, without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_makes_the_instance_unready_until_it_recovers() {
    let Some(outage) = Outage::app().await else {
        return;
    };
    let app = &outage.app;
    assert_eq!(
        send(app, get_req("/readyz", &[])).await.status,
        StatusCode::OK
    );

    outage.begin().await;
    let res = send(app, get_req("/readyz", &[])).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        res.json(),
        json!({"status": "unavailable", "database": "postgres"})
    );

    assert_eq!(
        send(app, get_req("/healthz", &[])).await.status,
        StatusCode::OK
    );
    assert_eq!(send(app, get_req("/", &[])).await.status, StatusCode::OK);
    // Metrics are still served (without the outbox backlog) so that the
    // outage can be watched.
    let res = scrape(app).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains("guichet_http_requests_total"));

    outage.end().await;
    let mut ready = false;
    for _ in 0..50 {
        if send(app, get_req("/readyz", &[])).await.status == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "readiness did not recover within 5 s");
}

// proves: OPS-4
/// During the same outage, a request that needs the database answers 503
/// `service_unavailable` (API) or the "temporarily unavailable" page
/// (console), never 500, and succeeds again once the database is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_needing_the_database_answer_503_during_an_outage() {
    let Some(outage) = Outage::app().await else {
        return;
    };
    let state = AppState::new(outage.app.ctx.clone());
    let routes = || routes_needing_the_database(state.clone());
    assert_eq!(
        send_to(routes(), get_req("/api/1/needs-db", &[]))
            .await
            .status,
        StatusCode::OK
    );

    outage.begin().await;
    let res = send_to(routes(), get_req("/api/1/needs-db", &[])).await;
    outage.end().await;
    assert_eq!(
        res.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        res.text()
    );
    assert_eq!(res.json()["error"]["code"], "service_unavailable");

    outage.begin().await;
    let res = send_to(routes(), get_req("/needs-db", &[("accept-language", "fr")])).await;
    outage.end().await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        res.content_type().starts_with("text/html"),
        "{}",
        res.content_type()
    );
    assert!(
        res.text().contains("Momentanément indisponible"),
        "{}",
        res.text()
    );

    let mut answered = false;
    for _ in 0..50 {
        if send_to(routes(), get_req("/api/1/needs-db", &[]))
            .await
            .status
            == StatusCode::OK
        {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answered, "the API did not recover within 5 s");
}
