//! Guichet's core: the rules of SPEC.md, their storage and their services.
//! It knows nothing of HTTP; the web crate and the binary are thin doors to
//! the service functions here.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod bank;
pub mod batch;
pub mod billing;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod i18n;
pub mod idempotency;
pub mod ids;
pub mod jobs;
pub mod money;
pub mod orgs;
pub mod outbox;
pub mod payments;
pub mod renewals;
pub mod security;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod tokens;

use std::sync::Arc;

pub use error::{Error, ErrorKind, FieldError, Result};

/// Everything a service function needs: the database, the clock, the
/// configuration and the shared resources built from it. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub db: db::Db,
    pub clock: Arc<dyn clock::Clock>,
    pub config: Arc<config::Config>,
    /// The provider's time zone (business dates).
    pub tz: jiff::tz::TimeZone,
    pub i18n: Arc<i18n::I18n>,
    pub mailer: Arc<outbox::Mailer>,
    /// Wakes this instance's outbox deliverer after a commit (ADR 0009).
    pub outbox_wake: outbox::Wake,
    /// Outgoing HTTP (webhooks), with the configured timeout.
    pub http: reqwest::Client,
    /// Password hashing off the request workers, bounded.
    pub hasher: accounts::password::Hasher,
    /// The API rate limit (API-3) kept in memory (SQLite).
    pub rate_limiter: Arc<tokens::ratelimit::RateLimiter>,
    /// API calls looked up (and on PostgreSQL counted) in batches (ADR 0007).
    pub token_calls: Arc<tokens::TokenCalls>,
    /// The invoice PDF's fonts, loaded once (BIL-2).
    pub fonts: Arc<billing::pdf::Fonts>,
    /// The payment gateways (BIL-3); tests put their own.
    pub gateways: Arc<payments::Gateways>,
    /// What the provider sells (CAT-1): read at start-up, replaced when
    /// staff publish a new version.
    pub catalog: Arc<catalog::Running>,
}

impl Ctx {
    pub fn new(
        config: config::Config,
        db: db::Db,
        clock: Arc<dyn clock::Clock>,
    ) -> std::result::Result<Ctx, String> {
        config.validate()?;
        let tz = config.timezone_parsed()?;
        let i18n = i18n::I18n::load()?;
        let mailer = outbox::Mailer::from_config(&config)?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(
                config.outbox.webhook_timeout_secs.max(1),
            ))
            .user_agent(concat!("Guichet/", env!("CARGO_PKG_VERSION")))
            // A followed 301/302 turns a webhook POST into a bodiless GET
            // that may answer 200: the event would count as delivered
            // without having arrived (CAT-3). A redirect is a failure.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("http client: {e}"))?;
        let hasher = accounts::password::Hasher::new(config.accounts.hashing_permits());
        let fonts = billing::pdf::Fonts::load(config.billing.fonts_dir.as_deref())
            .map_err(|e| format!("invoice fonts: {e}"))?;
        let gateways = payments::Gateways::from_config(&config, &http)?;
        let catalog = config.catalog.load()?;
        Ok(Ctx {
            catalog: Arc::new(catalog::Running::new(catalog)),
            gateways: Arc::new(gateways),
            fonts: Arc::new(fonts),
            hasher,
            rate_limiter: Arc::new(tokens::ratelimit::RateLimiter::default()),
            token_calls: Arc::default(),
            db,
            clock,
            config: Arc::new(config),
            tz,
            i18n: Arc::new(i18n),
            mailer: Arc::new(mailer),
            outbox_wake: outbox::Wake::default(),
            http,
        })
    }

    /// Today's business date in the provider's time zone.
    pub fn today(&self) -> jiff::civil::Date {
        clock::business_date(self.clock.now(), &self.tz)
    }
}
