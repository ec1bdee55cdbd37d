//! Units after a value (percent, a currency word, a duration, a measurement, glued, spaced
//! or hyphenated: "13-month", "27-kilometer", "4km^3") and a currency written before one
//! ("Rs 50 million", "US$5").

use super::{Scanner, Step};
use crate::extract::figure::FigureKind;
use crate::extract::units::{currency_prefix, currency_suffix, duration_unit, measurement_unit};

impl Scanner<'_> {
    /// A unit at `k`: percent, currency word, duration or measurement, glued or spaced,
    /// or joined by a hyphen ("13-month", "27-kilometer").
    pub(super) fn unit_at(&self, k: usize) -> Option<(FigureKind, String, usize)> {
        let hyphen = self.toks.punct(k, &['-']) && self.toks.touch(k - 1) && self.toks.touch(k);
        let at = if hyphen { k + 1 } else { k };
        if !hyphen && self.toks.punct(k, &['%']) {
            return Some((FigureKind::Percent, "%".into(), k + 1));
        }
        if !hyphen && self.toks.punct(k, &['°']) {
            return match self.toks.word(k + 1) {
                Some("C") => Some((FigureKind::Number, "°C".into(), k + 2)),
                Some("F") => Some((FigureKind::Number, "°F".into(), k + 2)),
                _ => Some((FigureKind::Number, "degree".into(), k + 1)),
            };
        }
        let w = self.toks.word(at)?;
        let lower = w.to_ascii_lowercase();
        if !hyphen {
            if matches!(lower.as_str(), "percent" | "pct" | "percentage") {
                let end = if self.toks.word_is(at + 1, &["points", "point"]) {
                    at + 2
                } else {
                    at + 1
                };
                return Some((FigureKind::Percent, "%".into(), end));
            }
            if lower == "per" && self.toks.word_is(at + 1, &["cent"]) {
                return Some((FigureKind::Percent, "%".into(), at + 2));
            }
            if let Some(code) = currency_suffix(w) {
                return Some((FigureKind::Money, code.into(), at + 1));
            }
        }
        if let Some(unit) = duration_unit(w) {
            // "a second" is an ordinal more often than a unit; "6 seconds" is a duration.
            return Some((FigureKind::Duration, unit.into(), at + 1));
        }
        let glued = self.toks.touch(at - 1) && !hyphen;
        if let Some((unit, words)) = measurement_unit(w, self.toks.word(at + 1)) {
            let short = w.chars().count() <= 1;
            if !short || glued || hyphen {
                let mut end = at + words;
                // "4km^3", "km2"
                if self.toks.punct(end, &['^', '²', '³']) && self.toks.touch(end - 1) {
                    end += 1;
                    if self.toks.number(end).is_some() && self.toks.touch(end - 1) {
                        end += 1;
                    }
                }
                if self.toks.number(end).is_some() && self.toks.touch(end - 1) {
                    end += 1;
                }
                return Some((FigureKind::Number, unit.into(), end));
            }
        }
        None
    }

    /// "Rs 50 million", "PKR 50 million", "US$5", "USD 20".
    pub(super) fn currency_word(&self, i: usize, w: &str) -> Option<Step> {
        let mut k = i + 1;
        let code = if self.toks.punct(k, &['$']) && self.toks.touch(i) {
            k += 1;
            match w {
                "US" => "USD",
                "A" => "AUD",
                "C" => "CAD",
                "S" => "SGD",
                "HK" => "HKD",
                "NZ" => "NZD",
                _ => return None,
            }
        } else {
            let code = currency_prefix(w)?;
            if self.toks.punct(k, &['.']) && self.toks.touch(i) {
                k += 1;
            }
            code
        };
        let n = self.toks.number(k)?;
        Some(self.after_value(i, n.value, k + 1, false, Some(code)))
    }
}
