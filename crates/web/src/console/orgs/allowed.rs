//! What the viewer may see and do on an organisation's pages: the one
//! place the console decides which tabs, forms and buttons to show.
//!
//! The core decides: its views carry the actions the caller may take now
//! (`Standing::permits`, less what a named rule would refuse), and this is
//! a reading of those and nothing else. The console mirrors no rule; a new
//! rule in `access` shows here by itself.

use guichet_core::{
    access::Action,
    orgs::{MemberView, OrgView},
};

/// Every "may the viewer…" of the organisation pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allowed {
    /// See the settings (ORG-1: admins, or the `settings` right).
    pub settings: bool,
    /// Change the settings (ORG-1: admins).
    pub change_settings: bool,
    /// See the members and teams (admins, or the `members` right).
    pub members: bool,
    /// Invite, change rights, manage teams (ORG-2, ORG-3, ORG-4: admins).
    pub manage_members: bool,
    /// Remove members: the core offers it, and someone listed can be
    /// removed (the legal representative never is). Known on the members page.
    pub remove_members: bool,
    /// See the pending invitations (admins).
    pub invitations: bool,
    /// See billing (admins, or any billing right).
    pub billing: bool,
    /// Pay invoices and order from the shop (BIL-3, CAT-2: the pay right,
    /// owners or the `billing:pay` right): the cart and its checkout.
    pub pay: bool,
    /// Add, change, delete billing addresses (ORG-7: admins).
    pub manage_addresses: bool,
    /// Read the audit log (OPS-5: admins).
    pub audit: bool,
    /// Leave (ORG-5): not the legal representative, who hands over first
    /// (ORG-6), nor the last owner.
    pub leave: bool,
    /// Name an owner to take over the legal representative's role (ORG-6),
    /// when there is one.
    pub hand_over: bool,
}

impl Allowed {
    /// What the viewer of `org` may do; `members`, when the page lists
    /// them, decides the buttons that depend on who they are.
    pub fn of(org: &OrgView, members: Option<&[MemberView]>) -> Self {
        Self::decide(
            &org.actions,
            members.map(|ms| {
                ms.iter()
                    .any(|m| m.actions.contains(&Action::RemoveMembers))
            }),
        )
    }

    /// A reading of the organisation's actions; `someone_removable` is
    /// known when the page lists the members.
    fn decide(actions: &[Action], someone_removable: Option<bool>) -> Self {
        let may = |a: Action| actions.contains(&a);
        Self {
            settings: may(Action::ViewOrgSettings),
            change_settings: may(Action::ChangeOrg),
            members: may(Action::ViewMembers),
            manage_members: may(Action::ManageMembers),
            remove_members: may(Action::RemoveMembers) && someone_removable == Some(true),
            invitations: may(Action::ViewInvitations),
            billing: may(Action::ViewBilling),
            pay: may(Action::PayBilling),
            manage_addresses: may(Action::ManageBillingAddresses),
            audit: may(Action::ViewAudit),
            leave: may(Action::LeaveOrg),
            hand_over: may(Action::HandOver),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_button_follows_its_action_and_nothing_else() {
        // proves: ORG-1, ORG-5, ORG-6
        let none = Allowed::decide(&[], Some(true));
        assert_eq!(none, Allowed::default());
        let legal = Allowed::decide(
            &[Action::ViewOrg, Action::ManageMembers, Action::HandOver],
            None,
        );
        assert!(!legal.leave && legal.hand_over && legal.manage_members && !legal.audit);
        let user = Allowed::decide(
            &[Action::ViewOrg, Action::LeaveOrg, Action::ViewBilling],
            None,
        );
        assert!(user.leave && user.billing && !user.members && !user.settings);
    }

    #[test]
    fn removing_members_is_offered_only_when_someone_can_be_removed() {
        // proves: ORG-3
        let admin = [Action::ViewMembers, Action::RemoveMembers];
        assert!(!Allowed::decide(&admin, Some(false)).remove_members);
        assert!(Allowed::decide(&admin, Some(true)).remove_members);
        assert!(!Allowed::decide(&admin, None).remove_members);
        assert!(!Allowed::decide(&[Action::ViewMembers], Some(true)).remove_members);
    }
}
