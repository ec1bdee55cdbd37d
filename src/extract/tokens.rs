//! A single left-to-right pass that cuts a sentence into numbers, words and punctuation.
//! Tokens carry absolute byte spans; whether two tokens touch (no white space between) is
//! what tells "20bn" from "20 bn" and "13-month" from "13 - month".

use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokenKind {
    /// Digits with optional thousands separators and one decimal part; `value` is parsed.
    Number,
    Word,
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
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let (end, value, formatted, int_digits) = scan_number(bytes, i);
            tokens.push(Token {
                kind: TokenKind::Number,
                span: Span::new(base + i, base + end),
                value,
                formatted,
                int_digits,
            });
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
            });
            i = end;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        tokens.push(Token {
            kind: TokenKind::Punct,
            span: Span::new(base + i, base + i + c.len_utf8()),
            value: 0.0,
            formatted: false,
            int_digits: 0,
        });
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
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            int_part = int_part * 10.0 + f64::from(b - b'0');
            digits += 1;
            i += 1;
        } else if b == b','
            && i + 3 < bytes.len() + 1
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            formatted = true;
            i += 1;
        } else {
            break;
        }
    }
    let mut value = int_part;
    if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        formatted = true;
        i += 1;
        let mut scale = 0.1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            value += f64::from(bytes[i] - b'0') * scale;
            scale /= 10.0;
            i += 1;
        }
    }
    (i, value, formatted, digits)
}

#[cfg(test)]
mod tests {
    use super::*;

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
