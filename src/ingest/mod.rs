//! Reading articles: plain text, Markdown or text with a front-matter block, JSON (one
//! article), JSONL (one per line), saved web pages, RSS and Atom feeds, and directories,
//! from files or standard input. Inputs
//! that cannot be read become `InputError`s that name the file (and line); the rest of the
//! batch goes on.

mod feed;
mod front_matter;
mod html;
mod kind;
mod line_rules;
mod load;
mod outlet;
mod published;
mod record;
mod web;

pub use line_rules::{LineRules, MAX_SHOWN, one_line, shortened};
pub use load::{
    Loaded, ParsedRecord, UniqueIds, article_from_value, complete_article, decode, is_article_file,
    load_jsonl_reader, load_paths, parse_file_contents, parse_record, stem,
};
pub use outlet::{SourceFrom, infer_source};

use crate::date::Date;
use crate::text::TitleMode;
use serde::Serialize;

/// One article as read, before analysis.
#[derive(Debug, Clone)]
pub struct Article {
    /// File stem, or the record's `id`, made unique within the batch.
    pub id: String,
    /// The file it came from; `None` for standard input.
    pub path: Option<String>,
    /// The JSONL line it came from.
    pub line: Option<usize>,
    pub title: Option<String>,
    pub source: Option<String>,
    /// How `source` was found when the input did not give it (its url, its dateline).
    pub source_from: Option<SourceFrom>,
    pub url: Option<String>,
    /// The byline a saved page or a feed item gives.
    pub author: Option<String>,
    /// The language given in metadata (`lang`: "en", "de", …); else it is detected.
    pub lang: Option<String>,
    /// The date given in metadata; a dateline in the text is read during analysis.
    pub published: Option<Date>,
    /// The story key; else the story is the article's directory.
    pub story: Option<String>,
    pub text: String,
    /// Where the prose starts (after a front-matter block).
    pub body_start: usize,
    pub title_mode: TitleMode,
    /// Rules waived for this article in its front matter, with the reason.
    pub waivers: Vec<(String, String)>,
}

impl Article {
    /// An article from plain text; the first line is the title when it reads as one.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            path: None,
            line: None,
            title: None,
            source: None,
            source_from: None,
            url: None,
            author: None,
            lang: None,
            published: None,
            story: None,
            text: text.into(),
            body_start: 0,
            title_mode: TitleMode::FirstLine,
            waivers: Vec::new(),
        }
    }

    /// The story this article is compared within: its `story` key, else its directory.
    pub fn story_key(&self) -> String {
        if let Some(s) = &self.story {
            return s.clone();
        }
        match &self.path {
            Some(p) => std::path::Path::new(p)
                .parent()
                .map(|d| d.to_string_lossy().into_owned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| ".".into()),
            None => "stdin".into(),
        }
    }
}

/// An input that could not be read, or was read with a warning.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputError {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
