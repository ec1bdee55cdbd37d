//! Stories and what articles on one story say alike: grouping, clustering, claims,
//! consensus and corroboration.

pub mod claims;
pub mod cluster;
pub mod stats;

use crate::analysis::Analysis;
use crate::config::Measure;
use crate::extract::{DatePrecision, Figure, FigureKind, duration_in_days};
use crate::ingest::Article;
use std::collections::BTreeMap;

/// Articles compared with each other.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Story {
    pub key: String,
    /// Indices into the batch's articles.
    pub members: Vec<usize>,
}

/// Groups articles by their story key (the `story` field, else their directory).
pub fn group_stories(articles: &[Article]) -> Vec<Story> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        map.entry(a.story_key()).or_default().push(i);
    }
    map.into_iter()
        .map(|(key, members)| Story { key, members })
        .collect()
}

/// Default relative tolerance for figures with no measure: they must agree closely.
const DEFAULT_TOLERANCE: f64 = 0.02;

/// Whether two figures from different articles report a compatible value for the same thing.
pub fn compatible(a: &Figure, b: &Figure, measures: &[Measure]) -> bool {
    let family = |k: FigureKind| match k {
        FigureKind::Count | FigureKind::Number => FigureKind::Count,
        other => other,
    };
    if family(a.kind) != family(b.kind) {
        return false;
    }
    match (&a.measure, &b.measure) {
        (Some(x), Some(y)) if x != y => return false,
        (None, None) => {
            if let (Some(x), Some(y)) = (&a.noun, &b.noun) {
                if x.trim_end_matches('s') != y.trim_end_matches('s') {
                    return false;
                }
            }
        }
        _ => {}
    }
    if a.kind == FigureKind::Date {
        return same_date(a, b);
    }
    let tolerance = a
        .measure
        .as_ref()
        .or(b.measure.as_ref())
        .and_then(|id| measures.iter().find(|m| &m.id == id))
        .map_or(DEFAULT_TOLERANCE, |m| m.tolerance);
    let (Some((alo, ahi)), Some((blo, bhi))) = (in_base_unit(a), in_base_unit(b)) else {
        return a.text.eq_ignore_ascii_case(&b.text);
    };
    if a.kind == FigureKind::Money && a.unit != b.unit {
        return false;
    }
    if a.kind == FigureKind::Number && a.unit != b.unit {
        return false;
    }
    // Intervals that overlap once widened by the tolerance.
    let widen = |lo: f64, hi: f64| (lo * (1.0 - tolerance), hi * (1.0 + tolerance));
    let (alo, ahi) = widen(alo, ahi);
    let (blo, bhi) = widen(blo, bhi);
    alo <= bhi && blo <= ahi
}

/// A figure's interval, with durations in days so "two years" meets "24 months".
fn in_base_unit(f: &Figure) -> Option<(f64, f64)> {
    let (lo, hi) = f.interval()?;
    if f.kind == FigureKind::Duration {
        let days = f.unit.as_deref().and_then(duration_in_days)?;
        return Some((lo * days, hi * days));
    }
    Some((lo, hi))
}

fn same_date(a: &Figure, b: &Figure) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => {
            if x.precision == DatePrecision::Time || y.precision == DatePrecision::Time {
                return x.minutes == y.minutes && x.precision == y.precision;
            }
            match (x.date, y.date) {
                (Some(dx), Some(dy)) => match (x.precision, y.precision) {
                    (DatePrecision::Day, DatePrecision::Day) => dx == dy,
                    (DatePrecision::Month, _) | (_, DatePrecision::Month) => {
                        dx.year == dy.year && dx.month == dy.month
                    }
                    _ => dx.year == dy.year,
                },
                // Without a year on one side, the month and day as written decide.
                _ => {
                    x.month.is_some()
                        && x.month == y.month
                        && (x.day == y.day || x.day.is_none() || y.day.is_none())
                }
            }
        }
        _ => false,
    }
}

/// For every figure of every member, how many other members report a compatible value.
/// Returned in the order of `members`.
pub fn corroboration(analyses: &[&Analysis], measures: &[Measure]) -> Vec<Vec<usize>> {
    analyses
        .iter()
        .enumerate()
        .map(|(i, a)| {
            a.extraction
                .figures
                .iter()
                .map(|fig| {
                    analyses
                        .iter()
                        .enumerate()
                        .filter(|(j, other)| {
                            *j != i
                                && other
                                    .extraction
                                    .figures
                                    .iter()
                                    .any(|g| compatible(fig, g, measures))
                        })
                        .count()
                })
                .collect()
        })
        .collect()
}
