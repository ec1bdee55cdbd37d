//! density: occurrences of phrases or patterns per 1,000 words above a threshold.

use super::pattern::{Matcher, MatcherOptions, Scope, default_scope, scope_spans};
use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::cues::{ListId, RuleList};
use crate::text::Span;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Occurrences of the rule's `phrases` or `patterns` in the scope per 1,000 \
words of prose, against `threshold`.",
    why: "One intensifier is style; a piece thick with them is selling, not reporting. \
Normalising by length keeps long pieces from being punished for their size.",
    example: "`phrases = [\"massive\", \"huge\", \"unprecedented\"]`, `threshold = 6`: fires on \
a 300-word piece using them four times (13 per 1,000 words).",
    not_flagged: "Articles shorter than `min-words`; densities at or under the threshold.",
    options: "`phrases`, `patterns`, `case-sensitive`, `threshold`, `min-words`, \
`max-factor`, `scope`.",
    placeholders: &["count", "density", "threshold", "words"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    case_sensitive: bool,
    threshold: f64,
    #[serde(default = "default_min_words")]
    min_words: usize,
    #[serde(default = "default_max_factor")]
    max_factor: f64,
    #[serde(default = "default_scope")]
    scope: Vec<Scope>,
}

fn default_min_words() -> usize {
    150
}
fn default_max_factor() -> f64 {
    3.0
}

pub struct PatternDensity {
    matcher: Matcher,
    threshold: f64,
    min_words: usize,
    max_factor: f64,
    scope: Vec<Scope>,
}

impl PatternDensity {
    pub fn new(rule: &RuleConfig, size_limit: usize, list: u32) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        if !(o.threshold.is_finite() && o.threshold > 0.0) {
            return Err(rule.origin.error(
                "threshold",
                Some(&rule.code),
                "threshold must be a number > 0".into(),
            ));
        }
        Ok(PatternDensity {
            matcher: Matcher::with_index(
                &MatcherOptions {
                    phrases: o.phrases,
                    patterns: o.patterns,
                    case_sensitive: o.case_sensitive,
                },
                rule,
                size_limit,
                Some((ListId::Rule(list), "phrases")),
            )?,
            threshold: o.threshold,
            min_words: o.min_words,
            max_factor: o.max_factor,
            scope: o.scope,
        })
    }
}

impl Check for PatternDensity {
    fn reads_story(&self) -> bool {
        false
    }

    fn indexed_phrases(&self) -> Option<RuleList<'_>> {
        self.matcher.indexed_phrases()
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let words = ctx.analysis.doc.word_count;
        if words < self.min_words || words == 0 {
            return;
        }
        let text = ctx.text();
        let found: Vec<Span> = scope_spans(ctx, &self.scope)
            .into_iter()
            .flat_map(|s| self.matcher.find(ctx.phrase_hits, ctx, s))
            .collect();
        let density = found.len() as f64 * 1000.0 / words as f64;
        if density <= self.threshold || found.is_empty() {
            return;
        }
        let mut hit = Hit::new(Span::new(found[0].start, found[found.len() - 1].end))
            .var("count", found.len())
            .var("words", words)
            .var("density", format!("{density:.1}"))
            .var("threshold", self.threshold)
            .evidence(json!({
                "matches": found.iter().map(|s| s.text(text)).collect::<Vec<_>>(),
                "words": words,
                "per_1000_words": (density * 10.0).round() / 10.0,
                "threshold": self.threshold,
            }));
        hit.factor = (density / self.threshold - 1.0).clamp(0.0, self.max_factor);
        hits.push(hit);
    }
}
