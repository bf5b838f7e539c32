//! Changing the products one holds, from their pages (issue 13): the
//! renewal settings (REN-1, REN-4, ORG-7) of one product or of several
//! checked in the list, moving one to another organisation of the same
//! owner, a suite's upgrade (SUI-1, paid like an order: the upgrade's
//! order page takes over) and its seats (ORG-5).
//!
//! The core decides every rule and right (`catalog::manage`,
//! `catalog::suites`); these pages offer only the forms the viewer may
//! use, and a refusal comes back on the product's page, beside the form
//! that caused it, with nothing typed lost.

use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::{
    Error,
    access::Action,
    catalog::{
        ProductKind,
        manage::{self, BulkProductChange, MoveInput, ProductChange},
        products::ProductView,
        suites::{self, UpgradeInput},
    },
    ids::{OrgId, ProductId, UserId},
    orgs, payments,
};

use super::super::super::{
    Shell,
    errors::PageError,
    form::{Fields, Refusal},
    notice::{Ids, PostedForm, notices, saved},
    visitor::SignedIn,
};
use crate::AppState;

notices! {
    /// What a product's page says after a change.
    pub enum ProductNotice in "product-saved-" {
        Renewal = "renewal",
        Moved = "moved",
        SeatGiven = "seat-given",
        SeatTaken = "seat-taken",
        Bulk = "bulk",
    }
}

/// The catalogue's prefix of the refusals of these forms
/// (`product-refused-inside-suite`…).
pub const REFUSED: &str = "product-refused-";

/// An option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The renewal settings' form.
pub struct RenewalForm {
    pub auto_renew: bool,
    pub renewal_warranty: bool,
    /// The plan allows renewal warranty (never a NAS device, REN-4).
    pub warranty_allowed: bool,
    /// The organisation's billing addresses, when the viewer sees them.
    pub addresses: Vec<Choice>,
    /// The stored cards and Twint accounts auto-renewal may charge.
    pub methods: Vec<Choice>,
}

/// A suite's upgrade form (SUI-1): never below what it has (SUI-2).
pub struct UpgradeForm {
    pub users: u32,
    pub users_max: u32,
    pub storage_gb: u32,
    pub storage_max: u32,
    pub storage_step: u32,
}

/// A suite's seats.
pub struct SeatsPanel {
    /// "2 of 5 seats given".
    pub count_text: String,
    pub seats: Vec<Seat>,
    /// Members without a seat, to give one to.
    pub candidates: Vec<Choice>,
    pub full: bool,
}

pub struct Seat {
    pub user_id: String,
    pub name: String,
    pub email: String,
}

/// What the viewer may change on one product, as forms.
#[derive(Default)]
pub struct ManageView {
    pub renewal: Option<RenewalForm>,
    /// Other organisations the viewer owns, to move the product to.
    pub move_to: Vec<Choice>,
    pub upgrade: Option<UpgradeForm>,
    pub seats: Option<SeatsPanel>,
}

impl ManageView {
    /// The forms for `p`, as `actor` may use them: nothing for someone
    /// who only sees the product.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org_id: &OrgId,
        p: &ProductView,
        may: &[Action],
    ) -> Result<ManageView, PageError> {
        let ctx = &state.ctx;
        if !manage::manageable(ctx, &s.actor, &p.id).await? || p.status == "cancelled" {
            return Ok(ManageView::default());
        }
        let catalogue = ctx.catalog.current();
        let plan = catalogue.plan(&p.plan_id);
        let sees_billing = may.contains(&Action::ViewBilling);
        let mut view = ManageView::default();
        if p.parent_id.is_none() {
            let addresses = if sees_billing {
                let all = orgs::list_addresses(ctx, &s.actor, org_id).await?;
                let current = p
                    .billing_address_id
                    .clone()
                    .or_else(|| all.iter().find(|a| a.is_default).map(|a| a.id.to_string()));
                all.iter()
                    .map(|a| Choice {
                        value: a.id.to_string(),
                        label: format!("{}, {} {}", a.name, a.postcode, a.town),
                        selected: current.as_deref() == Some(a.id.as_str()),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let methods = if sees_billing {
                payments::read::list_methods(ctx, &s.actor, org_id)
                    .await?
                    .into_iter()
                    .filter(|m| matches!(m.method.as_str(), "card" | "twint"))
                    .map(|m| Choice {
                        selected: p.payment_method_id.as_deref() == Some(m.id.as_str()),
                        label: match &m.last4 {
                            Some(last4) => format!("{} •••• {last4}", m.brand),
                            None => m.brand.clone(),
                        },
                        value: m.id.to_string(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            view.renewal = Some(RenewalForm {
                auto_renew: p.auto_renew,
                renewal_warranty: p.renewal_warranty,
                warranty_allowed: plan
                    .is_some_and(|pl| pl.renewal_warranty && pl.kind != ProductKind::Nas),
                addresses,
                methods,
            });
            // Moving needs an owner here and there (a right on the
            // product is not enough): owners see the form.
            if p.kind != ProductKind::Suite {
                let mine = orgs::list_orgs(ctx, &s.actor).await?;
                let owner_here = mine.iter().any(|o| o.id == *org_id && o.role.is_admin());
                if owner_here {
                    view.move_to = mine
                        .into_iter()
                        .filter(|o| o.role.is_admin() && o.id != *org_id)
                        .map(|o| Choice {
                            value: o.id.to_string(),
                            label: o.name,
                            selected: false,
                        })
                        .collect();
                }
            }
        }
        if p.kind == ProductKind::Suite && p.status == "active" {
            if may.contains(&Action::PayBilling)
                && let Some(pl) = plan
                && let Some(storage) = &pl.storage
            {
                view.upgrade = Some(UpgradeForm {
                    users: u32::try_from(p.quantity).unwrap_or(1),
                    users_max: pl.quantity.map_or(u32::MAX, |q| q.max),
                    storage_gb: p
                        .storage_gb
                        .and_then(|g| u32::try_from(g).ok())
                        .unwrap_or(storage.min_gb),
                    storage_max: storage.max_gb,
                    storage_step: storage.step_gb.max(1),
                });
            }
            let seats = suites::list_seats(ctx, &s.actor, org_id, &p.id).await?;
            let members = if may.contains(&Action::ViewMembers) {
                orgs::list_members(ctx, &s.actor, org_id).await?
            } else {
                Vec::new()
            };
            let full = i32::try_from(seats.seats.len()).unwrap_or(i32::MAX) >= seats.users;
            view.seats = Some(SeatsPanel {
                count_text: shell.t_args(
                    "product-manage-seats-count",
                    &[
                        ("taken", seats.seats.len().to_string()),
                        ("users", seats.users.to_string()),
                    ],
                ),
                candidates: members
                    .iter()
                    .filter(|m| !seats.seats.iter().any(|s| s.user_id == m.user_id.as_str()))
                    .map(|m| Choice {
                        value: m.user_id.to_string(),
                        label: format!("{} <{}>", m.name, m.email),
                        selected: false,
                    })
                    .collect(),
                seats: seats
                    .seats
                    .into_iter()
                    .map(|s| Seat {
                        user_id: s.user_id,
                        name: s.name,
                        email: s.email,
                    })
                    .collect(),
                full,
            });
        }
        Ok(view)
    }
}

/// The product's page, after a change or with its refusal.
fn product_path(org_id: &OrgId, product_id: &ProductId) -> String {
    format!("/orgs/{org_id}/products/{product_id}")
}

/// A refusal of one of these forms, on the product's page.
async fn refused(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    product_id: &ProductId,
    section: &'static str,
    e: Error,
) -> Result<Response, PageError> {
    let shell = Shell::of(state, &s.visitor).at(&product_path(org_id, product_id));
    let r = super::super::super::notice::refusal(&shell, section, REFUSED, e)?;
    super::product_refused(state, s, shell, org_id, product_id, r, section).await
}

/// `POST /orgs/{id}/products/{product}/renewal`: auto-renewal, warranty,
/// the address renewals go to and the method they charge.
pub async fn save_renewal(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
    let change = renewal_change(&fields);
    match manage::update_product(&state.ctx, &s.actor, &org_id, &product_id, &change).await {
        Ok(_) => Ok(saved(
            &product_path(&org_id, &product_id),
            ProductNotice::Renewal,
        )),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            refused(&state, &s, &org_id, &product_id, "renewal", e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The form's settings: both checkboxes always (unchecked is off), the
/// address and method when the form offered them.
fn renewal_change(fields: &Fields) -> ProductChange {
    let picked = |name: &str| Some(fields.get(name).trim().to_owned()).filter(|v| !v.is_empty());
    ProductChange {
        auto_renew: Some(fields.get("auto_renew") == "on"),
        renewal_warranty: Some(fields.get("renewal_warranty") == "on"),
        billing_address_id: picked("billing_address_id"),
        payment_method_id: picked("payment_method_id"),
    }
}

/// `POST /orgs/{id}/products/bulk`: auto-renewal or warranty on or off
/// for the products checked in the list, all or none.
pub async fn bulk_change(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
    let ids = fields.all("product_id");
    let (auto_renew, renewal_warranty) = match fields.get("action") {
        "auto_renew_on" => (Some(true), None),
        "auto_renew_off" => (Some(false), None),
        "warranty_on" => (None, Some(true)),
        "warranty_off" => (None, Some(false)),
        _ => (None, None),
    };
    let input = BulkProductChange {
        product_ids: ids,
        auto_renew,
        renewal_warranty,
        billing_address_id: None,
        payment_method_id: None,
    };
    let list = format!("/orgs/{org_id}/products");
    match manage::update_products(&state.ctx, &s.actor, &org_id, &input).await {
        Ok(_) => Ok(saved(&list, ProductNotice::Bulk)),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            let shell = Shell::of(&state, &s.visitor).at(&list);
            let r = bulk_refusal(&state, &s, &shell, &org_id, &input.product_ids, e).await?;
            super::products_refused(&state, &s, shell, &org_id, r).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A bulk change's refusals, each naming its product ("NAS 4-Bay: …")
/// in the page's language. Only the products refused are read, and only
/// on this error path; one the viewer does not see keeps its id.
async fn bulk_refusal(
    state: &AppState,
    s: &SignedIn,
    shell: &Shell,
    org_id: &OrgId,
    ids: &[String],
    e: Error,
) -> Result<Refusal, PageError> {
    let Error::Validation(fields) = e else {
        return super::super::super::notice::refusal(shell, "bulk", REFUSED, e);
    };
    let mut lines = Vec::new();
    for f in &fields {
        let text = shell.t_or(
            &format!("{REFUSED}{}", f.code.replace('_', "-")),
            &f.description,
        );
        let at = f
            .attribute
            .strip_prefix("product_ids[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| ids.get(i));
        let name = match at.and_then(|id| ProductId::parse(id)) {
            Some(id) => {
                match guichet_core::catalog::products::get_product(
                    &state.ctx, &s.actor, org_id, &id,
                )
                .await
                {
                    Ok(p) => Some(p.name),
                    Err(Error::NotFound) => Some(id.to_string()),
                    Err(e) => return Err(e.into()),
                }
            }
            None => at.cloned(),
        };
        lines.push(match name {
            Some(name) => format!("{name}: {text}"),
            None => text,
        });
    }
    Ok(Refusal::alert(
        StatusCode::UNPROCESSABLE_ENTITY,
        lines.join(" · "),
    ))
}

/// `POST /orgs/{id}/products/{product}/move`.
pub async fn move_product(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
    let input = MoveInput {
        to_org_id: fields.get("to_org_id").trim().to_owned(),
    };
    match manage::move_product(&state.ctx, &s.actor, &org_id, &product_id, &input).await {
        Ok(moved) => Ok(saved(
            &product_path(&moved.org_id, &product_id),
            ProductNotice::Moved,
        )),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            refused(&state, &s, &org_id, &product_id, "move", e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /orgs/{id}/products/{product}/upgrade`: the upgrade is ordered
/// and its order's page, with its Pay button, takes over; the form's key
/// makes a second post (a double click, a reload) answer the first.
pub async fn upgrade_suite(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
    let number = |name: &str| fields.get(name).trim().parse::<u32>().ok();
    let input = UpgradeInput {
        users: number("users"),
        storage_gb: number("storage_gb"),
        billing_address_id: None,
        payment: None,
    };
    let key = fields.get("upgrade_key").trim().to_owned();
    let idem = if key.is_empty() {
        None
    } else {
        let body = format!(
            "{}/{}",
            input.users.unwrap_or(0),
            input.storage_gb.unwrap_or(0)
        );
        Some(guichet_core::idempotency::Idempotency::new(
            &format!("user:{}", s.actor.user_id),
            &key,
            &format!("upgrade {product_id}"),
            body.as_bytes(),
        )?)
    };
    match suites::upgrade(
        &state.ctx,
        &s.actor,
        &org_id,
        &product_id,
        &input,
        idem.as_ref(),
    )
    .await
    {
        Ok(outcome) => Ok(match outcome.order {
            Some(order) => {
                super::super::super::notice::go(&format!("/orgs/{org_id}/orders/{}", order.id))
            }
            None => saved(&product_path(&org_id, &product_id), ProductNotice::Renewal),
        }),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            refused(&state, &s, &org_id, &product_id, "upgrade", e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /orgs/{id}/products/{product}/seats`: give a seat to a member.
pub async fn give_seat(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let fields = form.read().await?;
    let user = fields.get("user_id").trim().to_owned();
    match suites::assign_seat(&state.ctx, &s.actor, &org_id, &product_id, &user).await {
        Ok(_) => Ok(saved(
            &product_path(&org_id, &product_id),
            ProductNotice::SeatGiven,
        )),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            refused(&state, &s, &org_id, &product_id, "seats", e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /orgs/{id}/products/{product}/seats/{user}/remove`.
pub async fn take_seat(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id, user_id)): Ids<(OrgId, ProductId, UserId)>,
) -> Result<Response, PageError> {
    suites::release_seat(&state.ctx, &s.actor, &org_id, &product_id, user_id.as_str()).await?;
    Ok(saved(
        &product_path(&org_id, &product_id),
        ProductNotice::SeatTaken,
    ))
}
