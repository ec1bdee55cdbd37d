//! Rendering results for people and programs: tables, Markdown, JSON and JSONL. These
//! functions return strings; the binary decides where they go.

mod explain;
mod figures;
mod table;

pub use explain::render_explain;
pub use figures::{FigureRecord, figure_records};
pub use table::{
    LEGEND, RuleRow, render_eval, render_outlets, render_rules_table, render_score_table,
    render_stories,
};

use crate::Report;
use serde_json::json;

/// The whole report as one JSON object: `{"articles": […], "errors": […]}`.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report)
        .unwrap_or_else(|e| json!({"error": e.to_string()}).to_string())
}

/// One JSON object per line: every article, then `{"error": …}` for each failed input.
pub fn to_jsonl(report: &Report) -> String {
    use rayon::prelude::*;
    // Serialised in parallel: on a large batch this is a fair share of the run.
    let lines: Vec<String> = report
        .articles
        .par_iter()
        .map(|a| serde_json::to_string(a).unwrap_or_default())
        .collect();
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    for e in &report.errors {
        out.push_str(&json!({ "error": e }).to_string());
        out.push('\n');
    }
    out
}

/// Whether to color: only on a terminal, and never when NO_COLOR is set.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
