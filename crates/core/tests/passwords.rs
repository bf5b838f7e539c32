//! Passwords: changing one (knowing the current one), and resetting a
//! forgotten one by a link mailed to the recovery address or the login
//! address (ACC-3), throttled (SEC-5).

use std::sync::Arc;

use guichet_core::{
    access::Via,
    accounts::{self, ProfilePatch},
    both_engines, security,
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::accounts_support::{
    NEW_PASSWORD, PASSWORD, error_code, from, home, invalid_fields, mail, mails_of, retry_after,
    sign_in, sign_in_with, sign_up_verified, templates_to, times_logged, token_mailed,
};

// ---------------------------------------------------------------- change

both_engines!(changing_the_password_ends_the_other_sessions_and_is_mailed);
async fn changing_the_password_ends_the_other_sessions_and_is_mailed(app: Arc<TestApp>) {
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    let laptop = sign_in(&app, "ada@example.test").await;
    let Via::Session {
        session_id: ada_session,
    } = &ada.via
    else {
        panic!("{ada:?}")
    };

    security::change_password(&app.ctx, &ada, PASSWORD, NEW_PASSWORD, false)
        .await
        .unwrap();

    // This session goes on; the laptop's ends.
    let sessions = security::list_sessions(&app.ctx, &ada).await.unwrap();
    assert_eq!(
        sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [ada_session.as_str()]
    );
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &laptop.token).await),
        "not_authenticated"
    );
    mail(&app, "ada@example.test", "password_changed").await;
    assert_eq!(times_logged(&app, &ada_id, "password_changed").await, 1);
    // The new password signs in, the old one no more.
    sign_in_with(&app, "ada@example.test", NEW_PASSWORD, &home()).await;
    assert_eq!(
        error_code(security::sign_in(&app.ctx, "ada@example.test", PASSWORD, &home()).await),
        "invalid_credentials"
    );
}

both_engines!(changing_the_password_needs_the_current_one_and_guesses_are_throttled);
async fn changing_the_password_needs_the_current_one_and_guesses_are_throttled(app: Arc<TestApp>) {
    // proves: SEC-5
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let laptop = sign_in(&app, "ada@example.test").await;
    assert_eq!(
        invalid_fields(
            security::change_password(&app.ctx, &ada, "guess", NEW_PASSWORD, false).await
        ),
        [("current_password".to_string(), "wrong_password")]
    );
    // A weak new password is refused as such.
    assert_eq!(
        invalid_fields(
            security::change_password(&app.ctx, &ada, PASSWORD, "password1", false).await
        ),
        [("new_password".to_string(), "password_too_weak")]
    );
    for _ in 0..4 {
        invalid_fields(
            security::change_password(&app.ctx, &ada, "guess", NEW_PASSWORD, false).await,
        );
    }
    // Five wrong: the sixth waits, even with the right password.
    assert!(
        retry_after(security::change_password(&app.ctx, &ada, PASSWORD, NEW_PASSWORD, false).await)
            >= 1
    );
    // Nothing changed: the other session lives, the password is the old one.
    security::authenticate_session(&app.ctx, &laptop.token)
        .await
        .unwrap();
    assert!(
        !templates_to(&app, "ada@example.test")
            .await
            .contains(&"password_changed".to_string())
    );
    app.advance(SignedDuration::from_secs(2));
    security::change_password(&app.ctx, &ada, PASSWORD, NEW_PASSWORD, false)
        .await
        .unwrap();
}

// ---------------------------------------------------------------- reset

both_engines!(the_reset_link_goes_to_the_login_address_when_no_recovery_address_is_set);
async fn the_reset_link_goes_to_the_login_address_when_no_recovery_address_is_set(
    app: Arc<TestApp>,
) {
    // proves: ACC-3
    sign_up_verified(&app, "ada@example.test").await;
    security::request_password_reset(&app.ctx, "Ada@Example.test", &home())
        .await
        .unwrap();
    let mail = mail(&app, "ada@example.test", "reset_password").await;
    assert!(
        mail.text.contains(&format!(
            "{}/reset-password?token=",
            app.ctx.config.public_url
        )),
        "{}",
        mail.text
    );
}

both_engines!(the_reset_link_goes_to_the_login_and_the_verified_recovery_address);
async fn the_reset_link_goes_to_the_login_and_the_verified_recovery_address(app: Arc<TestApp>) {
    // proves: ACC-3
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            recovery_email: Some(Some("ada.backup@example.org".into())),
            current_password: Some(PASSWORD.into()),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
    // Pending, not verified: the login address still gets the link.
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    mail(&app, "ada@example.test", "reset_password").await;
    assert_eq!(
        templates_to(&app, "ada.backup@example.org").await,
        ["recovery_verify"]
    );

    let token = token_mailed(&app, "ada.backup@example.org", "recovery_verify").await;
    accounts::verify_email(&app.ctx, &token, &home())
        .await
        .unwrap();
    let before = app.mails_to("ada@example.test").await.len();
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let token = token_mailed(&app, "ada.backup@example.org", "reset_password").await;
    // The login address hears of every reset, with a link of its own: a
    // recovery address someone else set cannot take the account unseen.
    assert_eq!(app.mails_to("ada@example.test").await.len(), before + 1);
    let login_token = token_mailed(&app, "ada@example.test", "reset_password").await;
    assert_ne!(login_token, token);

    security::reset_password(&app.ctx, &token, NEW_PASSWORD, &home())
        .await
        .unwrap();
    sign_in_with(&app, "ada@example.test", NEW_PASSWORD, &home()).await;
    // One reset, one use: the other address's link died with it.
    assert_eq!(
        error_code(security::check_reset_link(&app.ctx, &login_token).await),
        "invalid_link"
    );
}

both_engines!(an_unknown_address_gets_the_same_answer_and_no_mail);
async fn an_unknown_address_gets_the_same_answer_and_no_mail(app: Arc<TestApp>) {
    // proves: ACC-3
    security::request_password_reset(&app.ctx, "nobody@example.test", &home())
        .await
        .unwrap();
    assert!(app.mails_to("nobody@example.test").await.is_empty());
    let mut c = app.ctx.db.acquire().await.unwrap();
    let links: i64 = guichet_core::sql!(c.conn(), fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM email_tokens")
    .unwrap();
    assert_eq!(links, 0);
}

both_engines!(a_reset_ends_every_session_works_once_and_is_mailed);
async fn a_reset_ends_every_session_works_once_and_is_mailed(app: Arc<TestApp>) {
    // proves: ACC-3, SEC-5
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    let laptop = sign_in(&app, "ada@example.test").await;
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let token = token_mailed(&app, "ada@example.test", "reset_password").await;

    // A weak password is refused without spending the link.
    assert_eq!(
        invalid_fields(security::reset_password(&app.ctx, &token, "password1", &home()).await),
        [("password".to_string(), "password_too_weak")]
    );
    security::check_reset_link(&app.ctx, &token).await.unwrap();
    security::reset_password(&app.ctx, &token, NEW_PASSWORD, &home())
        .await
        .unwrap();

    // Every session ends, this one too: whoever asked may not be Ada.
    assert!(
        security::list_sessions(&app.ctx, &ada)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &laptop.token).await),
        "not_authenticated"
    );
    mail(&app, "ada@example.test", "password_reset_done").await;
    assert_eq!(times_logged(&app, &ada_id, "password_reset").await, 1);
    // Once.
    assert_eq!(
        error_code(security::check_reset_link(&app.ctx, &token).await),
        "invalid_link"
    );
    assert_eq!(
        error_code(security::reset_password(&app.ctx, &token, PASSWORD, &home()).await),
        "invalid_link"
    );
    sign_in_with(&app, "ada@example.test", NEW_PASSWORD, &home()).await;
}

both_engines!(a_reset_link_followed_twice_at_once_works_once);
async fn a_reset_link_followed_twice_at_once_works_once(app: Arc<TestApp>) {
    // proves: ACC-3
    sign_up_verified(&app, "ada@example.test").await;
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let token = token_mailed(&app, "ada@example.test", "reset_password").await;
    let (here, there) = (home(), from("203.0.113.30"));
    let (a, b) = tokio::join!(
        security::reset_password(&app.ctx, &token, NEW_PASSWORD, &here),
        security::reset_password(&app.ctx, &token, "another quite long passphrase", &there)
    );
    let mut codes = [a.map(|()| "ok"), b.map(|()| "ok")].map(|r| r.unwrap_or_else(|e| e.code()));
    codes.sort_unstable();
    assert_eq!(codes, ["invalid_link", "ok"]);
    assert_eq!(
        mails_of(&app, "ada@example.test", "password_reset_done")
            .await
            .len(),
        1
    );
}

both_engines!(a_reset_link_expires_after_an_hour);
async fn a_reset_link_expires_after_an_hour(app: Arc<TestApp>) {
    // proves: ACC-3
    sign_up_verified(&app, "ada@example.test").await;
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let token = token_mailed(&app, "ada@example.test", "reset_password").await;
    app.advance(SignedDuration::from_mins(59));
    security::check_reset_link(&app.ctx, &token).await.unwrap();
    app.advance(SignedDuration::from_mins(1));
    assert_eq!(
        error_code(security::reset_password(&app.ctx, &token, NEW_PASSWORD, &home()).await),
        "invalid_link"
    );
    sign_in(&app, "ada@example.test").await;
}

both_engines!(a_newer_reset_link_retires_the_older_one);
async fn a_newer_reset_link_retires_the_older_one(app: Arc<TestApp>) {
    // proves: ACC-3
    sign_up_verified(&app, "ada@example.test").await;
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let first = token_mailed(&app, "ada@example.test", "reset_password").await;
    app.advance(SignedDuration::from_secs(1));
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let second = token_mailed(&app, "ada@example.test", "reset_password").await;
    assert_eq!(
        error_code(security::check_reset_link(&app.ctx, &first).await),
        "invalid_link"
    );
    security::check_reset_link(&app.ctx, &second).await.unwrap();
}

both_engines!(reset_requests_for_one_address_are_throttled);
async fn reset_requests_for_one_address_are_throttled(app: Arc<TestApp>) {
    // proves: SEC-5
    sign_up_verified(&app, "ada@example.test").await;
    // Sign-up mailed the address too, and that counts against the same
    // allowance; an hour later it is forgotten.
    app.advance(SignedDuration::from_mins(61));
    // From three places, so that only the address's allowance is at play.
    for ip in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        security::request_password_reset(&app.ctx, "ada@example.test", &from(ip))
            .await
            .unwrap();
    }
    let wait = retry_after(
        security::request_password_reset(&app.ctx, "ADA@example.test", &from("192.0.2.4")).await,
    );
    assert!(wait >= 1, "{wait}");
    assert_eq!(
        templates_to(&app, "ada@example.test")
            .await
            .iter()
            .filter(|t| *t == "reset_password")
            .count(),
        3
    );
    // An address without an account is throttled alike: the answer tells
    // nothing.
    for _ in 0..3 {
        security::request_password_reset(&app.ctx, "nobody@example.test", &home())
            .await
            .unwrap();
    }
    assert!(
        retry_after(
            security::request_password_reset(&app.ctx, "nobody@example.test", &home()).await
        ) >= 1
    );
}
