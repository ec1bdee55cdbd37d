//! `credence stories`: the stories articles are compared in, with their consensus figures.

use super::args::{StoriesArgs, StoriesFormat};
use super::load::grouping;
use super::{CliError, Outcome, Output};
use credence::report;

pub fn run(args: StoriesArgs, out: &Output) -> Result<Outcome, CliError> {
    let StoriesArgs {
        inputs,
        cluster,
        format,
    } = args;
    let (pipeline, loaded) = inputs.load()?;
    let analyses = pipeline.analyse(&loaded.articles);
    let stories = pipeline.stories(&loaded.articles, &analyses, grouping(cluster));
    let summaries = pipeline.summaries(&loaded.articles, &analyses, &stories);
    match format {
        StoriesFormat::Json => out.print(&report::stories_json(&summaries, &loaded.errors)),
        StoriesFormat::Jsonl => out.print(&report::stories_jsonl(&summaries, &loaded.errors)),
        StoriesFormat::Table => out.print(&report::render_stories(&summaries)),
    }?;
    Ok(Outcome::of_inputs(&loaded.errors))
}
