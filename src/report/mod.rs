//! Rendering results for people and programs: tables, Markdown, JSON and JSONL. These
//! functions return strings; the binary decides where they go.

mod envelopes;
mod explain;
mod figures;
mod printable;
pub mod rule_docs;
mod rules;
mod table;

pub use envelopes::{
    eval_json, explain_json, extract_json, outlets_json, plant_json, stories_json,
};
pub use explain::render_explain;
pub use figures::{FigureRecord, figure_records};
pub use printable::{markdown_cell, printable};
pub use rules::{rule_json, rule_text, rules_json, rules_table};
pub use table::{
    LEGEND, RuleRow, plant_table, render_eval, render_outlets, render_rules_table,
    render_score_table, render_stories,
};

use crate::outlets::OutletSummary;
use crate::score::Report;
use serde_json::json;

/// The whole report as one JSON object: `{"articles": […], "errors": […]}`.
pub fn to_json(report: &Report) -> String {
    pretty(report)
}

/// One JSON object per line: every article, then `{"error": …}` for each failed input.
pub fn to_jsonl(report: &Report) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and serde_json writes UTF-8.
    let _ = write_jsonl(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Articles serialised together before they are written: enough to keep two cores busy,
/// few enough that a large batch's output is never held whole.
const JSONL_WINDOW: usize = 512;

/// Writes what `to_jsonl` returns, a window of articles at a time (serialised in
/// parallel), so that the output of a large batch is not held in memory.
pub fn write_jsonl(report: &Report, out: &mut impl std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    for window in report.articles.chunks(JSONL_WINDOW) {
        let lines: Vec<Vec<u8>> = window
            .par_iter()
            .map(|a| {
                let mut line = serde_json::to_vec(a).unwrap_or_default();
                line.push(b'\n');
                line
            })
            .collect();
        for line in &lines {
            out.write_all(line)?;
        }
    }
    for e in &report.errors {
        serde_json::to_writer(&mut *out, &json!({ "error": e }))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Whether to color: only on a terminal, and never when NO_COLOR is set.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A value as pretty JSON.
pub fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| json!({"error": e.to_string()}).to_string())
}

/// The closing line of a run: how many articles, stories and failed inputs, and how long
/// it took.
pub fn summary_line(report: &Report, seconds: f64) -> String {
    let stories: std::collections::BTreeSet<&str> =
        report.articles.iter().map(|a| a.story.as_str()).collect();
    let mut summary = format!(
        "{} articles, {} stories, {} errors, {seconds:.2} s",
        report.articles.len(),
        stories.len(),
        report.errors.len(),
    );
    if report.articles.iter().any(|a| a.published_inferred) {
        summary.push_str("; * publication date read from the text");
    }
    summary
}

/// The ranked table (or Markdown table) with its legend, the summary line and a line for
/// each input that could not be read.
pub fn score_table(
    report: &Report,
    top: Option<usize>,
    color: bool,
    markdown: bool,
    seconds: f64,
) -> String {
    let mut out = with_newline(render_score_table(&report.articles, top, color, markdown));
    let sep = if markdown { "\n\n" } else { "\n" };
    out.push_str(&format!("{LEGEND}{sep}{}\n", summary_line(report, seconds)));
    for e in &report.errors {
        out.push_str(&format!("not scored: {e}\n"));
    }
    out
}

/// The per-outlet table (or Markdown table) with the note on how it was computed.
pub fn outlets_table(outlets: &[OutletSummary], min_sample: usize, markdown: bool) -> String {
    let mut out = with_newline(render_outlets(outlets, min_sample, markdown));
    out.push_str(&format!(
        "scores shrunk towards the batch mean by empirical Bayes; outlets with fewer than {min_sample} articles get no level\n"
    ));
    out
}

fn with_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
