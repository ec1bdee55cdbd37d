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
///
/// Figures are indexed, not compared pair by pair: values by kind and unit, sorted, so that
/// only figures whose intervals can overlap are compared; dates by month and day. A story
/// of n figures costs about n log n plus the compatible pairs.
pub fn corroboration(analyses: &[&Analysis], measures: &[Measure]) -> Vec<Vec<usize>> {
    let max_tolerance = measures
        .iter()
        .map(|m| m.tolerance)
        .fold(DEFAULT_TOLERANCE, f64::max)
        .min(0.9);
    let widen = (1.0 + max_tolerance) / (1.0 - max_tolerance);
    // (article, figure) pairs per bucket.
    let mut values: std::collections::HashMap<String, Vec<ValueEntry>> = Default::default();
    let mut dates: std::collections::HashMap<(i32, u32, u32), Vec<(u32, u32)>> = Default::default();
    // An article that repeats a figure verbatim is indexed once for it; its other copies
    // take the first one's count at the end. Text that says "40" ten thousand times costs
    // one entry, not ten thousand.
    let mut copy_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(analyses.len());
    for (a, analysis) in analyses.iter().enumerate() {
        let mut first_by_text: std::collections::HashMap<&str, usize, crate::lower::FnvBuild> =
            Default::default();
        let mut copies = vec![None; analysis.extraction.figures.len()];
        for (f, fig) in analysis.extraction.figures.iter().enumerate() {
            if let Some(&first) = first_by_text.get(fig.text.as_str()) {
                let same = &analysis.extraction.figures[first];
                if same.kind == fig.kind && same.measure == fig.measure && same.noun == fig.noun {
                    copies[f] = Some(first);
                    continue;
                }
            } else {
                first_by_text.insert(fig.text.as_str(), f);
            }
            let id = (a as u32, f as u32);
            if fig.kind == FigureKind::Date {
                if let Some(key) = date_key(fig) {
                    dates.entry(key).or_default().push(id);
                }
                continue;
            }
            let Some((lo, hi)) = in_base_unit(fig) else {
                continue;
            };
            let bucket = match (fig.kind, &fig.unit) {
                (FigureKind::Count, _) | (FigureKind::Number, None) => "count".to_string(),
                // Durations compare in days, whatever unit they were written in.
                (FigureKind::Duration, _) => "duration".to_string(),
                (kind, Some(unit)) => format!("{}:{unit}", kind.as_str()),
                (kind, None) => kind.as_str().to_string(),
            };
            values
                .entry(bucket)
                .or_default()
                .push(ValueEntry { id, lo, hi });
        }
        copy_of.push(copies);
    }
    let mut found: Vec<Vec<Vec<u32>>> = analyses
        .iter()
        .map(|a| vec![Vec::new(); a.extraction.figures.len()])
        .collect();
    let figure = |(a, f): (u32, u32)| &analyses[a as usize].extraction.figures[f as usize];
    let note = |x: (u32, u32), y: (u32, u32), found: &mut Vec<Vec<Vec<u32>>>| {
        if x.0 != y.0 && compatible(figure(x), figure(y), measures) {
            found[x.0 as usize][x.1 as usize].push(y.0);
            found[y.0 as usize][y.1 as usize].push(x.0);
        }
    };
    for entries in values.values_mut() {
        entries.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        // Open intervals ("at least 40") and wide ranges are few: compare them with all.
        let (open, points): (Vec<&ValueEntry>, Vec<&ValueEntry>) = entries
            .iter()
            .partition(|e| !e.hi.is_finite() || e.hi > e.lo.abs() * widen + 1e-9);
        for (k, e) in points.iter().enumerate() {
            // Later points with lo up to hi × widen can overlap.
            for g in &points[k + 1..] {
                if g.lo > e.hi * widen + 1e-9 {
                    break;
                }
                note(e.id, g.id, &mut found);
            }
        }
        for (k, e) in open.iter().enumerate() {
            for g in points.iter().chain(&open[k + 1..]) {
                note(e.id, g.id, &mut found);
            }
        }
    }
    // Dates: the same day; a month-only date meets every day of its month.
    let mut months: std::collections::HashMap<(i32, u32), Vec<(u32, u32)>> = Default::default();
    for ((year, month, day), ids) in &dates {
        if *day > 0 {
            months.entry((*year, *month)).or_default().extend(ids);
        }
    }
    for ((year, month, day), ids) in &dates {
        for (k, x) in ids.iter().enumerate() {
            for y in &ids[k + 1..] {
                note(*x, *y, &mut found);
            }
            if *day == 0 {
                for y in months.get(&(*year, *month)).into_iter().flatten() {
                    note(*x, *y, &mut found);
                }
            }
        }
    }
    found
        .into_iter()
        .zip(copy_of)
        .map(|(figs, copies)| {
            let counts: Vec<usize> = figs
                .into_iter()
                .map(|mut articles| {
                    articles.sort_unstable();
                    articles.dedup();
                    articles.len()
                })
                .collect();
            copies
                .iter()
                .enumerate()
                .map(|(f, copy)| counts[copy.unwrap_or(f)])
                .collect()
        })
        .collect()
}

struct ValueEntry {
    id: (u32, u32),
    lo: f64,
    hi: f64,
}

/// The bucket of a date: (0, month, day or 0), years left to `compatible` because one
/// article may give a year the other leaves out; a time of day is (−1, 0, minutes); a year
/// is (year, 0, 0).
fn date_key(f: &Figure) -> Option<(i32, u32, u32)> {
    let d = f.date?;
    if let Some(minutes) = d.minutes {
        return Some((-1, 0, minutes));
    }
    match d.precision {
        DatePrecision::Day => Some((
            0,
            d.month.or(d.date.map(|x| x.month))?,
            d.day.or(d.date.map(|x| x.day))?,
        )),
        DatePrecision::Month => Some((0, d.month.or(d.date.map(|x| x.month))?, 0)),
        DatePrecision::Year | DatePrecision::Decade => Some((d.date?.year, 0, 0)),
        DatePrecision::Time => None,
    }
}
