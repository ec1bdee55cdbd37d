//! What follows a value: scale words ("1.9 million", "3 hundred and 21"), the second end
//! of a range ("127 to 132", "between 3 and 5"), a unit, and the noun the figure counts
//! ("40,000 Palestinian deaths").

use super::digits::is_year_value;
use super::lexicon::{is_plural_noun, is_stopword};
use super::{Scanner, Step};
use crate::date::month_from_name;
use crate::extract::figure::FigureKind;
use crate::extract::numbers::{is_ordinal_suffix, scale_word};
use crate::extract::units::currency_suffix;

impl Scanner<'_> {
    /// Builds the figure for a value that starts at token `start` and whose number ends
    /// before token `k`.
    pub(super) fn after_value(
        &self,
        start: usize,
        mut value: f64,
        mut k: usize,
        in_words: bool,
        money: Option<&'static str>,
    ) -> Step {
        let (scaled, next) = self.scales(value, k, money.is_some());
        let first_scaled = next > k;
        value = scaled;
        k = next;
        let mut low = None;
        let mut high = None;
        // Ranges: "127 to 132", "10-15", "8- to 16-meter", "between 3 and 5".
        let between = start > 0 && self.toks.word_is(start - 1, &["between"]);
        let from = start > 0 && self.toks.word_is(start - 1, &["from"]);
        let dash = self.toks.punct(k, &['-', '–', '—']);
        let mut second_at = None;
        if dash
            && self.toks.number(k + 1).is_some()
            && (self.toks.touch(k - 1) || self.toks.punct(k, &['–']))
        {
            second_at = Some(k + 1);
        } else if dash && self.toks.word_is(k + 1, &["to"]) && self.toks.number(k + 2).is_some() {
            second_at = Some(k + 2);
        } else if ((!from && self.toks.word_is(k, &["to"]))
            || (between && self.toks.word_is(k, &["and"])))
            && self.toks.number(k + 1).is_some()
        {
            second_at = Some(k + 1);
        }
        if let Some(j) = second_at {
            let second = self.toks[j];
            let second_is_date = self.toks.touch(j)
                && self
                    .toks
                    .word(j + 1)
                    .is_some_and(|w| is_ordinal_suffix(w) || month_from_name(w).is_some());
            let year_pair = is_year_value(&self.toks[start.min(j)]) && is_year_value(&second);
            if !self.is_excluded(j) && !second_is_date && !year_pair {
                let (v2, after) = self.scales(second.value, j + 1, money.is_some());
                // "1.9 to 2.3 million": a scale written once applies to both ends.
                let v1 = if !first_scaled && after > j + 1 && second.value > 0.0 {
                    value * (v2 / second.value)
                } else {
                    value
                };
                if v2 >= v1 {
                    low = Some(v1);
                    high = Some(v2);
                    value = (v1 + v2) / 2.0;
                    k = after;
                }
            }
        }
        let mut fig = self.toks.figure(start, k, FigureKind::Number, Some(value));
        fig.in_words = in_words;
        // "two-thirds", "½": a share, not a count.
        if value.fract() != 0.0 && value < 1.0 && money.is_none() {
            fig.unit = Some("fraction".into());
        }
        fig.low = low;
        fig.high = high;
        if let Some(code) = money {
            fig.kind = FigureKind::Money;
            fig.unit = Some(code.into());
            // "$5 million dollars" says the currency twice.
            if self.toks.word(k).and_then(currency_suffix).is_some() {
                k += 1;
            }
        } else if let Some((kind, unit, end)) = self.unit_at(k) {
            fig.kind = kind;
            fig.unit = Some(unit);
            k = end;
        } else if self.toks.punct(k, &['-']) && self.toks.touch(k - 1) && self.toks.touch(k) {
            // "a 10-point plan", "a 57-member body": the number counts the compound's noun.
            if let Some(noun) = self.toks.lower(k + 1).filter(|w| !is_stopword(w)) {
                fig.kind = FigureKind::Count;
                fig.noun = Some(noun.to_string());
                k += 2;
                fig.span = self.toks.span(start, k);
                return Step::Found(fig, k);
            }
        }
        // "44 mg to 50 mg", "between 3 km and 5 km": the unit written on both ends.
        if low.is_none() && fig.unit.is_some() && money.is_none() {
            let joins = (self.toks.word_is(k, &["to"]) && !from)
                || (between && self.toks.word_is(k, &["and", "to"]))
                || (self.toks.punct(k, &['-', '–']) && self.toks.number(k + 1).is_some());
            if joins {
                if let Some(second) = self.toks.number(k + 1) {
                    if let Some((_, unit2, end2)) = self.unit_at(k + 2) {
                        if Some(&unit2) == fig.unit.as_ref() && second.value >= value {
                            fig.low = Some(value);
                            fig.high = Some(second.value);
                            fig.value = Some((value + second.value) / 2.0);
                            k = end2;
                        }
                    }
                }
            }
        }
        // "two-year-long", "five-year-old".
        if fig.kind == FigureKind::Duration
            && self.toks.punct(k, &['-'])
            && self.toks.touch(k - 1)
            && self.toks.word_is(k + 1, &["long", "old"])
        {
            k += 2;
        }
        fig.span = self.toks.span(start, k);
        match fig.kind {
            FigureKind::Number | FigureKind::Money | FigureKind::Percent | FigureKind::Duration => {
                let skip_of = fig.kind != FigureKind::Number;
                if let Some(noun) = self.noun_after(k, skip_of) {
                    if fig.kind == FigureKind::Number && fig.unit.is_none() {
                        fig.kind = FigureKind::Count;
                    }
                    fig.noun = Some(noun);
                }
            }
            _ => {}
        }
        // "one" alone is a pronoun more often than a figure.
        if in_words && value == 1.0 && fig.unit.is_none() && fig.kind != FigureKind::Money {
            return Step::Nothing;
        }
        Step::Found(fig, k)
    }

    /// Applies scale words and glued scale suffixes from `k`.
    fn scales(&self, mut value: f64, mut k: usize, money: bool) -> (f64, usize) {
        // "$143-billion" as scraped copy spaces it: "$143 - billion".
        if self.toks.punct(k, &['-', '–'])
            && self
                .toks
                .word(k + 1)
                .is_some_and(|w| w.len() > 3 && scale_word(w, false).is_some())
        {
            k += 1;
        }
        while let Some(w) = self.toks.word(k) {
            let glued = self.toks.touch(k - 1);
            let single = w.chars().count() == 1;
            // A letter apart from the number is a scale only as "2.33 k views": a k before a
            // plural count noun.
            let spaced_thousands = matches!(w, "k" | "K")
                && self.toks.lower(k + 1).is_some_and(|n| is_plural_noun(&n));
            if single && !glued && !spaced_thousands {
                break;
            }
            match scale_word(w, money && glued) {
                Some(s) => {
                    value *= s;
                    k += 1;
                    // "3 hundred and 21", "4 thousand 3 hundred": a smaller part after an
                    // "and", or one with its own smaller scale.
                    if s >= 100.0 && value.fract() == 0.0 {
                        let at = if self.toks.word_is(k, &["and"]) {
                            k + 1
                        } else {
                            k
                        };
                        if let Some(part) =
                            self.toks.number(at).filter(|p| !p.formatted && p.value < s)
                        {
                            let scaled = self
                                .toks
                                .word(at + 1)
                                .and_then(|w| scale_word(w, false))
                                .filter(|&s2| s2 < s && s2 >= 100.0);
                            if let Some(s2) = scaled {
                                value += part.value * s2;
                                k = at + 2;
                            } else if at > k {
                                value += part.value;
                                k = at + 1;
                            }
                        }
                    }
                }
                None => break,
            }
        }
        (value, k)
    }

    /// The noun a figure counts: the last word of the noun phrase after it, skipping
    /// adjectives ("40,000 Palestinian deaths" → "deaths"). With `skip_of`, a leading
    /// "of" is passed over ("30% of global oil" → "oil").
    pub(super) fn noun_after(&self, mut k: usize, skip_of: bool) -> Option<String> {
        if skip_of && self.toks.word_is(k, &["of"]) {
            k += 1;
        }
        let mut head: Option<String> = None;
        let mut taken = 0;
        let mut previous_capital = false;
        while taken < 4 {
            let Some(w) = self.toks.word(k) else {
                // "Muslim-majority countries": a hyphen joins the words of one phrase.
                if head.is_some()
                    && self.toks.punct(k, &['-'])
                    && self.toks.touch(k - 1)
                    && self.toks.touch(k)
                {
                    k += 1;
                    continue;
                }
                break;
            };
            let lower = w.to_lowercase();
            if is_stopword(&lower) || month_from_name(w).is_some() && w.len() > 2 && taken > 0 {
                break;
            }
            if taken > 0
                && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly"))
            {
                break;
            }
            if taken == 0 && lower.ends_with("ly") {
                break;
            }
            // A capitalised word after lower-case ones starts a new phrase (a name).
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if taken > 0 && capital && !previous_capital {
                break;
            }
            previous_capital = capital;
            head = Some(
                lower
                    .trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_string(),
            );
            taken += 1;
            k += 1;
            // A plural noun ends the phrase: "250 volunteers came", "57 member states".
            if is_plural_noun(&lower) {
                break;
            }
            if self
                .toks
                .punct(k, &[',', ';', ':', '.', '(', ')', '"', '”', '“'])
            {
                break;
            }
        }
        head
    }
}
