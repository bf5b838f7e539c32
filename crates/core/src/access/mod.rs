//! Who may do what. Every service operation takes an [`Actor`] and asks
//! [`check`] before it touches anything; handlers never decide rights.
//!
//! - API-1: a call made with an API token is limited to the token's scopes
//!   (403 `insufficient_scope`).
//! - A user acts on their own account only; anything else is answered as if
//!   it did not exist (404), never 403, so existence is not revealed.
//! - On an organisation, the actor's [`Standing`] (role, own and team
//!   rights; later staff roles, support grants, partners) decides, through
//!   the exhaustive [`Standing::permits`].

pub mod standing;

pub use standing::{Beyond, MemberStanding, Standing};

pub mod staff;

use crate::ids::{ApiTokenId, SessionId, UserId};
use std::{collections::BTreeSet, fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The scopes an API token can carry (documented in docs/api.md).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Scope {
    #[serde(rename = "profile:read")]
    ProfileRead,
    #[serde(rename = "profile:write")]
    ProfileWrite,
    #[serde(rename = "security:read")]
    SecurityRead,
    #[serde(rename = "security:write")]
    SecurityWrite,
    #[serde(rename = "tokens:read")]
    TokensRead,
    #[serde(rename = "tokens:write")]
    TokensWrite,
    #[serde(rename = "orgs:read")]
    OrgsRead,
    #[serde(rename = "orgs:write")]
    OrgsWrite,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::ProfileRead,
        Scope::ProfileWrite,
        Scope::SecurityRead,
        Scope::SecurityWrite,
        Scope::TokensRead,
        Scope::TokensWrite,
        Scope::OrgsRead,
        Scope::OrgsWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ProfileRead => "profile:read",
            Scope::ProfileWrite => "profile:write",
            Scope::SecurityRead => "security:read",
            Scope::SecurityWrite => "security:write",
            Scope::TokensRead => "tokens:read",
            Scope::TokensWrite => "tokens:write",
            Scope::OrgsRead => "orgs:read",
            Scope::OrgsWrite => "orgs:write",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Scope::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                Error::invalid("scopes", "unknown_scope", format!("`{s}` is not a scope"))
            })
    }
}

/// A set of scopes, stored as a space-separated list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeSet(BTreeSet<Scope>);

impl ScopeSet {
    pub fn parse_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self> {
        let mut set = BTreeSet::new();
        for s in items {
            let s = s.trim();
            if !s.is_empty() {
                set.insert(s.parse()?);
            }
        }
        Ok(Self(set))
    }
    /// From the stored form; unknown names (a scope removed in an upgrade)
    /// are dropped rather than granting anything.
    pub fn from_stored(s: &str) -> Self {
        Self(
            s.split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect(),
        )
    }
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn contains(&self, s: Scope) -> bool {
        self.0.contains(&s)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }
}

/// How the actor reached us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A console session (all of the user's own rights).
    Session { session_id: SessionId },
    /// An API token, limited to its scopes.
    Token {
        token_id: ApiTokenId,
        scopes: ScopeSet,
    },
    /// The operator's command line (`guichet admin …`).
    Operator,
    /// The sign-up form or API making this very account: no session yet.
    SignUp,
}

/// On whose behalf the actor acts (OPS-5). Partners and support grants come
/// with their capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnBehalf {
    /// The user acts for themself.
    Own,
}

/// Who acts, how, and for whom; plus where from (security log, audit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub via: Via,
    pub on_behalf: OnBehalf,
    pub ip: String,
    pub user_agent: String,
    /// The caller's profile as read when this actor was authenticated, in
    /// this very request (token calls read it in the same query as the
    /// token). Reads of the profile use it instead of a second query;
    /// changes always read afresh.
    pub account: Option<std::sync::Arc<crate::accounts::ProfileView>>,
}

/// What an actor wants to do. Serialised by its snake_case name
/// (`view_members`, `leave_org`, …): views list the actions the caller may
/// take, so that clients show the doors that open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ReadProfile,
    UpdateProfile,
    /// Set or remove the recovery address: it receives password-reset
    /// links, so it is a security setting, not a profile detail.
    ChangeRecoveryEmail,
    ReadSecurityLog,
    ReadSessions,
    EndSession,
    ReadTokens,
    ManageTokens,
    /// See an organisation one belongs to (any member).
    ViewOrg,
    /// See an organisation's settings (admins, or the `settings` right).
    ViewOrgSettings,
    /// Change an organisation's data (ORG-1: admins only).
    ChangeOrg,
    /// See members and teams (admins, or the `members` right).
    ViewMembers,
    /// Invite, change rights, manage teams (admins only).
    ManageMembers,
    /// Remove other members (admins only; ORG-3 names the refusals).
    RemoveMembers,
    /// See the pending invitations (admins only; a read, so `orgs:read`).
    ViewInvitations,
    /// See invoices and billing (admins, or a billing right).
    ViewBilling,
    /// Add, change, remove billing addresses (ORG-1: admins only).
    ManageBillingAddresses,
    /// Pay invoices and top up the prepaid account (admins, or
    /// `billing:pay`; `billing:manage` implies it).
    PayBilling,
    /// Remove stored payment methods (admins, or `billing:manage`).
    ManagePaymentMethods,
    /// Read the audit log (admins).
    ViewAudit,
    /// Leave an organisation (any member; ORG-5 decides the rest).
    LeaveOrg,
    /// Hand the legal representative's role over (ORG-6: the legal
    /// representative only).
    HandOver,
    /// Manage one product (admins, or a right on it or on its kind).
    ManageProduct,
}

impl Action {
    /// The actions on an organisation, in the order views list them.
    pub const ORG: [Action; 15] = [
        Action::ViewOrg,
        Action::ViewOrgSettings,
        Action::ChangeOrg,
        Action::ViewMembers,
        Action::ManageMembers,
        Action::RemoveMembers,
        Action::ViewInvitations,
        Action::ViewBilling,
        Action::ManageBillingAddresses,
        Action::PayBilling,
        Action::ManagePaymentMethods,
        Action::ViewAudit,
        Action::LeaveOrg,
        Action::HandOver,
        Action::ManageProduct,
    ];

    /// The scope an API token needs for this action.
    pub fn scope(self) -> Scope {
        match self {
            Action::ReadProfile => Scope::ProfileRead,
            Action::UpdateProfile => Scope::ProfileWrite,
            Action::ReadSecurityLog | Action::ReadSessions => Scope::SecurityRead,
            Action::EndSession | Action::ChangeRecoveryEmail => Scope::SecurityWrite,
            Action::ReadTokens => Scope::TokensRead,
            Action::ManageTokens => Scope::TokensWrite,
            Action::ViewOrg
            | Action::ViewOrgSettings
            | Action::ViewMembers
            | Action::ViewBilling
            | Action::ViewInvitations
            | Action::ViewAudit => Scope::OrgsRead,
            Action::ChangeOrg
            | Action::ManageMembers
            | Action::RemoveMembers
            | Action::ManageBillingAddresses
            | Action::PayBilling
            | Action::ManagePaymentMethods
            | Action::LeaveOrg
            | Action::HandOver
            | Action::ManageProduct => Scope::OrgsWrite,
        }
    }
}

/// What the action is about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A user's own account (profile, sessions, tokens, security log).
    User(&'a UserId),
    /// An organisation, seen through the actor's membership of it.
    Org(&'a crate::orgs::Membership),
    /// A product of an organisation.
    Product {
        membership: &'a crate::orgs::Membership,
        product_id: &'a str,
        kind: &'a str,
    },
}

/// May `actor` do `action` on `target`? The one place that decides.
pub fn check(actor: &Actor, action: Action, target: Target<'_>) -> Result<()> {
    check_scope(actor, action)?;
    match target {
        Target::User(user_id) if *user_id == actor.user_id => Ok(()),
        // Someone else's account: as if it did not exist.
        Target::User(_) => Err(Error::NotFound),
        Target::Org(m) => decide(actor, action, &standing_of(m)),
        Target::Product {
            membership: m,
            product_id,
            kind,
        } => {
            let st = standing_of(m);
            if st.user_id != actor.user_id || !st.sees_org() {
                Err(Error::NotFound)
            } else if action == Action::ManageProduct && st.permits_product(product_id, kind) {
                Ok(())
            } else {
                Err(not_allowed())
            }
        }
    }
}

/// May `actor`, standing as `standing` on an organisation, do `action`?
/// Scopes first (a token without `orgs:*` learns nothing), then: no
/// standing → 404, as if the organisation did not exist; a standing that
/// does not permit it → 403.
pub fn decide(actor: &Actor, action: Action, standing: &Standing) -> Result<()> {
    check_scope(actor, action)?;
    if standing.user_id != actor.user_id || !standing.sees_org() {
        return Err(Error::NotFound);
    }
    if standing.permits(action) {
        Ok(())
    } else {
        Err(not_allowed())
    }
}

/// API-1: a token is limited to its scopes.
fn check_scope(actor: &Actor, action: Action) -> Result<()> {
    if let Via::Token { scopes, .. } = &actor.via
        && !scopes.contains(action.scope())
    {
        return Err(Error::forbidden(
            "insufficient_scope",
            format!("This token lacks the `{}` scope.", action.scope()),
        ));
    }
    Ok(())
}

/// A membership as a standing (its rights are already united).
fn standing_of(m: &crate::orgs::Membership) -> Standing {
    Standing::member(
        &m.org_id,
        &m.user_id,
        m.role,
        m.rights.clone(),
        crate::orgs::RightSet::default(),
    )
}

fn not_allowed() -> Error {
    Error::forbidden(
        "forbidden",
        "Your role or rights in this organisation do not allow this.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::{Membership, RightSet, Role};

    fn member(role: Role, rights: &[&str]) -> Membership {
        Membership {
            org_id: crate::ids::OrgId::from_stored("org_1".into()),
            user_id: UserId::from_stored("usr_a".into()),
            role,
            rights: RightSet::parse_list(rights.iter().copied()).unwrap(),
        }
    }

    #[test]
    fn only_admins_change_an_org_and_rights_open_the_rest() {
        // proves: ORG-1, ORG-2
        let s = actor(Via::Session {
            session_id: SessionId::from_stored("ses".into()),
        });
        for role in [Role::LegalRepresentative, Role::Owner] {
            let m = member(role, &[]);
            for a in [
                Action::ChangeOrg,
                Action::ManageMembers,
                Action::ManageBillingAddresses,
                Action::ViewAudit,
                Action::ViewBilling,
            ] {
                assert!(check(&s, a, Target::Org(&m)).is_ok(), "{role:?} {a:?}");
            }
        }
        let plain = member(Role::User, &[]);
        assert!(check(&s, Action::ViewOrg, Target::Org(&plain)).is_ok());
        for a in [
            Action::ChangeOrg,
            Action::ManageMembers,
            Action::ViewMembers,
            Action::ViewBilling,
            Action::ViewAudit,
        ] {
            assert_eq!(
                check(&s, a, Target::Org(&plain)).unwrap_err().code(),
                "forbidden",
                "{a:?}"
            );
        }
        let billing = member(Role::User, &["billing:view", "members"]);
        assert!(check(&s, Action::ViewBilling, Target::Org(&billing)).is_ok());
        assert!(check(&s, Action::ViewMembers, Target::Org(&billing)).is_ok());
        assert!(check(&s, Action::ManageMembers, Target::Org(&billing)).is_err());
        assert!(check(&s, Action::ManageBillingAddresses, Target::Org(&billing)).is_err());
        let mut other = member(Role::Owner, &[]);
        other.user_id = UserId::from_stored("usr_b".into());
        assert_eq!(
            check(&s, Action::ViewOrg, Target::Org(&other))
                .unwrap_err()
                .code(),
            "object_not_found"
        );
    }

    #[test]
    fn a_right_on_a_product_kind_opens_every_product_of_that_kind() {
        // proves: ORG-2
        let s = actor(Via::Session {
            session_id: SessionId::from_stored("ses".into()),
        });
        let m = member(Role::User, &["kind:domain"]);
        let t = |id, kind| Target::Product {
            membership: &m,
            product_id: id,
            kind,
        };
        assert!(check(&s, Action::ManageProduct, t("prd_1", "domain")).is_ok());
        assert!(check(&s, Action::ManageProduct, t("prd_2", "web_hosting")).is_err());
    }

    fn actor(via: Via) -> Actor {
        Actor {
            user_id: UserId::from_stored("usr_a".into()),
            via,
            on_behalf: OnBehalf::Own,
            ip: String::new(),
            user_agent: String::new(),
            account: None,
        }
    }

    #[test]
    fn tokens_are_limited_to_their_scopes() {
        // proves: API-1
        let t = actor(Via::Token {
            token_id: ApiTokenId::from_stored("tok".into()),
            scopes: ScopeSet::parse_list(["profile:read"]).unwrap(),
        });
        assert!(
            check(
                &t,
                Action::ReadProfile,
                Target::User(&UserId::from_stored("usr_a".into()))
            )
            .is_ok()
        );
        let e = check(
            &t,
            Action::UpdateProfile,
            Target::User(&UserId::from_stored("usr_a".into())),
        )
        .unwrap_err();
        assert_eq!(e.code(), "insufficient_scope");
        let s = actor(Via::Session {
            session_id: SessionId::from_stored("ses".into()),
        });
        assert!(
            check(
                &s,
                Action::ManageTokens,
                Target::User(&UserId::from_stored("usr_a".into()))
            )
            .is_ok()
        );
        assert_eq!(
            check(
                &s,
                Action::ReadProfile,
                Target::User(&UserId::from_stored("usr_b".into()))
            )
            .unwrap_err()
            .code(),
            "object_not_found"
        );
    }

    #[test]
    fn scope_lists_round_trip_and_reject_unknown_names() {
        let s = ScopeSet::parse_list(["tokens:write", "profile:read", "profile:read"]).unwrap();
        assert_eq!(s.to_stored(), "profile:read tokens:write");
        assert_eq!(ScopeSet::from_stored(&s.to_stored()), s);
        assert_eq!(
            ScopeSet::parse_list(["admin"]).unwrap_err().code(),
            "validation_failed"
        );
    }

    proptest::proptest! {
        #[test]
        fn typed_scope_lists_never_panic_and_round_trip(
            items in proptest::collection::vec(crate::text::strategies::text(), 0..4)
        ) {
            // proves: API-1 // issue 9
            if let Ok(set) = ScopeSet::parse_list(items.iter().map(String::as_str)) {
                proptest::prop_assert_eq!(ScopeSet::from_stored(&set.to_stored()), set);
            }
        }
    }
}
