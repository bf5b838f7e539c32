//! Issue 13, the customer's side of CAT-2 in the console: the shop, the
//! cart and its checkout, the orders, and the products an organisation
//! holds.
//!
//! - [`catalogue`] the shop: the running catalogue in the organisation's
//!   currency, each plan with its choices and "Add to cart" for members
//!   who may order (the pay right, as `POST /api/1/orgs/{id}/orders`);
//!   others browse it without the controls.
//! - [`cart`] the cart (kept in the database per organisation and member,
//!   `catalog::cart`), priced by `catalog::quote` exactly as the order's
//!   invoice will be; the checkout places the order
//!   (`catalog::orders::place`, the form's key making a second post answer
//!   the first order) and pays its invoice the way the invoice's own pay
//!   form does.
//! - [`orders`] the orders, one order with its invoice, pay and cancel.
//! - [`products`] the products the viewer sees (ORG-2), filtered and
//!   paged, and a product's page (CAT-5: the VIP code).
//! - [`manage`] the forms that change them: renewal settings one by one
//!   or for the products checked, moving one, a suite's upgrade and seats.
//!
//! As everywhere under `/orgs`, the core decides rights; another
//! organisation's ids, and products no right opens, are 404.

mod cart;
mod catalogue;
mod manage;
mod orders;
mod products;

pub use cart::*;
pub use catalogue::*;
pub use manage::{bulk_change, give_seat, move_product, save_renewal, take_seat, upgrade_suite};
pub use orders::*;
pub use products::*;

use guichet_core::catalog::ProductKind;

use super::{
    super::{Shell, notice::notices},
    invoices::Day,
};

notices! {
    /// What the shop's pages say after a successful post.
    pub enum ShopNotice in "shop-saved-" {
        Added = "added",
        Removed = "removed",
        QuantityChanged = "quantity-changed",
        Cleared = "cleared",
        OrderCancelled = "order-cancelled",
    }
}

/// The catalogue's prefix of the refusals of the shop's forms
/// (`shop-refused-cart-full`…).
const REFUSED: &str = "shop-refused-";

/// A kind as one product is named ("Mail service").
pub(in crate::console::orgs) fn kind_label(shell: &Shell, kind: ProductKind) -> String {
    shell.t(&format!("product-kind-{}", kind.as_str().replace('_', "-")))
}

/// "12 months", "2 years".
pub(in crate::console::orgs) fn period_text(shell: &Shell, months: i64) -> String {
    let (key, count) = if months % 12 == 0 {
        ("invoice-line-years", months / 12)
    } else {
        ("invoice-line-months", months)
    };
    shell
        .i18n
        .t_args(shell.lang, key, &[("count", count.into())])
}

/// A status as a badge: its words (never its colour alone) and the class
/// that colours it.
pub struct Badge {
    pub code: String,
    pub label: String,
    pub class: &'static str,
}

impl Badge {
    fn order(shell: &Shell, code: &str) -> Self {
        Self {
            code: code.to_string(),
            label: shell.t_or(&format!("shop-order-status-{code}"), code),
            class: match code {
                "paid" => "ok",
                "cancelled" => "revoked",
                _ => "active",
            },
        }
    }

    pub(in crate::console::orgs) fn product(shell: &Shell, code: &str) -> Self {
        Self {
            code: code.to_string(),
            label: shell.t_or(&format!("shop-product-status-{code}"), code),
            class: match code {
                "active" => "ok",
                "expired" | "cancelled" | "deleted" => "expired",
                _ => "active",
            },
        }
    }
}

/// A business date stored as `YYYY-MM-DD`, as a page shows it.
pub(in crate::console::orgs) fn day_of(shell: &Shell, text: Option<&str>) -> Option<Day> {
    text.and_then(|t| t.parse::<jiff::civil::Date>().ok())
        .map(|d| Day::of(shell, d))
}

#[cfg(test)]
mod tests {
    use guichet_core::i18n::{I18n, Lang};

    use super::{super::super::notice::Notice, ShopNotice};

    #[test]
    fn every_notice_has_its_words_in_every_language() {
        let i18n = I18n::load().unwrap();
        for n in ShopNotice::ALL {
            for &lang in Lang::ALL.iter() {
                assert_ne!(i18n.t(lang, n.key()), n.key(), "{n:?} in {lang:?}");
            }
        }
    }
}
