//! `credence rules`: list, show, check and document the rules, or write a starter
//! configuration.

use super::args::{ListFormat, RulesCommand};
use super::{CliError, Outcome, Output};
use credence::{Pipeline, RulesSource, report};
use std::path::Path;

pub fn run(command: RulesCommand, out: &Output) -> Result<Outcome, CliError> {
    match command {
        RulesCommand::List { rules, format } => {
            let pipeline = rules.pipeline()?;
            match format {
                ListFormat::Json => out.print(&report::rules_json(pipeline.rules())),
                ListFormat::Table => out.print(&report::rules_table(pipeline.rules())),
            }?;
            Ok(Outcome::Done)
        }
        RulesCommand::Show { id, rules, format } => {
            let pipeline = rules.pipeline()?;
            let Some(rule) = pipeline.rules().rule(&id) else {
                return Err(CliError::Usage(format!(
                    "no rule with code or name \"{id}\" (see `credence rules list`)"
                )));
            };
            match format {
                ListFormat::Json => out.print(&report::rule_json(rule)),
                ListFormat::Table => out.print(&report::rule_text(rule)),
            }?;
            Ok(Outcome::Done)
        }
        RulesCommand::Check { file } => check(&file, out),
        RulesCommand::Docs { rules } => {
            let pipeline = rules.pipeline()?;
            out.print(&report::rule_docs::markdown(pipeline.rules()))?;
            Ok(Outcome::Done)
        }
        RulesCommand::Init { force } => {
            let path = Path::new("credence.toml");
            if path.exists() && !force {
                return Err(CliError::Usage(
                    "credence.toml already exists (use --force to overwrite it)".into(),
                ));
            }
            std::fs::write(path, credence::config::STARTER).map_err(CliError::WriteStarter)?;
            out.print(
                "wrote credence.toml: a commented starter; `credence rules check credence.toml` checks it",
            )?;
            Ok(Outcome::Done)
        }
    }
}

/// `rules check FILE`: the file on top of the embedded default, every language's cues
/// compiled, and the worked examples of the rules it defines or changes.
fn check(file: &str, out: &Output) -> Result<Outcome, CliError> {
    let pipeline =
        Pipeline::load(&RulesSource::files(&[file.to_string()])).map_err(CliError::Rules)?;
    let rules = pipeline.rules();
    // Other languages' cue lists compile when first needed; a check compiles them now.
    rules
        .analyser
        .extractor
        .check_languages()
        .map_err(|e| CliError::Rules(e.to_string()))?;
    let check = rules.check_examples(file);
    for f in &check.failures {
        say!(
            "error: {file}:{}:{}: rule {}: example {} expects {} hit(s), got {}",
            f.line,
            f.column,
            f.code,
            f.example,
            f.expected,
            f.got
        );
    }
    let failures = check.failures.len();
    out.print(&format!(
        "{file}: {} ({} rules, {} enabled, {} measures, {} languages besides English, {} examples checked, {failures} failed)",
        if failures == 0 {
            "ok"
        } else {
            "examples failed"
        },
        rules.rules.len(),
        rules.enabled().count(),
        rules.config.measures.len(),
        rules.config.languages.len(),
        check.checked,
    ))?;
    // Failing examples are an error in the rules file, like any other.
    Ok(if failures == 0 {
        Outcome::Done
    } else {
        Outcome::ExamplesFailed
    })
}
