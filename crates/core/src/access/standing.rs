//! An actor's standing in one organisation, and what it permits.
//!
//! A [`Standing`] is computed for (actor, organisation), inside the
//! transaction of the operation that asks (see `orgs::standing`): the
//! member's role, their own rights and their teams' rights. The actors to
//! come (staff roles, support grants, partners) stand on an organisation
//! without being members of it: they are [`Beyond`] variants, and
//! [`Standing::permits`] must decide each of them for every action.
//!
//! `permits` is exhaustive on purpose: no `_ =>` arm, so adding an
//! [`Action`] (or a [`Beyond`] variant) does not compile until somebody
//! decides who may take it.

use super::Action;
use crate::ids::{OrgId, UserId};
use crate::orgs::{Right, RightSet, Role};

/// What membership gives: a role, and rights held directly or through
/// teams (ORG-1, ORG-2, ORG-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStanding {
    pub role: Role,
    /// Rights granted to the member directly.
    pub own_rights: RightSet,
    /// Rights the member holds through their teams.
    pub team_rights: RightSet,
}

impl MemberStanding {
    /// Own and team rights, united: what a restricted user may use.
    pub fn rights(&self) -> RightSet {
        let mut r = self.own_rights.clone();
        r.union(&self.team_rights);
        r
    }
}

/// A standing on an organisation that does not come from membership.
/// There is none yet; each lands here with its own capabilities:
///
/// - `Staff(staff::StaffRoles)`: the provider's staff (support, billing,
///   fraud, admin), deciding through `access::staff`;
/// - `SupportGrant(..)`: a customer's time-limited grant to support;
/// - `Partner(..)`: a partner acting on behalf of a customer (OPS-5's
///   `on_behalf`).
///
/// Being an empty enum, `match beyond {}` in [`Standing::permits`] is
/// exhaustive today and stops compiling the day a variant is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Beyond {}

/// (actor, organisation): everything access decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub org_id: OrgId,
    pub user_id: UserId,
    /// `None`: not a member (the organisation does not exist for them,
    /// unless `beyond` says otherwise).
    pub member: Option<MemberStanding>,
    /// Standing that is not membership (staff, support, partners).
    pub beyond: Option<Beyond>,
}

impl Standing {
    /// A member's standing.
    pub fn member(
        org_id: &OrgId,
        user_id: &UserId,
        role: Role,
        own_rights: RightSet,
        team_rights: RightSet,
    ) -> Self {
        Self {
            org_id: org_id.clone(),
            user_id: user_id.clone(),
            member: Some(MemberStanding {
                role,
                own_rights,
                team_rights,
            }),
            beyond: None,
        }
    }

    /// Someone with no standing at all: sees nothing.
    pub fn stranger(org_id: &OrgId, user_id: &UserId) -> Self {
        Self {
            org_id: org_id.clone(),
            user_id: user_id.clone(),
            member: None,
            beyond: None,
        }
    }

    /// Does the organisation exist for this actor? Strangers get 404.
    pub fn sees_org(&self) -> bool {
        self.member.is_some() || self.beyond.is_some()
    }

    /// The member's role, if a member.
    pub fn role(&self) -> Option<Role> {
        self.member.as_ref().map(|m| m.role)
    }

    /// Own and team rights, united (empty for a non-member).
    pub fn rights(&self) -> RightSet {
        self.member
            .as_ref()
            .map(MemberStanding::rights)
            .unwrap_or_default()
    }

    /// May this standing take `action` on the organisation? Token scopes
    /// are not decided here (see `access::check`), nor the named refusals
    /// of a state (ORG-5's last owner, …), which the services decide.
    pub fn permits(&self, action: Action) -> bool {
        if let Some(beyond) = &self.beyond {
            match *beyond {}
        }
        let Some(m) = &self.member else {
            return false;
        };
        let admin = m.role.is_admin();
        let rights = m.rights();
        match action {
            // About a user's own account, never about an organisation.
            Action::ReadProfile
            | Action::UpdateProfile
            | Action::ChangeRecoveryEmail
            | Action::ReadSecurityLog
            | Action::ReadSessions
            | Action::EndSession
            | Action::ReadTokens
            | Action::ManageTokens => false,
            // Any member sees the organisation and may ask to leave it
            // (ORG-5 names the refusals).
            Action::ViewOrg | Action::LeaveOrg => true,
            Action::ViewOrgSettings => admin || rights.has(&Right::Settings),
            Action::ViewMembers => admin || rights.has(&Right::Members),
            Action::ViewBilling => admin || rights.can_view_billing(),
            Action::PayBilling => admin || rights.can_pay(),
            Action::ManagePaymentMethods => admin || rights.can_manage_billing(),
            // ORG-1: every change of the organisation itself is the admins'.
            Action::ChangeOrg
            | Action::ManageMembers
            | Action::RemoveMembers
            | Action::ViewInvitations
            | Action::ManageBillingAddresses
            | Action::ViewAudit => admin,
            // ORG-6: only the legal representative hands the role over.
            Action::HandOver => m.role == Role::LegalRepresentative,
            // Whether one product is open is `permits_product`'s question;
            // on the organisation as a whole, only admins manage products.
            Action::ManageProduct => admin,
        }
    }

    /// May this standing manage one product (ORG-2)? Admins may; others
    /// through a right on the product or on its kind.
    pub fn permits_product(&self, product_id: &str, kind: &str) -> bool {
        if let Some(beyond) = &self.beyond {
            match *beyond {}
        }
        self.member
            .as_ref()
            .is_some_and(|m| m.role.is_admin() || m.rights().can_access_product(product_id, kind))
    }

    /// Of `actions`, those this standing permits, in the given order.
    pub fn permitted(&self, actions: &[Action]) -> Vec<Action> {
        actions
            .iter()
            .copied()
            .filter(|a| self.permits(*a))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(role: Role, own: &[&str], team: &[&str]) -> Standing {
        Standing::member(
            &OrgId::from_stored("org_1".into()),
            &UserId::from_stored("usr_a".into()),
            role,
            RightSet::parse_list(own.iter().copied()).unwrap(),
            RightSet::parse_list(team.iter().copied()).unwrap(),
        )
    }

    #[test]
    fn team_rights_count_like_own_rights_and_strangers_have_none() {
        // proves: ORG-2, ORG-4
        let through_team = st(Role::User, &[], &["members", "billing:view"]);
        assert!(through_team.permits(Action::ViewMembers));
        assert!(through_team.permits(Action::ViewBilling));
        assert!(!through_team.permits(Action::ManageMembers));
        assert!(!through_team.permits(Action::ViewOrgSettings));
        let stranger = Standing::stranger(
            &OrgId::from_stored("org_1".into()),
            &UserId::from_stored("usr_a".into()),
        );
        assert!(!stranger.sees_org());
        for a in Action::ORG {
            assert!(!stranger.permits(a), "{a:?}");
        }
    }

    #[test]
    fn only_the_legal_representative_hands_over_and_users_remove_nobody() {
        // proves: ORG-1, ORG-3, ORG-6
        assert!(st(Role::LegalRepresentative, &[], &[]).permits(Action::HandOver));
        assert!(!st(Role::Owner, &[], &[]).permits(Action::HandOver));
        assert!(st(Role::Owner, &[], &[]).permits(Action::RemoveMembers));
        assert!(!st(Role::User, &["members"], &[]).permits(Action::RemoveMembers));
        let kind = st(Role::User, &[], &["kind:domain"]);
        assert!(kind.permits_product("prd_1", "domain"));
        assert!(!kind.permits_product("prd_2", "mail"));
        assert!(!kind.permits(Action::ManageProduct));
    }
}
