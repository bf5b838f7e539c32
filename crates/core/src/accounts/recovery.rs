//! ACC-3: the recovery address changes are announced with a link that
//! undoes them; following it puts the old address back and locks out
//! whoever made the change.

use super::{
    common::{RequestMeta, hours_ms, lang_of},
    hash_secret,
    mail::{invalid_link, link, send_link},
    new_secret, store,
};
use crate::ids::EmailTokenId;
use crate::{
    Ctx,
    db::Conn,
    error::Result,
    outbox::{self, MailRequest},
    security::{self, SecurityEvent},
    tokens,
};

/// ACC-3: tell the login address and the recovery address being replaced
/// (`old`) that the recovery address changed, each with its own link that
/// puts `old` back. Earlier undo links stay good: a second change must not
/// take the owner's way back away.
pub(super) async fn announce_recovery_change(
    mut c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    old: Option<&str>,
    template: &str,
    args: Vec<(&str, String)>,
) -> Result<()> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let valid = hours_ms(ctx.config.accounts.undo_link_hours);
    let lang = lang_of(user);
    let mut to = vec![user.email.as_str()];
    to.extend(old);
    for to in to {
        let secret = new_secret();
        store::insert_email_token(
            c.reborrow(),
            &EmailTokenId::new(now),
            &user.id,
            "undo_recovery_change",
            &hash_secret(&secret),
            // What the undo puts back (empty: no recovery address).
            old.unwrap_or_default(),
            ms,
            ms + valid,
        )
        .await?;
        let mut args = args.clone();
        args.push(("link", link(ctx, "/undo-recovery-change", &secret)));
        args.push(("within", ctx.i18n.within(lang, valid)));
        args.push(("name", user.name.clone()));
        outbox::enqueue_mail(
            c.reborrow(),
            ctx,
            MailRequest {
                to,
                lang,
                template,
                args,
            },
        )
        .await?;
    }
    Ok(())
}

/// Is this undo link still good? For the page that asks to confirm.
pub async fn check_undo_link(ctx: &Ctx, token: &str) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    match store::email_token_by_hash(c.conn(), &hash_secret(token)).await? {
        Some(t)
            if t.purpose == "undo_recovery_change" && t.used_at.is_none() && t.expires_at > now =>
        {
            Ok(())
        }
        _ => Err(invalid_link()),
    }
}

/// ACC-3: follow the link mailed when the recovery address changed. The
/// old address is back; whoever made the change knew the password, so every
/// session and API token ends, every other pending link (reset, undo,
/// verification) dies, and the login address alone gets a reset link.
pub async fn undo_recovery_change(ctx: &Ctx, token: &str, meta: &RequestMeta) -> Result<()> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let t = store::email_token_by_hash(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(invalid_link)?;
    if t.purpose != "undo_recovery_change" || !store::use_email_token(tx.conn(), &t.id, now).await?
    {
        return Err(invalid_link());
    }
    let user = store::user_by_id(tx.conn(), &t.user_id)
        .await?
        .ok_or_else(invalid_link)?;
    let restored = Some(t.email.as_str()).filter(|a| !a.is_empty());
    store::set_recovery_email(tx.conn(), &user.id, restored, now).await?;
    for purpose in [
        "undo_recovery_change",
        "reset_password",
        "verify_recovery_email",
    ] {
        store::retire_email_tokens(tx.conn(), &user.id, purpose, now).await?;
    }
    security::end_sessions_of(tx.conn(), &user.id, None, now).await?;
    tokens::revoke_tokens_of(tx.conn(), &user.id, now).await?;
    security::log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::RecoveryEmailChangeUndone,
        meta,
        restored.unwrap_or_default(),
    )
    .await?;
    let valid = ctx.config.accounts.reset_link_ms();
    send_link(
        tx.conn(),
        ctx,
        &user,
        "reset_password",
        &[&user.email],
        valid,
        "/reset-password",
        "recovery_change_undone",
    )
    .await?;
    tx.commit().await
}
