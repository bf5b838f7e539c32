//! Members (ORG-3, ORG-5): their list, changes of role and rights,
//! removal, and leaving.

use crate::ids::{OrgId, UserId};
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use super::{
    LeaveRefusal, Paged, RightSet, Role, Window,
    standing::{allowed, now_ms, standing},
    store,
};
use crate::{
    Ctx,
    access::{Action, Actor, Standing},
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, Result},
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Rights granted to the member directly.
    pub rights: Vec<String>,
    /// Teams the member is in.
    pub teams: Vec<String>,
    pub joined_at: i64,
    /// What the caller may do to this member: `manage_members` (change
    /// the role or rights) and `remove_members` (not offered for the legal
    /// representative, who hands over first).
    pub actions: Vec<Action>,
}

/// ORG-3: the members with their rights and teams (three queries, whatever
/// the number of members).
pub async fn list_members(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<Vec<MemberView>> {
    let mut c = ctx.db.acquire().await?;
    let st = allowed(c.conn(), actor, org_id, Action::ViewMembers).await?;
    member_views(c.conn(), &st, org_id, None)
        .await
        .map(|p| p.items)
}

/// ORG-3: one page of the members, paged in SQL.
pub async fn list_members_page(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<MemberView>> {
    let mut c = ctx.db.acquire().await?;
    let st = allowed(c.conn(), actor, org_id, Action::ViewMembers).await?;
    member_views(c.conn(), &st, org_id, Some(window)).await
}

/// The members (all, or a window of them), for a caller whose access was
/// checked.
async fn member_views(
    mut c: Conn<'_>,
    st: &Standing,
    org_id: &OrgId,
    window: Option<Window>,
) -> Result<Paged<MemberView>> {
    let (members, total) = match window {
        Some(w) => (
            store::members_window(c.reborrow(), org_id, w.offset, w.limit).await?,
            store::count_members(c.reborrow(), org_id).await?,
        ),
        None => {
            let all = store::members(c.reborrow(), org_id).await?;
            let n = u64::try_from(all.len()).unwrap_or(u64::MAX);
            (all, n)
        }
    };
    let mut rights: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (subject, right) in store::rights_by_subject(c.reborrow(), org_id).await? {
        rights.entry(subject).or_default().push(right);
    }
    let mut teams: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (team, user) in store::team_memberships(c, org_id).await? {
        teams.entry(user).or_default().push(team);
    }
    let manage = st.permits(Action::ManageMembers);
    let remove = st.permits(Action::RemoveMembers);
    let items = members
        .into_iter()
        .map(|m| {
            let role = Role::parse(&m.role).unwrap_or(Role::User);
            let mut actions = Vec::new();
            if manage {
                actions.push(Action::ManageMembers);
            }
            if remove && role != Role::LegalRepresentative {
                actions.push(Action::RemoveMembers);
            }
            MemberView {
                rights: rights
                    .remove(&format!("user:{}", m.user_id))
                    .unwrap_or_default(),
                teams: teams.remove(m.user_id.as_str()).unwrap_or_default(),
                role,
                user_id: m.user_id,
                email: m.email,
                name: m.name,
                joined_at: m.created_at / 1000,
                actions,
            }
        })
        .collect();
    Ok(Paged { items, total })
}

/// A change of a member: role (owner or user) and/or rights (replaced).
#[derive(Debug, Clone, Default)]
pub struct MemberChange {
    pub role: Option<Role>,
    pub rights: Option<Vec<String>>,
}

/// ORG-3: change a member's role or rights. The legal representative's role
/// changes only by hand-over (ORG-6); nobody demotes the last owner.
pub async fn update_member(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    user_id: &UserId,
    change: MemberChange,
) -> Result<MemberView> {
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5); decided under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let rights = match &change.rights {
        Some(r) => Some(RightSet::parse_list(r.iter().map(String::as_str))?),
        None => None,
    };
    if change.role == Some(Role::LegalRepresentative) {
        return Err(Error::invalid(
            "role",
            "invalid_role",
            "The legal representative is named by hand-over, not by a role change.",
        ));
    }
    let now = now_ms(ctx);
    let current = store::member_role(tx.conn(), org_id, user_id)
        .await?
        .and_then(|r| Role::parse(&r))
        .ok_or(Error::NotFound)?;
    // The member's own rights, which a change replaces (team rights stay
    // with the team).
    let subject = format!("user:{user_id}");
    let before_rights = store::subject_rights(tx.conn(), org_id, &subject).await?;
    if let Some(role) = change.role.filter(|r| *r != current) {
        if current == Role::LegalRepresentative {
            return Err(LeaveRefusal::LegalRepresentative.error());
        }
        store::set_role(tx.conn(), org_id, user_id, role).await?;
        if store::count_admins(tx.conn(), org_id).await? == 0 {
            return Err(LeaveRefusal::LastOwner.error());
        }
    }
    if let Some(r) = &rights {
        store::set_rights(tx.conn(), org_id, &subject, &r.names(), now).await?;
    }
    let after_role = change.role.unwrap_or(current);
    audit::record(tx.conn(), ctx, actor, Change {
        org_id,
        action: AuditAction::MemberUpdated,
        target: &format!("user:{user_id}"),
        before: Some(json!({"role": current.as_str(), "rights": before_rights})),
        after: Some(json!({"role": after_role.as_str(), "rights": rights.as_ref().map_or(before_rights.clone(), RightSet::names)})),
    })
    .await?;
    // Not through `list_members`: an owner who just made themself a user may
    // no longer see the list, and the change is made all the same. The
    // actions are those of the caller's standing after the change.
    let after = standing(tx.conn(), org_id, &actor.user_id).await?;
    let view = member_views(tx.conn(), &after, org_id, None).await?;
    tx.commit().await?;
    view.items
        .into_iter()
        .find(|m| m.user_id == *user_id)
        .ok_or(Error::NotFound)
}

/// ORG-3: remove one or several members at once, all or none. The legal
/// representative hands over first; the last owner is never removed.
pub async fn remove_members(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    user_ids: &[String],
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5); decided under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    allowed(tx.conn(), actor, org_id, Action::RemoveMembers).await?;
    if user_ids.is_empty() {
        return Err(Error::invalid(
            "user_ids",
            "required",
            "Choose at least one member.",
        ));
    }
    // Someone named twice is removed once.
    for user_id in user_ids.iter().collect::<BTreeSet<_>>() {
        let role = store::member_role(tx.conn(), org_id, user_id)
            .await?
            .and_then(|r| Role::parse(&r))
            .ok_or(Error::NotFound)?;
        if role == Role::LegalRepresentative {
            return Err(LeaveRefusal::LegalRepresentative.error());
        }
        store::delete_member(tx.conn(), org_id, user_id).await?;
        // No longer a member: their suite seats are free again.
        crate::catalog::suites::release_member(tx.conn(), org_id, user_id).await?;
        audit::record(
            tx.conn(),
            ctx,
            actor,
            Change {
                org_id,
                action: AuditAction::MemberRemoved,
                target: &format!("user:{user_id}"),
                before: Some(json!({"role": role.as_str()})),
                after: None,
            },
        )
        .await?;
    }
    if store::count_admins(tx.conn(), org_id).await? == 0 {
        return Err(LeaveRefusal::LastOwner.error());
    }
    tx.commit().await
}

/// ORG-5: leave by oneself, unless a named rule refuses it.
pub async fn leave_org(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5); decided under the lock.
    store::lock_org(tx.conn(), org_id).await?;
    let st = allowed(tx.conn(), actor, org_id, Action::LeaveOrg).await?;
    let role = st.role().ok_or(Error::NotFound)?;
    let admins = store::count_admins(tx.conn(), org_id).await?;
    if role.is_admin() && admins <= 1 {
        return Err(LeaveRefusal::LastOwner.error());
    }
    if role == Role::LegalRepresentative {
        return Err(LeaveRefusal::LegalRepresentative.error());
    }
    if crate::catalog::suites::holds_seat(tx.conn(), org_id, &actor.user_id).await? {
        return Err(LeaveRefusal::SuiteUser.error());
    }
    store::delete_member(tx.conn(), org_id, &actor.user_id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::MemberLeft,
            target: &format!("user:{}", actor.user_id),
            before: Some(json!({"role": role.as_str()})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}
