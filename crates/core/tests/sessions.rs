//! Sign-in and console sessions: answers that reveal nothing, throttling
//! that slows a guesser without locking the customer out, the security log,
//! idle and absolute timeouts.

use std::sync::Arc;

use guichet_core::{
    Ctx,
    accounts::RequestMeta,
    both_engines,
    security::{self, SignInOutcome},
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::accounts_support::{
    BROWSER, PASSWORD, error_code, from, home, logged, retry_after, session_actor, sign_in,
    sign_in_with, sign_up_verified,
};

fn minutes(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

// ---------------------------------------------------------------- sign-in

both_engines!(a_wrong_password_and_an_unknown_address_fail_alike_and_are_logged);
async fn a_wrong_password_and_an_unknown_address_fail_alike_and_are_logged(app: Arc<TestApp>) {
    // proves: SEC-5
    let (ada, _) = sign_up_verified(&app, "ada@example.test").await;
    let cafe = RequestMeta::new("203.0.113.9", "curl/8.14");

    let wrong = security::sign_in(&app.ctx, "ada@example.test", "not her password", &cafe).await;
    let unknown = security::sign_in(&app.ctx, "nobody@example.test", PASSWORD, &cafe).await;
    let (wrong, unknown) = (wrong.unwrap_err(), unknown.unwrap_err());
    assert_eq!(wrong.code(), "invalid_credentials");
    assert_eq!(
        (unknown.code(), unknown.to_string()),
        (wrong.code(), wrong.to_string())
    );

    sign_in_with(&app, "ADA@example.test", PASSWORD, &cafe).await;
    let cafe_entry = || ("203.0.113.9".to_string(), "curl/8.14".to_string());
    // The unknown address has no log to write to; Ada's shows the guess.
    assert_eq!(logged(&app, &ada, "sign_in_failed").await, [cafe_entry()]);
    let mut succeeded = logged(&app, &ada, "sign_in_succeeded").await;
    succeeded.sort();
    assert_eq!(
        succeeded,
        [
            ("198.51.100.7".to_string(), BROWSER.to_string()),
            cafe_entry()
        ]
    );
}

both_engines!(every_sign_in_opens_a_new_session);
async fn every_sign_in_opens_a_new_session(app: Arc<TestApp>) {
    // A session id chosen before sign-in is never kept (no fixation).
    let (ada, _) = sign_up_verified(&app, "ada@example.test").await;
    let first = sign_in(&app, "ada@example.test").await;
    let second = sign_in(&app, "ada@example.test").await;
    assert_ne!(first.session_id, second.session_id);
    assert_ne!(first.token, second.token);
    assert_ne!(first.csrf_token, second.csrf_token);
    assert_eq!(
        (first.user_id.as_str(), second.user_id.as_str()),
        (ada.as_str(), ada.as_str())
    );
}

both_engines!(wrong_passwords_are_throttled_with_growing_waits_never_a_lock);
async fn wrong_passwords_are_throttled_with_growing_waits_never_a_lock(app: Arc<TestApp>) {
    // proves: SEC-5
    sign_up_verified(&app, "ada@example.test").await;
    let guesser = from("192.0.2.66");
    let guess = |password: &'static str| {
        let app = app.clone();
        let guesser = guesser.clone();
        async move { security::sign_in(&app.ctx, "ada@example.test", password, &guesser).await }
    };
    for _ in 0..5 {
        assert_eq!(error_code(guess("guess").await), "invalid_credentials");
    }
    // The sixth attempt waits, even with the right password.
    assert_eq!(retry_after(guess(PASSWORD).await), 2);

    // The customer, elsewhere, is not locked out by the guesser.
    sign_in_with(&app, "ada@example.test", PASSWORD, &from("198.51.100.200")).await;
    assert_eq!(retry_after(guess(PASSWORD).await), 2);

    // Each further failure doubles the wait.
    app.advance(SignedDuration::from_secs(2));
    assert_eq!(error_code(guess("guess").await), "invalid_credentials");
    assert_eq!(retry_after(guess(PASSWORD).await), 4);
    app.advance(SignedDuration::from_secs(3));
    assert_eq!(retry_after(guess(PASSWORD).await), 1);
    app.advance(SignedDuration::from_secs(1));
    assert_eq!(error_code(guess("guess").await), "invalid_credentials");
    assert_eq!(retry_after(guess(PASSWORD).await), 8);

    // Past the wait the right password works, and forgives the failures:
    // five new wrong ones are free again.
    app.advance(SignedDuration::from_secs(8));
    assert!(matches!(
        guess(PASSWORD).await.unwrap(),
        SignInOutcome::SignedIn(_)
    ));
    for _ in 0..5 {
        assert_eq!(error_code(guess("guess").await), "invalid_credentials");
    }
    assert_eq!(retry_after(guess(PASSWORD).await), 2);
}

// ---------------------------------------------------------------- sessions

both_engines!(an_idle_session_ends_after_thirty_minutes);
async fn an_idle_session_ends_after_thirty_minutes(app: Arc<TestApp>) {
    sign_up_verified(&app, "ada@example.test").await;
    let session = sign_in(&app, "ada@example.test").await;
    let alive = |token: String| {
        let app = app.clone();
        async move { security::authenticate_session(&app.ctx, &token).await }
    };
    // Activity within the window keeps it alive (recorded at most once a
    // minute, so the checks are spaced more than a minute apart).
    for _ in 0..4 {
        app.advance(minutes(29));
        alive(session.token.clone()).await.unwrap();
    }
    app.advance(minutes(31));
    assert_eq!(
        error_code(alive(session.token.clone()).await),
        "not_authenticated"
    );

    // Activity less than a minute after the last one is not recorded, so
    // it does not stretch the window either.
    let other = sign_in(&app, "ada@example.test").await;
    app.advance(SignedDuration::from_secs(30));
    alive(other.token.clone()).await.unwrap();
    app.advance(minutes(29) + SignedDuration::from_secs(40));
    assert_eq!(
        error_code(alive(other.token.clone()).await),
        "not_authenticated"
    );
}

both_engines!(a_session_ends_twelve_hours_after_sign_in_even_when_used);
async fn a_session_ends_twelve_hours_after_sign_in_even_when_used(app: Arc<TestApp>) {
    sign_up_verified(&app, "ada@example.test").await;
    let session = sign_in(&app, "ada@example.test").await;
    for _ in 0..(12 * 60 / 20 - 1) {
        app.advance(minutes(20));
        security::authenticate_session(&app.ctx, &session.token)
            .await
            .unwrap();
    }
    app.advance(minutes(20));
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &session.token).await),
        "not_authenticated"
    );
}

both_engines!(signing_out_ends_the_session);
async fn signing_out_ends_the_session(app: Arc<TestApp>) {
    let (ada, _) = sign_up_verified(&app, "ada@example.test").await;
    let session = sign_in(&app, "ada@example.test").await;
    let info = security::authenticate_session(&app.ctx, &session.token)
        .await
        .unwrap();
    assert_eq!(
        (
            info.user_id.as_str(),
            info.email.as_str(),
            info.email_verified
        ),
        (ada.as_str(), "ada@example.test", true)
    );
    security::sign_out(&app.ctx, &info, &home()).await.unwrap();
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &session.token).await),
        "not_authenticated"
    );
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, "never-issued").await),
        "not_authenticated"
    );
    assert_eq!(
        logged(&app, &ada, "signed_out").await,
        [("198.51.100.7".to_string(), BROWSER.to_string())]
    );
}

both_engines!(the_session_list_shows_live_sessions_and_ends_only_ones_own);
async fn the_session_list_shows_live_sessions_and_ends_only_ones_own(app: Arc<TestApp>) {
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let phone = sign_in_with(&app, "ada@example.test", PASSWORD, &from("203.0.113.20")).await;
    let sessions = security::list_sessions(&app.ctx, &ada).await.unwrap();
    assert_eq!(sessions.len(), 2);
    let current: Vec<_> = sessions.iter().filter(|s| s.current).collect();
    assert_eq!(current.len(), 1);
    assert!(
        matches!(&ada.via, guichet_core::access::Via::Session { session_id } if *session_id == current[0].id)
    );
    assert!(
        sessions
            .iter()
            .any(|s| s.id == phone.session_id && s.ip == "203.0.113.20")
    );

    // Grace cannot end Ada's session: as if it did not exist.
    let (_, grace) = sign_up_verified(&app, "grace@example.test").await;
    assert_eq!(
        error_code(security::end_session(&app.ctx, &grace, &phone.session_id).await),
        "object_not_found"
    );
    security::authenticate_session(&app.ctx, &phone.token)
        .await
        .unwrap();

    // Ada can.
    security::end_session(&app.ctx, &ada, &phone.session_id)
        .await
        .unwrap();
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &phone.token).await),
        "not_authenticated"
    );
    let sessions = security::list_sessions(&app.ctx, &ada).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].current);
    assert_eq!(
        error_code(security::end_session(&app.ctx, &ada, &phone.session_id).await),
        "object_not_found"
    );

    // Idle sessions drop out of the list.
    app.advance(minutes(31));
    let fresh = sign_in(&app, "ada@example.test").await;
    let ada_now = session_actor(&app, &fresh).await;
    let sessions = security::list_sessions(&app.ctx, &ada_now).await.unwrap();
    assert_eq!(
        sessions
            .iter()
            .map(|s| (s.id.as_str(), s.current))
            .collect::<Vec<_>>(),
        [(fresh.session_id.as_str(), true)]
    );
}

// Password hashing off the runtime: tests/hashing.rs (behaviour) and the
// `hashing` benchmark of crates/bench (how long the runtime waits).

// ------------------------------------------------- throttling under a burst

/// Send every guess at once and sort the answers: how many were looked at
/// (`invalid_credentials` or signed in) and how many were refused (429).
async fn burst(
    ctxs: &[Ctx],
    email: &str,
    passwords: Vec<&'static str>,
    meta: &RequestMeta,
) -> (usize, usize, usize) {
    let mut calls = tokio::task::JoinSet::new();
    for (i, password) in passwords.into_iter().enumerate() {
        let ctx = ctxs[i % ctxs.len()].clone();
        let (email, meta) = (email.to_string(), meta.clone());
        calls.spawn(async move { security::sign_in(&ctx, &email, password, &meta).await });
    }
    let (mut signed_in, mut wrong, mut throttled) = (0, 0, 0);
    while let Some(answer) = calls.join_next().await {
        match answer.expect("sign-in task") {
            Ok(_) => signed_in += 1,
            Err(e) if e.code() == "invalid_credentials" => wrong += 1,
            Err(e) if e.code() == "too_many_requests" => throttled += 1,
            Err(e) => panic!("unexpected answer {e:?}"),
        }
    }
    (signed_in, wrong, throttled)
}

both_engines!(a_burst_of_parallel_guesses_gets_the_allowance_and_no_more);
async fn a_burst_of_parallel_guesses_gets_the_allowance_and_no_more(app: Arc<TestApp>) {
    // proves: SEC-5
    // The count and the decision are one step: sixty guesses sent at once
    // are not all judged before the first is counted.
    sign_up_verified(&app, "ada@example.test").await;
    let guesser = from("192.0.2.66");
    let (signed_in, wrong, throttled) = burst(
        std::slice::from_ref(&app.ctx),
        "ada@example.test",
        vec!["guess"; 60],
        &guesser,
    )
    .await;
    assert_eq!((signed_in, wrong, throttled), (0, 5, 55));
    // The refused ones counted nothing: the wait is the first one's.
    assert_eq!(
        retry_after(security::sign_in(&app.ctx, "ada@example.test", "guess", &guesser).await),
        2
    );
}

both_engines!(the_right_password_in_a_parallel_burst_is_judged_only_within_the_allowance);
async fn the_right_password_in_a_parallel_burst_is_judged_only_within_the_allowance(
    app: Arc<TestApp>,
) {
    // proves: SEC-5
    // A hundred guesses at once with the right one 31st: five are judged,
    // whichever they are; the right password gets in only if it was among
    // them (a guesser cannot buy more tries by sending them together).
    sign_up_verified(&app, "ada@example.test").await;
    let mut passwords = vec!["guess"; 100];
    passwords[30] = PASSWORD;
    let (signed_in, wrong, throttled) = burst(
        std::slice::from_ref(&app.ctx),
        "ada@example.test",
        passwords,
        &from("192.0.2.66"),
    )
    .await;
    assert_eq!(
        signed_in + wrong,
        5,
        "judged: {signed_in} signed in, {wrong} wrong"
    );
    assert_eq!(throttled, 95);
}

both_engines!(two_instances_share_one_sign_in_allowance);
async fn two_instances_share_one_sign_in_allowance(app: Arc<TestApp>) {
    // proves: SEC-5
    if app.engine() == guichet_core::db::Engine::Sqlite {
        // One SQLite file serves one instance.
        return;
    }
    sign_up_verified(&app, "ada@example.test").await;
    let other = crate::support::reconfigure(&app, |_| {});
    let (signed_in, wrong, throttled) = burst(
        &[app.ctx.clone(), other],
        "ada@example.test",
        vec!["guess"; 60],
        &from("192.0.2.66"),
    )
    .await;
    assert_eq!((signed_in, wrong, throttled), (0, 5, 55));
}

both_engines!(parallel_reset_requests_send_the_allowance_of_mails);
async fn parallel_reset_requests_send_the_allowance_of_mails(app: Arc<TestApp>) {
    // proves: SEC-5
    sign_up_verified(&app, "ada@example.test").await;
    app.advance(SignedDuration::from_mins(61));
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..50 {
        let ctx = app.ctx.clone();
        // From fifty places: only the address's allowance (3) is at play.
        let meta = from(&format!("192.0.2.{}", i + 1));
        calls.spawn(async move {
            security::request_password_reset(&ctx, "ada@example.test", &meta).await
        });
    }
    let mut answered = 0;
    while let Some(r) = calls.join_next().await {
        if r.expect("task").is_ok() {
            answered += 1;
        }
    }
    assert_eq!(answered, 3);
    let resets = crate::accounts_support::templates_to(&app, "ada@example.test")
        .await
        .into_iter()
        .filter(|t| t == "reset_password")
        .count();
    assert_eq!(resets, 3);
}
