//! How a command ends: an outcome when it did its work, an error saying what failed when it
//! could not. `main` maps both to the exit code.

use credence::history::HistoryError;
use std::path::PathBuf;

/// A command that did its work, and whether everything it was given went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was read and handled.
    Done,
    /// Some inputs could not be read: the rest were handled and the failures listed.
    SomeInputsFailed,
    /// A rules file's worked examples did not find what they expect (listed on stderr).
    ExamplesFailed,
}

impl Outcome {
    /// `Done` when no input failed.
    pub fn of_inputs<E>(errors: &[E]) -> Outcome {
        if errors.is_empty() {
            Outcome::Done
        } else {
            Outcome::SomeInputsFailed
        }
    }
}

/// Why a command could not do its work. The message is what the user reads after `error:`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The rules or the configuration could not be read, merged or compiled.
    #[error("{0}")]
    Rules(String),
    /// An input the command cannot do without could not be read: the explained article,
    /// the labels, the token file, standard input.
    #[error("{0}")]
    Input(String),
    /// The `--output` file could not be opened.
    #[error("cannot write {}: {source}", path.display())]
    OpenOutput {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(std::io::Error),
    /// The starter configuration could not be written.
    #[error("credence.toml: cannot write: {0}")]
    WriteStarter(std::io::Error),
    /// The manual pages could not be rendered.
    #[error("cannot render the manual: {0}")]
    RenderManual(std::io::Error),
    /// A JSONL feed could not be scored to the end.
    #[error("scoring the feed: {0}")]
    Feed(std::io::Error),
    /// There is no history at the place given.
    #[error(
        "no history at {0}: record scores with `credence score … --db {0}` or `credence serve --db {0}`"
    )]
    NoHistory(String),
    /// The history could not be opened.
    #[error("cannot open the history: {0}")]
    OpenHistory(HistoryError),
    /// The history could not be read.
    #[error("cannot read the history: {0}")]
    ReadHistory(HistoryError),
    /// The scores could not be recorded in the history.
    #[error("cannot record the scores: {0}")]
    RecordScores(HistoryError),
    /// The HTTP service could not start, or stopped on an error.
    #[error("cannot serve on {addr}: {source}")]
    Serve {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    /// The inputs held no article at all (an empty folder, a folder of other files).
    #[error("no articles found in {0}")]
    NoArticles(String),
    /// Flags or values that do not go together, or ask for what does not exist.
    #[error("{0}")]
    Usage(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_is_done_only_when_no_input_failed() {
        assert_eq!(Outcome::of_inputs::<String>(&[]), Outcome::Done);
        assert_eq!(
            Outcome::of_inputs(&["a.txt: unreadable"]),
            Outcome::SomeInputsFailed
        );
    }

    #[test]
    fn messages_name_what_failed() {
        let e = CliError::NoHistory("h.db".into());
        assert_eq!(
            e.to_string(),
            "no history at h.db: record scores with `credence score … --db h.db` or `credence serve --db h.db`"
        );
        let e = CliError::NoArticles("inbox/".into());
        assert_eq!(e.to_string(), "no articles found in inbox/");
        let e = CliError::RecordScores(HistoryError("disk full".into()));
        assert_eq!(e.to_string(), "cannot record the scores: disk full");
    }
}
