//! The rules and the inputs as every command reads them: the project's `./credence.toml`
//! found in the working directory, unreadable inputs reported on stderr, and a progress
//! line while a batch is scored.

use super::CliError;
use super::args::{InputArgs, RulesArgs};
use super::progress::Progress;
use super::spool::stdin_at_most_once;
use credence::ingest::Loaded;
use credence::report;
use credence::{Grouping, Pipeline, Report, RulesSource};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The project's own rules, applied when the working directory holds them.
const PROJECT_CONFIG: &str = "credence.toml";

impl RulesArgs {
    /// The embedded default, then `./credence.toml` (when it exists and `--no-config` is not
    /// given), then each `--rules` file in order.
    pub fn source(&self) -> RulesSource {
        let mut files = Vec::with_capacity(self.files.len() + 1);
        if !self.no_config && Path::new(PROJECT_CONFIG).is_file() {
            files.push(PROJECT_CONFIG.to_string());
        }
        files.extend(self.files.iter().cloned());
        RulesSource { files }
    }

    /// The rules, compiled.
    pub fn pipeline(&self) -> Result<Pipeline, CliError> {
        Pipeline::load(&self.source()).map_err(CliError::Rules)
    }
}

impl InputArgs {
    /// The rules and the inputs, unreadable inputs reported on stderr.
    pub fn load(&self) -> Result<(Pipeline, Loaded), CliError> {
        load(&self.rules, &self.paths)
    }
}

/// The rules and the inputs, unreadable inputs reported on stderr. Inputs that hold no
/// article at all are an error; when some of them could not be read, those failures are
/// the command's output (listed under `errors`), so it goes on and says so on stderr too.
pub fn load(args: &RulesArgs, paths: &[PathBuf]) -> Result<(Pipeline, Loaded), CliError> {
    stdin_at_most_once(paths)?;
    let (pipeline, loaded) =
        Pipeline::load_with_inputs(&args.source(), paths).map_err(CliError::Rules)?;
    report_errors(&loaded);
    if loaded.articles.is_empty() {
        let none = no_articles(paths);
        if loaded.errors.is_empty() {
            return Err(none);
        }
        say!("error: {none}");
    }
    Ok((pipeline, loaded))
}

/// The error for inputs that held no article, naming them (`-` as standard input).
pub fn no_articles(paths: &[PathBuf]) -> CliError {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                report::printable(&p.to_string_lossy()).into_owned()
            }
        })
        .collect();
    CliError::NoArticles(shown.join(", "))
}

/// Lists the inputs that could not be read, and the warnings, on stderr.
pub fn report_errors(loaded: &Loaded) {
    for w in &loaded.warnings {
        say!("warning: {}", report::printable(&w.to_string()));
    }
    for e in &loaded.errors {
        say!("error: {}", report::printable(&e.to_string()));
    }
}

/// `--cluster` as the library's grouping.
pub fn grouping(cluster: bool) -> Grouping {
    if cluster {
        Grouping::Cluster
    } else {
        Grouping::Directory
    }
}

/// Scores what was read, with a progress line on a terminal for long runs.
pub fn score_loaded(pipeline: &Pipeline, loaded: Loaded, cluster: bool) -> Report {
    let tally = Arc::new(credence::Tally::default());
    let progress = Progress::start(Some(loaded.articles.len()), tally.clone());
    let report = pipeline.run_counted(loaded, grouping(cluster), &tally);
    progress.finish();
    report
}
