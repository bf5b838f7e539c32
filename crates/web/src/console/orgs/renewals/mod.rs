//! Issue 14, the customer's side of renewals in the console:
//!
//! - [`to_pay`] REN-3, ORG-7 the "to pay" list (`/orgs/{id}/renewals`):
//!   what expires within two months (or all), each with its price per
//!   period and how many periods it renews for at once; the products
//!   checked are renewed on one invoice to the billing address chosen and
//!   paid as a checkout is (`manual::renew`, then the invoice's pay form).
//! - [`calendar`] REN-3, REN-5 the overview's expiry calendar: this month
//!   and the next two, each day with what expires on it.
//!
//! As everywhere under `/orgs`, the core decides rights: the list needs
//! the billing view, renewing the pay right; a restricted member sees
//! only their products.

pub mod calendar;
pub mod to_pay;

pub use to_pay::{renew, to_pay_page};

/// The catalogue's prefix of the refusals of the renewal form
/// (`renewals-refused-…`).
const REFUSED: &str = "renewals-refused-";
