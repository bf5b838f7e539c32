//! The catalogue: what the provider sells, at what price (CAT-1, issue 13).
//!
//! The provider writes it in TOML; [`Catalogue::parse`] reads the whole
//! text and either gives a [`Catalogue`] that keeps every rule below, or
//! lists every mistake it found, each with its place
//! (`plan[hosting-start].prices.12.EUR`) and a sentence in plain English,
//! so a bad catalogue is refused as a whole and fixed in one go. A demo
//! catalogue ships in the binary ([`Catalogue::demo`], `demo.toml`).
//!
//! - CAT-1: product kinds (domain, web hosting, mail, suite, drive, chat,
//!   NAS device, premium support), plans, prices per period and currency
//!   (CHF, EUR) before VAT, a VAT class, the periods allowed (a domain for
//!   whole years, e.g. .ch for 1 to 10), whether renewal warranty (REN-4)
//!   may be switched on — never for a NAS device — and names and
//!   descriptions in en, fr, de and it.
//! - CAT-5: premium support is a plan like the others (kind
//!   `premium_support`); its VIP code comes with the product.
//! - SUI-1: a suite is priced per user plus storage in steps above an
//!   included minimum, contains mail, drive and chat, and is upgraded
//!   prorated to the day ([`prorate`], [`suite_upgrade_price`]).
//! - SUI-2: an upgrade that lowers users or storage is refused
//!   ([`PriceError::Downgrade`]).
//! - REN-1, REN-3: every product has a period; a domain can be renewed
//!   several years ahead (its periods are whole years), at its renewal
//!   price.
//!
//! # The format
//!
//! ```toml
//! currencies = ["CHF", "EUR"]     # every price is given in each of these
//!
//! [[domain]]
//! tld = "ch"                      # lower case, no dot; an IDN TLD in Unicode
//! years = { min = 1, max = 10 }   # the periods allowed, whole years (1 to 10)
//! vat_class = "standard"          # standard | reduced | accommodation | zero
//! renewal_warranty = true
//! register = { CHF = "15.00", EUR = "16.00" }   # per year, before VAT
//! renew    = { CHF = "18.00", EUR = "19.00" }   # per year, before VAT
//! # name, description: optional, as for a plan; by default "Domain .ch",
//! # "Domaine .ch", "Domain .ch", "Dominio .ch".
//!
//! [[plan]]
//! id = "mail-pro"                 # [a-z0-9-], 2 to 40 characters, unique, not domain-…
//! kind = "mail"                   # web_hosting | mail | suite | drive | chat | nas | premium_support
//! vat_class = "standard"
//! renewal_warranty = true         # must be false for nas
//! name = { en = "Mail Service", fr = "Service de messagerie", de = "Mail-Service", it = "Servizio e-mail" }
//! description = { en = "…", fr = "…", de = "…", it = "…" }
//! # Optional: priced per unit (mail: mailbox; suite, drive, chat: user;
//! # nas: device). Absent: an item is one unit. Required for a suite.
//! quantity = { unit = "mailbox", min = 1, max = 500 }
//! [plan.prices]                   # period in months (1 to 120) -> price per unit for it
//! 1  = { CHF = "2.00",  EUR = "2.10" }
//! 12 = { CHF = "20.00", EUR = "21.00" }
//!
//! [[plan]]
//! id = "suite-business"
//! kind = "suite"
//! # … vat_class, renewal_warranty, name, description, quantity (unit = "user"), prices …
//! includes = ["mail", "drive", "chat"]   # suites only, required: what it contains
//! [plan.storage]                  # suites only, required
//! min_gb = 100                    # included in the base price, and the least one orders
//! max_gb = 10000
//! step_gb = 100                   # storage is ordered in steps
//! prices = { 1 = { CHF = "2.00", EUR = "2.10" }, 12 = { CHF = "20.00", EUR = "21.00" } }  # per step above min_gb
//! ```
//!
//! # The rules [`Catalogue::parse`] enforces (CAT-1)
//!
//! - TOML syntax: one error, placed by line and column. At most
//!   [`MAX_TEXT_BYTES`] of text and [`MAX_PLANS`] domains and plans.
//! - No unknown key anywhere; every key above is required unless said
//!   optional.
//! - `currencies`: not empty, known codes, each once.
//! - A price is a string (`"12.50"`, never a TOML number), an exact
//!   amount of its currency, more than zero (a free plan is a staff credit
//!   note, not a plan), in each currency of `currencies` and no other.
//! - A period is 1 to 120 months; a plan has at least one. A domain's
//!   `years` are 1 ≤ min ≤ max ≤ 10; its periods are 12·min to 12·max
//!   months, each at the yearly price × years, registration for the first
//!   order and renewal after.
//! - Ids and TLDs are unique; a domain's plan id is `domain-<tld>` (the TLD
//!   in punycode), a prefix no `[[plan]]` may use.
//! - Names 1 to 80 characters, descriptions 1 to 500, in all four
//!   languages, on one line.
//! - `quantity`: the unit the kind is sold per, 1 ≤ min ≤ max.
//! - `storage` and `includes` only on a suite, and required there:
//!   `step_gb` > 0, `min_gb` ≤ `max_gb`, both multiples of `step_gb`, a
//!   step price for each period of the plan and no other; `includes`
//!   lists kinds that may be inside a suite (mail, drive, chat), once
//!   each.
//! - `renewal_warranty = true` is refused for a NAS device (REN-4).
//!
//! An entry is named in paths by its id or TLD when that is valid and the
//! first of its name (`plan[mail-pro]`, `domain[ch]`), else by its
//! position from 0 (`plan[2]`).

pub mod cart;
pub mod manage;
mod model;
pub mod orders;
pub mod overview;
mod pricing;
pub mod products;
pub mod quote;
mod running;
mod settings;
pub mod staff;
pub mod store;
pub mod suites;
pub mod versions;

/// The catalogue's scheduled work (gathered by [`crate::jobs::all`]):
/// cancelling orders left unpaid (CAT-2), and running the version staff
/// published on another instance (CAT-1).
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![
        versions::sweep(),
        crate::jobs::Sweep {
            name: "catalog.orders",
            every: std::time::Duration::from_secs(3600),
            run: |ctx| Box::pin(orders::cancel_unpaid(ctx)),
            per_instance: false,
        },
    ]
}

pub use model::{
    Catalogue, CatalogueError, CatalogueView, DESCRIPTION_MAX_CHARS, ID_MAX_CHARS, ID_MIN_CHARS,
    Localised, MAX_DOMAIN_YEARS, MAX_PERIOD_MONTHS, MAX_PLANS, MAX_TEXT_BYTES, NAME_MAX_CHARS,
    PeriodPrices, Plan, PlanView, PriceSet, ProductKind, QuantityRule, QuantityUnit, StorageRule,
    StorageView,
};
pub use pricing::{PriceError, SuiteResource, SuiteSize, prorate, suite_upgrade_price};
pub use running::Running;
pub use settings::CatalogSettings;
