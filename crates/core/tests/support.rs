//! Helpers shared by the test modules: a context with another configuration
//! on the test's database and clock, outbox readers, and a webhook receiver.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, StatusCode, header::LOCATION},
    routing::any,
};
use guichet_core::{
    Ctx,
    clock::Clock,
    config::{Config, WebhookEndpoint},
    outbox::store::{self, OutboxRow},
    testing::TestApp,
};
use secrecy::SecretString;

/// A context on `app`'s database and clock with an adjusted configuration,
/// for tests that need webhook endpoints or another mail transport while
/// keeping the harness (fresh database per engine, invariants after).
pub fn reconfigure(app: &TestApp, adjust: impl FnOnce(&mut Config)) -> Ctx {
    let mut config = (*app.ctx.config).clone();
    adjust(&mut config);
    Ctx::new(
        config,
        app.ctx.db.clone(),
        Arc::new(app.clock.clone()) as Arc<dyn Clock>,
    )
    .expect("context")
}

pub fn endpoint(name: &str, url: &str, secret: &str) -> WebhookEndpoint {
    WebhookEndpoint {
        name: name.into(),
        url: url.into(),
        secret: SecretString::from(secret),
        events: vec!["*".into()],
        product_kinds: Vec::new(),
    }
}

/// Every outbox row of `kind`, oldest first.
pub async fn rows(ctx: &Ctx, kind: &str) -> Vec<OutboxRow> {
    let mut c = ctx.db.acquire().await.unwrap();
    store::list(c.conn(), Some(kind)).await.unwrap()
}

/// The one outbox row of `kind`.
pub async fn only_row(ctx: &Ctx, kind: &str) -> OutboxRow {
    let mut all = rows(ctx, kind).await;
    assert_eq!(all.len(), 1, "expected one {kind} row: {all:#?}");
    all.remove(0)
}

/// A port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// One request a [`Receiver`] got.
#[derive(Debug, Clone)]
pub struct Hit {
    pub method: Method,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Hit {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .unwrap()
    }
}

struct ReceiverState {
    hits: Mutex<Vec<Hit>>,
    /// The first this many requests are answered 500.
    fail_first: usize,
    /// Time taken to answer, so that concurrent deliverers overlap.
    delay: Duration,
}

/// A webhook receiver on `127.0.0.1:0` that records every request to
/// `/hook` (and answers `/moved` with a redirect there); it lives as long as
/// the test's runtime.
pub struct Receiver {
    pub url: String,
    state: Arc<ReceiverState>,
}

impl Receiver {
    pub async fn start(fail_first: usize, delay: Duration) -> Receiver {
        let state = Arc::new(ReceiverState {
            hits: Mutex::default(),
            fail_first,
            delay,
        });
        let app = Router::new()
            .route("/hook", any(receive))
            .route(
                "/moved",
                any(|| async { (StatusCode::MOVED_PERMANENTLY, [(LOCATION, "/hook")]) }),
            )
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver {
            url: format!("http://{addr}/hook"),
            state,
        }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().unwrap().clone()
    }
}

async fn receive(
    State(state): State<Arc<ReceiverState>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    tokio::time::sleep(state.delay).await;
    let mut hits = state.hits.lock().unwrap();
    hits.push(Hit {
        method,
        headers,
        body,
    });
    if hits.len() <= state.fail_first {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}
