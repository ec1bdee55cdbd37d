//! dated-span: the length an article gives a period ("a 12-year spell", "over two months",
//! "three years after she had started") against the start and end dates it gives the same
//! period ("joined the club in 2011 and left in 2019").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{DatePrecision, Figure, FigureKind, Qualifier, duration_in_days};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "A duration told as the length of a period (\"for six weeks\", \"over two \
months\", \"a 12-year spell\", \"two decades after founding it\") and, in its sentence or the \
sentences either side, exactly one date marked as the period's start (a `start-cues` word just \
before it: \"began on\", \"joined … in\") and one marked as its end (\"ended on\", \"left in\"). \
When the duration's own clause names the start (\"after she had started\") and no start date \
is near, the one start date elsewhere in the article in a sentence sharing a word with it is \
read. The days between the two dates must match the duration.",
    why: "An article that dates both ends of a period and also gives its length can be checked \
against itself: a strike that began on 3 May and ended on 20 May did not last two months.",
    example: "\"Mr Lund joined the club in 2011 and left in 2019, ending a 12-year spell.\"",
    not_flagged: "Durations counted from now or to now (\"ago\", \"earlier\", \"later\", \"the \
last two years\", \"within\", \"every\"); ages; windows with two start or two end dates (which \
period is meant is unclear); dates without a day when the duration is shorter than a year; \
differences within `tolerance` of the duration (and a year for years, `min-days` for days); \
hedges that allow the difference (\"more than\", \"nearly\").",
    options: "`start-cues`, `end-cues` (words just before a date that make it a start or an \
end), `range-starts` (words that open a range, after which `range-ends` words end it: \"from \
… to\", \"between … and\"), `not-lengths` (words next to a duration that make it no period's \
length), `cue-words` (how many words before a date a cue may stand), `tolerance`, `min-days`.",
    placeholders: &["claim", "from", "to", "actual"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    start_cues: Vec<String>,
    end_cues: Vec<String>,
    #[serde(default)]
    range_starts: Vec<String>,
    #[serde(default)]
    range_ends: Vec<String>,
    /// Words right before or after a duration that make it no length of a dated period.
    not_lengths: Vec<String>,
    #[serde(default = "default_cue_words")]
    cue_words: usize,
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    #[serde(default = "default_min_days")]
    min_days: f64,
}

fn default_cue_words() -> usize {
    4
}
fn default_tolerance() -> f64 {
    0.25
}
fn default_min_days() -> f64 {
    3.0
}

pub struct DatedSpan {
    o: Options,
}

impl DatedSpan {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(DatedSpan {
            o: rule.parse_options()?,
        })
    }
}

/// Which end of a period a date is marked as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum End {
    Start,
    End,
}

/// Lower-case words of a stretch of text, punctuation trimmed.
fn lower_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A date as a day count and its precision: a full date (its year read from the
/// publication date when it gives none), or a year.
fn day_of(f: &Figure) -> Option<(i64, DatePrecision)> {
    let d = f.date?;
    if f.relative {
        return None;
    }
    match d.precision {
        DatePrecision::Day => Some((d.date?.to_days(), DatePrecision::Day)),
        DatePrecision::Year if !d.inferred => Some((d.date?.to_days(), DatePrecision::Year)),
        _ => None,
    }
}

impl DatedSpan {
    /// The end of a period a date is marked as by the nearest cue in the few words before it.
    fn role(&self, ctx: &ArticleContext<'_>, f: &Figure) -> Option<End> {
        let text = ctx.text();
        let sentence = crate::text::context_window(text, ctx.sentence_span(f), f.span);
        let before = lower_words(text.get(sentence.start..f.span.start).unwrap_or(""));
        let near: Vec<&String> = before.iter().rev().take(self.o.cue_words).collect();
        for (k, w) in near.iter().enumerate() {
            if self.o.start_cues.contains(w) || self.o.range_starts.contains(w) {
                return Some(End::Start);
            }
            if self.o.end_cues.contains(w) {
                return Some(End::End);
            }
            // "to" and "and" end a range only after "from" or "between" opened it.
            if self.o.range_ends.contains(w)
                && before
                    .iter()
                    .rev()
                    .skip(k + 1)
                    .take(self.o.cue_words + 4)
                    .any(|x| self.o.range_starts.contains(x))
            {
                return Some(End::End);
            }
        }
        None
    }

    /// Whether a duration is told as the length of a period, not counted from or to now.
    fn is_length(&self, ctx: &ArticleContext<'_>, d: &Figure) -> bool {
        let text = ctx.text();
        let sentence = crate::text::near(text, ctx.sentence_span(d), d.span, 2);
        let before = lower_words(text.get(sentence.start..d.span.start).unwrap_or(""));
        let after = lower_words(text.get(d.span.end..sentence.end).unwrap_or(""));
        let next_to = before.iter().rev().take(1).chain(after.iter().take(1));
        !next_to.into_iter().any(|w| self.o.not_lengths.contains(w))
            && !d.text.to_lowercase().contains("old")
    }

    /// The one start date elsewhere in the article for a duration whose clause names the
    /// start ("three years after she had started"): in a sentence sharing a word of six
    /// letters or more (not a cue) with the duration's sentence.
    fn distant_start<'f>(
        &self,
        ctx: &ArticleContext<'_>,
        d: &Figure,
        dates: &[(&'f Figure, End)],
    ) -> Option<&'f Figure> {
        let text = ctx.text();
        let sentence = crate::text::context_window(text, ctx.sentence_span(d), d.span);
        let clause = crate::text::clause_around(text, sentence, d.span);
        let after = lower_words(text.get(d.span.end..clause.end).unwrap_or(""));
        if !(after.first().is_some_and(|w| w == "after" || w == "since")
            && after.iter().take(5).any(|w| self.o.start_cues.contains(w)))
        {
            return None;
        }
        let own: Vec<String> = lower_words(sentence.text(text))
            .into_iter()
            .filter(|w| w.len() >= 6 && w.chars().all(char::is_alphabetic))
            .filter(|w| !self.o.start_cues.contains(w) && !self.o.end_cues.contains(w))
            .collect();
        let mut found = dates.iter().filter(|(f, role)| {
            *role == End::Start
                && f.sentence != d.sentence
                && lower_words(
                    crate::text::context_window(text, ctx.sentence_span(f), f.span).text(text),
                )
                .iter()
                .any(|w| own.contains(w) && !self.o.start_cues.contains(w))
        });
        let first = found.next()?;
        found.next().is_none().then_some(first.0)
    }
}

impl Check for DatedSpan {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let figures = ctx.figures();
        if !figures.iter().any(|f| f.kind == FigureKind::Duration) {
            return;
        }
        // Every date of the body marked as a start or an end.
        let dates: Vec<(&Figure, End)> = figures
            .iter()
            .filter(|f| f.kind == FigureKind::Date && !f.in_heading && day_of(f).is_some())
            .filter_map(|f| self.role(ctx, f).map(|r| (f, r)))
            .collect();
        if dates.is_empty() {
            return;
        }
        for d in figures.iter().filter(|f| f.kind == FigureKind::Duration) {
            let (Some(value), Some(unit)) = (d.value, d.unit.as_deref()) else {
                continue;
            };
            let Some(unit_days) = duration_in_days(unit).filter(|u| *u >= 1.0) else {
                continue;
            };
            if d.in_heading || !self.is_length(ctx, d) {
                continue;
            }
            // The dates of its sentence and the sentences either side.
            let near = |f: &&(&Figure, End)| {
                f.0.sentence + 1 >= d.sentence && f.0.sentence <= d.sentence + 1
            };
            let starts: Vec<&Figure> = dates
                .iter()
                .filter(near)
                .filter(|(_, r)| *r == End::Start)
                .map(|(f, _)| *f)
                .collect();
            let ends: Vec<&Figure> = dates
                .iter()
                .filter(near)
                .filter(|(_, r)| *r == End::End)
                .map(|(f, _)| *f)
                .collect();
            // "Eight months after it opened, on 2 June": the date the duration leads to is
            // the period's end, whatever cue stands before it.
            let leads_to = figures
                .iter()
                .filter(|f| f.sentence == d.sentence && f.span.start > d.span.end)
                .find(|f| f.kind == FigureKind::Date && day_of(f).is_some())
                .filter(|f| {
                    let gap = lower_words(ctx.text().get(d.span.end..f.span.start).unwrap_or(""));
                    gap.len() <= 6 && gap.first().is_some_and(|w| w == "after" || w == "later")
                });
            let (starts, ends) = match leads_to {
                Some(end) => (
                    starts.into_iter().filter(|s| s.span != end.span).collect(),
                    vec![end],
                ),
                None => (starts, ends),
            };
            let [to] = ends[..] else { continue };
            // A period is told in reading order: its start before (or with) its end.
            if starts.iter().any(|s| s.sentence > to.sentence) {
                continue;
            }
            let from = match starts[..] {
                [from] => from,
                [] => match self.distant_start(ctx, d, &dates) {
                    Some(from) => from,
                    None => continue,
                },
                _ => continue,
            };
            let (Some((from_day, from_precision)), Some((to_day, to_precision))) =
                (day_of(from), day_of(to))
            else {
                continue;
            };
            let years = from_precision == DatePrecision::Year;
            if from_precision != to_precision || (years && unit_days < 365.0) {
                continue;
            }
            let actual = (to_day - from_day) as f64;
            if actual <= 0.0 {
                continue;
            }
            let stated = value * unit_days;
            // Years alone are a year apart at worst either way.
            let floor = if years { 366.0 } else { self.o.min_days };
            let slack = (self.o.tolerance * stated).max(floor);
            let fits = match d.qualifier {
                Qualifier::AtLeast => actual >= stated - slack,
                Qualifier::AtMost => actual <= stated + slack,
                _ => (actual - stated).abs() <= slack,
            };
            if fits {
                continue;
            }
            let shown = if actual >= 730.0 {
                format!("{:.0} years", actual / 365.25)
            } else if actual >= 60.0 {
                format!("{:.0} months", actual / 30.436_875)
            } else {
                format!("{actual:.0} days")
            };
            hits.push(
                Hit::new(d.span)
                    .var("claim", format!("\"{}\"", d.text))
                    .var("from", format!("\"{}\"", from.text))
                    .var("to", format!("\"{}\"", to.text))
                    .var("actual", &shown)
                    .evidence(json!({
                        "claim": ctx.figure_evidence(d),
                        "from": ctx.figure_evidence(from),
                        "to": ctx.figure_evidence(to),
                        "days_between": actual,
                        "days_stated": stated,
                    })),
            );
        }
    }
}
