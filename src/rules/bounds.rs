//! bounds: a figure outside the plausible range its measure allows (a share above 100%, a
//! negative amount).

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, Measure, RuleConfig};
use crate::extract::FigureKind;
use crate::text::clause_around;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Figures whose measure sets `min` or `max` in its `[[measure]]` table, \
against those bounds.",
    why: "Some values cannot be: more than 100% of a group, a negative death toll, a budget \
beyond any state's means. A figure outside its measure's bounds is a typo or an invention.",
    example: "\"Turnout reached 112% of registered voters.\"",
    not_flagged: "Figures of measures without bounds; percentages of change (\"prices rose \
150%\": a `change-cues` word in the clause).",
    options: "`change-cues`, `ratio-cues` (phrases right after a percentage that make it a \
ratio to another quantity: \"of GDP\").",
    placeholders: &["bound", "claim", "measure"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    change_cues: crate::cues::WordList,
    /// Phrases right after a percentage that make it a ratio to another quantity.
    #[serde(default)]
    ratio_cues: Vec<String>,
}

pub struct Bounds {
    o: Options,
    measures: Vec<Measure>,
}

impl Bounds {
    pub fn new(rule: &RuleConfig, measures: &[Measure]) -> Result<Self, ConfigError> {
        Ok(Bounds {
            o: rule.parse_options()?,
            measures: measures.to_vec(),
        })
    }
}

impl Check for Bounds {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        for f in ctx.figures() {
            let Some(m) = f
                .measure
                .as_ref()
                .and_then(|id| crate::config::measure_by_id(&self.measures, id))
            else {
                continue;
            };
            let Some(v) = f.value else { continue };
            let below = m.min.is_some_and(|min| v < min);
            let above = m.max.is_some_and(|max| v > max);
            if !(below || above) {
                continue;
            }
            if f.kind == FigureKind::Percent {
                let clause = clause_around(text, ctx.sentence_span(f), f.span);
                if self.o.change_cues.any(text, clause) {
                    continue;
                }
                let after = text
                    .get(f.span.end..clause.end)
                    .unwrap_or("")
                    .trim_start()
                    .to_lowercase();
                if self
                    .o
                    .ratio_cues
                    .iter()
                    .any(|c| after.starts_with(&c.to_lowercase()))
                {
                    continue;
                }
            }
            let bound = if above {
                format!("at most {}", m.max.unwrap_or_default())
            } else {
                format!("at least {}", m.min.unwrap_or_default())
            };
            hits.push(
                Hit::new(f.span)
                    .var("claim", format!("\"{}\"", f.text))
                    .var("measure", &m.id)
                    .var("bound", &bound)
                    .evidence(json!({
                        "claim": ctx.figure_evidence(f),
                        "measure": m.id,
                        "min": m.min,
                        "max": m.max,
                    })),
            );
        }
    }
}
