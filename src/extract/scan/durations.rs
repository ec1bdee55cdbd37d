//! Durations named by a unit word with no number: "a decade", "half a century", "a year and a
//! half", "a fortnight", "the month-long search". Written in digits or number words ("two
//! decades") a duration is read with its number; these name one unit, or half of one.

use super::{Scanner, Step};
use crate::extract::figure::FigureKind;
use crate::extract::units::duration_unit;

/// Words before "a year", "a month", "a week", "a day" that make it a length of time ("for a
/// year", "nearly a month", "after a week") rather than a rate ("$5 a year", "twice a week")
/// or a point ("in a year").
const LENGTH_LEADS: &[&str] = &[
    "for", "nearly", "almost", "about", "around", "over", "than", "least", "within", "after",
    "under", "roughly", "some", "barely", "spent", "lasted", "took", "taken", "half",
];

impl Scanner<'_> {
    /// A duration of one unit word at token `i`, with the index after it.
    pub(super) fn unit_word_duration(&self, i: usize) -> Option<Step> {
        let lower = self.toks.lower(i)?;
        match lower.as_str() {
            // "half a century", "half a year".
            "half" if self.toks.word_is(i + 1, &["a", "an"]) => {
                let (days, unit) = unit_of(&self.toks.lower(i + 2)?)?;
                Some(self.duration(i, i + 3, 0.5 * days, unit))
            }
            // "a decade", "a year and a half", "a month-long search".
            "a" | "an" => {
                let next = self.toks.lower(i + 1)?;
                if let Some((days, unit)) = next.strip_suffix("-long").and_then(unit_of) {
                    return Some(self.duration(i, i + 2, days, unit));
                }
                let (days, unit) = unit_of(&next)?;
                let mut end = i + 2;
                if self.long_suffix(i + 1) {
                    return Some(self.duration(i, i + 4, days, unit));
                }
                if self
                    .toks
                    .word_is(i + 2, &["ago", "earlier", "later", "before"])
                {
                    return None;
                }
                // A unit that also makes a rate or a point in time needs a lead of length.
                let always = matches!(unit, "decade" | "century") || days == 2.0;
                let lead = i
                    .checked_sub(1)
                    .and_then(|p| self.toks.lower(p))
                    .is_some_and(|w| LENGTH_LEADS.contains(&w.as_str()));
                let rate = i
                    .checked_sub(1)
                    .and_then(|p| self.toks.lower(p))
                    .is_some_and(|w| matches!(w.as_str(), "once" | "twice" | "per" | "times"));
                if rate || !(always || lead) {
                    return None;
                }
                let mut value = days;
                if self.toks.word_is(end, &["and"])
                    && self.toks.word_is(end + 1, &["a"])
                    && self.toks.word_is(end + 2, &["half"])
                {
                    value *= 1.5;
                    end += 3;
                }
                Some(self.duration(i, end, value, unit))
            }
            // "the month-long search", "a decade-long war".
            _ => {
                if let Some((days, unit)) = lower.strip_suffix("-long").and_then(unit_of) {
                    return Some(self.duration(i, i + 1, days, unit));
                }
                let (days, unit) = unit_of(&lower)?;
                self.long_suffix(i)
                    .then(|| self.duration(i, i + 3, days, unit))
            }
        }
    }

    /// Whether the unit word at `i` is followed by "-long", all touching.
    fn long_suffix(&self, i: usize) -> bool {
        self.toks.punct(i + 1, &['-'])
            && self.toks.touch(i)
            && self.toks.touch(i + 1)
            && self.toks.word_is(i + 2, &["long"])
    }

    /// A duration figure over tokens `from..to`: `value` of `unit`.
    fn duration(&self, from: usize, to: usize, value: f64, unit: &'static str) -> Step {
        let mut fig = self
            .toks
            .figure(from, to, FigureKind::Duration, Some(value));
        fig.unit = Some(unit.into());
        fig.in_words = true;
        Step::Found(fig, to)
    }
}

/// A singular unit word's length in that unit and the unit: a fortnight is two weeks.
fn unit_of(word: &str) -> Option<(f64, &'static str)> {
    if word == "fortnight" {
        return Some((2.0, "week"));
    }
    if word.ends_with('s') {
        return None;
    }
    let unit = duration_unit(word)?;
    // Units shorter than a day are times of a story, not spans of it.
    matches!(
        unit,
        "year" | "month" | "week" | "day" | "decade" | "century"
    )
    .then_some((1.0, unit))
}

#[cfg(test)]
mod tests {
    use crate::extract::figure::FigureKind;
    use crate::extract::scan::Scanner;
    use crate::text::Span;

    fn durations(s: &str) -> Vec<(String, f64, String)> {
        Scanner::new(s, Span::new(0, s.len()), None)
            .scan()
            .into_iter()
            .filter(|f| f.kind == FigureKind::Duration)
            .map(|f| {
                (
                    f.span.text(s).to_string(),
                    f.value.unwrap_or(0.0),
                    f.unit.unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn one_unit_words_are_durations() {
        let one = |s: &str| durations(s).into_iter().next();
        assert_eq!(
            one("He kept silent for nearly half a century."),
            Some(("half a century".into(), 0.5, "century".into()))
        );
        assert_eq!(
            one("The feud lasted more than a decade."),
            Some(("a decade".into(), 1.0, "decade".into()))
        );
        assert_eq!(
            one("They waited for a year and a half."),
            Some(("a year and a half".into(), 1.5, "year".into()))
        );
        assert_eq!(
            one("The strike lasted a fortnight."),
            Some(("a fortnight".into(), 2.0, "week".into()))
        );
        assert_eq!(
            one("Divers ended the month-long search."),
            Some(("month-long".into(), 1.0, "month".into()))
        );
        assert_eq!(
            one("It was a year-long inquiry."),
            Some(("a year-long".into(), 1.0, "year".into()))
        );
    }

    #[test]
    fn rates_and_points_in_time_are_not_durations() {
        for s in [
            "Members pay $5 a year.",
            "The club meets twice a week.",
            "The bridge will open in a year.",
            "A year ago the plant closed.",
            "A month earlier, the mayor resigned.",
            "It rained every day for years.",
        ] {
            assert_eq!(durations(s), vec![], "{s}");
        }
    }
}
