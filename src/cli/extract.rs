//! `credence extract`: the figures found in each article.

use super::args::{ExtractArgs, ExtractFormat};
use super::{CliError, Outcome, Output};
use credence::report;

pub fn run(args: ExtractArgs, out: &Output) -> Result<Outcome, CliError> {
    let ExtractArgs { inputs, format } = args;
    let (pipeline, loaded) = inputs.load()?;
    let ExtractFormat::Json = format;
    let analysed: Vec<_> = loaded
        .articles
        .iter()
        .map(|a| (a, pipeline.rules().analyse(a)))
        .collect();
    out.print(&report::extract_json(&analysed, &loaded.errors))?;
    Ok(Outcome::of_inputs(&loaded.errors))
}
