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

    /// A gateway by its name (notifications name theirs in the URL).
    pub fn by_name(&self, name: &str) -> Option<&Arc<dyn Gateway>> {
        self.all.iter().find(|g| g.name() == name)
    }
}
