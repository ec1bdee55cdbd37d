//! `credence extract`: the figures found in each article.

use super::args::{ExtractArgs, ExtractFormat};
use super::load::load;
use super::{CliError, Outcome, Output};
use credence::report;

pub fn run(args: ExtractArgs, out: &Output) -> Result<Outcome, CliError> {
    let ExtractArgs {
        paths,
        rules,
        format,
    } = args;
    let (pipeline, loaded) = load(&rules, &paths)?;
    let ExtractFormat::Json = format;
    let analysed: Vec<_> = loaded
        .articles
        .iter()
        .map(|a| (a, pipeline.rules().analyse(a)))
        .collect();
    out.print(&report::extract_json(&analysed, &loaded.errors))?;
    Ok(Outcome::of_inputs(&loaded.errors))
}
