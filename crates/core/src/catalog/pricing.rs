//! What an item costs (CAT-1) and what a suite's upgrade costs for the
//! rest of its period (SUI-1, SUI-2). Prices are before VAT; VAT is the
//! invoice's business (`billing::vat`).
//!
//! All arithmetic is checked: an overflow is an error, never a wrapped
//! amount. Proration multiplies in i128, where a price in minor units
//! times a day count cannot overflow.

use jiff::civil::Date;

use super::model::{Plan, ProductKind};
use crate::money::{Currency, Money, MoneyError};

/// Why an item has no price.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("the plan is not sold for {months} months")]
    PeriodNotAllowed { months: u32 },
    #[error("the plan has no price in {0}")]
    CurrencyNotOffered(Currency),
    #[error("the quantity must be from {min} to {max}, not {quantity}")]
    QuantityOutOfRange { quantity: u32, min: u32, max: u32 },
    #[error("the storage must be from {min_gb} to {max_gb} GB, not {storage_gb} GB")]
    StorageOutOfRange {
        storage_gb: u32,
        min_gb: u32,
        max_gb: u32,
    },
    #[error("the storage is ordered in steps of {step_gb} GB, and {storage_gb} GB is not one")]
    StorageNotOnStep { storage_gb: u32, step_gb: u32 },
    #[error("a suite's price needs its storage size")]
    StorageRequired,
    #[error("this plan has no storage to choose")]
    StorageNotApplicable,
    #[error("this plan is not a suite")]
    NotASuite,
    /// SUI-2: a suite is never downgraded.
    #[error("a suite is never downgraded: its {resource} cannot go from {before} to {after}")]
    Downgrade {
        resource: SuiteResource,
        before: u32,
        after: u32,
    },
    #[error("nothing to upgrade: the users and the storage are unchanged")]
    NoChange,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// What a suite upgrade changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuiteResource {
    Users,
    Storage,
}

impl std::fmt::Display for SuiteResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SuiteResource::Users => "users",
            SuiteResource::Storage => "storage (GB)",
        })
    }
}

/// A suite's size: its users (seats) and its storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuiteSize {
    pub users: u32,
    pub storage_gb: u32,
}

impl Plan {
    /// The price before VAT of one item for one period of `months`: the
    /// price per unit × `quantity` (1 for a plan not priced per unit),
    /// plus for a suite each step of `storage_gb` above the included
    /// minimum at the step price. A domain's `first` order is priced at
    /// registration, later ones at renewal (the per-year price × years);
    /// other plans cost the same each time.
    pub fn price(
        &self,
        months: u32,
        currency: Currency,
        quantity: u32,
        storage_gb: Option<u32>,
        first: bool,
    ) -> Result<Money, PriceError> {
        let table = match &self.renewal_prices {
            Some(renewal) if !first => renewal,
            _ => &self.prices,
        };
        let per_unit = table
            .get(&months)
            .ok_or(PriceError::PeriodNotAllowed { months })?
            .get(currency)
            .ok_or(PriceError::CurrencyNotOffered(currency))?;
        let (min, max) = self.quantity.map_or((1, 1), |q| (q.min, q.max));
        if !(min..=max).contains(&quantity) {
            return Err(PriceError::QuantityOutOfRange { quantity, min, max });
        }
        let base = per_unit.checked_mul(i64::from(quantity))?;
        let Some(rule) = &self.storage else {
            return match storage_gb {
                Some(_) => Err(PriceError::StorageNotApplicable),
                None => Ok(base),
            };
        };
        let storage_gb = storage_gb.ok_or(PriceError::StorageRequired)?;
        if !(rule.min_gb..=rule.max_gb).contains(&storage_gb) {
            return Err(PriceError::StorageOutOfRange {
                storage_gb,
                min_gb: rule.min_gb,
                max_gb: rule.max_gb,
            });
        }
        // step_gb > 0 and min_gb a multiple of it, by validation; the
        // `max(1)` only keeps a hand-made plan from dividing by zero.
        let step_gb = rule.step_gb.max(1);
        if storage_gb % step_gb != 0 {
            return Err(PriceError::StorageNotOnStep {
                storage_gb,
                step_gb,
            });
        }
        let steps = (storage_gb - rule.min_gb) / step_gb;
        let per_step = rule
            .prices
            .get(&months)
            .ok_or(PriceError::PeriodNotAllowed { months })?
            .get(currency)
            .ok_or(PriceError::CurrencyNotOffered(currency))?;
        Ok(base.checked_add(per_step.checked_mul(i64::from(steps))?)?)
    }
}

/// SUI-1, "prorated to the day": the part of `price_for_period` for the
/// days from `from` (included) to `period_end` (excluded), that is
/// `price × remaining days / days of the period`, rounded half-up (away
/// from zero) to the minor unit. A `from` before the period gives the
/// whole price, one at or after its end nothing; so does an empty period.
pub fn prorate(price_for_period: Money, period_start: Date, period_end: Date, from: Date) -> Money {
    let total = days_between(period_start, period_end);
    if total <= 0 || from >= period_end {
        return Money::zero(price_for_period.currency);
    }
    if from <= period_start {
        return price_for_period;
    }
    let remaining = days_between(from, period_end);
    Money::new(
        mul_div_half_up(price_for_period.amount_minor, remaining, total),
        price_for_period.currency,
    )
}

/// SUI-1, SUI-2: what raising a suite from `before` to `after` costs for
/// the rest of its current period (`period_start` to `period_end`,
/// excluded, sold for `months`), upgraded on `today`: the difference of
/// the two sizes' full-period prices, prorated. Refused: a smaller number
/// of users or less storage (never downgraded), and no change at all.
#[expect(
    clippy::too_many_arguments,
    reason = "the rule's inputs, each named at the call; grouping the period's dates would only hide them"
)]
pub fn suite_upgrade_price(
    plan: &Plan,
    months: u32,
    currency: Currency,
    before: SuiteSize,
    after: SuiteSize,
    period_start: Date,
    period_end: Date,
    today: Date,
) -> Result<Money, PriceError> {
    if plan.kind != ProductKind::Suite {
        return Err(PriceError::NotASuite);
    }
    if after.users < before.users {
        return Err(PriceError::Downgrade {
            resource: SuiteResource::Users,
            before: before.users,
            after: after.users,
        });
    }
    if after.storage_gb < before.storage_gb {
        return Err(PriceError::Downgrade {
            resource: SuiteResource::Storage,
            before: before.storage_gb,
            after: after.storage_gb,
        });
    }
    if after == before {
        return Err(PriceError::NoChange);
    }
    let full =
        |size: SuiteSize| plan.price(months, currency, size.users, Some(size.storage_gb), false);
    let difference = full(after)?.checked_sub(full(before)?)?;
    Ok(prorate(difference, period_start, period_end, today))
}

/// Whole days from `a` to `b` (negative if `b` is earlier). Civil dates
/// have no time zone, so every day is 24 hours long.
fn days_between(a: Date, b: Date) -> i64 {
    a.duration_until(b).as_secs() / 86_400
}

/// `amount × numerator / denominator` rounded half away from zero, for
/// `0 ≤ numerator ≤ denominator`, `denominator > 0`.
fn mul_div_half_up(amount: i64, numerator: i64, denominator: i64) -> i64 {
    let product = i128::from(amount) * i128::from(numerator);
    let denominator = i128::from(denominator);
    let magnitude = (product.abs() * 2 + denominator) / (denominator * 2);
    let rounded = if product < 0 { -magnitude } else { magnitude };
    // |rounded| ≤ |amount| since numerator ≤ denominator: it fits.
    i64::try_from(rounded).unwrap_or(amount)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;
    use crate::catalog::Catalogue;

    const CHF: Currency = Currency::Chf;
    const EUR: Currency = Currency::Eur;

    fn chf(minor: i64) -> Money {
        Money::new(minor, CHF)
    }

    const CATALOGUE: &str = r#"
currencies = ["CHF", "EUR"]

[[domain]]
tld = "ch"
years = { min = 1, max = 10 }
vat_class = "standard"
renewal_warranty = true
register = { CHF = "15.00", EUR = "16.00" }
renew = { CHF = "18.00", EUR = "19.00" }

[[plan]]
id = "mail"
kind = "mail"
vat_class = "standard"
renewal_warranty = true
name = { en = "Mail", fr = "Messagerie", de = "Mail", it = "Posta" }
description = { en = "Mail", fr = "Messagerie", de = "Mail", it = "Posta" }
quantity = { unit = "mailbox", min = 1, max = 500 }
prices = { 1 = { CHF = "2.00", EUR = "2.10" }, 12 = { CHF = "20.00", EUR = "21.00" } }

[[plan]]
id = "suite"
kind = "suite"
vat_class = "standard"
renewal_warranty = true
name = { en = "Suite", fr = "Suite", de = "Suite", it = "Suite" }
description = { en = "Suite", fr = "Suite", de = "Suite", it = "Suite" }
quantity = { unit = "user", min = 1, max = 1000 }
prices = { 1 = { CHF = "6.50", EUR = "7.00" }, 12 = { CHF = "65.00", EUR = "70.00" } }
includes = ["mail", "drive", "chat"]
[plan.storage]
min_gb = 100
max_gb = 10000
step_gb = 100
prices = { 1 = { CHF = "2.00", EUR = "2.10" }, 12 = { CHF = "20.00", EUR = "21.00" } }

[[plan]]
id = "hosting"
kind = "web_hosting"
vat_class = "standard"
renewal_warranty = true
name = { en = "Hosting", fr = "Hébergement", de = "Hosting", it = "Hosting" }
description = { en = "Hosting", fr = "Hébergement", de = "Hosting", it = "Hosting" }
prices = { 12 = { CHF = "96.00", EUR = "100.00" } }
"#;

    fn catalogue() -> Catalogue {
        Catalogue::parse(CATALOGUE).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    fn plan<'a>(catalogue: &'a Catalogue, id: &str) -> &'a Plan {
        catalogue.plan(id).unwrap_or_else(|| panic!("no plan {id}"))
    }

    #[test]
    fn a_domain_costs_its_yearly_price_times_the_years_registered_then_renewed() {
        // proves: CAT-1
        let catalogue = catalogue();
        let ch = catalogue
            .domain_plan("ch")
            .unwrap_or_else(|| panic!("no .ch"));
        assert_eq!(ch.price(36, CHF, 1, None, true), Ok(chf(4500)));
        assert_eq!(ch.price(36, CHF, 1, None, false), Ok(chf(5400)));
        assert_eq!(ch.price(36, EUR, 1, None, false), Ok(Money::new(5700, EUR)));
        assert_eq!(ch.price(120, CHF, 1, None, true), Ok(chf(15000)));
        assert_eq!(
            ch.price(30, CHF, 1, None, true),
            Err(PriceError::PeriodNotAllowed { months: 30 })
        );
        assert_eq!(
            ch.price(132, CHF, 1, None, true),
            Err(PriceError::PeriodNotAllowed { months: 132 })
        );
        assert_eq!(
            ch.price(12, CHF, 2, None, true),
            Err(PriceError::QuantityOutOfRange {
                quantity: 2,
                min: 1,
                max: 1
            })
        );
    }

    #[test]
    fn mail_is_priced_per_mailbox() {
        // proves: CAT-1
        let catalogue = catalogue();
        let mail = plan(&catalogue, "mail");
        assert_eq!(mail.price(12, CHF, 5, None, true), Ok(chf(10_000)));
        assert_eq!(
            mail.price(1, EUR, 5, None, false),
            Ok(Money::new(1050, EUR))
        );
        for quantity in [0, 501] {
            assert!(matches!(
                mail.price(12, CHF, quantity, None, true),
                Err(PriceError::QuantityOutOfRange { .. })
            ));
        }
        assert_eq!(
            mail.price(12, CHF, 5, Some(100), true),
            Err(PriceError::StorageNotApplicable)
        );
        let hosting = plan(&catalogue, "hosting");
        assert_eq!(hosting.price(12, CHF, 1, None, true), Ok(chf(9600)));
        assert_eq!(
            hosting.price(1, CHF, 1, None, true),
            Err(PriceError::PeriodNotAllowed { months: 1 })
        );
    }

    #[test]
    fn a_suite_costs_its_users_and_its_storage_above_the_included() {
        // proves: SUI-1
        let catalogue = catalogue();
        let suite = plan(&catalogue, "suite");
        // 10 × 65.00 + (300 − 100) / 100 × 20.00
        assert_eq!(suite.price(12, CHF, 10, Some(300), true), Ok(chf(69_000)));
        // 10 × 7.00 + 2 × 2.10
        assert_eq!(
            suite.price(1, EUR, 10, Some(300), true),
            Ok(Money::new(7420, EUR))
        );
        assert_eq!(suite.price(12, CHF, 1, Some(100), true), Ok(chf(6500)));
        assert_eq!(
            suite.price(12, CHF, 10, Some(250), true),
            Err(PriceError::StorageNotOnStep {
                storage_gb: 250,
                step_gb: 100
            })
        );
        for storage_gb in [0, 10_100] {
            assert!(matches!(
                suite.price(12, CHF, 10, Some(storage_gb), true),
                Err(PriceError::StorageOutOfRange { .. })
            ));
        }
        assert_eq!(
            suite.price(12, CHF, 10, None, true),
            Err(PriceError::StorageRequired)
        );
    }

    #[test]
    fn a_currency_not_offered_has_no_price() {
        // proves: CAT-1
        let francs_only = CATALOGUE
            .replace(r#"["CHF", "EUR"]"#, r#"["CHF"]"#)
            .replace(", EUR = \"16.00\"", "")
            .replace(", EUR = \"19.00\"", "")
            .replace(", EUR = \"2.10\"", "")
            .replace(", EUR = \"21.00\"", "")
            .replace(", EUR = \"7.00\"", "")
            .replace(", EUR = \"70.00\"", "")
            .replace(", EUR = \"100.00\"", "");
        let catalogue = Catalogue::parse(&francs_only).unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(
            plan(&catalogue, "mail").price(12, EUR, 1, None, true),
            Err(PriceError::CurrencyNotOffered(EUR))
        );
    }

    #[test]
    fn prorated_to_the_day() {
        // proves: SUI-1
        let d = |y, m, day| date(y, m, day);
        let cases = [
            // A 31-day month, upgraded on its first day, mid-month, its last day.
            (10_000, d(2027, 1, 1), d(2027, 2, 1), d(2027, 1, 1), 10_000),
            (10_000, d(2027, 1, 1), d(2027, 2, 1), d(2027, 1, 16), 5161), // 16/31
            (10_000, d(2027, 1, 1), d(2027, 2, 1), d(2027, 1, 31), 323),  // 1/31
            (3100, d(2027, 1, 1), d(2027, 2, 1), d(2027, 1, 16), 1600),
            // February, leap year: 29 days; its leap day is the last.
            (2900, d(2028, 2, 1), d(2028, 3, 1), d(2028, 2, 29), 100),
            (2900, d(2028, 2, 1), d(2028, 3, 1), d(2028, 2, 15), 1500),
            // February, common year: 28 days.
            (2800, d(2027, 2, 1), d(2027, 3, 1), d(2027, 2, 28), 100),
            (2800, d(2027, 2, 1), d(2027, 3, 1), d(2027, 2, 15), 1400),
            // A year across a leap day has 366 days.
            (36_600, d(2027, 3, 1), d(2028, 3, 1), d(2028, 2, 29), 100),
            (36_600, d(2027, 3, 1), d(2028, 3, 1), d(2027, 9, 1), 18_200),
            // …and one without has 365.
            (36_500, d(2026, 3, 1), d(2027, 3, 1), d(2027, 2, 28), 100),
            // Rounding half-up: 100.00 × 1/3 = 33.333…, 0.05 × 1/2 = 0.025.
            (10_000, d(2027, 1, 1), d(2027, 1, 4), d(2027, 1, 3), 3333),
            (10_000, d(2027, 1, 1), d(2027, 1, 4), d(2027, 1, 2), 6667),
            (5, d(2027, 1, 1), d(2027, 1, 3), d(2027, 1, 2), 3),
            // Away from zero for a negative amount (a credit).
            (-5, d(2027, 1, 1), d(2027, 1, 3), d(2027, 1, 2), -3),
            // Outside the period: clamped.
            (
                10_000,
                d(2027, 1, 1),
                d(2027, 2, 1),
                d(2026, 12, 20),
                10_000,
            ),
            (10_000, d(2027, 1, 1), d(2027, 2, 1), d(2027, 2, 1), 0),
            (10_000, d(2027, 1, 1), d(2027, 2, 1), d(2027, 3, 1), 0),
            // An empty period has nothing left.
            (10_000, d(2027, 1, 1), d(2027, 1, 1), d(2026, 1, 1), 0),
            // No overflow at the extremes.
            (
                i64::MAX,
                d(2027, 1, 1),
                d(2028, 1, 1),
                d(2027, 1, 2),
                9_198_102_524_425_036_695,
            ), // 364/365
        ];
        for (price, start, end, from, expected) in cases {
            assert_eq!(
                prorate(chf(price), start, end, from),
                chf(expected),
                "{price} from {from} in {start}..{end}"
            );
        }
    }

    #[test]
    fn a_suite_upgrade_costs_the_difference_for_the_rest_of_the_period() {
        // proves: SUI-1
        let catalogue = catalogue();
        let suite = plan(&catalogue, "suite");
        let size = |users, storage_gb| SuiteSize { users, storage_gb };
        let (start, end) = (date(2028, 1, 1), date(2029, 1, 1)); // 366 days
        // 10 → 12 users: 2 × 65.00 = 130.00 for the year; from 2028-07-01,
        // 184 of 366 days remain: 65.355 → 65.36.
        assert_eq!(
            suite_upgrade_price(
                suite,
                12,
                CHF,
                size(10, 300),
                size(12, 300),
                start,
                end,
                date(2028, 7, 1)
            ),
            Ok(chf(6536))
        );
        // Storage 300 → 500 GB (2 steps × 20.00) on the first day: all of it.
        assert_eq!(
            suite_upgrade_price(
                suite,
                12,
                CHF,
                size(10, 300),
                size(10, 500),
                start,
                end,
                start
            ),
            Ok(chf(4000))
        );
        // Both at once, on the last day: 1/366 of 170.00.
        assert_eq!(
            suite_upgrade_price(
                suite,
                12,
                CHF,
                size(10, 300),
                size(12, 500),
                start,
                end,
                date(2028, 12, 31)
            ),
            Ok(chf(46))
        );
        // An upgrade out of range is refused as an order would be.
        assert!(matches!(
            suite_upgrade_price(
                suite,
                12,
                CHF,
                size(10, 300),
                size(10, 350),
                start,
                end,
                start
            ),
            Err(PriceError::StorageNotOnStep { .. })
        ));
        assert_eq!(
            suite_upgrade_price(
                suite,
                24,
                CHF,
                size(10, 300),
                size(11, 300),
                start,
                end,
                start
            ),
            Err(PriceError::PeriodNotAllowed { months: 24 })
        );
    }

    #[test]
    fn a_suite_is_never_downgraded() {
        // proves: SUI-2
        let catalogue = catalogue();
        let suite = plan(&catalogue, "suite");
        let size = |users, storage_gb| SuiteSize { users, storage_gb };
        let (start, end, today) = (date(2028, 1, 1), date(2029, 1, 1), date(2028, 6, 1));
        let upgrade =
            |before, after| suite_upgrade_price(suite, 12, CHF, before, after, start, end, today);
        assert_eq!(
            upgrade(size(10, 300), size(9, 500)),
            Err(PriceError::Downgrade {
                resource: SuiteResource::Users,
                before: 10,
                after: 9
            })
        );
        assert_eq!(
            upgrade(size(10, 300), size(12, 200)),
            Err(PriceError::Downgrade {
                resource: SuiteResource::Storage,
                before: 300,
                after: 200
            })
        );
        assert_eq!(
            upgrade(size(10, 300), size(10, 300)),
            Err(PriceError::NoChange)
        );
        assert_eq!(
            suite_upgrade_price(
                plan(&catalogue, "mail"),
                12,
                CHF,
                size(1, 0),
                size(2, 0),
                start,
                end,
                today
            ),
            Err(PriceError::NotASuite)
        );
    }

    proptest! {
        // proves: SUI-1
        // The prorated part is never more than the whole, and shrinks (or
        // stays) as the upgrade day moves later.
        #[test]
        fn prorated_is_at_most_the_price_and_falls_with_time(
            price in 0i64..=i64::MAX,
            start_offset in 0i64..20_000,
            length in 1i64..800,
            a in -40i64..840,
            b in -40i64..840,
        ) {
            let start = date(2000, 1, 1)
                .checked_add(jiff::Span::new().days(start_offset))
                .unwrap_or_else(|e| panic!("{e}"));
            let day = |n: i64| start
                .checked_add(jiff::Span::new().days(n))
                .unwrap_or_else(|e| panic!("{e}"));
            let end = day(length);
            let (early, late) = (a.min(b), a.max(b));
            let full = chf(price);
            let at_early = prorate(full, start, end, day(early));
            let at_late = prorate(full, start, end, day(late));
            prop_assert!(at_early.amount_minor <= price);
            prop_assert!(at_late.amount_minor >= 0);
            prop_assert!(at_late.amount_minor <= at_early.amount_minor);
            prop_assert_eq!(prorate(full, start, end, start), full);
            prop_assert!(prorate(full, start, end, end).is_zero());
        }
    }
}
