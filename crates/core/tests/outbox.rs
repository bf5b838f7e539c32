//! The outbox: mail and events are rows written in the transaction of the
//! change that causes them, then delivered by a sweep — once, with the
//! content fixed when written, retried with exponential backoff, signed.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use guichet_core::{
    Ctx, both_engines,
    clock::Clock,
    db::Engine,
    i18n::Lang,
    jobs::SweepReport,
    outbox::{
        EventPayload, MailRequest,
        deliver::deliver_due,
        enqueue_event, enqueue_mail,
        store::{self, OutboxRow},
        webhook::{EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, verify},
    },
    testing::TestApp,
};
use jiff::SignedDuration;
use serde_json::json;

use crate::support::{Receiver, closed_port, endpoint, only_row, reconfigure, rows};

fn test_mail(to: &str, lang: Lang) -> MailRequest<'_> {
    MailRequest {
        to,
        lang,
        template: "test",
        args: vec![],
    }
}

async fn enqueue_committed_event(ctx: &Ctx, event_type: &str, data: serde_json::Value) -> String {
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_event(tx.conn(), ctx, event_type, data)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

fn now_ms(app: &TestApp) -> i64 {
    app.clock.now().as_millisecond()
}

fn assert_delivered(row: &OutboxRow, at: i64) {
    assert_eq!(
        (
            row.status.as_str(),
            row.delivered_at,
            row.last_error.as_deref()
        ),
        ("delivered", Some(at), None),
        "{row:#?}"
    );
}

const NOTHING: SweepReport = SweepReport { done: 0, failed: 0 };
const ONE_DONE: SweepReport = SweepReport { done: 1, failed: 0 };
const ONE_FAILED: SweepReport = SweepReport { done: 0, failed: 1 };

// proves: OPS-3
both_engines!(mail_is_written_only_when_its_transaction_commits);
async fn mail_is_written_only_when_its_transaction_commits(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let mut tx = ctx.db.begin().await.unwrap();
    enqueue_mail(tx.conn(), ctx, test_mail("ada@example.test", Lang::Fr))
        .await
        .unwrap();
    drop(tx); // rolled back, as when the change causing the mail fails
    assert!(rows(ctx, "mail").await.is_empty());

    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, test_mail("ada@example.test", Lang::Fr))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let row = only_row(ctx, "mail").await;
    assert_eq!(
        (row.id.as_str(), row.status.as_str(), row.attempts),
        (id.as_str(), "pending", 0)
    );
    assert_eq!(row.destination, "ada@example.test");
    // Rendered when written, in the recipient's language (fr/mail.ftl).
    let mail = app.last_mail_to("ada@example.test").await;
    assert_eq!(mail.lang, Lang::Fr);
    assert_eq!(mail.template, "test");
    assert_eq!(mail.subject, "Message de test de Guichet");
    assert!(mail.text.starts_with("Bonjour,\n"), "{}", mail.text);
    assert!(
        mail.text.contains("Ceci est un message de test."),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("L'équipe Guichet"), "{}", mail.text);
}

// proves: CAT-3
both_engines!(event_is_written_only_when_its_transaction_commits);
async fn event_is_written_only_when_its_transaction_commits(app: Arc<TestApp>) {
    let ctx = reconfigure(&app, |c| {
        c.webhooks = vec![
            endpoint("everything", "http://127.0.0.1:9/hook", "s1"),
            guichet_core::config::WebhookEndpoint {
                events: vec!["invoice.paid".into()],
                ..endpoint("billing", "http://127.0.0.1:9/billing", "s2")
            },
        ];
    });
    let mut tx = ctx.db.begin().await.unwrap();
    enqueue_event(tx.conn(), &ctx, "service.created", json!({"id": "srv_1"}))
        .await
        .unwrap();
    drop(tx);
    assert!(rows(&ctx, "webhook").await.is_empty());

    let event_id = enqueue_committed_event(&ctx, "service.created", json!({"id": "srv_1"})).await;
    // Only the endpoint that wants this type gets a copy.
    let row = only_row(&ctx, "webhook").await;
    assert_eq!(row.destination, "everything");
    let event: EventPayload = serde_json::from_str(&row.payload).unwrap();
    assert_eq!(event.id, event_id);
    assert_eq!(event.event_type, "service.created");
    assert_eq!(event.created_at, app.clock.now().as_second());
    assert_eq!(event.data, json!({"id": "srv_1"}));

    // An event every endpoint wants: one row each, one shared event id.
    let paid = enqueue_committed_event(&ctx, "invoice.paid", json!({})).await;
    let copies: Vec<(String, String)> = rows(&ctx, "webhook")
        .await
        .into_iter()
        .filter(|r| r.payload.contains(&paid))
        .map(|r| (r.destination, r.payload))
        .collect();
    assert_eq!(copies.len(), 2, "{copies:#?}");
    assert_eq!(copies[0].1, copies[1].1);
}

// proves: OPS-3
both_engines!(file_transport_writes_each_mail_once);
async fn file_transport_writes_each_mail_once(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(tx.conn(), ctx, test_mail("ada@example.test", Lang::Fr))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(deliver_due(ctx).await.unwrap(), ONE_DONE);
    let files = eml_files(&app);
    assert_eq!(files.len(), 1, "{files:?}");
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: ada@example.test"), "{eml}");
    assert!(eml.contains("Subject: Message de test de Guichet"), "{eml}");
    // Derived from the outbox row, so that a retry carries the same one.
    assert!(
        eml.contains(&format!("Message-ID: <{id}@localhost>")),
        "{eml}"
    );
    assert_delivered(&only_row(ctx, "mail").await, now_ms(&app));

    // Never twice: a later run finds nothing to send.
    app.advance(SignedDuration::from_hours(1));
    assert_eq!(deliver_due(ctx).await.unwrap(), NOTHING);
    assert_eq!(eml_files(&app).len(), 1);
}

// proves: OPS-3, OPS-2
both_engines!(a_message_held_by_a_dead_deliverer_is_sent_once_its_claim_expires);
async fn a_message_held_by_a_dead_deliverer_is_sent_once_its_claim_expires(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let mut tx = ctx.db.begin().await.unwrap();
    enqueue_mail(tx.conn(), ctx, test_mail("ada@example.test", Lang::En))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Another instance claims it for ten minutes, then dies before sending.
    let now = now_ms(&app);
    let mut c = ctx.db.acquire().await.unwrap();
    let claimed = store::claim_due(c.conn(), "clm_dead", now, now + 600_000, 50)
        .await
        .unwrap();
    assert_eq!(claimed, 1);
    drop(c);

    assert_eq!(deliver_due(ctx).await.unwrap(), NOTHING);
    app.advance(SignedDuration::from_mins(10));
    assert_eq!(deliver_due(ctx).await.unwrap(), NOTHING);
    app.advance(SignedDuration::from_millis(1));
    assert_eq!(deliver_due(ctx).await.unwrap(), ONE_DONE);
    let row = only_row(ctx, "mail").await;
    assert_eq!(row.attempts, 2, "the lost try counts");
    assert_delivered(&row, now_ms(&app));
    assert_eq!(eml_files(&app).len(), 1);
}

fn eml_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(app.data_dir.path().join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect()
}

// The harness's after-test check (`testing::run`) asserts that no message is
// dead in the outbox; this test makes one dead on purpose, so it builds its
// app by hand on each engine instead of using `both_engines!`, and checks its
// own end state.
mod failing_webhook_is_retried_with_backoff_then_dead {
    use guichet_core::db::Engine;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::failing_webhook_is_retried_with_backoff_then_dead(Engine::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::failing_webhook_is_retried_with_backoff_then_dead(Engine::Postgres).await;
    }
}

// proves: CAT-3, OPS-2
async fn failing_webhook_is_retried_with_backoff_then_dead(engine: Engine) {
    let url = format!("http://127.0.0.1:{}/hook", closed_port());
    let Some(app) = TestApp::with_config(engine, |c| {
        c.webhooks = vec![endpoint("nobody_home", &url, "s")];
        c.outbox.max_attempts = 5;
        c.outbox.base_delay_secs = 30;
        c.outbox.max_delay_secs = 100;
    })
    .await
    else {
        return;
    };
    let ctx = &app.ctx;
    enqueue_committed_event(ctx, "service.created", json!({})).await;

    // Delays after tries 1..4: doubling from 30 s, capped at 100 s.
    for (tries, delay) in [(1, 30), (2, 60), (3, 100), (4, 100)] {
        assert_eq!(deliver_due(ctx).await.unwrap(), ONE_FAILED, "try {tries}");
        let row = only_row(ctx, "webhook").await;
        assert_eq!(row.status, "pending", "try {tries}");
        assert_eq!(row.attempts, tries);
        assert_eq!(
            row.next_attempt_at,
            now_ms(&app) + delay * 1000,
            "delay after try {tries}"
        );
        let error = row.last_error.unwrap_or_default();
        assert!(error.contains("nobody_home"), "{error}");
        // Not a second early.
        app.advance(SignedDuration::from_secs(delay - 1));
        assert_eq!(deliver_due(ctx).await.unwrap(), NOTHING, "try {tries}");
        assert_eq!(only_row(ctx, "webhook").await.attempts, tries);
        app.advance(SignedDuration::from_secs(1));
    }

    // The fifth try fails too: the message is dead, its error kept for the
    // operator, and nothing tries it again.
    assert_eq!(deliver_due(ctx).await.unwrap(), ONE_FAILED);
    let row = only_row(ctx, "webhook").await;
    assert_eq!((row.status.as_str(), row.attempts), ("dead", 5));
    assert!(row.last_error.is_some());
    app.advance_days(30);
    assert_eq!(deliver_due(ctx).await.unwrap(), NOTHING);
    let mut c = ctx.db.acquire().await.unwrap();
    assert_eq!(store::count_dead(c.conn()).await.unwrap(), 1);
    assert_eq!(store::backlog(c.conn()).await.unwrap(), 0);
}

// proves: CAT-3, OPS-1, OPS-2
both_engines!(concurrent_deliverers_send_each_event_once);
async fn concurrent_deliverers_send_each_event_once(app: Arc<TestApp>) {
    // A slow receiver and small batches, so that both deliverers are busy at
    // the same time and claim batch after batch against each other.
    let receiver = Receiver::start(0, Duration::from_millis(20)).await;
    let ctx = reconfigure(&app, |c| {
        c.webhooks = vec![endpoint("counter", &receiver.url, "s")];
        c.outbox.batch_size = 2;
    });
    let mut sent = Vec::new();
    for n in 0..10 {
        sent.push(enqueue_committed_event(&ctx, "service.created", json!({ "n": n })).await);
    }

    let (a, b) = (ctx.clone(), ctx.clone());
    let one = tokio::spawn(async move { deliver_due(&a).await });
    let two = tokio::spawn(async move { deliver_due(&b).await });
    let (one, two) = (one.await.unwrap().unwrap(), two.await.unwrap().unwrap());
    assert_eq!((one.done + two.done, one.failed + two.failed), (10, 0));

    let mut received: BTreeMap<String, usize> = BTreeMap::new();
    for hit in receiver.hits() {
        *received
            .entry(hit.header(EVENT_ID_HEADER).to_string())
            .or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = sent.into_iter().map(|id| (id, 1)).collect();
    assert_eq!(received, expected, "each event exactly once");
    for row in rows(&ctx, "webhook").await {
        assert_eq!((row.status.as_str(), row.attempts), ("delivered", 1));
    }
}

// proves: CAT-3
both_engines!(webhook_is_signed_and_sent_as_stored);
async fn webhook_is_signed_and_sent_as_stored(app: Arc<TestApp>) {
    let receiver = Receiver::start(0, Duration::ZERO).await;
    let secret = "whsec_3kTz9";
    let ctx = reconfigure(&app, |c| {
        c.webhooks = vec![endpoint("provisioning", &receiver.url, secret)];
    });
    let event_id = enqueue_committed_event(
        &ctx,
        "service.created",
        json!({"service": "srv_1", "label": "Café «Zürich»"}),
    )
    .await;
    let stored = only_row(&ctx, "webhook").await.payload;

    assert_eq!(deliver_due(&ctx).await.unwrap(), ONE_DONE);
    let hits = receiver.hits();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.method, "POST");
    assert_eq!(
        hit.body,
        stored.as_bytes(),
        "the stored body, byte for byte"
    );
    assert_eq!(hit.header(EVENT_ID_HEADER), event_id);
    assert_eq!(hit.header(EVENT_TYPE_HEADER), "service.created");
    assert_eq!(hit.header("content-type"), "application/json");
    let body = std::str::from_utf8(&hit.body).unwrap();
    let now = app.clock.now().as_second();
    let signature = hit.header(SIGNATURE_HEADER);
    assert!(
        verify(secret.as_bytes(), signature, body, now, 300),
        "{signature}"
    );
    assert!(!verify(b"another secret", signature, body, now, 300));
    assert!(!verify(
        secret.as_bytes(),
        signature,
        &body.replace("srv_1", "srv_2"),
        now,
        300
    ));
    assert_delivered(&only_row(&ctx, "webhook").await, now_ms(&app));

    // Never twice.
    app.advance(SignedDuration::from_hours(1));
    assert_eq!(deliver_due(&ctx).await.unwrap(), NOTHING);
    assert_eq!(receiver.hits().len(), 1);
}

// proves: CAT-3
both_engines!(webhook_redirect_is_not_followed);
async fn webhook_redirect_is_not_followed(app: Arc<TestApp>) {
    // Following a 301 or 302 turns the POST into a bodiless GET: a receiver
    // answering that GET with 200 would mark the event delivered while it
    // never arrived. A redirect is a failure the operator sees and fixes.
    let receiver = Receiver::start(0, Duration::ZERO).await;
    let moved = receiver.url.replace("/hook", "/moved");
    let ctx = reconfigure(&app, |c| {
        c.webhooks = vec![endpoint("provisioning", &moved, "s")];
    });
    enqueue_committed_event(&ctx, "service.created", json!({})).await;
    assert_eq!(deliver_due(&ctx).await.unwrap(), ONE_FAILED);
    assert!(receiver.hits().is_empty(), "{:?}", receiver.hits());
    let row = only_row(&ctx, "webhook").await;
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    let error = row.last_error.unwrap_or_default();
    assert!(error.contains("301"), "{error}");
}

// proves: CAT-3
both_engines!(webhook_refused_once_is_resent_with_the_same_content);
async fn webhook_refused_once_is_resent_with_the_same_content(app: Arc<TestApp>) {
    let receiver = Receiver::start(1, Duration::ZERO).await;
    let secret = "whsec_retry";
    let ctx = reconfigure(&app, |c| {
        c.webhooks = vec![endpoint("provisioning", &receiver.url, secret)];
    });
    let event_id =
        enqueue_committed_event(&ctx, "service.suspended", json!({"service": "srv_2"})).await;

    // The receiver answers 500: retried after the base delay, not before.
    assert_eq!(deliver_due(&ctx).await.unwrap(), ONE_FAILED);
    let row = only_row(&ctx, "webhook").await;
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert_eq!(row.next_attempt_at, now_ms(&app) + 30_000);
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("500"),
        "{row:#?}"
    );
    app.advance(SignedDuration::from_secs(29));
    assert_eq!(deliver_due(&ctx).await.unwrap(), NOTHING);
    assert_eq!(receiver.hits().len(), 1);

    app.advance(SignedDuration::from_secs(1));
    assert_eq!(deliver_due(&ctx).await.unwrap(), ONE_DONE);
    let hits = receiver.hits();
    assert_eq!(hits.len(), 2);
    // Same content, same event id: the receiver can drop a duplicate, and
    // never sees two versions of one event.
    assert_eq!(hits[0].body, hits[1].body);
    assert_eq!(hits[0].body, row.payload.as_bytes());
    for hit in &hits {
        assert_eq!(hit.header(EVENT_ID_HEADER), event_id);
        let body = std::str::from_utf8(&hit.body).unwrap();
        assert!(verify(
            secret.as_bytes(),
            hit.header(SIGNATURE_HEADER),
            body,
            app.clock.now().as_second(),
            300
        ));
    }
    let row = only_row(&ctx, "webhook").await;
    assert_eq!(row.attempts, 2);
    assert_delivered(&row, now_ms(&app));
}

/// A forged signature header with an extreme timestamp is refused, not a
/// panic (the age check must not overflow).
// proves: CAT-3
#[test]
fn signature_with_an_extreme_timestamp_is_refused() {
    for t in [i64::MIN, i64::MAX] {
        let header = format!("t={t},v1=00");
        assert!(!verify(b"secret", &header, "{}", 1_700_000_000, 300));
    }
}

// proves: CAT-3
#[test]
fn webhook_endpoint_names_are_unique() {
    // Rows name their endpoint; two endpoints of one name would both be
    // served by the first one's URL and secret.
    let config = guichet_core::config::Config {
        webhooks: vec![
            endpoint("provisioning", "https://a.example/hook", "s1"),
            endpoint("provisioning", "https://b.example/hook", "s2"),
        ],
        ..Default::default()
    };
    let error = config.validate().unwrap_err();
    assert!(error.contains("provisioning"), "{error}");
}
