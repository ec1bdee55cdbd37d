//! future-event: something told as past that is dated after the article's own
//! publication date.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{DatePrecision, FigureKind};
use crate::text::clause_around;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Dates written with their year that fall after the publication date, in a \
clause told in the past tense (\"was signed\", \"killed\", \"took place\") with no word of the \
future (\"will\", \"scheduled\", \"expected\").",
    why: "An article cannot report as done what had not happened when it was published: the \
date, the year or the publication date is wrong, or the piece was rewritten without care.",
    example: "\"The agreement was signed on 12 March 2026.\" in an article published on 3 \
November 2025.",
    not_flagged: "Future plans and deadlines; dates whose year was inferred; relative dates; \
dates within `grace-days` of publication (time zones).",
    options: "`past-cues`, `future-cues`, `grace-days`.",
    placeholders: &["claim", "published"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    past_cues: crate::cues::WordList,
    future_cues: crate::cues::WordList,
    #[serde(default = "default_grace")]
    grace_days: i64,
}

fn default_grace() -> i64 {
    1
}

pub struct FutureEvent {
    o: Options,
}

impl FutureEvent {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(FutureEvent {
            o: rule.parse_options()?,
        })
    }
}

impl Check for FutureEvent {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(published) = ctx.analysis.published else {
            return;
        };
        let text = ctx.text();
        for f in ctx.figures() {
            if f.kind != FigureKind::Date || f.relative || f.in_heading {
                continue;
            }
            let Some(d) = f.date else { continue };
            if d.inferred || !matches!(d.precision, DatePrecision::Day | DatePrecision::Month) {
                continue;
            }
            let Some(date) = d.date else { continue };
            let late = match d.precision {
                DatePrecision::Day => published.days_until(date) > self.o.grace_days,
                _ => (date.year, date.month) > (published.year, published.month),
            };
            if !late {
                continue;
            }
            let sentence = ctx.sentence_span(f);
            let clause = clause_around(text, sentence, f.span);
            if self.o.future_cues.any(text, sentence) || !self.o.past_cues.any(text, clause) {
                continue;
            }
            hits.push(
                Hit::new(f.span)
                    .var("claim", format!("\"{}\"", f.text))
                    .var("published", published)
                    .evidence(json!({
                        "claim": ctx.figure_evidence(f),
                        "published": published.to_string(),
                        "published_inferred": ctx.analysis.published_inferred,
                    })),
            );
        }
    }
}
