//! parts-whole: parts that add up to more than their stated whole ("$60 million and $70
//! million of the $100 million fund"), or a share larger than the total.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Figure, FigureKind};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Figures joined by \"and\" or commas right before \"of the\", \"of its\" or \
\"out of\" and a figure of the same kind and unit (the whole); a whole followed in its sentence \
by its breakdown (\"four people - two …, three …\"); counts that refer to a whole told just \
before (\"Five boats attacked. Three of them fled and three were captured\") or that follow a \
sentence's opening whole (\"Of the 240 votes cast, 150 … and 120 …\"); and percentages of one \
noun in one sentence (\"60% of voters … 55% of voters\") that sum past 100.",
    why: "Parts cannot exceed their whole. When they do, at least one figure is wrong.",
    example: "\"Donors gave $60 million and $70 million of the $100 million fund.\"",
    not_flagged: "\"half of the $100 million\" (a fraction); parts within `tolerance` of the \
whole; percentages of different nouns, or in a sentence with a change word (\"rose\", \
\"from\").",
    options: "`tolerance` (relative), `change-cues`, `breakdown-cues` (what opens a whole's \
breakdown in its sentence), `people-nouns`, `outcome-nouns` (\"wins\", \"losses\": parts of \
any whole), `about-tolerance`, `max-part-ratio`, \
`referring-parts` (\"of them\": a part of the whole told just before), `whole-openers` (\"Of \
the 240 votes cast, 150 …\"), `bare-part-verbs` (\"Twelve were hurt; eight were treated …\").",
    placeholders: &["parts", "whole"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_tolerance")]
    tolerance: f64,
    change_cues: crate::cues::WordList,
    /// Words or marks after a whole that open its breakdown ("four people - two …",
    /// "$5.5 billion, including $4.5 billion …").
    #[serde(default)]
    breakdown_cues: Vec<String>,
    /// Nouns that count people: a whole of people may break down into parts counted by any
    /// of them ("three dead: two women and a man").
    #[serde(default)]
    people_nouns: Vec<String>,
    /// Nouns of the outcomes a whole splits into, whatever it counts ("45 bouts: 40 wins, 8
    /// losses and 2 draws"): each event has one outcome, so they cannot overlap.
    #[serde(default)]
    outcome_nouns: Vec<String>,
    /// How far (relative) a whole hedged with "about" may stretch.
    #[serde(default = "default_about")]
    about_tolerance: f64,
    /// A breakdown with a part this many times its whole is no breakdown.
    #[serde(default = "default_max_part_ratio")]
    max_part_ratio: f64,
    /// Words right after a count that make it a part of a whole told just before ("three of
    /// them", "two of those"): with the count that follows it in its sentence, it splits that
    /// whole ("Five boats attacked. Three of them fled and three were captured").
    #[serde(default)]
    referring_parts: Vec<String>,
    /// Words that open a sentence's whole before its parts ("Of the 240 votes cast, 150 …").
    #[serde(default)]
    whole_openers: Vec<String>,
    /// Verbs right after a bare count opening a sentence or clause ("Eight were treated …"):
    /// the count is a part of the whole just told.
    #[serde(default)]
    bare_part_verbs: Vec<String>,
}

fn default_max_part_ratio() -> f64 {
    3.0
}

fn default_about() -> f64 {
    0.1
}

fn default_tolerance() -> f64 {
    0.02
}

/// How many figures before a part are looked at for the whole it refers to: a long
/// sentence of figures stays linear.
const MAX_LOOK_BACK: usize = 12;

pub struct PartsWhole {
    o: Options,
}

/// Whether a part stands as a count of its own, not inside a time, a size or a range ("7:15",
/// "13-inch", "9/11"); `from` is where the text before it that belongs to the list starts.
fn stands_alone(text: &str, p: &Figure, from: usize) -> bool {
    let after = text.get(p.span.end..).unwrap_or("").trim_start();
    let before = text.get(from..p.span.start).unwrap_or("").trim_end();
    !after.starts_with([':', '-', '/', '–'])
        && !before.ends_with([':', '-', '/', '–'])
        && !after.starts_with("year")
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

impl PartsWhole {
    /// Whether `part` may be a part of `whole` by what they count: the same noun, no noun,
    /// people on both sides, or an outcome of what the whole counts.
    fn counts_alike(&self, whole: &Figure, part: &Figure) -> bool {
        let people = |n: &str| self.o.people_nouns.iter().any(|p| p == n);
        let outcome = |n: &str| self.o.outcome_nouns.iter().any(|o| o == n);
        match (&whole.noun, &part.noun) {
            (_, None) => true,
            (Some(w), Some(p)) => w == p || (people(w) && people(p)) || outcome(p),
            (None, Some(p)) => whole.measure.is_some() && people(p),
        }
    }

    /// Whether the words between two parts of a breakdown (or its cue and its first part) keep
    /// them in one list: a few words, no sentence break, nothing that makes them a range.
    fn is_glue(&self, between: &str) -> bool {
        let words: Vec<String> = between
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        words.len() <= 6
            && !between.contains([';', '.', '(', ')'])
            && !words.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "between" | "to" | "or" | "from" | "than" | "each" | "per"
                )
            })
    }

    /// A whole followed in its sentence by its breakdown: "Four people - two with broken
    /// bones, three with burns", "$5.5 billion on 20 deals, including $4.5 billion and $1.6
    /// billion". Parts of a breakdown cannot sum past the whole.
    fn check_breakdowns(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        for (w, whole) in figures.iter().enumerate() {
            // A whole counts something named, or is an amount: a bare number is too often a
            // size, a time or a model.
            let counted = whole.kind == FigureKind::Count && whole.noun.is_some();
            if !(counted || whole.kind == FigureKind::Money) {
                continue;
            }
            let Some((_, high)) = whole.hedged(1.0) else {
                continue;
            };
            if whole.qualifier == crate::extract::Qualifier::AtLeast {
                continue;
            }
            let sentence = ctx.sentence_span(whole);
            if self.o.change_cues.any(text, sentence) {
                continue;
            }
            // A breakdown follows its whole closely: read no further than the context window,
            // so a long sentence stays linear.
            let window = crate::text::context_window(text, sentence, whole.span);
            let rest = text.get(whole.span.end..window.end).unwrap_or("");
            let lower = rest.to_lowercase();
            // The breakdown opens at the first cue after the whole, before any other figure of
            // the whole's kind.
            let next_same = figures[w + 1..]
                .iter()
                .take_while(|f| f.sentence == whole.sentence && f.span.end <= window.end)
                .find(|f| same_quantity(f, whole))
                .map_or(rest.len(), |f| f.span.start - whole.span.end);
            let Some(open) = self
                .o
                .breakdown_cues
                .iter()
                .filter_map(|c| {
                    // A cue that starts or ends with a letter must stand as a word there.
                    let starts_word = c.starts_with(char::is_alphanumeric);
                    let ends_word = c.ends_with(char::is_alphanumeric);
                    lower
                        .match_indices(c.as_str())
                        .map(|(i, m)| (i, m.len()))
                        .find(|&(i, _)| {
                            let before = lower[..i].chars().next_back();
                            let after = lower[i + c.len()..].chars().next();
                            let inside_word = (starts_word
                                && before.is_some_and(char::is_alphanumeric))
                                || (ends_word && after.is_some_and(char::is_alphanumeric));
                            !inside_word
                        })
                })
                .filter(|&(i, _)| i <= next_same)
                // A dash or a colon opens a list of people or things, not of amounts.
                .filter(|&(i, _)| counted || lower[i..].starts_with(char::is_alphabetic))
                .min()
            else {
                continue;
            };
            let mut edge = whole.span.end + open.0 + open.1;
            let mut parts: Vec<&Figure> = Vec::new();
            for p in figures[w + 1..]
                .iter()
                .take_while(|p| p.sentence == whole.sentence && p.span.end <= window.end)
            {
                if p.span.start < edge {
                    continue;
                }
                let glue = text.get(edge..p.span.start).unwrap_or(".");
                if !self.is_glue(glue) {
                    break;
                }
                if !same_quantity(p, whole) {
                    continue;
                }
                if !self.counts_alike(whole, p)
                    || p.qualifier == crate::extract::Qualifier::AtMost
                    || !stands_alone(text, p, edge)
                {
                    break;
                }
                parts.push(p);
                edge = p.span.end;
            }
            if parts.len() < 2 {
                continue;
            }
            // A "part" many times its whole is a name or a model ("two generations: the 800
            // and the 801"), not a part.
            let largest = parts.iter().filter_map(|p| p.value).fold(0.0, f64::max);
            if largest > high * self.o.max_part_ratio {
                continue;
            }
            let sum: f64 = parts.iter().filter_map(|p| p.value).sum();
            let stretch = match whole.qualifier {
                crate::extract::Qualifier::About => 1.0 + self.o.about_tolerance,
                _ => 1.0 + self.o.tolerance,
            };
            if sum <= high * stretch {
                continue;
            }
            hits.push(parts_hit(ctx, &parts, sum, whole));
        }
    }
}

impl PartsWhole {
    /// Parts that refer to a whole told just before: "Five boats attacked. Three of them fled
    /// and three were captured"; or a sentence that opens with its whole: "Of the 240 votes
    /// cast, 150 were in favour and 120 against". The parts cannot sum past the whole.
    fn check_referred_parts(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let figures = ctx.figures();
        let counted = |f: &Figure| {
            matches!(f.kind, FigureKind::Count | FigureKind::Number)
                && f.unit.is_none()
                && f.value.is_some_and(|v| v >= 1.0)
                && !f.in_heading
        };
        for (i, first) in figures.iter().enumerate() {
            if !counted(first) || first.qualifier != crate::extract::Qualifier::Exact {
                continue;
            }
            // Read no further than the context window: a long sentence stays linear.
            let sentence = crate::text::context_window(text, ctx.sentence_span(first), first.span);
            let after = text
                .get(first.span.end..sentence.end)
                .unwrap_or("")
                .to_lowercase();
            let before = text.get(sentence.start..first.span.start).unwrap_or("");
            // "three of them …", or a sentence opening "Of those, 25 …".
            let opener = before.trim().trim_end_matches(',').trim();
            // A bare count opening a sentence or a clause after a semicolon, with a verb
            // right after it ("Twelve were hurt; eight were treated …"), counts the whole just
            // told.
            let clause_lead = before.rsplit(';').next().unwrap_or("").trim();
            let bare = first.noun.is_none()
                && clause_lead.is_empty()
                && after
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| self.o.bare_part_verbs.iter().any(|v| v == w));
            let refers = bare
                || self.o.referring_parts.iter().any(|r| {
                    after.trim_start().starts_with(r.as_str()) || opener.eq_ignore_ascii_case(r)
                });
            // The whole: for "three of them", the nearest count with a noun before it in its
            // sentence or the one before; for "Of the 240 votes, 150 …", the opener's count.
            let whole = if refers {
                figures[..i]
                    .iter()
                    .rev()
                    .take(MAX_LOOK_BACK)
                    .take_while(|f| f.sentence + 1 >= first.sentence)
                    .find(|f| counted(f) && f.noun.is_some())
            } else {
                // The opener's count is the sentence's first figure, right before this one.
                let opened = i
                    .checked_sub(1)
                    .map(|w| &figures[w])
                    .filter(|w| w.sentence == first.sentence)
                    .filter(|_| i < 2 || figures[i - 2].sentence != first.sentence);
                opened.filter(|w| {
                    counted(w)
                        && w.noun.is_some()
                        && self.o.whole_openers.iter().any(|o| {
                            text.get(sentence.start..w.span.start)
                                .unwrap_or("")
                                .trim()
                                .eq_ignore_ascii_case(o)
                        })
                        && text
                            .get(w.span.end..first.span.start)
                            .is_some_and(|g| g.contains(',') && g.split_whitespace().count() <= 4)
                })
            };
            let Some(whole) = whole else { continue };
            let Some((_, high)) = whole.hedged(1.0) else {
                continue;
            };
            if whole.qualifier == crate::extract::Qualifier::AtLeast
                || self.o.change_cues.any(text, sentence)
                || before.trim_end().ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            // The parts: this count and the counts that follow it in its sentence, each
            // joined to the one before by a few words with "and", "but", "while" or a comma.
            let mut parts = vec![first];
            for p in figures[i + 1..]
                .iter()
                .take_while(|p| p.sentence == first.sentence)
            {
                let last = parts[parts.len() - 1];
                let glue = text.get(last.span.end..p.span.start).unwrap_or(".");
                let lower = glue.to_lowercase();
                let joined = lower.contains(',')
                    || lower
                        .split_whitespace()
                        .any(|w| matches!(w, "and" | "but" | "while" | "whereas"));
                if !counted(p)
                    || p.qualifier != crate::extract::Qualifier::Exact
                    || !joined
                    || glue.split_whitespace().count() > 8
                    || glue.contains([';', '(', ')'])
                    || !self.counts_alike(whole, p)
                    || !stands_alone(text, p, last.span.end)
                {
                    break;
                }
                parts.push(p);
            }
            if parts.len() < 2 {
                continue;
            }
            let sum: f64 = parts.iter().filter_map(|p| p.value).sum();
            let largest = parts.iter().filter_map(|p| p.value).fold(0.0, f64::max);
            let stretch = match whole.qualifier {
                crate::extract::Qualifier::About => 1.0 + self.o.about_tolerance,
                _ => 1.0 + self.o.tolerance,
            };
            if sum <= high * stretch || largest > high {
                continue;
            }
            hits.push(parts_hit(ctx, &parts, sum, whole));
        }
    }
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
            let window = crate::text::context_window(text, sentence, whole.span);
            let before = text.get(window.start..whole.span.start).unwrap_or("");
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
        self.check_breakdowns(ctx, hits);
        if hits.is_empty() {
            self.check_referred_parts(ctx, hits);
        }
        // Percentages of one noun in one sentence.
        let mut by_sentence: std::collections::BTreeMap<(usize, String), Vec<&Figure>> =
            Default::default();
        for f in figures.iter().filter(|f| f.kind == FigureKind::Percent) {
            if let Some(noun) = &f.noun {
                // The whole is the phrase up to the noun: "of Trump voters" and "of Clinton
                // voters" are shares of two wholes.
                let after = crate::text::text_after(text, f.span.end).to_lowercase();
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

/// The finding for parts that sum past their whole.
fn parts_hit(ctx: &ArticleContext<'_>, parts: &[&Figure], sum: f64, whole: &Figure) -> Hit {
    Hit::new(parts[0].span)
        .var(
            "parts",
            parts
                .iter()
                .map(|p| format!("\"{}\"", p.text))
                .collect::<Vec<_>>()
                .join(" + "),
        )
        .var("whole", format!("\"{}\"", whole.text))
        .evidence(json!({
            "parts": parts.iter().map(|p| ctx.figure_evidence(p)).collect::<Vec<_>>(),
            "sum": sum,
            "whole": ctx.figure_evidence(whole),
        }))
}
