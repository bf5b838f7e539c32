//! ACC-7 the visitor's organisations and new ones; ORG-1 an organisation's
//! overview and settings; ORG-5 leaving it.

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::ids::OrgId;
use guichet_core::{
    i18n::Lang,
    orgs::{self, Currency, OrgInput, OrgKind, OrgView},
};

use super::{
    super::{
        Shell,
        errors::PageError,
        form::FormErrors,
        notice::{Alert, Ids, PostedForm, Saved, answer_refused, form_page, saved},
        render,
        visitor::SignedIn,
    },
    OrgNotice,
    frame::OrgFrame,
    refusal,
};
use crate::AppState;

/// Countries offered as suggestions in the country fields (any ISO code
/// is accepted).
const COUNTRIES: [&str; 6] = ["CH", "LI", "DE", "FR", "IT", "AT"];

pub fn country_suggestions(shell: &Shell) -> Vec<(&'static str, String)> {
    COUNTRIES
        .iter()
        .map(|c| (*c, shell.t(&format!("country-{}", c.to_lowercase()))))
        .collect()
}

/// The two kinds of organisation, named.
fn kind_choices(shell: &Shell) -> Vec<(&'static str, String)> {
    [OrgKind::Company, OrgKind::Individual]
        .into_iter()
        .map(|k| (k.as_str(), shell.t(&format!("org-kind-{}", k.as_str()))))
        .collect()
}

fn currencies() -> [&'static str; 2] {
    [Currency::Chf.code(), Currency::Eur.code()]
}

// ---------------------------------------------------------------- the list

/// The creation form as typed (or its defaults).
pub struct NewOrgForm {
    name: String,
    kind: String,
    country: String,
    currency: String,
}

#[derive(Template)]
#[template(path = "orgs/list.html")]
pub struct OrgsPage {
    shell: Shell,
    form: NewOrgForm,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
}

form_page!(OrgsPage);

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

    fn kinds(&self) -> Vec<(&'static str, String)> {
        kind_choices(&self.shell)
    }

    fn currencies(&self) -> [&'static str; 2] {
        currencies()
    }

    fn countries(&self) -> Vec<(&'static str, String)> {
        country_suggestions(&self.shell)
    }
}

/// ACC-7: the visitor's organisations (the layout has them already) and
/// a form for a new one.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Saved(notice): Saved<OrgNotice>,
) -> Response {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = OrgsPage::new(&state, shell, None);
    page.saved = Saved::text(notice, &page.shell);
    render(StatusCode::OK, &page)
}

/// Anyone signed in creates an organisation and is its legal
/// representative.
pub async fn create(
    State(state): State<AppState>,
    s: SignedIn,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
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
        Ok(org) => Ok(saved(&format!("/orgs/{}", org.id), OrgNotice::OrgCreated)),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            let page = OrgsPage::new(&state, shell, Some(form));
            Ok(answer_refused(page, r, "create"))
        }
    }
}

// ---------------------------------------------------------------- overview

/// The settings form as shown (the organisation's) or as typed.
pub struct SettingsForm {
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
            currency: o.currency.map(|c| c.code().to_string()).unwrap_or_default(),
            vat_number: o.vat_number.clone().unwrap_or_default(),
        }
    }

    fn typed(fields: &super::super::form::Fields, was: &OrgView) -> Self {
        Self {
            name: fields.get("name").to_string(),
            kind: fields.get("kind").to_string(),
            country: fields.get("country").to_string(),
            language: fields.get("language").to_string(),
            // A locked currency is a disabled select, which sends nothing.
            currency: Currency::parse(fields.get("currency"))
                .or(was.currency)
                .map(|c| c.code().to_string())
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
pub struct OverviewPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    view: OrgView,
    /// For admins: the settings form.
    form: Option<SettingsForm>,
    errors: FormErrors,
    alert: Option<Alert>,
    saved: Option<String>,
    /// What the organisation holds, as the viewer sees it (issue 13).
    glance: Option<super::shop::Glance>,
    /// What expires this month and the next two, day by day (issue 14).
    calendar: Option<super::renewals::calendar::Calendar>,
}

form_page!(OverviewPage);

impl OverviewPage {
    fn new(shell: Shell, org: OrgFrame, view: OrgView, form: Option<SettingsForm>) -> Self {
        Self {
            heading: org.name.clone(),
            form: form.or_else(|| org.allowed.change_settings.then(|| SettingsForm::of(&view))),
            org,
            view,
            errors: FormErrors::default(),
            alert: None,
            saved: None,
            glance: None,
            calendar: None,
            shell,
        }
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
        currencies()
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

pub async fn overview(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<OrgNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let glance = super::shop::Glance::load(&state, &s, &shell, &org_id).await?;
    let calendar =
        super::renewals::calendar::Calendar::load(&state, &s, &shell, &org_id, org.allowed.billing)
            .await?;
    let mut page = OverviewPage::new(shell, org, view, None);
    page.saved = Saved::text(notice, &page.shell);
    page.glance = Some(glance);
    page.calendar = Some(calendar);
    Ok(render(StatusCode::OK, &page))
}

/// ORG-1: admins change the settings; the currency is fixed once the
/// first invoice exists (its select is disabled then, and says why).
pub async fn save_settings(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}"));
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    let form = SettingsForm::typed(&fields, &view);
    match orgs::update_org(&state.ctx, &s.actor, &org_id, form.input()).await {
        Ok(_) => Ok(saved(&org.path(""), OrgNotice::Settings)),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            let page = OverviewPage::new(shell, org, view, Some(form));
            Ok(answer_refused(page, r, "settings"))
        }
    }
}

/// ORG-5: leave; a refusal says which rule applies, on the overview.
pub async fn leave(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}"));
    match orgs::leave_org(&state.ctx, &s.actor, &org_id).await {
        Ok(()) => Ok(saved("/orgs", OrgNotice::Left)),
        Err(e) => {
            let r = refusal(&shell, "org", e)?;
            let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
            let page = OverviewPage::new(shell, org, view, None);
            Ok(answer_refused(page, r, "leave"))
        }
    }
}
