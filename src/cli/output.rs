//! Where a command's output goes and how wide and colourful it is drawn: standard output or
//! the `--output` file, and `--wide`. Messages go to standard error, never here.

use super::CliError;
use super::args::Format;
use credence::report;
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// The output settings of one run.
pub struct Output {
    /// The `--output` file, when given.
    file: Option<PathBuf>,
    /// Whether the file was opened (and emptied) by an earlier write of this run.
    opened: Cell<bool>,
    /// `--wide`: tables as wide as their cells need.
    wide: bool,
}

impl Output {
    pub fn new(file: Option<PathBuf>, wide: bool) -> Output {
        Output {
            file,
            opened: Cell::new(false),
            wide,
        }
    }

    /// Writes `text`, ending it with a newline. A reader that closed the pipe (`| head`)
    /// ends the run quietly; any other failure (a full disk, `> /dev/full`) is an error, so
    /// nothing is lost unnoticed.
    pub fn print(&self, text: &str) -> Result<(), CliError> {
        let mut sink = self.writer()?;
        let written = sink
            .write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    sink.write_all(b"\n")
                }
            })
            .and_then(|()| sink.flush());
        written_or_closed(written)
    }

    /// Standard output, or the `--output` file, emptied at the run's first write and
    /// appended to by the later ones.
    pub fn writer(&self) -> Result<Box<dyn Write>, CliError> {
        let Some(path) = &self.file else {
            return Ok(Box::new(std::io::stdout().lock()));
        };
        let first = !self.opened.replace(true);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(first)
            .append(!first)
            .open(path)
            .map_err(|source| CliError::OpenOutput {
                path: path.clone(),
                source,
            })?;
        Ok(Box::new(std::io::BufWriter::with_capacity(1 << 16, file)))
    }

    /// Whether the output is a terminal (not when it goes to a file or a pipe).
    fn is_terminal(&self) -> bool {
        self.file.is_none() && std::io::stdout().is_terminal()
    }

    /// Whether to colour the output.
    pub fn color(&self) -> bool {
        report::use_color(self.is_terminal())
    }

    /// The width to fit tables to: none with `--wide` or a file (which gets the whole
    /// table, as a pipe does), else $COLUMNS when set, else the terminal's when the output
    /// is a terminal.
    pub fn width(&self) -> Option<usize> {
        if self.wide || self.file.is_some() {
            return None;
        }
        if let Some(columns) = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
        {
            return Some(columns);
        }
        let stdout = std::io::stdout();
        if !stdout.is_terminal() {
            return None;
        }
        // A pseudo-terminal nobody sized reports 0 columns: that is no width.
        terminal_size::terminal_size_of(&stdout)
            .map(|(terminal_size::Width(w), _)| usize::from(w))
            .filter(|&w| w > 0)
    }

    /// How a table in `format` is drawn: Markdown has neither colour nor a width.
    pub fn layout(&self, format: Format) -> report::Layout {
        let markdown = format == Format::Markdown;
        report::Layout {
            color: !markdown && self.color(),
            markdown,
            width: if markdown { None } else { self.width() },
        }
    }
}

/// A write's outcome as the run's: a closed pipe is success, anything else an error.
pub fn written_or_closed(written: std::io::Result<()>) -> Result<(), CliError> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Write(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_file_is_emptied_once_then_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "from an earlier run\n").unwrap();
        let out = Output::new(Some(path.clone()), false);
        out.print("first").unwrap();
        out.print("second\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\nsecond\n");
    }

    #[test]
    fn a_file_gets_the_whole_table() {
        let out = Output::new(Some(PathBuf::from("out.txt")), false);
        assert_eq!(out.width(), None);
        assert!(!out.layout(Format::Table).color);
    }

    #[test]
    fn an_output_file_that_cannot_be_opened_is_an_error() {
        let out = Output::new(Some(PathBuf::from("/nonexistent/dir/out.txt")), false);
        let e = out.print("text").unwrap_err();
        assert!(matches!(e, CliError::OpenOutput { .. }));
        assert!(
            e.to_string()
                .starts_with("cannot write /nonexistent/dir/out.txt: ")
        );
    }

    #[test]
    fn a_closed_pipe_is_no_error() {
        let closed = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(written_or_closed(Err(closed)).is_ok());
        let full = std::io::Error::other("no space left");
        assert!(matches!(
            written_or_closed(Err(full)),
            Err(CliError::Write(_))
        ));
    }
}
