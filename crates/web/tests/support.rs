//! In-process requests on the real router (`tower::ServiceExt::oneshot`),
//! and a small answer type that reads the body once.

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use guichet_core::{config::Config, testing::TestApp};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The whole application on the test's database.
pub fn router(app: &TestApp) -> Router {
    guichet_web::router(guichet_web::AppState::new(app.ctx.clone()))
}

/// The whole application on the test's database, its configuration
/// `adjust`ed (an https public URL, a metrics token, a small body limit).
pub fn router_with(app: &TestApp, adjust: impl FnOnce(&mut Config)) -> Router {
    let mut ctx = app.ctx.clone();
    let mut config = (*ctx.config).clone();
    adjust(&mut config);
    ctx.config = std::sync::Arc::new(config);
    guichet_web::router(guichet_web::AppState::new(ctx))
}

/// The token `/metrics` asks for in the tests that configure one.
pub const METRICS_TOKEN: &str = "metrics-token-for-tests-0123456789";

/// `/metrics` read the way Prometheus does, with the configured token.
pub async fn scrape(app: &TestApp) -> Answer {
    let router = router_with(app, |c| {
        c.http.metrics_token = Some(METRICS_TOKEN.into());
    });
    let bearer = format!("Bearer {METRICS_TOKEN}");
    send_to(router, get("/metrics", &[("authorization", &bearer)])).await
}

/// A GET on `uri` with extra headers.
pub fn get(uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.body(Body::empty()).unwrap()
}

/// A status, headers and the whole body.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("an ASCII header"))
            .unwrap_or_default()
    }

    pub fn content_type(&self) -> &str {
        self.header(header::CONTENT_TYPE)
    }
}

/// Send one request to `router` and read the whole answer.
pub async fn send_to(router: Router, req: Request<Body>) -> Answer {
    let res = router.oneshot(req).await.expect("infallible service");
    let (parts, body) = res.into_parts();
    let body = body.collect().await.expect("a readable body").to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: body.to_vec(),
    }
}

/// Send one request to the application.
pub async fn send(app: &TestApp, req: Request<Body>) -> Answer {
    send_to(router(app), req).await
}
