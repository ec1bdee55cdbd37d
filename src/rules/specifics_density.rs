//! specifics-density: too many unsupported precise figures for an article's length.

use super::unattributed_figure::SpecificFilter;
use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::text::Span;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "The number of unsupported precise figures (unattributed and uncorroborated, \
as unattributed-figure counts them) per 1,000 words of prose, against a threshold.",
    why: "One unsourced figure can be an oversight; a piece dense with them is padded: detail \
added to look authoritative rather than reported. Normalising by length keeps long, careful \
pieces from being punished for their size.",
    example: "A 600-word article with 15 unsupported figures (25 per 1,000 words).",
    not_flagged: "Articles shorter than `min-words`; figures that are attributed or \
corroborated; articles at or under the threshold.",
    options: "`threshold` (figures per 1,000 words), `min-words`, `min-count` (fewer unsupported figures are \
never dense), `max-factor` (cap on the \
weight multiplier), plus the figure filters of unattributed-figure (`kinds`, `min-value`, \
`date-precision`, `skip-approximate`, `skip-words`, `skip-headings`, \
`anonymous-counts-as-attributed`).",
    placeholders: &["count", "density", "threshold", "words"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct DensityOptions {
    #[serde(default = "default_threshold")]
    threshold: f64,
    #[serde(default = "default_min_words")]
    min_words: usize,
    #[serde(default = "default_max_factor")]
    max_factor: f64,
    #[serde(default = "default_min_count")]
    min_count: usize,
}

fn default_min_count() -> usize {
    3
}

fn default_threshold() -> f64 {
    4.0
}
fn default_min_words() -> usize {
    150
}
fn default_max_factor() -> f64 {
    3.0
}

/// The keys of the density rule's own options; the rest are the figure filter's.
const DENSITY_KEYS: [&str; 4] = ["threshold", "min-words", "max-factor", "min-count"];

pub struct SpecificsDensity {
    min_count: usize,
    filter: SpecificFilter,
    threshold: f64,
    min_words: usize,
    max_factor: f64,
}

impl SpecificsDensity {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        // The density options and the figure filter share one table; each reader checks
        // its own keys, so unknown keys are caught by checking against both.
        let mut filter_rule = rule.clone();
        let mut density_rule = rule.clone();
        for key in DENSITY_KEYS {
            filter_rule.options.remove(key);
        }
        density_rule
            .options
            .retain(|k, _| DENSITY_KEYS.contains(&k));
        let d: DensityOptions = density_rule.parse_options()?;
        if !(d.threshold.is_finite() && d.threshold > 0.0) {
            return Err(rule.origin.error(
                "threshold",
                Some(&rule.code),
                "threshold must be a number > 0".into(),
            ));
        }
        Ok(SpecificsDensity {
            filter: super::unattributed_figure::specific_filter(&filter_rule, config)?,
            threshold: d.threshold,
            min_words: d.min_words,
            max_factor: d.max_factor.max(0.0),
            min_count: d.min_count,
        })
    }
}

impl Check for SpecificsDensity {
    fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        self.filter.not_assessed(ctx)
    }

    fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        self.filter.time_words()
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let words = ctx.analysis.doc.word_count;
        if words < self.min_words || words == 0 {
            return;
        }
        let mut unsupported = super::unattributed_figure::unsupported_figures(&self.filter, ctx);
        // Only claims make copy dense with invented detail; times and measurements do not.
        if let Some(claims) = self.filter.claims(ctx) {
            unsupported.retain(|i| claims.contains(i));
        }
        let density = unsupported.len() as f64 * 1000.0 / words as f64;
        if density <= self.threshold || unsupported.len() < self.min_count {
            return;
        }
        let figures = &ctx.analysis.extraction.figures;
        let first = figures[unsupported[0]].span;
        let last = figures[unsupported[unsupported.len() - 1]].span;
        let factor = (density / self.threshold - 1.0).clamp(0.0, self.max_factor);
        let mut hit = Hit::new(Span::new(first.start, last.end))
            .var("count", unsupported.len())
            .var("words", words)
            .var("density", format!("{density:.1}"))
            .var("threshold", self.threshold)
            .evidence(json!({
                "unsupported_figures": unsupported.iter().map(|&i| figures[i].text.clone()).collect::<Vec<_>>(),
                "words": words,
                "per_1000_words": (density * 10.0).round() / 10.0,
                "threshold": self.threshold,
            }));
        hit.factor = factor;
        hits.push(hit);
    }
}
