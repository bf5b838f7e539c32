//! The hand-over of the legal representative's role (ORG-6).

use crate::ids::{HandoverId, OrgId, UserId};
use serde::Serialize;
use serde_json::json;

use super::{
    Role,
    standing::{WAIT_MS, allowed, now_ms},
    store,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    accounts,
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    outbox::{self, MailRequest},
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandoverView {
    #[schema(value_type = String)]
    pub id: HandoverId,
    #[schema(value_type = String)]
    pub from_user_id: UserId,
    #[schema(value_type = String)]
    pub to_user_id: UserId,
    pub created_at: i64,
    pub expires_at: i64,
}

/// ORG-6: the legal representative names an owner to take over; the owner
/// accepts. Both get a mail at each step.
pub async fn start_handover(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    to_user_id: &str,
) -> Result<HandoverView> {
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5); decided under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    // ORG-6: only the legal representative hands the role over.
    allowed(tx.conn(), actor, org_id, Action::HandOver).await?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    if store::member_role(tx.conn(), org_id, to_user_id)
        .await?
        .as_deref()
        != Some("owner")
    {
        return Err(Error::invalid(
            "user_id",
            "not_an_owner",
            "Name an owner of this organisation.",
        ));
    }
    let h = store::HandoverRow {
        id: HandoverId::new(now),
        org_id: org_id.clone(),
        from_user_id: actor.user_id.clone(),
        // An owner's id, just read from the members: one of ours.
        to_user_id: UserId::from_stored(to_user_id.to_owned()),
        created_at: ms,
        expires_at: ms + WAIT_MS,
    };
    store::insert_handover(tx.conn(), &h, ms).await?;
    mail_handover(tx.conn(), ctx, &h, "handover_requested").await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::HandoverRequested,
            target: &format!("user:{to_user_id}"),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(HandoverView {
        id: h.id,
        from_user_id: h.from_user_id,
        to_user_id: h.to_user_id,
        created_at: ms / 1000,
        expires_at: h.expires_at / 1000,
    })
}

async fn mail_handover(
    mut c: Conn<'_>,
    ctx: &Ctx,
    h: &store::HandoverRow,
    template: &str,
) -> Result<()> {
    let org = store::org(c.reborrow(), &h.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let link = format!(
        "{}/orgs/{}",
        ctx.config.public_url.trim_end_matches('/'),
        org.id
    );
    for user_id in [&h.from_user_id, &h.to_user_id] {
        if let Some(u) = accounts::store::user_by_id(c.reborrow(), user_id).await? {
            let lang = Lang::parse(&u.language).unwrap_or_default();
            outbox::enqueue_mail(
                c.reborrow(),
                ctx,
                MailRequest {
                    to: &u.email,
                    lang,
                    template,
                    args: vec![("org", org.name.clone()), ("link", link.clone())],
                },
            )
            .await?;
        }
    }
    Ok(())
}

pub async fn pending_handover(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
) -> Result<Option<HandoverView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewOrg).await?;
    Ok(store::pending_handover(c.conn(), org_id, now_ms(ctx))
        .await?
        .map(|h| HandoverView {
            id: h.id,
            from_user_id: h.from_user_id,
            to_user_id: h.to_user_id,
            created_at: h.created_at / 1000,
            expires_at: h.expires_at / 1000,
        }))
}

/// The named owner accepts: they become the legal representative, the
/// previous one an owner.
pub async fn accept_handover(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5); decided under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::ViewOrg).await?;
    access::check(actor, Action::ChangeOrg, Target::User(&actor.user_id))?;
    let now = now_ms(ctx);
    let h = store::pending_handover(tx.conn(), org_id, now)
        .await?
        .filter(|h| h.to_user_id == actor.user_id)
        .ok_or(Error::NotFound)?;
    // ORG-6 hands over to an owner: one demoted (or gone) since being named
    // does not take over.
    if store::member_role(tx.conn(), org_id, &h.to_user_id)
        .await?
        .as_deref()
        != Some(Role::Owner.as_str())
    {
        return Err(Error::conflict(
            "not_an_owner",
            "You are no longer an owner of this organisation, so the hand-over cannot complete.",
        ));
    }
    if !store::accept_handover(tx.conn(), &h.id, now).await? {
        return Err(Error::NotFound);
    }
    store::set_role(tx.conn(), org_id, &h.from_user_id, Role::Owner).await?;
    store::set_role(tx.conn(), org_id, &h.to_user_id, Role::LegalRepresentative).await?;
    mail_handover(tx.conn(), ctx, &h, "handover_done").await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::HandoverAccepted,
            target: &format!("user:{}", h.to_user_id),
            before: Some(json!({"legal_representative": h.from_user_id})),
            after: Some(json!({"legal_representative": h.to_user_id})),
        },
    )
    .await?;
    tx.commit().await
}
