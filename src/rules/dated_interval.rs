//! dated-interval: a stated interval between two dates the same sentence gives ("killed on
//! June 24 … a shooting two weeks earlier, on June 20") that the dates contradict.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::date::Date;
use crate::extract::{DatePrecision, Figure, FigureKind, Qualifier, duration_in_days};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "A duration followed by a direction word (`earlier`, `later`, `before`, \
`after`) and, within `max-gap-words`, a date; and a date earlier in the same sentence that the \
interval is counted from. The days between the two dates must match the duration.",
    why: "An article that gives both ends of an interval and its length can be checked against \
itself: when the arithmetic fails, one of the three figures is wrong.",
    example: "\"He was killed on June 24, 2005, while investigating a shooting two weeks \
earlier, on June 20\": June 20 is four days before June 24, not two weeks.",
    not_flagged: "Sentences without a date on both sides of the interval; dates without a day \
(unless both are years and the duration is in years); differences within `tolerance` of the \
duration and `min-days`; \"more than\" and \"nearly\" hedges that allow the difference.",
    options: "`directions` (words and whether they count back), `tolerance` (relative), \
`min-days`, `max-gap-words`.",
    placeholders: &["claim", "from", "to", "actual"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Words after a duration that count it back from the earlier date ("earlier", "before").
    backward: Vec<String>,
    /// Words after a duration that count it forward ("later", "after").
    forward: Vec<String>,
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    #[serde(default = "default_min_days")]
    min_days: f64,
    #[serde(default = "default_gap")]
    max_gap_words: usize,
}

fn default_tolerance() -> f64 {
    0.3
}
fn default_min_days() -> f64 {
    3.0
}
fn default_gap() -> usize {
    3
}

/// How many figures before a duration are looked at for the date it counts from: a long
/// sentence of figures stays linear.
const MAX_LOOK_BACK: usize = 8;

pub struct DatedInterval {
    o: Options,
}

impl DatedInterval {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(DatedInterval {
            o: rule.parse_options()?,
        })
    }
}

/// A date figure as a day count, with its precision: days for a full date, or the year's
/// first day for a year. `year` fills in a date written without one.
fn day_of(f: &Figure, year: Option<i32>) -> Option<(i64, DatePrecision)> {
    let d = f.date?;
    if f.relative {
        return None;
    }
    match d.precision {
        DatePrecision::Day => {
            let date = match d.date {
                Some(date) if !d.inferred => date,
                _ => Date::new(year?, d.month?, d.day?)?,
            };
            Some((date.to_days(), DatePrecision::Day))
        }
        DatePrecision::Year if !d.inferred => Some((d.date?.to_days(), DatePrecision::Year)),
        _ => None,
    }
}

impl Check for DatedInterval {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        for (i, d) in figures.iter().enumerate() {
            if d.kind != FigureKind::Duration {
                continue;
            }
            let (Some(value), Some(unit)) = (d.value, d.unit.as_deref()) else {
                continue;
            };
            let Some(unit_days) = duration_in_days(unit).filter(|u| *u >= 1.0) else {
                continue;
            };
            let sentence = ctx.sentence_span(d);
            let after = text.get(d.span.end..sentence.end).unwrap_or("");
            let mut words = after.split_whitespace().map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            let Some(direction) = words.next() else {
                continue;
            };
            let backward = self.o.backward.contains(&direction);
            if !backward && !self.o.forward.contains(&direction) {
                continue;
            }
            // The far end: the next figure, a date, within a few words.
            let Some(to) = figures[i + 1..].first().filter(|f| {
                f.kind == FigureKind::Date
                    && f.sentence == d.sentence
                    && text.get(d.span.end..f.span.start).is_some_and(|gap| {
                        gap.split_whitespace().count() <= self.o.max_gap_words + 1
                    })
            }) else {
                continue;
            };
            // The near end: the nearest date before the duration in its sentence.
            let Some(from) = figures[..i]
                .iter()
                .rev()
                .take(MAX_LOOK_BACK)
                .take_while(|f| f.sentence == d.sentence)
                .find(|f| f.kind == FigureKind::Date && day_of(f, None).is_some())
            else {
                continue;
            };
            let Some((from_day, from_precision)) = day_of(from, None) else {
                continue;
            };
            let year = from.date.and_then(|x| x.date).map(|x| x.year);
            let Some((to_day, to_precision)) = day_of(to, year) else {
                continue;
            };
            if from_precision != to_precision
                || (from_precision == DatePrecision::Year && unit != "year" && unit != "decade")
            {
                continue;
            }
            // "Two weeks earlier, on June 20" counts back from the first date; "later" forward.
            let actual = if backward {
                from_day - to_day
            } else {
                to_day - from_day
            } as f64;
            let stated = value * unit_days;
            let slack = (self.o.tolerance * stated).max(self.o.min_days);
            let fits = match d.qualifier {
                Qualifier::AtLeast => actual >= stated - slack,
                Qualifier::AtMost => actual <= stated + slack && actual >= 0.0,
                _ => (actual - stated).abs() <= slack,
            };
            if fits {
                continue;
            }
            let shown = if actual.abs() >= 60.0 {
                format!("{:.0} months", actual / 30.436_875)
            } else {
                format!("{actual:.0} days")
            };
            hits.push(interval_hit(ctx, d, (from, to), (actual, stated), &shown));
        }
    }
}

/// The finding for a duration that the two dates it spans contradict: the dates' distance
/// (`actual` days, shown as `shown`) against the duration's `stated` days.
fn interval_hit(
    ctx: &ArticleContext<'_>,
    d: &Figure,
    (from, to): (&Figure, &Figure),
    (actual, stated): (f64, f64),
    shown: &str,
) -> Hit {
    Hit::new(d.span)
        .var("claim", format!("\"{}\"", d.text))
        .var("from", format!("\"{}\"", from.text))
        .var("to", format!("\"{}\"", to.text))
        .var("actual", shown)
        .evidence(json!({
            "claim": ctx.figure_evidence(d),
            "from": ctx.figure_evidence(from),
            "to": ctx.figure_evidence(to),
            "days_between": actual,
            "days_stated": stated,
        }))
}
