//! A quick look at a sentence's bytes that decides whether the scanner could find any figure
//! in it, so that most sentences of prose are never tokenized.

use crate::date::{month_from_name, weekday_from_name};
use crate::extract::numbers::is_trigger_word;

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
        for w in crate::extract::numbers::trigger_words() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::extract::scan::Scanner;
    use crate::text::Span;
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
}
