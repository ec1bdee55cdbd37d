//! event-dates: one event given two different dates in one article ("the May 4
//! ceasefire" … "the ceasefire of May 3").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::date::Date;
use crate::extract::{DatePrecision, Figure, FigureKind, event_of};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Dates tied directly to an event word (\"the May 4 ceasefire\", \"the \
ceasefire of October 9\", \"the crash on 8 March\") and the same event word tied to another \
date elsewhere in the article, more than `tolerance-days` apart.",
    why: "An event has one date. Two dates for it in one article means one is wrong, and a \
reader cannot tell which.",
    example: "\"The May 4 ceasefire is fragile.\" … \"Since the ceasefire of May 3, shelling \
has continued.\"",
    not_flagged: "Dates only near the event word rather than tied to it; relative dates; dates \
without a day; plural or repeated events (\"meetings\", \"a second ceasefire\", \"another \
attack\"); dates within `tolerance-days`.",
    options: "`events` (groups of event words; synonyms in one group), `tolerance-days`, `repeat-cues` (words that mark another \
instance of the event).",
    placeholders: &["claim", "event", "other"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Groups of words for one kind of event; the first names it.
    events: Vec<Vec<String>>,
    #[serde(default)]
    tolerance_days: i64,
    repeat_cues: Vec<String>,
}

pub struct EventDates {
    o: Options,
}

impl EventDates {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(EventDates {
            o: rule.parse_options()?,
        })
    }

    fn event_of(&self, text: &str, f: &Figure) -> Option<String> {
        event_of(text, f, &self.o.events, &self.o.repeat_cues)
    }
}

impl Check for EventDates {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let mut tied: Vec<(String, Date, &Figure)> = Vec::new();
        for f in ctx.figures() {
            if f.kind != FigureKind::Date || f.relative {
                continue;
            }
            let Some(d) = f.date.filter(|d| d.precision == DatePrecision::Day) else {
                continue;
            };
            let Some(date) = d.date else { continue };
            if let Some(event) = self.event_of(text, f) {
                tied.push((event, date, f));
            }
        }
        let mut reported = Vec::new();
        for (j, (event, date, f)) in tied.iter().enumerate() {
            let earlier = tied[..j]
                .iter()
                .find(|(e, d, _)| e == event && d.days_until(*date).abs() > self.o.tolerance_days);
            if let Some((_, other_date, other)) = earlier {
                if reported.contains(event) {
                    continue;
                }
                reported.push(event.clone());
                hits.push(
                    Hit::new(f.span)
                        .var("event", event)
                        .var("claim", format!("\"{}\"", f.text))
                        .var("other", format!("\"{}\"", other.text))
                        .evidence(json!({
                            "event": event,
                            "claim": ctx.figure_evidence(f),
                            "contradicts": ctx.figure_evidence(other),
                            "difference_days": other_date.days_until(*date).abs(),
                        })),
                );
            }
        }
    }
}
