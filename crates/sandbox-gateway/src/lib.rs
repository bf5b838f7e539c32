//! A fake payment service provider, shaped like Stripe or Datatrans, for
//! Guichet's tests and demos (BIL-3: "a sandbox gateway ships for tests and
//! demos"). Guichet speaks to it only over HTTP, as to a remote provider:
//! this crate shares no code with Guichet, not even the signature scheme.
//!
//! - `/v1/…`: the JSON API (Bearer key): payments, off-session charges,
//!   cancel, refunds, stored methods ([`api`]).
//! - `/pay/{id}`: the hosted page the customer is sent to, with test cards,
//!   3-D Secure, PostFinance, Twint and PayPal ([`page`]).
//! - Signed notifications of every change, queued for
//!   [`Handle::notifications`] and posted to [`Config::notify_url`]
//!   ([`notify`]).
//!
//! State lives in memory only: a restart forgets everything.

mod api;
mod model;
mod notify;
mod page;

use std::{
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use axum::Router;

pub use model::{Outcome, TEST_CARDS, TestCard};
pub use notify::{SIGNATURE_HEADER, sign};

/// The delay of the "delayed" card's notification unless told otherwise.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(2);

/// How the sandbox runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The key clients must send as `Authorization: Bearer …` on `/v1`.
    pub api_key: String,
    /// The secret notifications are signed with.
    pub webhook_secret: String,
    /// Where notifications are posted; `None`: only queued
    /// ([`Handle::notifications`]).
    pub notify_url: Option<String>,
    /// The sandbox's base URL as browsers see it (hosted-page links), e.g.
    /// `http://127.0.0.1:8080/sandbox-gateway`, without a trailing slash.
    pub public_url: String,
    /// How long the "delayed" card (`4000000000000077`) stays processing
    /// before its success is notified.
    pub delay: Duration,
}

/// A look into a running sandbox, for tests.
#[derive(Clone)]
pub struct Handle {
    shared: Arc<Shared>,
}

impl Handle {
    /// Every notification made so far, in order, as it would be sent:
    /// (signature header value, body bytes). Tests deliver them by hand,
    /// twice, late or reordered.
    pub fn notifications(&self) -> Vec<(String, Vec<u8>)> {
        self.shared.store().notifications.clone()
    }
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("public_url", &self.shared.config.public_url)
            .finish_non_exhaustive()
    }
}

/// What every handler shares.
struct Shared {
    config: Config,
    store: Mutex<model::Store>,
    /// Posts notifications.
    http: reqwest::Client,
}

impl Shared {
    /// The state; a handler that panicked while holding it left it whole
    /// (every change is made in one step), so a poisoned lock is taken as
    /// it is.
    fn store(&self) -> MutexGuard<'_, model::Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The sandbox's routes (`/v1/…`, `/pay/…`) and a handle on its state.
pub fn router(config: Config) -> (Router, Handle) {
    let mut config = config;
    while config.public_url.ends_with('/') {
        config.public_url.pop();
    }
    let shared = Arc::new(Shared {
        config,
        store: Mutex::new(model::Store::default()),
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default(),
    });
    let router = Router::new()
        .merge(api::routes(shared.clone()))
        .merge(page::routes(shared.clone()));
    (router, Handle { shared })
}

/// For tests: bind 127.0.0.1:0 and serve there; answers the base URL and
/// the handle. An empty `config.public_url` becomes the bound URL.
///
/// # Panics
/// When no local port can be bound (a test cannot go on anyway).
pub async fn spawn(config: Config) -> (String, Handle) {
    let mut config = config;
    #[expect(clippy::expect_used, reason = "a test helper: no port, no test")]
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    #[expect(clippy::expect_used, reason = "a bound listener has an address")]
    let addr = listener.local_addr().expect("local address");
    let base = format!("http://{addr}");
    if config.public_url.is_empty() {
        config.public_url = base.clone();
    }
    let (router, handle) = router(config);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::error!(error = %e, "the sandbox gateway stopped");
        }
    });
    (base, handle)
}
