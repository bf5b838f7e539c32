//! The period arithmetic of renewals (docs/renewals.md, "Dates").
//!
//! Dates are business dates: calendar days in the provider's time zone
//! (`Ctx::today`), so a change of summer time never moves one. A product
//! runs from its start day to its expiry day, both included; it renews on
//! its *anniversary*, the day after expiry. Anniversaries are always
//! counted from the start day (`start + k months`, clamped to the month's
//! end), never from the previous one: a product started on 31 January
//! renews on 28 February (29 in a leap year), then on 31 March, 30 April…,
//! and one started on 29 February renews on 28 February in common years
//! and on 29 February again in leap years. Counting from the previous
//! anniversary would drift (31 January → 28 February → 28 March) and a
//! customer would lose days each month.

use jiff::{Span, civil::Date};

/// Whole calendar months from `a` to `b`, ignoring the day of the month.
fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

/// The last day of a product started on `starts_on`, now expiring on
/// `expires_on`, once renewed by `months` (the periods' months in all).
/// A product whose expiry does not fall on one of its anniversaries (data
/// from elsewhere) renews from the day after its expiry instead.
pub fn renewed_until(starts_on: Date, expires_on: Date, months: i64) -> Option<Date> {
    let anniversary = expires_on.checked_add(Span::new().days(1)).ok()?;
    let elapsed = month_index(anniversary) - month_index(starts_on);
    let on_schedule = starts_on.checked_add(Span::new().months(elapsed)).ok() == Some(anniversary);
    let next = if on_schedule && elapsed >= 0 {
        starts_on
            .checked_add(Span::new().months(elapsed + months))
            .ok()?
    } else {
        anniversary.checked_add(Span::new().months(months)).ok()?
    };
    next.checked_sub(Span::new().days(1)).ok()
}

/// `days` before (negative: after) `date`.
pub fn days_before(date: Date, days: i64) -> Option<Date> {
    date.checked_sub(Span::new().days(days)).ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use jiff::{Timestamp, civil::date, tz::TimeZone};

    use super::*;

    /// Renew `n` times, one period of `months` each, from a product
    /// started `start` for one period: the expiry days it goes through.
    fn expiries(start: Date, months: i64, n: usize) -> Vec<Date> {
        let mut out = Vec::new();
        let mut expiry = renewed_until(
            start,
            start.checked_sub(Span::new().days(1)).unwrap(),
            months,
        )
        .unwrap();
        out.push(expiry);
        for _ in 0..n {
            expiry = renewed_until(start, expiry, months).unwrap();
            out.push(expiry);
        }
        out
    }

    #[test]
    fn a_month_from_the_31st_keeps_to_the_months_end_without_drifting() {
        // proves: REN-1
        let got = expiries(date(2026, 1, 31), 1, 4);
        // Anniversaries 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun: the day
        // before each is the last day.
        assert_eq!(
            got,
            vec![
                date(2026, 2, 27),
                date(2026, 3, 30),
                date(2026, 4, 29),
                date(2026, 5, 30),
                date(2026, 6, 29),
            ]
        );
    }

    #[test]
    fn the_leap_day_comes_back_in_leap_years() {
        // proves: REN-1
        let got = expiries(date(2028, 2, 29), 12, 4);
        assert_eq!(
            got,
            vec![
                date(2029, 2, 27),
                date(2030, 2, 27),
                date(2031, 2, 27),
                date(2032, 2, 28),
                date(2033, 2, 27),
            ]
        );
        // Several years at once land where year by year would.
        assert_eq!(
            renewed_until(date(2028, 2, 29), date(2029, 2, 27), 36),
            Some(date(2032, 2, 28))
        );
    }

    #[test]
    fn a_domain_renewed_for_ten_years_ends_the_day_before_its_tenth_anniversary() {
        // proves: REN-3
        assert_eq!(
            renewed_until(date(2026, 3, 10), date(2027, 3, 9), 120),
            Some(date(2037, 3, 9))
        );
    }

    #[test]
    fn an_expiry_off_its_anniversaries_renews_from_the_next_day() {
        // proves: REN-1
        assert_eq!(
            renewed_until(date(2026, 3, 10), date(2027, 1, 15), 12),
            Some(date(2028, 1, 15))
        );
    }

    #[test]
    fn business_dates_across_summer_time_are_the_calendar_days_in_zurich() {
        // proves: REN-5
        let zurich = TimeZone::get("Europe/Zurich").unwrap();
        let day = |t: &str| crate::clock::business_date(t.parse::<Timestamp>().unwrap(), &zurich);
        // Summer time starts at 01:00 UTC on 29 March 2026: 23:30 UTC on
        // the 28th is already the 29th in Zurich (00:30, UTC+1), and
        // 22:30 UTC on the 29th is the 30th (00:30, UTC+2).
        assert_eq!(day("2026-03-28T23:30:00Z"), date(2026, 3, 29));
        assert_eq!(day("2026-03-29T21:59:00Z"), date(2026, 3, 29));
        assert_eq!(day("2026-03-29T22:30:00Z"), date(2026, 3, 30));
        // It ends on 25 October: 23:30 UTC is the 26th (00:30, UTC+1).
        assert_eq!(day("2026-10-25T22:30:00Z"), date(2026, 10, 25));
        assert_eq!(day("2026-10-25T23:30:00Z"), date(2026, 10, 26));
        // A period across either change is whole days, unchanged.
        assert_eq!(
            renewed_until(date(2026, 3, 29), date(2026, 4, 28), 1),
            Some(date(2026, 5, 28))
        );
        assert_eq!(days_between(date(2026, 3, 28), date(2026, 3, 30)), 2);
        assert_eq!(days_between(date(2026, 10, 24), date(2026, 10, 26)), 2);
    }

    proptest::proptest! {
        #[test]
        fn renewing_k_times_by_m_is_renewing_once_by_k_times_m(
            y in 2020i16..2040, m in 1i8..=12, d in 1i8..=31, months in 1i64..=24, k in 1i64..=10,
        ) {
            // proves: REN-3
            let Ok(start) = Date::new(y, m, d) else { return Ok(()); };
            let first = renewed_until(start, start.checked_sub(Span::new().days(1)).unwrap(), months).unwrap();
            let mut stepwise = first;
            for _ in 0..k {
                stepwise = renewed_until(start, stepwise, months).unwrap();
            }
            proptest::prop_assert_eq!(Some(stepwise), renewed_until(start, first, k * months));
            // A period is never shorter than 28 days a month, nor longer
            // than 31.
            let days = days_between(first, stepwise);
            proptest::prop_assert!(days >= 28 * k * months && days <= 31 * k * months);
        }
    }
}
