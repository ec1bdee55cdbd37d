//! Standard input as an input: given at most once, and spooled to a private temporary file
//! when it must be read twice.

use super::CliError;
use std::path::{Path, PathBuf};

/// Whether `path` stands for standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Standard input can be read once: `-` given twice would score its records once and report
/// the second reading as empty.
pub fn stdin_at_most_once(paths: &[PathBuf]) -> Result<(), CliError> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(CliError::Usage(
            "`-` (standard input) is given more than once".into(),
        ));
    }
    Ok(())
}

/// Copies standard input to a temporary file only this process can read, and returns a
/// path to read it by. On Linux the file has no name at all (it is gone however the run
/// ends, even when interrupted) and is read through `/proc/self/fd`; elsewhere it is a
/// uniquely named file created without following links and removed when dropped.
pub fn spool_stdin() -> Result<(PathBuf, Spool), CliError> {
    let fail = |e: std::io::Error| CliError::Input(format!("cannot spool standard input: {e}"));
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let mut file = tempfile::tempfile().map_err(fail)?;
        std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(fail)?;
        let path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        if path.exists() {
            return Ok((path, Spool::Unnamed(file)));
        }
    }
    let mut named = tempfile::NamedTempFile::new().map_err(fail)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut named).map_err(fail)?;
    Ok((named.path().to_path_buf(), Spool::Named(named)))
}

/// Standard input spooled, held (and so kept on disk) until it has been read.
pub enum Spool {
    #[cfg(target_os = "linux")]
    Unnamed(#[allow(dead_code)] std::fs::File),
    Named(#[allow(dead_code)] tempfile::NamedTempFile),
}
