//! Notifications: every change of a payment or a refund becomes a signed
//! event, queued (for tests) and posted to the notify URL, retried with
//! backoff like a real provider's webhooks.

use std::{sync::Arc, time::Duration};

use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::json;

use crate::{
    Shared,
    model::{Store, new_id, unix_now},
};

/// The header carrying an event's signature.
pub const SIGNATURE_HEADER: &str = "Sandbox-Signature";

/// Waits before the retries of a delivery that did not get a 2xx.
const RETRY_WAITS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(4),
    Duration::from_secs(16),
];

/// `t=<unix s>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`: the receiver
/// checks both the body and its time (replays).
pub fn sign(secret: &[u8], t: i64, body: &[u8]) -> String {
    // HMAC takes keys of any length: this cannot fail.
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

impl Shared {
    /// Make the event `kind` of `object`, queue it and send it.
    pub fn notify(&self, store: &mut Store, kind: &str, object: &impl Serialize) {
        let created = unix_now();
        let event = json!({
            "id": new_id("evt"),
            "type": kind,
            "created": created,
            "data": object,
        });
        let body = event.to_string().into_bytes();
        let signature = sign(self.config.webhook_secret.as_bytes(), created, &body);
        store.notifications.push((signature.clone(), body.clone()));
        if let Some(url) = &self.config.notify_url {
            tokio::spawn(deliver(self.http.clone(), url.clone(), signature, body));
        }
    }
}

/// Post one event until a 2xx, at most four times.
async fn deliver(http: reqwest::Client, url: String, signature: String, body: Vec<u8>) {
    let mut waits = RETRY_WAITS.iter();
    loop {
        let answer = http
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, &signature)
            .body(body.clone())
            .send()
            .await;
        match answer {
            Ok(a) if a.status().is_success() => return,
            Ok(a) => tracing::warn!(status = %a.status(), %url, "notification refused"),
            Err(e) => tracing::warn!(error = %e, %url, "notification not delivered"),
        }
        let Some(wait) = waits.next() else {
            tracing::error!(%url, "notification given up after retries");
            return;
        };
        tokio::time::sleep(*wait).await;
    }
}

/// The delayed card: succeed after the configured delay, unless the
/// payment was decided meanwhile.
pub fn confirm_later(shared: &Arc<Shared>, id: String) {
    let shared = shared.clone();
    tokio::spawn(async move {
        tokio::time::sleep(shared.config.delay).await;
        let mut store = shared.store();
        // Cancelled meanwhile: nothing to confirm.
        let still_processing = store
            .payments
            .get(&id)
            .is_some_and(|p| p.status == crate::model::Status::Processing);
        if still_processing && let Some(p) = store.succeed(&id) {
            shared.notify(&mut store, "payment.succeeded", &p);
        }
    });
}
