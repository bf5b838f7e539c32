//! ORG-4: teams, their members and the rights they grant; deleting one
//! asks to confirm first.

use guichet_core::ids::{OrgId, TeamId};
use std::collections::BTreeMap;

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::{
    Error,
    orgs::{self, MemberView, TeamInput, TeamView},
};

use super::{
    super::{
        Shell, display_name,
        errors::PageError,
        form::{Fields, FormErrors},
        notice::{Alert, Ids, PostedForm, Saved, answer_refused, form_page, saved},
        render,
        visitor::SignedIn,
    },
    OrgNotice,
    frame::OrgFrame,
    refusal,
    rights::{Products, RightsForm, rights_text},
};
use crate::AppState;

pub struct TeamRow {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    pub rights: Vec<String>,
}

pub struct MemberChoice {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

/// The team form as shown or typed.
pub struct TeamForm {
    pub name: String,
    pub members: Vec<MemberChoice>,
}

impl TeamForm {
    fn new(all: &[MemberView], name: &str, chosen: &[String]) -> Self {
        Self {
            name: name.to_string(),
            members: all
                .iter()
                .map(|m| MemberChoice {
                    id: m.user_id.to_string(),
                    label: display_name(&m.name, &m.email),
                    checked: chosen.iter().any(|c| m.user_id == c.as_str()),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "orgs/teams.html")]
pub struct TeamsPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    teams: Vec<TeamRow>,
    /// For admins: a new team (the list page) or the team edited.
    form: TeamForm,
    rights: RightsForm,
    /// The team edited, on its own page.
    editing: Option<TeamRow>,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

form_page!(TeamsPage);

/// A team form as typed: name, members ticked, rights.
type TypedTeam = (String, Vec<String>, Vec<String>);

impl TeamsPage {
    /// The teams; `editing` names the one whose page this is.
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        editing: Option<&TeamId>,
        typed: Option<TypedTeam>,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let teams = orgs::list_teams(&state.ctx, &s.actor, org_id).await?;
        let members = orgs::list_members(&state.ctx, &s.actor, org_id).await?;
        let products = Products::of_org();
        let names: BTreeMap<&str, String> = members
            .iter()
            .map(|m| (m.user_id.as_str(), display_name(&m.name, &m.email)))
            .collect();
        let row = |t: &TeamView| TeamRow {
            id: t.id.to_string(),
            name: t.name.clone(),
            members: t
                .members
                .iter()
                .filter_map(|u| names.get(u.as_str()).cloned())
                .collect(),
            rights: rights_text(&shell, &products, &t.rights),
        };
        let edited = match editing {
            Some(id) => Some(
                teams
                    .iter()
                    .find(|t| t.id == *id)
                    .ok_or(PageError(Error::NotFound))?,
            ),
            None => None,
        };
        let (name, chosen, rights) = typed.unwrap_or_else(|| {
            edited.map_or_else(Default::default, |t| {
                (t.name.clone(), t.members.clone(), t.rights.clone())
            })
        });
        Ok(Self {
            heading: edited.map_or_else(|| shell.t("org-tab-teams"), |t| t.name.clone()),
            form: TeamForm::new(&members, &name, &chosen),
            rights: RightsForm::new(&shell, &products, &rights),
            editing: edited.map(row),
            teams: teams.iter().map(row).collect(),
            org,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        })
    }

    fn action(&self) -> String {
        match &self.editing {
            Some(t) => self.org.path(&format!("/teams/{}", t.id)),
            None => self.org.path("/teams"),
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<OrgNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = TeamsPage::load(&state, &s, shell, &org_id, None, None).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

pub async fn page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(OrgId, TeamId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = TeamsPage::load(&state, &s, shell, &org_id, Some(&team_id), None).await?;
    Ok(render(StatusCode::OK, &page))
}

fn typed_team(fields: &Fields) -> TypedTeam {
    (
        fields.get("name").to_string(),
        fields.all("members"),
        RightsForm::sent(fields),
    )
}

/// ORG-4: create a team (`team_id` None) or change one: its name, its
/// members and its rights, as the form shows them.
async fn store_team(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    team_id: Option<&TeamId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = match team_id {
        Some(id) => format!("/orgs/{org_id}/teams/{id}"),
        None => format!("/orgs/{org_id}/teams"),
    };
    let shell = Shell::of(state, &s.visitor).at(&path);
    OrgFrame::load(state, s, &shell, org_id).await?;
    let typed = typed_team(&form.read().await?);
    let input = TeamInput {
        name: Some(typed.0.clone()),
        members: Some(typed.1.clone()),
        rights: Some(typed.2.clone()),
    };
    match orgs::save_team(&state.ctx, &s.actor, org_id, team_id, input).await {
        Ok(_) => {
            let what = if team_id.is_some() {
                OrgNotice::TeamSaved
            } else {
                OrgNotice::TeamCreated
            };
            Ok(saved(&format!("/orgs/{org_id}/teams"), what))
        }
        Err(e) => {
            let r = refusal(&shell, "team", e)?;
            let page = TeamsPage::load(state, s, shell, org_id, team_id, Some(typed)).await?;
            Ok(answer_refused(page, r, "team"))
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    store_team(&state, &s, &org_id, None, form).await
}

pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(OrgId, TeamId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    store_team(&state, &s, &org_id, Some(&team_id), form).await
}

/// The team goes; its members stay in the organisation without its
/// rights (the form asked to confirm first).
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(OrgId, TeamId)>,
) -> Result<Response, PageError> {
    orgs::delete_team(&state.ctx, &s.actor, &org_id, &team_id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/teams"),
        OrgNotice::TeamDeleted,
    ))
}
