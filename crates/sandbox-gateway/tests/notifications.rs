//! Notifications: signed as documented, in order, posted to the notify URL
//! and retried when refused.

use std::sync::{Arc, Mutex};

use axum::{
    Router,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use hmac::{Hmac, Mac};
use serde_json::Value;

use crate::{WEBHOOK_SECRET, config, sandbox, sandbox_with};

/// HMAC-SHA256 of `"{t}.{body}"`, computed here from the documentation,
/// not with the sandbox's own code.
fn expected(t: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(WEBHOOK_SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn every_notification_is_signed_over_its_time_and_body() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let started = sbx.start("card", "CHF", 800, false).await;
    let id = started["id"].as_str().unwrap().to_owned();
    sbx.choose(&id, "4242424242424242").await;
    let notes = sbx.handle.notifications();
    assert_eq!(notes.len(), 1);
    let (header, body) = &notes[0];
    let (t, v1) = header
        .strip_prefix("t=")
        .and_then(|h| h.split_once(",v1="))
        .unwrap();
    assert_eq!(v1, expected(t, body));
    let event: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(event["created"].to_string(), t);
    assert!(event["id"].as_str().unwrap().starts_with("evt_"));
    assert_eq!(event["type"], "payment.succeeded");
    assert_eq!(event["data"]["id"], id.as_str());
    assert_eq!(event["data"]["captured_minor"], 800);
    assert_eq!(event["data"]["metadata"], started["metadata"]);
    assert!(event["data"]["metadata"]["payment_id"].is_string());
    // A changed body no longer matches its signature.
    let mut tampered = body.clone();
    tampered.extend_from_slice(b" ");
    assert_ne!(v1, expected(t, &tampered));
}

/// What the receiver got: (signature header, body).
type Delivery = (String, Vec<u8>);

#[tokio::test]
async fn notifications_are_posted_and_retried_until_taken() {
    // proves: BIL-3
    let received: Arc<Mutex<Vec<Delivery>>> = Arc::default();
    let seen = received.clone();
    // Refuses the first delivery, takes the next.
    let receiver = Router::new().route(
        "/notify",
        post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let seen = seen.clone();
            async move {
                let mut seen = seen.lock().unwrap();
                let signature = headers["sandbox-signature"].to_str().unwrap().to_owned();
                seen.push((signature, body.to_vec()));
                if seen.len() == 1 {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::NO_CONTENT
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });

    let mut cfg = config();
    cfg.notify_url = Some(format!("http://{addr}/notify"));
    let sbx = sandbox_with(cfg).await;
    let id = sbx.start("card", "CHF", 800, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, "cancel").await;
    // The retry comes after a second.
    for _ in 0..40 {
        if received.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "one refusal, one retry, then no more");
    assert_eq!(got[0], got[1], "the retry is the same signed event");
    assert_eq!(got[0], sbx.handle.notifications()[0]);
    let event: Value = serde_json::from_slice(&got[0].1).unwrap();
    assert_eq!(event["type"], "payment.cancelled");
}
