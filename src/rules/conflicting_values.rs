//! conflicting-values: one measure given two incompatible values in one article
//! ("at least 3,000 killed" … "the death toll of 210,000").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Figure, FigureKind, Qualifier};
use crate::text::Span;
use crate::text::clause_around;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Pairs of figures of the same measure in one article (deaths, passengers, \
money…) whose values cannot both be right: their intervals, widened by the measure's \
tolerance and read with their qualifiers (\"at least\", \"about\", ranges), do not overlap.",
    why: "An article that gives two tolls for one event disagrees with itself; an editor must \
know which figure it stands behind.",
    example: "\"In all, at least 3,000 people have been killed.\" … \"The death toll stands at \
210,000.\"",
    not_flagged: "Sub-totals by place or group (\"89 were killed at the Bataclan\", \"153 \
Chinese passengers\": a capitalised or group word before the noun, or a `part-cues` word in the \
clause); figures at different times (a `change-cues` word in either sentence: \"rose from 127 to \
132\"); ranges and approximations that overlap; clauses naming different places; figures in \
headings when `skip-headings`; counts below `min-value` (\"two passengers\", \"three people \
on board the boat\" are nearly always subgroups).",
    options: "`measures` (which measures to compare), `same-noun` (also compare figures with \
no measure that count the same noun), `total-cues` (both figures must be marked as the event's \
total), `part-cues`, `change-cues`, \
`skip-headings`, `min-value` (smaller counts are usually subgroups), `hedge-factor` (how far \
above X \"at least X\" may reach).",
    placeholders: &["claim", "measure", "other"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    measures: Vec<String>,
    #[serde(default)]
    part_cues: crate::cues::WordList,
    change_cues: crate::cues::WordList,
    /// When given, both figures must be marked as the event's total ("death toll", "in
    /// all"): two figures of one measure are otherwise often a part and a whole.
    #[serde(default)]
    total_cues: crate::cues::WordList,
    #[serde(default)]
    skip_headings: bool,
    #[serde(default = "default_min_value")]
    min_value: f64,
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
    /// Compare figures with no measure that count the same noun.
    #[serde(default)]
    same_noun: bool,
}

fn default_min_value() -> f64 {
    10.0
}
fn default_hedge() -> f64 {
    2.0
}

pub struct ConflictingValues {
    o: Options,
    tolerances: Vec<(String, f64)>,
}

impl ConflictingValues {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        let tolerances = o
            .measures
            .iter()
            .filter_map(|m| config.measure(m).map(|x| (m.clone(), x.tolerance)))
            .collect();
        Ok(ConflictingValues { o, tolerances })
    }

    fn tolerance(&self, measure: &str) -> f64 {
        self.tolerances
            .iter()
            .find(|(m, _)| m == measure)
            .map_or(0.1, |(_, t)| *t)
    }

    /// A figure that stands for the whole measure, not a part, a change or a subgroup.
    fn is_total(&self, ctx: &ArticleContext<'_>, i: usize) -> bool {
        let text = ctx.text();
        let f = &ctx.figures()[i];
        if !self.o.total_cues.is_empty()
            && !crate::stories::claims::marked_total(text, ctx.analysis, i, &self.o.total_cues)
        {
            return false;
        }
        let sentence = ctx.sentence_span(f);
        let clause = clause_around(text, sentence, f.span);
        // A part cue in the figure's clause, or leading into it ("In the north, 300 …").
        let lead_in = Span::new(sentence.start, clause.end);
        if self.o.change_cues.any(text, sentence) || self.o.part_cues.any(text, lead_in) {
            return false;
        }
        // "153 Chinese passengers": a capitalised modifier makes a subgroup.
        if let Some(noun) = &f.noun {
            let after = text.get(f.span.end..clause.end).unwrap_or("");
            let lower = after.to_lowercase();
            if let Some(at) = lower.find(noun.as_str()) {
                let modifiers = &after[..at];
                if modifiers
                    .split_whitespace()
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase))
                {
                    return false;
                }
            }
        }
        true
    }
}

/// Capitalised words in a clause, other than its first word: the places and groups it names.
fn named_subjects(text: &str, clause: Span) -> Vec<String> {
    clause
        .text(text)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.len() > 2)
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| {
            crate::date::month_from_name(w).is_none() && crate::date::weekday_from_name(w).is_none()
        })
        .map(str::to_string)
        .collect()
}

/// Whether two figures can both be right. "At least X" is read as a floor near X, up to
/// `hedge` × X, as an editor reads it; "up to X" likewise down to X / `hedge`.
pub fn overlap(a: &Figure, b: &Figure, tolerance: f64, hedge: f64) -> bool {
    let (Some((alo, ahi)), Some((blo, bhi))) = (a.hedged(hedge), b.hedged(hedge)) else {
        return true;
    };
    // "about" widens a figure by the tolerance once more.
    let widen = |f: &Figure, lo: f64, hi: f64| {
        let t = if f.qualifier == Qualifier::About {
            2.0 * tolerance
        } else {
            tolerance
        };
        (lo * (1.0 - t), hi * (1.0 + t))
    };
    let (alo, ahi) = widen(a, alo, ahi);
    let (blo, bhi) = widen(b, blo, bhi);
    alo <= bhi && blo <= ahi
}

impl Check for ConflictingValues {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let totals: Vec<&Figure> = ctx
            .figures()
            .iter()
            .enumerate()
            // The cheap tests first: reading the text for a total's cues is the costly one.
            .filter(|(_, f)| {
                matches!(
                    f.kind,
                    FigureKind::Count | FigureKind::Number | FigureKind::Money
                )
            })
            .filter(|(_, f)| match &f.measure {
                Some(m) => self.o.measures.contains(m),
                None => {
                    self.o.same_noun
                        && f.kind == FigureKind::Count
                        && f.noun.is_some()
                        && !f.in_words
                }
            })
            .filter(|(_, f)| !(self.o.skip_headings && f.in_heading))
            .filter(|(_, f)| f.value.is_some_and(|v| v >= self.o.min_value))
            .filter(|&(i, _)| self.is_total(ctx, i))
            .map(|(_, f)| f)
            .collect();
        let mut reported: Vec<usize> = Vec::new();
        for (j, b) in totals.iter().enumerate() {
            for a in &totals[..j] {
                if a.measure != b.measure || a.unit != b.unit || a.sentence == b.sentence {
                    continue;
                }
                if a.measure.is_none() && a.noun != b.noun {
                    continue;
                }
                let noun_measure = format!("number of {}", a.noun.as_deref().unwrap_or("things"));
                let measure = a.measure.as_deref().unwrap_or(&noun_measure);
                if overlap(a, b, self.tolerance(measure), self.o.hedge_factor) {
                    continue;
                }
                let (sa, sb) = (
                    named_subjects(text, clause_around(text, ctx.sentence_span(a), a.span)),
                    named_subjects(text, clause_around(text, ctx.sentence_span(b), b.span)),
                );
                if !sa.is_empty() && !sb.is_empty() && !sa.iter().any(|w| sb.contains(w)) {
                    continue;
                }
                if reported.contains(&j) {
                    continue;
                }
                reported.push(j);
                hits.push(
                    Hit::new(b.span)
                        .var("measure", measure)
                        .var("claim", format!("\"{}\"", b.text))
                        .var("other", format!("\"{}\"", a.text))
                        .evidence(json!({
                            "measure": measure,
                            "claim": ctx.figure_evidence(b),
                            "contradicts": ctx.figure_evidence(a),
                        })),
                );
            }
        }
    }
}
