//! The figure scanner: one pass over a sentence's tokens that recognises numbers in digits
//! and words, scales, currencies, units, percentages, ranges, dates (absolute, partial and
//! relative to the publication date), times of day, durations and ordinals, and leaves out
//! what only looks like a number (ids such as "MH370", URLs, phone numbers, footnotes).
//!
//! This file holds the pass itself. Beside it: what a token can start (`digits`, `words`,
//! `number_words`, `dates`), what follows a value (`quantity`, `units`), the hedge before a
//! figure (`qualifiers`), what is no prose (`exclusions`), the byte test that lets most
//! sentences skip the scan (`prefilter`), the English word tables (`lexicon`), and the
//! token look-ups shared with the other languages' grammar (`cursor`).

mod cursor;
mod dates;
mod digits;
mod durations;
mod exclusions;
mod lexicon;
mod number_words;
mod prefilter;
mod qualifiers;
mod quantity;
mod units;
mod words;

pub(crate) use cursor::Cursor;
pub(crate) use dates::{calendar_figure, year_figure};
pub use prefilter::may_hold_figure;

use super::figure::{DateValue, FigureKind, Qualifier};
use super::tokens::{Token, TokenKind, tokenize_into};
use super::units::currency_prefix;
use crate::date::Date;
use crate::text::Span;
use exclusions::excluded_chunks;

/// A figure before it is tied to a sentence, a measure and an attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFigure {
    pub span: Span,
    pub kind: FigureKind,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    pub date: Option<DateValue>,
    pub relative: bool,
    pub in_words: bool,
    pub noun: Option<String>,
}

impl RawFigure {
    /// A figure of `kind` and `value` at `span`, exact, with nothing else known yet.
    pub fn new(span: Span, kind: FigureKind, value: Option<f64>) -> RawFigure {
        RawFigure {
            span,
            kind,
            value,
            low: None,
            high: None,
            unit: None,
            qualifier: Qualifier::Exact,
            date: None,
            relative: false,
            in_words: false,
            noun: None,
        }
    }
}

/// Reads the figures of one English sentence.
pub struct Scanner<'a> {
    toks: Cursor<'a>,
    published: Option<Date>,
    excluded: Vec<Span>,
    /// A title or heading, where every word may be capitalised.
    heading: bool,
}

/// What a token starts: a figure and the index after it, a stretch that is no figure
/// ("MH370", a URL), or nothing.
enum Step {
    Found(RawFigure, usize),
    Skip(usize),
    Nothing,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, sentence: Span, published: Option<Date>) -> Scanner<'a> {
        Scanner::with_buffer(text, sentence, published, Vec::new())
    }

    /// A scanner that tokenizes into `buffer`, reused across sentences (see
    /// [`Scanner::into_buffer`]).
    pub fn with_buffer(
        text: &'a str,
        sentence: Span,
        published: Option<Date>,
        mut buffer: Vec<Token>,
    ) -> Scanner<'a> {
        tokenize_into(text, sentence, &mut buffer);
        Scanner {
            toks: Cursor::new(text, buffer),
            published,
            excluded: excluded_chunks(text, sentence),
            heading: false,
        }
    }

    pub fn into_buffer(self) -> Vec<Token> {
        self.toks.into_tokens()
    }

    /// Marks the sentence as a title or heading.
    pub fn in_heading(mut self, heading: bool) -> Self {
        self.heading = heading;
        self
    }

    pub fn scan(&self) -> Vec<RawFigure> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if self.is_excluded(i) {
                i += 1;
                continue;
            }
            let step = match self.toks[i].kind {
                TokenKind::Number => self.at_number(i),
                TokenKind::Word => self.at_word(i),
                TokenKind::Punct => self.at_symbol(i),
            };
            match step {
                Step::Found(mut fig, end) => {
                    self.apply_qualifier(&mut fig, i);
                    out.push(fig);
                    i = end.max(i + 1);
                }
                Step::Skip(end) => i = end.max(i + 1),
                Step::Nothing => i += 1,
            }
        }
        out
    }

    /// Whether token `i` stands inside a URL, a handle or a phone number.
    fn is_excluded(&self, i: usize) -> bool {
        let span = self.toks[i].span;
        self.excluded.iter().any(|e| e.contains(span))
    }

    /// A vulgar fraction ("½"), or a currency symbol before an amount ("$5", "€20").
    fn at_symbol(&self, i: usize) -> Step {
        let sym = self.toks[i].span.text(self.toks.text());
        let vulgar = match sym {
            "½" => Some(0.5),
            "⅓" => Some(1.0 / 3.0),
            "⅔" => Some(2.0 / 3.0),
            "¼" => Some(0.25),
            "¾" => Some(0.75),
            "⅕" => Some(0.2),
            "⅛" => Some(0.125),
            _ => None,
        };
        if let Some(v) = vulgar {
            return self.after_value(i, v, i + 1, false, None);
        }
        let Some(code) = currency_prefix(sym) else {
            return Step::Nothing;
        };
        match self.toks.number(i + 1) {
            Some(n) => self.after_value(i, n.value, i + 2, false, Some(code)),
            None => Step::Nothing,
        }
    }
}
