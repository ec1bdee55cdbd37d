//! `credence sources`: scores rolled up per outlet.

use super::args::{Format, SourcesArgs};
use super::load::score_loaded;
use super::{CliError, Outcome, Output, html, outlets};

pub fn run(args: SourcesArgs, out: &Output) -> Result<Outcome, CliError> {
    let SourcesArgs {
        inputs,
        cluster,
        min_sample,
        format,
    } = args;
    let (pipeline, loaded) = inputs.load()?;
    if format == Format::Html {
        let page = html::Page {
            rules: &inputs.rules,
            cluster,
            min_sample,
            history: None,
        };
        return html::render(out, &pipeline, loaded, page, |_| {});
    }
    let batch = score_loaded(&pipeline, loaded, cluster);
    let outlets = outlets::rollup(&pipeline, &batch.articles, min_sample);
    outlets::render(out, &outlets, min_sample, format, &batch)?;
    Ok(Outcome::of_inputs(&batch.errors))
}
