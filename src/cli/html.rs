//! The run as one self-contained HTML page, for `score --format html` and
//! `sources --format html`.

use super::args::RulesArgs;
use super::history::Recorder;
use super::load::grouping;
use super::nonce::nonce;
use super::progress::Progress;
use super::{CliError, Outcome, Output, outlets};
use credence::ingest::Loaded;
use credence::{Pipeline, ScoredArticle, report};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

/// What goes on the page besides the scores.
pub struct Page<'a> {
    /// The rules files given, named in the subtitle.
    pub rules: &'a RulesArgs,
    /// Group articles by text similarity rather than by directory.
    pub cluster: bool,
    /// Outlets with fewer articles get no level.
    pub min_sample: usize,
    /// With a history, each outlet's trend comes from it, this run's scores included.
    pub history: Option<Box<dyn credence::history::Store>>,
}

/// Scores `loaded` with the articles' texts kept, chooses and orders the articles with
/// `select` (as in every format), rolls the outlets up from those, and writes the page.
pub fn render(
    out: &Output,
    pipeline: &Pipeline,
    loaded: Loaded,
    page: Page<'_>,
    select: impl Fn(&mut Vec<ScoredArticle>),
) -> Result<Outcome, CliError> {
    let started = Instant::now();
    let tally = Arc::new(credence::Tally::default());
    let progress = Progress::start(Some(loaded.articles.len()), tally.clone());
    let mut detailed = pipeline.run_detailed(loaded, grouping(page.cluster), &tally);
    progress.finish();
    let trends = match page.history {
        Some(store) => {
            let mut recorder = Recorder::new(store, pipeline);
            recorder.record(&detailed.report.articles)?;
            recorder.tell();
            let records = recorder
                .store()
                .records(&credence::history::Filter::default())
                .map_err(CliError::ReadHistory)?;
            credence::history::trends(&records, credence::history::Bucket::Week)
        }
        None => Vec::new(),
    };
    select(&mut detailed.report.articles);
    let report = &detailed.report;
    let outlets = outlets::rollup(pipeline, &report.articles, page.min_sample);
    let stories: BTreeSet<&str> = report.articles.iter().map(|a| a.story.as_str()).collect();
    let files = &page.rules.files;
    let rules_used = if files.is_empty() {
        "the embedded default rules".to_string()
    } else {
        format!("the embedded default rules with {}", files.join(", "))
    };
    let subtitle = format!(
        "{}, {}, {} not scored; scored with {rules_used}",
        report::counted(report.articles.len(), "article"),
        report::counted(stories.len(), "story"),
        report::counted(report.errors.len(), "input"),
    );
    let html = report::HtmlPage {
        report,
        texts: &detailed.texts,
        outlets: &outlets,
        min_sample: page.min_sample,
        trends: &trends,
        subtitle,
    };
    out.print(&report::score_html(&html, &nonce()))?;
    say!(
        "{}",
        report::summary_line(report, started.elapsed().as_secs_f64())
    );
    Ok(Outcome::of_inputs(&report.errors))
}
