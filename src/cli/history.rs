//! The score history: opened for `score --db`, recorded into as a batch or a feed is scored,
//! and `credence history`, the recorded scores rolled up per outlet over time.

use super::args::{Format, HistoryArgs, Period};
use super::{CliError, Outcome, Output};
use credence::history::{Bucket, Filter, Record, Store};
use credence::{Pipeline, ScoredArticle, report};
use std::path::Path;

/// The history at `target`: an SQLite file (created if needed) or a postgres:// URL.
pub fn open(target: &str) -> Result<Box<dyn Store>, CliError> {
    credence::history::open(target).map_err(CliError::OpenHistory)
}

/// Records scores in a history, stamped with the time it was made and the rules' version,
/// and counts them.
pub struct Recorder {
    store: Box<dyn Store>,
    scored_at: String,
    rules_version: String,
    recorded: usize,
}

impl Recorder {
    /// Records into `store` what `pipeline` scores, stamped now.
    pub fn new(store: Box<dyn Store>, pipeline: &Pipeline) -> Recorder {
        Recorder {
            store,
            scored_at: credence::history::now_utc(),
            rules_version: pipeline.rules().config.version(),
            recorded: 0,
        }
    }

    /// Commits the scores of `articles`: when this returns, they are durable.
    pub fn record(&mut self, articles: &[ScoredArticle]) -> Result<(), CliError> {
        let records: Vec<Record> = articles
            .iter()
            .map(|a| Record::of(a, &self.scored_at, &self.rules_version))
            .collect();
        self.store
            .commit(&[], &records)
            .map_err(CliError::RecordScores)?;
        self.recorded += records.len();
        Ok(())
    }

    /// Says on stderr how many scores were recorded.
    pub fn tell(&self) {
        say!(
            "recorded {} in the history",
            report::counted(self.recorded, "score")
        );
    }

    /// The history itself, to read back what it holds.
    pub fn store(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }
}

/// `credence history`: the recorded scores rolled up per outlet over time.
pub fn run(args: HistoryArgs, out: &Output) -> Result<Outcome, CliError> {
    let HistoryArgs {
        db,
        outlet,
        story,
        since,
        per,
        format,
    } = args;
    let is_file = credence::history::target_kind(&db) == credence::history::Target::Sqlite;
    if is_file && !Path::new(&db).exists() {
        return Err(CliError::NoHistory(db));
    }
    let filter = Filter {
        outlet,
        story,
        article_id: None,
        since,
    };
    let records = open(&db)?.records(&filter).map_err(CliError::ReadHistory)?;
    let bucket = match per {
        Period::Day => Bucket::Day,
        Period::Week => Bucket::Week,
    };
    let trends = credence::history::trends(&records, bucket);
    match format {
        Format::Table | Format::Markdown => {
            out.print(&report::history_table(&trends, format == Format::Markdown))?
        }
        Format::Json => out.print(&report::history_json(&trends))?,
        Format::Jsonl => {
            let lines: Vec<String> = trends
                .iter()
                .map(|t| serde_json::to_string(t).unwrap_or_default())
                .collect();
            out.print(&lines.join("\n"))?
        }
        Format::Csv => out.print(&report::history_csv(&trends))?,
        Format::Html => {
            return Err(CliError::Usage(
                "history has no HTML view: give --format table, markdown, json, jsonl or csv"
                    .into(),
            ));
        }
    }
    Ok(Outcome::Done)
}
