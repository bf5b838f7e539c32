//! The sandbox's objects (payments, refunds, stored methods), the test
//! cards and what each one does, and the in-memory store.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    RequiresAction,
    Processing,
    Succeeded,
    Failed,
    Cancelled,
}

impl Status {
    pub fn is_final(self) -> bool {
        matches!(self, Status::Succeeded | Status::Failed | Status::Cancelled)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Postfinance,
    Paypal,
    Twint,
}

impl Method {
    /// PostFinance Card and Twint are Swiss: francs only.
    pub fn francs_only(self) -> bool {
        matches!(self, Method::Postfinance | Method::Twint)
    }

    /// What can be kept for off-session charges.
    pub fn storable(self) -> bool {
        matches!(self, Method::Card | Method::Twint)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "CHF")]
    Chf,
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Chf => "CHF",
            Currency::Eur => "EUR",
        }
    }
}

/// What a test card does when the customer pays with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Succeeds,
    Declines {
        code: &'static str,
        message: &'static str,
    },
    /// 3-D Secure: the customer completes or fails a challenge first.
    Challenge,
    /// Processing at once; succeeded (and notified) after the delay.
    Delayed,
    /// Succeeds; every refund of the payment fails.
    RefundsFail,
    /// Succeeds on the hosted page; once stored, off-session charges are
    /// declined (a card blocked since, the renewal that fails).
    SavedDeclines,
}

/// A test card: what the hosted page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestCard {
    pub number: &'static str,
    pub brand: &'static str,
    /// What the hosted page says of it.
    pub label: &'static str,
    pub outcome: Outcome,
}

const DECLINED: Outcome = Outcome::Declines {
    code: "card_declined",
    message: "The card was declined.",
};

/// The cards of the hosted page, in the order shown.
pub const TEST_CARDS: &[TestCard] = &[
    TestCard {
        number: "4242424242424242",
        brand: "visa",
        label: "Visa: succeeds",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "5555555555554444",
        brand: "mastercard",
        label: "Mastercard: succeeds",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "4000002500001001",
        brand: "cb",
        label: "CB (Cartes Bancaires): succeeds",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "4000000000000002",
        brand: "visa",
        label: "Declined (card_declined)",
        outcome: DECLINED,
    },
    TestCard {
        number: "4000000000009995",
        brand: "visa",
        label: "Insufficient funds (insufficient_funds)",
        outcome: Outcome::Declines {
            code: "insufficient_funds",
            message: "The card has insufficient funds.",
        },
    },
    TestCard {
        number: "4000000000000069",
        brand: "visa",
        label: "Expired card (expired_card)",
        outcome: Outcome::Declines {
            code: "expired_card",
            message: "The card has expired.",
        },
    },
    TestCard {
        number: "4000000000003220",
        brand: "visa",
        label: "3-D Secure: asks for a challenge",
        outcome: Outcome::Challenge,
    },
    TestCard {
        number: "4000000000000077",
        brand: "visa",
        label: "Succeeds, confirmed late (processing, then notified)",
        outcome: Outcome::Delayed,
    },
    TestCard {
        number: "4000000000005126",
        brand: "visa",
        label: "Succeeds; its refunds fail",
        outcome: Outcome::RefundsFail,
    },
    TestCard {
        number: "4000000000000341",
        brand: "visa",
        label: "Succeeds; later off-session charges are declined",
        outcome: Outcome::SavedDeclines,
    },
];

pub fn test_card(number: &str) -> Option<&'static TestCard> {
    TEST_CARDS.iter().find(|c| c.number == number)
}

/// A stored method as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredMethod {
    pub token: String,
    pub method: Method,
    pub brand: String,
    pub last4: Option<String>,
    pub exp_month: Option<u32>,
    pub exp_year: Option<i32>,
}

/// A payment object as the API answers it, with what only the sandbox
/// knows (skipped).
#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub id: String,
    pub status: Status,
    pub amount_minor: i64,
    pub currency: Currency,
    pub method: Method,
    pub description: String,
    /// The hosted page; `None` for off-session charges.
    pub redirect_url: Option<String>,
    pub captured_minor: Option<i64>,
    pub refunded_minor: i64,
    pub metadata: Value,
    pub stored_method: Option<StoredMethod>,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    #[serde(skip)]
    pub return_url: String,
    #[serde(skip)]
    pub save_method: bool,
    /// The card paid with (its refunds may fail).
    #[serde(skip)]
    pub card: Option<&'static TestCard>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Refund {
    pub id: String,
    pub status: RefundStatus,
    pub amount_minor: i64,
    pub currency: Currency,
    pub payment: String,
    pub metadata: Value,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
}

/// A stored method and what charging it does.
#[derive(Debug, Clone)]
pub struct MethodRecord {
    pub object: StoredMethod,
    pub card: Option<&'static TestCard>,
    pub removed: bool,
}

/// Which call an idempotency key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Payments,
    Charges,
    Refunds,
}

/// A key's first request body and the object it made.
#[derive(Debug, Clone)]
pub struct KeyUse {
    pub body: Value,
    pub object_id: String,
}

#[derive(Debug, Default)]
pub struct Store {
    pub payments: HashMap<String, Payment>,
    pub refunds: HashMap<String, Refund>,
    pub methods: HashMap<String, MethodRecord>,
    pub keys: HashMap<(Endpoint, String), KeyUse>,
    /// Every notification made: (signature header, body).
    pub notifications: Vec<(String, Vec<u8>)>,
}

/// `prefix_` and 24 random hex digits.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", hex::encode(rand::random::<[u8; 12]>()))
}

/// Seconds since the epoch (event times, signatures).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl Store {
    /// The method a succeeded payment keeps, when asked for and storable.
    fn store_method(&mut self, payment_id: &str) {
        let Some(p) = self.payments.get(payment_id) else {
            return;
        };
        if !p.save_method || !p.method.storable() || p.stored_method.is_some() {
            return;
        }
        let object = match (p.method, p.card) {
            (Method::Twint, _) => StoredMethod {
                token: new_id("sbxpm"),
                method: Method::Twint,
                brand: "twint".into(),
                last4: None,
                exp_month: None,
                exp_year: None,
            },
            (_, Some(card)) => StoredMethod {
                token: new_id("sbxpm"),
                method: Method::Card,
                brand: card.brand.into(),
                last4: Some(card.number[card.number.len() - 4..].into()),
                // A fixed expiry a few years ahead: far enough that no
                // test meets it, near enough to look like a real card.
                exp_month: Some(12),
                exp_year: Some(1970 + i32::try_from(unix_now() / 31_556_952).unwrap_or(56) + 4),
            },
            (_, None) => return,
        };
        let card = p.card;
        self.methods.insert(
            object.token.clone(),
            MethodRecord {
                object: object.clone(),
                card,
                removed: false,
            },
        );
        if let Some(p) = self.payments.get_mut(payment_id) {
            p.stored_method = Some(object);
        }
    }

    /// Capture the whole amount (and keep the method when asked). `None`
    /// when the payment was already final: nothing changed.
    pub fn succeed(&mut self, id: &str) -> Option<Payment> {
        let p = self.payments.get_mut(id)?;
        if p.status.is_final() {
            return None;
        }
        p.status = Status::Succeeded;
        p.captured_minor = Some(p.amount_minor);
        self.store_method(id);
        self.payments.get(id).cloned()
    }

    /// A final failure. `None` when already final.
    pub fn fail(&mut self, id: &str, code: &str, message: &str) -> Option<Payment> {
        let p = self.payments.get_mut(id)?;
        if p.status.is_final() {
            return None;
        }
        p.status = Status::Failed;
        p.failure_code = Some(code.into());
        p.failure_message = Some(message.into());
        Some(p.clone())
    }

    /// Given up. `None` when already final.
    pub fn cancel(&mut self, id: &str) -> Option<Payment> {
        let p = self.payments.get_mut(id)?;
        if p.status.is_final() {
            return None;
        }
        p.status = Status::Cancelled;
        Some(p.clone())
    }
}
