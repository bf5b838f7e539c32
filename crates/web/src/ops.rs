//! Operations endpoints (OPS-4): `/healthz` (the process is up), `/readyz`
//! (the database answers), `/metrics` (Prometheus text, for the holder of
//! `http.metrics_token` only: it tells the load and paths of the service).

use std::sync::OnceLock;

use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use serde::Serialize;
use subtle::ConstantTimeEq;
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
/// runs, outbox backlog (read at scrape time). Routed only when a token is
/// configured (else `/metrics` is an unknown path, 404); answered only to
/// `Authorization: Bearer <token>`, else 401.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !scraper_authorized(&state, &headers) {
        let mut r = StatusCode::UNAUTHORIZED.into_response();
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return r;
    }
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

/// The request carries the configured metrics token. Compared in constant
/// time, so that the answer's timing does not tell how much of a guess was
/// right.
fn scraper_authorized(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = &state.ctx.config.http.metrics_token else {
        return false;
    };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    sent.as_bytes()
        .ct_eq(token.expose_secret().as_bytes())
        .into()
}

/// Health and readiness for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(healthz, readyz,), components(schemas(Readiness,)))]
pub struct Api;
