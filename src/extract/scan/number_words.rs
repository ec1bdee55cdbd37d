//! Numbers written in English words: "thirteen", "twenty-one", "one hundred and two", "a
//! dozen", "two hundred point zero three", "two thirds", "two and a half".

use super::Scanner;
use crate::extract::numbers::{is_tens, scale_word, small_number};

impl Scanner<'_> {
    /// Number words from `i`: "thirteen", "twenty-one", "one hundred and two",
    /// "a dozen", "two dozen", "a hundred". Returns the value and the index after.
    pub(super) fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let mut k = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        // "half a dozen".
        if self.toks.word_is(k, &["half"])
            && self.toks.word_is(k + 1, &["a"])
            && self.toks.word_is(k + 2, &["dozen"])
        {
            return Some((6.0, k + 3));
        }
        // "half a million", "half a billion".
        if self.toks.word_is(k, &["half"]) && self.toks.word_is(k + 1, &["a"]) {
            let scale = self.toks.lower(k + 2).and_then(|w| match w.as_str() {
                "hundred" => Some(100.0),
                "thousand" => Some(1_000.0),
                "million" => Some(1_000_000.0),
                "billion" => Some(1_000_000_000.0),
                _ => None,
            });
            if let Some(scale) = scale {
                return Some((scale / 2.0, k + 3));
            }
        }
        if self.toks.word_is(k, &["a", "an"]) {
            let next = self.toks.lower(k + 1)?;
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
        while let Some(w) = self.toks.lower(k) {
            if let Some(v) = small_number(&w) {
                if any && current % 100.0 != 0.0 && !(is_tens(current % 100.0) && v < 10.0) {
                    break;
                }
                current += v;
                any = true;
                k += 1;
                // "twenty-one", and "fifty - two" with the hyphen spaced.
                let hyphen =
                    self.toks.punct(k, &['-']) && (self.toks.touch(k - 1) == self.toks.touch(k));
                if is_tens(v) && hyphen {
                    if let Some(unit) = self.toks.lower(k + 1).and_then(|u| small_number(&u)) {
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
                        .toks
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
        if self.toks.word_is(k, &["point"]) {
            let mut scale = 0.1;
            let mut at = k + 1;
            while let Some(d) = self
                .toks
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
        if self.toks.punct(at, &['-']) && self.toks.touch(at - 1) && self.toks.touch(at) {
            at += 1;
        }
        if let Some(den) = self.toks.lower(at).and_then(|w| fraction_word(&w)) {
            if value < 100.0 {
                return Some((value / den, at + 1));
            }
        }
        // "two and a half".
        if self.toks.word_is(k, &["and"])
            && self.toks.word_is(k + 1, &["a"])
            && self.toks.word_is(k + 2, &["half", "quarter"])
        {
            let add = if self.toks.word_is(k + 2, &["half"]) {
                0.5
            } else {
                0.25
            };
            value += add;
            k += 3;
        }
        Some((value, k))
    }
}

/// The denominator a fraction word names: "half" 2, "thirds" 3, "quarter" 4.
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
