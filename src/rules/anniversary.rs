//! anniversary: an "Nth anniversary" of a year that does not add up to N.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{DatePrecision, FigureKind};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "An ordinal followed by one of the `cues` (\"50th anniversary\") in a \
sentence that also gives the year of the event, against the publication year.",
    why: "\"The 50th anniversary of the 1991 conference\" in 2025 is off by 16 years: one of \
the figures was made up or copied without thought.",
    example: "\"Leaders marked the 50th anniversary of the 1991 treaty.\" published in 2025.",
    not_flagged: "Differences of up to `tolerance-years` (an anniversary marked early or late); \
sentences with more than one year; articles without a publication date.",
    options: "`cues`, `tolerance-years`.",
    placeholders: &["claim", "expected", "year"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    cues: Vec<String>,
    #[serde(default = "default_tolerance")]
    tolerance_years: i32,
}

fn default_tolerance() -> i32 {
    1
}

pub struct Anniversary {
    o: Options,
}

impl Anniversary {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(Anniversary {
            o: rule.parse_options()?,
        })
    }
}

impl Check for Anniversary {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(published) = ctx.analysis.published else {
            return;
        };
        let text = ctx.text();
        let figures = ctx.figures();
        for f in figures.iter().filter(|f| f.kind == FigureKind::Ordinal) {
            let after = text.get(f.span.end..).unwrap_or("");
            let next_word: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if !self
                .o
                .cues
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&next_word))
            {
                continue;
            }
            let years: Vec<&crate::extract::Figure> = figures
                .iter()
                .filter(|g| {
                    g.sentence == f.sentence
                        && g.kind == FigureKind::Date
                        && g.date.is_some_and(|d| {
                            d.precision == DatePrecision::Year
                                || (d.precision == DatePrecision::Day && !d.inferred)
                        })
                })
                .collect();
            let [year_fig] = years.as_slice() else {
                continue;
            };
            let Some(year) = year_fig.date.and_then(|d| d.date).map(|d| d.year) else {
                continue;
            };
            let Some(n) = f.value else { continue };
            let expected = published.year - year;
            if (n as i32 - expected).abs() > self.o.tolerance_years {
                hits.push(
                    Hit::new(f.span)
                        .var("claim", format!("\"{} {next_word}\"", f.text))
                        .var("year", year)
                        .var("expected", expected)
                        .evidence(json!({
                            "claim": ctx.figure_evidence(f),
                            "contradicts": ctx.figure_evidence(year_fig),
                            "expected": expected,
                            "published": published.to_string(),
                        })),
                );
            }
        }
    }
}
