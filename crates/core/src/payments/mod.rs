//! Payments (BIL-3..BIL-6): paying invoices through a gateway or from the
//! prepaid account, top-ups, stored methods, refunds and reminders.
//!
//! The ledger (in `billing`) holds the money; this area holds the attempts
//! and the once-only keys around it (ADR 0012): a payment in flight holds
//! its invoice, a capture is settled by one conditional update, every
//! gateway event is taken once, a refund never exceeds its payment.
//! docs/payments.md tells it as a customer and an operator read it.

pub mod gateway;
pub mod pay;
pub mod read;
pub mod refunds;
pub mod reminders;
pub mod sandbox;
pub mod settings;
pub mod settle;
pub mod store;
pub mod stripe;
pub mod views;

use std::sync::Arc;

pub use gateway::{Gateway, GatewayMethod};
pub use pay::{PayInput, TopUpInput};
pub use refunds::RefundInput;
pub use views::{PaymentMethodView, PaymentView, RefundView};

use crate::{Ctx, config::Config};

/// Payments' sweeps: attempts and refunds the gateway left unanswered,
/// and the reminders.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    let mut all = vec![crate::jobs::Sweep {
        name: "payments.expire",
        every: std::time::Duration::from_secs(60),
        run: |ctx: &Ctx| Box::pin(settle::expire(ctx)),
        per_instance: false,
    }];
    all.extend(reminders::sweeps());
    all
}

/// The gateways this instance speaks to: the one that takes new payments,
/// and by name every one that may still notify (a provider switched from
/// the sandbox to Stripe still hears about the sandbox's last payments).
#[derive(Debug, Clone, Default)]
pub struct Gateways {
    active: Option<Arc<dyn Gateway>>,
    all: Vec<Arc<dyn Gateway>>,
}

impl Gateways {
    /// From `[payments]`.
    pub fn from_config(config: &Config, http: &reqwest::Client) -> Result<Gateways, String> {
        let payments = &config.payments;
        match payments.gateway.as_str() {
            "sandbox" => {
                let settings = &payments.sandbox;
                // Empty: the sandbox `guichet serve` mounts on itself.
                let url = if settings.url.is_empty() {
                    format!(
                        "{}/sandbox-gateway",
                        config.public_url.trim_end_matches('/')
                    )
                } else {
                    settings.url.clone()
                };
                let sandbox = sandbox::SandboxGateway::new(url, settings, http.clone());
                Ok(Gateways::new(Some(Arc::new(sandbox)), Vec::new()))
            }
            "stripe" => {
                let stripe = stripe::StripeGateway::from_settings(&payments.stripe, http)?;
                Ok(Gateways::new(Some(Arc::new(stripe)), Vec::new()))
            }
            _ => Ok(Gateways::default()),
        }
    }

    /// Gateways set by hand (tests, the sandbox's own tests).
    pub fn new(active: Option<Arc<dyn Gateway>>, others: Vec<Arc<dyn Gateway>>) -> Gateways {
        let mut all = others;
        if let Some(a) = &active {
            all.insert(0, a.clone());
        }
        Gateways { active, all }
    }

    /// The gateway new payments go through, if any.
    pub fn active(&self) -> Option<&Arc<dyn Gateway>> {
        self.active.as_ref()
    }

    /// Where the active gateway's payment pages are (see
    /// [`Gateway::page_origins`]).
    pub fn page_origins(&self) -> Vec<String> {
        self.active
            .as_ref()
            .map(|g| g.page_origins())
            .unwrap_or_default()
    }

    /// Whether a console form may send the browser to `url` at once: it
    /// opens one of the active gateway's pages, or is on `public_url`.
    pub fn opens_gateway_page(&self, url: &str, public_url: &str) -> bool {
        let Some(origin) = gateway::origin_of(url) else {
            return false;
        };
        gateway::origin_of(public_url).as_deref() == Some(origin.as_str())
            || self.page_origins().contains(&origin)
    }

    /// A gateway by its name (notifications name theirs in the URL).
    pub fn by_name(&self, name: &str) -> Option<&Arc<dyn Gateway>> {
        self.all.iter().find(|g| g.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_goes_straight_only_to_the_gateway_s_pages_or_home() {
        let sandbox = sandbox::SandboxGateway::new(
            "https://pay.example/sandbox-gateway".into(),
            &settings::SandboxSettings::default(),
            reqwest::Client::new(),
        );
        let gateways = Gateways::new(Some(Arc::new(sandbox)), Vec::new());
        let home = "https://guichet.example";
        assert_eq!(gateways.page_origins(), vec!["https://pay.example"]);
        assert!(gateways.opens_gateway_page("https://pay.example/sandbox-gateway/pay/p_1", home));
        assert!(gateways.opens_gateway_page("https://guichet.example/orgs/o/payments/p", home));
        assert!(!gateways.opens_gateway_page("https://paypal.example/checkout", home));
        assert!(!gateways.opens_gateway_page("http://pay.example/sandbox-gateway/pay/p_1", home));
        assert!(!Gateways::default().opens_gateway_page("https://pay.example/x", home));
    }
}
