//! The overview's expiry calendar (REN-3, REN-5): this month and the next
//! two as month grids, each day with what expires on it (how many, their
//! names on hover and in the list below the grids), drawn on the server
//! as a plain table per month so that it reads without scripts and a
//! screen reader hears each day's date and count. Only the products the
//! viewer sees (`catalog::overview::expiring_between`).

use guichet_core::{catalog::overview, ids::OrgId};
use jiff::{ToSpan, civil::Date};

use super::super::{
    super::{Shell, errors::PageError, visitor::SignedIn},
    invoices::Day,
    shop::kind_label,
};
use crate::AppState;

/// A product expiring on a day.
pub struct Expiring {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// A day of a month's grid.
pub struct CalendarDay {
    pub number: i8,
    pub iso: String,
    /// The date in words and what expires, for the day's link.
    pub label: String,
    pub today: bool,
    /// Its products' names, one line each (the hover text).
    pub names: String,
    pub count: usize,
}

/// One month: its name and its weeks, Monday first, a blank before the
/// first and after the last day.
pub struct CalendarMonth {
    pub title: String,
    pub weeks: Vec<Vec<Option<CalendarDay>>>,
}

/// A day with products, in the list under the grids.
pub struct ExpiryDay {
    pub day: Day,
    pub products: Vec<Expiring>,
}

pub struct Calendar {
    /// The weekdays' short and full names, Monday first.
    pub weekdays: Vec<(String, String)>,
    pub months: Vec<CalendarMonth>,
    pub days: Vec<ExpiryDay>,
    /// Where a day's link goes: the "to pay" list for members who see
    /// billing, else the day in the list below.
    pub to_pay: Option<String>,
}

impl Calendar {
    /// The calendar from the first of this month to the last of the
    /// month after next.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org_id: &OrgId,
        billing: bool,
    ) -> Result<Self, PageError> {
        let today = state.ctx.today();
        let first = today.first_of_month();
        let last = first
            .checked_add(3.months())
            .and_then(|d| d.checked_sub(1.day()))
            .map_err(|e| guichet_core::Error::internal(format!("calendar: {e}")))?;
        let products =
            overview::expiring_between(&state.ctx, &s.actor, org_id, first, last).await?;
        let mut days: Vec<(Date, Vec<Expiring>)> = Vec::new();
        for p in products {
            let Some(on) = p.expires_on.as_deref().and_then(|d| d.parse::<Date>().ok()) else {
                continue;
            };
            let e = Expiring {
                id: p.id.to_string(),
                name: p.name.clone(),
                kind: kind_label(shell, p.kind),
            };
            match days.last_mut() {
                Some((d, list)) if *d == on => list.push(e),
                _ => days.push((on, vec![e])),
            }
        }
        let months = (0..3)
            .filter_map(|n| first.checked_add(n.months()).ok())
            .map(|m| month(shell, m, today, &days))
            .collect();
        Ok(Self {
            weekdays: (1..=7)
                .map(|d| {
                    (
                        shell.t(&format!("renewals-weekday-short-{d}")),
                        shell.t(&format!("renewals-weekday-{d}")),
                    )
                })
                .collect(),
            months,
            days: days
                .into_iter()
                .map(|(d, products)| ExpiryDay {
                    day: Day::of(shell, d),
                    products,
                })
                .collect(),
            to_pay: billing.then(|| format!("/orgs/{org_id}/renewals?within=all")),
        })
    }
}

/// The grid of the month starting on `first`.
fn month(shell: &Shell, first: Date, today: Date, days: &[(Date, Vec<Expiring>)]) -> CalendarMonth {
    let title = shell.t_args(
        "renewals-calendar-month",
        &[
            ("month", shell.t(&format!("month-{}", first.month()))),
            ("year", first.year().to_string()),
        ],
    );
    let blanks = usize::try_from(first.weekday().to_monday_zero_offset()).unwrap_or(0);
    let mut cells: Vec<Option<CalendarDay>> = (0..blanks).map(|_| None).collect();
    for n in 1..=first.days_in_month() {
        let Ok(d) = first.with().day(n).build() else {
            continue;
        };
        let products = days
            .iter()
            .find(|(on, _)| *on == d)
            .map(|(_, p)| p.as_slice())
            .unwrap_or_default();
        let count = products.len();
        let date = shell.day(d);
        cells.push(Some(CalendarDay {
            number: n,
            iso: d.to_string(),
            label: if count == 0 {
                date
            } else {
                // A number, for the plural's form.
                shell.i18n.t_args(
                    shell.lang,
                    "renewals-calendar-day",
                    &[
                        ("date", date.into()),
                        ("count", u64::try_from(count).unwrap_or(u64::MAX).into()),
                    ],
                )
            },
            today: d == today,
            names: products
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            count,
        }));
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let mut weeks = Vec::with_capacity(cells.len() / 7);
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        weeks.push(cells.by_ref().take(7).collect());
    }
    CalendarMonth { title, weeks }
}
