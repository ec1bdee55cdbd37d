//! `credence completions` and `credence man`: the shell completion scripts and the manual
//! pages, drawn from the arguments' own definitions.

use super::args::Cli;
use super::{CliError, Outcome, Output};
use clap::CommandFactory;

/// A completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &Output) -> Result<Outcome, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "credence", &mut script);
    out.print(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Done)
}

/// The manual page (roff) of credence, then each command's as `credence-score(1)` and so on.
pub fn man(out: &Output) -> Result<Outcome, CliError> {
    let mut page = Vec::new();
    let command = Cli::command();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(CliError::RenderManual)?;
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("credence-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name)
            .version(env!("CARGO_PKG_VERSION"));
        clap_mangen::Man::new(sub)
            .render(&mut page)
            .map_err(CliError::RenderManual)?;
    }
    out.print(&String::from_utf8_lossy(&page))?;
    Ok(Outcome::Done)
}
