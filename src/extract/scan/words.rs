//! Figures that start with a word: a currency code, a month or weekday name, a relative
//! date ("yesterday"), a number in words, a vague plural ("dozens of"), "half" and an
//! ordinal word ("second").

use super::{Scanner, Step};
use crate::extract::figure::{FigureKind, Qualifier};
use crate::extract::numbers::{is_figure_word, may_be_figure_word, ordinal_word, vague_plural};
use crate::lower::Lower;

impl Scanner<'_> {
    /// A figure that starts with the word at `i`.
    pub(super) fn at_word(&self, i: usize) -> Step {
        let w = self.toks.word(i).unwrap_or("");
        // Most words are ordinary lower-case words: one look-up settles them. Month and
        // weekday names and currency codes are capitalised, so they pass this check.
        let figure_word = may_be_figure_word(w) && is_figure_word(&Lower::new(w));
        // "the month-long search": a unit word before "-long" is no figure word.
        if !figure_word && (self.toks.punct(i + 1, &['-']) || w.ends_with("-long")) {
            if let Some(step) = self.unit_word_duration(i) {
                return step;
            }
        }
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
        if let Some(step) = self.unit_word_duration(i) {
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
            if self.toks.word_is(i + 1, &["of"]) {
                let mut fig = self.toks.figure(i, i + 1, FigureKind::Count, Some(v));
                fig.in_words = true;
                fig.qualifier = Qualifier::AtLeast;
                fig.noun = self.noun_after(i + 2, false);
                return Step::Found(fig, i + 1);
            }
        }
        if lower == "half"
            && self.toks.word_is(
                i + 1,
                &["of", "the", "a", "an", "its", "their", "his", "her", "our"],
            )
        {
            let mut fig = self.toks.figure(i, i + 1, FigureKind::Number, Some(0.5));
            fig.unit = Some("fraction".into());
            fig.in_words = true;
            return Step::Found(fig, i + 1);
        }
        if let Some(v) = ordinal_word(&lower) {
            // "second" followed by a unit-less noun is an ordinal; "a second" alone is time.
            let mut fig = self.toks.figure(i, i + 1, FigureKind::Ordinal, Some(v));
            fig.in_words = true;
            return Step::Found(fig, i + 1);
        }
        Step::Nothing
    }
}
