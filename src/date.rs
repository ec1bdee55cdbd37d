//! Calendar dates without time zones: enough arithmetic for datelines, relative dates
//! ("last Friday") and durations between dates, with no dependency on the clock.

use crate::lower::Shapes;
use serde::Serialize;
use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Date {
    /// A valid date, or `None` for an impossible one (February 30th).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's civil algorithm.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// Months from `self` to `other`, fractional, using a mean month of 30.44 days.
    pub fn months_until(self, other: Date) -> f64 {
        self.days_until(other) as f64 / 30.436_875
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.get(..10)?.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The shapes of the month and weekday names: full, three letters, and "Sept".
const DATE_NAME_SHAPES: Shapes = {
    let mut shapes = Shapes::EMPTY;
    let mut i = 0;
    while i < MONTHS.len() + WEEKDAYS.len() {
        let name = if i < MONTHS.len() {
            MONTHS[i]
        } else {
            WEEKDAYS[i - MONTHS.len()]
        }
        .as_bytes();
        shapes.add(name);
        shapes.add(name.split_at(3).0);
        i += 1;
    }
    shapes.add(b"sept");
    shapes
};

/// The English name of month `month` (1–12), capitalised.
pub fn month_name(month: u32) -> Option<String> {
    let name = MONTHS.get(month.checked_sub(1)? as usize)?;
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
}

impl Date {
    /// The date as a reader writes it: "3 November 2025".
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            month_name(self.month).unwrap_or_default(),
            self.year
        )
    }
}

/// The month number for a full or abbreviated English month name, any case.
pub fn month_from_name(word: &str) -> Option<u32> {
    // Most words are ruled out by their shape before any lower-casing.
    if !DATE_NAME_SHAPES.may_hold(word.trim_end_matches('.').as_bytes()) {
        return None;
    }
    let lower = crate::lower::Lower::new(word.trim_end_matches('.'));
    let lower: &str = &lower;
    if lower.len() < 3 || !lower.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower)))
        .map(|i| i as u32 + 1)
}

/// The weekday number (0 = Monday) for a full or three-letter English weekday name.
pub fn weekday_from_name(word: &str) -> Option<u32> {
    // Most words are ruled out by their shape before any lower-casing.
    let mut bare = word.trim_end_matches('.');
    while let Some(b) = bare.strip_suffix("'s").or_else(|| bare.strip_suffix("'S")) {
        bare = b;
    }
    if !DATE_NAME_SHAPES.may_hold(bare.as_bytes()) {
        return None;
    }
    let lower = crate::lower::Lower::new(word.trim_end_matches('.'));
    if lower.len() < 3 {
        return None;
    }
    let lower = lower.trim_end_matches("'s");
    WEEKDAYS
        .iter()
        .position(|d| *d == lower || (lower.len() == 3 && d.starts_with(lower)))
        .map(|i| i as u32)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_leap_years() {
        for days in [-800_000, -1, 0, 1, 11_016, 19_000, 20_395, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(
            Date::new(2025, 11, 3).unwrap().weekday(),
            0,
            "3 Nov 2025 was a Monday"
        );
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().add_days(1),
            Date::new(2024, 3, 1).unwrap()
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::parse_iso("2025-11-31").is_none());
        assert_eq!(
            Date::parse_iso("2025-11-03").unwrap().to_string(),
            "2025-11-03"
        );
    }

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("Nov"), Some(11));
        assert_eq!(month_from_name("Mo"), None);
        assert_eq!(weekday_from_name("Mon"), Some(0));
        assert_eq!(weekday_from_name("Sunday's"), Some(6));
        assert_eq!(weekday_from_name("TUESDAY'S."), Some(1));
        assert_eq!(month_from_name("Minister"), None);
        assert_eq!(weekday_from_name("Thereafter"), None);
        // Every written form of every name gets past the shape test.
        for (i, name) in MONTHS.iter().enumerate() {
            let short = name[..3].to_ascii_uppercase();
            for form in [name.to_string(), short.clone(), format!("{short}.")] {
                assert_eq!(month_from_name(&form), Some(i as u32 + 1), "{form}");
            }
        }
        for (i, name) in WEEKDAYS.iter().enumerate() {
            let short = name[..3].to_string();
            for form in [
                name.to_string(),
                short.clone(),
                format!("{name}'s"),
                format!("{short}."),
            ] {
                assert_eq!(weekday_from_name(&form), Some(i as u32), "{form}");
            }
        }
    }

    #[test]
    fn months_between_dates() {
        let start = Date::new(2023, 10, 7).unwrap();
        let end = Date::new(2025, 11, 3).unwrap();
        assert!((start.months_until(end) - 24.9).abs() < 0.2);
    }
}
