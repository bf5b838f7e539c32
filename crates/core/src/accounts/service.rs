//! The operators' account operations (`guichet admin …`) and the purge
//! sweep of the accounts' links.

use super::{
    EmailAddress, NewPassword,
    common::{RequestMeta, hours_ms},
    mail::send_link,
    signup::{NewAccount, create_account},
    store,
};
use crate::ids::UserId;
use crate::{
    Ctx,
    access::Via,
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
};

/// The accounts area's sweeps, gathered by `jobs::all`.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![crate::jobs::Sweep {
        name: "accounts.purge",
        every: std::time::Duration::from_secs(3600),
        run: |ctx| Box::pin(purge_expired(ctx)),
        per_instance: false,
    }]
}

/// `accounts.purge`: forget old links, and through their owners ended
/// sessions, idle throttles and spent rate-limit rows.
pub async fn purge_expired(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let mut n = store::purge_expired_links(c.conn(), now).await?;
    n += crate::security::purge_expired(c.conn(), now).await?;
    drop(c);
    n += crate::tokens::ratelimit::purge(ctx).await?;
    Ok(crate::jobs::SweepReport { done: n, failed: 0 })
}

// ---------------------------------------------------------------- operators

// Staff accounts, roles, sessions and tokens live in `crate::staff`; the
// old paths stay so that callers move at their pace.
pub use crate::staff::{StaffRole, StaffSetup, create_staff, staff_roles};

/// A verified account without a known password, for `staff::create_staff`
/// (an account is made here, with its personal organisation, ACC-7).
pub(crate) async fn create_staff_account(
    c: Conn<'_>,
    ctx: &Ctx,
    email: &EmailAddress,
    placeholder_hash: &str,
    verified_at: i64,
) -> Result<store::UserRow> {
    create_account(
        c,
        ctx,
        NewAccount {
            email,
            password_hash: placeholder_hash,
            name: "",
            language: Lang::parse(&ctx.config.default_language).unwrap_or_default(),
            verified_at: Some(verified_at),
            via: Via::Operator,
            meta: &RequestMeta::default(),
            personal_org: true,
        },
    )
    .await
}

/// `guichet admin create-user`: import a customer with a known password.
pub async fn create_user(ctx: &Ctx, email: &str, password: &str, verified: bool) -> Result<UserId> {
    let email = EmailAddress::parse(email, "email")?;
    let password = NewPassword::parse(password, "password", &[email.as_str()])?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if store::user_by_email(tx.conn(), email.lower())
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "email_taken",
            "This address already has an account.",
        ));
    }
    let lang = Lang::parse(&ctx.config.default_language).unwrap_or_default();
    let user = create_account(
        tx.conn(),
        ctx,
        NewAccount {
            email: &email,
            password_hash: &hash,
            name: "",
            language: lang,
            verified_at: verified.then_some(ms),
            via: Via::Operator,
            meta: &RequestMeta::default(),
            personal_org: true,
        },
    )
    .await?;
    if !verified {
        let valid = hours_ms(ctx.config.accounts.verification_link_hours);
        send_link(
            tx.conn(),
            ctx,
            &user,
            "verify_email",
            &[&user.email],
            valid,
            "/verify-email",
            "verify_email",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(user.id)
}
