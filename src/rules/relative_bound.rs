//! relative-bound: a figure larger than a share of a related figure (casualties above the
//! stated population, deaths beyond a plausible share of it).

use super::{ArticleContext, Check, Hit, KindDoc, Prepared};
use crate::config::{ConfigError, Measure, RuleConfig};
use crate::extract::{Figure, FigureKind};
use crate::stories::StoryView;
use crate::stories::claims::format_number;
use crate::stories::stats::median;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    name: "relative-bound",
    what_it_checks: "Figures of a measure whose `[[measure]]` table has `at-most = [{ measure, \
share }]`, against `share` × the related measure's figure stated in the same article (its \
largest), or else the median of what the story's other articles state.",
    why: "A toll cannot exceed the population it is drawn from, and deaths beyond a fraction of \
it are implausible for all but the worst catastrophes. Such a figure is usually a unit slip or \
an invention; the finding names both figures.",
    example: "\"Casualties had mounted to 700,000\" in an article that gives the province \
900,000 residents (casualties are bounded at half the population).",
    not_flagged: "Measures without `at-most`; articles and stories that state no related \
figure; figures whose lower bound is within the share.",
    options: "`hedge-factor`.",
    placeholders: &["claim", "measure", "related", "related_measure", "share"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
}

fn default_hedge() -> f64 {
    2.0
}

pub struct RelativeBound {
    o: Options,
    measures: Vec<Measure>,
}

impl RelativeBound {
    pub fn new(rule: &RuleConfig, measures: &[Measure]) -> Result<Self, ConfigError> {
        Ok(RelativeBound {
            o: rule.parse_options()?,
            measures: measures.to_vec(),
        })
    }
}

/// The largest figure of `measure` in one article.
fn largest<'f>(figures: &'f [Figure], measure: &str) -> Option<&'f Figure> {
    figures
        .iter()
        .filter(|f| f.measure.as_deref() == Some(measure))
        .filter(|f| matches!(f.kind, FigureKind::Count | FigureKind::Number))
        .max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)))
}

/// For each related measure, the median over the story's articles of their largest figure,
/// and which articles state one.
struct StoryRelated {
    values: Vec<(String, f64, Vec<String>)>,
}

impl Check for RelativeBound {
    fn prepare(&self, story: &StoryView<'_>) -> Option<Prepared> {
        let mut related: Vec<String> = self
            .measures
            .iter()
            .flat_map(|m| m.related_measures())
            .collect();
        related.sort();
        related.dedup();
        let values = related
            .into_iter()
            .filter_map(|r| {
                let stated: Vec<(f64, String)> = story
                    .members
                    .iter()
                    .filter_map(|m| {
                        largest(&m.analysis.extraction.figures, &r)
                            .and_then(|f| f.value)
                            .map(|v| (v, m.article.id.clone()))
                    })
                    .collect();
                let values: Vec<f64> = stated.iter().map(|(v, _)| *v).collect();
                median(&values).map(|m| (r, m, stated.into_iter().map(|(_, id)| id).collect()))
            })
            .collect();
        Some(Box::new(StoryRelated { values }))
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let figures = ctx.figures();
        let story = ctx.prepared.and_then(|p| p.downcast_ref::<StoryRelated>());
        for f in figures {
            let Some(m) = f
                .measure
                .as_ref()
                .and_then(|id| crate::config::measure_by_id(&self.measures, id))
            else {
                continue;
            };
            if !matches!(f.kind, FigureKind::Count | FigureKind::Number) {
                continue;
            }
            let Some((lo, _)) = f.hedged(self.o.hedge_factor) else {
                continue;
            };
            for bound in &m.at_most {
                let own = largest(figures, &bound.measure);
                let (limit_base, related_evidence) = match own.and_then(|r| r.value.map(|v| (v, r)))
                {
                    Some((v, r)) => (
                        v,
                        json!({ "figure": ctx.figure_evidence(r), "from": "this article" }),
                    ),
                    None => match story
                        .and_then(|s| s.values.iter().find(|(id, _, _)| id == &bound.measure))
                    {
                        Some((_, v, ids)) => (
                            *v,
                            json!({ "value": v, "from": "the story", "articles": ids }),
                        ),
                        None => continue,
                    },
                };
                let limit = bound.share * limit_base;
                if lo <= limit {
                    continue;
                }
                let related_text =
                    own.map_or_else(|| format_number(limit_base), |r| format!("\"{}\"", r.text));
                hits.push(
                    Hit::new(f.span)
                        .var("claim", format!("\"{}\"", f.text))
                        .var("measure", &m.id)
                        .var("related", related_text)
                        .var("related_measure", &bound.measure)
                        .var("share", format!("{:.0}%", bound.share * 100.0))
                        .evidence(json!({
                            "claim": ctx.figure_evidence(f),
                            "measure": m.id,
                            "related_measure": bound.measure,
                            "related": related_evidence,
                            "share": bound.share,
                            "limit": limit,
                        })),
                );
            }
        }
    }
}
