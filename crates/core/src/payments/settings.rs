//! `[payments]`: which gateway takes card-like payments, its credentials,
//! how long a payment may stay in flight, and the reminder schedule
//! (docs/payments.md).

use secrecy::SecretString;
use serde::Deserialize;

/// The longest a customer may take on a gateway's page before the attempt
/// is asked about and, if still open, cancelled (the invoice is held
/// meanwhile).
pub const DEFAULT_HOLD_MINUTES: u32 = 30;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentsSettings {
    /// `sandbox` (the default: demos and tests, no real money), `stripe`,
    /// or `none` (bank transfer and prepaid only).
    pub gateway: String,
    /// Minutes a payment may stay in flight before the `payments.expire`
    /// sweep asks the gateway and cancels it.
    pub hold_minutes: u32,
    pub sandbox: SandboxSettings,
    pub stripe: StripeSettings,
    pub reminders: ReminderSettings,
}

impl Default for PaymentsSettings {
    fn default() -> Self {
        PaymentsSettings {
            gateway: "sandbox".into(),
            hold_minutes: DEFAULT_HOLD_MINUTES,
            sandbox: SandboxSettings::default(),
            stripe: StripeSettings::default(),
            reminders: ReminderSettings::default(),
        }
    }
}

/// The sandbox gateway (`guichet sandbox-gateway`, or mounted by `guichet
/// serve` under `/sandbox-gateway`). Guichet speaks to it over HTTP only.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SandboxSettings {
    /// Its base URL; empty: `{public_url}/sandbox-gateway`, the one
    /// `guichet serve` mounts.
    pub url: String,
    /// Whether `guichet serve` mounts the sandbox under `/sandbox-gateway`.
    pub mount: bool,
    /// The key Guichet sends it (Bearer).
    pub api_key: SecretString,
    /// The secret its notifications are signed with.
    pub webhook_secret: SecretString,
}

impl Default for SandboxSettings {
    fn default() -> Self {
        SandboxSettings {
            url: String::new(),
            mount: true,
            api_key: SecretString::from("sandbox_secret_key"),
            webhook_secret: SecretString::from("sandbox_webhook_secret"),
        }
    }
}

/// Stripe (PaymentIntents, SetupIntents, refunds, signed webhooks).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StripeSettings {
    /// `sk_live_…` or `sk_test_…`.
    pub secret_key: Option<SecretString>,
    /// `whsec_…`, from the webhook endpoint's page.
    pub webhook_secret: Option<SecretString>,
    /// Stripe's API; another only for a fake (localstripe in CI).
    pub api_base: String,
}

impl Default for StripeSettings {
    fn default() -> Self {
        StripeSettings {
            secret_key: None,
            webhook_secret: None,
            api_base: "https://api.stripe.com".into(),
        }
    }
}

/// The reminder schedule (BIL-5): each level is sent once, `after_days`
/// after the due date, with an optional fee.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderSettings {
    pub levels: Vec<ReminderLevel>,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            levels: vec![
                ReminderLevel {
                    after_days: 10,
                    fee: None,
                },
                ReminderLevel {
                    after_days: 20,
                    fee: None,
                },
                ReminderLevel {
                    after_days: 30,
                    fee: None,
                },
            ],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderLevel {
    /// Days after the due date.
    pub after_days: u32,
    /// A fee in the invoice's currency (`"20.00"`), invoiced with the
    /// reminder; none when left out.
    #[serde(default)]
    pub fee: Option<String>,
}

impl PaymentsSettings {
    /// What serde cannot check.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        match self.gateway.as_str() {
            "sandbox" | "none" => {}
            "stripe" => {
                if self.stripe.secret_key.is_none() || self.stripe.webhook_secret.is_none() {
                    problems.push(
                        "payments.stripe: secret_key and webhook_secret are required with gateway = \"stripe\"".into(),
                    );
                }
            }
            other => problems.push(format!(
                "payments.gateway: `{other}` is not one of sandbox, stripe, none"
            )),
        }
        if !(5..=24 * 60).contains(&self.hold_minutes) {
            problems.push("payments.hold_minutes: between 5 and 1440".into());
        }
        let mut last = 0;
        for (i, level) in self.reminders.levels.iter().enumerate() {
            if level.after_days <= last && i > 0 || level.after_days == 0 {
                problems.push(format!(
                    "payments.reminders.levels[{i}]: after_days must be above 0 and above the level before"
                ));
            }
            last = level.after_days;
            if let Some(fee) = &level.fee
                && !crate::money::Money::parse(fee, crate::money::Currency::Chf)
                    .is_ok_and(|m| m.amount_minor >= 0)
            {
                problems.push(format!(
                    "payments.reminders.levels[{i}].fee: `{fee}` is not an amount like \"20.00\""
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
