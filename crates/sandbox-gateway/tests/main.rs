//! The sandbox gateway from outside, over HTTP, as Guichet meets it: the
//! JSON API, the hosted page's every choice, and its signed notifications.
//! Each test names the SPEC rules it proves (`// proves: BIL-3`).
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

mod api;
mod hosted;
mod notifications;

use std::time::Duration;

use sandbox_gateway::{Config, Handle};
use serde_json::{Value, json};

pub const API_KEY: &str = "sk_sandbox_test";
pub const WEBHOOK_SECRET: &str = "whsec_sandbox_test";
pub const RETURN_URL: &str = "http://shop.test/payments/return";

pub fn config() -> Config {
    Config {
        api_key: API_KEY.into(),
        webhook_secret: WEBHOOK_SECRET.into(),
        notify_url: None,
        public_url: String::new(),
        delay: Duration::from_millis(300),
    }
}

/// A running sandbox and a client that does not follow redirects (the
/// tests read where the hosted page sends the customer).
pub struct Sandbox {
    pub base: String,
    pub handle: Handle,
    pub http: reqwest::Client,
}

pub async fn sandbox() -> Sandbox {
    sandbox_with(config()).await
}

pub async fn sandbox_with(config: Config) -> Sandbox {
    let (base, handle) = sandbox_gateway::spawn(config).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Sandbox { base, handle, http }
}

impl Sandbox {
    /// POST `body` to the API with the key and an optional idempotency key.
    pub async fn post(&self, path: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(API_KEY)
            .json(body);
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(API_KEY)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Start a payment; answers the payment object.
    pub async fn start(&self, method: &str, currency: &str, amount: i64, save: bool) -> Value {
        let key = format!("pay_{}", rand_suffix());
        let (status, p) = self
            .post(
                "/v1/payments",
                Some(&key),
                &json!({
                    "amount_minor": amount, "currency": currency, "method": method,
                    "description": "Invoice 2026-0001", "return_url": RETURN_URL,
                    "save_method": save, "language": "en",
                    "metadata": {"payment_id": key},
                }),
            )
            .await;
        assert_eq!(status, 200, "{p}");
        p
    }

    /// Post a form to a hosted-page path; answers the status and where it
    /// redirects.
    pub async fn form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, Option<String>) {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap();
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (res.status().as_u16(), location)
    }

    /// Choose on the hosted page of payment `id`.
    pub async fn choose(&self, id: &str, choice: &str) -> (u16, Option<String>) {
        self.form(&format!("/pay/{id}"), &[("choice", choice)])
            .await
    }

    pub async fn payment(&self, id: &str) -> Value {
        let (status, p) = self.get(&format!("/v1/payments/{id}")).await;
        assert_eq!(status, 200, "{p}");
        p
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// The notifications' bodies as JSON, in order.
    pub fn events(&self) -> Vec<Value> {
        self.handle
            .notifications()
            .iter()
            .map(|(_, body)| serde_json::from_slice(body).unwrap())
            .collect()
    }
}

pub fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{}", N.fetch_add(1, Ordering::Relaxed))
}

/// Where the customer is sent back after payment `id`.
pub fn returned(id: &str) -> Option<String> {
    Some(format!("{RETURN_URL}?sandbox_payment={id}"))
}
