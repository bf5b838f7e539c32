//! Webhook delivery (CAT-3): a JSON POST signed with HMAC-SHA256.
//!
//! Header `Guichet-Signature: t=<unix seconds>,v1=<hex>` where the MAC is
//! computed with the endpoint's secret over `<t>.<body>`. The receiver
//! recomputes it, compares in constant time, and rejects a `t` too far from
//! its clock (replays). `Guichet-Event-Id` lets it drop duplicates.

use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

use super::{EventPayload, deliver::DeliveryError};
use crate::{Ctx, config::WebhookEndpoint};

pub const SIGNATURE_HEADER: &str = "Guichet-Signature";
pub const EVENT_ID_HEADER: &str = "Guichet-Event-Id";
pub const EVENT_TYPE_HEADER: &str = "Guichet-Event-Type";

/// The value of the signature header for `body` sent at `timestamp`.
pub fn sign(secret: &[u8], timestamp: i64, body: &str) -> String {
    sign_bytes(secret, timestamp, body.as_bytes())
}

/// [`sign`] over bytes (payment gateways sign their notifications the same
/// way, `payments::gateway`).
pub fn sign_bytes(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac(secret, timestamp, body))
    )
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    m.finalize().into_bytes().to_vec()
}

/// Check a signature header as a receiver would (used by tests, and offered
/// to integrators as the reference). `tolerance_secs` bounds the age.
pub fn verify(secret: &[u8], header: &str, body: &str, now: i64, tolerance_secs: i64) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", x)) => t = x.parse::<i64>().ok(),
            Some(("v1", x)) => v1 = hex::decode(x).ok(),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    // In i128: a forged extreme `t` must not overflow the subtraction.
    if (i128::from(now) - i128::from(t)).abs() > i128::from(tolerance_secs) {
        return false;
    }
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return false,
    };
    m.update(t.to_string().as_bytes());
    m.update(b".");
    m.update(body.as_bytes());
    m.verify_slice(&v1).is_ok()
}

pub(super) async fn post(
    ctx: &Ctx,
    endpoint: &WebhookEndpoint,
    body: &str,
) -> Result<(), DeliveryError> {
    let event: EventPayload = serde_json::from_str(body)
        .map_err(|e| DeliveryError::Permanent(format!("unreadable event: {e}")))?;
    let t = ctx.clock.now().as_second();
    let signature = sign(endpoint.secret.expose_secret().as_bytes(), t, body);
    let response = ctx
        .http
        .post(&endpoint.url)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, signature)
        .header(EVENT_ID_HEADER, &event.id)
        .header(EVENT_TYPE_HEADER, &event.event_type)
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| DeliveryError::Transient(format!("{}: {e}", endpoint.name)))?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        // Every non-2xx is retried: a receiver's 4xx is often a deployment
        // mistake that gets fixed, and the event must not be lost (CAT-3).
        Err(DeliveryError::Transient(format!(
            "{}: HTTP {status}",
            endpoint.name
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_verifies_and_detects_tampering_and_age() {
        let body = r#"{"id":"evt_1","type":"x","created_at":1,"data":{}}"#;
        let h = sign(b"secret", 1_700_000_000, body);
        assert!(h.starts_with("t=1700000000,v1="));
        assert!(verify(b"secret", &h, body, 1_700_000_010, 300));
        assert!(!verify(b"other", &h, body, 1_700_000_010, 300));
        assert!(!verify(
            b"secret",
            &h,
            &body.replace("x", "y"),
            1_700_000_010,
            300
        ));
        assert!(!verify(b"secret", &h, body, 1_700_001_000, 300));
    }
}
