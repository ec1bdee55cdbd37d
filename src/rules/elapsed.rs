//! elapsed: time stated as passed since a dated event that does not fit the article's own
//! publication date ("20 months after the fire on 2 June 2024" in an article of June 2025).

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{DatePrecision, Figure, FigureKind, Qualifier, duration_in_days};
use crate::text::Span;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "A duration followed, in the same clause, by `after`, `since` or `on from` \
and a dated event (\"20 months after the fire on 2 June 2024\"): the moment it describes is the \
event's date plus the duration. When the sentence speaks of the present (a `present-cues` word: \
\"now\", \"still\", \"it is\") that moment must be the publication date; otherwise it must not \
fall after it. Off by more than `tolerance` of the duration (and at least `min-days`), it fires.",
    why: "Dates and durations are the easiest details to check and the hardest to fake \
consistently: copy that was written for another day, or invented, gets the arithmetic wrong.",
    example: "In an article published on 10 June 2025: \"Now, 20 months after the fire on 2 June \
2024, the quay is still closed.\" — 20 months after 2 June 2024 is February 2026.",
    not_flagged: "Past narrative that ends before publication (\"Three months after the fire \
on 2 June 2024, the council voted …\"); durations of one unit in words (\"a year after\", \
\"half a century\"); dates without a day; articles without a publication date; differences \
within the tolerance.",
    options: "`present-cues`, `tolerance` (relative to the duration), `min-days`, \
`max-gap-words` (words allowed between the duration and the date).",
    placeholders: &["claim", "date", "expected", "published"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    present_cues: crate::cues::WordList,
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    #[serde(default = "default_min_days")]
    min_days: f64,
    #[serde(default = "default_gap")]
    max_gap_words: usize,
}

fn default_tolerance() -> f64 {
    0.15
}
fn default_min_days() -> f64 {
    20.0
}
fn default_gap() -> usize {
    6
}

pub struct Elapsed {
    o: Options,
}

impl Elapsed {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(Elapsed {
            o: rule.parse_options()?,
        })
    }

    /// The dated event a duration counts from: the next figure, a date to the day, with
    /// "after", "since" or "on from" between them and few words in all.
    fn anchor<'f>(&self, text: &str, figures: &'f [Figure], i: usize) -> Option<&'f Figure> {
        let d = &figures[i];
        let next = figures.get(i + 1).filter(|n| n.sentence == d.sentence)?;
        let date = next.date.filter(|v| v.precision == DatePrecision::Day)?;
        date.date?;
        if next.kind != FigureKind::Date || next.relative {
            return None;
        }
        let between = text.get(d.span.end..next.span.start)?.to_lowercase();
        let words: Vec<&str> = between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > self.o.max_gap_words
            || !words
                .first()
                .is_some_and(|w| matches!(*w, "after" | "since" | "on"))
            || between.contains([',', ';', ':', '(', ')'])
        {
            return None;
        }
        Some(next)
    }
}

impl Check for Elapsed {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(published) = ctx.analysis.published else {
            return;
        };
        let text = ctx.text();
        let figures = ctx.figures();
        for (i, d) in figures.iter().enumerate() {
            // "Four months after" is as exact as "4 months after"; "a year after" is loose.
            if d.kind != FigureKind::Duration
                || (d.in_words && d.value.is_none_or(|v| v < 2.0))
                || d.qualifier != Qualifier::Exact
                || d.in_heading
            {
                continue;
            }
            let (Some(value), Some(days_per)) =
                (d.value, d.unit.as_deref().and_then(duration_in_days))
            else {
                continue;
            };
            if days_per < 1.0 {
                continue;
            }
            let Some(anchor) = self.anchor(text, figures, i) else {
                continue;
            };
            let Some(event) = anchor.date.and_then(|v| v.date) else {
                continue;
            };
            let elapsed = value * days_per;
            let moment = event.to_days() as f64 + elapsed;
            let now = published.to_days() as f64;
            let allowed = (elapsed * self.o.tolerance).max(self.o.min_days);
            let sentence = ctx.sentence_span(d);
            let present = self.o.present_cues.any(text, sentence);
            let off = moment - now;
            if off <= allowed && (!present || off >= -allowed) {
                continue;
            }
            let expected_months =
                (now - event.to_days() as f64) / duration_in_days("month").unwrap_or(30.4);
            let expected = if expected_months >= 24.0 {
                format!("about {:.0} years", expected_months / 12.0)
            } else if expected_months < 0.5 {
                "less than a month".to_string()
            } else if expected_months < 1.5 {
                "about a month".to_string()
            } else {
                format!("about {expected_months:.0} months")
            };
            hits.push(
                Hit::new(Span::new(d.span.start, anchor.span.end))
                    .var("claim", format!("\"{}\"", d.text))
                    .var("date", &anchor.text)
                    .var("published", published)
                    .var("expected", &expected)
                    .evidence(json!({
                        "duration": ctx.figure_evidence(d),
                        "since": ctx.figure_evidence(anchor),
                        "published": published.to_string(),
                        "reads_as_now": present,
                        "days_off": off.round(),
                    })),
            );
        }
    }
}
