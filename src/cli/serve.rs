//! `credence serve`: the HTTP service, with its token, limits and history.

use super::args::{LogFormat, ServeArgs};
use super::{CliError, Outcome, history};
use credence::service::ServeOptions;
use credence::service::access::Access;
use credence::service::ingest::IngestOptions;
use credence::service::listen::Limits;
use credence::service::log;
use std::path::Path;
use std::time::Duration;

pub fn run(args: ServeArgs) -> Result<Outcome, CliError> {
    let ServeArgs {
        addr,
        db,
        rules,
        token_file,
        no_auth,
        allow_host,
        allow_origin,
        max_connections,
        header_timeout,
        body_timeout,
        shutdown_grace,
        memory_limit,
        log_format,
        max_body_bytes,
        max_articles,
        timeout,
        window_days,
    } = args;
    let token = token_file.as_deref().map(read_token).transpose()?;
    let access = Access {
        token,
        no_auth,
        allow_hosts: allow_host,
        allow_origins: allow_origin,
    };
    // Refused before anything is opened: writes need consent.
    let warning = access.check_bind(addr).map_err(CliError::Usage)?;
    let timeout = seconds("--timeout", timeout)?;
    let header_timeout = seconds("--header-timeout", header_timeout)?;
    let body_timeout = seconds("--body-timeout", body_timeout)?;
    let shutdown_grace = seconds("--shutdown-grace", shutdown_grace)?;
    let pipeline = rules.pipeline()?;
    let store = history::open(&db)?;
    let options = ServeOptions {
        addr,
        access,
        max_body_bytes,
        timeout,
        body_timeout,
        limits: Limits {
            max_connections: max_connections.max(1),
            header_timeout,
            grace: shutdown_grace,
        },
        memory_limit,
        log_format: match log_format {
            LogFormat::Text => log::LogFormat::Text,
            LogFormat::Json => log::LogFormat::Json,
        },
        ingest: IngestOptions {
            max_articles,
            window_days,
            ..Default::default()
        },
    };
    let version = pipeline.rules().config.version();
    // Never the password of a PostgreSQL target.
    let shown = credence::history::redact(&db);
    credence::service::serve(pipeline, store, options, |bound| {
        say!("listening on http://{bound} (history {shown}, rules {version})");
        if let Some(warning) = warning {
            say!("{warning}");
        }
    })
    .map_err(|source| CliError::Serve { addr, source })?;
    say!("stopped");
    Ok(Outcome::Done)
}

/// A positive number of seconds as a duration.
fn seconds(flag: &str, value: f64) -> Result<Duration, CliError> {
    if value.is_finite() && value > 0.0 && value < 1e9 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(CliError::Usage(format!(
            "{flag} must be a positive number of seconds"
        )))
    }
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
