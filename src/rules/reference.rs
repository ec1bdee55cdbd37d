//! reference: a figure that contradicts a reference figure an editor keeps for the story.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, Measure, ReferenceFigure, RuleConfig};
use crate::extract::{Figure, FigureKind};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each article's largest figure of a measure against the `[[reference]]` \
figures in the configuration for that measure (and story, and subject), taking the latest \
reference whose as-of date is on or before the article's publication date.",
    why: "A desk that tracks a running story knows some figures from sources it trusts. An \
article far from them, at a time they were valid, needs a second look, and the finding names \
the reference's source.",
    example: "Reference: deaths 5,200 as of 2025-10-01 (health ministry); an article of \
November says 3,000.",
    not_flagged: "Articles without a publication date, or published before the reference's \
as-of date; figures within the reference's tolerance; for a growing measure, larger figures up \
to `max-growth` times the reference.",
    options: "`hedge-factor`, `max-growth`.",
    placeholders: &["as_of", "claim", "reference", "source"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
    #[serde(default = "default_growth")]
    max_growth: f64,
}

fn default_hedge() -> f64 {
    2.0
}
fn default_growth() -> f64 {
    3.0
}

pub struct Reference {
    o: Options,
    references: Vec<ReferenceFigure>,
    measures: Vec<Measure>,
}

impl Reference {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        Ok(Reference {
            o: rule.parse_options()?,
            references: config.references.clone(),
            measures: config.measures.clone(),
        })
    }
}

impl Check for Reference {
    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(published) = ctx.analysis.published else {
            return;
        };
        let text = ctx.text();
        let mut measures: Vec<&str> = self.references.iter().map(|r| r.measure.as_str()).collect();
        measures.dedup();
        for measure in measures {
            // The article's total: its largest figure of the measure outside headings.
            let total: Option<&Figure> = ctx
                .figures()
                .iter()
                .filter(|f| f.measure.as_deref() == Some(measure) && !f.in_heading)
                .filter(|f| {
                    matches!(
                        f.kind,
                        FigureKind::Count | FigureKind::Number | FigureKind::Money
                    )
                })
                .max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
            let Some(f) = total else { continue };
            let sentence = ctx.sentence_span(f).text(text).to_lowercase();
            let reference = self
                .references
                .iter()
                .filter(|r| r.measure == measure && r.as_of <= published)
                .filter(|r| r.story.as_deref().is_none_or(|s| s == ctx.story.key))
                .filter(|r| {
                    r.subject
                        .as_deref()
                        .is_none_or(|s| crate::text::contains_word(&sentence, &s.to_lowercase()))
                })
                .max_by_key(|r| r.as_of);
            let Some(r) = reference else { continue };
            let m = self.measures.iter().find(|m| m.id == measure);
            let tolerance = r.tolerance.or(m.map(|m| m.tolerance)).unwrap_or(0.1);
            let grows = m.is_some_and(|m| m.grows);
            let Some((lo, hi)) = f.hedged(self.o.hedge_factor) else {
                continue;
            };
            let too_low = hi < r.value * (1.0 - tolerance);
            let too_high = if grows {
                lo > r.value * self.o.max_growth
            } else {
                lo > r.value * (1.0 + tolerance)
            };
            if !(too_low || too_high) {
                continue;
            }
            hits.push(
                Hit::new(f.span)
                    .var("claim", format!("\"{}\"", f.text))
                    .var("reference", crate::stories::claims::format_number(r.value))
                    .var("source", &r.source)
                    .var("as_of", r.as_of)
                    .evidence(json!({
                        "claim": ctx.figure_evidence(f),
                        "measure": measure,
                        "reference": r.value,
                        "reference_source": r.source,
                        "as_of": r.as_of.to_string(),
                        "tolerance": tolerance,
                    })),
            );
        }
    }
}
