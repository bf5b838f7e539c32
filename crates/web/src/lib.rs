//! Guichet's HTTP front doors: the JSON API under `/api` and the console.
//! Both are thin: they extract the actor and the input, call one service
//! function of guichet-core, and render the answer. Web knows nothing of
//! SQL.

pub mod api;
pub mod auth;
pub mod console;
pub mod observe;
pub mod ops;
pub mod path_ids;
pub mod security_headers;
pub mod server;
pub mod staff;

use std::{sync::Arc, time::Duration};

use axum::{Router, extract::DefaultBodyLimit, middleware, routing::get};
use guichet_core::{Ctx, Error};
use metrics_exporter_prometheus::PrometheusHandle;

/// What every handler gets. Behind one `Arc`: extractors and layers clone
/// the state several times per request, and a clone is then one atomic
/// increment instead of one per shared resource of the context.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub ctx: Ctx,
    pub metrics: PrometheusHandle,
}

impl AppState {
    pub fn new(ctx: Ctx) -> Self {
        Self(Arc::new(Shared {
            ctx,
            metrics: ops::prometheus(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The whole application: API, console, operations endpoints and the
/// layers every request passes (request id, log span, time limit, metrics:
/// [`observe`]; then [`security_headers`]).
pub fn router(state: AppState) -> Router {
    let http = &state.ctx.config.http;
    let https = state.ctx.config.secure_cookies();
    let csp = security_headers::content_security_policy(&state.ctx.gateways.page_origins());
    let api = api::v1(&state).layer(DefaultBodyLimit::max(http.body_limit_bytes));
    // Console answers (and the fallback, for unknown paths) become pages in
    // the visitor's language; API answers are envelopes already and skip
    // that layer.
    let console = console::routes(&state)
        .fallback(console::errors::not_found)
        .layer(DefaultBodyLimit::max(http.body_limit_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            console::errors::render_error_pages,
        ));

    // Without a token `/metrics` is off: an unknown path like any other.
    let metrics = match &http.metrics_token {
        Some(_) => Router::new().route("/metrics", get(ops::metrics)),
        None => Router::new(),
    };
    let mut app = Router::new();
    if let Some(sandbox) = sandbox_gateway(&state.ctx.config) {
        app = app.nest_service(SANDBOX_GATEWAY_MOUNT, sandbox);
    }
    app.nest("/api/1", api.clone())
        // API-2: a path without a version is served by the latest version.
        .nest("/api", api)
        .route("/api/{*rest}", get(api_not_found).fallback(api_not_found))
        .route("/api", get(api_not_found).fallback(api_not_found))
        // `{*rest}` does not match an empty rest: without this `/api/` would
        // fall through to the console's HTML 404.
        .route("/api/", get(api_not_found).fallback(api_not_found))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .merge(metrics)
        .merge(staff::routes(&state))
        .merge(console)
        .layer(observe::ObserveLayer::new(Duration::from_secs(
            http.request_timeout_secs.max(1),
        )))
        // Outermost, so that every answer carries them, the observer's
        // own (a timed-out request's 503) included.
        .layer(middleware::map_response(move |res| {
            security_headers::add(res, https, csp.clone())
        }))
        .with_state(state)
}

/// Where `guichet serve` mounts the sandbox gateway (the default of
/// `payments.sandbox.url` is `{public_url}` followed by this).
pub const SANDBOX_GATEWAY_MOUNT: &str = "/sandbox-gateway";

/// Where the mounted sandbox posts its notifications: Guichet's endpoint
/// for the sandbox gateway's notifications.
pub const SANDBOX_NOTIFICATIONS_PATH: &str = "/api/1/payments/notifications/sandbox";

/// BIL-3: the sandbox gateway, for demos, when it is the gateway and
/// mounting is on. Mounted, it is still a remote provider: Guichet speaks
/// to it over HTTP like to any other, and it sits behind the same layers
/// (security headers) as every page.
fn sandbox_gateway(config: &guichet_core::config::Config) -> Option<Router> {
    use secrecy::ExposeSecret as _;
    let payments = &config.payments;
    if payments.gateway != "sandbox" || !payments.sandbox.mount {
        return None;
    }
    let public_url = config.public_url.trim_end_matches('/');
    let (router, _) = sandbox_gateway::router(sandbox_gateway::Config {
        api_key: payments.sandbox.api_key.expose_secret().to_owned(),
        webhook_secret: payments.sandbox.webhook_secret.expose_secret().to_owned(),
        notify_url: Some(format!("{public_url}{SANDBOX_NOTIFICATIONS_PATH}")),
        public_url: format!("{public_url}{SANDBOX_GATEWAY_MOUNT}"),
        delay: sandbox_gateway::DEFAULT_DELAY,
    });
    Some(router)
}

/// The path as logged: the secret of an invitation link
/// (`/invitations/{secret}…`, in the API and the console) is replaced by
/// `…`. Invitation ids under `/orgs/{id}/invitations/` are no secrets.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    let segments: Vec<&str> = path.split('/').collect();
    let Some(i) = segments.iter().position(|s| *s == "invitations") else {
        return path.into();
    };
    if segments[..i].contains(&"orgs") || i + 1 >= segments.len() {
        return path.into();
    }
    let mut hidden = segments;
    hidden[i + 1] = "…";
    hidden.join("/").into()
}

/// Unknown API path: 404 in the envelope (never an HTML page).
async fn api_not_found() -> api::ApiError {
    api::ApiError(Error::NotFound)
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn invitation_secrets_stay_out_of_the_logs() {
        for (path, logged) in [
            (
                "/api/1/invitations/s3cret/accept",
                "/api/1/invitations/…/accept",
            ),
            ("/api/invitations/s3cret", "/api/invitations/…"),
            ("/invitations/s3cret", "/invitations/…"),
            (
                "/api/1/orgs/org_1/invitations/inv_1",
                "/api/1/orgs/org_1/invitations/inv_1",
            ),
            (
                "/api/1/orgs/org_1/invitations",
                "/api/1/orgs/org_1/invitations",
            ),
            ("/api/1/profile", "/api/1/profile"),
        ] {
            assert_eq!(loggable_path(path), logged, "{path}");
        }
    }
}
