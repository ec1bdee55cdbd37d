//! The token both scanners read, and the single left-to-right pass that cuts an English
//! sentence into numbers, words and punctuation. Tokens carry absolute byte spans; whether
//! two tokens touch (no white space between) is what tells "20bn" from "20 bn" and
//! "13-month" from "13 - month". The other languages' lexer makes the same tokens with its
//! own reading of numbers and words.

use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokenKind {
    /// Digits with optional thousands separators and one decimal part; `value` is parsed.
    Number,
    Word,
    /// A single mark.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// The parsed value of a number token (0 otherwise).
    pub value: f64,
    /// Whether the digits had a thousands separator or a decimal point.
    pub formatted: bool,
    /// Digits before any decimal point (a year has four and no separator).
    pub int_digits: usize,
    /// Written against the token before it, with no white space between. (The other
    /// languages' lexer drops apostrophes, and glues "euros" to "d" in "d'euros".)
    pub glued: bool,
}

/// Tokens of `text[span]`, with spans absolute in `text`.
#[cfg(test)]
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, span, &mut tokens);
    tokens
}

/// Tokens of `text[span]` into `tokens` (cleared first), so that one buffer serves every
/// sentence of an article.
pub fn tokenize_into(text: &str, span: Span, tokens: &mut Vec<Token>) {
    tokens.clear();
    let piece = span.text(text);
    let base = span.start;
    let bytes = piece.as_bytes();
    // Whether a token starting here is written against the last one: there is one, and no
    // white space has been skipped since.
    let mut glued = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            glued = false;
            i += 1;
            continue;
        }
        // A leading-dot decimal (".08") where a number can start: not inside "U.S." or
        // after digits.
        let leading_dot = b == b'.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'(' | b'$' | b'-'));
        if b.is_ascii_digit() || leading_dot {
            let (end, value, formatted, int_digits) = scan_number(bytes, i);
            tokens.push(Token {
                kind: TokenKind::Number,
                span: Span::new(base + i, base + end),
                value,
                formatted,
                int_digits,
                glued,
            });
            glued = true;
            i = end;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else {
            piece[i..].chars().next().unwrap_or(' ')
        };
        if c.is_alphabetic() {
            let end = word_end(piece, i + c.len_utf8());
            tokens.push(Token {
                kind: TokenKind::Word,
                span: Span::new(base + i, base + end),
                value: 0.0,
                formatted: false,
                int_digits: 0,
                glued,
            });
            glued = true;
            i = end;
            continue;
        }
        if c.is_whitespace() {
            glued = false;
            i += c.len_utf8();
            continue;
        }
        tokens.push(Token {
            kind: TokenKind::Punct,
            span: Span::new(base + i, base + i + c.len_utf8()),
            value: 0.0,
            formatted: false,
            int_digits: 0,
            glued,
        });
        glued = true;
        i += c.len_utf8();
    }
}

/// The end of a word whose first letter ends at `from`: letters, and apostrophes between
/// letters ("don't", "Fidan's", but not a closing quote). ASCII letters take a fast path.
fn word_end(piece: &str, from: usize) -> usize {
    let bytes = piece.as_bytes();
    let letter_at = |at: usize| -> Option<usize> {
        match bytes.get(at) {
            Some(b) if b.is_ascii_alphabetic() => Some(1),
            Some(b) if *b >= 0x80 => piece
                .get(at..)
                .and_then(|s| s.chars().next())
                .filter(|c| c.is_alphabetic())
                .map(char::len_utf8),
            _ => None,
        }
    };
    let mut end = from;
    loop {
        // The common case: a run of ASCII letters.
        while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
        }
        if let Some(len) = letter_at(end) {
            end += len;
            continue;
        }
        let apostrophe = match bytes.get(end) {
            Some(b'\'') => 1,
            Some(0xE2)
                if bytes.get(end + 1) == Some(&0x80) && bytes.get(end + 2) == Some(&0x99) =>
            {
                3
            }
            _ => 0,
        };
        if apostrophe > 0 && letter_at(end + apostrophe).is_some() {
            end += apostrophe;
            continue;
        }
        return end;
    }
}

/// Scans `1,500,000.25` style digits from `start`; returns end, value, whether a separator
/// or decimal point was used, and the count of integer digits.
fn scan_number(bytes: &[u8], start: usize) -> (usize, f64, bool, usize) {
    let mut i = start;
    let mut int_part: f64 = 0.0;
    let mut digits = 0;
    let mut formatted = false;
    // The thousands separator in use, once one is seen: a comma, or a space of some width.
    let mut separator: Option<usize> = None;
    // Digits since the start or the last separator.
    let mut group = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            int_part = int_part * 10.0 + f64::from(b - b'0');
            digits += 1;
            group += 1;
            i += 1;
            continue;
        }
        // A separator is followed by exactly three digits; the first group has one to
        // three; spaces ("40 000", "1 234 567") do not mix with commas.
        let mut width = thousands_separator(bytes, i);
        // Scraped copy often has a space after the thousands comma ("120, 000"): a comma and
        // one space before three digits continue the number, unless a month name before it
        // makes it a day ("March 8, 239 passengers").
        if b == b',' && bytes.get(i + 1) == Some(&b' ') && !after_month_name(bytes, start) {
            width = 2;
        }
        let kind = if b == b',' { 1 } else { 2 };
        let fits = width > 0
            && separator.is_none_or(|s| s == kind)
            && (separator.is_some() || (1..=3).contains(&group))
            && bytes
                .get(i + width..i + width + 3)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + width + 3).is_some_and(u8::is_ascii_digit);
        if !fits {
            break;
        }
        // A space before a group that a comma or point continues ("1 500,5") is not ours.
        if kind == 2
            && matches!(bytes.get(i + width + 3), Some(b',' | b'.'))
            && bytes.get(i + width + 4).is_some_and(u8::is_ascii_digit)
        {
            break;
        }
        separator = Some(kind);
        formatted = true;
        group = 0;
        i += width;
    }
    let mut value = int_part;
    if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        formatted = true;
        i += 1;
        // The decimals as a whole number over a power of ten: "2.33" is 233 / 100, the
        // nearest double to 2.33, where adding 0.3 and 0.03 is not.
        let (mut fraction, mut places) = (0.0_f64, 0_i32);
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            fraction = fraction * 10.0 + f64::from(bytes[i] - b'0');
            places += 1;
            i += 1;
        }
        value += fraction / 10f64.powi(places);
    }
    (i, value, formatted, digits)
}

/// Whether the word before `start` (past spaces and a full stop) is a month's name or its
/// abbreviation.
fn after_month_name(bytes: &[u8], start: usize) -> bool {
    let mut end = start;
    while end > 0 && matches!(bytes[end - 1], b' ' | b'.') {
        end -= 1;
    }
    let mut begin = end;
    while begin > 0 && bytes[begin - 1].is_ascii_alphabetic() {
        begin -= 1;
    }
    std::str::from_utf8(&bytes[begin..end])
        .ok()
        .is_some_and(|w| w.len() >= 3 && crate::date::month_from_name(w).is_some())
}

/// The byte width of a thousands separator at `i`: a comma, a space, a no-break space or a
/// thin or narrow no-break space; 0 for anything else.
fn thousands_separator(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..) {
        Some([b',' | b' ', ..]) => 1,
        Some([0xC2, 0xA0, ..]) => 2,
        Some([0xE2, 0x80, 0x89 | 0xAF, ..]) => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_thousands_and_leading_dot_decimals_are_one_number() {
        let values = |text: &str| -> Vec<f64> {
            tokenize(text, Span::new(0, text.len()))
                .into_iter()
                .filter(|t| t.kind == TokenKind::Number)
                .map(|t| t.value)
                .collect()
        };
        assert_eq!(values("40 000 people"), [40_000.0]);
        assert_eq!(values("1 234 567 votes"), [1_234_567.0]);
        assert_eq!(values("12\u{a0}500 and 7\u{202f}250"), [12_500.0, 7_250.0]);
        assert_eq!(values("a rate of .08 and (.5)"), [0.08, 0.5]);
        // Not thousands: a year before a count, two digits after the space, mixed marks,
        // a decimal comma after the group, the U.S. abbreviation.
        assert_eq!(values("in 2019 300 people"), [2019.0, 300.0]);
        assert_eq!(values("5 12 and 1,500 000"), [5.0, 12.0, 1500.0, 0.0]);
        assert_eq!(values("1 500,5"), [1.0, 500.0, 5.0]);
        assert_eq!(values("the U.S.08"), [8.0]);
        // Scraped text with a space after the thousands comma, but not after a date's day.
        assert_eq!(
            values("a population of 120, 000 and 1, 500, 000"),
            [120_000.0, 1_500_000.0]
        );
        assert_eq!(values("On March 8, 239 people"), [8.0, 239.0]);
        assert_eq!(
            values("Sept. 11, 2001 and rows 3, 4, 5"),
            [11.0, 2001.0, 3.0, 4.0, 5.0]
        );
    }

    fn kinds_and_texts(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.kind, t.span.text(text)))
            .collect()
    }

    #[test]
    fn numbers_keep_separators_and_decimals() {
        let text = "1,500,000 and 2.5, then 12,34 and Fidan’s 20bn.";
        let tokens = tokenize(text, Span::new(0, text.len()));
        assert_eq!(tokens[0].value, 1_500_000.0);
        assert!(tokens[0].formatted);
        assert_eq!(tokens[2].value, 2.5);
        let texts: Vec<_> = kinds_and_texts(text).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            vec![
                "1,500,000",
                "and",
                "2.5",
                ",",
                "then",
                "12",
                ",",
                "34",
                "and",
                "Fidan’s",
                "20",
                "bn",
                "."
            ]
        );
    }

    #[test]
    fn a_huge_digit_run_does_not_overflow() {
        let digits = "9".repeat(400);
        let tokens = tokenize(&digits, Span::new(0, digits.len()));
        assert_eq!(tokens.len(), 1);
        assert!(tokens[0].value.is_infinite() || tokens[0].value > 1e300);
    }
}
