//! Console pages of organisations, under `/orgs/…`, and the invitation
//! link `/invitations/{secret}`, one file per sub-capability:
//!
//! - [`orgs`] ACC-7 the organisations a user belongs to, listed and
//!   switched between, and new ones; ORG-1 the settings; ORG-5 leaving.
//! - [`members`] ORG-3 members' roles and rights; removing several at once.
//! - [`invitations`] ORG-2 invitations with their rights, and the page of
//!   their link.
//! - [`teams`] ORG-4. [`handover`] ORG-6 the hand-over of the legal
//!   representative's role. [`addresses`] ORG-7 billing addresses.
//!   [`invoices`] BIL-1, BIL-2 invoices and credit notes with their PDFs.
//!   [`payments`] BIL-3, BIL-4 paying, the prepaid account, stored methods.
//!   [`audit`] OPS-5 the audit log. [`shop`] CAT-2, CAT-5 the shop, the
//!   cart and its checkout, orders and products (issue 13). [`renewals`]
//!   REN-3, ORG-7 the "to pay" list and renewing from it, and the
//!   overview's expiry calendar (issue 14).
//!
//! Handlers extract, call the service, render. The services decide rights
//! (`access::check`): a page the viewer may not see is a 403 page, and
//! another organisation's ids are a 404, never a 403 — posts included: a
//! handler loads the organisation ([`frame::OrgFrame::load`]) before it
//! reads the form. Which tabs and buttons show is decided in one place,
//! [`allowed::Allowed`].

pub mod addresses;
pub mod allowed;
pub mod audit;
pub mod frame;
pub mod handover;
pub mod invitations;
pub mod invoices;
pub mod members;
#[expect(clippy::module_inception, reason = "the orgs sub-capability of orgs")]
pub mod orgs;
pub mod payments;
pub mod renewals;
pub mod rights;
pub mod shop;
pub mod teams;

use axum::{
    Router,
    routing::{get, post},
};
use guichet_core::Error;

use super::{
    Shell,
    errors::PageError,
    form::Refusal,
    notice::{self, notices},
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(orgs::list).post(orgs::create))
        .route(
            "/orgs/{org_id}",
            get(orgs::overview).post(orgs::save_settings),
        )
        .route("/orgs/{org_id}/leave", post(orgs::leave))
        .route("/orgs/{org_id}/members", get(members::list))
        .route("/orgs/{org_id}/members/remove", post(members::remove))
        .route(
            "/orgs/{org_id}/members/{user_id}",
            get(members::page).post(members::save),
        )
        .route("/orgs/{org_id}/invitations", post(invitations::invite))
        .route(
            "/orgs/{org_id}/invitations/{id}/resend",
            post(invitations::resend),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/revoke",
            post(invitations::revoke),
        )
        .route("/orgs/{org_id}/handover", post(handover::start))
        .route("/orgs/{org_id}/handover/accept", post(handover::accept))
        .route("/orgs/{org_id}/teams", get(teams::list).post(teams::create))
        .route(
            "/orgs/{org_id}/teams/{team_id}",
            get(teams::page).post(teams::save),
        )
        .route("/orgs/{org_id}/teams/{team_id}/delete", post(teams::delete))
        .route(
            "/orgs/{org_id}/billing",
            get(addresses::list).post(addresses::add),
        )
        .route(
            "/orgs/{org_id}/billing/{address_id}",
            get(addresses::page).post(addresses::save),
        )
        .route(
            "/orgs/{org_id}/billing/{address_id}/default",
            post(addresses::make_default),
        )
        .route(
            "/orgs/{org_id}/billing/{address_id}/delete",
            post(addresses::delete),
        )
        .route("/orgs/{org_id}/invoices", get(invoices::list))
        .route("/orgs/{org_id}/invoices/{invoice_id}", get(invoices::page))
        .route(
            "/orgs/{org_id}/invoices/{invoice_id}/pdf",
            get(invoices::pdf),
        )
        .route(
            "/orgs/{org_id}/credit-notes/{credit_note_id}/pdf",
            get(invoices::credit_note_pdf),
        )
        .route(
            "/orgs/{org_id}/invoices/{invoice_id}/pay",
            get(payments::pay_page).post(payments::pay),
        )
        .route("/orgs/{org_id}/payments", get(payments::list))
        .route(
            "/orgs/{org_id}/payments/{payment_id}",
            get(payments::payment),
        )
        .route(
            "/orgs/{org_id}/payments/{payment_id}/return",
            get(payments::returned),
        )
        .route(
            "/orgs/{org_id}/prepaid",
            get(payments::prepaid).post(payments::top_up),
        )
        .route("/orgs/{org_id}/payment-methods", get(payments::methods))
        .route(
            "/orgs/{org_id}/payment-methods/{method_id}/remove",
            post(payments::remove_method),
        )
        .route("/orgs/{org_id}/shop", get(shop::shop))
        .route("/orgs/{org_id}/shop/add", post(shop::add_to_cart))
        .route("/orgs/{org_id}/cart", get(shop::cart_page))
        .route("/orgs/{org_id}/cart/clear", post(shop::clear_cart))
        .route(
            "/orgs/{org_id}/cart/{line_id}/remove",
            post(shop::remove_line),
        )
        .route(
            "/orgs/{org_id}/cart/{line_id}/quantity",
            post(shop::change_quantity),
        )
        .route(
            "/orgs/{org_id}/checkout",
            get(shop::checkout_page).post(shop::checkout),
        )
        .route("/orgs/{org_id}/orders", get(shop::orders_list))
        .route("/orgs/{org_id}/orders/{order_id}", get(shop::order_page))
        .route(
            "/orgs/{org_id}/orders/{order_id}/cancel",
            post(shop::cancel_order),
        )
        .route("/orgs/{org_id}/products", get(shop::products_list))
        .route(
            "/orgs/{org_id}/products/{product_id}",
            get(shop::product_page),
        )
        .route("/orgs/{org_id}/products/bulk", post(shop::bulk_change))
        .route(
            "/orgs/{org_id}/products/{product_id}/renewal",
            post(shop::save_renewal),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/move",
            post(shop::move_product),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/upgrade",
            post(shop::upgrade_suite),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/seats",
            post(shop::give_seat),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/seats/{user_id}/remove",
            post(shop::take_seat),
        )
        .route(
            "/orgs/{org_id}/renewals",
            get(renewals::to_pay_page).post(renewals::renew),
        )
        .route("/orgs/{org_id}/audit", get(audit::page))
        .route(
            "/invitations/{token}",
            get(invitations::link_page).post(invitations::accept),
        )
}

notices! {
    /// What the organisation pages say after a successful post.
    pub enum OrgNotice in "orgs-saved-" {
        OrgCreated = "org-created",
        Settings = "settings",
        Left = "left",
        Joined = "joined",
        MemberUpdated = "member-updated",
        MembersRemoved = "members-removed",
        Invited = "invited",
        InvitationResent = "invitation-resent",
        InvitationRevoked = "invitation-revoked",
        HandoverRequested = "handover-requested",
        HandoverAccepted = "handover-accepted",
        TeamCreated = "team-created",
        TeamSaved = "team-saved",
        TeamDeleted = "team-deleted",
        AddressAdded = "address-added",
        AddressSaved = "address-saved",
        AddressDefault = "address-default",
        AddressDeleted = "address-deleted",
    }
}

/// The catalogue's prefix of the rules that refuse an organisation's
/// changes (`orgs-refused-last-owner`…).
const REFUSED: &str = "orgs-refused-";

/// How an organisation's form answers a refusal (see [`notice::refusal`]).
fn refusal(shell: &Shell, form: &str, e: Error) -> Result<Refusal, PageError> {
    notice::refusal(shell, form, REFUSED, e)
}

/// A refusal's reason in the page's language.
fn conflict_text(shell: &Shell, code: &str, description: &str) -> String {
    notice::conflict_text(shell, REFUSED, code, description)
}

#[cfg(test)]
mod tests {
    use guichet_core::i18n::{I18n, Lang};

    use super::{OrgNotice, notice::Notice};

    #[test]
    fn every_notice_has_its_words_in_every_language() {
        let i18n = I18n::load().unwrap();
        for n in OrgNotice::ALL {
            for &lang in Lang::ALL.iter() {
                assert_ne!(i18n.t(lang, n.key()), n.key(), "{n:?} in {lang:?}");
            }
        }
    }
}
