//! parts-whole: parts that add up to more than their stated whole ("$60 million and $70
//! million of the $100 million fund"), or a share larger than the total.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Figure, FigureKind};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    name: "parts-whole",
    what_it_checks: "Figures joined by \"and\" or commas right before \"of the\", \"of its\" or \
\"out of\" and a figure of the same kind and unit (the whole); and percentages of one noun in one \
sentence (\"60% of voters … 55% of voters\") that sum past 100.",
    why: "Parts cannot exceed their whole. When they do, at least one figure is wrong.",
    example: "\"Donors gave $60 million and $70 million of the $100 million fund.\"",
    not_flagged: "\"half of the $100 million\" (a fraction); parts within `tolerance` of the \
whole; percentages of different nouns, or in a sentence with a change word (\"rose\", \
\"from\").",
    options: "`tolerance` (relative), `change-cues`.",
    placeholders: &["parts", "whole"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    change_cues: crate::cues::WordList,
}

fn default_tolerance() -> f64 {
    0.02
}

pub struct PartsWhole {
    o: Options,
}

impl PartsWhole {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(PartsWhole {
            o: rule.parse_options()?,
        })
    }
}

fn same_quantity(a: &Figure, b: &Figure) -> bool {
    let family = |k: FigureKind| match k {
        FigureKind::Number => FigureKind::Count,
        k => k,
    };
    family(a.kind) == family(b.kind) && a.unit == b.unit && a.kind != FigureKind::Date
}

impl Check for PartsWhole {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        for (w, whole) in figures.iter().enumerate() {
            if w == 0 || whole.value.is_none() || whole.kind == FigureKind::Percent {
                continue;
            }
            // The few words before the whole are all that "of the" needs.
            let sentence = ctx.sentence_span(whole);
            let before = text.get(sentence.start..whole.span.start).unwrap_or("");
            let lead = before.trim_end().to_lowercase();
            let joined = [
                "of the",
                "of its",
                "of their",
                "out of",
                "of a total of",
                "of a",
            ]
            .iter()
            .any(|p| lead.ends_with(p));
            if !joined {
                continue;
            }
            // Parts: the figures just before, in the same sentence, joined by "and" or commas.
            let mut parts: Vec<&Figure> = Vec::new();
            // Where " of" starts, as an offset into the text (not into `before`).
            let mut edge = before
                .trim_end()
                .rfind(" of")
                .map_or(whole.span.start, |i| sentence.start + i);
            for p in figures[..w].iter().rev() {
                if p.sentence != whole.sentence || !same_quantity(p, whole) {
                    break;
                }
                let Some(between) = text.get(p.span.end..edge).map(str::trim) else {
                    break;
                };
                let glue = between.is_empty()
                    || between == ","
                    || between == "and"
                    || between == ", and"
                    || between.split_whitespace().count() <= 2 && !between.contains(['.', ';']);
                if !glue {
                    break;
                }
                parts.push(p);
                edge = p.span.start;
            }
            if parts.is_empty() {
                continue;
            }
            let sum: f64 = parts.iter().filter_map(|p| p.value).sum();
            let total = whole.value.unwrap_or(f64::INFINITY);
            if sum > total * (1.0 + self.o.tolerance) {
                parts.reverse();
                hits.push(
                    Hit::new(parts[0].span)
                        .var("parts", parts.iter().map(|p| format!("\"{}\"", p.text)).collect::<Vec<_>>().join(" + "))
                        .var("whole", format!("\"{}\"", whole.text))
                        .evidence(json!({
                            "parts": parts.iter().map(|p| ctx.figure_evidence(p)).collect::<Vec<_>>(),
                            "sum": sum,
                            "whole": ctx.figure_evidence(whole),
                        })),
                );
            }
        }
        // Percentages of one noun in one sentence.
        let mut by_sentence: std::collections::BTreeMap<(usize, String), Vec<&Figure>> =
            Default::default();
        for f in figures.iter().filter(|f| f.kind == FigureKind::Percent) {
            if let Some(noun) = &f.noun {
                // The whole is the phrase up to the noun: "of Trump voters" and "of Clinton
                // voters" are shares of two wholes.
                let after = text.get(f.span.end..).unwrap_or("").to_lowercase();
                let whole = after.find(noun.as_str()).filter(|&i| i <= 60).map_or_else(
                    || noun.clone(),
                    |i| {
                        after[..i + noun.len()]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    },
                );
                by_sentence.entry((f.sentence, whole)).or_default().push(f);
            }
        }
        for ((_, noun), group) in by_sentence {
            if group.len() < 2 {
                continue;
            }
            let sentence = ctx.sentence_span(group[0]);
            if self.o.change_cues.any(text, sentence) {
                continue;
            }
            let sum: f64 = group.iter().filter_map(|f| f.value).sum();
            if sum > 100.0 * (1.0 + self.o.tolerance) {
                hits.push(
                    Hit::new(group[0].span)
                        .var("parts", group.iter().map(|p| format!("\"{}\"", p.text)).collect::<Vec<_>>().join(" + "))
                        .var("whole", format!("100% of {noun}"))
                        .evidence(json!({
                            "parts": group.iter().map(|p| ctx.figure_evidence(p)).collect::<Vec<_>>(),
                            "sum": sum,
                            "whole": "100%",
                        })),
                );
            }
        }
    }
}
