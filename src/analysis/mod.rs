//! One article analysed: its text model, its figures, and its publication date (given, or
//! read from a dateline).

pub mod times;

use crate::config::{Config, ConfigError};
use crate::cues::RuleList;
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
    /// The language it is written in; the rules judge only languages they read.
    pub language: crate::language::Language,
    /// The figures of a headline given in metadata when the text has no title of its own,
    /// read in the article's language.
    pub title_figures: Vec<crate::extract::Figure>,
    /// Each sentence's time, made when a rule first asks for it and kept for the others.
    pub sentence_times: times::TimesMemo,
}

/// What analysing an article needs from the rules: the extractor and the line rules (page
/// furniture, datelines), compiled once, and the lists the rules place sentences in time with.
pub struct Analyser {
    pub extractor: Extractor,
    pub lines: LineRules,
    pub time_lists: std::sync::Arc<times::TimeLists>,
}

impl Analyser {
    /// The analyser for `config`; `extra` phrase lists are searched in the extractor's one
    /// pass too (see [`Extractor::new`]).
    pub fn new(config: &Config, extra: &[RuleList<'_>]) -> Result<Analyser, ConfigError> {
        Ok(Analyser {
            extractor: Extractor::new(config, extra)?,
            lines: LineRules::new(config)?,
            time_lists: Default::default(),
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
    let body = &text[article.body_start.min(text.len())..];
    let mut language = crate::language::language_of(article.lang.as_deref(), body);
    let mut extraction = if !language.is_english() && analyser.extractor.reads(&language.code) {
        language.read = true;
        analyser
            .extractor
            .extract_in(&language.code, text, &doc, published)
    } else {
        analyser.extractor.extract(text, &doc, published)
    };
    if !language.is_supported() {
        // Figures read with English grammar from another language ("1.500" as 1.5) would
        // mislead the story's consensus and corroboration: the article offers none.
        extraction.figures.clear();
    }
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
    // Only a headline that is not also in the text: the text's own title is read with it.
    let title_in_text = doc.blocks.iter().any(|b| b.kind == BlockKind::Title);
    let given_title = article.title.as_ref().filter(|_| !title_in_text);
    let title_figures = match (given_title, language.is_english()) {
        (Some(t), true) => crate::extract::figures_in(t, published),
        (Some(t), false) => analyser.extractor.figures_in(&language.code, t, published),
        (None, _) => Vec::new(),
    };
    let fingerprint = Fingerprint::of(body);
    Analysis {
        doc,
        extraction,
        published,
        published_inferred,
        title,
        quotes,
        fingerprint,
        language,
        title_figures,
        sentence_times: times::TimesMemo::new(analyser.time_lists.clone()),
    }
}

/// How far into a paragraph a dateline's date may stand, in characters ("Istanbul,
/// November 3, 2025 —" and the longer credits of wire copy).
const DATELINE_CHARS: usize = 90;

/// Words that open a sentence about an event, never a dateline's place: "On March 8,
/// 2014, the flight …", "Since January 3, 2024 …".
const NOT_A_PLACE: &[&str] = &[
    "on", "in", "at", "since", "after", "before", "by", "from", "until", "during", "the", "last",
    "early", "late", "as", "of", "when", "between",
];

/// Characters after a dateline's date within which its dash or colon must come.
const DATELINE_DASH_CHARS: usize = 40;

/// The publication date from a dateline: a line that only gives the date ("Mon Nov 03
/// 2025", "Published in X, November 3rd, 2025"), else the opening words of the first
/// paragraphs ("Istanbul, November 3, 2025 — …"): a full date with its year that opens the
/// paragraph or follows a place of a few capitalised words, with the dash or colon that
/// ends a dateline soon after it. A date of an earlier event in the opening sentence ("On
/// March 8, 2014, the flight … — ") is no dateline.
pub fn infer_published(text: &str, doc: &Document) -> Option<Date> {
    let full_dates = |span: Span| {
        explicit_dates(text, span)
            .into_iter()
            .filter(|d| d.kind == FigureKind::Date && d.precision == DatePrecision::Day)
    };
    let datelines = doc.blocks.iter().filter(|b| b.kind == BlockKind::Dateline);
    for block in datelines {
        if let Some(d) = full_dates(block.span).next() {
            return Some(d.date);
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
        let Some(d) = full_dates(head).next() else {
            continue;
        };
        let place = text.get(head.start..d.span.start).unwrap_or("");
        let after: String = text
            .get(d.span.end..block.span.end)
            .unwrap_or("")
            .chars()
            .take(DATELINE_DASH_CHARS)
            .collect();
        // A dateline ends in a dash or colon before the story starts.
        let dashed = after.contains(['—', '–', ':']) || after.contains(" - ");
        if dashed && is_dateline_place(place) {
            return Some(d.date);
        }
    }
    None
}

/// Whether the words before a dateline's date read as its place: none, or one to four
/// capitalised words ("ISTANBUL,", "New Delhi,", "Published in SouthAsianDesk,"), not a
/// phrase that opens a sentence about an event.
fn is_dateline_place(place: &str) -> bool {
    let words: Vec<&str> = place
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return true;
    };
    words.len() <= 4
        && !NOT_A_PLACE.contains(&first.to_lowercase().as_str())
        && words
            .iter()
            .filter(|w| !matches!(**w, "in" | "of" | "de" | "al"))
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(text: &str) -> Option<String> {
        let config = Config::embedded().expect("the embedded rules load");
        let analyser = Analyser::new(&config, &[]).expect("the analyser builds");
        let analysis = analyser.analyse(&Article::from_text("a", text));
        analysis.published.map(|d| d.to_string())
    }

    #[test]
    fn the_publication_date_is_the_datelines_not_an_earlier_events() {
        let cases = [
            (
                "Talks resume\n\nISTANBUL, November 3, 2025 — Ministers met on Monday.",
                Some("2025-11-03"),
            ),
            (
                "Talks resume\n\nNew Delhi, 3 November 2025: Ministers met on Monday.",
                Some("2025-11-03"),
            ),
            (
                "Flight lost\n\nOn March 8, 2014, the flight vanished — and the search began.",
                None,
            ),
            (
                "Flight lost\n\nSince January 3, 2024, the families have waited: no word came.",
                None,
            ),
            (
                "Flight lost\n\nThe families, who last heard on March 8, 2014, waited — and hoped.",
                None,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(published(text).as_deref(), expected, "{text}");
        }
    }
}
