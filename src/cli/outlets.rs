//! Scores rolled up per outlet, for `sources`, `score --by source` and the HTML page.

use super::args::Format;
use super::{CliError, Output};
use credence::outlets::OutletSummary;
use credence::{Pipeline, Report, ScoredArticle, report};

/// Outlets with fewer articles get no level: in `score --by source` and its HTML page, and
/// in `sources` unless `--min-sample` says otherwise.
pub const MIN_SAMPLE: usize = 3;

/// The outlets of `articles`, each named a level by the rules' scoring once it has
/// `min_sample` articles.
pub fn rollup(
    pipeline: &Pipeline,
    articles: &[ScoredArticle],
    min_sample: usize,
) -> Vec<OutletSummary> {
    let scoring = &pipeline.rules().config.scoring;
    credence::outlets::rollup(articles, min_sample, |s| scoring.level(s).to_string())
}

/// Writes the outlets in `format` (any but HTML, which `html::render` draws), with the
/// batch's unreadable inputs in the JSON envelopes.
pub fn render(
    out: &Output,
    outlets: &[OutletSummary],
    min_sample: usize,
    format: Format,
    batch: &Report,
) -> Result<(), CliError> {
    match format {
        Format::Json => out.print(&report::outlets_json(outlets, &batch.errors)),
        Format::Jsonl => out.print(&report::outlets_jsonl(outlets, &batch.errors)),
        Format::Csv => out.print(&report::outlets_csv(outlets)),
        Format::Html => unreachable!("an HTML report is drawn by html::render"),
        Format::Table | Format::Markdown => out.print(&report::outlets_table(
            outlets,
            min_sample,
            out.layout(format),
        )),
    }
}
