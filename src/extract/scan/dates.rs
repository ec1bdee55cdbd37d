//! Dates and times of day: "3 November 2025", "Oct. 10", "2025-11-03", "Monday", "last
//! week", "4:35 PM". A date without its year takes the year that puts it nearest to the
//! publication date; a weekday or "yesterday" is counted from that date. The figures a date
//! or a year makes are built here for the other languages' grammar as well.

use super::{RawFigure, Scanner, Step};
use crate::date::{Date, days_in_month, month_from_name, weekday_from_name};
use crate::extract::figure::{DatePrecision, DateValue, FigureKind};
use crate::extract::numbers::is_ordinal_suffix;
use crate::text::Span;

impl Scanner<'_> {
    /// "4:35 PM", "14:00", "10am", "9 p.m.".
    pub(super) fn time_of_day(&self, i: usize) -> Option<Step> {
        let t = self.toks[i];
        if t.value > 24.0 || t.int_digits > 2 {
            return None;
        }
        let mut hours = t.value as u32;
        let mut minutes = 0;
        let mut k = i + 1;
        let mut has_clock = false;
        if t.formatted {
            // "2.13 am": a decimal point as the clock's colon, only with am/pm after.
            let (meridiem, _) = self.meridiem(i + 1);
            let fraction = ((t.value - t.value.floor()) * 100.0).round();
            if meridiem.is_none() || fraction >= 60.0 || t.value >= 13.0 {
                return None;
            }
            hours = t.value.floor() as u32;
            minutes = fraction as u32;
        }
        if self.toks.punct(i + 1, &[':']) && self.toks.touch(i) && self.toks.touch(i + 1) {
            let m = self.toks.number(i + 2)?;
            if m.int_digits != 2 || m.value >= 60.0 || m.formatted {
                return None;
            }
            minutes = m.value as u32;
            k = i + 3;
            has_clock = true;
        }
        let (meridiem, after) = self.meridiem(k);
        if !has_clock && meridiem.is_none() {
            return None;
        }
        if let Some(pm) = meridiem {
            if hours > 12 {
                return None;
            }
            if pm && hours < 12 {
                hours += 12;
            }
            if !pm && hours == 12 {
                hours = 0;
            }
        }
        let mut fig = self.toks.figure(i, after, FigureKind::Date, None);
        fig.unit = Some("time-of-day".into());
        fig.date = Some(DateValue {
            date: self.published,
            precision: DatePrecision::Time,
            minutes: Some(hours * 60 + minutes),
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, after))
    }

    /// "PM", "pm", "p.m." at `k`: `Some(true)` for afternoon, and the index after it.
    fn meridiem(&self, k: usize) -> (Option<bool>, usize) {
        if let Some(w) = self.toks.lower(k) {
            match w.as_str() {
                "am" => return (Some(false), k + 1),
                "pm" => return (Some(true), k + 1),
                "a" | "p" if self.toks.punct(k + 1, &['.']) && self.toks.word_is(k + 2, &["m"]) => {
                    let end = if self.toks.punct(k + 3, &['.']) {
                        k + 4
                    } else {
                        k + 3
                    };
                    return (Some(w == "p"), end);
                }
                _ => {}
            }
        }
        (None, k)
    }

    pub(super) fn iso_date(&self, i: usize) -> Option<Step> {
        let y = self.toks[i];
        if y.int_digits != 4 || y.formatted {
            return None;
        }
        if !(self.toks.punct(i + 1, &['-']) && self.toks.punct(i + 3, &['-'])) {
            return None;
        }
        if !(self.toks.touch(i)
            && self.toks.touch(i + 1)
            && self.toks.touch(i + 2)
            && self.toks.touch(i + 3))
        {
            return None;
        }
        let m = self.toks.number(i + 2)?;
        let d = self.toks.number(i + 4)?;
        let date = Date::new(y.value as i32, m.value as u32, d.value as u32)?;
        let mut fig = self.toks.figure(i, i + 5, FigureKind::Date, None);
        fig.date = Some(DateValue {
            date: Some(date),
            precision: DatePrecision::Day,
            minutes: None,
            inferred: false,
            month: Some(date.month),
            day: Some(date.day),
        });
        Some(Step::Found(fig, i + 5))
    }

    /// A day number at `day_tok` followed (from `k`) by an optional "of" and a month name.
    pub(super) fn day_month(&self, start: usize, day_tok: usize, mut k: usize) -> Option<Step> {
        let day = self.toks[day_tok].value as u32;
        if self.toks.word_is(k, &["of"]) {
            k += 1;
        }
        let month_word = self.toks.word(k)?;
        if !month_word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let month = month_from_name(month_word)?;
        k += 1;
        if self.toks.punct(k, &['.']) && self.toks.touch(k - 1) && month_word.len() <= 4 {
            k += 1;
        }
        let (year, end) = self.year_after(k).map_or((None, k), |(y, e)| (Some(y), e));
        self.date_step(start, end, year, month, Some(day))
    }

    /// A year written after a day and month, past a comma if there is one ("3 November,
    /// 2025"): the year and the index after it.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let at = if self.toks.punct(k, &[',']) { k + 1 } else { k };
        let y = self
            .toks
            .number(at)
            .filter(|y| y.int_digits == 4 && !y.formatted)?;
        Some((y.value as i32, at + 1))
    }

    /// The date written from token `from` to before `to`, as a step that ends there.
    fn date_step(
        &self,
        from: usize,
        to: usize,
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    ) -> Option<Step> {
        let fig = calendar_figure(self.toks.span(from, to), self.published, year, month, day)?;
        Some(Step::Found(fig, to))
    }

    /// "October 10", "Oct. 10, 2025", "November 3rd, 2025", "October 2023", "in December".
    pub(super) fn month_date(&self, start: usize, i: usize) -> Option<Step> {
        let w = self.toks.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let month = month_from_name(w)?;
        let lower = w.to_ascii_lowercase();
        let mut k = i + 1;
        if self.toks.punct(k, &['.']) && self.toks.touch(i) && w.len() <= 4 {
            k += 1;
        }
        if let Some(d) = self.toks.number(k) {
            if d.int_digits <= 2 && !d.formatted && (1.0..=31.0).contains(&d.value) {
                let day = d.value as u32;
                let mut end = k + 1;
                if self.toks.touch(k) && self.toks.word(k + 1).is_some_and(is_ordinal_suffix) {
                    end += 1;
                }
                let (year, end) = self
                    .year_after(end)
                    .map_or((None, end), |(y, e)| (Some(y), e));
                return self.date_step(start, end, year, month, Some(day));
            }
            if d.int_digits == 4 && !d.formatted {
                return self.date_step(start, k + 1, Some(d.value as i32), month, None);
            }
        }
        // A month alone needs a lead word, and "May" and "March" also need one because
        // they are verbs as well.
        let lead = i > 0
            && self.toks.word_is(
                i - 1,
                &[
                    "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid",
                    "of", "from", "during", "before", "after", "through", "till", "on",
                ],
            );
        let ambiguous = matches!(lower.as_str(), "may" | "march") || w.len() <= 4;
        if lead && !(ambiguous && self.toks.word_is(i - 1, &["on"])) {
            return self.date_step(start, i + 1, None, month, None);
        }
        None
    }

    /// "Mon Nov 03 2025", "Monday, November 3, 2025", or a relative "on Monday".
    pub(super) fn weekday_date(&self, i: usize) -> Option<Step> {
        let w = self.toks.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let weekday = weekday_from_name(w)?;
        let mut k = i + 1;
        if self.toks.punct(k, &['.']) && self.toks.touch(i) {
            k += 1;
        }
        if self.toks.punct(k, &[',']) {
            k += 1;
        }
        if let Some(step) = self.month_date(i, k) {
            return Some(step);
        }
        if let Some(d) = self.toks.number(k) {
            if d.int_digits <= 2 && (1.0..=31.0).contains(&d.value) {
                if let Some(step) = self.day_month(i, k, k + 1) {
                    return Some(step);
                }
            }
        }
        // "Sun", "Sat", "Wed" alone are words, not days.
        if w.len() <= 4 {
            return None;
        }
        // A weekday alone is a recent day: "on Monday" is the last Monday up to
        // publication, "last Friday" the one before it, "next Tuesday" the one after.
        let before = i.checked_sub(1).and_then(|p| self.toks.lower(p));
        let direction = match before.as_deref() {
            Some("last") | Some("past") => -2,
            Some("next") | Some("coming") => 1,
            _ => -1,
        };
        let start = if direction != -1 { i - 1 } else { i };
        let date = self.published.map(|p| {
            let pw = i64::from(p.weekday());
            let target = i64::from(weekday);
            match direction {
                1 => {
                    let ahead = (target - pw).rem_euclid(7);
                    p.add_days(if ahead == 0 { 7 } else { ahead })
                }
                -2 => {
                    let back = (pw - target).rem_euclid(7);
                    p.add_days(-(if back == 0 { 7 } else { back }))
                }
                _ => p.add_days(-(pw - target).rem_euclid(7)),
            }
        });
        let mut fig = self.toks.figure(start, i + 1, FigureKind::Date, None);
        fig.relative = true;
        fig.date = Some(DateValue {
            date,
            precision: DatePrecision::Day,
            minutes: None,
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, i + 1))
    }

    /// "yesterday", "today", "last month", "this year", "last week".
    pub(super) fn relative_date(&self, i: usize) -> Option<Step> {
        let lower = self.toks.lower(i)?;
        let p = self.published;
        let (offset_days, precision, start, end): (Option<i64>, DatePrecision, usize, usize) =
            match lower.as_str() {
                "yesterday" => (Some(-1), DatePrecision::Day, i, i + 1),
                "today" | "tonight" => (Some(0), DatePrecision::Day, i, i + 1),
                "tomorrow" => (Some(1), DatePrecision::Day, i, i + 1),
                "last" | "next" | "this" | "past" => {
                    let unit = self.toks.lower(i + 1)?;
                    let sign: i64 = match lower.as_str() {
                        "next" => 1,
                        "this" => 0,
                        _ => -1,
                    };
                    match unit.as_str() {
                        "week" => (Some(7 * sign), DatePrecision::Day, i, i + 2),
                        "month" => (None, DatePrecision::Month, i, i + 2),
                        "year" => (None, DatePrecision::Year, i, i + 2),
                        _ => return None,
                    }
                }
                _ => return None,
            };
        let date = p.and_then(|p| match (offset_days, precision) {
            (Some(days), _) => Some(p.add_days(days)),
            (None, DatePrecision::Month) => {
                let sign = match lower.as_str() {
                    "next" => 1,
                    "this" => 0,
                    _ => -1,
                };
                let months = p.year * 12 + p.month as i32 - 1 + sign;
                Date::new(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
            }
            (None, _) => {
                let sign = match lower.as_str() {
                    "next" => 1,
                    "this" => 0,
                    _ => -1,
                };
                Date::new(p.year + sign, 1, 1)
            }
        });
        let mut fig = self.toks.figure(start, end, FigureKind::Date, None);
        fig.relative = true;
        if precision == DatePrecision::Year {
            fig.value = date.map(|d| f64::from(d.year));
        }
        fig.date = Some(DateValue {
            date,
            precision,
            minutes: None,
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, end))
    }
}

/// A year as a figure: its value is the year.
pub(crate) fn year_figure(span: Span, year: i32) -> RawFigure {
    let mut fig = RawFigure::new(span, FigureKind::Date, Some(f64::from(year)));
    fig.date = Some(year_value(year));
    fig
}

/// A date from its parts as a figure; a missing year is taken from the publication date,
/// choosing the year that puts the date nearest to publication. No day of a month is 0 or
/// above 31.
pub(crate) fn calendar_figure(
    span: Span,
    published: Option<Date>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
) -> Option<RawFigure> {
    if let Some(d) = day {
        if d == 0 || d > 31 {
            return None;
        }
    }
    let mut fig = RawFigure::new(span, FigureKind::Date, None);
    fig.date = Some(calendar_value(published, year, month, day));
    Some(fig)
}

/// A year as a date value: its first day, to the year's precision.
fn year_value(year: i32) -> DateValue {
    DateValue {
        date: Date::new(year, 1, 1),
        precision: DatePrecision::Year,
        minutes: None,
        inferred: false,
        month: None,
        day: None,
    }
}

/// A day and month, or a month alone (and the year when written), as a date value.
fn calendar_value(
    published: Option<Date>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
) -> DateValue {
    let (date, inferred) = calendar_date(published, year, month, day);
    DateValue {
        date,
        precision: if day.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Month
        },
        minutes: None,
        inferred,
        month: Some(month),
        day,
    }
}

/// The date of a day and month (and year when written); a missing year is taken from the
/// publication date, choosing the year that puts the date nearest to publication. Whether
/// the year was inferred comes with it.
fn calendar_date(
    published: Option<Date>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
) -> (Option<Date>, bool) {
    match (year, published) {
        (Some(y), _) => {
            let d = day.unwrap_or(1).min(days_in_month(y, month).max(1));
            (Date::new(y, month, d), false)
        }
        (None, Some(p)) => {
            // News mostly looks back: take the latest such date up to a week after
            // publication, unless that is most of a year ago and the next one is near
            // ("the December summit" in a November article).
            let candidates: Vec<Date> = [p.year - 1, p.year, p.year + 1]
                .into_iter()
                .filter_map(|y| {
                    let d = day.unwrap_or(1).min(days_in_month(y, month).max(1));
                    Date::new(y, month, d)
                })
                .collect();
            let past = candidates
                .iter()
                .rev()
                .find(|d| p.days_until(**d) <= 7)
                .copied();
            let next = candidates.iter().find(|d| p.days_until(**d) > 7).copied();
            let best = match (past, next) {
                (Some(back), Some(ahead))
                    if back.days_until(p) > 270 && p.days_until(ahead) <= 90 =>
                {
                    Some(ahead)
                }
                (Some(back), _) => Some(back),
                (None, ahead) => ahead,
            };
            (best, true)
        }
        (None, None) => (None, true),
    }
}
