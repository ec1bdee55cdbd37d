//! Number words ("thirteen", "twenty-one", "a dozen", "one hundred and two") and scale
//! words ("million", "bn"). The word tables are hashed once, so that a look-up costs one
//! hash whatever the table's length.

use crate::lower::{FnvBuild, Lower, Shapes};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

type FastMap<V> = HashMap<&'static str, V, FnvBuild>;
type FastSet = HashSet<&'static str, FnvBuild>;

pub(super) const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

pub(super) const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("hundredth", 100.0),
];

pub(super) const VAGUE: &[(&str, f64)] = &[
    ("dozens", 24.0),
    ("scores", 40.0),
    ("hundreds", 200.0),
    ("thousands", 2_000.0),
    ("millions", 2e6),
    ("billions", 2e9),
];

pub(super) const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("million", 1e6),
    ("millions", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("crore", 1e7),
    ("crores", 1e7),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
    ("tn", 1e12),
];

/// Other words that can start a figure: "a dozen", "half", relative dates.
pub(super) const OTHER_STARTS: &[&str] = &[
    "a",
    "an",
    "half",
    "dozen",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "last",
    "next",
    "this",
    "past",
];

/// Words that start a figure only when a figure word follows ("a dozen", "last week").
const LEADS_ONLY: &[&str] = &["a", "an", "last", "next", "this", "past"];

/// The words that complete a lead of [`LEADS_ONLY`] without being figure words themselves.
pub(super) const AFTER_LEADS: &[&str] =
    &["week", "month", "year", "decade", "century", "fortnight"];

struct Tables {
    small: FastMap<f64>,
    ordinals: FastMap<f64>,
    vague: FastMap<f64>,
    scales: FastMap<f64>,
    starts: FastSet,
    /// The shapes of the figure words: most words are ruled out by their first letter,
    /// length and last letter before any hashing.
    shapes: Shapes,
    /// The words that make a sentence worth scanning: every figure word but the leads, and
    /// the words that complete a lead; with their own shapes.
    triggers: FastSet,
    trigger_shapes: Shapes,
}

fn shapes_of<'a>(words: impl Iterator<Item = &'a &'static str>) -> Shapes {
    let mut shapes = Shapes::EMPTY;
    for w in words {
        shapes.add(w.as_bytes());
    }
    shapes
}

#[inline]
fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let map = |list: &[(&'static str, f64)]| list.iter().copied().collect::<FastMap<f64>>();
        let mut starts: FastSet = OTHER_STARTS.iter().copied().collect();
        for list in [SMALL, ORDINALS, VAGUE, SCALES] {
            starts.extend(list.iter().map(|(w, _)| *w));
        }
        let triggers: FastSet = starts
            .iter()
            .copied()
            .filter(|w| !LEADS_ONLY.contains(w))
            .chain(AFTER_LEADS.iter().copied())
            .collect();
        Tables {
            shapes: shapes_of(starts.iter()),
            trigger_shapes: shapes_of(triggers.iter()),
            triggers,
            small: map(SMALL),
            ordinals: map(ORDINALS),
            vague: map(VAGUE),
            scales: map(SCALES),
            starts,
        }
    })
}

/// Whether a lower-case word can start or be a figure: a number word, a scale, "a" or
/// "an" (for "a dozen"), an ordinal, a vague plural, a fraction, or a relative date.
pub fn is_figure_word(lower: &str) -> bool {
    may_be_figure_word(lower) && tables().starts.contains(lower)
}

/// A cheap first test for [`is_figure_word`], on a word in any case: false when no figure
/// word has the word's shape (first letter, length, last letter).
pub fn may_be_figure_word(word: &str) -> bool {
    tables().shapes.may_hold(word.as_bytes())
}

/// Whether a word (any case) makes its sentence worth scanning for figures: a figure word
/// that is a figure on its own or with what follows ("thirteen", "million", "yesterday",
/// "first", "dozens"), or a word that completes a lead ("last week"). The leads themselves
/// ("a", "this", "last") are left out: they start a figure only before one of these.
#[inline]
pub fn is_trigger_word(word: &str) -> bool {
    let t = tables();
    t.trigger_shapes.may_hold(word.as_bytes()) && t.triggers.contains(&*Lower::new(word))
}

/// Every trigger word ([`is_trigger_word`]), lower case.
pub fn trigger_words() -> impl Iterator<Item = &'static str> {
    tables().triggers.iter().copied()
}

/// The value of a word for 0–19 or a multiple of ten up to ninety.
pub fn small_number(word: &str) -> Option<f64> {
    tables().small.get(&*Lower::new(word)).copied()
}

pub fn is_tens(value: f64) -> bool {
    (20.0..100.0).contains(&value) && value % 10.0 == 0.0
}

/// Multipliers written as words or as suffixes of digits ("20bn", "€10M").
/// `money` allows the one-letter forms that are only scales after a currency.
pub fn scale_word(word: &str, money: bool) -> Option<f64> {
    match tables().scales.get(&*Lower::new(word)) {
        Some(v) => Some(*v),
        None => one_letter_scale(word, money),
    }
}

fn one_letter_scale(word: &str, money: bool) -> Option<f64> {
    match word {
        "k" | "K" => Some(1e3),
        "m" | "M" if money => Some(1e6),
        "b" | "B" if money => Some(1e9),
        // "US$ 1MM": money's thousand thousands.
        "MM" | "mm" if money => Some(1e6),
        "T" if money => Some(1e12),
        _ => None,
    }
}

/// Word ordinals up to the twentieth, plus the round tens.
pub fn ordinal_word(word: &str) -> Option<f64> {
    tables().ordinals.get(&*Lower::new(word)).copied()
}

/// Vague plural quantities: a lower bound for "dozens", "hundreds" and so on.
pub fn vague_plural(word: &str) -> Option<f64> {
    tables().vague.get(&*Lower::new(word)).copied()
}

pub fn is_ordinal_suffix(suffix: &str) -> bool {
    matches!(&*Lower::new(suffix), "st" | "nd" | "rd" | "th")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_answer_in_any_case() {
        assert_eq!(small_number("Thirteen"), Some(13.0));
        assert_eq!(scale_word("BN", false), Some(1e9));
        assert_eq!(scale_word("M", false), None);
        assert_eq!(scale_word("M", true), Some(1e6));
        assert_eq!(ordinal_word("second"), Some(2.0));
        assert!(is_figure_word("dozen") && is_figure_word("tonight") && !is_figure_word("house"));
        // The shape test never rules out a figure word, in any case.
        for w in &tables().starts {
            let capitalised = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
            assert!(
                may_be_figure_word(w) && may_be_figure_word(&capitalised),
                "{w}"
            );
            assert!(may_be_figure_word(&w.to_ascii_uppercase()), "{w}");
        }
        assert!(
            !may_be_figure_word("house")
                && !may_be_figure_word("")
                && !may_be_figure_word("Éclair")
        );
    }
}
