//! Rendering results for people and programs: tables, Markdown, JSON, JSONL, CSV and HTML. These
//! functions return strings; the binary decides where they go.

mod csv;
mod envelopes;
mod explain;
mod figures;
mod history;
mod html;
mod printable;
mod progress;
pub mod rule_docs;
mod rules;
mod table;
mod tune;

pub use csv::{outlets_csv, score_csv};
pub use envelopes::{
    eval_json, explain_json, extract_json, outlets_json, outlets_jsonl, plant_json, stories_json,
    stories_jsonl,
};
pub use explain::render_explain;
pub use figures::{FigureRecord, figure_records};
pub use history::{history_csv, history_json, history_table, sparkline};
pub use html::{HtmlPage, score_html};
pub use printable::{markdown_cell, printable};
pub use progress::{progress_line, thousands};
pub use rules::{rule_json, rule_text, rules_json, rules_table};
pub use table::{
    GENRE_NOTE, LEGEND, Layout, RuleRow, plant_table, render_eval, render_outlets,
    render_rules_table, render_score_table, render_stories,
};
pub use tune::{render_tune, tune_toml};

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
                // Sized for a typical line (about 400 bytes a finding), so that it is not
                // grown and copied a dozen times on the way.
                let mut line = Vec::with_capacity(512 + 448 * a.findings.len());
                crate::score::json::write_article(&mut line, a);
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
        "{}, {}, {}, {seconds:.2} s",
        counted(report.articles.len(), "article"),
        counted(stories.len(), "story"),
        counted(report.errors.len(), "error"),
    );
    if report.articles.iter().any(|a| a.published_inferred) {
        summary.push_str("; * publication date read from the text");
    }
    summary
}

/// "1 article", "2 articles", "1 story", "3 stories".
pub fn counted(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// The ranked table (or Markdown table) with its legend, the summary line and a line for
/// each input that could not be read. With no articles to show, a line that says so.
pub fn score_table(report: &Report, top: Option<usize>, layout: Layout, seconds: f64) -> String {
    let mut out = if report.articles.is_empty() || top == Some(0) {
        "no articles match\n".to_string()
    } else {
        let table = with_newline(render_score_table(&report.articles, top, layout));
        // A blank line before the legend: Markdown would read it as a row of the table.
        let gap = if layout.markdown { "\n" } else { "" };
        let legend = match layout.width {
            // On a narrow terminal the legend is two lines.
            Some(w) if w < LEGEND.chars().count() => LEGEND.replacen(" · S", "\nS", 1),
            _ => LEGEND.to_string(),
        };
        let shown = report.articles.iter().take(top.unwrap_or(usize::MAX));
        let genre = if shown.clone().any(|a| a.genre.is_some()) {
            format!("{}\n", fit_line(GENRE_NOTE, layout))
        } else {
            String::new()
        };
        format!("{table}{gap}{legend}\n{genre}{gap}")
    };
    out.push_str(&fit_line(&summary_line(report, seconds), layout));
    out.push('\n');
    for e in &report.errors {
        out.push_str(&format!("not scored: {e}\n"));
    }
    out
}

/// The per-outlet table (or Markdown table) with the note on how it was computed.
pub fn outlets_table(outlets: &[OutletSummary], min_sample: usize, layout: Layout) -> String {
    if outlets.is_empty() {
        return "no articles match\n".into();
    }
    let mut out = with_newline(render_outlets(outlets, min_sample, layout));
    let note = format!(
        "scores shrunk towards the batch mean by empirical Bayes; outlets with fewer than {min_sample} articles get no level"
    );
    out.push_str(&fit_line(&note, layout));
    out.push('\n');
    out
}

/// A line of prose under a table, wrapped to the table's width.
fn fit_line(line: &str, layout: Layout) -> String {
    match layout.width {
        Some(w) if line.chars().count() > w => table::wrap_words(line, w.max(40)),
        _ => line.to_string(),
    }
}

fn with_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
