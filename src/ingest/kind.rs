//! What kind of input a file is: by its extension, else by its first bytes, and which files
//! in a folder are the folder's own documentation rather than articles.

use std::path::Path;

/// The kinds of file credence reads, and the ones it names when it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown, with or without front matter.
    Text,
    /// One JSON article, or a list of them.
    Json,
    /// One JSON article per line.
    Jsonl,
    /// A saved web page.
    Html,
    /// An RSS 2.0, RSS 1.0 or Atom feed.
    Feed,
    /// A PDF: its text is not read.
    Pdf,
}

/// The message for a PDF, given directly or found in a folder.
pub const PDF_NOT_READ: &str = "PDF is not read; extract its text first";

impl Kind {
    /// The kind an extension names; `None` for any other extension, or none.
    pub fn by_extension(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" | "markdown" => Kind::Text,
            "json" => Kind::Json,
            "jsonl" | "ndjson" => Kind::Jsonl,
            "html" | "htm" => Kind::Html,
            "xml" | "rss" | "atom" => Kind::Feed,
            "pdf" => Kind::Pdf,
            _ => return None,
        })
    }

    /// The kind a file's first bytes show, for a name that says nothing of it: a PDF's
    /// magic, a feed's or a page's opening tag. `None` for anything else.
    pub fn by_content(head: &[u8]) -> Option<Kind> {
        if head.starts_with(b"%PDF-") {
            return Some(Kind::Pdf);
        }
        let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let head = &head[start..head.len().min(start + 512)];
        let opens =
            |tag: &[u8]| head.len() >= tag.len() && head[..tag.len()].eq_ignore_ascii_case(tag);
        if opens(b"<rss") || opens(b"<feed") || opens(b"<rdf:rdf") {
            return Some(Kind::Feed);
        }
        if opens(b"<!doctype html") || opens(b"<html") {
            return Some(Kind::Html);
        }
        // An XML declaration comes before either: the root element tells.
        if opens(b"<?xml") {
            let text = String::from_utf8_lossy(head).to_ascii_lowercase();
            if text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf") {
                return Some(Kind::Feed);
            }
            if text.contains("<html") {
                return Some(Kind::Html);
            }
        }
        None
    }
}

/// Whether a folder's file is its documentation, not an article: README, LICENSE, CHANGELOG
/// and CONTRIBUTING files, with any extension. Upper case as these are written ("README.md",
/// "LICENSE-MIT"), or any case when the name up to its first dot is the word alone
/// ("readme.txt"): an article called "license-fees-rise.txt" is still read.
pub fn is_folder_doc(path: &Path) -> bool {
    const DOCS: [&str; 4] = ["README", "LICENSE", "CHANGELOG", "CONTRIBUTING"];
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let base = name.split('.').next().unwrap_or(name);
    DOCS.iter()
        .any(|doc| name.starts_with(doc) || base.eq_ignore_ascii_case(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_then_first_bytes_name_the_kind() {
        assert_eq!(Kind::by_extension(Path::new("a/b.HTM")), Some(Kind::Html));
        assert_eq!(Kind::by_extension(Path::new("news.rss")), Some(Kind::Feed));
        assert_eq!(Kind::by_extension(Path::new("scan.pdf")), Some(Kind::Pdf));
        assert_eq!(Kind::by_extension(Path::new("labels.csv")), None);
        assert_eq!(Kind::by_extension(Path::new("noext")), None);
        assert_eq!(Kind::by_content(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(
            Kind::by_content(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Some(Kind::Feed)
        );
        assert_eq!(
            Kind::by_content(b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">"),
            Some(Kind::Feed)
        );
        assert_eq!(Kind::by_content(b"  <feed xmlns="), Some(Kind::Feed));
        assert_eq!(Kind::by_content(b"<!DOCTYPE html><html>"), Some(Kind::Html));
        assert_eq!(Kind::by_content(b"<?xml version=\"1.0\"?><config/>"), None);
        assert_eq!(Kind::by_content(b"id,label\n"), None);
        assert_eq!(Kind::by_content(b""), None);
    }

    #[test]
    fn folder_docs_are_known_by_name() {
        for doc in [
            "README",
            "README.md",
            "readme.txt",
            "LICENSE-MIT",
            "License.txt",
            "CHANGELOG.md",
            "CONTRIBUTING.rst",
        ] {
            assert!(is_folder_doc(Path::new(doc)), "{doc}");
        }
        for article in ["license-fees-rise.txt", "readmes-and-more.md", "news.txt"] {
            assert!(!is_folder_doc(Path::new(article)), "{article}");
        }
    }
}
