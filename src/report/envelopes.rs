//! The JSON objects the commands print: each wraps its results with the inputs that could
//! not be read, so that nothing is dropped silently.

use super::figures::figure_records;
use crate::analysis::Analysis;
use crate::eval::{EvalReport, RankShift};
use crate::ingest::{Article, InputError};
use crate::outlets::OutletSummary;
use crate::score::{ScoredArticle, StorySummary};
use serde_json::json;

/// `extract`: each article's figures.
pub fn extract_json(articles: &[(&Article, Analysis)], errors: &[InputError]) -> String {
    let articles: Vec<serde_json::Value> = articles
        .iter()
        .map(|(a, analysis)| {
            json!({
                "id": a.id,
                "path": a.path,
                "published": analysis.published,
                "published_inferred": analysis.published_inferred,
                "figures": figure_records(a, analysis),
            })
        })
        .collect();
    super::pretty(&json!({ "articles": articles, "errors": errors }))
}

/// `stories`: each story with its consensus figures.
pub fn stories_json(stories: &[StorySummary], errors: &[InputError]) -> String {
    super::pretty(&json!({ "stories": stories, "errors": errors }))
}

/// `stories --format jsonl`: the story of each article, one `{"id", "story"}` per line (the
/// assignment a distributed run partitions by), then one `{"error": …}` line per failed
/// input.
pub fn stories_jsonl(stories: &[StorySummary], errors: &[InputError]) -> String {
    let mut out = String::new();
    for s in stories {
        for id in &s.articles {
            out.push_str(&json!({ "id": id, "story": s.key }).to_string());
            out.push('\n');
        }
    }
    for e in errors {
        out.push_str(&json!({ "error": e }).to_string());
        out.push('\n');
    }
    out
}

/// `sources` and `score --by source`: the per-outlet roll-up.
pub fn outlets_json(outlets: &[OutletSummary], errors: &[InputError]) -> String {
    super::pretty(&json!({ "sources": outlets, "errors": errors }))
}

/// `sources --format jsonl`: one outlet per line, then one `{"error": …}` line per failed
/// input.
pub fn outlets_jsonl(outlets: &[OutletSummary], errors: &[InputError]) -> String {
    let mut out = String::new();
    for o in outlets {
        out.push_str(&serde_json::to_string(o).unwrap_or_default());
        out.push('\n');
    }
    for e in errors {
        out.push_str(&json!({ "error": e }).to_string());
        out.push('\n');
    }
    out
}

/// `explain --format json`: the explained articles.
pub fn explain_json(articles: &[&ScoredArticle], errors: &[InputError]) -> String {
    super::pretty(&json!({ "articles": articles, "errors": errors }))
}

/// `eval --format json`: the evaluation, and the baseline's with rank shifts when given.
pub fn eval_json(
    report: &EvalReport,
    baseline: Option<(&EvalReport, &[RankShift])>,
    errors: &[InputError],
) -> String {
    super::pretty(&json!({
        "eval": report,
        "baseline": baseline.map(|(r, _)| r),
        "rank_shifts": baseline.map(|(_, s)| s),
        "errors": errors,
    }))
}

/// `eval --plant --format json`: recall per kind, every planting, the false alarms.
pub fn plant_json(
    planted: &crate::plant::PlantReport,
    alarms: &crate::plant::FalseAlarms,
    errors: &[InputError],
) -> String {
    super::pretty(&json!({ "planted": planted, "false_alarms": alarms, "errors": errors }))
}
