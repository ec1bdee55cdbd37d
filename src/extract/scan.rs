//! The figure scanner: one pass over a sentence's tokens that recognises numbers in digits
//! and words, scales, currencies, units, percentages, ranges, dates (absolute, partial and
//! relative to the publication date), times of day, durations and ordinals, and leaves out
//! what only looks like a number (ids such as "MH370", URLs, phone numbers, footnotes).

use super::figure::{DatePrecision, DateValue, FigureKind, Qualifier};
use super::numbers::{
    is_figure_word, is_ordinal_suffix, is_tens, is_trigger_word, may_be_figure_word, ordinal_word,
    scale_word, small_number, vague_plural,
};
use super::tokens::{Token, TokenKind, tokenize_into};
use super::units::{currency_prefix, currency_suffix, duration_unit, measurement_unit};
use crate::date::{Date, days_in_month, month_from_name, weekday_from_name};
use crate::lower::Lower;
use crate::text::Span;

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

/// Words that end a noun phrase after a number.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "ago",
    "all",
    "also",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "earlier",
    "either",
    "every",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "least",
    "less",
    "may",
    "might",
    "more",
    "most",
    "must",
    "my",
    "next",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "said",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "under",
    "until",
    "up",
    "upon",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "across",
    "like",
    "toward",
    "towards",
    "via",
    "versus",
    "vs",
    "already",
    "still",
    "even",
    "now",
    "again",
    "too",
    "very",
    "amid",
    "amidst",
    "despite",
    "among",
    "beyond",
    "near",
    "onto",
    "throughout",
    "whether",
    "unlike",
];

/// Plural nouns that make a four-digit number a count rather than a year ("2000 people").
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "children",
    "residents",
    "soldiers",
    "troops",
    "workers",
    "students",
    "homes",
    "houses",
    "jobs",
    "cases",
    "deaths",
    "families",
    "units",
    "vehicles",
    "cars",
    "protesters",
    "refugees",
    "migrants",
    "votes",
    "members",
    "employees",
    "passengers",
    "patients",
    "tonnes",
    "tons",
    "acres",
    "hectares",
    "miles",
    "km",
    "dollars",
];

/// Nouns followed by a number that names one of them ("flight 447", "route 66").
const ID_NOUNS: &[&str] = &[
    "flight",
    "flights",
    "route",
    "page",
    "pages",
    "room",
    "gate",
    "platform",
    "highway",
    "article",
    "resolution",
    "chapter",
    "section",
    "clause",
    "paragraph",
    "version",
    "model",
    "bus",
    "channel",
    "episode",
    "terminal",
    "runway",
    "building",
    "block",
    "ward",
    "district",
    "precinct",
    "unit",
    "lot",
    "exit",
    "interstate",
    "no",
    "number",
    "nos",
    "case",
    "item",
    "figure",
    "table",
    "appendix",
    "annex",
    "rule",
    "bill",
    "act",
    "proposition",
    "ios",
    "android",
    "windows",
    "galaxy",
    "iphone",
    "pixel",
    "series",
];

/// Words before a four-digit number that make it a year.
const YEAR_LEADS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "the",
    "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "year", "through",
    "circa", "between", "and", "to", "fiscal", "for", "season", "class", "around", "as",
];

fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(&lower)
}

pub struct Scanner<'a> {
    text: &'a str,
    toks: Vec<Token>,
    published: Option<Date>,
    excluded: Vec<Span>,
    /// A title or heading, where every word may be capitalised.
    heading: bool,
}

/// Whether the scanner can find any figure in `sentence`; when not, tokenizing and scanning
/// it can be skipped. Most sentences of prose hold no figure, and this one pass over their
/// bytes decides it without building tokens. It says yes to every sentence with a digit, a
/// vulgar fraction (½), a word that is or ends a figure on its own ([`is_trigger_word`]:
/// "three", "million", "yesterday", "first", "week"), or a capitalised month or weekday
/// name: every figure the scanner finds holds one of these.
pub fn may_hold_figure(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    if digit_or_vulgar_fraction(bytes) {
        return true;
    }
    // Words of ASCII letters, walked a 64-byte block at a time; each is looked up in
    // the bits of the figure words and date names, and only a word found there (a few in
    // a sentence) is checked in full.
    let names = figure_and_date_words();
    !crate::text::for_each_run(
        bytes,
        ascii_letters8,
        |b| b.is_ascii_alphabetic(),
        |start, end| {
            if !names.may_hold(bytes, start, end) {
                return true;
            }
            let word = &sentence[start..end];
            !(is_trigger_word(word) || (bytes[start].is_ascii_uppercase() && is_date_name(word)))
        },
    )
}

/// The trigger words and every form of a month or weekday name that a word of letters
/// can take ("march", "mar", "sept", "tuesday", "tue").
fn figure_and_date_words() -> &'static crate::text::WordBits {
    static WORDS: std::sync::OnceLock<crate::text::WordBits> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = crate::text::WordBits::default();
        for w in super::numbers::trigger_words() {
            words.add(w.as_bytes());
        }
        for name in crate::date::MONTHS.iter().chain(&crate::date::WEEKDAYS) {
            words.add(name.as_bytes());
            words.add(&name.as_bytes()[..3]);
        }
        words.add(b"sept");
        words
    })
}

/// ASCII letters among eight bytes, as high bits.
#[inline(always)]
fn ascii_letters8(x: u64) -> u64 {
    let lower = (x & LOW7) | FOLD;
    let letter = lower.wrapping_add(each(0x80 - b'a')) & !lower.wrapping_add(each(0x7F - b'z'));
    letter & !x & HIGH
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;
/// Bit 5 of every byte: set, it folds ASCII letters to lower case.
const FOLD: u64 = 0x2020_2020_2020_2020;

const fn each(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// Whether `bytes` hold an ASCII digit or a vulgar fraction, read eight bytes at a time.
fn digit_or_vulgar_fraction(bytes: &[u8]) -> bool {
    // Exactly the zero bytes of `v`, as high bits (no carry crosses a byte).
    let zero = |v: u64| !(((v & LOW7).wrapping_add(LOW7)) | v) & HIGH;
    for (k, eight) in bytes.chunks(8).enumerate() {
        let x = match <[u8; 8]>::try_from(eight) {
            Ok(full) => u64::from_le_bytes(full),
            Err(_) => {
                let mut padded = [0u8; 8];
                padded[..eight.len()].copy_from_slice(eight);
                u64::from_le_bytes(padded)
            }
        };
        let y = x & LOW7;
        let digits = y.wrapping_add(each(0x80 - b'0')) & !y.wrapping_add(each(0x7F - b'9')) & !x;
        if digits & HIGH != 0 {
            return true;
        }
        let mut leads = zero(x ^ each(0xC2)) | zero(x ^ each(0xE2));
        while leads != 0 {
            let i = 8 * k + leads.trailing_zeros() as usize / 8;
            leads &= leads - 1;
            if vulgar_fraction_at(bytes, i) {
                return true;
            }
        }
    }
    false
}

/// Whether a vulgar fraction (¼ ½ ¾, U+00BC–U+00BE; ⅐ to ⅞, U+2150–U+215E) starts at
/// `bytes[i]`.
fn vulgar_fraction_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC2 => matches!(bytes.get(i + 1), Some(0xBC..=0xBE)),
        0xE2 => bytes.get(i + 1) == Some(&0x85) && matches!(bytes.get(i + 2), Some(0x90..=0x9E)),
        _ => false,
    }
}

/// A month or weekday name (most words are ruled out by their shape before any look-up).
fn is_date_name(word: &str) -> bool {
    month_from_name(word).is_some() || weekday_from_name(word).is_some()
}

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
            text,
            toks: buffer,
            published,
            excluded: excluded_chunks(text, sentence),
            heading: false,
        }
    }

    pub fn into_buffer(self) -> Vec<Token> {
        self.toks
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

    // ---- token helpers -------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.span.text(self.text))
    }

    fn lower(&self, i: usize) -> Option<Lower> {
        self.word(i).map(Lower::new)
    }

    fn word_is(&self, i: usize, options: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| options.iter().any(|o| w.eq_ignore_ascii_case(o)))
    }

    fn number(&self, i: usize) -> Option<&Token> {
        self.toks.get(i).filter(|t| t.kind == TokenKind::Number)
    }

    fn punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && t.span
                    .text(self.text)
                    .chars()
                    .next()
                    .is_some_and(|c| chars.contains(&c))
        })
    }

    /// Whether token `i` and token `i + 1` touch, with no white space between.
    fn touch(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn is_excluded(&self, i: usize) -> bool {
        let span = self.toks[i].span;
        self.excluded.iter().any(|e| e.contains(span))
    }

    fn span(&self, from: usize, to_exclusive: usize) -> Span {
        let last = to_exclusive.saturating_sub(1).max(from);
        Span::new(self.toks[from].span.start, self.toks[last].span.end)
    }

    /// The end of a run of touching tokens starting at `i` ("MH370", "COVID-19", "A320neo").
    fn chunk_end(&self, i: usize) -> usize {
        let mut k = i;
        while self.touch(k)
            && self
                .tok(k + 1)
                .is_some_and(|t| t.kind != TokenKind::Punct || self.punct(k + 1, &['-', '/']))
        {
            k += 1;
        }
        k + 1
    }

    fn figure(&self, from: usize, to: usize, kind: FigureKind, value: Option<f64>) -> RawFigure {
        RawFigure::new(self.span(from, to), kind, value)
    }

    // ---- numbers in digits ---------------------------------------------------------

    fn at_number(&self, i: usize) -> Step {
        let t = self.toks[i];
        // Letters glued before the digits make an id: "MH370", "S5", "A320".
        if i > 0 && self.touch(i - 1) && self.word(i - 1).is_some() {
            return Step::Skip(self.chunk_end(i));
        }
        if i > 0 && self.touch(i - 1) && self.punct(i - 1, &['#', '@', '/', '_']) {
            return Step::Skip(self.chunk_end(i));
        }
        // Footnote markers: "[3]".
        if i > 0
            && self.punct(i - 1, &['['])
            && self.touch(i - 1)
            && self.punct(i + 1, &[']'])
            && self.touch(i)
        {
            return Step::Skip(i + 2);
        }
        // "pre-1967", "mid-2025" are years; "COVID-19", "F-16" are names.
        if i >= 2 && self.punct(i - 1, &['-']) && self.touch(i - 2) && self.touch(i - 1) {
            if let Some(lead) = self.lower(i - 2) {
                if ["pre", "post", "mid", "early", "late"].contains(&lead.as_str())
                    && is_year_value(&t)
                {
                    let mut fig = self.year_figure(i - 2, i + 1, t.value as i32);
                    fig.span = self.span(i - 2, i + 1);
                    return Step::Found(fig, i + 1);
                }
                return Step::Skip(self.chunk_end(i));
            }
        }
        if let Some(step) = self.time_of_day(i) {
            return step;
        }
        if let Some(step) = self.iso_date(i) {
            return step;
        }
        // Slashes: "03/11/2025" has no safe day/month order; "1/40" is a fraction.
        if self.punct(i + 1, &['/']) && self.touch(i) && self.touch(i + 1) {
            if let Some(denominator) = self.number(i + 2) {
                if self.punct(i + 3, &['/']) && self.touch(i + 2) {
                    return Step::Skip(self.chunk_end(i));
                }
                if denominator.value == 0.0 || !self.number_ends_at(i + 3) {
                    return Step::Skip(self.chunk_end(i));
                }
                return self.after_value(i, t.value / denominator.value, i + 3, false, None);
            }
        }
        // A mixed number: "2 1/2".
        if let (Some(whole), Some(num), Some(den)) =
            (Some(t), self.number(i + 1), self.number(i + 3))
        {
            if !self.touch(i)
                && self.punct(i + 2, &['/'])
                && self.touch(i + 1)
                && self.touch(i + 2)
                && den.value != 0.0
                && num.value < den.value
            {
                let value = whole.value + num.value / den.value;
                return self.after_value(i, value, i + 4, false, None);
            }
        }
        // Letters glued after the digits.
        if self.touch(i) {
            if let Some(suffix) = self.word(i + 1) {
                return self.number_with_suffix(i, suffix);
            }
            if self.punct(i + 1, &['\'', '’'])
                && self.touch(i + 1)
                && self.word_is(i + 2, &["s"])
                && is_year_value(&t)
            {
                return Step::Found(self.year_figure(i, i + 3, t.value as i32), i + 3);
            }
        }
        // "3 November 2025", "10 October".
        if t.int_digits <= 2 && !t.formatted && (1.0..=31.0).contains(&t.value) {
            if let Some(step) = self.day_month(i, i, i + 1) {
                return step;
            }
        }
        if self.is_name_number(i) {
            return Step::Skip(self.chunk_end(i));
        }
        if is_year_value(&t) && self.is_year_context(i) {
            // "2013-14": a fiscal or season year.
            if self.punct(i + 1, &['-', '–', '/'])
                && self.touch(i)
                && self.touch(i + 1)
                && self.number(i + 2).is_some_and(|n| n.int_digits == 2)
            {
                let mut fig = self.year_figure(i, i + 3, t.value as i32);
                fig.span = self.span(i, i + 3);
                return Step::Found(fig, i + 3);
            }
            return Step::Found(self.year_figure(i, i + 1, t.value as i32), i + 1);
        }
        // "15€", "20 $": a currency symbol after the amount.
        if let Some(code) = self
            .tok(i + 1)
            .filter(|n| n.kind == TokenKind::Punct)
            .and_then(|n| currency_prefix(n.span.text(self.text)))
        {
            let value = if self.is_negative(i) {
                -t.value
            } else {
                t.value
            };
            let start = if self.is_negative(i) { i - 1 } else { i };
            if let Step::Found(mut fig, end) =
                self.after_value(start, value, i + 1, false, Some(code))
            {
                fig.span = self.span(start, i + 2);
                return Step::Found(fig, end.max(i + 2));
            }
        }
        if self.is_negative(i) {
            return self.after_value(i - 1, -t.value, i + 1, false, None);
        }
        // Scientific notation is left to specialists: "4e14", "2.48×10−5".
        if self.touch(i) && self.punct(i + 1, &['×', '^']) {
            return Step::Skip(self.chunk_end(i));
        }
        self.after_value(i, t.value, i + 1, false, None)
    }

    /// A number that is part of a name: after a capitalised word inside a sentence ("Flight
    /// 370", "Boeing 777", "Article 5", "Windows 8"), plain digits with nothing after them
    /// that would make them a quantity. Title-case headings are left alone by the caller's
    /// heading check, since every word there is capitalised.
    fn is_name_number(&self, i: usize) -> bool {
        let t = self.toks[i];
        if i < 1 || t.formatted {
            return false;
        }
        // "flight 447", "route 66", "page 3": nouns that number things rather than count them.
        if self
            .lower(i - 1)
            .is_some_and(|w| ID_NOUNS.contains(&w.as_str()))
            && self
                .word(i + 1)
                .is_none_or(|w| scale_word(w, false).is_none())
        {
            return true;
        }
        if i < 2 || self.heading {
            return false;
        }
        // "Boeing (BA.N) 777": look past a parenthesis to the name.
        let mut p = i - 1;
        if self.punct(p, &[')']) {
            while p > 0 && !self.punct(p, &['(']) {
                p -= 1;
            }
            if p == 0 {
                return false;
            }
            p -= 1;
        }
        let Some(prev) = self.word(p) else {
            return false;
        };
        let capital = prev.chars().next().is_some_and(char::is_uppercase);
        let possessive = prev.ends_with("'s")
            || prev.ends_with("’s")
            || prev.ends_with('s') && prev.chars().all(char::is_uppercase);
        if !capital
            || possessive
            || month_from_name(prev).is_some()
            || weekday_from_name(prev).is_some()
            || matches!(
                prev,
                "About"
                    | "Around"
                    | "Some"
                    | "Nearly"
                    | "Almost"
                    | "Over"
                    | "Under"
                    | "Just"
                    | "Only"
                    | "All"
                    | "The"
                    | "Those"
                    | "These"
                    | "Of"
                    | "In"
                    | "At"
                    | "On"
                    | "By"
            )
        {
            return false;
        }
        // A scale, unit or percent after it makes a quantity after all.
        if self
            .word(i + 1)
            .is_some_and(|w| scale_word(w, false).is_some())
            || self.unit_at(i + 1).is_some()
        {
            return false;
        }
        true
    }

    /// A minus sign glued before the digits and standing apart from what precedes it
    /// ("-18 °C", "($-99.99)"), not a hyphen in "2013-14" or "COVID-19".
    fn is_negative(&self, i: usize) -> bool {
        i > 0
            && ((self.punct(i - 1, &['-', '−'])
                && self.touch(i - 1)
                && (i == 1 || !self.touch(i - 2) || self.punct(i - 2, &['(', '$', '€', '£'])))
                || self.is_sign_word(i - 1))
    }

    /// "minus" or "negative" standing before a number ("minus 5", "negative one"), but not
    /// the "minus" of a margin ("plus or minus 3 points").
    fn is_sign_word(&self, k: usize) -> bool {
        let margin = k >= 2 && self.word_is(k - 1, &["or"]) && self.word_is(k - 2, &["plus"]);
        self.word_is(k, &["minus", "negative"]) && !self.touch(k) && !margin
    }

    fn number_ends_at(&self, k: usize) -> bool {
        !(self.touch(k - 1) && self.number(k).is_some())
    }

    fn number_with_suffix(&self, i: usize, suffix: &str) -> Step {
        let t = self.toks[i];
        let lower = suffix.to_ascii_lowercase();
        if is_ordinal_suffix(&lower) {
            // "3rd November", "3rd of November".
            if let Some(step) = self.day_month(i, i, i + 2) {
                return step;
            }
            let mut fig = self.figure(i, i + 2, FigureKind::Ordinal, Some(t.value));
            fig.noun = None;
            return Step::Found(fig, i + 2);
        }
        if lower == "s" && is_year_value(&t) && t.value % 10.0 == 0.0 {
            let year = t.value as i32;
            let mut fig = self.figure(i, i + 2, FigureKind::Date, Some(t.value));
            fig.date = Some(DateValue {
                date: Date::new(year, 1, 1),
                precision: DatePrecision::Decade,
                minutes: None,
                inferred: false,
                month: None,
                day: None,
            });
            return Step::Found(fig, i + 2);
        }
        if lower == "am" || lower == "pm" {
            if let Some(step) = self.time_of_day(i) {
                return step;
            }
        }
        // "4K", "8K": a screen resolution's name, not four thousand.
        if suffix == "K" && t.int_digits == 1 && !t.formatted {
            return Step::Skip(self.chunk_end(i));
        }
        if scale_word(suffix, false).is_some()
            || measurement_unit(suffix, self.word(i + 2)).is_some()
        {
            return self.after_value(i, t.value, i + 1, false, None);
        }
        // "10M workers", "2B users": a capital M or B glued to a count of something plural is
        // millions or billions ("10m" in lower case is ten metres).
        let capital_scale = match suffix {
            "M" => Some(1e6),
            "B" => Some(1e9),
            _ => None,
        };
        if let Some(scale) = capital_scale {
            if self.lower(i + 2).is_some_and(|w| is_plural_noun(&w)) {
                return self.after_value(i, t.value * scale, i + 2, false, None);
            }
        }
        Step::Skip(self.chunk_end(i))
    }

    /// "4:35 PM", "14:00", "10am", "9 p.m.".
    fn time_of_day(&self, i: usize) -> Option<Step> {
        let t = self.toks[i];
        if t.value > 24.0 || t.int_digits > 2 {
            return None;
        }
        let mut hours = t.value as u32;
        let mut minutes = 0;
        let mut k = i + 1;
        let mut has_clock = false;
        if t.formatted {
            // "2.13 am": a decimal point as the clock's colon, only with am/pm after.
            let (meridiem, _) = self.meridiem(i + 1);
            let fraction = ((t.value - t.value.floor()) * 100.0).round();
            if meridiem.is_none() || fraction >= 60.0 || t.value >= 13.0 {
                return None;
            }
            hours = t.value.floor() as u32;
            minutes = fraction as u32;
        }
        if self.punct(i + 1, &[':']) && self.touch(i) && self.touch(i + 1) {
            let m = self.number(i + 2)?;
            if m.int_digits != 2 || m.value >= 60.0 || m.formatted {
                return None;
            }
            minutes = m.value as u32;
            k = i + 3;
            has_clock = true;
        }
        let (meridiem, after) = self.meridiem(k);
        if !has_clock && meridiem.is_none() {
            return None;
        }
        if let Some(pm) = meridiem {
            if hours > 12 {
                return None;
            }
            if pm && hours < 12 {
                hours += 12;
            }
            if !pm && hours == 12 {
                hours = 0;
            }
        }
        let mut fig = self.figure(i, after, FigureKind::Date, None);
        fig.unit = Some("time-of-day".into());
        fig.date = Some(DateValue {
            date: self.published,
            precision: DatePrecision::Time,
            minutes: Some(hours * 60 + minutes),
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, after))
    }

    /// "PM", "pm", "p.m." at `k`: `Some(true)` for afternoon, and the index after it.
    fn meridiem(&self, k: usize) -> (Option<bool>, usize) {
        if let Some(w) = self.lower(k) {
            match w.as_str() {
                "am" => return (Some(false), k + 1),
                "pm" => return (Some(true), k + 1),
                "a" | "p" if self.punct(k + 1, &['.']) && self.word_is(k + 2, &["m"]) => {
                    let end = if self.punct(k + 3, &['.']) {
                        k + 4
                    } else {
                        k + 3
                    };
                    return (Some(w == "p"), end);
                }
                _ => {}
            }
        }
        (None, k)
    }

    fn iso_date(&self, i: usize) -> Option<Step> {
        let y = self.toks[i];
        if y.int_digits != 4 || y.formatted {
            return None;
        }
        if !(self.punct(i + 1, &['-']) && self.punct(i + 3, &['-'])) {
            return None;
        }
        if !(self.touch(i) && self.touch(i + 1) && self.touch(i + 2) && self.touch(i + 3)) {
            return None;
        }
        let m = self.number(i + 2)?;
        let d = self.number(i + 4)?;
        let date = Date::new(y.value as i32, m.value as u32, d.value as u32)?;
        let mut fig = self.figure(i, i + 5, FigureKind::Date, None);
        fig.date = Some(DateValue {
            date: Some(date),
            precision: DatePrecision::Day,
            minutes: None,
            inferred: false,
            month: Some(date.month),
            day: Some(date.day),
        });
        Some(Step::Found(fig, i + 5))
    }

    /// A day number at `day_tok` followed (from `k`) by an optional "of" and a month name.
    fn day_month(&self, start: usize, day_tok: usize, mut k: usize) -> Option<Step> {
        let day = self.toks[day_tok].value as u32;
        if self.word_is(k, &["of"]) {
            k += 1;
        }
        let month_word = self.word(k)?;
        if !month_word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let month = month_from_name(month_word)?;
        k += 1;
        if self.punct(k, &['.']) && self.touch(k - 1) && month_word.len() <= 4 {
            k += 1;
        }
        let mut comma = k;
        if self.punct(comma, &[',']) {
            comma += 1;
        }
        let (year, end) = match self.number(comma) {
            Some(y) if y.int_digits == 4 && !y.formatted => (Some(y.value as i32), comma + 1),
            _ => (None, k),
        };
        let fig = self.calendar_figure(start, end, year, month, Some(day))?;
        Some(Step::Found(fig, end))
    }

    fn year_figure(&self, from: usize, to: usize, year: i32) -> RawFigure {
        let mut fig = self.figure(from, to, FigureKind::Date, Some(f64::from(year)));
        fig.date = Some(year_value(year));
        fig
    }

    /// A date from its parts; a missing year is taken from the publication date, choosing
    /// the year that puts the date nearest to publication.
    fn calendar_figure(
        &self,
        from: usize,
        to: usize,
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    ) -> Option<RawFigure> {
        if let Some(d) = day {
            if d == 0 || d > 31 {
                return None;
            }
        }
        let mut fig = self.figure(from, to, FigureKind::Date, None);
        fig.date = Some(calendar_value(self.published, year, month, day));
        Some(fig)
    }

    fn is_year_context(&self, i: usize) -> bool {
        if i > 0 {
            if let Some(prev) = self.lower(i - 1) {
                if YEAR_LEADS.contains(&prev.as_str()) {
                    return true;
                }
                if month_from_name(&prev).is_some() {
                    return true;
                }
            }
        }
        match self.tok(i + 1) {
            None => true,
            Some(t) if t.kind == TokenKind::Punct => !self.punct(i + 1, &['%']),
            Some(t) if t.kind == TokenKind::Number => true,
            Some(_) => {
                let next = self.word(i + 1).unwrap_or("");
                let lower = next.to_lowercase();
                // A year unless a count noun, a unit or a scale follows ("2000 people").
                !(COUNT_NOUNS.contains(&lower.as_str())
                    || scale_word(next, false).is_some()
                    || self.unit_at(i + 1).is_some())
            }
        }
    }

    // ---- what follows a value: scale, range, unit, noun ----------------------------

    /// Builds the figure for a value that starts at token `start` and whose number ends
    /// before token `k`.
    fn after_value(
        &self,
        start: usize,
        mut value: f64,
        mut k: usize,
        in_words: bool,
        money: Option<&'static str>,
    ) -> Step {
        let (scaled, next) = self.scales(value, k, money.is_some());
        let first_scaled = next > k;
        value = scaled;
        k = next;
        let mut low = None;
        let mut high = None;
        // Ranges: "127 to 132", "10-15", "8- to 16-meter", "between 3 and 5".
        let between = start > 0 && self.word_is(start - 1, &["between"]);
        let from = start > 0 && self.word_is(start - 1, &["from"]);
        let dash = self.punct(k, &['-', '–', '—']);
        let mut second_at = None;
        if dash && self.number(k + 1).is_some() && (self.touch(k - 1) || self.punct(k, &['–'])) {
            second_at = Some(k + 1);
        } else if dash && self.word_is(k + 1, &["to"]) && self.number(k + 2).is_some() {
            second_at = Some(k + 2);
        } else if ((!from && self.word_is(k, &["to"])) || (between && self.word_is(k, &["and"])))
            && self.number(k + 1).is_some()
        {
            second_at = Some(k + 1);
        }
        if let Some(j) = second_at {
            let second = self.toks[j];
            let second_is_date = self.touch(j)
                && self
                    .word(j + 1)
                    .is_some_and(|w| is_ordinal_suffix(w) || month_from_name(w).is_some());
            let year_pair = is_year_value(&self.toks[start.min(j)]) && is_year_value(&second);
            if !self.is_excluded(j) && !second_is_date && !year_pair {
                let (v2, after) = self.scales(second.value, j + 1, money.is_some());
                // "1.9 to 2.3 million": a scale written once applies to both ends.
                let v1 = if !first_scaled && after > j + 1 && second.value > 0.0 {
                    value * (v2 / second.value)
                } else {
                    value
                };
                if v2 >= v1 {
                    low = Some(v1);
                    high = Some(v2);
                    value = (v1 + v2) / 2.0;
                    k = after;
                }
            }
        }
        let mut fig = self.figure(start, k, FigureKind::Number, Some(value));
        fig.in_words = in_words;
        // "two-thirds", "½": a share, not a count.
        if value.fract() != 0.0 && value < 1.0 && money.is_none() {
            fig.unit = Some("fraction".into());
        }
        fig.low = low;
        fig.high = high;
        if let Some(code) = money {
            fig.kind = FigureKind::Money;
            fig.unit = Some(code.into());
            // "$5 million dollars" says the currency twice.
            if self.word(k).and_then(currency_suffix).is_some() {
                k += 1;
            }
        } else if let Some((kind, unit, end)) = self.unit_at(k) {
            fig.kind = kind;
            fig.unit = Some(unit);
            k = end;
        } else if self.punct(k, &['-']) && self.touch(k - 1) && self.touch(k) {
            // "a 10-point plan", "a 57-member body": the number counts the compound's noun.
            if let Some(noun) = self.lower(k + 1).filter(|w| !is_stopword(w)) {
                fig.kind = FigureKind::Count;
                fig.noun = Some(noun.to_string());
                k += 2;
                fig.span = self.span(start, k);
                return Step::Found(fig, k);
            }
        }
        // "44 mg to 50 mg", "between 3 km and 5 km": the unit written on both ends.
        if low.is_none() && fig.unit.is_some() && money.is_none() {
            let joins = (self.word_is(k, &["to"]) && !from)
                || (between && self.word_is(k, &["and", "to"]))
                || (self.punct(k, &['-', '–']) && self.number(k + 1).is_some());
            if joins {
                if let Some(second) = self.number(k + 1) {
                    if let Some((_, unit2, end2)) = self.unit_at(k + 2) {
                        if Some(&unit2) == fig.unit.as_ref() && second.value >= value {
                            fig.low = Some(value);
                            fig.high = Some(second.value);
                            fig.value = Some((value + second.value) / 2.0);
                            k = end2;
                        }
                    }
                }
            }
        }
        // "two-year-long", "five-year-old".
        if fig.kind == FigureKind::Duration
            && self.punct(k, &['-'])
            && self.touch(k - 1)
            && self.word_is(k + 1, &["long", "old"])
        {
            k += 2;
        }
        fig.span = self.span(start, k);
        match fig.kind {
            FigureKind::Number | FigureKind::Money | FigureKind::Percent | FigureKind::Duration => {
                let skip_of = fig.kind != FigureKind::Number;
                if let Some(noun) = self.noun_after(k, skip_of) {
                    if fig.kind == FigureKind::Number && fig.unit.is_none() {
                        fig.kind = FigureKind::Count;
                    }
                    fig.noun = Some(noun);
                }
            }
            _ => {}
        }
        // "one" alone is a pronoun more often than a figure.
        if in_words && value == 1.0 && fig.unit.is_none() && fig.kind != FigureKind::Money {
            return Step::Nothing;
        }
        Step::Found(fig, k)
    }

    /// Applies scale words and glued scale suffixes from `k`.
    fn scales(&self, mut value: f64, mut k: usize, money: bool) -> (f64, usize) {
        while let Some(w) = self.word(k) {
            let glued = self.touch(k - 1);
            let single = w.chars().count() == 1;
            // A letter apart from the number is a scale only as "2.33 k views": a k before a
            // plural count noun.
            let spaced_thousands =
                matches!(w, "k" | "K") && self.lower(k + 1).is_some_and(|n| is_plural_noun(&n));
            if single && !glued && !spaced_thousands {
                break;
            }
            match scale_word(w, money && glued) {
                Some(s) => {
                    value *= s;
                    k += 1;
                    // "3 hundred and 21", "4 thousand 3 hundred": a smaller part after an
                    // "and", or one with its own smaller scale.
                    if s >= 100.0 && value.fract() == 0.0 {
                        let at = if self.word_is(k, &["and"]) { k + 1 } else { k };
                        if let Some(part) = self.number(at).filter(|p| !p.formatted && p.value < s)
                        {
                            let scaled = self
                                .word(at + 1)
                                .and_then(|w| scale_word(w, false))
                                .filter(|&s2| s2 < s && s2 >= 100.0);
                            if let Some(s2) = scaled {
                                value += part.value * s2;
                                k = at + 2;
                            } else if at > k {
                                value += part.value;
                                k = at + 1;
                            }
                        }
                    }
                }
                None => break,
            }
        }
        (value, k)
    }

    /// A unit at `k`: percent, currency word, duration or measurement, glued or spaced,
    /// or joined by a hyphen ("13-month", "27-kilometer").
    fn unit_at(&self, k: usize) -> Option<(FigureKind, String, usize)> {
        let hyphen = self.punct(k, &['-']) && self.touch(k - 1) && self.touch(k);
        let at = if hyphen { k + 1 } else { k };
        if !hyphen && self.punct(k, &['%']) {
            return Some((FigureKind::Percent, "%".into(), k + 1));
        }
        if !hyphen && self.punct(k, &['°']) {
            return match self.word(k + 1) {
                Some("C") => Some((FigureKind::Number, "°C".into(), k + 2)),
                Some("F") => Some((FigureKind::Number, "°F".into(), k + 2)),
                _ => Some((FigureKind::Number, "degree".into(), k + 1)),
            };
        }
        let w = self.word(at)?;
        let lower = w.to_ascii_lowercase();
        if !hyphen {
            if matches!(lower.as_str(), "percent" | "pct" | "percentage") {
                let end = if self.word_is(at + 1, &["points", "point"]) {
                    at + 2
                } else {
                    at + 1
                };
                return Some((FigureKind::Percent, "%".into(), end));
            }
            if lower == "per" && self.word_is(at + 1, &["cent"]) {
                return Some((FigureKind::Percent, "%".into(), at + 2));
            }
            if let Some(code) = currency_suffix(w) {
                return Some((FigureKind::Money, code.into(), at + 1));
            }
        }
        if let Some(unit) = duration_unit(w) {
            // "a second" is an ordinal more often than a unit; "6 seconds" is a duration.
            return Some((FigureKind::Duration, unit.into(), at + 1));
        }
        let glued = self.touch(at - 1) && !hyphen;
        if let Some((unit, words)) = measurement_unit(w, self.word(at + 1)) {
            let short = w.chars().count() <= 1;
            if !short || glued || hyphen {
                let mut end = at + words;
                // "4km^3", "km2"
                if self.punct(end, &['^', '²', '³']) && self.touch(end - 1) {
                    end += 1;
                    if self.number(end).is_some() && self.touch(end - 1) {
                        end += 1;
                    }
                }
                if self.number(end).is_some() && self.touch(end - 1) {
                    end += 1;
                }
                return Some((FigureKind::Number, unit.into(), end));
            }
        }
        None
    }

    /// The noun a figure counts: the last word of the noun phrase after it, skipping
    /// adjectives ("40,000 Palestinian deaths" → "deaths"). With `skip_of`, a leading
    /// "of" is passed over ("30% of global oil" → "oil").
    fn noun_after(&self, mut k: usize, skip_of: bool) -> Option<String> {
        if skip_of && self.word_is(k, &["of"]) {
            k += 1;
        }
        let mut head: Option<String> = None;
        let mut taken = 0;
        let mut previous_capital = false;
        while taken < 4 {
            let Some(w) = self.word(k) else {
                // "Muslim-majority countries": a hyphen joins the words of one phrase.
                if head.is_some() && self.punct(k, &['-']) && self.touch(k - 1) && self.touch(k) {
                    k += 1;
                    continue;
                }
                break;
            };
            let lower = w.to_lowercase();
            if is_stopword(&lower) || month_from_name(w).is_some() && w.len() > 2 && taken > 0 {
                break;
            }
            if taken > 0
                && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly"))
            {
                break;
            }
            if taken == 0 && lower.ends_with("ly") {
                break;
            }
            // A capitalised word after lower-case ones starts a new phrase (a name).
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if taken > 0 && capital && !previous_capital {
                break;
            }
            previous_capital = capital;
            head = Some(
                lower
                    .trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_string(),
            );
            taken += 1;
            k += 1;
            // A plural noun ends the phrase: "250 volunteers came", "57 member states".
            if is_plural_noun(&lower) {
                break;
            }
            if self.punct(k, &[',', ';', ':', '.', '(', ')', '"', '”', '“']) {
                break;
            }
        }
        head
    }

    // ---- words: number words, months, weekdays, relative dates, currencies ------------

    fn at_word(&self, i: usize) -> Step {
        let w = self.word(i).unwrap_or("");
        // Most words are ordinary lower-case words: one look-up settles them. Month and
        // weekday names and currency codes are capitalised, so they pass this check.
        let figure_word = may_be_figure_word(w) && is_figure_word(&Lower::new(w));
        if !figure_word && w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            return Step::Nothing;
        }
        if let Some(step) = self.currency_word(i, w) {
            return step;
        }
        if let Some(step) = self.month_date(i, i) {
            return step;
        }
        if let Some(step) = self.weekday_date(i) {
            return step;
        }
        // Everything below starts with a figure word ("Yesterday", "Thirteen", "Dozens").
        if !figure_word {
            return Step::Nothing;
        }
        if let Some(step) = self.relative_date(i) {
            return step;
        }
        if let Some((value, end)) = self.number_words(i) {
            if i > 0 && self.is_sign_word(i - 1) {
                return self.after_value(i - 1, -value, end, true, None);
            }
            return self.after_value(i, value, end, true, None);
        }
        let lower = Lower::new(w);
        if let Some(v) = vague_plural(&lower) {
            if self.word_is(i + 1, &["of"]) {
                let mut fig = self.figure(i, i + 1, FigureKind::Count, Some(v));
                fig.in_words = true;
                fig.qualifier = Qualifier::AtLeast;
                fig.noun = self.noun_after(i + 2, false);
                return Step::Found(fig, i + 1);
            }
        }
        if lower == "half"
            && self.word_is(
                i + 1,
                &["of", "the", "a", "an", "its", "their", "his", "her", "our"],
            )
        {
            let mut fig = self.figure(i, i + 1, FigureKind::Number, Some(0.5));
            fig.unit = Some("fraction".into());
            fig.in_words = true;
            return Step::Found(fig, i + 1);
        }
        if let Some(v) = ordinal_word(&lower) {
            // "second" followed by a unit-less noun is an ordinal; "a second" alone is time.
            let mut fig = self.figure(i, i + 1, FigureKind::Ordinal, Some(v));
            fig.in_words = true;
            return Step::Found(fig, i + 1);
        }
        Step::Nothing
    }

    /// "Rs 50 million", "PKR 50 million", "US$5", "USD 20".
    fn currency_word(&self, i: usize, w: &str) -> Option<Step> {
        let mut k = i + 1;
        let code = if self.punct(k, &['$']) && self.touch(i) {
            k += 1;
            match w {
                "US" => "USD",
                "A" => "AUD",
                "C" => "CAD",
                "S" => "SGD",
                "HK" => "HKD",
                "NZ" => "NZD",
                _ => return None,
            }
        } else {
            let code = currency_prefix(w)?;
            if self.punct(k, &['.']) && self.touch(i) {
                k += 1;
            }
            code
        };
        let n = self.number(k)?;
        Some(self.after_value(i, n.value, k + 1, false, Some(code)))
    }

    fn at_symbol(&self, i: usize) -> Step {
        let sym = self.toks[i].span.text(self.text);
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
        match self.number(i + 1) {
            Some(n) => self.after_value(i, n.value, i + 2, false, Some(code)),
            None => Step::Nothing,
        }
    }

    /// "October 10", "Oct. 10, 2025", "November 3rd, 2025", "October 2023", "in December".
    fn month_date(&self, start: usize, i: usize) -> Option<Step> {
        let w = self.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let month = month_from_name(w)?;
        let lower = w.to_ascii_lowercase();
        let mut k = i + 1;
        if self.punct(k, &['.']) && self.touch(i) && w.len() <= 4 {
            k += 1;
        }
        if let Some(d) = self.number(k) {
            if d.int_digits <= 2 && !d.formatted && (1.0..=31.0).contains(&d.value) {
                let day = d.value as u32;
                let mut end = k + 1;
                if self.touch(k) && self.word(k + 1).is_some_and(is_ordinal_suffix) {
                    end += 1;
                }
                let mut year_at = end;
                if self.punct(year_at, &[',']) {
                    year_at += 1;
                }
                let (year, end) = match self.number(year_at) {
                    Some(y) if y.int_digits == 4 && !y.formatted => {
                        (Some(y.value as i32), year_at + 1)
                    }
                    _ => (None, end),
                };
                let fig = self.calendar_figure(start, end, year, month, Some(day))?;
                return Some(Step::Found(fig, end));
            }
            if d.int_digits == 4 && !d.formatted {
                let fig = self.calendar_figure(start, k + 1, Some(d.value as i32), month, None)?;
                return Some(Step::Found(fig, k + 1));
            }
        }
        // A month alone needs a lead word, and "May" and "March" also need one because
        // they are verbs as well.
        let lead = i > 0
            && self.word_is(
                i - 1,
                &[
                    "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid",
                    "of", "from", "during", "before", "after", "through", "till", "on",
                ],
            );
        let ambiguous = matches!(lower.as_str(), "may" | "march") || w.len() <= 4;
        if lead && !(ambiguous && self.word_is(i - 1, &["on"])) {
            let fig = self.calendar_figure(start, i + 1, None, month, None)?;
            return Some(Step::Found(fig, i + 1));
        }
        None
    }

    /// "Mon Nov 03 2025", "Monday, November 3, 2025", or a relative "on Monday".
    fn weekday_date(&self, i: usize) -> Option<Step> {
        let w = self.word(i)?;
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let weekday = weekday_from_name(w)?;
        let mut k = i + 1;
        if self.punct(k, &['.']) && self.touch(i) {
            k += 1;
        }
        if self.punct(k, &[',']) {
            k += 1;
        }
        if let Some(step) = self.month_date(i, k) {
            return Some(step);
        }
        if let Some(d) = self.number(k) {
            if d.int_digits <= 2 && (1.0..=31.0).contains(&d.value) {
                if let Some(step) = self.day_month(i, k, k + 1) {
                    return Some(step);
                }
            }
        }
        // "Sun", "Sat", "Wed" alone are words, not days.
        if w.len() <= 4 {
            return None;
        }
        // A weekday alone is a recent day: "on Monday" is the last Monday up to
        // publication, "last Friday" the one before it, "next Tuesday" the one after.
        let before = i.checked_sub(1).and_then(|p| self.lower(p));
        let direction = match before.as_deref() {
            Some("last") | Some("past") => -2,
            Some("next") | Some("coming") => 1,
            _ => -1,
        };
        let start = if direction != -1 { i - 1 } else { i };
        let date = self.published.map(|p| {
            let pw = i64::from(p.weekday());
            let target = i64::from(weekday);
            match direction {
                1 => {
                    let ahead = (target - pw).rem_euclid(7);
                    p.add_days(if ahead == 0 { 7 } else { ahead })
                }
                -2 => {
                    let back = (pw - target).rem_euclid(7);
                    p.add_days(-(if back == 0 { 7 } else { back }))
                }
                _ => p.add_days(-(pw - target).rem_euclid(7)),
            }
        });
        let mut fig = self.figure(start, i + 1, FigureKind::Date, None);
        fig.relative = true;
        fig.date = Some(DateValue {
            date,
            precision: DatePrecision::Day,
            minutes: None,
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, i + 1))
    }

    /// "yesterday", "today", "last month", "this year", "last week".
    fn relative_date(&self, i: usize) -> Option<Step> {
        let lower = self.lower(i)?;
        let p = self.published;
        let (offset_days, precision, start, end): (Option<i64>, DatePrecision, usize, usize) =
            match lower.as_str() {
                "yesterday" => (Some(-1), DatePrecision::Day, i, i + 1),
                "today" | "tonight" => (Some(0), DatePrecision::Day, i, i + 1),
                "tomorrow" => (Some(1), DatePrecision::Day, i, i + 1),
                "last" | "next" | "this" | "past" => {
                    let unit = self.lower(i + 1)?;
                    let sign: i64 = match lower.as_str() {
                        "next" => 1,
                        "this" => 0,
                        _ => -1,
                    };
                    match unit.as_str() {
                        "week" => (Some(7 * sign), DatePrecision::Day, i, i + 2),
                        "month" => (None, DatePrecision::Month, i, i + 2),
                        "year" => (None, DatePrecision::Year, i, i + 2),
                        _ => return None,
                    }
                }
                _ => return None,
            };
        let date = p.and_then(|p| match (offset_days, precision) {
            (Some(days), _) => Some(p.add_days(days)),
            (None, DatePrecision::Month) => {
                let sign = match lower.as_str() {
                    "next" => 1,
                    "this" => 0,
                    _ => -1,
                };
                let months = p.year * 12 + p.month as i32 - 1 + sign;
                Date::new(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
            }
            (None, _) => {
                let sign = match lower.as_str() {
                    "next" => 1,
                    "this" => 0,
                    _ => -1,
                };
                Date::new(p.year + sign, 1, 1)
            }
        });
        let mut fig = self.figure(start, end, FigureKind::Date, None);
        fig.relative = true;
        if precision == DatePrecision::Year {
            fig.value = date.map(|d| f64::from(d.year));
        }
        fig.date = Some(DateValue {
            date,
            precision,
            minutes: None,
            inferred: true,
            month: None,
            day: None,
        });
        Some(Step::Found(fig, end))
    }

    /// Number words from `i`: "thirteen", "twenty-one", "one hundred and two",
    /// "a dozen", "two dozen", "a hundred". Returns the value and the index after.
    fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let mut k = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        // "half a dozen".
        if self.word_is(k, &["half"])
            && self.word_is(k + 1, &["a"])
            && self.word_is(k + 2, &["dozen"])
        {
            return Some((6.0, k + 3));
        }
        if self.word_is(k, &["a", "an"]) {
            let next = self.lower(k + 1)?;
            if next == "dozen" {
                return Some((12.0, k + 2));
            }
            if matches!(
                next.as_str(),
                "hundred" | "thousand" | "million" | "billion"
            ) {
                current = 1.0;
                any = true;
                k += 1;
            } else {
                return None;
            }
        }
        while let Some(w) = self.lower(k) {
            if let Some(v) = small_number(&w) {
                if any && current % 100.0 != 0.0 && !(is_tens(current % 100.0) && v < 10.0) {
                    break;
                }
                current += v;
                any = true;
                k += 1;
                // "twenty-one", and "fifty - two" with the hyphen spaced.
                let hyphen = self.punct(k, &['-']) && (self.touch(k - 1) == self.touch(k));
                if is_tens(v) && hyphen {
                    if let Some(unit) = self.lower(k + 1).and_then(|u| small_number(&u)) {
                        if unit < 10.0 {
                            current += unit;
                            k += 2;
                        }
                    }
                }
                continue;
            }
            if !any {
                return None;
            }
            match w.as_str() {
                "hundred" => {
                    current = current.max(1.0) * 100.0;
                    k += 1;
                }
                // "a dozen", "three dozen", "three dozens" (a bare "dozens" is vague).
                "dozen" | "dozens" => {
                    current = current.max(1.0) * 12.0;
                    k += 1;
                }
                "thousand" | "million" | "billion" | "trillion" => {
                    let s = scale_word(&w, false).unwrap_or(1.0);
                    total += current.max(1.0) * s;
                    current = 0.0;
                    k += 1;
                }
                "and"
                    if self
                        .lower(k + 1)
                        .is_some_and(|n| small_number(&n).is_some())
                        && (total > 0.0 || current >= 100.0) =>
                {
                    k += 1;
                }
                _ => break,
            }
        }
        if !any {
            return None;
        }
        let mut value = total + current;
        // "two hundred point zero three": digits named one by one after "point".
        if self.word_is(k, &["point"]) {
            let mut scale = 0.1;
            let mut at = k + 1;
            while let Some(d) = self
                .lower(at)
                .and_then(|w| small_number(&w))
                .filter(|d| *d < 10.0)
            {
                value += d * scale;
                scale /= 10.0;
                at += 1;
            }
            if at > k + 1 {
                k = at;
            }
        }
        // "two thirds", "one sixth", "three halves", "one-half".
        let mut at = k;
        if self.punct(at, &['-']) && self.touch(at - 1) && self.touch(at) {
            at += 1;
        }
        if let Some(den) = self.lower(at).and_then(|w| fraction_word(&w)) {
            if value < 100.0 {
                return Some((value / den, at + 1));
            }
        }
        // "two and a half".
        if self.word_is(k, &["and"])
            && self.word_is(k + 1, &["a"])
            && self.word_is(k + 2, &["half", "quarter"])
        {
            let add = if self.word_is(k + 2, &["half"]) {
                0.5
            } else {
                0.25
            };
            value += add;
            k += 3;
        }
        Some((value, k))
    }

    // ---- qualifiers before the figure ------------------------------------------------

    fn apply_qualifier(&self, fig: &mut RawFigure, start: usize) {
        let before =
            |n: usize| -> Option<Lower> { start.checked_sub(n).and_then(|i| self.lower(i)) };
        let one = before(1);
        let two = before(2);
        let three = before(3);
        let pair = two.as_deref().zip(one.as_deref());
        let q = match (three.as_deref(), pair) {
            (Some("in"), Some(("excess", "of"))) => Some(Qualifier::AtLeast),
            (Some("as"), Some(("many", "as"))) | (Some("as"), Some(("much", "as"))) => {
                Some(Qualifier::AtMost)
            }
            _ => None,
        }
        .or(match pair {
            Some(("at", "least"))
            | Some(("more", "than"))
            | Some(("upwards", "of"))
            | Some(("just", "over"))
            | Some(("well", "over")) => Some(Qualifier::AtLeast),
            Some(("up", "to"))
            | Some(("at", "most"))
            | Some(("fewer", "than"))
            | Some(("less", "than"))
            | Some(("just", "under")) => Some(Qualifier::AtMost),
            Some(("close", "to")) | Some(("an", "estimated")) => Some(Qualifier::About),
            _ => None,
        })
        .or(match one.as_deref() {
            Some("over") | Some("exceeding") => Some(Qualifier::AtLeast),
            Some("nearly") | Some("almost") | Some("under") => Some(Qualifier::AtMost),
            Some("about")
            | Some("around")
            | Some("approximately")
            | Some("roughly")
            | Some("some")
            | Some("estimated")
            | Some("approx")
            | Some("circa") => Some(Qualifier::About),
            Some("since") => Some(Qualifier::Since),
            _ => None,
        });
        let Some(q) = q else { return };
        if q == Qualifier::Since {
            if fig.kind == FigureKind::Date && fig.date.is_some_and(|d| d.minutes.is_none()) {
                self.since_to_duration(fig);
            }
            return;
        }
        if fig.qualifier == Qualifier::Exact && fig.kind != FigureKind::Date {
            fig.qualifier = q;
        }
    }

    /// "since October 2023": a duration from that start to publication, in months.
    fn since_to_duration(&self, fig: &mut RawFigure) {
        // "since January" counts back: a start inferred into the future is a year earlier.
        if let (Some(mut d), Some(p)) = (fig.date, self.published) {
            if let Some(start) = d.date.filter(|s| d.inferred && *s > p) {
                d.date = Date::new(start.year - 1, start.month, start.day);
                fig.date = Some(d);
            }
        }
        let start = fig.date.and_then(|d| d.date);
        fig.kind = FigureKind::Duration;
        fig.qualifier = Qualifier::Since;
        fig.unit = Some("month".into());
        fig.value = match (start, self.published) {
            (Some(s), Some(p)) => Some((s.months_until(p) * 10.0).round() / 10.0),
            _ => None,
        };
    }
}

/// The denominator a fraction word names: "half" 2, "thirds" 3, "quarter" 4.
/// A year as a date value: its first day, to the year's precision.
pub(super) fn year_value(year: i32) -> DateValue {
    DateValue {
        date: Date::new(year, 1, 1),
        precision: DatePrecision::Year,
        minutes: None,
        inferred: false,
        month: None,
        day: None,
    }
}

/// A day and month, or a month alone (and the year when written), as a date value.
pub(super) fn calendar_value(
    published: Option<Date>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
) -> DateValue {
    let (date, inferred) = calendar_date(published, year, month, day);
    DateValue {
        date,
        precision: if day.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Month
        },
        minutes: None,
        inferred,
        month: Some(month),
        day,
    }
}

/// The date of a day and month (and year when written); a missing year is taken from the
/// publication date, choosing the year that puts the date nearest to publication. Whether
/// the year was inferred comes with it.
fn calendar_date(
    published: Option<Date>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
) -> (Option<Date>, bool) {
    match (year, published) {
        (Some(y), _) => {
            let d = day.unwrap_or(1).min(days_in_month(y, month).max(1));
            (Date::new(y, month, d), false)
        }
        (None, Some(p)) => {
            // News mostly looks back: take the latest such date up to a week after
            // publication, unless that is most of a year ago and the next one is near
            // ("the December summit" in a November article).
            let candidates: Vec<Date> = [p.year - 1, p.year, p.year + 1]
                .into_iter()
                .filter_map(|y| {
                    let d = day.unwrap_or(1).min(days_in_month(y, month).max(1));
                    Date::new(y, month, d)
                })
                .collect();
            let past = candidates
                .iter()
                .rev()
                .find(|d| p.days_until(**d) <= 7)
                .copied();
            let next = candidates.iter().find(|d| p.days_until(**d) > 7).copied();
            let best = match (past, next) {
                (Some(back), Some(ahead))
                    if back.days_until(p) > 270 && p.days_until(ahead) <= 90 =>
                {
                    Some(ahead)
                }
                (Some(back), _) => Some(back),
                (None, ahead) => ahead,
            };
            (best, true)
        }
        (None, None) => (None, true),
    }
}

fn fraction_word(lower: &str) -> Option<f64> {
    Some(match lower {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

fn is_plural_noun(lower: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "people",
        "children",
        "men",
        "women",
        "police",
        "personnel",
        "staff",
        "crew",
        "cattle",
        "feet",
        "teeth",
        "mice",
        "geese",
        "sheep",
        "fish",
        "aircraft",
        "dead",
        "wounded",
        "injured",
        "displaced",
        "killed",
        "missing",
    ];
    IRREGULAR.contains(&lower)
        || (lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is")
            && !lower.ends_with("'s")
            && !lower.ends_with("’s"))
}

fn is_year_value(t: &Token) -> bool {
    t.int_digits == 4 && !t.formatted && (1000.0..=2100.0).contains(&t.value)
}

/// White-space separated chunks that are not prose: URLs, e-mail addresses and handles,
/// hashtags, and phone numbers.
fn excluded_chunks(text: &str, sentence: Span) -> Vec<Span> {
    let piece = sentence.text(text);
    let mut out = Vec::new();
    let bytes = piece.as_bytes();
    // URLs, handles, tags and phone numbers all need one of these bytes; most sentences
    // have none of them.
    if !bytes
        .iter()
        .any(|c| matches!(c, b'/' | b'@' | b'#' | b'+' | b'(' | b'-'))
    {
        return out;
    }
    // Chunks split at ASCII white space, byte by byte: URLs and phone numbers hold none.
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let from = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if from == i {
            continue;
        }
        let Some(trimmed) = piece.get(from..i) else {
            continue;
        };
        let start = sentence.start + from;
        // Only chunks with a character that URLs, handles, tags or phone numbers need are
        // looked at more closely.
        let b = trimmed.as_bytes();
        if !b
            .iter()
            .any(|c| matches!(c, b'.' | b'/' | b'@' | b'#' | b'-' | b'+' | b'('))
        {
            continue;
        }
        let has = |needle: &str| {
            b.windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        let web = has("://")
            || b.len() >= 4 && b[..4].eq_ignore_ascii_case(b"www.")
            || b.contains(&b'@')
            || b[0] == b'#'
            || has(".com")
            || has(".org/")
            || has("pic.twitter");
        if web || is_phone_like(trimmed) {
            out.push(Span::new(start, start + trimmed.len()));
        }
    }
    // "(555) 123-4567": the area code stands apart from the rest.
    out
}

/// Digit groups joined by dashes, dots or spaces the way phone numbers are written:
/// "+92-51-9203041", "555-123-4567", "123-4567". ISO dates ("2025-11-03") are not.
fn is_phone_like(chunk: &str) -> bool {
    let core = chunk.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':'));
    if core.is_empty()
        || !core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '+' | '(' | ')'))
    {
        return false;
    }
    let groups: Vec<&str> = core
        .split(['-', '.', '(', ')'])
        .map(|g| g.trim_start_matches('+'))
        .filter(|g| !g.is_empty())
        .collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    if core.starts_with('+') && digits >= 7 {
        return true;
    }
    if core.contains('.') && groups.len() == 2 {
        return false; // a decimal number
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match lens.as_slice() {
        [4, 2, 2] => false,
        [_, _, _, ..] => digits >= 7,
        [3, 4] => !core.contains('.'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OTHER: u8 = 0;
    const LETTER: u8 = 1;
    const DIGIT: u8 = 2;
    const FRACTION_LEAD: u8 = 3;

    /// What each byte is to [`may_hold_figure_bytewise`].
    const BYTE_CLASS: [u8; 256] = {
        let mut class = [OTHER; 256];
        let mut b = 0;
        while b < 256 {
            class[b] = match b as u8 {
                b'a'..=b'z' | b'A'..=b'Z' => LETTER,
                b'0'..=b'9' => DIGIT,
                0xC2 | 0xE2 => FRACTION_LEAD,
                _ => OTHER,
            };
            b += 1;
        }
        class
    };

    /// [`may_hold_figure`] a byte at a time: the definition the fast version is checked
    /// against.
    fn may_hold_figure_bytewise(sentence: &str) -> bool {
        let bytes = sentence.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match BYTE_CLASS[usize::from(b)] {
                DIGIT => return true,
                LETTER => {
                    let start = i;
                    i += 1;
                    while bytes
                        .get(i)
                        .is_some_and(|&c| BYTE_CLASS[usize::from(c)] == LETTER)
                    {
                        i += 1;
                    }
                    let word = &sentence[start..i];
                    if is_trigger_word(word) || (b.is_ascii_uppercase() && is_date_name(word)) {
                        return true;
                    }
                }
                FRACTION_LEAD => {
                    if vulgar_fraction_at(bytes, i) {
                        return true;
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        false
    }

    /// Words of every kind the scanner reads, in the cases they come in, beside words and
    /// marks that are no figure.
    fn vocabulary() -> Vec<String> {
        use crate::date::{MONTHS, WEEKDAYS};
        use crate::extract::numbers::{AFTER_LEADS, ORDINALS, OTHER_STARTS, SCALES, SMALL, VAGUE};
        let mut words: Vec<String> = [SMALL, ORDINALS, VAGUE, SCALES]
            .iter()
            .flat_map(|l| l.iter().map(|(w, _)| w.to_string()))
            .chain(
                OTHER_STARTS
                    .iter()
                    .chain(AFTER_LEADS)
                    .map(|w| w.to_string()),
            )
            .chain(MONTHS.iter().chain(&WEEKDAYS).map(|w| w.to_string()))
            .chain(MONTHS.iter().chain(&WEEKDAYS).map(|w| w[..3].to_string()))
            .collect();
        let capitalised: Vec<String> = words
            .iter()
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect();
        words.extend(capitalised);
        for w in [
            "Sept", "US", "Rs", "PKR", "USD", "$", "€", "£", "½", "¾", "%", "-", ",", ".", "'s",
            "’s", "and", "of", "the", "on", "in", "people", "killed", "said", "since", "ago",
            "about", "nearly", "to", "from", "per", "cent", "percent", "km", "hours", "days",
            "o'clock", "am", "pm", "week", "month", "year", "weeks", "decade", "Marché", "Über",
            "MH", "COVID", "\u{a0}", "1", "20", "2025", "1,500", "3.5", "07:30", "bn", "m", "k",
        ] {
            words.push(w.to_string());
        }
        words
    }

    /// Words of the vocabulary, each followed by a space, nothing, a hyphen, a comma, a
    /// curly apostrophe or a non-ASCII letter, as `picks` choose them.
    fn sentence_of(picks: &[(usize, u8)]) -> String {
        let words = vocabulary();
        let glue = [" ", "", "-", ", ", "’", "é"];
        let mut sentence = String::new();
        for &(w, g) in picks {
            sentence.push_str(&words[w % words.len()]);
            sentence.push_str(glue[usize::from(g) % glue.len()]);
        }
        sentence
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

        /// The prefilter may say yes to a sentence with no figure, never no to one with a
        /// figure: then the scanner, run anyway, finds nothing.
        #[test]
        fn a_sentence_the_prefilter_skips_holds_no_figure(
            picks in proptest::collection::vec((0usize..10_000, 0u8..4), 1..12)
        ) {
            let sentence = sentence_of(&picks);
            let published = Date::new(2025, 11, 3);
            let found = Scanner::new(&sentence, Span::new(0, sentence.len()), published).scan();
            prop_assert!(
                may_hold_figure(&sentence) || found.is_empty(),
                "skipped {:?} but the scanner finds {:?}",
                sentence,
                found
            );
        }

        /// The block-at-a-time prefilter says what the byte-at-a-time one says, on
        /// sentences of figure words, date names, marks and non-ASCII letters, long enough
        /// to cross 64-byte blocks.
        #[test]
        fn the_prefilter_agrees_with_its_bytewise_definition(
            picks in proptest::collection::vec((0usize..10_000, 0u8..6), 1..40)
        ) {
            let sentence = sentence_of(&picks);
            prop_assert_eq!(may_hold_figure(&sentence), may_hold_figure_bytewise(&sentence));
        }
    }

    /// Every word alone and every pair of words (a lead and what completes it: "last week",
    /// "a dozen", "in March"), exhaustively.
    #[test]
    fn no_word_or_pair_of_words_the_prefilter_skips_holds_a_figure() {
        let words = vocabulary();
        let published = Date::new(2025, 11, 3);
        let mut skipped = 0;
        for a in &words {
            for b in std::iter::once(&String::new()).chain(&words) {
                let sentence = format!("{a} {b}");
                if may_hold_figure(&sentence) {
                    continue;
                }
                skipped += 1;
                let found = Scanner::new(&sentence, Span::new(0, sentence.len()), published).scan();
                assert!(
                    found.is_empty(),
                    "skipped {sentence:?}, which holds {found:?}"
                );
            }
        }
        assert!(
            skipped > 1000,
            "the prefilter skips almost nothing: {skipped}"
        );
    }

    #[test]
    fn the_prefilter_skips_prose_without_figures() {
        for plain in [
            "The minister said the talks would continue.",
            "A spokesman declined to comment, and this was the last word.",
            "Residents may return once the road reopens.",
            "“We are doing what we can,” she said in Türkiye’s capital.",
        ] {
            assert!(!may_hold_figure(plain), "{plain}");
        }
        for figure in [
            "Talks resumed on Monday.",
            "About 300 people gathered.",
            "It cost a million euros.",
            "It happened last week.",
            "Dozens of homes burned.",
            "He was hired in March.",
            "Prices rose by ½ a point.",
            "It was the second attempt.",
        ] {
            assert!(may_hold_figure(figure), "{figure}");
        }
    }

    #[test]
    fn phone_numbers_are_not_figures() {
        assert!(is_phone_like("555-123-4567"));
        assert!(is_phone_like("+92-51-9203041"));
        assert!(is_phone_like("123-4567"));
        assert!(!is_phone_like("2025-11-03"));
        assert!(!is_phone_like("127-132"));
        assert!(!is_phone_like("1991-2001"));
        assert!(!is_phone_like("3.5"));
    }
}
