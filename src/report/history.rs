//! Outlet trends from the score history: a table with a sparkline per outlet, Markdown,
//! JSON and CSV.

use super::csv::field;
use super::printable::cell;
use crate::history::OutletTrend;
use serde_json::json;
use tabled::settings::Style;
use tabled::{Table, Tabled};

/// Eight heights for scores 0–100 (a fixed scale: a flat line means steady scores, not
/// scores that are all the same relative to each other).
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per period, its height the period's median score.
pub fn sparkline(trend: &OutletTrend) -> String {
    trend
        .points
        .iter()
        .map(|p| BARS[((p.median.clamp(0.0, 100.0) / 100.0 * 7.0).round() as usize).min(7)])
        .collect()
}

#[derive(Tabled)]
struct TrendRow {
    outlet: String,
    articles: usize,
    median: String,
    trend: String,
    first: String,
    last: String,
    periods: usize,
}

fn rows(trends: &[OutletTrend], markdown: bool) -> Vec<TrendRow> {
    trends
        .iter()
        .map(|t| {
            let (first, last) = (t.points.first(), t.points.last());
            let shown = |p: Option<&crate::history::Point>| {
                p.map_or(String::new(), |p| format!("{} {:.1}", p.period, p.median))
            };
            TrendRow {
                outlet: cell(&t.outlet, markdown),
                articles: t.articles,
                median: format!("{:.1}", t.median),
                trend: sparkline(t),
                first: shown(first),
                last: shown(last),
                periods: t.points.len(),
            }
        })
        .collect()
}

/// The trends as a table (or Markdown), one row per outlet.
pub fn history_table(trends: &[OutletTrend], markdown: bool) -> String {
    if trends.is_empty() {
        return "no scores recorded match\n".into();
    }
    let rows = rows(trends, markdown);
    let mut table = Table::new(rows);
    if markdown {
        table.with(Style::markdown());
    } else {
        table.with(Style::rounded());
    }
    let mut out = table.to_string();
    out.push_str(if markdown { "\n\n" } else { "\n" });
    out.push_str("median score per period (each article once, at its latest score; by publication date, else scoring date); trend on a 0–100 scale\n");
    out
}

/// The trends as JSON: `{"outlets": [{outlet, articles, median, points: [{period, articles, median}]}]}`.
pub fn history_json(trends: &[OutletTrend]) -> String {
    super::pretty(&json!({ "outlets": trends }))
}

/// One CSV row per outlet and period.
pub fn history_csv(trends: &[OutletTrend]) -> String {
    let mut out = String::from("outlet,period,articles,median\n");
    for t in trends {
        for p in &t.points {
            out.push_str(&format!(
                "{},{},{},{:.2}\n",
                field(&t.outlet),
                p.period,
                p.articles,
                p.median
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Point;

    #[test]
    fn the_sparkline_rises_with_the_median_on_a_fixed_scale() {
        let point = |median| Point {
            period: "2026-03-02".into(),
            articles: 1,
            median,
        };
        let trend = OutletTrend {
            outlet: "x".into(),
            articles: 3,
            median: 50.0,
            points: vec![point(0.0), point(50.0), point(100.0)],
        };
        assert_eq!(sparkline(&trend), "▁▅█");
    }
}
