//! Structured salaries (B1): a range and the period it is paid for.

use super::SalaryPeriod;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Legal monthly hours of a full-time job in France (35 h a week).
pub const MONTHLY_HOURS: f64 = 151.67;

/// A gross salary range in euro cents, for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salary {
    pub min_cents: i32,
    pub max_cents: i32,
    pub period: SalaryPeriod,
}

impl Salary {
    /// A range, refused when negative, empty or upside down.
    pub fn new(min_cents: i32, max_cents: i32, period: SalaryPeriod) -> Option<Self> {
        (min_cents > 0 && max_cents >= min_cents).then_some(Self {
            min_cents,
            max_cents,
            period,
        })
    }

    /// The range an offer's three salary columns hold, when they hold one.
    pub fn from_columns(
        min_cents: Option<i32>,
        max_cents: Option<i32>,
        period: Option<SalaryPeriod>,
    ) -> Option<Self> {
        Self::new(min_cents?, max_cents?, period?)
    }

    /// The lower bound as a monthly equivalent, in cents, for filtering.
    pub fn monthly_min_cents(&self) -> i64 {
        let min = f64::from(self.min_cents);
        let monthly = match self.period {
            SalaryPeriod::Hour => min * MONTHLY_HOURS,
            SalaryPeriod::Month => min,
            SalaryPeriod::Year => min / 12.0,
        };
        monthly.round() as i64
    }

    /// "1 900 € – 2 300 € brut par mois", "12,50 € brut de l'heure".
    pub fn display(&self) -> String {
        let mut text = String::with_capacity(48);
        write_euros(&mut text, self.min_cents);
        if self.min_cents != self.max_cents {
            text.push_str(" – ");
            write_euros(&mut text, self.max_cents);
        }
        text.push_str(" brut ");
        text.push_str(self.period.label());
        text
    }
}

/// An amount in euro cents written the French way: "1 900 €", "12,50 €"
/// (narrow no-break space between thousands, cents only when there are some).
pub fn euros(cents: i32) -> String {
    let mut text = String::with_capacity(16);
    write_euros(&mut text, cents);
    text
}

/// [`euros`], written at the end of `out` (every card shows one or two:
/// no string of its own for each).
fn write_euros(out: &mut String, cents: i32) {
    let whole = (cents / 100).to_string();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
    if cents % 100 != 0 {
        // Writing to a String cannot fail.
        let _ = write!(out, ",{:02}", cents % 100);
    }
    out.push_str("\u{a0}€");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_the_french_way() {
        assert_eq!(euros(190_000), "1\u{202f}900\u{a0}€");
        assert_eq!(euros(1_250), "12,50\u{a0}€");
        assert_eq!(euros(4_200_000), "42\u{202f}000\u{a0}€");
        assert_eq!(euros(123_456_789), "1\u{202f}234\u{202f}567,89\u{a0}€");
        assert_eq!(euros(5), "0,05\u{a0}€");
        assert_eq!(euros(99_900), "999\u{a0}€");
    }

    #[test]
    fn a_range_shows_both_bounds_and_the_period() {
        let salary = Salary::new(190_000, 230_000, SalaryPeriod::Month).unwrap();
        assert_eq!(
            salary.display(),
            "1\u{202f}900\u{a0}€ – 2\u{202f}300\u{a0}€ brut par mois"
        );
    }

    #[test]
    fn an_upside_down_or_empty_range_is_refused() {
        assert!(Salary::new(230_000, 190_000, SalaryPeriod::Month).is_none());
        assert!(Salary::new(0, 0, SalaryPeriod::Month).is_none());
    }

    #[test]
    fn hourly_and_yearly_salaries_have_a_monthly_equivalent() {
        let hourly = Salary::new(1_200, 1_400, SalaryPeriod::Hour).unwrap();
        assert_eq!(hourly.monthly_min_cents(), 182_004);
        let yearly = Salary::new(3_600_000, 4_200_000, SalaryPeriod::Year).unwrap();
        assert_eq!(yearly.monthly_min_cents(), 300_000);
    }
}
