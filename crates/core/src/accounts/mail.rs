//! Mail to a user: notices of a change, and single-use links
//! (verification, reset, undo) kept hashed in `email_tokens`.

use super::{common::lang_of, hash_secret, new_secret, store};
use crate::ids::EmailTokenId;
use crate::{
    Ctx,
    db::Conn,
    error::{Error, Result},
    outbox::{self, MailRequest},
};

/// The public URL of a page that takes a link secret.
pub(crate) fn link(ctx: &Ctx, path: &str, token: &str) -> String {
    format!(
        "{}{path}?token={token}",
        ctx.config.public_url.trim_end_matches('/')
    )
}

/// Make and mail a single-use link to each address of `to` (each its own
/// link, so that following one tells which mailbox it reached). Older links
/// of the same purpose stop working.
#[expect(clippy::too_many_arguments, reason = "the link's parts")]
pub(crate) async fn send_link(
    mut c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    purpose: &str,
    to: &[&str],
    valid_ms: i64,
    path: &str,
    template: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    store::retire_email_tokens(c.reborrow(), &user.id, purpose, ms).await?;
    let lang = lang_of(user);
    for to in to {
        let secret = new_secret();
        store::insert_email_token(
            c.reborrow(),
            &EmailTokenId::new(now),
            &user.id,
            purpose,
            &hash_secret(&secret),
            to,
            ms,
            ms + valid_ms,
        )
        .await?;
        let url = link(ctx, path, &secret);
        outbox::enqueue_mail(
            c.reborrow(),
            ctx,
            MailRequest {
                to,
                lang,
                template,
                // The validity as configured, not a figure fixed in the text.
                args: vec![
                    ("link", url),
                    ("within", ctx.i18n.within(lang, valid_ms)),
                    ("name", user.name.clone()),
                ],
            },
        )
        .await?;
    }
    Ok(())
}

/// Tell the user by mail that a credential changed (SEC-5 / issue rule:
/// every credential change is mailed).
pub(crate) async fn mail_user(
    c: Conn<'_>,
    ctx: &Ctx,
    user: &store::UserRow,
    template: &str,
    mut args: Vec<(&str, String)>,
) -> Result<()> {
    // The greeting's name: the user's, whatever the template's own
    // arguments are.
    args.push(("name", user.name.clone()));
    outbox::enqueue_mail(
        c,
        ctx,
        MailRequest {
            to: &user.email,
            lang: lang_of(user),
            template,
            args,
        },
    )
    .await?;
    Ok(())
}

/// The answer to a link that is unknown, used, expired or not for this.
pub(crate) fn invalid_link() -> Error {
    Error::bad_request(
        "invalid_link",
        "This link is invalid, already used or expired.",
    )
}
