//! Windows of text around a span: the bounded part of a sentence a per-figure check reads,
//! the clause a figure stands in, the few words either side of it.

use super::Span;

/// How much of a sentence, either side of a figure, per-figure checks read.
pub const CONTEXT_BYTES: usize = 400;

/// `sentence` cut to `CONTEXT_BYTES` either side of `inner`, on character boundaries.
pub fn context_window(text: &str, sentence: Span, inner: Span) -> Span {
    let mut start = sentence
        .start
        .max(inner.start.saturating_sub(CONTEXT_BYTES));
    while start > sentence.start && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = sentence.end.min(inner.end.saturating_add(CONTEXT_BYTES));
    while end < sentence.end && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end.max(inner.end.min(sentence.end)))
}

/// The clause of a sentence around `inner`: from the last clause break before it to the
/// next one after it (commas, semicolons, colons, dashes, parentheses).
pub fn clause_around(text: &str, sentence: Span, inner: Span) -> Span {
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–');
    let before = text.get(sentence.start..inner.start).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(sentence.start, |(i, c)| sentence.start + i + c.len_utf8());
    let after = text.get(inner.end..sentence.end).unwrap_or("");
    let end = after
        .char_indices()
        .find(|&(_, c)| is_break(c))
        .map_or(sentence.end, |(i, _)| inner.end + i);
    Span::new(start, end.max(inner.end))
}

/// Whether `hay` (lower-case) contains `needle` (lower-case) as a whole word or phrase.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let bytes = hay.as_bytes();
    hay.match_indices(needle).any(|(i, m)| {
        let before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let end = i + m.len();
        let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        before && after
    })
}

/// `inner` widened by up to `words` words on each side, within the sentence.
pub fn near(text: &str, sentence: Span, inner: Span, words: usize) -> Span {
    Span::new(
        words_before(text, sentence, inner.start, words),
        words_after(text, sentence, inner.end, words),
    )
}

/// Where the `words` words before `at` start, within the sentence.
pub fn words_before(text: &str, sentence: Span, at: usize, words: usize) -> usize {
    let before = text.get(sentence.start..at).unwrap_or("");
    let mut start = at;
    let mut seen = 0;
    for (i, c) in before.char_indices().rev() {
        if c.is_whitespace() && !before[i + c.len_utf8()..].starts_with(char::is_whitespace) {
            seen += 1;
            if seen > words {
                break;
            }
        }
        start = sentence.start + i;
    }
    start
}

/// Where the `words` words after `at` end, within the sentence.
fn words_after(text: &str, sentence: Span, at: usize, words: usize) -> usize {
    let after = text.get(at..sentence.end).unwrap_or("");
    let mut end = at;
    let mut seen = 0;
    let mut in_space = false;
    for (i, c) in after.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                seen += 1;
                if seen > words {
                    break;
                }
            }
            in_space = true;
        } else {
            in_space = false;
        }
        end = at + i + c.len_utf8();
    }
    end
}

/// The text from `at` to at most `CONTEXT_BYTES` on, ending on a character boundary: what a
/// rule reads after a figure, so that a long text stays linear however many figures it has.
pub fn text_after(text: &str, at: usize) -> &str {
    let end = context_window(text, Span::new(at, text.len()), Span::new(at, at)).end;
    text.get(at..end).unwrap_or("")
}
