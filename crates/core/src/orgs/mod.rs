//! Organisations: the customer entities that own products and pay invoices.
//!
//! - ACC-7 a user who signs up alone gets a personal organisation of which
//!   they are the legal representative.
//! - ORG-1 roles: exactly one legal representative, owners, restricted
//!   users; only the first two change the organisation.
//! - ORG-2 invitations with rights chosen at invitation; they expire.
//! - ORG-3 rights of members; removing one or several members.
//! - ORG-4 teams, and rights granted to a team.
//! - ORG-5 leaving, and the named reasons it is refused.
//! - ORG-6 handing over the legal representative's role.
//! - ORG-7 billing addresses, structured as the Swiss QR-bill requires.
//!
//! The operations live one file per sub-capability; each reads the actor's
//! standing inside its transaction (`standing::allowed`), asks
//! `access::Standing::permits`, changes state, and writes the audit log
//! (OPS-5) and its mail in that same transaction. Everything is re-exported
//! here: callers write `orgs::create_team`, `orgs::AddressView`.

pub mod address;
mod addresses;
mod audit_log;
mod for_billing;
mod handover;
mod invitations;
mod members;
mod organisation;
mod standing;
pub mod store;
mod teams;
pub mod vat;

use crate::ids::{OrgId, UserId};
use std::{collections::BTreeSet, fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::{
    Ctx,
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
};

pub use addresses::*;
pub use audit_log::*;
pub use for_billing::{
    Billed, billed_orgs, invoice_address, lock_currency, org_for_billing, stamp_first_invoices,
};
pub use handover::*;
pub use invitations::*;
pub use members::*;
pub use organisation::*;
pub use standing::{
    admit, check_access, check_product_access, membership, product_scope, standing,
};
pub use teams::*;

/// Which part of a list to read: paged in SQL (`LIMIT`/`OFFSET`), counted
/// apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: i64,
    pub limit: i64,
}

/// A page of a list and the number of items in the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// The longest organisation name, in characters.
pub const ORG_NAME_MAX: usize = 100;
/// The longest team name, in characters.
pub const TEAM_NAME_MAX: usize = 60;
/// A right's name as `Right::from_str` reads it, for the OpenAPI document.
pub const RIGHT_PATTERN: &str =
    r"^(billing:(view|pay|manage)|members|settings|(product|kind):[A-Za-z0-9_-]{1,64})$";

/// Roles in an organisation (ORG-1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Exactly one per organisation.
    LegalRepresentative,
    /// Administrators, any number.
    Owner,
    /// Restricted users: only what their rights allow.
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::LegalRepresentative => "legal_representative",
            Role::Owner => "owner",
            Role::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        [Role::LegalRepresentative, Role::Owner, Role::User]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
    /// The legal representative and owners administer the organisation.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::LegalRepresentative | Role::Owner)
    }
}

/// A right a restricted user (or a team) can hold. Written in the API and
/// stored as `product:<id>`, `kind:<product kind>`, `billing:view`,
/// `billing:pay`, `billing:manage`, `members`, `settings`.
///
/// What they allow (ORG-1 keeps every change of the organisation itself —
/// its data, members, rights, billing addresses — to owners):
/// - `product:<id>`, `kind:<kind>`: manage that product, or every product
///   of that kind (domain, web_hosting, mail, …);
/// - `billing:view` see invoices and billing; `billing:pay` also pay them;
///   `billing:manage` also handle renewals and payment choices;
/// - `members`: see the members and teams; `settings`: see the settings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Right {
    Product(String),
    ProductKind(String),
    BillingView,
    BillingPay,
    BillingManage,
    Members,
    Settings,
}

impl fmt::Display for Right {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Right::Product(id) => write!(f, "product:{id}"),
            Right::ProductKind(k) => write!(f, "kind:{k}"),
            Right::BillingView => f.write_str("billing:view"),
            Right::BillingPay => f.write_str("billing:pay"),
            Right::BillingManage => f.write_str("billing:manage"),
            Right::Members => f.write_str("members"),
            Right::Settings => f.write_str("settings"),
        }
    }
}

fn valid_word(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl FromStr for Right {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid("rights", "unknown_right", format!("`{s}` is not a right."));
        Ok(match s {
            "billing:view" => Right::BillingView,
            "billing:pay" => Right::BillingPay,
            "billing:manage" => Right::BillingManage,
            "members" => Right::Members,
            "settings" => Right::Settings,
            other => match other.split_once(':') {
                Some(("product", id)) if valid_word(id) => Right::Product(id.to_string()),
                Some(("kind", k)) if valid_word(k) => Right::ProductKind(k.to_string()),
                _ => return Err(bad()),
            },
        })
    }
}

impl Serialize for Right {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Right {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a right")))
    }
}

/// A set of rights; effective rights are the union of a member's own and
/// their teams' (ORG-4).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RightSet(BTreeSet<Right>);

impl RightSet {
    pub fn parse_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self> {
        let mut set = BTreeSet::new();
        for s in items {
            set.insert(s.trim().parse()?);
        }
        Ok(Self(set))
    }
    /// From stored names; an unknown name grants nothing.
    pub fn from_stored<'a>(items: impl IntoIterator<Item = &'a str>) -> Self {
        Self(items.into_iter().filter_map(|s| s.parse().ok()).collect())
    }
    pub fn iter(&self) -> impl Iterator<Item = &Right> {
        self.0.iter()
    }
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
    pub fn union(&mut self, other: &RightSet) {
        self.0.extend(other.0.iter().cloned());
    }
    pub fn has(&self, r: &Right) -> bool {
        self.0.contains(r)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn can_view_billing(&self) -> bool {
        self.has(&Right::BillingView) || self.can_pay()
    }
    pub fn can_pay(&self) -> bool {
        self.has(&Right::BillingPay) || self.has(&Right::BillingManage)
    }
    pub fn can_manage_billing(&self) -> bool {
        self.has(&Right::BillingManage)
    }
    pub fn can_access_product(&self, product_id: &str, kind: &str) -> bool {
        self.0.iter().any(|r| match r {
            Right::Product(id) => id == product_id,
            Right::ProductKind(k) => k == kind,
            _ => false,
        })
    }
}

impl FromIterator<Right> for RightSet {
    fn from_iter<I: IntoIterator<Item = Right>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// A member's standing in one organisation: what `access::check` decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub org_id: OrgId,
    pub user_id: UserId,
    pub role: Role,
    /// Own and team rights, united.
    pub rights: RightSet,
}

/// Why leaving an organisation is refused (ORG-5). Each case is a named
/// refusal with its own code; the suite and mailbox cases are decided by
/// those products when they land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveRefusal {
    /// The last owner cannot leave: nobody would administer the org.
    LastOwner,
    /// The legal representative hands over (ORG-6) before leaving.
    LegalRepresentative,
    /// A user of the organisation's suite (SUI).
    SuiteUser,
    /// Their login address is a mailbox of one of the org's mail services.
    OrgMailbox,
}

impl LeaveRefusal {
    pub fn code(self) -> &'static str {
        match self {
            LeaveRefusal::LastOwner => "last_owner",
            LeaveRefusal::LegalRepresentative => "legal_representative",
            LeaveRefusal::SuiteUser => "suite_user",
            LeaveRefusal::OrgMailbox => "org_mailbox",
        }
    }
    pub fn error(self) -> Error {
        let why = match self {
            LeaveRefusal::LastOwner => "You are the last owner: name another owner first.",
            LeaveRefusal::LegalRepresentative => {
                "The legal representative hands the role over to another owner first."
            }
            LeaveRefusal::SuiteUser => {
                "You use this organisation's suite: ask an owner to remove you from it first."
            }
            LeaveRefusal::OrgMailbox => {
                "Your login address is a mailbox of this organisation: change your login address first."
            }
        };
        Error::conflict(self.code(), why)
    }
}

/// Organisation kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    Individual,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Company => "company",
            OrgKind::Individual => "individual",
        }
    }
    pub fn parse(s: &str) -> Option<OrgKind> {
        match s {
            "company" => Some(OrgKind::Company),
            "individual" => Some(OrgKind::Individual),
            _ => None,
        }
    }
}

/// An organisation's currency (one of the two `money` knows), fixed once
/// its first invoice exists.
pub use crate::money::Currency;

/// ACC-7: the personal organisation made at sign-up, in the provider's
/// default country and currency; audited as made by `actor`, the new user
/// (signing up, or imported by the operator).
pub async fn create_personal_org(
    mut c: Conn<'_>,
    ctx: &Ctx,
    actor: &crate::access::Actor,
    name: &str,
    language: Lang,
) -> Result<OrgId> {
    let user_id = actor.user_id.as_str();
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let org = store::OrgRow {
        id: OrgId::new(now),
        name: name.to_string(),
        kind: "individual".into(),
        country: ctx.config.default_country.clone(),
        language: language.code().to_string(),
        currency: ctx.config.default_currency.clone(),
        vat_number: None,
        created_at: ms,
        updated_at: ms,
    };
    store::insert_org(c.reborrow(), &org).await?;
    store::insert_member(
        c.reborrow(),
        &org.id,
        user_id,
        Role::LegalRepresentative,
        ms,
    )
    .await?;
    crate::audit::record(
        c,
        ctx,
        actor,
        crate::audit::Change {
            org_id: &org.id,
            action: crate::audit::AuditAction::OrgCreated,
            target: &format!("org:{}", org.id),
            before: None,
            after: Some(organisation::org_json(&org)),
        },
    )
    .await?;
    Ok(org.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_parse_and_print_alike() {
        // proves: ORG-2
        for s in [
            "product:prd_1",
            "kind:domain",
            "billing:view",
            "billing:pay",
            "billing:manage",
            "members",
            "settings",
        ] {
            assert_eq!(s.parse::<Right>().unwrap().to_string(), s);
        }
        for bad in ["billing", "product:", "kind:a b", "admin", "product:x:y"] {
            assert!(bad.parse::<Right>().is_err(), "{bad}");
        }
    }

    #[test]
    fn billing_rights_imply_the_lesser_ones_and_product_kinds_cover_their_products() {
        // proves: ORG-2, ORG-4
        let pay = RightSet::parse_list(["billing:pay"]).unwrap();
        assert!(pay.can_view_billing() && pay.can_pay() && !pay.can_manage_billing());
        let kind = RightSet::parse_list(["kind:domain"]).unwrap();
        assert!(kind.can_access_product("prd_a", "domain"));
        assert!(!kind.can_access_product("prd_b", "web_hosting"));
        let one = RightSet::parse_list(["product:prd_b"]).unwrap();
        assert!(one.can_access_product("prd_b", "web_hosting"));
        let mut u = kind.clone();
        u.union(&one);
        assert!(
            u.can_access_product("prd_a", "domain") && u.can_access_product("prd_b", "web_hosting")
        );
    }

    proptest::proptest! {
        #[test]
        fn typed_rights_roles_kinds_and_currencies_never_panic(
            s in crate::text::strategies::text()
        ) {
            // proves: ORG-2, ORG-3 // issue 9
            if let Ok(set) = RightSet::parse_list([s.as_str()]) {
                let names = set.names();
                proptest::prop_assert!(names.iter().all(|n| !crate::text::has_control(n)));
                let again = RightSet::parse_list(names.iter().map(String::as_str)).unwrap();
                proptest::prop_assert_eq!(again, set);
            }
            if let Some(r) = Role::parse(&s) {
                proptest::prop_assert_eq!(r.as_str(), s.as_str());
            }
            if let Some(k) = OrgKind::parse(&s) {
                proptest::prop_assert_eq!(k.as_str(), s.as_str());
            }
            if let Some(c) = Currency::parse(&s) {
                proptest::prop_assert_eq!(c.code(), s.as_str());
            }
        }
    }
}
