//! A `published` value as inputs give it: `YYYY-MM-DD` (with or without an RFC 3339 time),
//! or an RFC 2822 date as feeds and mail write it ("Mon, 30 Nov 2026 08:15:00 GMT").
//!
//! The date kept is the calendar day as written, in the writer's own time zone: an article
//! published at 23:30 in New York was published that evening there, and moving it to the
//! next day in UTC would put it after events the outlet reports as "today".

use crate::date::{Date, month_from_name, weekday_from_name};

/// The forms the error for an unreadable date names.
pub const FORMS: &str = "YYYY-MM-DD, RFC 3339 or RFC 2822";

/// The date of a `published` value, or `None` when it is not one of the forms read.
pub fn parse(value: &str) -> Option<Date> {
    let value = value.trim();
    if value.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if let Some(date) = Date::parse_iso(value) {
            return Some(date);
        }
    }
    rfc2822(value)
}

/// `[Day,] D Mon YYYY [HH:MM[:SS]] [zone]`, the day name unchecked against the date (feeds
/// get it wrong more often than the date itself); a two-digit year reads as RFC 2822's
/// obsolete form does (00–49 → 2000s, 50–99 → 1900s).
fn rfc2822(value: &str) -> Option<Date> {
    let mut rest = value;
    if let Some((day_name, after)) = value.split_once(',') {
        weekday_from_name(day_name.trim())?;
        rest = after;
    }
    let mut words = rest.split_whitespace();
    let day: u32 = digits(words.next()?, 1..=2)?.parse().ok()?;
    let month = month_from_name(words.next()?)?;
    let year = words.next()?;
    let year: i32 = match digits(year, 2..=4)?.len() {
        4 => year.parse().ok()?,
        2 => match year.parse::<i32>().ok()? {
            y @ 0..=49 => 2000 + y,
            y => 1900 + y,
        },
        _ => return None,
    };
    let date = Date::new(year, month, day)?;
    let mut tail = words;
    if let Some(time) = tail.next() {
        if !is_time(time) {
            return None;
        }
        if let Some(zone) = tail.next() {
            if !is_zone(zone) {
                return None;
            }
        }
    }
    tail.next().is_none().then_some(date)
}

/// `word` when it is all ASCII digits, of a length in `len`.
fn digits(word: &str, len: std::ops::RangeInclusive<usize>) -> Option<&str> {
    (len.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())).then_some(word)
}

/// `HH:MM` or `HH:MM:SS`.
fn is_time(word: &str) -> bool {
    let parts: Vec<&str> = word.split(':').collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p, 2..=2).is_some())
}

/// `+0100`, `-0500`, or a zone name (`GMT`, `UT`, `EST`, `Z`).
fn is_zone(word: &str) -> bool {
    match word.strip_prefix(['+', '-']) {
        Some(offset) => digits(offset, 4..=4).is_some(),
        None => (1..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_alphabetic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn rfc_2822_dates_as_feeds_write_them() {
        assert_eq!(parse("Mon, 30 Nov 2026 08:15:00 GMT"), date(2026, 11, 30));
        assert_eq!(parse("Tue, 1 Dec 2026 23:30 -0500"), date(2026, 12, 1));
        assert_eq!(parse("2 Dec 2026"), date(2026, 12, 2));
        assert_eq!(parse("Wed, 02 Dec 26 10:00:00 +0100"), date(2026, 12, 2));
        assert_eq!(parse("Thu, 03 Dec 1998 10:00:00 UT"), date(1998, 12, 3));
    }

    #[test]
    fn rfc_3339_keeps_the_day_as_written_whatever_the_offset() {
        assert_eq!(parse("2026-11-30T23:30:00-05:00"), date(2026, 11, 30));
        assert_eq!(parse("2026-12-01T00:15:00+02:00"), date(2026, 12, 1));
        assert_eq!(parse("2026-11-30T08:15:00Z"), date(2026, 11, 30));
        assert_eq!(parse("2026-11-30"), date(2026, 11, 30));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for bad in [
            "soon",
            "Mon, 31 Nov 2026 08:00:00 GMT",
            "Mon, 30 Novembre 2026",
            "Someday, 30 Nov 2026",
            "30 Nov 2026 at noon",
            "30 Nov 2026 8am",
            "2026-13-01",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
