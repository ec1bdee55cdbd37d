//! The command line's parts: the arguments, where the output goes, how a command fails, and
//! one module per command. Each command takes its parsed arguments and the output settings,
//! and returns its outcome; `main` turns that into the exit code.

/// Writes a line to stderr. A closed or full stderr is ignored: a diagnostic that cannot be
/// shown is no reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `say!` without the newline (the progress line).
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

mod alloc;
pub mod args;
mod error;
mod html;
mod load;
mod nonce;
mod outlets;
mod output;
mod progress;
mod spool;

pub mod eval;
pub mod explain;
pub mod extract;
pub mod history;
pub mod manual;
pub mod rules;
pub mod score;
pub mod serve;
pub mod sources;
pub mod stories;
mod stream;
pub mod tune;

pub use error::{CliError, Outcome};
pub use output::Output;
