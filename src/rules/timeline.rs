//! timeline: a stated duration that does not fit the article's own dates ("four months of
//! conflict" in an article that dates the conflict's start to March 3, 2024 and is
//! published in November 2025), or a "since X" that contradicts a stated start.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::date::Date;
use crate::extract::{DatePrecision, Figure, FigureKind, Qualifier, duration_in_days};
use crate::text::Span;
use crate::text::clause_around;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Durations about a running subject (a war, a search, a siege) against the \
start date the article itself gives for that subject, with the publication date as \"now\"; \
and a \"since X\" whose start differs from the stated start.",
    why: "An article that says a war is 13 months old while dating its start 25 months before \
publication contradicts itself; at least one of the two is wrong, and copy assembled without \
checking produces exactly this.",
    example: "\"The war began on March 3, 2024.\" … \"Aid must address four months of conflict.\" \
in an article published on 3 November 2025.",
    not_flagged: "Durations within `tolerance` of the expected span; durations of finished or \
past periods (\"lasted\", \"ended\", \"ago\", \"after\"); subjects the article gives no start \
for; articles without a publication date.",
    options: "`subjects` (groups of words naming one running subject), `start-cues` (words \
that mark a start date), `past-cues` (words that mark a finished period), `tolerance` \
(relative), `min-difference-days`, `window-words` (how close the subject must be to the duration).",
    placeholders: &["claim", "expected", "other"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    subjects: Vec<crate::cues::WordList>,
    start_cues: crate::cues::WordList,
    #[serde(default)]
    past_cues: crate::cues::WordList,
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    #[serde(default = "default_min_days")]
    min_difference_days: f64,
    #[serde(default = "default_window")]
    window_words: usize,
}

fn default_window() -> usize {
    4
}

fn default_tolerance() -> f64 {
    0.25
}
fn default_min_days() -> f64 {
    45.0
}

pub struct Timeline {
    o: Options,
}

impl Timeline {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(Timeline {
            o: rule.parse_options()?,
        })
    }

    /// The subject group whose words appear in `span`, if exactly one does.
    fn subject(&self, text: &str, span: Span) -> Option<usize> {
        let found: Vec<usize> = self
            .o
            .subjects
            .iter()
            .enumerate()
            .filter(|(_, words)| words.any(text, span))
            .map(|(i, _)| i)
            .collect();
        (found.len() == 1).then(|| found[0])
    }
}

/// A start date the article states for a subject.
struct Anchor<'a> {
    subject: usize,
    date: Date,
    figure: &'a Figure,
}

fn start_date(f: &Figure) -> Option<Date> {
    let d = f.date?;
    if f.relative || !matches!(d.precision, DatePrecision::Day | DatePrecision::Month) {
        return None;
    }
    d.date
}

impl Check for Timeline {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(published) = ctx.analysis.published else {
            return;
        };
        let text = ctx.text();
        let mut anchors = Vec::new();
        for f in ctx.figures() {
            let sentence = ctx.sentence_span(f);
            let is_start = (f.kind == FigureKind::Date && self.o.start_cues.any(text, sentence))
                || (f.kind == FigureKind::Duration && f.qualifier == Qualifier::Since);
            if !is_start {
                continue;
            }
            if let (Some(subject), Some(date)) = (self.subject(text, sentence), start_date(f)) {
                if date <= published {
                    anchors.push(Anchor {
                        subject,
                        date,
                        figure: f,
                    });
                }
            }
        }
        if anchors.is_empty() {
            return;
        }
        for f in ctx
            .figures()
            .iter()
            .filter(|f| f.kind == FigureKind::Duration)
        {
            let sentence = ctx.sentence_span(f);
            let clause = clause_around(text, sentence, f.span);
            // The subject must stand close to the duration: "13 months of conflict", "the
            // two-year-long Israel-Hamas war", "the war has raged for two years".
            let Some(subject) = self.subject(
                text,
                crate::text::near(text, sentence, f.span, self.o.window_words),
            ) else {
                continue;
            };
            let candidates: Vec<&Anchor> = anchors
                .iter()
                .filter(|a| a.subject == subject && !std::ptr::eq(a.figure, f))
                .collect();
            if candidates.is_empty() || self.o.past_cues.any(text, clause) {
                continue;
            }
            if f.qualifier == Qualifier::Since {
                let Some(start) = start_date(f) else { continue };
                let Some(nearest) = candidates
                    .iter()
                    .min_by_key(|a| a.date.days_until(start).abs())
                else {
                    continue;
                };
                let diff = nearest.date.days_until(start).abs() as f64;
                if diff > self.o.min_difference_days {
                    hits.push(
                        Hit::new(f.span)
                            .var("claim", format!("\"since {}\"", f.text))
                            .var("other", format!("\"{}\"", nearest.figure.text))
                            .var("expected", format_days(diff))
                            .evidence(json!({
                                "claim": ctx.figure_evidence(f),
                                "contradicts": ctx.figure_evidence(nearest.figure),
                                "difference_days": diff,
                            })),
                    );
                }
                continue;
            }
            let (Some(unit_days), Some((lo, hi))) =
                (f.unit.as_deref().and_then(duration_in_days), f.interval())
            else {
                continue;
            };
            let (lo, hi) = (lo * unit_days, hi * unit_days);
            // The best-fitting stated start decides: fire only if none fits.
            let best = candidates
                .iter()
                .map(|a| {
                    let expected = a.date.days_until(published) as f64;
                    let gap = crate::stories::stats::distance_to_interval(expected, lo, hi);
                    (gap, expected, a)
                })
                .min_by(|x, y| x.0.total_cmp(&y.0));
            let Some((gap, expected, anchor)) = best else {
                continue;
            };
            if gap > self.o.min_difference_days && gap > self.o.tolerance * expected {
                let unit = f.unit.as_deref().unwrap_or("day");
                let expected_in_unit = expected / unit_days;
                hits.push(
                    Hit::new(f.span)
                        .var("claim", format!("\"{}\"", f.text))
                        .var("other", format!("\"{}\"", anchor.figure.text))
                        .var("expected", format!("{expected_in_unit:.0} {unit}s"))
                        .evidence(json!({
                            "claim": ctx.figure_evidence(f),
                            "contradicts": ctx.figure_evidence(anchor.figure),
                            "start": anchor.date.to_string(),
                            "published": published.to_string(),
                            "expected_days": expected,
                            "stated_days": (lo + hi) / 2.0,
                        })),
                );
            }
        }
    }
}

fn format_days(days: f64) -> String {
    if days >= 60.0 {
        format!("{:.0} months", days / 30.44)
    } else {
        format!("{days:.0} days")
    }
}
