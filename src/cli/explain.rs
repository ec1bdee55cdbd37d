//! `credence explain`: one article's findings on its text, scored among the `--corpus` or,
//! without one, among the articles beside it in its folder.

use super::args::{ExplainArgs, ListFormat};
use super::{CliError, Outcome, Output};
use credence::ingest::is_article_file;
use credence::pipeline::ExplainError;
use credence::{InputError, Peers, ScoredArticle, report};
use std::path::{Path, PathBuf};

/// Files read as the neighbours of an explained article at most: explaining one article
/// beside an archive should not read the archive.
const MAX_NEIGHBOURS: usize = 2_000;

pub fn run(args: ExplainArgs, out: &Output) -> Result<Outcome, CliError> {
    let ExplainArgs {
        path,
        corpus,
        id,
        rules,
        format,
    } = args;
    let pipeline = rules.pipeline()?;
    let id = id.as_deref();
    let explained = if corpus.is_empty() {
        let (files, crowded) = neighbours(&path);
        let mut explained = pipeline
            .explain(&path, Peers::Neighbours(&files), id)
            .map_err(explain_error)?;
        explained.warnings.extend(crowded);
        explained
    } else {
        pipeline
            .explain(&path, Peers::Corpus(&corpus), id)
            .map_err(explain_error)?
    };
    for w in &explained.warnings {
        say!("warning: {w}");
    }
    for e in &explained.errors {
        say!("error: {e}");
    }
    match format {
        ListFormat::Json => {
            let shown: Vec<&ScoredArticle> = explained.articles.iter().map(|(s, _)| s).collect();
            out.print(&report::explain_json(&shown, &explained.errors))?;
        }
        ListFormat::Table => {
            for (scored, text) in &explained.articles {
                out.print(&report::render_explain(
                    scored,
                    text,
                    out.color(),
                    out.width(),
                ))?;
            }
        }
    }
    Ok(Outcome::of_inputs(&explained.target_errors))
}

/// An empty target is like empty inputs to any command; one that cannot be read is an input
/// the command cannot do without.
fn explain_error(e: ExplainError) -> CliError {
    match e {
        ExplainError::NoArticles(path) => CliError::NoArticles(path),
        ExplainError::Unreadable(message) => CliError::Input(message),
    }
}

/// The article files beside the file `target` in its own folder (not the tree under it),
/// sorted, at most `MAX_NEIGHBOURS` of them, with a warning when there were more. A folder
/// given as `target` has no neighbours.
fn neighbours(target: &Path) -> (Vec<PathBuf>, Option<InputError>) {
    if !target.is_file() {
        return (Vec::new(), None);
    }
    // A bare file name stands in the working directory.
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        Some(_) => Path::new("."),
        None => return (Vec::new(), None),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| !same_file(p, target) && is_article_file(p))
        .collect();
    files.sort();
    if files.len() <= MAX_NEIGHBOURS {
        return (files, None);
    }
    let crowded = InputError {
        path: dir.display().to_string(),
        line: None,
        message: format!(
            "{} files beside the article: its peers are the first {MAX_NEIGHBOURS} (give --corpus to choose them)",
            files.len()
        ),
    };
    files.truncate(MAX_NEIGHBOURS);
    (files, Some(crowded))
}

/// Whether two paths name one file ("./a.txt" and "a.txt").
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_the_other_article_files_of_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.md", "c.jsonl", "notes.bin"] {
            std::fs::write(dir.path().join(name), "text").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/d.txt"), "text").unwrap();
        let (files, crowded) = neighbours(&dir.path().join("a.txt"));
        let names: Vec<_> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.md", "c.jsonl"]);
        assert!(crowded.is_none());
    }

    #[test]
    fn a_folder_has_no_neighbours() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        assert_eq!(neighbours(dir.path()), (Vec::new(), None));
    }

    #[test]
    fn neighbours_beyond_the_limit_are_left_out_and_said_so() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..=MAX_NEIGHBOURS + 1 {
            std::fs::write(dir.path().join(format!("{i:05}.txt")), "text").unwrap();
        }
        let (files, crowded) = neighbours(&dir.path().join("00000.txt"));
        assert_eq!(files.len(), MAX_NEIGHBOURS);
        assert_eq!(files[0].file_name().unwrap(), "00001.txt");
        let crowded = crowded.expect("a warning");
        assert!(crowded.message.starts_with("2001 files beside the article"));
    }
}
