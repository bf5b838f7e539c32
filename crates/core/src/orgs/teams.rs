//! Teams (ORG-4): members grouped, and rights granted to a team.

use crate::ids::{OrgId, TeamId};
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use super::{Paged, RightSet, TEAM_NAME_MAX, Window, standing::allowed, store};
use crate::{
    Ctx,
    access::{Action, Actor},
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, Result},
    text,
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamView {
    #[schema(value_type = String)]
    pub id: TeamId,
    pub name: String,
    pub members: Vec<String>,
    pub rights: Vec<String>,
    pub created_at: i64,
}

pub async fn list_teams(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<Vec<TeamView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewMembers).await?;
    let teams = store::teams(c.conn(), org_id).await?;
    team_views(c.conn(), org_id, teams).await
}

/// ORG-4: one page of the teams, paged in SQL.
pub async fn list_teams_page(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<Paged<TeamView>> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewMembers).await?;
    let teams = store::teams_window(c.conn(), org_id, window.offset, window.limit).await?;
    Ok(Paged {
        items: team_views(c.conn(), org_id, teams).await?,
        total: store::count_teams(c.conn(), org_id).await?,
    })
}

/// The teams with their members and rights (two more queries, whatever
/// the number of teams).
async fn team_views(
    mut c: Conn<'_>,
    org_id: &OrgId,
    teams: Vec<store::TeamRow>,
) -> Result<Vec<TeamView>> {
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (team, user) in store::team_memberships(c.reborrow(), org_id).await? {
        members.entry(team).or_default().push(user);
    }
    let mut rights: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (subject, right) in store::rights_by_subject(c, org_id).await? {
        rights.entry(subject).or_default().push(right);
    }
    Ok(teams
        .into_iter()
        .map(|t| TeamView {
            members: members.remove(t.id.as_str()).unwrap_or_default(),
            rights: rights.remove(&format!("team:{}", t.id)).unwrap_or_default(),
            id: t.id,
            name: t.name,
            created_at: t.created_at / 1000,
        })
        .collect())
}

/// A new team, or changes to one (absent fields stay).
#[derive(Debug, Clone, Default)]
pub struct TeamInput {
    pub name: Option<String>,
    pub members: Option<Vec<String>>,
    pub rights: Option<Vec<String>>,
}

pub(super) fn team_name(raw: &str) -> Result<String> {
    text::check_name("name", raw)?;
    let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() || n.chars().count() > TEAM_NAME_MAX {
        return Err(Error::invalid(
            "name",
            "invalid_name",
            format!("Give the team a name of 1 to {TEAM_NAME_MAX} characters."),
        ));
    }
    Ok(n)
}

/// ORG-4: owners group members into teams and grant rights to a team.
pub async fn save_team(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    team_id: Option<&TeamId>,
    input: TeamInput,
) -> Result<TeamView> {
    let mut tx = ctx.db.begin().await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let name = input.name.as_deref().map(team_name).transpose()?;
    let rights = input
        .rights
        .as_ref()
        .map(|r| RightSet::parse_list(r.iter().map(String::as_str)))
        .transpose()?;
    // Someone named twice is in the team once.
    let members: Option<Vec<String>> = input.members.as_ref().map(|m| {
        m.iter()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    });
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    if let Some(users) = &members {
        for u in users {
            if store::member_role(tx.conn(), org_id, u).await?.is_none() {
                return Err(Error::invalid(
                    "members",
                    "not_a_member",
                    format!("`{u}` is not a member of this organisation."),
                ));
            }
        }
    }
    let (id, action, before) = match team_id {
        Some(id) => {
            let t = store::team(tx.conn(), org_id, id)
                .await?
                .ok_or(Error::NotFound)?;
            if let Some(n) = &name {
                store::rename_team(tx.conn(), id, n, ms).await?;
            }
            (
                id.clone(),
                AuditAction::TeamUpdated,
                Some(json!({"name": t.name})),
            )
        }
        None => {
            let Some(n) = &name else {
                return Err(Error::invalid("name", "required", "Give the team a name."));
            };
            let t = store::TeamRow {
                id: TeamId::new(now),
                org_id: org_id.clone(),
                name: n.clone(),
                created_at: ms,
                updated_at: ms,
            };
            store::insert_team(tx.conn(), &t).await?;
            (t.id, AuditAction::TeamCreated, None)
        }
    };
    if let Some(users) = &members {
        store::set_team_members(tx.conn(), &id, users, ms).await?;
    }
    if let Some(r) = &rights {
        store::set_rights(tx.conn(), org_id, &format!("team:{id}"), &r.names(), ms).await?;
    }
    audit::record(tx.conn(), ctx, actor, Change {
        org_id,
        action,
        target: &format!("team:{id}"),
        before,
        after: Some(json!({"name": name, "members": members, "rights": rights.as_ref().map(RightSet::names)})),
    })
    .await?;
    tx.commit().await?;
    list_teams(ctx, actor, org_id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(Error::NotFound)
}

pub async fn delete_team(ctx: &Ctx, actor: &Actor, org_id: &OrgId, team_id: &TeamId) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    allowed(tx.conn(), actor, org_id, Action::ManageMembers).await?;
    let t = store::team(tx.conn(), org_id, team_id)
        .await?
        .ok_or(Error::NotFound)?;
    store::delete_team(tx.conn(), org_id, team_id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::TeamDeleted,
            target: &format!("team:{team_id}"),
            before: Some(json!({"name": t.name})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}
