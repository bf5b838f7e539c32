//! Console pages of organisations, under `/orgs/…`, and the invitation
//! link `/invitations/{secret}`.
//!
//! - ACC-7 the organisations a user belongs to, listed and switched between
//!   (the layout's switcher, the home page, `/orgs`), and new ones.
//! - ORG-1 the settings, editable by the legal representative and owners;
//!   the tabs a restricted user sees follow their rights.
//! - ORG-2 invitations with their rights, and the page of their link.
//! - ORG-3 members' roles and rights; removing several at once.
//! - ORG-4 teams. ORG-5 leaving, with the rule that refuses it.
//! - ORG-6 the hand-over of the legal representative's role.
//! - ORG-7 billing addresses. OPS-5 the audit log.
//!
//! Handlers extract, call the service, render. The services decide rights
//! (`access::check`): a page the viewer may not see is a 403 page, and
//! another organisation's ids are a 404, never a 403. The tabs only mirror
//! what the services would allow, so that nobody is shown a door that
//! answers 403.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use axum::{
    Router,
    extract::{FromRequestParts, Path, Query, State},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use guichet_core::{
    Error,
    audit::{self, AuditEventView},
    i18n::Lang,
    orgs::{
        self, AddressView, Currency, InvitationPreview, InvitationView, MemberChange, MemberView,
        OrgInput, OrgKind, OrgView, Right, RightSet, Role, TeamInput, TeamView,
        address::AddressInput,
    },
};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::Value;

use super::{
    Shell, display_name,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    local_path::LocalPath,
    refused, render,
    visitor::{SignedIn, Visitor},
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(orgs_page).post(create_org))
        .route("/orgs/{org_id}", get(overview).post(save_settings))
        .route("/orgs/{org_id}/leave", post(leave))
        .route("/orgs/{org_id}/members", get(members))
        .route("/orgs/{org_id}/members/remove", post(remove_members))
        .route(
            "/orgs/{org_id}/members/{user_id}",
            get(member_page).post(save_member),
        )
        .route("/orgs/{org_id}/invitations", post(invite))
        .route(
            "/orgs/{org_id}/invitations/{id}/resend",
            post(resend_invitation),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/revoke",
            post(revoke_invitation),
        )
        .route("/orgs/{org_id}/handover", post(start_handover))
        .route("/orgs/{org_id}/handover/accept", post(accept_handover))
        .route("/orgs/{org_id}/teams", get(teams).post(create_team))
        .route(
            "/orgs/{org_id}/teams/{team_id}",
            get(team_page).post(save_team),
        )
        .route("/orgs/{org_id}/teams/{team_id}/delete", post(delete_team))
        .route("/orgs/{org_id}/billing", get(billing).post(add_address))
        .route(
            "/orgs/{org_id}/billing/{address_id}",
            get(address_page).post(save_address),
        )
        .route(
            "/orgs/{org_id}/billing/{address_id}/default",
            post(make_default),
        )
        .route(
            "/orgs/{org_id}/billing/{address_id}/delete",
            post(delete_address),
        )
        .route("/orgs/{org_id}/audit", get(audit_page))
        .route(
            "/invitations/{token}",
            get(invitation_page).post(accept_invitation),
        )
}

// ---------------------------------------------------------------- answers

/// Ids from the path. A path that cannot be read names nothing that
/// exists: 404, like an unknown id.
struct Ids<T>(T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Ids<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(ids)| Ids(ids))
            .map_err(|_| PageError(Error::NotFound))
    }
}

/// 303 to a page of ours. The path is made of ids the service has just
/// accepted; one that is no local path names nothing that exists.
fn go(path: &str) -> Response {
    match LocalPath::parse(path) {
        Some(to) => to.redirect(),
        None => PageError(Error::NotFound).into_response(),
    }
}

/// Back to a page with a notice after a successful post.
fn saved(path: &str, what: &str) -> Response {
    go(&format!("{path}?saved={what}"))
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

/// The notice after `?saved=<what>`; unknown values show none.
fn notice(shell: &Shell, what: Option<&str>) -> Option<String> {
    const KNOWN: [&str; 18] = [
        "org-created",
        "settings",
        "left",
        "joined",
        "member-updated",
        "members-removed",
        "invited",
        "invitation-resent",
        "invitation-revoked",
        "handover-requested",
        "handover-accepted",
        "team-created",
        "team-saved",
        "team-deleted",
        "address-added",
        "address-saved",
        "address-default",
        "address-deleted",
    ];
    let what = what?;
    KNOWN
        .contains(&what)
        .then(|| shell.t(&format!("orgs-saved-{what}")))
}

/// A refused form, said above the form of `section`.
struct Alert {
    text: String,
    section: &'static str,
}

/// How an organisation's form answers a refusal: validation by its fields
/// (422, in the words of `form`), a conflict with the rule that refused it
/// (409: `last_owner`, `currency_locked`…); anything else is the error page
/// (403, 404).
fn refusal(shell: &Shell, form: &str, e: Error) -> Result<Refusal, PageError> {
    match e {
        Error::Conflict { code, description } => Ok(Refusal::alert(
            StatusCode::CONFLICT,
            conflict_text(shell, code, &description),
        )),
        Error::Validation(fields) => Ok(Refusal {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors: FormErrors::localized_in(shell, form, &fields),
            alert: Some(shell.t("form-has-errors")),
            retry_after_secs: None,
        }),
        other => Refusal::of(shell, other),
    }
}

/// A conflict's reason in the page's language (`orgs-refused-<code>`), or
/// the service's English text for a code the catalogue does not know.
fn conflict_text(shell: &Shell, code: &str, description: &str) -> String {
    shell.t_or(
        &format!("orgs-refused-{}", code.replace('_', "-")),
        description,
    )
}

/// Fill a page's refusal fields and answer with its status.
macro_rules! answer_refused {
    ($page:expr, $refusal:expr, $section:expr) => {{
        let mut page = $page;
        let r = $refusal;
        page.errors = r.errors;
        page.alert = r.alert.map(|text| Alert {
            text,
            section: $section,
        });
        Ok(refused(&page, r.status, r.retry_after_secs))
    }};
}

// ---------------------------------------------------------------- the frame

/// A tab of an organisation's pages.
struct Tab {
    href: String,
    label: String,
    testid: &'static str,
    current: bool,
}

/// What every page of one organisation shows above its content: its name,
/// the viewer's role, and the tabs the viewer may open.
struct OrgFrame {
    id: String,
    name: String,
    role_label: String,
    role: Role,
    admin: bool,
    tabs: Vec<Tab>,
}

impl OrgFrame {
    fn of(shell: &Shell, org: &OrgView) -> Self {
        let rights = RightSet::from_stored(org.rights.iter().map(String::as_str));
        let admin = org.role.is_admin();
        let base = format!("/orgs/{}", org.id);
        let mut tabs = vec![("", "overview")];
        // The services' rules (access::check), mirrored: members and teams
        // for admins and the `members` right, billing for admins and any
        // billing right, the audit log for admins.
        if admin || rights.has(&Right::Members) {
            tabs.extend([("/members", "members"), ("/teams", "teams")]);
        }
        if admin || rights.can_view_billing() {
            tabs.push(("/billing", "billing"));
        }
        if admin {
            tabs.push(("/audit", "audit"));
        }
        let path = shell.path.split('?').next().unwrap_or_default();
        let tabs = tabs
            .into_iter()
            .map(|(suffix, testid)| {
                let href = format!("{base}{suffix}");
                let current = if suffix.is_empty() {
                    path == href
                } else {
                    path == href || path.starts_with(&format!("{href}/"))
                };
                Tab {
                    label: shell.t(&format!("org-tab-{testid}")),
                    href,
                    testid,
                    current,
                }
            })
            .collect();
        Self {
            id: org.id.clone(),
            name: org.name.clone(),
            role_label: shell.role_label(org.role),
            role: org.role,
            admin,
            tabs,
        }
    }

    /// The frame of `org_id` for this viewer: 404 if they are no member.
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org_id: &str,
    ) -> Result<(Self, OrgView), PageError> {
        let org = orgs::get_org(&state.ctx, &s.actor, org_id).await?;
        Ok((Self::of(shell, &org), org))
    }

    fn on_overview(&self) -> bool {
        self.tabs.first().is_some_and(|t| t.current)
    }

    fn path(&self, rest: &str) -> String {
        format!("/orgs/{}{rest}", self.id)
    }
}

// ---------------------------------------------------------------- rights

/// Product kinds a right can name (`kind:<kind>`), as the catalogue will.
const KINDS: [&str; 6] = ["domain", "web_hosting", "mail", "suite", "drive", "nas"];

/// A right's name in the page's language.
fn right_label(shell: &Shell, right: &str) -> String {
    if let Some(id) = right.strip_prefix("product:") {
        return shell.t1("right-product", "id", id);
    }
    let key = format!("right-{}", right.replace([':', '_'], "-"));
    shell.t_or(&key, right)
}

/// The rights of a member or team, as shown in a list.
fn rights_text(shell: &Shell, rights: &[String]) -> Vec<String> {
    rights.iter().map(|r| right_label(shell, r)).collect()
}

struct RightChoice {
    value: String,
    id: String,
    label: String,
    checked: bool,
}

/// The rights part of a form: checkboxes by group, and the products typed
/// by id.
struct RightsForm {
    billing: Vec<RightChoice>,
    access: Vec<RightChoice>,
    kinds: Vec<RightChoice>,
    products: String,
}

impl RightsForm {
    fn new(shell: &Shell, chosen: &[String]) -> Self {
        let choice = |value: String| RightChoice {
            id: format!("right-{}", value.replace([':', '_'], "-")),
            label: right_label(shell, &value),
            checked: chosen.contains(&value),
            value,
        };
        Self {
            billing: ["billing:view", "billing:pay", "billing:manage"]
                .into_iter()
                .map(|v| choice(v.to_string()))
                .collect(),
            access: ["members", "settings"]
                .into_iter()
                .map(|v| choice(v.to_string()))
                .collect(),
            kinds: KINDS.iter().map(|k| choice(format!("kind:{k}"))).collect(),
            products: chosen
                .iter()
                .filter_map(|r| r.strip_prefix("product:"))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// The rights a form sends: the boxes ticked, and `product:<id>` for
    /// each product id typed (separated by commas or spaces).
    fn sent(fields: &Fields) -> Vec<String> {
        let mut rights = fields.all("rights");
        let typed = fields.get("products");
        for id in typed
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            rights.push(if id.starts_with("product:") {
                id.to_string()
            } else {
                format!("product:{id}")
            });
        }
        rights
    }
}

// ---------------------------------------------------------------- the list

/// The creation form as typed (or its defaults).
struct NewOrgForm {
    name: String,
    kind: String,
    country: String,
    currency: String,
}

/// The two kinds of organisation, named.
fn kind_choices(shell: &Shell) -> Vec<(&'static str, String)> {
    [OrgKind::Company, OrgKind::Individual]
        .into_iter()
        .map(|k| (k.as_str(), shell.t(&format!("org-kind-{}", k.as_str()))))
        .collect()
}

#[derive(Template)]
#[template(path = "orgs/list.html")]
struct OrgsPage {
    shell: Shell,
    form: NewOrgForm,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

impl OrgsPage {
    fn new(state: &AppState, shell: Shell, form: Option<NewOrgForm>) -> Self {
        let config = &state.ctx.config;
        Self {
            form: form.unwrap_or_else(|| NewOrgForm {
                name: String::new(),
                kind: "company".into(),
                country: config.default_country.clone(),
                currency: config.default_currency.clone(),
            }),
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        }
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        kind_choices(&self.shell)
    }

    fn currencies(&self) -> [&'static str; 2] {
        [Currency::Chf.as_str(), Currency::Eur.as_str()]
    }

    fn countries(&self) -> Vec<(&'static str, String)> {
        country_suggestions(&self.shell)
    }
}

/// ACC-7: the visitor's organisations (the layout has them already) and
/// a form for a new one.
async fn orgs_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Response {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = OrgsPage::new(&state, shell, None);
    page.saved = notice(&page.shell, q.saved.as_deref());
    render(StatusCode::OK, &page)
}

/// Anyone signed in creates an organisation and is its legal
/// representative.
async fn create_org(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at("/orgs");
    let form = NewOrgForm {
        name: fields.get("name").to_string(),
        kind: fields.get("kind").to_string(),
        country: fields.get("country").to_string(),
        currency: fields.get("currency").to_string(),
    };
    let input = OrgInput {
        name: Some(form.name.clone()),
        kind: OrgKind::parse(&form.kind),
        country: Some(form.country.clone()),
        currency: Currency::parse(&form.currency),
        ..OrgInput::default()
    };
    match orgs::create_org(&state.ctx, &s.actor, input).await {
        Ok(org) => Ok(saved(&format!("/orgs/{}", org.id), "org-created")),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            answer_refused!(OrgsPage::new(&state, shell, Some(form)), r, "create")
        }
    }
}

// ---------------------------------------------------------------- overview

/// The settings form as shown (the organisation's) or as typed.
struct SettingsForm {
    name: String,
    kind: String,
    country: String,
    language: String,
    currency: String,
    vat_number: String,
}

impl SettingsForm {
    fn of(o: &OrgView) -> Self {
        Self {
            name: o.name.clone(),
            kind: o.kind.as_str().to_string(),
            country: o.country.clone().unwrap_or_default(),
            language: o.language.map(|l| l.code().to_string()).unwrap_or_default(),
            currency: o
                .currency
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            vat_number: o.vat_number.clone().unwrap_or_default(),
        }
    }

    fn typed(fields: &Fields, was: &OrgView) -> Self {
        Self {
            name: fields.get("name").to_string(),
            kind: fields.get("kind").to_string(),
            country: fields.get("country").to_string(),
            language: fields.get("language").to_string(),
            // A locked currency is a disabled select, which sends nothing.
            currency: Currency::parse(fields.get("currency"))
                .or(was.currency)
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            vat_number: fields.get("vat_number").to_string(),
        }
    }

    fn input(&self) -> OrgInput {
        OrgInput {
            name: Some(self.name.clone()),
            kind: OrgKind::parse(&self.kind),
            country: Some(self.country.clone()),
            language: Lang::parse(&self.language),
            currency: Currency::parse(&self.currency),
            vat_number: Some(Some(self.vat_number.clone())),
        }
    }
}

#[derive(Template)]
#[template(path = "orgs/overview.html")]
struct OverviewPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    view: OrgView,
    /// For admins: the settings form.
    form: Option<SettingsForm>,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

impl OverviewPage {
    fn new(shell: Shell, org: OrgFrame, view: OrgView, form: Option<SettingsForm>) -> Self {
        Self {
            heading: org.name.clone(),
            form: form.or_else(|| org.admin.then(|| SettingsForm::of(&view))),
            org,
            view,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        }
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }

    fn languages(&self) -> Vec<(&'static str, &'static str)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect()
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        kind_choices(&self.shell)
    }

    fn currencies(&self) -> [&'static str; 2] {
        [Currency::Chf.as_str(), Currency::Eur.as_str()]
    }

    fn countries(&self) -> Vec<(&'static str, String)> {
        country_suggestions(&self.shell)
    }

    fn kind_label(&self) -> String {
        self.shell
            .t(&format!("org-kind-{}", self.view.kind.as_str()))
    }

    fn language_name(&self) -> &'static str {
        self.view.language.unwrap_or_default().native_name()
    }
}

async fn overview(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let mut page = OverviewPage::new(shell, org, view, None);
    page.saved = notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

/// ORG-1: admins change the settings; the currency is fixed once the
/// first invoice exists (its select is disabled then, and says why).
async fn save_settings(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}"));
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let form = SettingsForm::typed(&fields, &view);
    match orgs::update_org(&state.ctx, &s.actor, &org_id, form.input()).await {
        Ok(_) => Ok(saved(&org.path(""), "settings")),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            answer_refused!(
                OverviewPage::new(shell, org, view, Some(form)),
                r,
                "settings"
            )
        }
    }
}

/// ORG-5: leave; a refusal says which rule applies, on the overview.
async fn leave(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}"));
    match orgs::leave_org(&state.ctx, &s.actor, &org_id).await {
        Ok(()) => Ok(saved("/orgs", "left")),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
            answer_refused!(OverviewPage::new(shell, org, view, None), r, "leave")
        }
    }
}

// ---------------------------------------------------------------- members

/// A member as listed.
struct MemberRow {
    user_id: String,
    name: String,
    email: String,
    role_label: String,
    role: Role,
    /// Rights granted directly (owners hold every right by their role).
    rights: Vec<String>,
    teams: Vec<String>,
    /// The legal representative is never removed (ORG-6 hands over first).
    removable: bool,
    me: bool,
}

impl MemberRow {
    fn of(shell: &Shell, m: &MemberView, team_names: &BTreeMap<String, String>, me: &str) -> Self {
        Self {
            user_id: m.user_id.clone(),
            name: display_name(&m.name, &m.email),
            email: m.email.clone(),
            role_label: shell.role_label(m.role),
            role: m.role,
            rights: rights_text(shell, &m.rights),
            teams: m
                .teams
                .iter()
                .map(|t| team_names.get(t).cloned().unwrap_or_else(|| t.clone()))
                .collect(),
            removable: m.role != Role::LegalRepresentative,
            me: m.user_id == me,
        }
    }
}

struct InvitationRow {
    id: String,
    email: String,
    role_label: String,
    rights: Vec<String>,
    expires: String,
    expires_iso: String,
    status: String,
    status_label: String,
}

impl InvitationRow {
    fn of(shell: &Shell, i: InvitationView) -> Self {
        Self {
            role_label: shell.role_label(i.role),
            rights: rights_text(shell, &i.rights),
            expires: shell.datetime(i.expires_at),
            expires_iso: shell.iso(i.expires_at),
            status_label: shell.t(&format!("invitation-status-{}", i.status)),
            status: i.status,
            id: i.id,
            email: i.email,
        }
    }
}

/// The invitation form as typed (or empty).
struct InviteForm {
    email: String,
    role: String,
}

/// ORG-6 as the viewer sees it.
struct HandoverPanel {
    /// The viewer is the legal representative: they may name an owner.
    legal: bool,
    /// The owners who could take over: (user id, name).
    owners: Vec<(String, String)>,
    /// A hand-over waiting: who is named, until when, and whether it is
    /// the viewer (who then accepts).
    pending: Option<PendingHandover>,
}

struct PendingHandover {
    /// Who is named and until when, said to the one named or to others.
    text: String,
    mine: bool,
}

#[derive(Template)]
#[template(path = "orgs/members.html")]
struct MembersPage {
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

impl MembersPage {
    /// The members, teams, and for admins the invitations; the hand-over
    /// in progress. `typed` keeps a refused invitation form.
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &str,
        typed: Option<(String, String, Vec<String>)>,
    ) -> Result<Self, PageError> {
        let ctx = &state.ctx;
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let members = orgs::list_members(ctx, &s.actor, org_id).await?;
        let team_names = orgs::list_teams(ctx, &s.actor, org_id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let invitations = if org.admin {
            orgs::list_invitations(ctx, &s.actor, org_id).await?
        } else {
            Vec::new()
        };
        let pending = orgs::pending_handover(ctx, &s.actor, org_id).await?;
        let me = s.session.user_id.as_str();
        let rows: Vec<MemberRow> = members
            .iter()
            .map(|m| MemberRow::of(&shell, m, &team_names, me))
            .collect();
        let name_of = |id: &str| {
            rows.iter()
                .find(|r| r.user_id == id)
                .map_or_else(|| id.to_string(), |r| r.name.clone())
        };
        let handover = HandoverPanel {
            legal: org.role == Role::LegalRepresentative,
            owners: rows
                .iter()
                .filter(|r| r.role == Role::Owner)
                .map(|r| (r.user_id.clone(), format!("{} ({})", r.name, r.email)))
                .collect(),
            pending: pending.map(|h| {
                let until = shell.datetime(h.expires_at);
                let mine = h.to_user_id == me;
                PendingHandover {
                    text: if mine {
                        shell.t1("handover-for-you", "until", until)
                    } else {
                        shell.t_args(
                            "handover-pending",
                            &[("name", name_of(&h.to_user_id)), ("until", until)],
                        )
                    },
                    mine,
                }
            }),
        };
        let (email, role, rights) =
            typed.unwrap_or_else(|| (String::new(), "user".into(), Vec::new()));
        Ok(Self {
            heading: shell.t("org-tab-members"),
            invitations: invitations
                .into_iter()
                .map(|i| InvitationRow::of(&shell, i))
                .collect(),
            invite: InviteForm { email, role },
            rights: RightsForm::new(&shell, &rights),
            members: rows,
            handover,
            org,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        })
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }
}

async fn members(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = MembersPage::load(&state, &s, shell, &org_id, None).await?;
    page.saved = notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

/// A form of the members page was refused: the page again, the message
/// by the form of `section`.
async fn members_refused(
    state: &AppState,
    s: &SignedIn,
    org_id: &str,
    e: Error,
    section: &'static str,
    typed: Option<(String, String, Vec<String>)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(state, &s.visitor).at(&format!("/orgs/{org_id}/members"));
    let r = refusal(&shell, "member", e)?;
    answer_refused!(
        MembersPage::load(state, s, shell, org_id, typed).await?,
        r,
        section
    )
}

/// ORG-3: the members ticked leave the organisation, all or none.
async fn remove_members(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let ids = fields.all("user_id");
    match orgs::remove_members(&state.ctx, &s.actor, &org_id, &ids).await {
        Ok(()) => Ok(saved(&format!("/orgs/{org_id}/members"), "members-removed")),
        Err(e) => members_refused(&state, &s, &org_id, e, "members", None).await,
    }
}

/// ORG-2: invite by address, the role and rights chosen now.
async fn invite(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let rights = RightsForm::sent(&fields);
    let email = fields.get("email");
    let role = Role::parse(fields.get("role")).unwrap_or(Role::User);
    let input = orgs::Invite {
        email,
        role,
        rights: rights.clone(),
    };
    match orgs::invite(&state.ctx, &s.actor, &org_id, input).await {
        Ok(_) => Ok(saved(&format!("/orgs/{org_id}/members"), "invited")),
        Err(e) => {
            let typed = (email.to_string(), role.as_str().to_string(), rights);
            members_refused(&state, &s, &org_id, e, "invite", Some(typed)).await
        }
    }
}

/// A new link, valid 7 more days; the old one stops working.
async fn resend_invitation(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    match orgs::resend_invitation(&state.ctx, &s.actor, &org_id, &id).await {
        Ok(_) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            "invitation-resent",
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "invitations", None).await,
    }
}

async fn revoke_invitation(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    orgs::revoke_invitation(&state.ctx, &s.actor, &org_id, &id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/members"),
        "invitation-revoked",
    ))
}

/// ORG-6: the legal representative names an owner to take over.
async fn start_handover(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    match orgs::start_handover(&state.ctx, &s.actor, &org_id, fields.get("user_id")).await {
        Ok(_) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            "handover-requested",
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "handover", None).await,
    }
}

/// ORG-6: the owner named accepts and becomes the legal representative.
async fn accept_handover(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
) -> Result<Response, PageError> {
    match orgs::accept_handover(&state.ctx, &s.actor, &org_id).await {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            "handover-accepted",
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "handover", None).await,
    }
}

// ---------------------------------------------------------------- one member

#[derive(Template)]
#[template(path = "orgs/member.html")]
struct MemberPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    member: MemberRow,
    role: String,
    rights: RightsForm,
    errors: FormErrors,
    alert: Option<Alert>,
}

impl MemberPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &str,
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
        let member = MemberRow::of(&shell, &m, &BTreeMap::new(), &s.session.user_id);
        Ok(Self {
            heading: member.name.clone(),
            rights: RightsForm::new(&shell, &rights),
            role,
            member,
            org,
            errors: FormErrors::default(),
            alert: None,
            shell,
        })
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }
}

async fn member_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, user_id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = MemberPage::load(&state, &s, shell, &org_id, &user_id, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// ORG-3: a member's role (owner or restricted user) and own rights.
async fn save_member(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, user_id)): Ids<(String, String)>,
    fields: Fields,
) -> Result<Response, PageError> {
    let rights = RightsForm::sent(&fields);
    let role = fields.get("role");
    let change = MemberChange {
        // The legal representative's form has no role: it changes by
        // hand-over only.
        role: Role::parse(role),
        rights: Some(rights.clone()),
    };
    match orgs::update_member(&state.ctx, &s.actor, &org_id, &user_id, change).await {
        Ok(_) => Ok(saved(&format!("/orgs/{org_id}/members"), "member-updated")),
        Err(e) => {
            let path = format!("/orgs/{org_id}/members/{user_id}");
            let shell = Shell::of(&state, &s.visitor).at(&path);
            let r = refusal(&shell, "member", e)?;
            let typed = Some((role.to_string(), rights));
            let page = MemberPage::load(&state, &s, shell, &org_id, &user_id, typed).await?;
            answer_refused!(page, r, "member")
        }
    }
}

// ---------------------------------------------------------------- teams

struct TeamRow {
    id: String,
    name: String,
    members: Vec<String>,
    rights: Vec<String>,
}

struct MemberChoice {
    id: String,
    label: String,
    checked: bool,
}

/// The team form as shown or typed.
struct TeamForm {
    name: String,
    members: Vec<MemberChoice>,
}

impl TeamForm {
    fn new(all: &[MemberView], name: &str, chosen: &[String]) -> Self {
        Self {
            name: name.to_string(),
            members: all
                .iter()
                .map(|m| MemberChoice {
                    id: m.user_id.clone(),
                    label: display_name(&m.name, &m.email),
                    checked: chosen.contains(&m.user_id),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "orgs/teams.html")]
struct TeamsPage {
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

/// A team form as typed: name, members ticked, rights.
type TypedTeam = (String, Vec<String>, Vec<String>);

impl TeamsPage {
    /// The teams; `editing` names the one whose page this is.
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &str,
        editing: Option<&str>,
        typed: Option<TypedTeam>,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let teams = orgs::list_teams(&state.ctx, &s.actor, org_id).await?;
        let members = orgs::list_members(&state.ctx, &s.actor, org_id).await?;
        let names: BTreeMap<&str, String> = members
            .iter()
            .map(|m| (m.user_id.as_str(), display_name(&m.name, &m.email)))
            .collect();
        let row = |t: &TeamView| TeamRow {
            id: t.id.clone(),
            name: t.name.clone(),
            members: t
                .members
                .iter()
                .map(|u| names.get(u.as_str()).cloned().unwrap_or_else(|| u.clone()))
                .collect(),
            rights: rights_text(&shell, &t.rights),
        };
        let edited = match editing {
            Some(id) => Some(
                teams
                    .iter()
                    .find(|t| t.id == id)
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
            rights: RightsForm::new(&shell, &rights),
            editing: edited.map(row),
            teams: teams.iter().map(row).collect(),
            org,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        })
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }

    fn action(&self) -> String {
        match &self.editing {
            Some(t) => self.org.path(&format!("/teams/{}", t.id)),
            None => self.org.path("/teams"),
        }
    }
}

async fn teams(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = TeamsPage::load(&state, &s, shell, &org_id, None, None).await?;
    page.saved = notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn team_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(String, String)>,
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
    org_id: &str,
    team_id: Option<&str>,
    fields: &Fields,
) -> Result<Response, PageError> {
    let typed = typed_team(fields);
    let input = TeamInput {
        name: Some(typed.0.clone()),
        members: Some(typed.1.clone()),
        rights: Some(typed.2.clone()),
    };
    match orgs::save_team(&state.ctx, &s.actor, org_id, team_id, input).await {
        Ok(_) => {
            let what = if team_id.is_some() {
                "team-saved"
            } else {
                "team-created"
            };
            Ok(saved(&format!("/orgs/{org_id}/teams"), what))
        }
        Err(e) => {
            let path = match team_id {
                Some(id) => format!("/orgs/{org_id}/teams/{id}"),
                None => format!("/orgs/{org_id}/teams"),
            };
            let shell = Shell::of(state, &s.visitor).at(&path);
            let r = refusal(&shell, "team", e)?;
            let page = TeamsPage::load(state, s, shell, org_id, team_id, Some(typed)).await?;
            answer_refused!(page, r, "team")
        }
    }
}

async fn create_team(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    store_team(&state, &s, &org_id, None, &fields).await
}

async fn save_team(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(String, String)>,
    fields: Fields,
) -> Result<Response, PageError> {
    store_team(&state, &s, &org_id, Some(&team_id), &fields).await
}

async fn delete_team(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, team_id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    orgs::delete_team(&state.ctx, &s.actor, &org_id, &team_id).await?;
    Ok(saved(&format!("/orgs/{org_id}/teams"), "team-deleted"))
}

// ---------------------------------------------------------------- billing

/// The address form as shown or typed.
#[derive(Default)]
struct AddressForm {
    name: String,
    street: String,
    building_number: String,
    postcode: String,
    town: String,
    country: String,
    make_default: bool,
}

impl AddressForm {
    fn of(a: &AddressView) -> Self {
        Self {
            name: a.name.clone(),
            street: a.street.clone(),
            building_number: a.building_number.clone(),
            postcode: a.postcode.clone(),
            town: a.town.clone(),
            country: a.country.clone(),
            make_default: a.is_default,
        }
    }

    fn typed(fields: &Fields) -> Self {
        Self {
            name: fields.get("name").to_string(),
            street: fields.get("street").to_string(),
            building_number: fields.get("building_number").to_string(),
            postcode: fields.get("postcode").to_string(),
            town: fields.get("town").to_string(),
            country: fields.get("country").to_string(),
            make_default: !fields.get("make_default").is_empty(),
        }
    }

    fn input(&self) -> AddressInput {
        AddressInput {
            name: self.name.clone(),
            street: self.street.clone(),
            building_number: self.building_number.clone(),
            postcode: self.postcode.clone(),
            town: self.town.clone(),
            country: self.country.clone(),
        }
    }
}

/// Countries offered as suggestions in the country fields (any ISO code
/// is accepted).
const COUNTRIES: [&str; 6] = ["CH", "LI", "DE", "FR", "IT", "AT"];

fn country_suggestions(shell: &Shell) -> Vec<(&'static str, String)> {
    COUNTRIES
        .iter()
        .map(|c| (*c, shell.t(&format!("country-{}", c.to_lowercase()))))
        .collect()
}

#[derive(Template)]
#[template(path = "orgs/billing.html")]
struct BillingPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    addresses: Vec<AddressView>,
    /// The address whose page this is.
    editing: Option<AddressView>,
    /// For admins: a new address, or the one edited.
    form: AddressForm,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

impl BillingPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &str,
        editing: Option<&str>,
        typed: Option<AddressForm>,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let addresses = orgs::list_addresses(&state.ctx, &s.actor, org_id).await?;
        let edited = match editing {
            Some(id) => Some(
                addresses
                    .iter()
                    .find(|a| a.id == id)
                    .cloned()
                    .ok_or(PageError(Error::NotFound))?,
            ),
            None => None,
        };
        let form = typed.unwrap_or_else(|| {
            edited.as_ref().map_or_else(
                || AddressForm {
                    country: state.ctx.config.default_country.clone(),
                    ..AddressForm::default()
                },
                AddressForm::of,
            )
        });
        Ok(Self {
            heading: edited
                .as_ref()
                .map_or_else(|| shell.t("org-tab-billing"), |a| a.name.clone()),
            addresses,
            editing: edited,
            form,
            org,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            shell,
        })
    }

    fn alert_in(&self, section: &str) -> Option<&Alert> {
        self.alert.as_ref().filter(|a| a.section == section)
    }

    fn action(&self) -> String {
        match &self.editing {
            Some(a) => self.org.path(&format!("/billing/{}", a.id)),
            None => self.org.path("/billing"),
        }
    }

    fn countries(&self) -> Vec<(&'static str, String)> {
        country_suggestions(&self.shell)
    }

    /// Whether "make it the default" is a choice: the first address is the
    /// default anyway, and the default stays so when changed.
    fn default_is_a_choice(&self) -> bool {
        !self.addresses.is_empty() && !self.editing.as_ref().is_some_and(|a| a.is_default)
    }
}

/// ORG-7: the addresses, for admins and holders of a billing right; the
/// forms for admins only (ORG-1).
async fn billing(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = BillingPage::load(&state, &s, shell, &org_id, None, None).await?;
    page.saved = notice(&page.shell, q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn address_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = BillingPage::load(&state, &s, shell, &org_id, Some(&address_id), None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Add (`address_id` None) or change an address; errors by their fields.
async fn store_address(
    state: &AppState,
    s: &SignedIn,
    org_id: &str,
    address_id: Option<&str>,
    fields: &Fields,
) -> Result<Response, PageError> {
    let form = AddressForm::typed(fields);
    let input = form.input();
    match orgs::save_address(
        &state.ctx,
        &s.actor,
        org_id,
        address_id,
        &input,
        form.make_default,
    )
    .await
    {
        Ok(_) => {
            let what = if address_id.is_some() {
                "address-saved"
            } else {
                "address-added"
            };
            Ok(saved(&format!("/orgs/{org_id}/billing"), what))
        }
        Err(e) => {
            let path = match address_id {
                Some(id) => format!("/orgs/{org_id}/billing/{id}"),
                None => format!("/orgs/{org_id}/billing"),
            };
            let shell = Shell::of(state, &s.visitor).at(&path);
            let r = refusal(&shell, "address", e)?;
            let page = BillingPage::load(state, s, shell, org_id, address_id, Some(form)).await?;
            answer_refused!(page, r, "address")
        }
    }
}

async fn add_address(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    store_address(&state, &s, &org_id, None, &fields).await
}

async fn save_address(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(String, String)>,
    fields: Fields,
) -> Result<Response, PageError> {
    store_address(&state, &s, &org_id, Some(&address_id), &fields).await
}

/// Make an address the default: saved as it is, with the flag.
async fn make_default(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let a = orgs::list_addresses(ctx, &s.actor, &org_id)
        .await?
        .into_iter()
        .find(|a| a.id == address_id)
        .ok_or(PageError(Error::NotFound))?;
    let input = AddressForm::of(&a).input();
    orgs::save_address(ctx, &s.actor, &org_id, Some(&address_id), &input, true).await?;
    Ok(saved(&format!("/orgs/{org_id}/billing"), "address-default"))
}

/// The default address goes only when it is the last one; the refusal
/// says to make another the default first.
async fn delete_address(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(String, String)>,
) -> Result<Response, PageError> {
    match orgs::delete_address(&state.ctx, &s.actor, &org_id, &address_id).await {
        Ok(()) => Ok(saved(&format!("/orgs/{org_id}/billing"), "address-deleted")),
        Err(e) => {
            let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}/billing"));
            let r = refusal(&shell, "address", e)?;
            let page = BillingPage::load(&state, &s, shell, &org_id, None, None).await?;
            answer_refused!(page, r, "addresses")
        }
    }
}

// ---------------------------------------------------------------- audit log

const AUDIT_PER_PAGE: u64 = 20;
/// The action groups the filter offers (prefixes of the actions).
const AUDIT_GROUPS: [&str; 6] = [
    "org.",
    "member.",
    "invitation.",
    "team.",
    "address.",
    "handover.",
];

#[derive(Deserialize)]
struct AuditQuery {
    page: Option<String>,
    action: Option<String>,
    actor: Option<String>,
}

/// One changed field: its name, and its value before and after.
struct ChangeLine {
    field: String,
    before: Option<String>,
    after: Option<String>,
}

struct AuditItem {
    when: String,
    when_iso: String,
    actor: String,
    behalf: String,
    action: String,
    label: String,
    target: String,
    changes: Vec<ChangeLine>,
    ip: String,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "orgs/audit.html")]
struct AuditPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    items: Vec<AuditItem>,
    actions: Vec<Choice>,
    actors: Vec<Choice>,
    page: u64,
    pages: u64,
    /// The filter as a query string, for the pager's links.
    filter_query: String,
}

impl AuditPage {
    fn page_of(&self) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }

    fn page_href(&self, page: u64) -> String {
        format!(
            "{}?page={page}{}",
            self.org.path("/audit"),
            self.filter_query
        )
    }
}

/// Who is who, for the log: members, the actors of the page, and those who
/// joined (their address is in the entry), by their addresses.
fn people(members: &[MemberView], events: &[AuditEventView]) -> BTreeMap<String, String> {
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    for e in events {
        if !e.actor_email.is_empty() {
            people.insert(e.actor_user_id.clone(), e.actor_email.clone());
        }
        if let (Some(user), Some(email)) = (
            e.target.strip_prefix("user:"),
            e.after
                .as_ref()
                .and_then(|a| a.get("email"))
                .and_then(Value::as_str),
        ) {
            people.insert(user.to_string(), email.to_string());
        }
    }
    // By address, as the log names everyone: members and people gone alike.
    for m in members {
        people.insert(m.user_id.clone(), m.email.clone());
    }
    people
}

/// A value of an entry as people read it: roles, kinds, languages and
/// rights by their names, people by their names or addresses.
fn show_value(shell: &Shell, people: &BTreeMap<String, String>, field: &str, v: &Value) -> String {
    let person = |id: &str| people.get(id).cloned().unwrap_or_else(|| id.to_string());
    match (field, v) {
        ("role", Value::String(r)) => {
            Role::parse(r).map_or_else(|| r.clone(), |r| shell.role_label(r))
        }
        ("kind", Value::String(k)) => shell.t_or(&format!("org-kind-{k}"), k),
        ("language", Value::String(l)) => {
            Lang::parse(l).map_or_else(|| l.clone(), |l| l.native_name().to_string())
        }
        ("legal_representative", Value::String(u)) => person(u),
        ("rights", Value::Array(items)) if items.is_empty() => shell.t("rights-none"),
        ("rights", Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|r| right_label(shell, r))
            .collect::<Vec<_>>()
            .join(", "),
        ("members", Value::Array(items)) if items.is_empty() => shell.t("audit-nobody"),
        ("members", Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(person)
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::Bool(b)) => shell.t(if *b { "audit-yes" } else { "audit-no" }),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        (_, other) => other.to_string(),
    }
}

/// What an entry changed, field by field: unchanged fields left out, a
/// creation shows its values, a removal what was there.
fn changes(
    shell: &Shell,
    people: &BTreeMap<String, String>,
    e: &AuditEventView,
) -> Vec<ChangeLine> {
    let empty = serde_json::Map::new();
    let before = e
        .before
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let after = e
        .after
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let b = before.get(k).filter(|v| !v.is_null());
            let a = after.get(k).filter(|v| !v.is_null());
            if b == a {
                return None;
            }
            Some(ChangeLine {
                field: shell.t_or(&format!("audit-field-{}", k.replace('_', "-")), k),
                before: b.map(|v| show_value(shell, people, k, v)),
                after: a.map(|v| show_value(shell, people, k, v)),
            })
        })
        .collect()
}

/// What an entry is about: "Member ada@…", "Team Sales", by what the entry
/// itself or the members say, else by its id.
fn target_label(
    shell: &Shell,
    org: &OrgFrame,
    people: &BTreeMap<String, String>,
    e: &AuditEventView,
) -> String {
    let Some((kind, id)) = e.target.split_once(':') else {
        return e.target.clone();
    };
    let in_entry = |key: &str| {
        e.after
            .as_ref()
            .and_then(|v| v.get(key))
            .or_else(|| e.before.as_ref().and_then(|v| v.get(key)))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let name = match kind {
        "org" if id == org.id => Some(org.name.clone()),
        "user" => people.get(id).cloned(),
        "team" | "address" => in_entry("name"),
        "invitation" => in_entry("email"),
        "org" => None,
        _ => return e.target.clone(),
    };
    shell.t1(
        &format!("audit-target-{kind}"),
        "name",
        name.unwrap_or_else(|| id.to_string()),
    )
}

impl AuditItem {
    fn of(
        shell: &Shell,
        org: &OrgFrame,
        people: &BTreeMap<String, String>,
        e: AuditEventView,
    ) -> Self {
        Self {
            when: shell.datetime(e.created_at),
            when_iso: shell.iso(e.created_at),
            actor: people
                .get(&e.actor_user_id)
                .cloned()
                .unwrap_or_else(|| e.actor_user_id.clone()),
            behalf: shell.t_or(
                &format!("audit-behalf-{}", e.on_behalf.replace('_', "-")),
                &e.on_behalf,
            ),
            label: shell.t_or(
                &format!("audit-action-{}", e.action.replace(['.', '_'], "-")),
                &e.action,
            ),
            target: target_label(shell, org, people, &e),
            changes: changes(shell, people, &e),
            ip: e.ip.clone(),
            action: e.action,
        }
    }
}

/// OPS-5: the log of every change, newest first, filtered by the kind of
/// action and by who acted (admins).
async fn audit_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<String>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let filter = audit::Filter {
        action: q.action.filter(|a| AUDIT_GROUPS.contains(&a.as_str())),
        actor_user_id: q.actor.filter(|a| !a.is_empty()),
        ..audit::Filter::default()
    };
    // A page number that does not parse shows the first page.
    let page = q
        .page
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let offset = i64::try_from((page - 1) * AUDIT_PER_PAGE).unwrap_or(0);
    let limit = i64::try_from(AUDIT_PER_PAGE).unwrap_or(20);
    let (events, total) = orgs::audit_log(ctx, &s.actor, &org_id, &filter, offset, limit).await?;
    let members = orgs::list_members(ctx, &s.actor, &org_id).await?;
    let people = people(&members, &events);
    let mut actions = vec![Choice {
        value: String::new(),
        label: shell.t("audit-filter-any-action"),
        selected: filter.action.is_none(),
    }];
    actions.extend(AUDIT_GROUPS.iter().map(|g| Choice {
        value: (*g).to_string(),
        label: shell.t(&format!("audit-group-{}", g.trim_end_matches('.'))),
        selected: filter.action.as_deref() == Some(*g),
    }));
    let mut actors = vec![Choice {
        value: String::new(),
        label: shell.t("audit-filter-anyone"),
        selected: filter.actor_user_id.is_none(),
    }];
    actors.extend(members.iter().map(|m| Choice {
        label: display_name(&m.name, &m.email),
        selected: filter.actor_user_id.as_deref() == Some(m.user_id.as_str()),
        value: m.user_id.clone(),
    }));
    let filter_query: String = [("action", &filter.action), ("actor", &filter.actor_user_id)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .map(|(k, v)| {
            format!(
                "&{}",
                serde_urlencoded::to_string([(k, v)]).unwrap_or_default()
            )
        })
        .collect();
    let items = events
        .into_iter()
        .map(|e| AuditItem::of(&shell, &org, &people, e))
        .collect();
    let page = AuditPage {
        heading: shell.t("org-tab-audit"),
        items,
        actions,
        actors,
        page,
        pages: total.div_ceil(AUDIT_PER_PAGE).max(1),
        filter_query,
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

// ---------------------------------------------------------------- invitation link

#[derive(Template)]
#[template(path = "orgs/invitation.html")]
struct InvitationPage {
    shell: Shell,
    token: String,
    preview: Option<InvitationPreview>,
    role_label: String,
    status_label: String,
    /// What the visitor can do here: `accept`, `sign_in`, `member` (open
    /// the organisation), or nothing (`message` says why).
    state: &'static str,
    message: Option<String>,
    signin_href: String,
    signup_href: String,
}

impl InvitationPage {
    /// What a visitor sees of an invitation: signed out, the way to sign
    /// in or up and come back; signed in with the invited address, the
    /// Accept button; otherwise why they cannot accept.
    fn new(
        shell: Shell,
        visitor: &Visitor,
        token: &str,
        preview: Option<InvitationPreview>,
    ) -> Self {
        let back = super::visitor::form_urlencoded_component(&format!("/invitations/{token}"));
        let mut page = Self {
            role_label: preview
                .as_ref()
                .map(|p| shell.role_label(p.role))
                .unwrap_or_default(),
            status_label: preview
                .as_ref()
                .map(|p| shell.t(&format!("invitation-status-{}", p.status)))
                .unwrap_or_default(),
            token: token.to_string(),
            state: "",
            message: None,
            signin_href: format!("/signin?next={back}"),
            signup_href: format!("/signup?next={back}"),
            preview: None,
            shell,
        };
        let Some(p) = preview else {
            page.message = Some(page.shell.t("invitation-invalid"));
            return page;
        };
        let you = visitor.session.as_ref();
        if p.status != "pending" {
            page.message = Some(
                page.shell
                    .t(&format!("invitation-status-{}-text", p.status)),
            );
        } else if let Some(you) = you.filter(|y| !y.email.eq_ignore_ascii_case(&p.email)) {
            page.message = Some(page.shell.t_args(
                "invitation-wrong-account",
                &[("invited", p.email.clone()), ("you", you.email.clone())],
            ));
        } else if visitor.orgs.iter().any(|o| o.id == p.org_id) {
            page.state = "member";
            page.message = Some(page.shell.t("invitation-already-member"));
        } else if you.is_some() {
            page.state = "accept";
        } else {
            page.state = "sign_in";
        }
        page.preview = Some(p);
        page
    }
}

/// ORG-2: the page of the link in the invitation mail.
async fn invitation_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &visitor);
    let (status, preview) = match orgs::preview_invitation(&state.ctx, &token).await {
        Ok(p) => (StatusCode::OK, Some(p)),
        Err(Error::NotFound) => (StatusCode::NOT_FOUND, None),
        Err(e) => return Err(PageError(e)),
    };
    Ok(render(
        status,
        &InvitationPage::new(shell, &visitor, &token, preview),
    ))
}

/// ORG-2: the invited person, signed in with the invited address, joins.
/// A wrong account, a spent link or a membership already held are said on
/// the invitation's page.
async fn accept_invitation(
    State(state): State<AppState>,
    s: SignedIn,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let e = match orgs::accept_invitation(&state.ctx, &s.actor, &token).await {
        Ok(org) => return Ok(saved(&format!("/orgs/{}", org.id), "joined")),
        Err(e) => e,
    };
    let status = match &e {
        Error::BadRequest { .. } => StatusCode::BAD_REQUEST,
        Error::Forbidden { code, .. } if *code == "wrong_account" => StatusCode::FORBIDDEN,
        Error::Conflict { .. } => StatusCode::CONFLICT,
        _ => return Err(PageError(e)),
    };
    let shell = Shell::of(&state, &s.visitor).at(&format!("/invitations/{token}"));
    let preview = orgs::preview_invitation(&state.ctx, &token).await.ok();
    let mut page = InvitationPage::new(shell, &s.visitor, &token, preview);
    page.state = "";
    // The page's own words when it has them (they name both addresses of
    // a wrong account), else the refusal's.
    let text = match &e {
        Error::Forbidden { description, .. } | Error::Conflict { description, .. } => {
            conflict_text(&page.shell, e.code(), description)
        }
        _ => page.shell.t("invitation-invalid"),
    };
    page.message = page.message.take().or(Some(text));
    Ok(render(status, &page))
}
