//! Lists of cue phrases ("according to", "sources said") matched in one pass with
//! Aho-Corasick, ASCII case-insensitively, at word boundaries.

use crate::text::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

#[derive(Debug, Clone)]
pub struct CueSet {
    matcher: Option<AhoCorasick>,
    phrases: Vec<String>,
}

/// One cue found in a text: which phrase and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub phrase: usize,
    pub span: Span,
}

impl CueSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Result<CueSet, String> {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| p.as_ref().trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if phrases.is_empty() {
            return Ok(CueSet {
                matcher: None,
                phrases,
            });
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .map_err(|e| e.to_string())?;
        Ok(CueSet {
            matcher: Some(matcher),
            phrases,
        })
    }

    pub fn empty() -> CueSet {
        CueSet {
            matcher: None,
            phrases: Vec::new(),
        }
    }

    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every cue in `text[within]` that stands at word boundaries, spans absolute.
    pub fn find_in(&self, text: &str, within: Span) -> Vec<CueMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let hay = within.text(text);
        let bytes = hay.as_bytes();
        matcher
            .find_overlapping_iter(hay)
            .filter(|m| at_word_boundaries(bytes, m.start(), m.end()))
            .map(|m| CueMatch {
                phrase: m.pattern().as_usize(),
                span: Span::new(within.start + m.start(), within.start + m.end()),
            })
            .collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        !self.find_in(text, Span::new(0, text.len())).is_empty()
    }
}

fn at_word_boundaries(bytes: &[u8], start: usize, end: usize) -> bool {
    let inner_start = bytes.get(start).copied().unwrap_or(b' ');
    let inner_end = bytes.get(end.wrapping_sub(1)).copied().unwrap_or(b' ');
    let before_ok = start == 0 || !is_word_byte(bytes[start - 1]) || !is_word_byte(inner_start);
    let after_ok = end >= bytes.len() || !is_word_byte(bytes[end]) || !is_word_byte(inner_end);
    before_ok && after_ok
}

/// ASCII letters and digits, and every byte of a multi-byte character (letters in most
/// scripts), so that a cue never matches inside a longer word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_match_whole_words_in_any_case() {
        let cues = CueSet::new(&["AP", "according to", "sources"]).unwrap();
        let text = "According to the map, AP sources said; resources dwindled.";
        let found: Vec<_> = cues
            .find_in(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.text(text))
            .collect();
        assert_eq!(found, vec!["According to", "AP", "sources"]);
    }
}
