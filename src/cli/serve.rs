//! `credence serve`: the HTTP service, with its token, limits and history.

use super::args::ServeArgs;
use super::{CliError, Outcome, history};
use credence::service::ServeOptions;
use credence::service::ingest::IngestOptions;
use std::path::Path;
use std::time::Duration;

pub fn run(args: ServeArgs) -> Result<Outcome, CliError> {
    let ServeArgs {
        addr,
        db,
        rules,
        token_file,
        max_body_bytes,
        max_articles,
        timeout,
        window_days,
    } = args;
    let token = token_file.as_deref().map(read_token).transpose()?;
    if !(timeout.is_finite() && timeout > 0.0) {
        return Err(CliError::Usage(
            "--timeout must be a positive number of seconds".into(),
        ));
    }
    let pipeline = rules.pipeline()?;
    let store = history::open(&db)?;
    let options = ServeOptions {
        addr,
        token,
        max_body_bytes,
        timeout: Duration::from_secs_f64(timeout),
        ingest: IngestOptions {
            max_articles,
            window_days,
            ..Default::default()
        },
    };
    let version = pipeline.rules().config.version();
    credence::service::serve(pipeline, store, options, |bound| {
        say!("listening on http://{bound} (history {db}, rules {version})");
    })
    .map_err(|source| CliError::Serve { addr, source })?;
    say!("stopped");
    Ok(Outcome::Done)
}

/// The bearer token in `path`, trimmed; an empty file is refused.
fn read_token(path: &Path) -> Result<String, CliError> {
    let token = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("{}: cannot read the token: {e}", path.display())))?;
    let token = token.trim().to_string();
    if token.is_empty() {
        return Err(CliError::Input(format!(
            "{}: the token file is empty",
            path.display()
        )));
    }
    Ok(token)
}
