//! Organisations themselves (ACC-7, ORG-1): list, create, read, change.

use crate::ids::OrgId;
use serde::Serialize;
use serde_json::json;

use super::{
    Currency, ORG_NAME_MAX, OrgKind, Paged, RightSet, Role, Window,
    standing::{allowed, now_ms},
    store,
    vat::VatNumber,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Standing, Target},
    audit::{self, AuditAction, Change},
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    text,
};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgSummary {
    #[schema(value_type = String)]
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    /// The caller's role there.
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgView {
    #[schema(value_type = String)]
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    /// The caller's role.
    pub role: Role,
    /// The caller's rights held as a restricted user (own and teams').
    /// The legal representative and owners hold every right by their role,
    /// whatever is listed here.
    pub rights: Vec<String>,
    /// Settings: shown to admins and to holders of the `settings` right.
    pub country: Option<String>,
    pub language: Option<Lang>,
    pub currency: Option<Currency>,
    /// Fixed once the first invoice exists.
    pub currency_locked: Option<bool>,
    pub vat_number: Option<String>,
    pub created_at: i64,
    /// What the caller may do here now, decided by the same rules as the
    /// operations (`view_members`, `manage_billing_addresses`, `leave_org`,
    /// …): show the doors that open. An action a named rule would refuse
    /// in the present state is left out (`leave_org` for the legal
    /// representative or the last owner, `remove_members` when nobody can
    /// be removed, `hand_over` when there is no owner to hand over to).
    pub actions: Vec<Action>,
}

/// The actions `st` may take on the organisation in its present state:
/// what `Standing::permits`, less what a named rule would refuse.
pub(super) async fn offered(mut c: Conn<'_>, st: &Standing) -> Result<Vec<Action>> {
    let mut out = Vec::new();
    let role = st.role();
    let admin = role.is_some_and(Role::is_admin);
    let mut admins = None;
    for a in Action::ORG {
        if !st.permits(a) {
            continue;
        }
        let open = match a {
            Action::LeaveOrg | Action::HandOver => {
                if admins.is_none() {
                    admins = Some(store::count_admins(c.reborrow(), &st.org_id).await?);
                }
                let n = admins.unwrap_or(0);
                if a == Action::LeaveOrg {
                    // ORG-5: the legal representative hands over first;
                    // the last owner names another first.
                    role != Some(Role::LegalRepresentative) && !(admin && n <= 1)
                } else {
                    // ORG-6: someone to hand over to.
                    n > 1
                }
            }
            Action::RemoveMembers => {
                store::count_removable(c.reborrow(), &st.org_id, &st.user_id).await? > 0
            }
            // Products are managed from their own pages.
            Action::ManageProduct => false,
            _ => true,
        };
        if open {
            out.push(a);
        }
    }
    Ok(out)
}

fn org_view(
    o: store::OrgRow,
    st: &Standing,
    settings: bool,
    locked: bool,
    actions: Vec<Action>,
) -> OrgView {
    OrgView {
        actions,
        kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Individual),
        role: st.role().unwrap_or(Role::User),
        rights: st.rights().names(),
        country: settings.then(|| o.country.clone()),
        language: settings.then(|| Lang::parse(&o.language).unwrap_or_default()),
        currency: if settings {
            Currency::parse(&o.currency)
        } else {
            None
        },
        currency_locked: settings.then_some(locked),
        vat_number: if settings { o.vat_number.clone() } else { None },
        id: o.id,
        name: o.name,
        created_at: o.created_at / 1000,
    }
}

/// ACC-7: every organisation the user belongs to, to switch between.
pub async fn list_orgs(ctx: &Ctx, actor: &Actor) -> Result<Vec<OrgSummary>> {
    access::check(actor, Action::ViewOrg, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::orgs_of_user(c.conn(), &actor.user_id)
        .await?
        .into_iter()
        .map(|(o, role)| OrgSummary {
            kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Individual),
            role: Role::parse(&role).unwrap_or(Role::User),
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// ACC-7: one page of the user's organisations, by name, paged in SQL.
pub async fn list_orgs_page(ctx: &Ctx, actor: &Actor, window: Window) -> Result<Paged<OrgSummary>> {
    access::check(actor, Action::ViewOrg, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    let rows =
        store::orgs_of_user_window(c.conn(), &actor.user_id, window.offset, window.limit).await?;
    Ok(Paged {
        items: rows
            .into_iter()
            .map(|(o, role)| OrgSummary {
                kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Individual),
                role: Role::parse(&role).unwrap_or(Role::User),
                id: o.id,
                name: o.name,
            })
            .collect(),
        total: store::count_orgs_of_user(c.conn(), &actor.user_id).await?,
    })
}

/// Input of a new or changed organisation; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub language: Option<Lang>,
    pub currency: Option<Currency>,
    /// `Some(None)` removes it.
    pub vat_number: Option<Option<String>>,
}

pub(super) fn apply_org_input(o: &mut store::OrgRow, input: &OrgInput) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(raw) = &input.name {
        // Checked as typed: collapsing blanks would turn a line break into
        // a space and hide it.
        let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Err(Error::Validation(f)) = text::check_name("name", raw) {
            errors.extend(f);
        } else if n.is_empty() || n.chars().count() > ORG_NAME_MAX {
            errors.push(FieldError::new(
                "name",
                "invalid_name",
                format!("Give a name of 1 to {ORG_NAME_MAX} characters."),
            ));
        }
        o.name = n;
    }
    if let Some(k) = input.kind {
        o.kind = k.as_str().to_string();
    }
    if let Some(c) = &input.country {
        let c = c.trim().to_uppercase();
        if isocountry::CountryCode::for_alpha2(&c).is_err() {
            errors.push(FieldError::new(
                "country",
                "invalid_country",
                "Use a two-letter ISO country code, e.g. CH.",
            ));
        }
        o.country = c;
    }
    if let Some(l) = input.language {
        o.language = l.code().to_string();
    }
    if let Some(c) = input.currency {
        o.currency = c.code().to_string();
    }
    match &input.vat_number {
        Some(Some(v)) if !v.trim().is_empty() => match VatNumber::parse(v) {
            Ok(v) => o.vat_number = Some(v.as_str().to_string()),
            Err(Error::Validation(f)) => errors.extend(f),
            Err(e) => return Err(e),
        },
        Some(_) => o.vat_number = None,
        None => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

pub(super) fn org_json(o: &store::OrgRow) -> serde_json::Value {
    json!({"name": o.name, "kind": o.kind, "country": o.country, "language": o.language, "currency": o.currency, "vat_number": o.vat_number})
}

/// Any user creates an organisation and is its legal representative.
pub async fn create_org(ctx: &Ctx, actor: &Actor, input: OrgInput) -> Result<OrgView> {
    access::check(actor, Action::ChangeOrg, Target::User(&actor.user_id))?;
    if input.name.is_none() {
        return Err(Error::invalid(
            "name",
            "required",
            "Give the organisation a name.",
        ));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut o = store::OrgRow {
        id: OrgId::new(now),
        name: String::new(),
        kind: "company".into(),
        country: ctx.config.default_country.clone(),
        // Issue 10: the creator's own language (an Italian user's new
        // organisation writes to them in Italian), else the provider's.
        language: creator_language(ctx, actor)
            .await?
            .unwrap_or_else(|| ctx.config.default_language.clone()),
        currency: ctx.config.default_currency.clone(),
        vat_number: None,
        created_at: ms,
        updated_at: ms,
    };
    apply_org_input(&mut o, &input)?;
    let mut tx = ctx.db.begin().await?;
    store::insert_org(tx.conn(), &o).await?;
    store::insert_member(
        tx.conn(),
        &o.id,
        &actor.user_id,
        Role::LegalRepresentative,
        ms,
    )
    .await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id: &o.id,
            action: AuditAction::OrgCreated,
            target: &format!("org:{}", o.id),
            before: None,
            after: Some(org_json(&o)),
        },
    )
    .await?;
    let st = Standing::member(
        &o.id,
        &actor.user_id,
        Role::LegalRepresentative,
        RightSet::default(),
        RightSet::default(),
    );
    let actions = offered(tx.conn(), &st).await?;
    tx.commit().await?;
    Ok(org_view(o, &st, true, false, actions))
}

/// The language of the user creating an organisation, as their profile
/// says (read with this very request when the actor carries it).
async fn creator_language(ctx: &Ctx, actor: &Actor) -> Result<Option<String>> {
    if let Some(a) = &actor.account {
        return Ok(Some(a.language.code().to_string()));
    }
    let mut c = ctx.db.acquire().await?;
    Ok(crate::accounts::store::user_by_id(c.conn(), &actor.user_id)
        .await?
        .and_then(|u| Lang::parse(&u.language))
        .map(|l| l.code().to_string()))
}

pub async fn get_org(ctx: &Ctx, actor: &Actor, org_id: &OrgId) -> Result<OrgView> {
    let mut c = ctx.db.acquire().await?;
    let st = allowed(c.conn(), actor, org_id, Action::ViewOrg).await?;
    let settings = access::decide(actor, Action::ViewOrgSettings, &st).is_ok();
    let o = store::org(c.conn(), org_id).await?.ok_or(Error::NotFound)?;
    let locked = store::has_invoices(c.conn(), org_id).await?;
    let actions = offered(c.conn(), &st).await?;
    Ok(org_view(o, &st, settings, locked, actions))
}

/// ORG-1: only admins change the organisation. The currency is fixed once
/// the first invoice exists.
pub async fn update_org(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: OrgInput,
) -> Result<OrgView> {
    let mut tx = ctx.db.begin().await?;
    let st = allowed(tx.conn(), actor, org_id, Action::ChangeOrg).await?;
    let before = store::org(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let locked = store::has_invoices(tx.conn(), org_id).await?;
    let mut o = before.clone();
    apply_org_input(&mut o, &input)?;
    if locked && o.currency != before.currency {
        return Err(Error::conflict(
            "currency_locked",
            "The currency cannot change once the organisation has an invoice.",
        ));
    }
    o.updated_at = now_ms(ctx);
    store::update_org(tx.conn(), &o).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::OrgUpdated,
            target: &format!("org:{org_id}"),
            before: Some(org_json(&before)),
            after: Some(org_json(&o)),
        },
    )
    .await?;
    let actions = offered(tx.conn(), &st).await?;
    tx.commit().await?;
    Ok(org_view(o, &st, true, locked, actions))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::orgs::{TEAM_NAME_MAX, teams::team_name};

    fn org() -> store::OrgRow {
        store::OrgRow {
            id: OrgId::from_stored("org_x".into()),
            name: "Example".into(),
            kind: "company".into(),
            country: "CH".into(),
            language: "en".into(),
            currency: "CHF".into(),
            vat_number: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn names_with_control_or_direction_characters_are_refused() {
        // proves: ORG-1, ORG-4 // issue 9
        for bad in ["Acme\0", "Acme\nSA", "\u{202E}Acme", "\u{200B}\u{FEFF}"] {
            let input = OrgInput {
                name: Some(bad.into()),
                ..OrgInput::default()
            };
            let Err(Error::Validation(f)) = apply_org_input(&mut org(), &input) else {
                panic!("{bad:?} accepted");
            };
            assert_eq!(
                (f[0].attribute.as_str(), f[0].code),
                ("name", "invalid_characters")
            );
            let Err(Error::Validation(f)) = team_name(bad) else {
                panic!("{bad:?} accepted as a team name");
            };
            assert_eq!(f[0].code, "invalid_characters");
        }
    }

    proptest! {
        #[test]
        fn typed_org_and_team_input_never_panics_and_obeys_the_rules(
            name in crate::text::strategies::text(),
            country in crate::text::strategies::text(),
            vat in crate::text::strategies::text(),
        ) {
            // proves: ORG-1, ORG-4 // issue 9
            let mut o = org();
            let input = OrgInput {
                name: Some(name.clone()),
                country: Some(country),
                vat_number: Some(Some(vat)),
                ..OrgInput::default()
            };
            if apply_org_input(&mut o, &input).is_ok() {
                prop_assert!(text::check_name("name", &o.name).is_ok());
                prop_assert!((1..=ORG_NAME_MAX).contains(&o.name.chars().count()));
                prop_assert!(o.vat_number.iter().all(|v| !text::has_control(v)));
            }
            if let Ok(t) = team_name(&name) {
                prop_assert!(text::check_name("name", &t).is_ok());
                prop_assert!((1..=TEAM_NAME_MAX).contains(&t.chars().count()));
            }
        }
    }
}
