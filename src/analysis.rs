//! One article analysed: its text model, its figures, and its publication date (given, or
//! read from a dateline).

use crate::config::{Config, ConfigError};
use crate::cues::ListId;
use crate::date::Date;
use crate::extract::Extractor;
use crate::extract::{DatePrecision, Extraction, FigureKind, explicit_dates};
use crate::ingest::{Article, LineRules};
use crate::text::{BlockKind, Document, Fingerprint, Span};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    pub extraction: Extraction,
    pub published: Option<Date>,
    /// Whether `published` was read from the text rather than given.
    pub published_inferred: bool,
    pub title: Option<String>,
    /// Quoted stretches of the prose, in text order, found once for every rule that
    /// reads quotes or skips them.
    pub quotes: Vec<Span>,
    /// Shingle sketch and distinctive words, for finding copies and shared subjects.
    pub fingerprint: Fingerprint,
}

/// What analysing an article needs from the rules: the extractor and the line rules (page
/// furniture, datelines), compiled once.
pub struct Analyser {
    pub extractor: Extractor,
    pub lines: LineRules,
}

impl Analyser {
    /// The analyser for `config`; `extra` phrase lists are searched in the extractor's one
    /// pass too (see [`Extractor::new`]).
    pub fn new(config: &Config, extra: &[(ListId, &[String])]) -> Result<Analyser, ConfigError> {
        Ok(Analyser {
            extractor: Extractor::new(config, extra)?,
            lines: LineRules::new(config)?,
        })
    }

    pub fn analyse(&self, article: &Article) -> Analysis {
        analyse(article, self)
    }
}

fn analyse(article: &Article, analyser: &Analyser) -> Analysis {
    let text = article.text.as_str();
    let doc = Document::parse(
        text,
        article.body_start,
        article.title_mode,
        &analyser.lines,
    );
    let (published, published_inferred) = match article.published {
        Some(d) => (Some(d), false),
        None => match infer_published(text, &doc) {
            Some(d) => (Some(d), true),
            None => (None, false),
        },
    };
    let extraction = analyser.extractor.extract(text, &doc, published);
    let title = article
        .title
        .clone()
        .or_else(|| doc.title(text).map(str::to_string));
    let quotes = doc
        .blocks
        .iter()
        .filter(|b| b.kind.is_content())
        .flat_map(|b| crate::text::quoted(text, b.span))
        .collect();
    let fingerprint = Fingerprint::of(&text[article.body_start.min(text.len())..]);
    Analysis {
        doc,
        extraction,
        published,
        published_inferred,
        title,
        quotes,
        fingerprint,
    }
}

/// How far into a paragraph a dateline's date may stand, in characters ("Istanbul,
/// November 3, 2025 —" and the longer credits of wire copy).
const DATELINE_CHARS: usize = 90;

/// The publication date from a dateline: a line that only gives the date ("Mon Nov 03
/// 2025", "Published in X, November 3rd, 2025"), else the opening words of the first
/// paragraphs ("Istanbul, November 3, 2025 — …"). Only full dates with a year count.
pub fn infer_published(text: &str, doc: &Document) -> Option<Date> {
    let full_date = |span: Span| {
        explicit_dates(text, span)
            .into_iter()
            .find(|d| d.kind == FigureKind::Date && d.precision == DatePrecision::Day)
            .map(|d| d.date)
    };
    let datelines = doc.blocks.iter().filter(|b| b.kind == BlockKind::Dateline);
    for block in datelines {
        if let Some(d) = full_date(block.span) {
            return Some(d);
        }
    }
    for block in doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .take(3)
    {
        let head_end = text
            .get(block.span.start..block.span.end)
            .map_or(block.span.end, |t| {
                block.span.start
                    + t.char_indices()
                        .nth(DATELINE_CHARS)
                        .map_or(t.len(), |(i, _)| i)
            });
        let head = Span::new(block.span.start, head_end);
        let head_text = head.text(text);
        // A dateline ends in a dash or colon before the story starts.
        if head_text.contains(['—', '–']) || head_text.contains(" - ") || head_text.contains(':')
        {
            if let Some(d) = full_date(head) {
                return Some(d);
            }
        }
    }
    None
}
