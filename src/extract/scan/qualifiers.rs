//! The hedge before a figure ("at least", "nearly", "about", "as many as"), and "since",
//! which makes a date the start of a duration up to publication.

use super::{RawFigure, Scanner};
use crate::date::Date;
use crate::extract::figure::{FigureKind, Qualifier};
use crate::lower::Lower;

impl Scanner<'_> {
    pub(super) fn apply_qualifier(&self, fig: &mut RawFigure, start: usize) {
        let before =
            |n: usize| -> Option<Lower> { start.checked_sub(n).and_then(|i| self.toks.lower(i)) };
        let one = before(1);
        let two = before(2);
        let three = before(3);
        let pair = two.as_deref().zip(one.as_deref());
        let q = match (three.as_deref(), pair) {
            (Some("in"), Some(("excess", "of"))) => Some(Qualifier::AtLeast),
            (Some("as"), Some(("many", "as"))) | (Some("as"), Some(("much", "as"))) => {
                Some(Qualifier::AtMost)
            }
            _ => None,
        }
        .or(match pair {
            Some(("at", "least"))
            | Some(("more", "than"))
            | Some(("upwards", "of"))
            | Some(("just", "over"))
            | Some(("well", "over")) => Some(Qualifier::AtLeast),
            Some(("up", "to"))
            | Some(("at", "most"))
            | Some(("fewer", "than"))
            | Some(("less", "than"))
            | Some(("just", "under")) => Some(Qualifier::AtMost),
            Some(("close", "to")) | Some(("an", "estimated")) => Some(Qualifier::About),
            _ => None,
        })
        .or(match one.as_deref() {
            Some("over") | Some("exceeding") => Some(Qualifier::AtLeast),
            Some("nearly") | Some("almost") | Some("under") => Some(Qualifier::AtMost),
            Some("about")
            | Some("around")
            | Some("approximately")
            | Some("roughly")
            | Some("some")
            | Some("estimated")
            | Some("approx")
            | Some("circa") => Some(Qualifier::About),
            Some("since") => Some(Qualifier::Since),
            _ => None,
        });
        let Some(q) = q else { return };
        if q == Qualifier::Since {
            if fig.kind == FigureKind::Date && fig.date.is_some_and(|d| d.minutes.is_none()) {
                self.since_to_duration(fig);
            }
            return;
        }
        if fig.qualifier == Qualifier::Exact && fig.kind != FigureKind::Date {
            fig.qualifier = q;
        }
    }

    /// "since October 2023": a duration from that start to publication, in months.
    fn since_to_duration(&self, fig: &mut RawFigure) {
        // "since January" counts back: a start inferred into the future is a year earlier.
        if let (Some(mut d), Some(p)) = (fig.date, self.published) {
            if let Some(start) = d.date.filter(|s| d.inferred && *s > p) {
                d.date = Date::new(start.year - 1, start.month, start.day);
                fig.date = Some(d);
            }
        }
        let start = fig.date.and_then(|d| d.date);
        fig.kind = FigureKind::Duration;
        fig.qualifier = Qualifier::Since;
        fig.unit = Some("month".into());
        fig.value = match (start, self.published) {
            (Some(s), Some(p)) => Some((s.months_until(p) * 10.0).round() / 10.0),
            _ => None,
        };
    }
}
