//! The sandbox adapter against a running sandbox gateway, over HTTP only
//! (BIL-3): start, the customer's choice on the hosted page, retrieve,
//! notifications verified, charge, refund, cancel. No database.

use guichet_core::{
    config::Config,
    i18n::Lang,
    ids::{PaymentId, RefundId},
    money::{Currency, Money},
    payments::{
        Gateway, GatewayMethod, Gateways,
        gateway::{
            Charge, Event, GatewayError, GatewayStatus, NotificationError, RefundRequest,
            RefundStatus, StartPayment,
        },
        sandbox::SandboxGateway,
        settings::SandboxSettings,
    },
};
use jiff::Timestamp;
use secrecy::ExposeSecret;

struct Setup {
    gateway: SandboxGateway,
    handle: sandbox_gateway::Handle,
    base: String,
    /// The customer's browser (does not follow the way back to the shop).
    browser: reqwest::Client,
}

async fn setup() -> Setup {
    let settings = SandboxSettings::default();
    let (base, handle) = sandbox_gateway::spawn(sandbox_gateway::Config {
        api_key: settings.api_key.expose_secret().to_owned(),
        webhook_secret: settings.webhook_secret.expose_secret().to_owned(),
        notify_url: None,
        public_url: String::new(),
        delay: std::time::Duration::from_millis(100),
    })
    .await;
    let gateway = SandboxGateway::new(format!("{base}/"), &settings, reqwest::Client::new());
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Setup {
        gateway,
        handle,
        base,
        browser,
    }
}

fn chf(minor: i64) -> Money {
    Money::new(minor, Currency::Chf)
}

impl Setup {
    async fn start(&self, id: &PaymentId, method: GatewayMethod, amount: Money) -> String {
        let state = self
            .gateway
            .start(&StartPayment {
                payment_id: id,
                amount,
                method,
                description: "Invoice 2026-0042",
                return_url: "http://127.0.0.1:8080/payments/return",
                save_method: true,
                language: Lang::Fr,
            })
            .await
            .unwrap();
        assert_eq!(state.status, GatewayStatus::RequiresAction);
        let redirect = state.redirect_url.unwrap();
        assert_eq!(redirect, format!("{}/pay/{}", self.base, state.gateway_ref));
        redirect
    }

    /// The customer chooses on the hosted page and is sent back.
    async fn choose(&self, redirect: &str, choice: &str) {
        let res = self
            .browser
            .post(redirect)
            .form(&[("choice", choice)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }

    /// A payment paid by card on the hosted page: our id and its reference.
    async fn paid(&self, amount: Money) -> (PaymentId, String) {
        let id = PaymentId::new(Timestamp::now());
        let redirect = self.start(&id, GatewayMethod::Card, amount).await;
        self.choose(&redirect, "4242424242424242").await;
        let gateway_ref = redirect.rsplit('/').next().unwrap().to_owned();
        (id, gateway_ref)
    }
}

#[tokio::test]
async fn a_card_paid_on_the_hosted_page_is_retrieved_captured_with_its_stored_method() {
    // proves: BIL-3
    let s = setup().await;
    let id = PaymentId::new(Timestamp::now());
    let redirect = s.start(&id, GatewayMethod::Card, chf(1250)).await;
    // Started twice under our id: one payment there.
    let again = s.start(&id, GatewayMethod::Card, chf(1250)).await;
    assert_eq!(again, redirect);
    s.choose(&redirect, "4242424242424242").await;
    let gateway_ref = redirect.rsplit('/').next().unwrap();
    let state = s.gateway.retrieve(gateway_ref).await.unwrap();
    assert_eq!(state.status, GatewayStatus::Succeeded);
    assert_eq!(state.captured, Some(chf(1250)));
    assert_eq!(state.redirect_url, None, "nothing left to do there");
    let stored = state.stored_method.unwrap();
    assert_eq!(stored.method, GatewayMethod::Card);
    assert_eq!(
        (stored.brand.as_str(), stored.last4.as_deref()),
        ("visa", Some("4242"))
    );
    assert_eq!(stored.exp_month, Some(12));

    // The stored card is charged off-session, final at once.
    let renewal = PaymentId::new(Timestamp::now());
    let charged = s
        .gateway
        .charge(&Charge {
            payment_id: &renewal,
            amount: chf(2000),
            method_token: &stored.token,
            description: "Renewal",
        })
        .await
        .unwrap();
    assert_eq!(charged.status, GatewayStatus::Succeeded);
    assert_eq!(charged.captured, Some(chf(2000)));
    // Removed, it can no longer be charged; removing twice is fine.
    s.gateway.remove_method(&stored.token).await.unwrap();
    s.gateway.remove_method(&stored.token).await.unwrap();
    let refused = s
        .gateway
        .charge(&Charge {
            payment_id: &PaymentId::new(Timestamp::now()),
            amount: chf(2000),
            method_token: &stored.token,
            description: "Renewal",
        })
        .await
        .unwrap();
    assert!(
        matches!(&refused.status, GatewayStatus::Failed { code, .. } if code == "payment_method_unknown"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn notifications_are_verified_and_a_tampered_one_is_refused() {
    // proves: BIL-3
    let s = setup().await;
    let (id, gateway_ref) = s.paid(chf(800)).await;
    let notes = s.handle.notifications();
    assert_eq!(notes.len(), 1);
    let (header, body) = &notes[0];
    let now = Timestamp::now();
    assert_eq!(s.gateway.signature_header(), "Sandbox-Signature");
    let n = s.gateway.verify(Some(header), body, now).unwrap();
    assert!(n.event_id.starts_with("evt_"));
    let Event::Payment { payment_id, state } = n.event else {
        panic!("a payment event: {n:?}");
    };
    assert_eq!(payment_id, Some(id));
    assert_eq!(state.gateway_ref, gateway_ref);
    assert_eq!(state.status, GatewayStatus::Succeeded);
    assert_eq!(state.captured, Some(chf(800)));

    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("800", "8000");
    assert_eq!(
        s.gateway.verify(Some(header), tampered.as_bytes(), now),
        Err(NotificationError::BadSignature)
    );
    assert_eq!(
        s.gateway.verify(None, body, now),
        Err(NotificationError::BadSignature)
    );
    let late = Timestamp::from_second(now.as_second() + 600).unwrap();
    assert_eq!(
        s.gateway.verify(Some(header), body, late),
        Err(NotificationError::Stale)
    );
    // Another secret (another instance's sandbox): refused.
    let other = SandboxSettings {
        webhook_secret: "another".to_owned().into(),
        ..SandboxSettings::default()
    };
    let stranger = SandboxGateway::new(s.base.clone(), &other, reqwest::Client::new());
    assert_eq!(
        stranger.verify(Some(header), body, now),
        Err(NotificationError::BadSignature)
    );
}

#[tokio::test]
async fn refunds_go_through_up_to_the_capture_and_are_notified() {
    // proves: BIL-3, BIL-6
    let s = setup().await;
    let (_, gateway_ref) = s.paid(chf(1000)).await;
    let refund_id = RefundId::new(Timestamp::now());
    let request = RefundRequest {
        refund_id: &refund_id,
        payment_ref: &gateway_ref,
        amount: chf(600),
    };
    let first = s.gateway.refund(&request).await.unwrap();
    assert_eq!(first.status, RefundStatus::Succeeded);
    // Retried under the same id: the same refund.
    assert_eq!(s.gateway.refund(&request).await.unwrap(), first);
    let more = s
        .gateway
        .refund(&RefundRequest {
            refund_id: &RefundId::new(Timestamp::now()),
            payment_ref: &gateway_ref,
            amount: chf(500),
        })
        .await;
    assert!(
        matches!(&more, Err(GatewayError::Refused { code, .. }) if code == "amount_too_large"),
        "{more:?}"
    );
    let (header, body) = s.handle.notifications().pop().unwrap();
    let n = s
        .gateway
        .verify(Some(&header), &body, Timestamp::now())
        .unwrap();
    assert_eq!(
        n.event,
        Event::Refund {
            refund_id: Some(refund_id),
            state: first,
        }
    );
}

#[tokio::test]
async fn cancel_failures_and_refusals_read_as_the_gateway_trait_says() {
    // proves: BIL-3
    let s = setup().await;
    let id = PaymentId::new(Timestamp::now());
    let redirect = s.start(&id, GatewayMethod::Twint, chf(300)).await;
    let gateway_ref = redirect.rsplit('/').next().unwrap();
    let cancelled = s.gateway.cancel(gateway_ref).await.unwrap();
    assert_eq!(cancelled.status, GatewayStatus::Cancelled);
    let (_, n) = s.handle.notifications().pop().unwrap();
    assert!(String::from_utf8(n).unwrap().contains("payment.cancelled"));
    // A captured payment stays captured.
    let (_, paid_ref) = s.paid(chf(300)).await;
    let state = s.gateway.cancel(&paid_ref).await.unwrap();
    assert_eq!(state.status, GatewayStatus::Succeeded);

    let declined = PaymentId::new(Timestamp::now());
    let redirect = s.start(&declined, GatewayMethod::Card, chf(300)).await;
    s.choose(&redirect, "4000000000009995").await;
    let state = s
        .gateway
        .retrieve(redirect.rsplit('/').next().unwrap())
        .await
        .unwrap();
    assert!(
        matches!(&state.status, GatewayStatus::Failed { code, message } if code == "insufficient_funds" && !message.is_empty()),
        "{state:?}"
    );
    assert_eq!(state.captured, None);

    // Twint in euros: refused with the sandbox's code.
    let refused = s
        .gateway
        .start(&StartPayment {
            payment_id: &PaymentId::new(Timestamp::now()),
            amount: Money::new(300, Currency::Eur),
            method: GatewayMethod::Twint,
            description: "",
            return_url: "http://127.0.0.1:8080/payments/return",
            save_method: false,
            language: Lang::En,
        })
        .await;
    assert!(
        matches!(&refused, Err(GatewayError::Refused { code, .. }) if code == "currency_not_supported"),
        "{refused:?}"
    );
    assert!(matches!(
        s.gateway.retrieve("sbxpay_unknown").await,
        Err(GatewayError::Refused { code, .. }) if code == "not_found"
    ));
    // A wrong key is refused; a sandbox that is not there is unavailable.
    let wrong = SandboxSettings {
        api_key: "wrong".to_owned().into(),
        ..SandboxSettings::default()
    };
    let stranger = SandboxGateway::new(s.base.clone(), &wrong, reqwest::Client::new());
    assert!(matches!(
        stranger.retrieve(&paid_ref).await,
        Err(GatewayError::Refused { code, .. }) if code == "unauthorized"
    ));
    let gone = SandboxGateway::new(
        "http://127.0.0.1:9".into(),
        &SandboxSettings::default(),
        reqwest::Client::new(),
    );
    assert!(matches!(
        gone.retrieve(&paid_ref).await,
        Err(GatewayError::Unavailable(_))
    ));
}

#[test]
fn the_sandbox_is_found_at_the_mount_unless_configured() {
    // proves: BIL-3
    let http = reqwest::Client::new();
    let mut config = Config {
        public_url: "https://guichet.example/".into(),
        ..Config::default()
    };
    let gateways = Gateways::from_config(&config, &http).unwrap();
    let active = gateways.active().unwrap();
    assert_eq!(active.name(), "sandbox");
    assert!(gateways.by_name("sandbox").is_some());
    assert!(
        format!("{active:?}").contains("\"https://guichet.example/sandbox-gateway\""),
        "{active:?}"
    );
    config.payments.sandbox.url = "http://127.0.0.1:8090".into();
    let gateways = Gateways::from_config(&config, &http).unwrap();
    let active = format!("{:?}", gateways.active().unwrap());
    assert!(active.contains("\"http://127.0.0.1:8090\""), "{active}");
    assert!(
        !active.contains("sandbox_secret_key"),
        "secrets stay out of logs"
    );
    config.payments.gateway = "none".into();
    assert!(
        Gateways::from_config(&config, &http)
            .unwrap()
            .active()
            .is_none()
    );
}
