//! conflicting-values: one measure given two incompatible values in one article
//! ("at least 3,000 killed" … "the death toll of 210,000").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Figure, FigureKind, Qualifier};
use crate::stories::figure_keys::KeyedFigure;
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
on board the boat\" are nearly always subgroups); amounts that round to one value (\"$13 \
billion\" and \"$13.2 billion\"), carry a `money-qualifiers` word (\"including debt\", \"per \
share\"), or sit among three or more amounts of one frame.",
    options: "`measures` (which measures to compare), `same-noun` (also compare figures with \
no measure that count the same noun), `total-cues` (both figures must be marked as the event's \
total), `part-cues`, `change-cues`, \
`skip-headings`, `min-value` (smaller counts are usually subgroups), `hedge-factor` (how far \
above X \"at least X\" may reach), `restated-money` (frames of money a story states once, \
compared when they do not round to one value), `money-qualifiers`, `min-money`.",
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
    /// Also compare restatements of one headcount that carry no total marker: two figures
    /// of the same measure counting the same noun in the story's own time ("injuring five
    /// people" … "a dozen people were injured"), each standing alone (no subgroup, no list,
    /// no change), read with their hedges and no further tolerance.
    #[serde(default)]
    restatements: bool,
    /// Words next to a figure that make it one group among others ("two others", "three
    /// more", "the remaining four"): not a restatement of the total.
    #[serde(default)]
    subgroup_words: Vec<String>,
    /// Prepositions that name a place ("in Paris", "at the Bataclan"): two figures whose
    /// clauses name different places are counts of different places.
    #[serde(default)]
    place_prepositions: Vec<String>,
    /// Singular nouns of one more member of a list of groups ("two women and a man"): after
    /// "and a", such a noun (or an ordinal: "and a third") makes the figure one group of
    /// several.
    #[serde(default)]
    list_words: Vec<String>,
    /// Words that take a part of a whole ("a majority of the 538 votes", "most of the 40
    /// staff"): the figure after "of the" is the whole, not a count told.
    #[serde(default)]
    part_words: Vec<String>,
    /// Restatements further apart than this factor are counts of different groups ("three
    /// people on the boat" … "239 people on board"), not one count told twice.
    #[serde(default = "default_max_ratio")]
    max_ratio: f64,
    /// Frames of money an article states once for its story (the first word of a
    /// `[figure-keys]` money-frames group: "price" for what a deal costs): two amounts of one
    /// of these frames, in one currency and the story's own time, that round to different
    /// values restate one amount two ways. Empty: amounts are not compared.
    #[serde(default)]
    restated_money: Vec<String>,
    /// Words in an amount's clause that make it another amount of the same deal ("including
    /// debt", "per share", "in cash"): not the amount restated.
    #[serde(default)]
    money_qualifiers: crate::cues::WordList,
    /// Amounts below this are not compared: ticket and share prices differ by design.
    #[serde(default = "default_min_money")]
    min_money: f64,
}

fn default_min_money() -> f64 {
    1_000_000.0
}

fn default_max_ratio() -> f64 {
    4.0
}

/// Whether two figures' values lie within `max` of each other.
fn within_ratio(a: &Figure, b: &Figure, max: f64) -> bool {
    match (a.value, b.value) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => x.max(y) / x.min(y) <= max,
        _ => false,
    }
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
    /// Each compared measure's cue words ("killed", "injured").
    cues: Vec<(String, Vec<String>)>,
    /// Each compared measure's nouns ("dead", "wounded", "victims").
    nouns: Vec<(String, Vec<String>)>,
    keys: Option<crate::stories::figure_keys::KeyOptions>,
}

impl ConflictingValues {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        let tolerances = o
            .measures
            .iter()
            .filter_map(|m| config.measure(m).map(|x| (m.clone(), x.tolerance)))
            .collect();
        let keys = if o.restatements {
            let mut keys = config.figure_keys.options()?;
            // Within one article even small counts are compared: "five" and "a dozen" hurt.
            keys.min_value = 2.0;
            keys.min_headcount = 2.0;
            keys.hedge_factor = o.hedge_factor;
            Some(keys)
        } else {
            None
        };
        let cues = o
            .measures
            .iter()
            .filter_map(|m| config.measure(m).map(|x| (m.clone(), x.cues.clone())))
            .collect();
        let nouns = o
            .measures
            .iter()
            .filter_map(|m| config.measure(m).map(|x| (m.clone(), x.nouns.clone())))
            .collect();
        Ok(ConflictingValues {
            o,
            tolerances,
            cues,
            nouns,
            keys,
        })
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
        let before = hits.len();
        self.check_totals(ctx, hits);
        if hits.len() > before {
            return;
        }
        // Keyed once for both readings.
        let Some(keys) = &self.keys else { return };
        let keyed = crate::stories::figure_keys::keyed_figures(ctx.text(), ctx.analysis, keys);
        if self.o.restatements {
            self.check_restatements(ctx, &keyed, hits);
        }
        if !self.o.restated_money.is_empty() && hits.len() == before {
            self.check_money(ctx, &keyed, hits);
        }
    }
}

impl ConflictingValues {
    /// Two figures each marked as the event's total.
    fn check_totals(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
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
                    named_subjects(text, bounded_clause(text, ctx, a)),
                    named_subjects(text, bounded_clause(text, ctx, b)),
                );
                if !sa.is_empty() && !sb.is_empty() && !sa.iter().any(|w| sb.contains(w)) {
                    continue;
                }
                if reported.contains(&j) {
                    continue;
                }
                reported.push(j);
                hits.push(two_values(ctx, measure, a, b));
            }
        }
    }
}

impl ConflictingValues {
    /// Two restatements of one headcount with values that cannot both be right.
    fn check_restatements(
        &self,
        ctx: &ArticleContext<'_>,
        keyed: &[KeyedFigure],
        hits: &mut Vec<Hit>,
    ) {
        let text = ctx.text();
        let figures = ctx.figures();
        let restated: Vec<(String, &Figure)> = keyed
            .iter()
            // The story's own time, in the body; a measure this rule compares, or a
            // count of a named thing.
            .filter(|k| k.time.is_empty() && !k.in_heading)
            .filter(|k| self.o.measures.contains(&k.key) || k.key.starts_with("count:"))
            .map(|k| (k.key.clone(), k.figure))
            // A figure names what it counts, or is marked as the measure's total ("the
            // death toll stood at 21").
            .filter(|&(_, i)| {
                figures[i].noun.is_some()
                    || (figures[i].measure.is_some()
                        && crate::stories::claims::marked_total(
                            text,
                            ctx.analysis,
                            i,
                            &self.o.total_cues,
                        ))
            })
            .map(|(key, i)| (key, &figures[i]))
            .filter(|(_, f)| f.kind != FigureKind::Money)
            .filter(|(_, f)| self.stands_alone(ctx, f))
            .collect();
        for (j, (key, b)) in restated.iter().enumerate() {
            // A figure that repeats an earlier one of the same key restates that one ("the
            // 122 objects" after "122 objects"), whatever else the article counts.
            if restated[..j]
                .iter()
                .any(|(other, a)| other == key && restatement_overlap(a, b, self.o.hedge_factor))
            {
                continue;
            }
            let Some((_, a)) = restated[..j].iter().find(|(other, a)| {
                other == key
                    && self.nouns_alike(a, b)
                    && within_ratio(a, b, self.o.max_ratio)
                    && a.sentence != b.sentence
                    && !restatement_overlap(a, b, self.o.hedge_factor)
                    && !self.different_places(ctx, a, b)
                    && !different_subjects(text, ctx, a, b)
                    // A count of things restates an earlier one only when it refers back to
                    // it ("14 miners were trapped" … "the 41 trapped miners").
                    && (b.measure.is_some() || definite(text, b))
            }) else {
                continue;
            };
            let noun_measure = format!("number of {}", b.noun.as_deref().unwrap_or("things"));
            let measure = b.measure.as_deref().unwrap_or(&noun_measure);
            hits.push(two_values(ctx, measure, a, b));
            // One finding an article: a third value restates the same disagreement.
            return;
        }
    }

    /// Two amounts of one stated-once frame ("a $13.2 billion acquisition" … "the price works
    /// out to $12.3 billion") that round to different values. Each must stand alone as a count
    /// does, carry no qualifier that makes it another amount of the deal, and share no
    /// clause with a different named subject or place.
    fn check_money(&self, ctx: &ArticleContext<'_>, keyed: &[KeyedFigure], hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        let amounts: Vec<(String, &Figure)> = keyed
            .iter()
            .filter(|k| k.time.is_empty() && !k.in_heading)
            .filter(|k| {
                k.key
                    .strip_prefix("money:")
                    .and_then(|rest| rest.split(':').next())
                    .is_some_and(|frame| self.o.restated_money.iter().any(|m| m == frame))
            })
            .map(|k| (k.key.clone(), &figures[k.figure]))
            .filter(|(_, f)| {
                f.kind == FigureKind::Money && f.value.is_some_and(|v| v >= self.o.min_money)
            })
            .filter(|(_, f)| {
                let clause = bounded_clause(text, ctx, f);
                !self.o.money_qualifiers.any(text, clause)
            })
            .filter(|(_, f)| self.stands_alone(ctx, f))
            .collect();
        for (j, (key, b)) in amounts.iter().enumerate() {
            if amounts[..j]
                .iter()
                .any(|(other, a)| other == key && rounds_alike(a, b, self.o.hedge_factor))
            {
                continue;
            }
            // Three or more distinct amounts of one frame: the article weighs several
            // amounts (a deal, its parts, an earlier sale), not one amount told twice.
            if distinct_amounts(&amounts, key, self.o.hedge_factor) != 2 {
                continue;
            }
            let Some((_, a)) = amounts[..j].iter().find(|(other, a)| {
                other == key
                    && within_ratio(a, b, self.o.max_ratio)
                    && a.sentence != b.sentence
                    && !rounds_alike(a, b, self.o.hedge_factor)
                    && !self.different_places(ctx, a, b)
                    && !different_subjects(text, ctx, a, b)
            }) else {
                continue;
            };
            hits.push(two_values(ctx, "amount", a, b));
            return;
        }
    }

    /// A figure that restates the whole count, not one group of it: no part or change cue,
    /// no subgroup word or capitalised modifier next to it, not one item of a list ("a man
    /// and two women").
    fn stands_alone(&self, ctx: &ArticleContext<'_>, f: &Figure) -> bool {
        let text = ctx.text();
        // The context window, not the whole sentence: a long sentence stays linear.
        let sentence = crate::text::context_window(text, ctx.sentence_span(f), f.span);
        let clause = clause_around(text, sentence, f.span);
        let lead_in = Span::new(sentence.start, clause.end);
        if self.o.change_cues.any(text, sentence) || self.o.part_cues.any(text, lead_in) {
            return false;
        }
        let before: Vec<String> = text[clause.start..f.span.start]
            .split_whitespace()
            .rev()
            .take(2)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        let after_text = text.get(f.span.end..clause.end).unwrap_or("");
        let after: Vec<String> = after_text
            .split_whitespace()
            .take(4)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        // "a majority of the 538 votes", "12 of the 40": the whole a part is taken from, not
        // a count told ("the arrest of the 23 pirates" is).
        let lead: Vec<String> = text[sentence.start..f.span.start]
            .split_whitespace()
            .rev()
            .take(3)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        if lead.len() == 3
            && lead[0] == "the"
            && lead[1] == "of"
            && (self.o.part_words.contains(&lead[2])
                || lead[2].chars().all(|c| c.is_ascii_digit())
                || crate::extract::numbers::small_number(&lead[2]).is_some())
        {
            return false;
        }
        let subgroup = |w: &String| self.o.subgroup_words.iter().any(|s| s == w);
        // "more than 30" is a hedge, not "three more".
        let hedge = |k: usize| before[k] == "more" && k > 0 && before[k - 1] == "than";
        let subgroup_before = (0..before.len()).any(|k| subgroup(&before[k]) && !hedge(k));
        if (subgroup_before && !self.after_total_opener(text, sentence, f))
            || after.iter().take(2).any(subgroup)
        {
            return false;
        }
        // One item of a list: "and" or a comma right before it, or "and a/an/one/N" right
        // after its noun.
        if before.first().is_some_and(|w| w == "and" || w == "or")
            || (text[..f.span.start].trim_end().ends_with(',')
                && !apposition(text, f)
                && !self.after_total_opener(text, sentence, f))
        {
            return false;
        }
        // "Two people died at the scene and a third in hospital": a list of groups.
        let rest: Vec<String> = after_text
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        let another_group = |w: &[String]| {
            matches!(w[0].as_str(), "and" | "or" | "while" | "but")
                && (w[1].chars().next().is_some_and(|c| c.is_ascii_digit())
                    || crate::extract::numbers::small_number(&w[1]).is_some()
                    || (matches!(w[1].as_str(), "a" | "an" | "another" | "one")
                        && w.get(2).is_some_and(|n| {
                            self.o.list_words.contains(n)
                                || crate::extract::numbers::ordinal_word(n).is_some()
                        })))
        };
        if (0..rest.len().saturating_sub(1))
            .any(|i| another_group(&rest[i..(i + 3).min(rest.len())]))
        {
            return false;
        }
        if let Some(at) = after.iter().position(|w| w == "and" || w == "or") {
            let next = after.get(at + 1).map(String::as_str).unwrap_or("");
            let counts_more = next.chars().next().is_some_and(|c| c.is_ascii_digit())
                || crate::extract::numbers::small_number(next).is_some();
            // "239 passengers and crew" counts a combined group; "injuring five people and
            // damaging buildings" goes on to another verb;
            // "23 pirates and a large arms cache" goes on to another thing (a determiner; "and
            // a man" is a list, read above).
            let determiner = matches!(next, "a" | "an" | "the" | "its" | "their" | "his" | "her");
            let joins_noun =
                at == 1 && !determiner && !next.ends_with("ing") && !next.ends_with("ed");
            if (at <= 2 && counts_more) || joins_noun {
                return false;
            }
        }
        // "five passengers who checked in": a relative clause picks out some of them, unless
        // it restates the measure of a definite whole ("the three people who were killed").
        if after
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "who" | "whom" | "whose" | "that" | "which"))
        {
            let cues = f
                .measure
                .as_ref()
                .and_then(|m| self.cues.iter().find(|(id, _)| id == m))
                .map(|(_, cues)| cues.as_slice())
                .unwrap_or_default();
            let definite = before.first().is_some_and(|w| w == "the" || w == "all");
            if !(definite && after.iter().skip(2).take(3).any(|w| cues.contains(w))) {
                return false;
            }
        }
        // "153 Chinese passengers": a capitalised modifier makes a subgroup.
        if let Some(noun) = &f.noun {
            let lower = after_text.to_lowercase();
            if let Some(at) = lower.find(noun.as_str()) {
                if after_text[..at]
                    .split_whitespace()
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase))
                {
                    return false;
                }
            }
        }
        true
    }

    /// Whether two restatements count alike: the same noun, one without a noun, or a
    /// generic noun beside one of the measure's own nouns ("six people" … "the 11 wounded",
    /// "the seven victims").
    fn nouns_alike(&self, a: &Figure, b: &Figure) -> bool {
        let cue_of_measure = |f: &Figure, n: &str| {
            f.measure.as_ref().is_some_and(|m| {
                self.nouns
                    .iter()
                    .any(|(id, nouns)| id == m && nouns.iter().any(|c| c == n))
            })
        };
        let generic = |n: &str| matches!(n, "people" | "persons" | "individuals");
        match (&a.noun, &b.noun) {
            (Some(x), Some(y)) if x != y => {
                (generic(x) && cue_of_measure(b, y)) || (generic(y) && cue_of_measure(a, x))
            }
            _ => true,
        }
    }

    /// Whether the figure follows a sentence-opening total marker and its comma ("In total,
    /// 25 were killed", "All told, 40"): the comma closes the marker, it continues no list.
    fn after_total_opener(&self, text: &str, sentence: Span, f: &Figure) -> bool {
        let lead = Span::new(sentence.start, f.span.start);
        lead.text(text).split_whitespace().count() <= 3 && self.o.total_cues.any(text, lead)
    }

    /// Whether the two figures' clauses name different places ("in Paris" … "in Nice"), or
    /// the smaller names a place the larger does not (a local part of the whole).
    fn different_places(&self, ctx: &ArticleContext<'_>, a: &Figure, b: &Figure) -> bool {
        let text = ctx.text();
        let places = |f: &Figure| {
            let clause = bounded_clause(text, ctx, f);
            named_places(clause.text(text), &self.o.place_prepositions)
        };
        let (pa, pb) = (places(a), places(b));
        let (va, vb) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
        // A place named by the smaller figure and not the larger makes it a local count ("89
        // at the Bataclan" of "130 in the attacks"); two different places, two counts.
        let only = |x: &[String], y: &[String]| x.iter().any(|w| !y.contains(w));
        (!pa.is_empty() && !pb.is_empty() && !pa.iter().any(|w| pb.contains(w)))
            || (va < vb && only(&pa, &pb))
            || (vb < va && only(&pb, &pa))
    }
}

/// Capitalised words right after a place preposition ("in Paris", "at the Bataclan").
fn named_places(clause: &str, prepositions: &[String]) -> Vec<String> {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !prepositions.iter().any(|p| p.eq_ignore_ascii_case(w)) {
            continue;
        }
        let next = words[i + 1..]
            .iter()
            .take(2)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| !w.eq_ignore_ascii_case("the"));
        if let Some(name) = next.filter(|n| n.chars().next().is_some_and(char::is_uppercase)) {
            out.push(name.to_string());
        }
    }
    out
}

/// Whether two restatements can both be right: their hedged intervals meet, with no
/// tolerance for two exact counts ("five" and "seven" people cannot both have been hurt) and
/// a fifth either way for "about".
fn restatement_overlap(a: &Figure, b: &Figure, hedge: f64) -> bool {
    let (Some((alo, ahi)), Some((blo, bhi))) = (a.hedged(hedge), b.hedged(hedge)) else {
        return true;
    };
    let widen = |f: &Figure, lo: f64, hi: f64| {
        if f.qualifier == Qualifier::About {
            (lo * 0.8, hi * 1.2)
        } else {
            (lo, hi)
        }
    };
    let (alo, ahi) = widen(a, alo, ahi);
    let (blo, bhi) = widen(b, blo, bhi);
    alo <= bhi && blo <= ahi
}

/// How many amounts of frame `key` an article gives that do not round to one another.
fn distinct_amounts(amounts: &[(String, &Figure)], key: &str, hedge: f64) -> usize {
    let mut kept: Vec<&Figure> = Vec::new();
    for (k, f) in amounts {
        if k == key && !kept.iter().any(|g| rounds_alike(g, f, hedge)) {
            kept.push(f);
        }
    }
    kept.len()
}

/// Whether an amount after a comma names the thing before it ("the price, $6.4 billion,")
/// rather than continuing a list of amounts ("$2 billion, $3 billion"): a word, not a
/// figure, ends the text before the comma.
fn apposition(text: &str, f: &Figure) -> bool {
    let before = text[..f.span.start]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    f.kind == FigureKind::Money
        && last.chars().all(char::is_alphabetic)
        && crate::extract::numbers::small_number(&last.to_lowercase()).is_none()
        && !matches!(
            last.to_lowercase().as_str(),
            "million" | "billion" | "trillion" | "thousand" | "hundred" | "bn" | "m"
        )
}

/// Whether two amounts can be one amount rounded: each read as the interval its last
/// significant digit allows ("$13 billion" is 12.5 to 13.5 billion, "$13.2 billion" 13.15
/// to 13.25), widened by its hedges.
fn rounds_alike(a: &Figure, b: &Figure, hedge: f64) -> bool {
    let interval = |f: &Figure| {
        let v = f.value.unwrap_or(0.0);
        let (lo, hi) = f.hedged(hedge).unwrap_or((v, v));
        let half = rounding_unit(v) / 2.0;
        let (lo, hi) = (lo - half, hi + half);
        if f.qualifier == Qualifier::About {
            (lo * 0.9, hi * 1.1)
        } else {
            (lo, hi)
        }
    };
    let ((alo, ahi), (blo, bhi)) = (interval(a), interval(b));
    alo <= bhi && blo <= ahi
}

/// The place of a value's last significant digit: 1e8 for 13.2e9, 1e9 for 13e9, 1 for 7.
fn rounding_unit(v: f64) -> f64 {
    let v = v.abs();
    if v < 1.0 {
        return 0.01;
    }
    let mut unit = 10f64.powi(v.log10().floor() as i32);
    // The largest power of ten that divides the value (within float error).
    while unit > 1.0 {
        let q = v / unit;
        if (q - q.round()).abs() < 1e-6 * q.max(1.0) {
            return unit;
        }
        unit /= 10.0;
    }
    1.0
}

/// Whether a figure opens a definite noun phrase ("the 41 trapped miners"): it refers back
/// to a group already told.
fn definite(text: &str, f: &Figure) -> bool {
    text[..f.span.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"))
}

/// Whether both clauses name who or what they count by capitalised words and share none
/// ("a Thai satellite spotted 300 objects" … "the 122 objects spotted by the French
/// satellite").
fn different_subjects(text: &str, ctx: &ArticleContext<'_>, a: &Figure, b: &Figure) -> bool {
    let (sa, sb) = (
        named_subjects(text, bounded_clause(text, ctx, a)),
        named_subjects(text, bounded_clause(text, ctx, b)),
    );
    !sa.is_empty() && !sb.is_empty() && !sa.iter().any(|w| sb.contains(w))
}

/// A figure's clause within its context window: a long sentence stays linear.
fn bounded_clause(text: &str, ctx: &ArticleContext<'_>, f: &Figure) -> Span {
    clause_around(
        text,
        crate::text::context_window(text, ctx.sentence_span(f), f.span),
        f.span,
    )
}

/// The finding for two values of one measure: the later figure, against the earlier.
fn two_values(ctx: &ArticleContext<'_>, measure: &str, a: &Figure, b: &Figure) -> Hit {
    Hit::new(b.span)
        .var("measure", measure)
        .var("claim", format!("\"{}\"", b.text))
        .var("other", format!("\"{}\"", a.text))
        .evidence(json!({
            "measure": measure,
            "claim": ctx.figure_evidence(b),
            "contradicts": ctx.figure_evidence(a),
        }))
}
