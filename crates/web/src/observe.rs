//! What every request passes first (OPS-4): a request id, a log span, a
//! time limit, and its line in the metrics.
//!
//! One hand-written layer instead of four stacked ones (request id set and
//! propagated, trace span, timeout, metrics): axum applies router layers
//! route by route, so each layer costs every request a clone of the route
//! and a future of its own. Applied with `Router::layer`, this one runs
//! after routing and reads the route template (`MatchedPath`) itself; the
//! fallback (no route) is counted under `unmatched`, so that scanners cannot
//! blow up the number of series.

use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::{OnceLock, RwLock},
    task::{Context, Poll},
    time::{Duration, Instant},
};

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderName, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};
use guichet_core::Error;
use metrics::{Counter, Histogram};
use tower::{Layer, Service};
use tracing::Instrument;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request id sent by the client (or a proxy in front) is kept when it is
/// printable and at most this long; otherwise Guichet makes its own.
const MAX_INCOMING_ID: usize = 128;

#[derive(Clone)]
pub struct ObserveLayer {
    timeout: Duration,
}

impl ObserveLayer {
    /// `timeout`: a request still running after it answers 503
    /// `service_unavailable` (its work is dropped).
    pub fn new(timeout: Duration) -> Self {
        Self { timeout }
    }
}

impl<S> Layer<S> for ObserveLayer {
    type Service = Observe<S>;
    fn layer(&self, inner: S) -> Observe<S> {
        Observe {
            inner,
            timeout: self.timeout,
        }
    }
}

#[derive(Clone)]
pub struct Observe<S> {
    inner: S,
    timeout: Duration,
}

impl<S> Service<Request> for Observe<S>
where
    S: Service<Request, Response = Response, Error = std::convert::Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let start = Instant::now();
        let id = match req.headers().get(&REQUEST_ID) {
            Some(v) if acceptable_id(v) => v.clone(),
            _ => {
                let v = new_request_id();
                req.headers_mut().insert(REQUEST_ID, v.clone());
                v
            }
        };
        let method = req.method().clone();
        let route = req.extensions().get::<MatchedPath>().cloned();
        let is_api = req.uri().path().starts_with("/api/");
        // The path only: query strings may carry one-time tokens; so does
        // an invitation link's path (`loggable_path`).
        let span = tracing::info_span!(
            "request",
            method = %method,
            path = %crate::loggable_path(req.uri().path()),
            request_id = id.to_str().unwrap_or_default(),
        );
        let answer = {
            let _entered = span.enter();
            self.inner.call(req)
        };
        let timeout = self.timeout;
        Box::pin(
            async move {
                let mut res = match tokio::time::timeout(timeout, answer).await {
                    Ok(Ok(res)) => res,
                    Err(_) => timed_out(is_api, timeout),
                };
                res.headers_mut().insert(REQUEST_ID, id);
                let status = res.status();
                let elapsed = start.elapsed();
                http_metrics(&method, route.as_ref().map(MatchedPath::as_str), status)
                    .record(elapsed);
                if status.is_server_error() {
                    tracing::error!(
                        status = status.as_u16(),
                        latency_ms = elapsed.as_millis() as u64,
                        "request failed"
                    );
                } else {
                    tracing::debug!(
                        status = status.as_u16(),
                        latency_ms = elapsed.as_millis() as u64,
                        "request answered"
                    );
                }
                Ok(res)
            }
            .instrument(span),
        )
    }
}

fn acceptable_id(v: &HeaderValue) -> bool {
    v.len() <= MAX_INCOMING_ID && !v.is_empty() && v.to_str().is_ok()
}

/// A random (version 4) UUID, from the thread's generator: no system call
/// per request.
fn new_request_id() -> HeaderValue {
    let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
    let mut buf = uuid::Uuid::encode_buffer();
    HeaderValue::from_str(id.hyphenated().encode_lower(&mut buf))
        .unwrap_or_else(|_| HeaderValue::from_static("unknown"))
}

/// The answer to a request that ran past the time limit: the API's envelope,
/// or the console's status (the page itself is rendered by the console's
/// error layer, which is inside this one, so a plain 503 here).
fn timed_out(is_api: bool, after: Duration) -> Response {
    tracing::warn!(after_secs = after.as_secs(), "request timed out");
    if is_api {
        crate::api::ApiError(Error::Unavailable).into_response()
    } else {
        StatusCode::SERVICE_UNAVAILABLE.into_response()
    }
}

/// The handles of one (method, route, status) series, made once and kept:
/// recording is then two atomic updates, without building labels.
#[derive(Clone)]
struct Series {
    requests: Counter,
    duration: Histogram,
}

impl Series {
    fn record(&self, elapsed: Duration) {
        self.requests.increment(1);
        self.duration.record(elapsed.as_secs_f64());
    }
}

/// Per route template: the series seen for it, by method label and status
/// (a handful each, searched in order).
type SeriesByRoute = HashMap<String, Vec<(&'static str, StatusCode, Series)>>;

/// The `method` label: the standard methods by name, any other as
/// `other`. A client may send any token as a method; one series each
/// would let it grow `/metrics` (and this table) without bound.
fn method_label(method: &Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "OPTIONS" => "OPTIONS",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        _ => "other",
    }
}

fn series_table() -> &'static RwLock<SeriesByRoute> {
    static SERIES: OnceLock<RwLock<SeriesByRoute>> = OnceLock::new();
    SERIES.get_or_init(Default::default)
}

fn http_metrics(method: &Method, route: Option<&str>, status: StatusCode) -> Series {
    let series = series_table();
    let route = route.unwrap_or("unmatched");
    let method = method_label(method);
    let find = |map: &SeriesByRoute| {
        map.get(route).and_then(|v| {
            v.iter()
                .find(|(m, s, _)| *m == method && *s == status)
                .map(|(_, _, h)| h.clone())
        })
    };
    if let Some(h) = find(&series.read().unwrap_or_else(|p| p.into_inner())) {
        return h;
    }
    let mut map = series.write().unwrap_or_else(|p| p.into_inner());
    if let Some(h) = find(&map) {
        return h;
    }
    let labels = [
        ("method", method.to_string()),
        ("route", route.to_string()),
        ("status", status.as_str().to_string()),
    ];
    let h = Series {
        requests: metrics::counter!("guichet_http_requests_total", &labels),
        duration: metrics::histogram!("guichet_http_request_duration_seconds", &labels),
    };
    map.entry(route.to_string())
        .or_default()
        .push((method, status, h.clone()));
    h
}

#[cfg(test)]
mod tests {
    use axum::{Router, body::Body, routing::get};
    use tower::ServiceExt;

    use super::*;

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }

    fn app() -> Router {
        Router::new()
            .route("/api/1/slow", get(slow))
            .route("/slow", get(slow))
            .layer(ObserveLayer::new(Duration::from_millis(50)))
    }

    async fn call(path: &str) -> Response {
        app()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_request_past_the_time_limit_answers_503() {
        let res = call("/api/1/slow").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"]["code"], "service_unavailable");

        let res = call("/slow").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(res.headers().contains_key("x-request-id"));
    }

    #[test]
    fn request_ids_are_fresh_uuids_and_odd_incoming_ones_are_replaced() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b);
        let a = a.to_str().unwrap();
        assert_eq!(a.len(), 36);
        assert_eq!(uuid::Uuid::parse_str(a).unwrap().get_version_num(), 4);

        assert!(acceptable_id(&HeaderValue::from_static("abc")));
        assert!(!acceptable_id(&HeaderValue::from_static("")));
        let long = "x".repeat(MAX_INCOMING_ID + 1);
        assert!(!acceptable_id(&HeaderValue::from_str(&long).unwrap()));
        assert!(!acceptable_id(
            &HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap()
        ));
    }

    #[test]
    fn series_handles_are_made_once_per_method_route_and_status() {
        let get = |status| http_metrics(&Method::GET, Some("/test/route"), status);
        get(StatusCode::OK).record(Duration::from_millis(1));
        get(StatusCode::OK).record(Duration::from_millis(1));
        get(StatusCode::NOT_FOUND).record(Duration::from_millis(1));
        http_metrics(&Method::POST, Some("/test/route"), StatusCode::OK);
        http_metrics(&Method::GET, None, StatusCode::NOT_FOUND);
        let map = series_table().read().unwrap();
        assert_eq!(map["/test/route"].len(), 3);
        assert!(map.contains_key("unmatched"));
    }
}
