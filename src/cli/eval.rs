//! `credence eval`: scores against labels (with a baseline's shifts), or recall on problems
//! planted in clean stories.

use super::args::{EvalArgs, ListFormat, RulesArgs};
use super::load::{load, report_errors};
use super::{CliError, Outcome, Output};
use credence::plant::PlantOptions;
use credence::{Grouping, Pipeline, RulesSource, report};
use std::path::PathBuf;

pub fn run(args: EvalArgs, out: &Output) -> Result<Outcome, CliError> {
    let EvalArgs {
        paths,
        labels,
        plant,
        seed,
        per_kind,
        baseline,
        rules,
        format,
    } = args;
    match labels {
        Some(labels) if !plant => {
            let against = Labelled {
                labels_path: &labels,
                baseline: baseline.as_deref(),
            };
            labelled(out, &paths, against, &rules, format)
        }
        _ => planted(out, &paths, PlantOptions { seed, per_kind }, &rules, format),
    }
}

/// The labels, and the rules to compare with.
struct Labelled<'a> {
    labels_path: &'a str,
    baseline: Option<&'a str>,
}

/// How well the scores separate the labels, and how a baseline's would.
fn labelled(
    out: &Output,
    paths: &[PathBuf],
    against: Labelled<'_>,
    rules: &RulesArgs,
    format: ListFormat,
) -> Result<Outcome, CliError> {
    let labels = read_labels(against.labels_path)?;
    let (candidate_rules, loaded) = load(rules, paths)?;
    let candidate = candidate_rules.run(loaded, Grouping::Directory);
    let report = credence::eval::evaluate(&candidate.articles, &labels);
    let base = match against.baseline {
        Some(path) => {
            let base = Pipeline::load(&RulesSource::files(&[path.to_string()]))
                .map_err(CliError::Rules)?;
            let loaded = base.read(paths);
            report_errors(&loaded);
            let batch = base.run(loaded, Grouping::Directory);
            let shifts = credence::eval::rank_shifts(&batch.articles, &candidate.articles);
            Some((credence::eval::evaluate(&batch.articles, &labels), shifts))
        }
        None => None,
    };
    let base = base.as_ref().map(|(r, s)| (r, s.as_slice()));
    match format {
        ListFormat::Json => out.print(&report::eval_json(&report, base, &candidate.errors)),
        ListFormat::Table => out.print(&report::render_eval(&report, base)),
    }?;
    Ok(Outcome::of_inputs(&candidate.errors))
}

/// The labels at `path`, CSV or TOML.
pub(super) fn read_labels(path: &str) -> Result<credence::eval::Labels, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("{path}: cannot read labels: {e}")))?;
    credence::eval::Labels::parse(path, &text).map_err(CliError::Input)
}

/// How often planted problems are found, and the false alarms on the clean articles.
fn planted(
    out: &Output,
    paths: &[PathBuf],
    options: PlantOptions,
    rules: &RulesArgs,
    format: ListFormat,
) -> Result<Outcome, CliError> {
    let (pipeline, loaded) = load(rules, paths)?;
    let planted = credence::plant::plant_and_score(&pipeline, &loaded.articles, options);
    let clean = pipeline.run(loaded, Grouping::Directory);
    let alarms = credence::plant::false_alarms(&clean.articles);
    match format {
        ListFormat::Json => out.print(&report::plant_json(&planted, &alarms, &clean.errors)),
        ListFormat::Table => out.print(&report::plant_table(&planted, &alarms)),
    }?;
    Ok(Outcome::of_inputs(&clean.errors))
}
