//! `score --stream`: JSONL in, JSONL out, a batch of stories at a time, in bounded memory.

use super::history::{self, Recorder};
use super::progress::Progress;
use super::spool::{Spool, is_stdin, spool_stdin, stdin_at_most_once};
use super::{CliError, Outcome, Output};
use credence::{InputError, Pipeline, ScoredArticle, report};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// A feed to score and what to do with its scores.
pub struct Feed<'a> {
    /// JSONL files, or `-` for standard input.
    pub paths: &'a [PathBuf],
    /// Articles read and scored at a time.
    pub batch: usize,
    /// Which scored articles are written.
    pub keep: &'a (dyn Fn(&ScoredArticle) -> bool + Sync),
    /// The history every score is recorded in, when given.
    pub db: Option<&'a str>,
}

pub fn run(out: &Output, pipeline: &Pipeline, feed: Feed<'_>) -> Result<Outcome, CliError> {
    stdin_at_most_once(feed.paths)?;
    let mut recorder = match feed.db {
        Some(db) => Some(Recorder::new(history::open(db)?, pipeline)),
        None => None,
    };
    // Each batch's scores are committed as it is scored: a long feed is recorded as it goes.
    let mut record = |scored: &[ScoredArticle]| -> std::io::Result<()> {
        match recorder.as_mut() {
            Some(recorder) => recorder
                .record(scored)
                .map_err(|e| std::io::Error::other(e.to_string())),
            None => Ok(()),
        }
    };
    let started = Instant::now();
    let inputs = Inputs::of(feed.paths)?;
    let mut sink = std::io::BufWriter::new(out.writer()?);
    let tally = Arc::new(credence::Tally::default());
    let progress = Progress::start(None, tally.clone());
    let scored = credence::score_jsonl_files(
        pipeline,
        &inputs.files,
        &inputs.shown,
        feed.batch,
        credence::StreamHooks {
            keep: feed.keep,
            scored_batch: &mut record,
        },
        &tally,
        &mut sink,
    );
    progress.finish();
    let result = scored.and_then(|mut summary| {
        for e in inputs.refused {
            serde_json::to_writer(&mut sink, &serde_json::json!({ "error": e }))?;
            sink.write_all(b"\n")?;
            summary.errors.push(e);
        }
        sink.flush().map(|()| summary)
    });
    let summary = match result {
        Ok(summary) => summary,
        // A reader that closed the pipe has all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Outcome::Done),
        Err(e) => return Err(CliError::Feed(e)),
    };
    for w in &summary.warnings {
        say!("warning: {}", report::printable(&w.to_string()));
    }
    for e in &summary.errors {
        say!("error: {}", report::printable(&e.to_string()));
    }
    let written = if summary.written < summary.articles {
        format!(" ({} written)", summary.written)
    } else {
        String::new()
    };
    say!(
        "{}{written}, {}, {}, {:.2} s (streamed)",
        report::counted(summary.articles, "article"),
        report::counted(summary.stories, "story"),
        report::counted(summary.errors.len(), "error"),
        started.elapsed().as_secs_f64()
    );
    if let Some(recorder) = &recorder {
        recorder.tell();
    }
    if summary.articles == 0 && summary.errors.is_empty() {
        return Err(super::load::no_articles(feed.paths));
    }
    Ok(Outcome::of_inputs(&summary.errors))
}

/// The feed's inputs sorted out: the files to read (standard input spooled), the names to
/// report them by, and the inputs refused.
struct Inputs {
    files: Vec<PathBuf>,
    shown: Vec<String>,
    /// Not JSONL: not scored, and said so; the other inputs still are.
    refused: Vec<InputError>,
    /// Standard input, spooled: read twice (index, then stories), so kept until the feed
    /// is scored.
    _spool: Option<Spool>,
}

impl Inputs {
    fn of(paths: &[PathBuf]) -> Result<Inputs, CliError> {
        let mut inputs = Inputs {
            files: Vec::new(),
            shown: Vec::new(),
            refused: Vec::new(),
            _spool: None,
        };
        for p in paths {
            let name = p.to_string_lossy();
            if is_stdin(p) {
                let (path, spool) = spool_stdin()?;
                inputs.files.push(path);
                inputs.shown.push("-".to_string());
                inputs._spool = Some(spool);
            } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
                inputs.files.push(p.clone());
                inputs.shown.push(name.into_owned());
            } else {
                inputs.refused.push(InputError {
                    path: name.into_owned(),
                    line: None,
                    message: "--stream reads JSONL files (.jsonl, .ndjson) or `-`".into(),
                });
            }
        }
        Ok(inputs)
    }
}
