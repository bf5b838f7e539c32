//! Passwords (ACC-1, ACC-3, SEC-5): change knowing the current one, or
//! reset through a link mailed to the login and recovery addresses.

use super::{SecurityEvent, confirm_password, log_event, sessions::end_sessions_of, throttle};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target, Via},
    accounts::{
        EmailAddress, NewPassword, RequestMeta, hash_secret, invalid_link, mail_user, meta_of,
        send_link, store as accounts_store, user_of,
    },
    error::Result,
    tokens,
};

/// Change the password, knowing the current one. Other sessions end, and
/// the API tokens too when `revoke_tokens` (offered, since a password that
/// leaked may have made tokens); the user is told by mail.
pub async fn change_password(
    ctx: &Ctx,
    actor: &Actor,
    current: &str,
    new: &str,
    revoke_tokens: bool,
) -> Result<()> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let user = user_of(ctx, actor).await?;
    let new = NewPassword::parse(new, "new_password", &[&user.email, &user.name])?;
    confirm_password(ctx, &user, current, "current_password").await?;
    let hash = ctx.hasher.hash(new.expose()).await?;
    let now = ctx.clock.now().as_millisecond();
    let keep = match &actor.via {
        Via::Session { session_id } => Some(session_id.as_str()),
        _ => None,
    };
    let mut tx = ctx.db.begin().await?;
    accounts_store::set_password(tx.conn(), &user.id, &hash, now).await?;
    end_sessions_of(tx.conn(), &user.id, keep, now).await?;
    if revoke_tokens {
        tokens::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    }
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::PasswordChanged,
        &meta_of(actor),
        if revoke_tokens { "tokens revoked" } else { "" },
    )
    .await?;
    let tokens = if revoke_tokens { "revoked" } else { "kept" };
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "password_changed",
        vec![("tokens", tokens.to_string())],
    )
    .await?;
    tx.commit().await
}

/// ACC-3: mail a reset link (valid an hour) to the login address and to the
/// verified recovery address, each its own link. The login address always
/// hears of it: a recovery address someone else set could not then take the
/// account over unseen. Same answer whatever the address.
pub async fn request_password_reset(ctx: &Ctx, email: &str, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(email, "email")?;
    let now = ctx.clock.now().as_millisecond();
    let keys = throttle::mail_request_keys(email.lower(), &meta.ip);
    throttle::attempt(&ctx.db, &keys, now).await?;
    let mut tx = ctx.db.begin().await?;
    if let Some(user) = accounts_store::user_by_email(tx.conn(), email.lower()).await? {
        let mut to = vec![user.email.as_str()];
        to.extend(user.recovery_email.as_deref());
        let valid = ctx.config.accounts.reset_link_ms();
        send_link(
            tx.conn(),
            ctx,
            &user,
            "reset_password",
            &to,
            valid,
            "/reset-password",
            "reset_password",
        )
        .await?;
        log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::PasswordResetRequested,
            meta,
            "",
        )
        .await?;
    }
    tx.commit().await
}

/// Is this reset (or staff set-up) link still good? For the page that shows
/// the form.
pub async fn check_reset_link(ctx: &Ctx, token: &str) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    match accounts_store::email_token_by_hash(c.conn(), &hash_secret(token)).await? {
        Some(t)
            if (t.purpose == "reset_password" || t.purpose == "staff_setup")
                && t.used_at.is_none()
                && t.expires_at > now =>
        {
            Ok(())
        }
        _ => Err(invalid_link()),
    }
}

/// Set a new password through a reset (or set-up) link. Every session and
/// every API token ends; the user is told by mail.
pub async fn reset_password(ctx: &Ctx, token: &str, new: &str, meta: &RequestMeta) -> Result<()> {
    check_reset_link(ctx, token).await?;
    let now = ctx.clock.now().as_millisecond();
    let (t, user) = {
        let mut c = ctx.db.acquire().await?;
        let t = accounts_store::email_token_by_hash(c.conn(), &hash_secret(token))
            .await?
            .ok_or_else(invalid_link)?;
        let user = accounts_store::user_by_id(c.conn(), &t.user_id)
            .await?
            .ok_or_else(invalid_link)?;
        (t, user)
    };
    let new = NewPassword::parse(new, "password", &[&user.email, &user.name])?;
    let hash = ctx.hasher.hash(new.expose()).await?;
    let mut tx = ctx.db.begin().await?;
    if !accounts_store::use_email_token(tx.conn(), &t.id, now).await? {
        return Err(invalid_link());
    }
    // The same reset's link to the other address dies with this one.
    accounts_store::retire_email_tokens(tx.conn(), &user.id, &t.purpose, now).await?;
    accounts_store::set_password(tx.conn(), &user.id, &hash, now).await?;
    // Whoever knew the old password may have a session or have made a
    // token: both end.
    end_sessions_of(tx.conn(), &user.id, None, now).await?;
    tokens::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    // The link went to the login address: that proves the address too.
    if t.email.eq_ignore_ascii_case(&user.email) {
        accounts_store::mark_email_verified(tx.conn(), &user.id, now).await?;
    }
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::PasswordReset,
        meta,
        "",
    )
    .await?;
    mail_user(tx.conn(), ctx, &user, "password_reset_done", vec![]).await?;
    tx.commit().await
}
