//! ORG-3: the members, their roles and rights; one member's page; removing
//! several at once. The members page also holds the invitations (ORG-2)
//! and the hand-over (ORG-6), each from its own file.

use guichet_core::ids::{OrgId, UserId};
use std::collections::BTreeMap;

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::{
    Error,
    access::Action,
    orgs::{self, MemberChange, MemberView, Role},
};

use super::{
    super::{
        Shell, display_name,
        errors::PageError,
        form::FormErrors,
        notice::{Alert, Ids, PostedForm, Saved, answer_refused, form_page, saved},
        render,
        visitor::SignedIn,
    },
    OrgNotice,
    allowed::Allowed,
    frame::OrgFrame,
    handover::HandoverPanel,
    invitations::{InvitationRow, InviteForm},
    refusal,
    rights::{Products, RightsForm, rights_text},
};
use crate::AppState;

/// A member as listed.
pub struct MemberRow {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role_label: String,
    pub role: Role,
    /// Rights granted directly (owners hold every right by their role).
    pub rights: Vec<String>,
    /// The names of their teams.
    pub teams: Vec<String>,
    /// The legal representative is never removed (ORG-6 hands over first).
    pub removable: bool,
    pub me: bool,
}

impl MemberRow {
    fn of(
        shell: &Shell,
        products: &Products,
        m: &MemberView,
        team_names: &BTreeMap<String, String>,
        me: &str,
    ) -> Self {
        Self {
            user_id: m.user_id.to_string(),
            name: display_name(&m.name, &m.email),
            email: m.email.clone(),
            role_label: shell.role_label(m.role),
            role: m.role,
            rights: rights_text(shell, products, &m.rights),
            // A team is named by its name; one gone meanwhile is left out.
            teams: m
                .teams
                .iter()
                .filter_map(|t| team_names.get(t).cloned())
                .collect(),
            removable: m.actions.contains(&Action::RemoveMembers),
            me: m.user_id == me,
        }
    }
}

/// The teams of an organisation by id, with their names.
async fn team_names(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
) -> Result<BTreeMap<String, String>, PageError> {
    Ok(orgs::list_teams(&state.ctx, &s.actor, org_id)
        .await?
        .into_iter()
        .map(|t| (t.id.into_string(), t.name))
        .collect())
}

/// What a refused invitation form keeps: address, role, rights.
pub type TypedInvite = (String, String, Vec<String>);

#[derive(Template)]
#[template(path = "orgs/members.html")]
pub struct MembersPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    invite: InviteForm,
    /// The invitation form's rights.
    rights: RightsForm,
    handover: HandoverPanel,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

form_page!(MembersPage);

impl MembersPage {
    /// The members, teams, and for admins the invitations; the hand-over
    /// in progress. `typed` keeps a refused invitation form.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        typed: Option<TypedInvite>,
    ) -> Result<Self, PageError> {
        let ctx = &state.ctx;
        let view = orgs::get_org(ctx, &s.actor, org_id).await?;
        let members = orgs::list_members(ctx, &s.actor, org_id).await?;
        let org = OrgFrame::of(&shell, &view, Allowed::of(&view, Some(&members)));
        let team_names = team_names(state, s, org_id).await?;
        let products = Products::of_org();
        let invitations = if org.allowed.invitations {
            orgs::list_invitations(ctx, &s.actor, org_id).await?
        } else {
            Vec::new()
        };
        let me = s.session.user_id.as_str();
        let rows: Vec<MemberRow> = members
            .iter()
            .map(|m| MemberRow::of(&shell, &products, m, &team_names, me))
            .collect();
        let handover = HandoverPanel::load(state, s, &shell, &org, &rows).await?;
        let (email, role, rights) =
            typed.unwrap_or_else(|| (String::new(), "user".into(), Vec::new()));
        Ok(Self {
            heading: shell.t("org-tab-members"),
            invitations: invitations
                .into_iter()
                .map(|i| InvitationRow::of(&shell, &products, i))
                .collect(),
            invite: InviteForm { email, role },
            rights: RightsForm::new(&shell, &products, &rights),
            members: rows,
            handover,
            org,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<OrgNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = MembersPage::load(&state, &s, shell, &org_id, None).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// A form of the members page was refused: the page again, the message
/// by the form of `section`.
pub async fn members_refused(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    e: Error,
    section: &'static str,
    typed: Option<TypedInvite>,
) -> Result<Response, PageError> {
    let shell = Shell::of(state, &s.visitor).at(&format!("/orgs/{org_id}/members"));
    let r = refusal(&shell, "member", e)?;
    let page = MembersPage::load(state, s, shell, org_id, typed).await?;
    Ok(answer_refused(page, r, section))
}

/// ORG-3: the members ticked leave the organisation, all or none.
pub async fn remove(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let ids = form.read().await?.all("user_id");
    match orgs::remove_members(&state.ctx, &s.actor, &org_id, &ids).await {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::MembersRemoved,
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "members", None).await,
    }
}

// ---------------------------------------------------------------- one member

#[derive(Template)]
#[template(path = "orgs/member.html")]
pub struct MemberPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    member: MemberRow,
    role: String,
    rights: RightsForm,
    errors: FormErrors,
    alert: Option<Alert>,
}

form_page!(MemberPage);

impl MemberPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        user_id: &str,
        typed: Option<(String, Vec<String>)>,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let m = orgs::list_members(&state.ctx, &s.actor, org_id)
            .await?
            .into_iter()
            .find(|m| m.user_id == user_id)
            .ok_or(PageError(Error::NotFound))?;
        let (role, rights) =
            typed.unwrap_or_else(|| (m.role.as_str().to_string(), m.rights.clone()));
        let products = Products::of_org();
        let teams = team_names(state, s, org_id).await?;
        let member = MemberRow::of(&shell, &products, &m, &teams, &s.session.user_id);
        Ok(Self {
            heading: member.name.clone(),
            rights: RightsForm::new(&shell, &products, &rights),
            role,
            member,
            org,
            errors: FormErrors::default(),
            alert: None,
            shell,
        })
    }
}

pub async fn page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, user_id)): Ids<(OrgId, UserId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = MemberPage::load(&state, &s, shell, &org_id, &user_id, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// The role a form sends: none when the form has no role field (the
/// legal representative's, whose role changes by hand-over only); a value
/// that names no role is refused by its field, as the API refuses it.
pub fn role_sent(value: &str) -> Result<Option<Role>, Error> {
    if value.is_empty() {
        return Ok(None);
    }
    Role::parse(value).map(Some).ok_or_else(invalid_role)
}

/// A role no form offers (the API's words).
pub fn invalid_role() -> Error {
    Error::invalid("role", "invalid_role", "Choose owner or restricted user.")
}

/// ORG-3: a member's role (owner or restricted user) and own rights.
pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, user_id)): Ids<(OrgId, UserId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/members/{user_id}");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    let rights = RightsForm::sent(&fields);
    let role = fields.get("role");
    let result = match role_sent(role) {
        Ok(role) => {
            let change = MemberChange {
                role,
                rights: Some(rights.clone()),
            };
            orgs::update_member(&state.ctx, &s.actor, &org_id, &user_id, change).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::MemberUpdated,
        )),
        Err(e) => {
            let r = refusal(&shell, "member", e)?;
            let typed = Some((role.to_string(), rights));
            let page = MemberPage::load(&state, &s, shell, &org_id, &user_id, typed).await?;
            Ok(answer_refused(page, r, "member"))
        }
    }
}
