//! The configuration: `guichet.toml`, then `GUICHET_*` variables, then
//! command-line flags (the binary layers them). Every key is documented in
//! `guichet.example.toml`; an unknown key is a start-up error naming it.
//! Secrets are `SecretString`: `Debug` and logs show `[REDACTED]`.

use std::{path::PathBuf, time::Duration};

use secrecy::SecretString;
use serde::Deserialize;

use crate::db::PoolSettings;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address `guichet serve` listens on.
    pub listen: String,
    /// Folder for the SQLite database and the file outbox.
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://…`; default: SQLite in `data_dir`.
    /// Secret because it may carry a password.
    pub database_url: Option<SecretString>,
    /// The address customers reach the console at; links in mail use it, and
    /// an `https` URL makes cookies `Secure`.
    pub public_url: String,
    /// The provider's time zone: business dates (expiry, due dates) are
    /// calendar dates there.
    pub timezone: String,
    /// Language of mail and pages when nothing else says (en, fr, de, it).
    pub default_language: String,
    /// The provider's name, shown in pages and mail.
    pub provider_name: String,
    /// Country (ISO 3166-1 alpha-2) of new personal organisations.
    pub default_country: String,
    /// Currency of new organisations: CHF or EUR.
    pub default_currency: String,
    pub database: DatabaseConfig,
    pub http: HttpConfig,
    pub log: LogConfig,
    pub mail: MailConfig,
    pub outbox: OutboxConfig,
    pub jobs: JobsConfig,
    pub accounts: AccountsConfig,
    /// Newsletter topics users can switch on or off (ACC-5).
    pub newsletter_topics: Vec<NewsletterTopicConfig>,
    /// Receivers of webhook events (CAT-3).
    pub webhooks: Vec<WebhookEndpoint>,
    /// `[billing]`: the seller, accounts, number series, payment terms,
    /// VAT rates and place-of-supply rules (docs/billing.md).
    pub billing: crate::billing::settings::BillingSettings,
    /// `[payments]`: the gateway, its credentials, holds and reminders
    /// (docs/payments.md).
    pub payments: crate::payments::settings::PaymentsSettings,
    /// `[catalog]`: the file the catalogue is read from (docs/catalog.md).
    pub catalog: crate::catalog::CatalogSettings,
    /// `[renewals]`: when renewal invoices, charges, notices and the
    /// steps of expiry happen (docs/renewals.md).
    pub renewals: crate::renewals::RenewalSettings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./guichet-data"),
            database_url: None,
            public_url: "http://127.0.0.1:8080".into(),
            timezone: "Europe/Zurich".into(),
            default_language: "en".into(),
            provider_name: "Guichet".into(),
            default_country: "CH".into(),
            default_currency: "CHF".into(),
            database: DatabaseConfig::default(),
            http: HttpConfig::default(),
            log: LogConfig::default(),
            mail: MailConfig::default(),
            outbox: OutboxConfig::default(),
            jobs: JobsConfig::default(),
            accounts: AccountsConfig::default(),
            newsletter_topics: default_topics(),
            webhooks: Vec::new(),
            billing: Default::default(),
            payments: Default::default(),
            catalog: Default::default(),
            renewals: Default::default(),
        }
    }
}

impl Config {
    /// The database URL in effect: the configured one, else SQLite in the
    /// data folder.
    pub fn effective_database_url(&self) -> String {
        use secrecy::ExposeSecret;
        match &self.database_url {
            Some(url) => url.expose_secret().to_string(),
            None => format!("sqlite://{}", self.data_dir.join("guichet.db").display()),
        }
    }

    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.database.max_connections,
            acquire_timeout: Duration::from_millis(self.database.acquire_timeout_ms),
            busy_timeout: Duration::from_millis(self.database.busy_timeout_ms),
            sqlite_cache_mib: self.database.sqlite_cache_mib,
        }
    }

    /// Check what serde cannot: values that parse but make no sense.
    pub fn validate(&self) -> Result<(), String> {
        use secrecy::ExposeSecret;
        self.timezone_parsed()?;
        if let Err(problems) = self.billing.validate() {
            return Err(format!("billing: {}", problems.join("; ")));
        }
        if let Err(problems) = self.payments.validate() {
            return Err(problems.join("; "));
        }
        if let Err(problems) = self.renewals.validate() {
            return Err(format!("renewals: {}", problems.join("; ")));
        }
        if crate::i18n::Lang::parse(&self.default_language).is_none() {
            return Err(format!(
                "default_language: `{}` is not one of en, fr, de, it",
                self.default_language
            ));
        }
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err("public_url must start with http:// or https://".into());
        }
        if !(self.default_currency == "CHF" || self.default_currency == "EUR") {
            return Err(format!(
                "default_currency: `{}` is not CHF or EUR",
                self.default_currency
            ));
        }
        if self.default_country.len() != 2
            || !self.default_country.bytes().all(|b| b.is_ascii_uppercase())
        {
            return Err(format!(
                "default_country: `{}` is not a two-letter country code like CH",
                self.default_country
            ));
        }
        if self.http.header_read_timeout_secs == 0 || self.http.idle_timeout_secs == 0 {
            return Err(
                "http: header_read_timeout_secs and idle_timeout_secs must be at least 1".into(),
            );
        }
        if self
            .http
            .metrics_token
            .as_ref()
            .is_some_and(|t| t.expose_secret().len() < 16)
        {
            return Err("http.metrics_token must be at least 16 characters".into());
        }
        if self.database.max_connections == 0 {
            return Err("database.max_connections must be at least 1".into());
        }
        if self.outbox.max_attempts == 0 {
            return Err("outbox.max_attempts must be at least 1".into());
        }
        if self.outbox.base_delay_secs == 0 {
            return Err("outbox.base_delay_secs must be at least 1".into());
        }
        if self.outbox.max_delay_secs < self.outbox.base_delay_secs {
            return Err("outbox.max_delay_secs must be at least outbox.base_delay_secs".into());
        }
        if self.mail.transport == MailTransportKind::Smtp && self.mail.smtp.host.is_empty() {
            return Err("mail.smtp.host is required when mail.transport = \"smtp\"".into());
        }
        if self.accounts.session_idle_minutes == 0 || self.accounts.session_absolute_hours == 0 {
            return Err("accounts: session timeouts must be at least 1".into());
        }
        for t in &self.newsletter_topics {
            if t.id.is_empty()
                || !t
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(format!(
                    "newsletter_topics: id `{}` must be lower-case letters, digits and dashes",
                    t.id
                ));
            }
            if !t.names.contains_key("en") {
                return Err(format!(
                    "newsletter_topics: `{}` needs at least an English name (names.en)",
                    t.id
                ));
            }
        }
        for (i, w) in self.webhooks.iter().enumerate() {
            // Outbox rows name their endpoint: a name must say which one.
            if self.webhooks[..i].iter().any(|o| o.name == w.name) {
                return Err(format!("webhooks: the name `{}` is used twice", w.name));
            }
            if !(w.url.starts_with("http://") || w.url.starts_with("https://")) {
                return Err(format!(
                    "webhooks: `{}` has an url that is not http(s)",
                    w.name
                ));
            }
        }
        Ok(())
    }

    pub fn timezone_parsed(&self) -> Result<jiff::tz::TimeZone, String> {
        jiff::tz::TimeZone::get(&self.timezone)
            .map_err(|e| format!("timezone `{}`: {e}", self.timezone))
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    pub max_connections: u32,
    pub acquire_timeout_ms: u64,
    pub busy_timeout_ms: u64,
    /// SQLite: each connection's page cache at most, in MiB.
    pub sqlite_cache_mib: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            max_connections: 16,
            // Fail fast in an outage (503 within a second, so a load
            // balancer reacts); a healthy pool lends in microseconds.
            acquire_timeout_ms: 1_000,
            busy_timeout_ms: 10_000,
            // SQLite's own default is 2 MiB: a bulk write's indexes
            // outgrow it and spill (guichet.example.toml).
            sqlite_cache_mib: 16,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// Largest request body accepted; larger ones get 413.
    pub body_limit_bytes: usize,
    /// A request that takes longer is answered 503.
    pub request_timeout_secs: u64,
    /// A client must send a request's whole head (request line and
    /// headers) within this time, counted from when the connection waits
    /// for it, else the connection is closed: half-sent requests do not
    /// hold connections open.
    pub header_read_timeout_secs: u64,
    /// A connection with no request in flight for this long is closed.
    /// Above the usual 60 s keep-alive of load balancers, so that the
    /// balancer, not Guichet, closes the connections it keeps.
    pub idle_timeout_secs: u64,
    /// The bearer token `/metrics` asks for; without one `/metrics` is
    /// off (404).
    pub metrics_token: Option<SecretString>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            body_limit_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            header_read_timeout_secs: 10,
            idle_timeout_secs: 75,
            metrics_token: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub format: LogFormat,
    /// A tracing filter, e.g. `info,guichet_web=debug`.
    pub filter: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Text,
            filter: "info".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum MailTransportKind {
    /// `.eml` files in `<data_dir>/outbox/` (development).
    #[default]
    File,
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    pub transport: MailTransportKind,
    /// The `From:` of every mail, e.g. `Example Hosting <no-reply@example.com>`;
    /// a bare address is shown with `provider_name` as its name.
    pub from: String,
    /// The `Reply-To:` of every mail, if replies should go elsewhere than
    /// `from` (e.g. the support desk); a bare address gets `provider_name`.
    pub reply_to: Option<String>,
    pub smtp: SmtpConfig,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            transport: MailTransportKind::File,
            from: "no-reply@localhost".into(),
            reply_to: None,
            smtp: SmtpConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// No encryption: only for a relay on the same host or a test server.
    Plain,
    /// Connect in clear, then upgrade with STARTTLS (required).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpConfig {
    pub host: String,
    /// Default: 25 for plain, 587 for STARTTLS, 465 for TLS.
    pub port: Option<u16>,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    pub timeout_secs: u64,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: None,
            security: SmtpSecurity::Starttls,
            username: None,
            password: None,
            timeout_secs: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxConfig {
    /// Deliver a message right after the transaction that wrote it commits
    /// (ADR 0009), on instances running jobs; the `outbox.deliver` sweep
    /// stays the fallback.
    pub deliver_at_once: bool,
    /// After this many failed tries a message is marked dead.
    pub max_attempts: u32,
    /// First retry delay; doubled after each failure, up to `max_delay_secs`.
    pub base_delay_secs: u64,
    pub max_delay_secs: u64,
    /// Messages delivered per batch.
    pub batch_size: u32,
    /// Webhook request timeout.
    pub webhook_timeout_secs: u64,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            deliver_at_once: true,
            max_attempts: 12,
            base_delay_secs: 30,
            max_delay_secs: 6 * 3600,
            batch_size: 50,
            webhook_timeout_secs: 15,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// Whether `guichet serve` runs the scheduler (turn off on instances
    /// that should only answer requests).
    pub enabled: bool,
    /// Seconds between two ticks of the scheduler.
    pub tick_secs: u64,
    /// How long a sweep's lease lasts; another instance may take over a
    /// sweep whose holder died after this.
    pub lease_secs: u64,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            tick_secs: 15,
            lease_secs: 300,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    /// A console session unused this long ends (ASVS: 30 minutes).
    pub session_idle_minutes: u64,
    /// A console session ends this long after sign-in, used or not.
    pub session_absolute_hours: u64,
    /// Validity of the link that verifies a new address.
    pub verification_link_hours: u64,
    /// Validity of a password-reset link.
    pub reset_link_minutes: u64,
    /// Validity of the link, mailed when the recovery address changes, that
    /// puts the old one back (ACC-3).
    pub undo_link_hours: u64,
    /// Validity of a staff account's setup link.
    pub staff_setup_link_hours: u64,
    /// API tokens unused this long are deactivated.
    pub token_inactivity_days: u64,
    /// Password hashes computed at once (each takes 19 MiB and one core for
    /// some tens of milliseconds). Default: the number of cores.
    pub hashing_concurrency: usize,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        Self {
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            verification_link_hours: 24,
            reset_link_minutes: 60,
            undo_link_hours: 168,
            staff_setup_link_hours: 72,
            token_inactivity_days: 365,
            hashing_concurrency: 0,
        }
    }
}

impl AccountsConfig {
    pub fn idle_ms(&self) -> i64 {
        i64::try_from(self.session_idle_minutes.saturating_mul(60_000)).unwrap_or(i64::MAX / 4)
    }
    pub fn reset_link_ms(&self) -> i64 {
        i64::try_from(self.reset_link_minutes.saturating_mul(60_000)).unwrap_or(i64::MAX / 4)
    }
    pub fn absolute_ms(&self) -> i64 {
        i64::try_from(self.session_absolute_hours.saturating_mul(3_600_000)).unwrap_or(i64::MAX / 4)
    }
    pub fn hashing_permits(&self) -> usize {
        if self.hashing_concurrency > 0 {
            self.hashing_concurrency
        } else {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        }
    }
}

/// One newsletter topic: an id and its name per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsletterTopicConfig {
    pub id: String,
    /// Names by language code (`en` required; others fall back to it).
    pub names: std::collections::BTreeMap<String, String>,
}

impl NewsletterTopicConfig {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        self.names
            .get(lang.code())
            .or_else(|| self.names.get("en"))
            .map_or(self.id.as_str(), String::as_str)
    }
}

fn default_topics() -> Vec<NewsletterTopicConfig> {
    let topic = |id: &str, names: [(&str, &str); 4]| NewsletterTopicConfig {
        id: id.into(),
        names: names
            .into_iter()
            .map(|(l, n)| (l.to_string(), n.to_string()))
            .collect(),
    };
    vec![
        topic(
            "product-news",
            [
                ("en", "Product news"),
                ("fr", "Nouveautés produits"),
                ("de", "Produktneuheiten"),
                ("it", "Novità sui prodotti"),
            ],
        ),
        topic(
            "offers",
            [
                ("en", "Offers and promotions"),
                ("fr", "Offres et promotions"),
                ("de", "Angebote und Aktionen"),
                ("it", "Offerte e promozioni"),
            ],
        ),
        topic(
            "maintenance",
            [
                ("en", "Planned maintenance"),
                ("fr", "Maintenances planifiées"),
                ("de", "Geplante Wartungen"),
                ("it", "Manutenzioni programmate"),
            ],
        ),
    ]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpoint {
    /// A short name for logs and the outbox, e.g. `provisioning`.
    pub name: String,
    pub url: String,
    /// The receiver's secret for the HMAC-SHA256 signature.
    pub secret: SecretString,
    /// Event types sent there (`*` for all).
    #[serde(default = "all_events")]
    pub events: Vec<String>,
    /// Product events (CAT-3) of these product kinds only (`domain`,
    /// `web_hosting`, …); empty: every kind. A provider's registrar
    /// gateway and its hosting platform each get their own.
    #[serde(default)]
    pub product_kinds: Vec<String>,
}

fn all_events() -> Vec<String> {
    vec!["*".into()]
}

impl WebhookEndpoint {
    pub fn wants(&self, event_type: &str) -> bool {
        self.events.iter().any(|e| e == "*" || e == event_type)
    }

    /// Whether a product event of `kind` goes there.
    pub fn wants_kind(&self, kind: &str) -> bool {
        self.product_kinds.is_empty() || self.product_kinds.iter().any(|k| k == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug() {
        let c = Config {
            database_url: Some(SecretString::from("postgres://u:hunter2@db/x")),
            mail: MailConfig {
                smtp: SmtpConfig {
                    password: Some(SecretString::from("smtp-pass")),
                    ..Default::default()
                },
                ..Default::default()
            },
            webhooks: vec![WebhookEndpoint {
                name: "p".into(),
                url: "https://x".into(),
                secret: SecretString::from("whsec"),
                events: all_events(),
                product_kinds: Vec::new(),
            }],
            ..Default::default()
        };
        let shown = format!("{c:?}");
        for secret in ["hunter2", "smtp-pass", "whsec"] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
        assert!(shown.contains("REDACTED"));
    }

    #[test]
    fn an_outage_fails_fast_by_default() {
        // proves: OPS-4 (issue 9: requests and /readyz waited 5-10 s for
        // their 503 while PostgreSQL was down)
        let pool = Config::default().pool_settings();
        assert!(pool.acquire_timeout <= Duration::from_secs(1), "{pool:?}");
    }

    #[test]
    fn defaults_are_valid() {
        Config::default().validate().unwrap();
        assert_eq!(
            Config::default().effective_database_url(),
            "sqlite://./guichet-data/guichet.db"
        );
    }
}
