//! `credence score`: articles scored and ranked, filtered, sorted and cut to `--top` alike in
//! every format, or rolled up per outlet; `--stream` hands a feed to `stream`.

use super::args::{ByKey, Format, ScoreArgs, SortKey};
use super::history::{self, Recorder};
use super::load::score_loaded;
use super::outlets::{self, MIN_SAMPLE};
use super::output::written_or_closed;
use super::{CliError, Outcome, Output, html, stream};
use credence::{Report, ScoredArticle, report};
use std::io::Write;
use std::time::Instant;

pub fn run(args: ScoreArgs, out: &Output) -> Result<Outcome, CliError> {
    let ScoreArgs {
        inputs,
        format,
        top,
        cluster,
        sort,
        min_score,
        max_score,
        category,
        by,
        stream,
        batch,
        db,
    } = args;
    let keep = move |a: &ScoredArticle| {
        min_score.is_none_or(|m| a.score >= m)
            && max_score.is_none_or(|m| a.score <= m)
            && category.is_none_or(|c| a.count(c) > 0)
    };
    if stream {
        if format.is_some_and(|f| f != Format::Jsonl) {
            return Err(CliError::Usage(
                "--stream writes JSONL: leave out --format or give jsonl".into(),
            ));
        }
        let whole_batch = [
            (top.is_some(), "--top"),
            (sort.is_some(), "--sort"),
            (by.is_some(), "--by"),
            (cluster, "--cluster"),
        ];
        if let Some((_, flag)) = whole_batch.iter().find(|(given, _)| *given) {
            return Err(CliError::Usage(format!(
                "{flag} needs the whole batch, and --stream writes each story as it is scored: leave out --stream, or filter its output"
            )));
        }
        let feed = stream::Feed {
            paths: &inputs.paths,
            batch,
            keep: &keep,
            db: db.as_deref(),
        };
        return stream::run(out, &inputs.rules.pipeline()?, feed);
    }
    let format = format.unwrap_or(Format::Table);
    let sort = sort.unwrap_or(SortKey::Score);
    // The same articles in every format.
    let select = |articles: &mut Vec<ScoredArticle>| {
        articles.retain(keep);
        sort_articles(articles, sort);
        if let Some(n) = top {
            articles.truncate(n);
        }
    };
    let started = Instant::now();
    let (pipeline, loaded) = inputs.load()?;
    // The history is opened before scoring: a bad --db fails fast.
    let history = db.as_deref().map(history::open).transpose()?;
    if format == Format::Html {
        let page = html::Page {
            rules: &inputs.rules,
            cluster,
            min_sample: MIN_SAMPLE,
            history,
        };
        return html::render(out, &pipeline, loaded, page, select);
    }
    let mut batch = score_loaded(&pipeline, loaded, cluster);
    if let Some(store) = history {
        let mut recorder = Recorder::new(store, &pipeline);
        recorder.record(&batch.articles)?;
        recorder.tell();
    }
    // The scored articles move into the report: a copy of a large batch's findings is a
    // serial pass that two cores cannot share.
    let mut articles = std::mem::take(&mut batch.articles);
    select(&mut articles);
    if by == Some(ByKey::Source) {
        let outlets = outlets::rollup(&pipeline, &articles, MIN_SAMPLE);
        outlets::render(out, &outlets, MIN_SAMPLE, format, &batch)?;
        Ok(Outcome::of_inputs(&batch.errors))
    } else {
        let report = Report { articles, ..batch };
        render(out, &report, format, started)?;
        let outcome = Outcome::of_inputs(&report.errors);
        // The process is about to end and the system takes its memory back at once;
        // freeing a large report piece by piece would only delay the exit.
        std::mem::forget(report);
        Ok(outcome)
    }
}

/// Orders the articles by `key`; they come ranked by score, lowest first.
fn sort_articles(articles: &mut [ScoredArticle], key: SortKey) {
    match key {
        SortKey::Score => {}
        SortKey::Source => {
            articles.sort_by(|a, b| a.source.cmp(&b.source).then(a.score.total_cmp(&b.score)))
        }
        SortKey::Published => articles.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then(a.score.total_cmp(&b.score))
        }),
        SortKey::Title => articles.sort_by(|a, b| a.title.cmp(&b.title)),
        SortKey::Id => articles.sort_by(|a, b| a.id.cmp(&b.id)),
    }
}

/// Writes the report in `format` (any but HTML, which `html::render` draws); the formats
/// for machines get the summary line on stderr, the tables carry it.
fn render(out: &Output, report: &Report, format: Format, started: Instant) -> Result<(), CliError> {
    let seconds = started.elapsed().as_secs_f64();
    match format {
        Format::Json => out.print(&report::to_json(report))?,
        Format::Jsonl => {
            let mut sink = std::io::BufWriter::with_capacity(1 << 16, out.writer()?);
            written_or_closed(report::write_jsonl(report, &mut sink).and_then(|()| sink.flush()))?
        }
        Format::Csv => out.print(&report::score_csv(report))?,
        Format::Table | Format::Markdown => {
            return out.print(&report::score_table(
                report,
                None,
                out.layout(format),
                seconds,
            ));
        }
        Format::Html => unreachable!("an HTML report is drawn by html::render"),
    }
    say!("{}", report::summary_line(report, seconds));
    Ok(())
}
