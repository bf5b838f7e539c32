//! Renewals (REN-1..5, ORG-7): a product's period renewed automatically,
//! by hand or under the renewal warranty, and the steps of a product that
//! is not renewed — expired, suspended, deleted — each announced by mail
//! in advance (docs/renewals.md).
//!
//! - A **renewal** is one product's period (or several, REN-3) on an
//!   invoice. One live renewal per product and period (a unique index):
//!   two sweeps, a rerun or a customer renewing by hand while the sweep
//!   invoices cannot make two. It applies once, when its invoice is paid
//!   (or at expiry under the warranty): the product's expiry moves by a
//!   conditional update from exactly the period it renews.
//! - The **daily sweep** (`renewals.daily`) works through what is due
//!   today in the provider's time zone, step by step, in batches of
//!   `[renewals] batch` products per short transaction, reading each
//!   step's products by an index on (status, expiry): its cost grows with
//!   what is due, not with all products (`sweep`).
//! - **Charges** of stored methods are queued by the daily sweep (a
//!   renewal's `charge_on`) and made by `renewals.charges`, outside the
//!   daily sweep's transactions (`charge`).
//! - **Manual renewal** and the "to pay" list (`manual`), and the staff's
//!   view of a product's renewals (`history`).

pub mod charge;
pub mod dates;
pub mod history;
pub mod manual;
pub(crate) mod renew;
pub mod settings;
pub mod store;
pub mod sweep;

use std::time::Duration;

pub use renew::invoice_paid;
pub use settings::RenewalSettings;

/// The renewals' scheduled work (gathered by [`crate::jobs::all`]). Both
/// run often: each finds what is due by an index and does nothing when
/// nothing is, and a day's work is done early in the day.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![
        crate::jobs::Sweep {
            name: "renewals.daily",
            every: Duration::from_secs(900),
            run: |ctx| Box::pin(sweep::run(ctx)),
            per_instance: false,
        },
        crate::jobs::Sweep {
            name: "renewals.charges",
            every: Duration::from_secs(300),
            run: |ctx| Box::pin(charge::run(ctx)),
            per_instance: false,
        },
    ]
}
