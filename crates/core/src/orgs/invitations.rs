//! Invitations (ORG-2): sent by address with the role and rights chosen
//! now; previewed and accepted through the link of the mail.

use crate::ids::{InvitationId, OrgId, UserId};
use serde::Serialize;
use serde_json::json;

use super::{
    OrgKind, OrgSummary, Paged, RightSet, Role, Window,
    standing::{WAIT_MS, allowed, now_ms},
    store,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    accounts::{self, EmailAddress, hash_secret, new_secret},
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    outbox::{self, MailRequest},
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitationView {
    #[schema(value_type = String)]
    pub id: InvitationId,
    pub email: String,
    pub role: Role,
    pub rights: Vec<String>,
    #[schema(value_type = String)]
    pub invited_by: UserId,
    pub created_at: i64,
    pub expires_at: i64,
    /// `pending` or `expired` (accepted and revoked ones are not listed).
    pub status: String,
}

fn invitation_view(i: store::InvitationRow, now: i64) -> InvitationView {
    InvitationView {
        status: if i.expires_at > now {
            "pending".into()
        } else {
            "expired".into()
        },
        role: Role::parse(&i.role).unwrap_or(Role::User),
        rights: RightSet::from_stored(i.rights.split_whitespace()).names(),
        id: i.id,
        email: i.email,
        invited_by: i.invited_by,
        created_at: i.created_at / 1000,
        expires_at: i.expires_at / 1000,
    }
}

pub struct Invite<'a> {
    pub email: &'a str,
    /// Owner or user (the legal representative is never invited).
    pub role: Role,
    pub rights: Vec<String>,
}

/// ORG-2: invite by address, with the role and rights chosen now. The mail
/// carries a link: a person without an account signs up through it; an
/// existing user signs in and accepts.
pub async fn invite(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: Invite<'_>,
) -> Result<InvitationView> {
    let mut tx = ctx.db.begin().await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let email = EmailAddress::parse(input.email, "email")?;
    if input.role == Role::LegalRepresentative {
        return Err(Error::invalid(
            "role",
            "invalid_role",
            "Invite an owner or a user.",
        ));
    }
    let rights = RightSet::parse_list(input.rights.iter().map(String::as_str))?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    // One pending invitation per address: concurrent invitations queue here.
    store::lock_org(tx.conn(), org_id).await?;
    check_invitable(tx.conn(), org_id, email.lower(), ms, None).await?;
    let row = store::InvitationRow {
        id: InvitationId::new(now),
        org_id: org_id.clone(),
        email: email.as_str().to_string(),
        role: input.role.as_str().to_string(),
        rights: rights.names().join(" "),
        invited_by: actor.user_id.clone(),
        created_at: ms,
        expires_at: ms + WAIT_MS,
        accepted_at: None,
        revoked_at: None,
    };
    let secret = new_secret();
    store::insert_invitation(tx.conn(), &row, &hash_secret(&secret)).await?;
    mail_invitation(tx.conn(), ctx, &row, &secret).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::InvitationCreated,
            target: &format!("invitation:{}", row.id),
            before: None,
            after: Some(json!({"email": row.email, "role": row.role, "rights": rights.names()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(invitation_view(row, ms))
}

/// ORG-2's rules for sending an invitation to an address, new or again
/// (`again`: the invitation being renewed): not to a member, and one
/// pending invitation per address. Run under the organisation's lock.
async fn check_invitable(
    mut c: Conn<'_>,
    org_id: &OrgId,
    email_lower: &str,
    now: i64,
    again: Option<&str>,
) -> Result<()> {
    if let Some(u) = accounts::store::user_by_email(c.reborrow(), email_lower).await?
        && store::member_role(c.reborrow(), org_id, &u.id)
            .await?
            .is_some()
    {
        return Err(Error::conflict(
            "already_member",
            "This person is already a member.",
        ));
    }
    if store::open_invitation_for(c, org_id, email_lower, now)
        .await?
        .is_some_and(|open| Some(open.as_str()) != again)
    {
        return Err(Error::conflict(
            "invitation_pending",
            "This address already has a pending invitation; resend that one instead.",
        ));
    }
    Ok(())
}

async fn mail_invitation(
    mut c: Conn<'_>,
    ctx: &Ctx,
    inv: &store::InvitationRow,
    secret: &str,
) -> Result<()> {
    let org = store::org(c.reborrow(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let inviter = accounts::store::user_by_id(c.reborrow(), &inv.invited_by).await?;
    // The invitee's own language if they have an account, else the org's.
    let lang = match accounts::store::user_by_email(c.reborrow(), &inv.email.to_lowercase()).await?
    {
        Some(u) => Lang::parse(&u.language),
        None => Lang::parse(&org.language),
    }
    .unwrap_or_default();
    let inviter = inviter
        .map(|u| if u.name.is_empty() { u.email } else { u.name })
        .unwrap_or_default();
    let link = format!(
        "{}/invitations/{secret}",
        ctx.config.public_url.trim_end_matches('/')
    );
    outbox::enqueue_mail(
        c,
        ctx,
        MailRequest {
            to: &inv.email,
            lang,
            template: "org_invitation",
            args: vec![("org", org.name), ("inviter", inviter), ("link", link)],
        },
    )
    .await?;
    Ok(())
}

pub async fn list_invitations(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
) -> Result<Vec<InvitationView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewInvitations).await?;
    let now = now_ms(ctx);
    Ok(store::invitations(c.conn(), org_id)
        .await?
        .into_iter()
        .map(|i| invitation_view(i, now))
        .collect())
}

/// One page of the pending and expired invitations, paged in SQL.
pub async fn list_invitations_page(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<InvitationView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewInvitations).await?;
    let now = now_ms(ctx);
    let rows = store::invitations_window(c.conn(), org_id, window.offset, window.limit).await?;
    Ok(Paged {
        items: rows.into_iter().map(|i| invitation_view(i, now)).collect(),
        total: store::count_invitations(c.conn(), org_id).await?,
    })
}

/// Send again with a new link, valid 7 more days (the old link stops).
pub async fn resend_invitation(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &InvitationId,
) -> Result<InvitationView> {
    let mut tx = ctx.db.begin().await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let now = now_ms(ctx);
    let secret = new_secret();
    // The same lock as `invite`: one pending invitation per address.
    store::lock_org(tx.conn(), org_id).await?;
    let mut inv = store::invitation(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    // Renewing an expired invitation must not make a second pending one
    // for an address invited again since, nor invite someone who joined.
    check_invitable(
        tx.conn(),
        org_id,
        &inv.email.to_lowercase(),
        now,
        Some(&inv.id),
    )
    .await?;
    if store::renew_invitation(tx.conn(), id, &hash_secret(&secret), now + WAIT_MS).await? == 0 {
        return Err(Error::NotFound);
    }
    inv.expires_at = now + WAIT_MS;
    mail_invitation(tx.conn(), ctx, &inv, &secret).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::InvitationResent,
            target: &format!("invitation:{id}"),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(invitation_view(inv, now))
}

pub async fn revoke_invitation(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &InvitationId,
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let now = now_ms(ctx);
    let inv = store::invitation(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    if store::revoke_invitation(tx.conn(), id, now).await? == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::InvitationRevoked,
            target: &format!("invitation:{id}"),
            before: Some(json!({"email": inv.email})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitationPreview {
    #[schema(value_type = String)]
    pub org_id: OrgId,
    pub org_name: String,
    pub email: String,
    pub role: Role,
    /// `pending`, `expired`, `accepted` or `revoked`.
    pub status: String,
}

pub async fn preview_invitation(ctx: &Ctx, token: &str) -> Result<InvitationPreview> {
    let now = now_ms(ctx);
    let mut c = ctx.db.acquire().await?;
    let inv = store::invitation_by_token(c.conn(), &hash_secret(token))
        .await?
        .ok_or(Error::NotFound)?;
    let org = store::org(c.conn(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let status = if inv.accepted_at.is_some() {
        "accepted"
    } else if inv.revoked_at.is_some() {
        "revoked"
    } else if inv.expires_at <= now {
        "expired"
    } else {
        "pending"
    };
    Ok(InvitationPreview {
        org_id: org.id,
        org_name: org.name,
        email: inv.email,
        role: Role::parse(&inv.role).unwrap_or(Role::User),
        status: status.into(),
    })
}

/// Is `token` a pending invitation of `email_lower`? Someone signing up
/// through it comes to join an organisation, not alone: their account gets
/// no personal organisation (ACC-7 gives one to a user who signs up alone).
/// Read in the sign-up's transaction; a link for another address, spent,
/// revoked or expired is no such invitation.
pub async fn invites(mut c: Conn<'_>, ctx: &Ctx, token: &str, email_lower: &str) -> Result<bool> {
    let now = now_ms(ctx);
    Ok(
        store::invitation_by_token(c.reborrow(), &hash_secret(token))
            .await?
            .is_some_and(|inv| {
                inv.email.to_lowercase() == email_lower
                    && inv.accepted_at.is_none()
                    && inv.revoked_at.is_none()
                    && inv.expires_at > now
            }),
    )
}

/// ORG-2: the invited person, signed in with the invited address (verified),
/// accepts: they become a member with the role and rights chosen.
pub async fn accept_invitation(ctx: &Ctx, actor: &Actor, token: &str) -> Result<OrgSummary> {
    access::check(actor, Action::LeaveOrg, Target::User(&actor.user_id))?;
    let now = now_ms(ctx);
    let gone = || {
        Error::bad_request(
            "invalid_invitation",
            "This invitation is invalid, expired, revoked or already accepted.",
        )
    };
    let mut tx = ctx.db.begin().await?;
    let inv = store::invitation_by_token(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(gone)?;
    let user = accounts::store::user_by_id(tx.conn(), &actor.user_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !user.email_lower.eq_ignore_ascii_case(&inv.email) || user.email_verified_at.is_none() {
        return Err(Error::forbidden(
            "wrong_account",
            "This invitation was sent to another address: sign in with that one.",
        ));
    }
    if store::member_role(tx.conn(), &inv.org_id, &user.id)
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "already_member",
            "You are already a member of this organisation.",
        ));
    }
    if !store::accept_invitation(tx.conn(), &inv.id, &user.id, now).await? {
        return Err(gone());
    }
    let role = Role::parse(&inv.role).unwrap_or(Role::User);
    store::insert_member(tx.conn(), &inv.org_id, &user.id, role, now).await?;
    let rights: Vec<String> = inv.rights.split_whitespace().map(str::to_string).collect();
    store::set_rights(
        tx.conn(),
        &inv.org_id,
        &format!("user:{}", user.id),
        &rights,
        now,
    )
    .await?;
    audit::record(tx.conn(), ctx, actor, Change {
        org_id: &inv.org_id,
        action: AuditAction::MemberJoined,
        target: &format!("user:{}", user.id),
        before: None,
        after: Some(json!({"email": user.email, "role": role.as_str(), "rights": rights, "invitation": inv.id})),
    })
    .await?;
    let org = store::org(tx.conn(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(OrgSummary {
        kind: OrgKind::parse(&org.kind).unwrap_or(OrgKind::Individual),
        id: org.id,
        name: org.name,
        role,
    })
}
