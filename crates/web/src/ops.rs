//! Operations endpoints (OPS-4): `/healthz` (the process is up), `/readyz`
//! (the database answers), `/metrics` (Prometheus text).

use std::sync::OnceLock;

use axum::{
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

/// The process is up. Does not touch the database.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The process is up", body = String)))]
pub async fn healthz() -> &'static str {
    "ok"
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ready` or `unavailable`.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
}

/// The database answers one round trip. 503 while it does not: a load
/// balancer takes the instance out until it recovers.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, description = "Ready", body = Readiness),
    (status = 503, description = "The database does not answer", body = Readiness)))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    let database = match state.ctx.db.engine() {
        guichet_core::db::Engine::Sqlite => "sqlite",
        guichet_core::db::Engine::Postgres => "postgres",
    };
    match state.ctx.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(Readiness {
                status: "ready",
                database,
            }),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(Readiness {
                    status: "unavailable",
                    database,
                }),
            )
                .into_response()
        }
    }
}

/// The process-wide Prometheus recorder, installed once (several apps in one
/// test process share it).
pub fn prometheus() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("seconds".into()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                        10.0,
                    ],
                )
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder is installed (a test harness);
            // then this handle renders what this recorder saw, i.e. nothing.
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            handle
        })
        .clone()
}

/// Prometheus text: request counts and latencies by route and status, job
/// runs, outbox backlog (read at scrape time).
pub async fn metrics(State(state): State<AppState>) -> Response {
    let backlog = async {
        let mut c = state.ctx.db.acquire().await?;
        guichet_core::outbox::store::backlog(c.conn()).await
    };
    match backlog.await {
        Ok(n) => metrics::gauge!("guichet_outbox_backlog").set(n as f64),
        Err(e) => tracing::warn!(error = %e, "outbox backlog unavailable for metrics"),
    }
    let mut r = state.metrics.render().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}
