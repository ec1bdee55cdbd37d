//! What the extractor finds: a figure with its value, kind, unit, qualifier, the noun it
//! counts, its measure, its sentence and its attribution.

use super::attribution::Attribution;
use crate::date::Date;
pub use crate::figure_kind::FigureKind;
use crate::text::Span;
use serde::Serialize;
use std::fmt;

/// How a figure is hedged: "at least 40", "about 40", "nearly 40".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    #[default]
    Exact,
    /// "at least", "more than", "over": the true value is this or above.
    AtLeast,
    /// "up to", "nearly", "fewer than": the true value is this or below.
    AtMost,
    /// "about", "around", "some", "an estimated".
    About,
    /// "since October 2023": a duration counted from a start date.
    Since,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Decade,
    /// A time of day ("4:35 PM"), on the publication day when known.
    Time,
}

/// A date as far as the text fixes it; `date` is the first day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    pub date: Option<Date>,
    pub precision: DatePrecision,
    /// Minutes after midnight, for a time of day.
    pub minutes: Option<u32>,
    /// Whether the year (or the whole date) came from the publication date.
    pub inferred: bool,
    /// Month and day as written, kept even when no year can be inferred.
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateValue {
    /// How the date is printed: "2025-10-10", "2025-10", "2025", "1990s", "16:35".
    pub fn display(&self) -> Option<String> {
        if let Some(minutes) = self.minutes {
            return Some(format!("{:02}:{:02}", minutes / 60, minutes % 60));
        }
        let Some(d) = self.date else {
            // No year known: "--03-08" as in ISO 8601's month-day form.
            return match (self.month, self.day) {
                (Some(m), Some(day)) => Some(format!("--{m:02}-{day:02}")),
                (Some(m), None) => Some(format!("--{m:02}")),
                _ => None,
            };
        };
        Some(match self.precision {
            DatePrecision::Day => d.to_string(),
            DatePrecision::Month => format!("{:04}-{:02}", d.year, d.month),
            DatePrecision::Year => format!("{:04}", d.year),
            DatePrecision::Decade => format!("{:04}s", d.year),
            DatePrecision::Time => d.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The figure as written ("1.9 million", "$20bn", "October 10").
    pub text: String,
    pub span: Span,
    /// Index of the sentence in the article's document.
    pub sentence: usize,
    pub kind: FigureKind,
    /// The plain number: the count, the amount, the percentage, the duration in `unit`s, the
    /// year of a year; a range's midpoint. `None` for dates finer than a year.
    pub value: Option<f64>,
    /// A range's bounds ("127 to 132", "between 3 and 5").
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Currency code, duration unit, unit of measurement, or "%".
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    pub date: Option<DateValue>,
    /// Resolved against the publication date ("last Friday", "on Monday", "yesterday").
    pub relative: bool,
    /// Written in words ("thirteen", "two-year") rather than digits.
    pub in_words: bool,
    /// The noun the figure counts, lower-cased ("deaths" in "40,000 Palestinian deaths").
    pub noun: Option<String>,
    /// The measure id from the rules' TOML ("deaths", "money", "duration").
    pub measure: Option<String>,
    pub attribution: Attribution,
    /// Inside a heading or the title rather than the body.
    pub in_heading: bool,
}

impl Figure {
    /// The interval the figure allows, from its range and qualifier.
    pub fn interval(&self) -> Option<(f64, f64)> {
        let v = self.value?;
        let (lo, hi) = (self.low.unwrap_or(v), self.high.unwrap_or(v));
        Some(match self.qualifier {
            Qualifier::AtLeast => (lo, f64::INFINITY),
            Qualifier::AtMost => (0.0, hi),
            _ => (lo, hi),
        })
    }

    /// The interval with open hedges closed by `hedge`: "at least 40" reads as 40 to
    /// 40·hedge, "at most 40" as 40/hedge to 40.
    pub fn hedged(&self, hedge: f64) -> Option<(f64, f64)> {
        let (lo, hi) = self.interval()?;
        let v = self.value?;
        let hi = if hi.is_infinite() {
            self.high.unwrap_or(v) * hedge
        } else {
            hi
        };
        let lo = if lo == 0.0 && self.qualifier == Qualifier::AtMost {
            self.low.unwrap_or(v) / hedge
        } else {
            lo
        };
        Some((lo, hi))
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.text)
    }
}
