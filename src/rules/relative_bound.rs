//! relative-bound: a figure larger than a share of a related figure (casualties above the
//! stated population, deaths beyond a plausible share of it).

use super::{ArticleContext, Check, Hit, KindDoc, Prepared};
use crate::config::{ConfigError, Measure, RuleConfig};
use crate::extract::FigureKind;
use crate::stories::StoryView;
use crate::stories::claims::format_number;
use crate::stories::stats::median;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    name: "relative-bound",
    what_it_checks: "Figures of a measure whose `[[measure]]` table has `at-most = [{ measure, \
share }]`, against `share` × a figure of the related measure for the same place: in the same \
sentence, or in a sentence of the article or of the story's other articles that names the same \
place (a capitalised name, or one of the `place-nouns`: \"the town\", \"the valley\"). A \
sentence with \"there\" speaks of the place of the sentence before it.",
    why: "A toll cannot exceed the population it is drawn from, and deaths beyond a fraction of \
it are implausible for all but the worst catastrophes. Such a figure is usually a unit slip or \
an invention; the finding names both figures.",
    example: "\"Casualties had mounted to 700,000\" in an article that gives the province \
900,000 residents (casualties are bounded at half the population).",
    not_flagged: "Measures without `at-most`; a related figure for another place, or for no \
place the toll's sentence names (a population is a property of a place, and a toll is compared \
with it only when both refer to the same one); figures whose lower bound is within the share.",
    options: "`hedge-factor`, `place-nouns`.",
    placeholders: &["claim", "measure", "related", "related_measure", "share"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
    /// Common nouns that name a place ("the town", "the valley").
    #[serde(default)]
    place_nouns: Vec<String>,
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
        let mut o: Options = rule.parse_options()?;
        for n in &mut o.place_nouns {
            *n = n.to_lowercase();
        }
        Ok(RelativeBound {
            o,
            measures: measures.to_vec(),
        })
    }

    /// The places a sentence names, lower-cased: capitalised names (not its first word,
    /// unless a comma follows it: "Kessin, a village of …"), and place nouns. "there" adds
    /// the places of the sentence before.
    fn places(
        &self,
        text: &str,
        analysis: &crate::analysis::Analysis,
        sentence: usize,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let Some(s) = analysis.doc.sentences.get(sentence) else {
            return out;
        };
        let body = s.span.text(text);
        let mut refers_back = false;
        for (k, raw) in body.split_whitespace().enumerate() {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            let lower = w.to_lowercase();
            if lower == "there" {
                refers_back = true;
            }
            let capitalised = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && crate::date::month_from_name(w).is_none()
                && crate::date::weekday_from_name(w).is_none();
            if (capitalised && (k > 0 || raw.ends_with(','))) || self.o.place_nouns.contains(&lower)
            {
                out.push(lower);
            }
        }
        if refers_back && sentence > 0 {
            out.extend(self.places(text, analysis, sentence - 1));
        }
        out.sort();
        out.dedup();
        out
    }
}

/// A related figure (a population) with the places its sentence names.
struct Related {
    value: f64,
    places: Vec<String>,
    article: String,
}

/// For each related measure, its figures across the story's articles, with their places.
struct StoryRelated {
    values: Vec<(String, Vec<Related>)>,
}

fn shares_place(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
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
            .map(|r| {
                let stated: Vec<Related> = story
                    .members
                    .iter()
                    .flat_map(|m| {
                        let text = m.article.text.as_str();
                        m.analysis
                            .extraction
                            .figures
                            .iter()
                            .filter(|f| f.measure.as_deref() == Some(r.as_str()))
                            .filter(|f| matches!(f.kind, FigureKind::Count | FigureKind::Number))
                            .filter_map(|f| {
                                Some(Related {
                                    value: f.value?,
                                    places: self.places(text, m.analysis, f.sentence),
                                    article: m.article.id.clone(),
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (r, stated)
            })
            .collect();
        Some(Box::new(StoryRelated { values }))
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        let story = ctx.prepared.and_then(|p| p.downcast_ref::<StoryRelated>());
        // The places of each related figure's sentence (a population's), read once.
        let related_places: Vec<Vec<String>> = figures
            .iter()
            .map(|r| {
                let related = r.measure.as_deref().is_some_and(|id| {
                    self.measures
                        .iter()
                        .any(|m| m.at_most.iter().any(|b| b.measure == id))
                });
                if related {
                    self.places(text, ctx.analysis, r.sentence)
                } else {
                    Vec::new()
                }
            })
            .collect();
        for f in figures {
            let Some(m) = f
                .measure
                .as_ref()
                .and_then(|id| crate::config::measure_by_id(&self.measures, id))
            else {
                continue;
            };
            if !matches!(f.kind, FigureKind::Count | FigureKind::Number) || m.at_most.is_empty() {
                continue;
            }
            let Some((lo, _)) = f.hedged(self.o.hedge_factor) else {
                continue;
            };
            // The places of the figure's sentence, read only when some bound could be
            // broken: the smallest value a bound could take is already no limit to most
            // figures.
            let mut places: Option<Vec<String>> = None;
            for bound in &m.at_most {
                let own_values = figures
                    .iter()
                    .filter(|r| r.measure.as_deref() == Some(bound.measure.as_str()))
                    .filter(|r| matches!(r.kind, FigureKind::Count | FigureKind::Number))
                    .filter_map(|r| r.value);
                let story_values = story
                    .and_then(|s| s.values.iter().find(|(id, _)| id == &bound.measure))
                    .into_iter()
                    .flat_map(|(_, stated)| stated.iter().map(|r| r.value));
                let smallest = own_values.chain(story_values).min_by(f64::total_cmp);
                if smallest.is_none_or(|v| lo <= bound.share * v) {
                    continue;
                }
                let places: &Vec<String> =
                    places.get_or_insert_with(|| self.places(text, ctx.analysis, f.sentence));
                // The same sentence first, then the article's sentences naming the place.
                let own = figures
                    .iter()
                    .zip(&related_places)
                    .filter(|(r, _)| r.measure.as_deref() == Some(bound.measure.as_str()))
                    .filter(|(r, _)| matches!(r.kind, FigureKind::Count | FigureKind::Number))
                    .filter(|(r, at)| r.sentence == f.sentence || shares_place(places, at))
                    .filter_map(|(r, _)| r.value.map(|v| (v, r)))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let (limit_base, related_evidence, related_text) = match own {
                    Some((v, r)) => (
                        v,
                        json!({ "figure": ctx.figure_evidence(r), "from": "this article" }),
                        format!("\"{}\"", r.text),
                    ),
                    None => {
                        let Some((_, stated)) = story
                            .and_then(|s| s.values.iter().find(|(id, _)| id == &bound.measure))
                        else {
                            continue;
                        };
                        let same_place: Vec<&Related> = stated
                            .iter()
                            .filter(|r| shares_place(places, &r.places))
                            .collect();
                        let values: Vec<f64> = same_place.iter().map(|r| r.value).collect();
                        let Some(v) = median(&values) else {
                            continue;
                        };
                        let mut ids: Vec<String> =
                            same_place.iter().map(|r| r.article.clone()).collect();
                        ids.dedup();
                        (
                            v,
                            json!({ "value": v, "from": "the story", "articles": ids }),
                            format_number(v),
                        )
                    }
                };
                let limit = bound.share * limit_base;
                if lo <= limit {
                    continue;
                }
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
                            "places": places,
                        })),
                );
            }
        }
    }
}
