//! `credence tune`: rule weights fitted to labels. The rules file is the command's output
//! (standard output or `--output`); the figures that judge it are messages, on standard
//! error, so that `credence tune … > desk.toml` leaves only the file in the file.

use super::args::TuneArgs;
use super::eval::read_labels;
use super::load::load;
use super::{CliError, Outcome, Output};
use credence::report;
use credence::tune::{TuneError, TuneOptions};

pub fn run(args: TuneArgs, out: &Output) -> Result<Outcome, CliError> {
    let TuneArgs {
        paths,
        labels,
        folds,
        l2,
        rules,
    } = args;
    let labels = read_labels(&labels)?;
    let (pipeline, loaded) = load(&rules, &paths)?;
    let tuned = credence::tune::tune(
        pipeline.rules(),
        &loaded.articles,
        &labels,
        TuneOptions { folds, l2 },
    )
    .map_err(|e| match e {
        TuneError::Rules(message) => CliError::Rules(message),
        other => CliError::Usage(other.to_string()),
    })?;
    say!("{}", report::render_tune(&tuned).trim_end());
    out.print(&report::tune_toml(&tuned))?;
    Ok(Outcome::of_inputs(&loaded.errors))
}
