//! A sentence's tokens read with the text they were cut from: what kind each token is, a
//! word as written, whether two tokens touch, and the span a run of tokens covers. The
//! English scanner and the grammar of the other languages read their tokens through it.

use super::RawFigure;
use crate::extract::figure::FigureKind;
use crate::extract::tokens::{Token, TokenKind};
use crate::lower::Lower;
use crate::text::Span;
use std::ops::Index;

/// The tokens of one sentence and the text their spans point into.
pub(crate) struct Cursor<'t> {
    text: &'t str,
    toks: Vec<Token>,
}

impl<'t> Cursor<'t> {
    pub(crate) fn new(text: &'t str, toks: Vec<Token>) -> Cursor<'t> {
        Cursor { text, toks }
    }

    /// The tokens back, so that their buffer serves the next sentence.
    pub(crate) fn into_tokens(self) -> Vec<Token> {
        self.toks
    }

    /// The whole text the tokens' spans point into.
    #[inline]
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    pub(crate) fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    /// The word at `i` as written.
    #[inline]
    pub(crate) fn word(&self, i: usize) -> Option<&'t str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.span.text(self.text))
    }

    /// The word at `i` folded to lower case, when it is short and ASCII (empty otherwise).
    #[inline]
    pub(crate) fn lower(&self, i: usize) -> Option<Lower> {
        self.word(i).map(Lower::new)
    }

    /// Whether the word at `i` is one of `options`, ignoring ASCII case.
    #[inline]
    pub(crate) fn word_is(&self, i: usize, options: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| options.iter().any(|o| w.eq_ignore_ascii_case(o)))
    }

    /// Whether the word at `i` is written with a capital first letter.
    #[inline]
    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    #[inline]
    pub(crate) fn number(&self, i: usize) -> Option<&Token> {
        self.toks.get(i).filter(|t| t.kind == TokenKind::Number)
    }

    /// Whether the token at `i` is one of the marks `chars`.
    #[inline]
    pub(crate) fn punct(&self, i: usize, chars: &[char]) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        t.kind == TokenKind::Punct
            && t.span
                .text(self.text)
                .chars()
                .next()
                .is_some_and(|c| chars.contains(&c))
    }

    /// Whether the token at `i` is written against the token before it.
    #[inline]
    pub(crate) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    /// Whether token `i` and token `i + 1` touch, with no white space between.
    #[inline]
    pub(crate) fn touch(&self, i: usize) -> bool {
        self.glued(i + 1)
    }

    /// The text from token `from` to the end of the token before `to_exclusive` (at least
    /// token `from` itself).
    #[inline]
    pub(crate) fn span(&self, from: usize, to_exclusive: usize) -> Span {
        let last = to_exclusive.saturating_sub(1).max(from);
        Span::new(self.toks[from].span.start, self.toks[last].span.end)
    }

    /// The end of a run of touching tokens starting at `i` ("MH370", "COVID-19", "A320neo").
    pub(crate) fn chunk_end(&self, i: usize) -> usize {
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

    /// A figure of `kind` and `value` written from token `from` to before `to`.
    #[inline]
    pub(crate) fn figure(
        &self,
        from: usize,
        to: usize,
        kind: FigureKind,
        value: Option<f64>,
    ) -> RawFigure {
        RawFigure::new(self.span(from, to), kind, value)
    }
}

impl Index<usize> for Cursor<'_> {
    type Output = Token;

    #[inline]
    fn index(&self, i: usize) -> &Token {
        &self.toks[i]
    }
}
