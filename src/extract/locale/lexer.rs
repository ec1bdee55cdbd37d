//! Tokens of a sentence in a language with a decimal comma: numbers read with the
//! language's decimal and thousands marks ("1.500" is 1500, "12,5" is 12.5, "1 500" is
//! 1500), lower-cased words (hyphenated compounds kept whole: "vingt-trois"), and single
//! symbols. Apostrophes split words ("d'euros" is "d" and "euros") and are dropped.

use crate::extract::tokens::{Token, TokenKind};
use crate::text::Span;

/// A sentence's tokens, and what each is matched by in the language's tables.
pub(super) struct Lexed {
    pub tokens: Vec<Token>,
    /// A word lower-cased, a symbol as written; empty for a number. One for each token.
    pub lower: Vec<String>,
}

/// The marks that read as a space in a number: a no-break space and a narrow no-break space
/// are what careful French typesetting puts in "1 500".
const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokens of `text[span]`, spans absolute.
pub(super) fn lex(text: &str, span: Span, decimal: char, groups: &[char]) -> Lexed {
    let piece = span.text(text);
    let mut out = Lexed {
        tokens: Vec::new(),
        lower: Vec::new(),
    };
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < piece.len() {
        let Some(c) = piece[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            i += c.len_utf8();
            prev_end = Some(i);
            continue;
        }
        let glued = prev_end == Some(i);
        let (end, kind, lower, value, int_digits, formatted) = if c.is_ascii_digit() {
            let n = number(piece, i, decimal, groups);
            (
                n.end,
                TokenKind::Number,
                String::new(),
                n.value,
                n.int_digits,
                n.formatted,
            )
        } else if c.is_alphabetic() {
            let end = word_end(piece, i);
            (
                end,
                TokenKind::Word,
                piece[i..end].to_lowercase(),
                0.0,
                0,
                false,
            )
        } else {
            let end = i + c.len_utf8();
            (end, TokenKind::Punct, c.to_string(), 0.0, 0, false)
        };
        out.tokens.push(Token {
            kind,
            span: Span::new(span.start + i, span.start + end),
            value,
            formatted,
            int_digits,
            glued,
        });
        out.lower.push(lower);
        prev_end = Some(end);
        i = end;
    }
    out
}

/// A phrase from the rules ("au moins", "jusqu'à", "ca.") as the words and symbols the lexer
/// makes of it, so that phrases and text are cut the same way.
pub(super) fn lex_phrase(phrase: &str) -> Vec<String> {
    lex(phrase, Span::new(0, phrase.len()), ',', &[]).lower
}

/// The end of a word: letters, and hyphens between letters ("quatre-vingt-dix").
fn word_end(piece: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = piece[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + off + c.len_utf8();
        } else if c == '-' && chars.peek().is_some_and(|(_, n)| n.is_alphabetic()) {
            continue;
        } else {
            break;
        }
    }
    end
}

struct Number {
    end: usize,
    value: f64,
    int_digits: usize,
    formatted: bool,
}

fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// A number at `start`: digits, groups of three after a thousands mark, and a decimal part
/// after the decimal mark.
fn number(piece: &str, start: usize, decimal: char, groups: &[char]) -> Number {
    let bytes = piece.as_bytes();
    let first = digits_at(bytes, start);
    let mut digits = String::from(&piece[start..start + first]);
    let mut i = start + first;
    let mut grouped = false;
    let spaced = groups.contains(&' ');
    while let Some(c) = piece[i..].chars().next() {
        let is_mark = groups.contains(&c) || (spaced && SPACES.contains(&c));
        // A thousands mark stands between groups of three digits, after a first group of
        // at most three ("1.500", "40 000"; not "2015 300").
        if !is_mark || (!grouped && first > 3) {
            break;
        }
        let j = i + c.len_utf8();
        if digits_at(bytes, j) != 3 {
            break;
        }
        digits.push_str(&piece[j..j + 3]);
        i = j + 3;
        grouped = true;
    }
    let int_digits = digits.len();
    let mut formatted = grouped;
    if piece[i..].starts_with(decimal) {
        let j = i + decimal.len_utf8();
        let frac = digits_at(bytes, j);
        if frac > 0 {
            digits.push('.');
            digits.push_str(&piece[j..j + frac]);
            i = j + frac;
            formatted = true;
        }
    }
    Number {
        end: i,
        value: digits.parse().unwrap_or(f64::NAN),
        int_digits,
        formatted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, decimal: char, groups: &[char]) -> Vec<f64> {
        lex(text, Span::new(0, text.len()), decimal, groups)
            .tokens
            .into_iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.value)
            .collect()
    }

    #[test]
    fn numbers_follow_the_languages_marks() {
        let g = ['.', ' ', '\''];
        assert_eq!(values("1.500 Menschen", ',', &g), vec![1500.0]);
        assert_eq!(values("12,5 %", ',', &g), vec![12.5]);
        assert_eq!(values("1 500 morts", ',', &g), vec![1500.0]);
        assert_eq!(values("1\u{202f}500 morts", ',', &g), vec![1500.0]);
        assert_eq!(values("1\u{a0}234\u{a0}567", ',', &g), vec![1_234_567.0]);
        assert_eq!(values("1'500", ',', &g), vec![1500.0]);
        assert_eq!(values("2.345.678,25", ',', &g), vec![2_345_678.25]);
        // A year then a count: no group across them.
        assert_eq!(values("2015 300", ',', &g), vec![2015.0, 300.0]);
        // "3.11" is no group of three: two numbers.
        assert_eq!(values("3.11", ',', &g), vec![3.0, 11.0]);
    }

    #[test]
    fn words_keep_hyphens_and_lose_apostrophes() {
        let lexed = lex("vingt-trois millions d'euros", Span::new(0, 28), ',', &[]);
        let words: Vec<&str> = lexed.lower.iter().map(String::as_str).collect();
        assert_eq!(words, vec!["vingt-trois", "millions", "d", "euros"]);
        assert_eq!(lex_phrase("jusqu'à"), vec!["jusqu", "à"]);
        assert_eq!(lex_phrase("ca."), vec!["ca", "."]);
    }
}
