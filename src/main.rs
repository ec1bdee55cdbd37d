//! The `credence` command line: parses the arguments, runs the command, and turns how it
//! ended into the exit code. The commands and everything they share live in `cli/`.

#[macro_use]
mod cli;

use clap::Parser;
use cli::args::{Cli, Command};
use cli::{CliError, Outcome, Output};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.output, cli.wide);
    let result = run(cli.command, &out);
    if let Err(e) = &result {
        say!("error: {e}");
    }
    exit_code(&result)
}

/// Runs the command.
fn run(command: Command, out: &Output) -> Result<Outcome, CliError> {
    match command {
        Command::Score(args) => cli::score::run(args, out),
        Command::Serve(args) => cli::serve::run(args),
        Command::History(args) => cli::history::run(args, out),
        Command::Sources(args) => cli::sources::run(args, out),
        Command::Eval(args) => cli::eval::run(args, out),
        Command::Tune(args) => cli::tune::run(args, out),
        Command::Stories(args) => cli::stories::run(args, out),
        Command::Explain(args) => cli::explain::run(args, out),
        Command::Extract(args) => cli::extract::run(args, out),
        Command::Completions { shell } => cli::manual::completions(shell, out),
        Command::Man => cli::manual::man(out),
        Command::Rules { command } => cli::rules::run(command, out),
    }
}

/// The exit code: 0 when the command did all it was asked, 1 when some inputs could not be
/// read (the rest were handled) or the inputs held no article, 2 when it could not do its work (bad usage, bad rules, an
/// unreadable input it needs, an unwritable output, an unusable history) or a rules file's
/// worked examples failed. Bad arguments exit 2 from the parser itself.
fn exit_code(result: &Result<Outcome, CliError>) -> ExitCode {
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::SomeInputsFailed) | Err(CliError::NoArticles(_)) => ExitCode::from(1),
        Ok(Outcome::ExamplesFailed) => ExitCode::from(2),
        Err(
            CliError::Rules(_)
            | CliError::Input(_)
            | CliError::OpenOutput { .. }
            | CliError::Write(_)
            | CliError::WriteStarter(_)
            | CliError::RenderManual(_)
            | CliError::Feed(_)
            | CliError::NoHistory(_)
            | CliError::OpenHistory(_)
            | CliError::ReadHistory(_)
            | CliError::RecordScores(_)
            | CliError::Serve { .. }
            | CliError::Usage(_),
        ) => ExitCode::from(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(exit_code(&Ok(Outcome::Done)), ExitCode::SUCCESS);
        assert_eq!(exit_code(&Ok(Outcome::SomeInputsFailed)), ExitCode::from(1));
        assert_eq!(exit_code(&Ok(Outcome::ExamplesFailed)), ExitCode::from(2));
        let rules = CliError::Rules("credence.toml:1:1: bad".into());
        assert_eq!(exit_code(&Err(rules)), ExitCode::from(2));
        let usage = CliError::Usage("--top needs the whole batch".into());
        assert_eq!(exit_code(&Err(usage)), ExitCode::from(2));
        let empty = CliError::NoArticles("inbox/".into());
        assert_eq!(exit_code(&Err(empty)), ExitCode::from(1));
    }
}
