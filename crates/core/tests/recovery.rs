//! What stands between a stolen session or token and the account: changing
//! the recovery address needs the password, the old addresses are told with
//! a link that undoes the change, and a reset ends every session and token
//! (ACC-3, SEC-5, API-1).

use std::sync::Arc;

use guichet_core::{
    access::Actor,
    accounts::{self, ProfilePatch},
    both_engines, security,
    testing::TestApp,
    tokens::{self, CreateToken},
};

use crate::accounts_support::{
    NEW_PASSWORD, PASSWORD, error_code, home, invalid_fields, link_token, mail, mails_of,
    retry_after, session_actor, sign_in, sign_in_with, sign_up_verified, templates_to,
    times_logged, token_mailed,
};

async fn token_of(app: &TestApp, actor: &Actor, scopes: &[&str]) -> String {
    tokens::create_token(
        &app.ctx,
        actor,
        CreateToken {
            name: "deploy script",
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            expires_on: None,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .token
}

async fn token_works(app: &TestApp, secret: &str) -> bool {
    tokens::authenticate_token(&app.ctx, secret, &home())
        .await
        .is_ok()
}

fn set_recovery(address: Option<&str>, password: Option<&str>) -> ProfilePatch {
    ProfilePatch {
        recovery_email: Some(address.map(str::to_string)),
        current_password: password.map(str::to_string),
        ..ProfilePatch::default()
    }
}

/// Set and verify a recovery address.
async fn recovery_set(app: &TestApp, actor: &Actor, address: &str) {
    accounts::update_profile(&app.ctx, actor, set_recovery(Some(address), Some(PASSWORD)))
        .await
        .unwrap();
    let token = token_mailed(app, address, "recovery_verify").await;
    accounts::verify_email(&app.ctx, &token, &home())
        .await
        .unwrap();
}

both_engines!(changing_the_recovery_address_needs_the_current_password);
async fn changing_the_recovery_address_needs_the_current_password(app: Arc<TestApp>) {
    // proves: ACC-3, SEC-5
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    recovery_set(&app, &ada, "ada.backup@example.org").await;
    // A token holding every scope is not enough without the password: a
    // stolen token or session cannot redirect reset links.
    let stolen = token_of(&app, &ada, &["profile:write", "security:write"]).await;
    let thief = tokens::authenticate_token(&app.ctx, &stolen, &home())
        .await
        .unwrap()
        .actor;
    for actor in [&ada, &thief] {
        for address in [Some("thief@example.test"), None] {
            assert_eq!(
                invalid_fields(
                    accounts::update_profile(&app.ctx, actor, set_recovery(address, None)).await
                ),
                [("current_password".to_string(), "password_required")]
            );
        }
        assert_eq!(
            invalid_fields(
                accounts::update_profile(
                    &app.ctx,
                    actor,
                    set_recovery(Some("thief@example.test"), Some("guess"))
                )
                .await
            ),
            [("current_password".to_string(), "wrong_password")]
        );
    }
    assert!(app.mails_to("thief@example.test").await.is_empty());
    // Guesses through this door are throttled like every password check.
    for _ in 0..3 {
        let _ = accounts::update_profile(
            &app.ctx,
            &thief,
            set_recovery(Some("thief@example.test"), Some("guess")),
        )
        .await;
    }
    assert!(
        retry_after(
            accounts::update_profile(
                &app.ctx,
                &thief,
                set_recovery(Some("thief@example.test"), Some(PASSWORD))
            )
            .await
        ) >= 1
    );
    // The name needs no password.
    accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            name: Some("Ada King".into()),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
}

both_engines!(a_recovery_change_is_told_to_the_old_addresses_with_a_link_that_undoes_it);
async fn a_recovery_change_is_told_to_the_old_addresses_with_a_link_that_undoes_it(
    app: Arc<TestApp>,
) {
    // proves: ACC-3, SEC-5
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    recovery_set(&app, &ada, "ada.backup@example.org").await;
    // Someone with Ada's session and password moves the recovery address
    // to their own, makes a token and asks for a reset link.
    let laptop = sign_in(&app, "ada@example.test").await;
    let thief = session_actor(&app, &laptop).await;
    let token = token_of(&app, &thief, &["profile:read"]).await;
    // Mails of one instant have no order: the clock moves between the two
    // changes, so that "the latest" is the thief's.
    app.advance(jiff::SignedDuration::from_secs(1));
    recovery_set(&app, &thief, "thief@example.test").await;
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let thiefs_reset = token_mailed(&app, "thief@example.test", "reset_password").await;

    // The login address and the replaced address are both told, each with
    // its own undo link.
    let to_login = mail(&app, "ada@example.test", "recovery_changed").await;
    let to_old = mail(&app, "ada.backup@example.org", "recovery_changed").await;
    assert!(
        to_login.text.contains("thief@example.test"),
        "{}",
        to_login.text
    );
    assert!(
        to_old.text.contains("/undo-recovery-change?token="),
        "{}",
        to_old.text
    );
    let (undo_login, undo_old) = (link_token(&to_login), link_token(&to_old));
    assert_ne!(undo_login, undo_old);

    accounts::check_undo_link(&app.ctx, &undo_old)
        .await
        .unwrap();
    accounts::undo_recovery_change(&app.ctx, &undo_old, &home())
        .await
        .unwrap();

    let profile = accounts::get_profile(&app.ctx, &ada).await.unwrap();
    assert_eq!(
        profile.recovery_email.as_deref(),
        Some("ada.backup@example.org")
    );
    // Whoever made the change knew the password: their session, their
    // token and their reset link are gone, and so is every other undo link.
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &laptop.token).await),
        "not_authenticated"
    );
    assert!(!token_works(&app, &token).await);
    assert_eq!(
        error_code(security::check_reset_link(&app.ctx, &thiefs_reset).await),
        "invalid_link"
    );
    assert_eq!(
        error_code(accounts::undo_recovery_change(&app.ctx, &undo_login, &home()).await),
        "invalid_link"
    );
    assert_eq!(
        times_logged(&app, &ada_id, "recovery_email_change_undone").await,
        1
    );
    // The login address alone gets a link to choose a new password.
    let fresh = token_mailed(&app, "ada@example.test", "recovery_change_undone").await;
    assert_eq!(
        templates_to(&app, "thief@example.test").await,
        ["recovery_verify", "reset_password"]
    );
    security::reset_password(&app.ctx, &fresh, NEW_PASSWORD, &home())
        .await
        .unwrap();
    sign_in_with(&app, "ada@example.test", NEW_PASSWORD, &home()).await;
}

both_engines!(removing_the_recovery_address_can_be_undone_too);
async fn removing_the_recovery_address_can_be_undone_too(app: Arc<TestApp>) {
    // proves: ACC-3
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    recovery_set(&app, &ada, "ada.backup@example.org").await;
    let laptop = sign_in(&app, "ada@example.test").await;
    accounts::update_profile(&app.ctx, &ada, set_recovery(None, Some(PASSWORD)))
        .await
        .unwrap();
    let undo = token_mailed(&app, "ada.backup@example.org", "recovery_removed").await;
    mail(&app, "ada@example.test", "recovery_removed").await;
    accounts::undo_recovery_change(&app.ctx, &undo, &home())
        .await
        .unwrap();
    // Ada's own sessions ended with the undo.
    assert_eq!(
        error_code(security::authenticate_session(&app.ctx, &laptop.token).await),
        "not_authenticated"
    );
    let profile = accounts::get_profile(&app.ctx, &ada).await.unwrap();
    assert_eq!(
        profile.recovery_email.as_deref(),
        Some("ada.backup@example.org")
    );
    // A link works once.
    assert_eq!(
        error_code(accounts::undo_recovery_change(&app.ctx, &undo, &home()).await),
        "invalid_link"
    );
}

both_engines!(a_password_reset_ends_every_session_and_every_token);
async fn a_password_reset_ends_every_session_and_every_token(app: Arc<TestApp>) {
    // proves: ACC-3, API-1
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let script = token_of(&app, &ada, &["profile:read"]).await;
    assert!(token_works(&app, &script).await);
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let link = token_mailed(&app, "ada@example.test", "reset_password").await;
    security::reset_password(&app.ctx, &link, NEW_PASSWORD, &home())
        .await
        .unwrap();
    assert!(!token_works(&app, &script).await);
    let done = mail(&app, "ada@example.test", "password_reset_done").await;
    assert!(done.text.contains("API token"), "{}", done.text);
}

both_engines!(a_password_change_revokes_the_tokens_when_asked);
async fn a_password_change_revokes_the_tokens_when_asked(app: Arc<TestApp>) {
    // proves: API-1
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let script = token_of(&app, &ada, &["profile:read"]).await;
    security::change_password(&app.ctx, &ada, PASSWORD, NEW_PASSWORD, false)
        .await
        .unwrap();
    assert!(token_works(&app, &script).await);
    let kept = mails_of(&app, "ada@example.test", "password_changed").await;
    assert!(
        kept[0].text.contains("API tokens still work"),
        "{}",
        kept[0].text
    );

    security::change_password(&app.ctx, &ada, NEW_PASSWORD, PASSWORD, true)
        .await
        .unwrap();
    assert!(!token_works(&app, &script).await);
    let revoked = mails_of(&app, "ada@example.test", "password_changed").await;
    assert!(
        revoked.iter().any(|m| m.text.contains("were revoked too")),
        "{revoked:#?}"
    );
}
