//! ORG-7: billing addresses, seen by admins and holders of a billing
//! right, changed by admins (ORG-1); one is the default.

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::ids::{BillingAddressId, OrgId};
use guichet_core::{
    Error,
    orgs::{self, AddressView, address::AddressInput},
};

use super::{
    super::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors},
        notice::{Alert, Ids, PostedForm, Saved, answer_refused, form_page, saved},
        render,
        visitor::SignedIn,
    },
    OrgNotice,
    frame::OrgFrame,
    orgs::country_suggestions,
    refusal,
};
use crate::AppState;

/// The address form as shown or typed.
#[derive(Default)]
pub struct AddressForm {
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

#[derive(Template)]
#[template(path = "orgs/billing.html")]
pub struct BillingPage {
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

form_page!(BillingPage);

impl BillingPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        editing: Option<&BillingAddressId>,
        typed: Option<AddressForm>,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let addresses = orgs::list_addresses(&state.ctx, &s.actor, org_id).await?;
        let edited = match editing {
            Some(id) => Some(
                addresses
                    .iter()
                    .find(|a| a.id == *id)
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
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<OrgNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = BillingPage::load(&state, &s, shell, &org_id, None, None).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

pub async fn page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(OrgId, BillingAddressId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = BillingPage::load(&state, &s, shell, &org_id, Some(&address_id), None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Add (`address_id` None) or change an address; errors by their fields.
async fn store_address(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    address_id: Option<&BillingAddressId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = match address_id {
        Some(id) => format!("/orgs/{org_id}/billing/{id}"),
        None => format!("/orgs/{org_id}/billing"),
    };
    let shell = Shell::of(state, &s.visitor).at(&path);
    OrgFrame::load(state, s, &shell, org_id).await?;
    let form = AddressForm::typed(&form.read().await?);
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
                OrgNotice::AddressSaved
            } else {
                OrgNotice::AddressAdded
            };
            Ok(saved(&format!("/orgs/{org_id}/billing"), what))
        }
        Err(e) => {
            let r = refusal(&shell, "address", e)?;
            let page = BillingPage::load(state, s, shell, org_id, address_id, Some(form)).await?;
            Ok(answer_refused(page, r, "address"))
        }
    }
}

pub async fn add(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    store_address(&state, &s, &org_id, None, form).await
}

pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(OrgId, BillingAddressId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    store_address(&state, &s, &org_id, Some(&address_id), form).await
}

/// Make an address the default: one conditional update in the core
/// (`orgs::make_default_address`), so two clicks at once leave exactly one
/// default and nothing else of the address is rewritten.
pub async fn make_default(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(OrgId, BillingAddressId)>,
) -> Result<Response, PageError> {
    orgs::make_default_address(&state.ctx, &s.actor, &org_id, &address_id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/billing"),
        OrgNotice::AddressDefault,
    ))
}

/// The default address goes only when it is the last one; the refusal
/// says to make another the default first (the form asked to confirm).
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, address_id)): Ids<(OrgId, BillingAddressId)>,
) -> Result<Response, PageError> {
    match orgs::delete_address(&state.ctx, &s.actor, &org_id, &address_id).await {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/billing"),
            OrgNotice::AddressDeleted,
        )),
        Err(e) => {
            let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}/billing"));
            let r = refusal(&shell, "address", e)?;
            let page = BillingPage::load(&state, &s, shell, &org_id, None, None).await?;
            Ok(answer_refused(page, r, "addresses"))
        }
    }
}
