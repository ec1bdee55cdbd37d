//! Trends per outlet from recorded scores: each article counted once (its latest score), in
//! the day or week it was published (else scored), with the median score of each period.

use super::Record;
use crate::date::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    /// Weeks from Monday, named by their Monday.
    Week,
}

/// One period of an outlet's trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The day, or the Monday of the week (YYYY-MM-DD).
    pub period: String,
    pub articles: usize,
    pub median: f64,
}

/// An outlet's articles, their median score, and the median period by period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletTrend {
    pub outlet: String,
    pub articles: usize,
    pub median: f64,
    pub points: Vec<Point>,
}

/// Each article's latest record, in the order of those records (`records` oldest first).
pub fn latest(records: &[Record]) -> Vec<&Record> {
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        last.insert(&r.article_id, i);
    }
    let mut keep: Vec<usize> = last.into_values().collect();
    keep.sort_unstable();
    keep.into_iter().map(|i| &records[i]).collect()
}

fn median(scores: &mut [f64]) -> f64 {
    if scores.is_empty() {
        return 0.0;
    }
    scores.sort_by(f64::total_cmp);
    let mid = scores.len() / 2;
    if scores.len() % 2 == 1 {
        scores[mid]
    } else {
        (scores[mid - 1] + scores[mid]) / 2.0
    }
}

fn period(day: &str, bucket: Bucket) -> String {
    match (bucket, Date::parse_iso(day)) {
        (Bucket::Week, Some(d)) => d.add_days(-i64::from(d.weekday())).to_string(),
        _ => day.to_string(),
    }
}

/// Per outlet (by name; articles without one as "(unknown)"), periods in date order.
pub fn trends(records: &[Record], bucket: Bucket) -> Vec<OutletTrend> {
    let mut by_outlet: BTreeMap<&str, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    for r in latest(records) {
        let outlet = r.outlet.as_deref().unwrap_or(crate::outlets::UNKNOWN);
        by_outlet
            .entry(outlet)
            .or_default()
            .entry(period(r.day(), bucket))
            .or_default()
            .push(r.score);
    }
    by_outlet
        .into_iter()
        .map(|(outlet, periods)| {
            let mut all: Vec<f64> = periods.values().flatten().copied().collect();
            let points = periods
                .into_iter()
                .map(|(period, mut scores)| Point {
                    period,
                    articles: scores.len(),
                    median: median(&mut scores),
                })
                .collect();
            OutletTrend {
                outlet: outlet.to_string(),
                articles: all.len(),
                median: median(&mut all),
                points,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, outlet: &str, published: &str, score: f64) -> Record {
        Record {
            article_id: id.into(),
            outlet: Some(outlet.into()),
            story: "s".into(),
            published: Some(published.into()),
            scored_at: "2026-03-10T00:00:00.000Z".into(),
            score,
            level: "x".into(),
            findings: "[]".into(),
            rules_version: "v".into(),
        }
    }

    #[test]
    fn weeks_run_from_monday_and_a_rescored_article_counts_once_at_its_latest_score() {
        let records = [
            // 2026-03-02 is a Monday; the 8th the Sunday of that week.
            record("a", "Gazette", "2026-03-02", 80.0),
            record("b", "Gazette", "2026-03-08", 60.0),
            record("c", "Gazette", "2026-03-09", 40.0),
            record("a", "Gazette", "2026-03-02", 90.0),
            record("d", "Courier", "2026-03-04", 70.0),
        ];
        let t = trends(&records, Bucket::Week);
        assert_eq!(t.len(), 2);
        let gazette = &t[1];
        assert_eq!(gazette.outlet, "Gazette");
        assert_eq!(gazette.articles, 3);
        assert_eq!(gazette.median, 60.0);
        let periods: Vec<(&str, usize, f64)> = gazette
            .points
            .iter()
            .map(|p| (p.period.as_str(), p.articles, p.median))
            .collect();
        assert_eq!(
            periods,
            vec![("2026-03-02", 2, 75.0), ("2026-03-09", 1, 40.0)]
        );
        let by_day = trends(&records, Bucket::Day);
        assert_eq!(by_day[1].points.len(), 3);
    }
}
