//! Numbers written in digits, and what the digits around them make of them: an id ("MH370",
//! "flight 447", "Boeing 777"), a footnote, a fraction ("1/40", "2 1/2"), a negative, a
//! glued suffix ("3rd", "1990s", "20bn", "4K"), a year ("in 2019", "2013-14", "mid-2025"),
//! or a currency symbol after the amount ("15€").

use super::dates::year_figure;
use super::lexicon::{COUNT_NOUNS, ID_NOUNS, YEAR_LEADS, is_plural_noun};
use super::{Scanner, Step};
use crate::date::{Date, month_from_name, weekday_from_name};
use crate::extract::figure::{DatePrecision, DateValue, FigureKind};
use crate::extract::numbers::{is_ordinal_suffix, scale_word};
use crate::extract::tokens::{Token, TokenKind};
use crate::extract::units::{currency_prefix, measurement_unit};

impl Scanner<'_> {
    /// A figure that starts with the digits at `i`, or the stretch they name rather than
    /// count ("MH370", "[3]", "COVID-19").
    pub(super) fn at_number(&self, i: usize) -> Step {
        let t = self.toks[i];
        // Letters glued before the digits make an id: "MH370", "S5", "A320".
        if i > 0 && self.toks.touch(i - 1) && self.toks.word(i - 1).is_some() {
            return Step::Skip(self.toks.chunk_end(i));
        }
        if i > 0 && self.toks.touch(i - 1) && self.toks.punct(i - 1, &['#', '@', '/', '_']) {
            return Step::Skip(self.toks.chunk_end(i));
        }
        // Footnote markers: "[3]".
        if i > 0
            && self.toks.punct(i - 1, &['['])
            && self.toks.touch(i - 1)
            && self.toks.punct(i + 1, &[']'])
            && self.toks.touch(i)
        {
            return Step::Skip(i + 2);
        }
        // "pre-1967", "mid-2025" are years; "COVID-19", "F-16" are names.
        if i >= 2
            && self.toks.punct(i - 1, &['-'])
            && self.toks.touch(i - 2)
            && self.toks.touch(i - 1)
        {
            if let Some(lead) = self.toks.lower(i - 2) {
                if ["pre", "post", "mid", "early", "late"].contains(&lead.as_str())
                    && is_year_value(&t)
                {
                    let mut fig = year_figure(self.toks.span(i - 2, i + 1), t.value as i32);
                    fig.span = self.toks.span(i - 2, i + 1);
                    return Step::Found(fig, i + 1);
                }
                return Step::Skip(self.toks.chunk_end(i));
            }
        }
        if let Some(step) = self.time_of_day(i) {
            return step;
        }
        if let Some(step) = self.iso_date(i) {
            return step;
        }
        // Slashes: "03/11/2025" has no safe day/month order; "1/40" is a fraction.
        if self.toks.punct(i + 1, &['/']) && self.toks.touch(i) && self.toks.touch(i + 1) {
            if let Some(denominator) = self.toks.number(i + 2) {
                if self.toks.punct(i + 3, &['/']) && self.toks.touch(i + 2) {
                    return Step::Skip(self.toks.chunk_end(i));
                }
                if denominator.value == 0.0 || !self.number_ends_at(i + 3) {
                    return Step::Skip(self.toks.chunk_end(i));
                }
                return self.after_value(i, t.value / denominator.value, i + 3, false, None);
            }
        }
        // A mixed number: "2 1/2".
        if let (Some(whole), Some(num), Some(den)) =
            (Some(t), self.toks.number(i + 1), self.toks.number(i + 3))
        {
            if !self.toks.touch(i)
                && self.toks.punct(i + 2, &['/'])
                && self.toks.touch(i + 1)
                && self.toks.touch(i + 2)
                && den.value != 0.0
                && num.value < den.value
            {
                let value = whole.value + num.value / den.value;
                return self.after_value(i, value, i + 4, false, None);
            }
        }
        // Letters glued after the digits.
        if self.toks.touch(i) {
            if let Some(suffix) = self.toks.word(i + 1) {
                return self.number_with_suffix(i, suffix);
            }
            if self.toks.punct(i + 1, &['\'', '’'])
                && self.toks.touch(i + 1)
                && self.toks.word_is(i + 2, &["s"])
                && is_year_value(&t)
            {
                return Step::Found(year_figure(self.toks.span(i, i + 3), t.value as i32), i + 3);
            }
        }
        // "3 November 2025", "10 October".
        if t.int_digits <= 2 && !t.formatted && (1.0..=31.0).contains(&t.value) {
            if let Some(step) = self.day_month(i, i, i + 1) {
                return step;
            }
        }
        if self.is_name_number(i) {
            return Step::Skip(self.toks.chunk_end(i));
        }
        if is_year_value(&t) && self.is_year_context(i) {
            // "2013-14": a fiscal or season year.
            if self.toks.punct(i + 1, &['-', '–', '/'])
                && self.toks.touch(i)
                && self.toks.touch(i + 1)
                && self.toks.number(i + 2).is_some_and(|n| n.int_digits == 2)
            {
                let mut fig = year_figure(self.toks.span(i, i + 3), t.value as i32);
                fig.span = self.toks.span(i, i + 3);
                return Step::Found(fig, i + 3);
            }
            return Step::Found(year_figure(self.toks.span(i, i + 1), t.value as i32), i + 1);
        }
        // "15€", "20 $": a currency symbol after the amount.
        if let Some(code) = self
            .toks
            .tok(i + 1)
            .filter(|n| n.kind == TokenKind::Punct)
            .and_then(|n| currency_prefix(n.span.text(self.toks.text())))
        {
            let value = if self.is_negative(i) {
                -t.value
            } else {
                t.value
            };
            let start = if self.is_negative(i) { i - 1 } else { i };
            if let Step::Found(mut fig, end) =
                self.after_value(start, value, i + 1, false, Some(code))
            {
                fig.span = self.toks.span(start, i + 2);
                return Step::Found(fig, end.max(i + 2));
            }
        }
        if self.is_negative(i) {
            return self.after_value(i - 1, -t.value, i + 1, false, None);
        }
        // Scientific notation is left to specialists: "4e14", "2.48×10−5".
        if self.toks.touch(i) && self.toks.punct(i + 1, &['×', '^']) {
            return Step::Skip(self.toks.chunk_end(i));
        }
        self.after_value(i, t.value, i + 1, false, None)
    }

    /// A number that is part of a name: after a capitalised word inside a sentence ("Flight
    /// 370", "Boeing 777", "Article 5", "Windows 8"), plain digits with nothing after them
    /// that would make them a quantity. Title-case headings are left alone by the caller's
    /// heading check, since every word there is capitalised.
    fn is_name_number(&self, i: usize) -> bool {
        let t = self.toks[i];
        if i < 1 || t.formatted {
            return false;
        }
        // "flight 447", "route 66", "page 3": nouns that number things rather than count them.
        if self
            .toks
            .lower(i - 1)
            .is_some_and(|w| ID_NOUNS.contains(&w.as_str()))
            && self
                .toks
                .word(i + 1)
                .is_none_or(|w| scale_word(w, false).is_none())
        {
            return true;
        }
        if i < 2 || self.heading {
            return false;
        }
        // "Boeing (BA.N) 777": look past a parenthesis to the name.
        let mut p = i - 1;
        if self.toks.punct(p, &[')']) {
            while p > 0 && !self.toks.punct(p, &['(']) {
                p -= 1;
            }
            if p == 0 {
                return false;
            }
            p -= 1;
        }
        let Some(prev) = self.toks.word(p) else {
            return false;
        };
        let capital = prev.chars().next().is_some_and(char::is_uppercase);
        let possessive = prev.ends_with("'s")
            || prev.ends_with("’s")
            || prev.ends_with('s') && prev.chars().all(char::is_uppercase);
        if !capital
            || possessive
            || month_from_name(prev).is_some()
            || weekday_from_name(prev).is_some()
            || matches!(
                prev,
                "About"
                    | "Around"
                    | "Some"
                    | "Nearly"
                    | "Almost"
                    | "Over"
                    | "Under"
                    | "Just"
                    | "Only"
                    | "All"
                    | "The"
                    | "Those"
                    | "These"
                    | "Of"
                    | "In"
                    | "At"
                    | "On"
                    | "By"
            )
        {
            return false;
        }
        // A scale, unit or percent after it makes a quantity after all.
        if self
            .toks
            .word(i + 1)
            .is_some_and(|w| scale_word(w, false).is_some())
            || self.unit_at(i + 1).is_some()
        {
            return false;
        }
        true
    }

    /// A minus sign glued before the digits and standing apart from what precedes it
    /// ("-18 °C", "($-99.99)"), not a hyphen in "2013-14" or "COVID-19".
    fn is_negative(&self, i: usize) -> bool {
        i > 0
            && ((self.toks.punct(i - 1, &['-', '−'])
                && self.toks.touch(i - 1)
                && (i == 1
                    || !self.toks.touch(i - 2)
                    || self.toks.punct(i - 2, &['(', '$', '€', '£'])))
                || self.is_sign_word(i - 1))
    }

    /// "minus" or "negative" standing before a number ("minus 5", "negative one"), but not
    /// the "minus" of a margin ("plus or minus 3 points").
    pub(super) fn is_sign_word(&self, k: usize) -> bool {
        let margin =
            k >= 2 && self.toks.word_is(k - 1, &["or"]) && self.toks.word_is(k - 2, &["plus"]);
        self.toks.word_is(k, &["minus", "negative"]) && !self.toks.touch(k) && !margin
    }

    fn number_ends_at(&self, k: usize) -> bool {
        !(self.toks.touch(k - 1) && self.toks.number(k).is_some())
    }

    fn number_with_suffix(&self, i: usize, suffix: &str) -> Step {
        let t = self.toks[i];
        let lower = suffix.to_ascii_lowercase();
        if is_ordinal_suffix(&lower) {
            // "3rd November", "3rd of November".
            if let Some(step) = self.day_month(i, i, i + 2) {
                return step;
            }
            let mut fig = self
                .toks
                .figure(i, i + 2, FigureKind::Ordinal, Some(t.value));
            fig.noun = None;
            return Step::Found(fig, i + 2);
        }
        if lower == "s" && is_year_value(&t) && t.value % 10.0 == 0.0 {
            let year = t.value as i32;
            let mut fig = self.toks.figure(i, i + 2, FigureKind::Date, Some(t.value));
            fig.date = Some(DateValue {
                date: Date::new(year, 1, 1),
                precision: DatePrecision::Decade,
                minutes: None,
                inferred: false,
                month: None,
                day: None,
            });
            return Step::Found(fig, i + 2);
        }
        if lower == "am" || lower == "pm" {
            if let Some(step) = self.time_of_day(i) {
                return step;
            }
        }
        // "4K", "8K": a screen resolution's name, not four thousand.
        if suffix == "K" && t.int_digits == 1 && !t.formatted {
            return Step::Skip(self.toks.chunk_end(i));
        }
        // "20m euros", "3b dollars": a one-letter scale glued to the amount, its currency
        // written after ("20m" alone is twenty metres).
        let currency_after = self
            .toks
            .word(i + 2)
            .and_then(crate::extract::units::currency_suffix)
            .is_some();
        if currency_after {
            if let Some(scale) = scale_word(suffix, true) {
                return self.after_value(i, t.value * scale, i + 2, false, None);
            }
        }
        if scale_word(suffix, false).is_some()
            || measurement_unit(suffix, self.toks.word(i + 2)).is_some()
        {
            return self.after_value(i, t.value, i + 1, false, None);
        }
        // "10M workers", "2B users": a capital M or B glued to a count of something plural is
        // millions or billions ("10m" in lower case is ten metres).
        let capital_scale = match suffix {
            "M" => Some(1e6),
            "B" => Some(1e9),
            _ => None,
        };
        if let Some(scale) = capital_scale {
            if self.toks.lower(i + 2).is_some_and(|w| is_plural_noun(&w)) {
                return self.after_value(i, t.value * scale, i + 2, false, None);
            }
        }
        Step::Skip(self.toks.chunk_end(i))
    }

    fn is_year_context(&self, i: usize) -> bool {
        if i > 0 {
            if let Some(prev) = self.toks.lower(i - 1) {
                if YEAR_LEADS.contains(&prev.as_str()) {
                    return true;
                }
                if month_from_name(&prev).is_some() {
                    return true;
                }
            }
        }
        match self.toks.tok(i + 1) {
            None => true,
            Some(t) if t.kind == TokenKind::Punct => !self.toks.punct(i + 1, &['%']),
            Some(t) if t.kind == TokenKind::Number => true,
            Some(_) => {
                let next = self.toks.word(i + 1).unwrap_or("");
                let lower = next.to_lowercase();
                // A year unless a count noun, a unit or a scale follows ("2000 people").
                !(COUNT_NOUNS.contains(&lower.as_str())
                    || scale_word(next, false).is_some()
                    || self.unit_at(i + 1).is_some())
            }
        }
    }
}

pub(super) fn is_year_value(t: &Token) -> bool {
    t.int_digits == 4 && !t.formatted && (1000.0..=2100.0).contains(&t.value)
}
