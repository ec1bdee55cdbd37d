//! repetition: one phrase from the title or headings repeated beyond reason (keyword
//! stuffing for search engines).

use super::pattern::{Scope, scope_spans};
use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::text::Span;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Phrases of `min-words` words that appear in at least `min-heading-repeats` \
of the parts in `from` (by default the title and headings), counted across the whole article; \
one that occurs `min-repeats` times or more fires once.",
    why: "Headings that repeat a keyword string (\"Best Cheap Flights Lisbon Deals Today\") and \
prose that repeats it again are written for search engines, not readers: a mark of content \
farms that pad and recycle copy.",
    example: "\"best cheap flights Lisbon deals today\" in the title, a heading and twice in the \
body.",
    not_flagged: "Names repeated in ordinary prose (a phrase in fewer than \
`min-heading-repeats` headings, or shorter than `min-words`); phrases mostly of function words.",
    options: "`min-words`, `min-repeats`, `from` (scopes the phrases come from), \
`min-heading-repeats` (how many of those parts must carry the phrase).",
    placeholders: &["count", "phrase"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_min_words")]
    min_words: usize,
    #[serde(default = "default_min_repeats")]
    min_repeats: usize,
    #[serde(default = "default_from")]
    from: Vec<Scope>,
    /// How many of the title and headings must carry the phrase: a name mentioned in one
    /// heading and again in the prose is ordinary writing.
    #[serde(default = "default_heading_repeats")]
    min_heading_repeats: usize,
}

fn default_heading_repeats() -> usize {
    2
}

fn default_min_words() -> usize {
    5
}
fn default_min_repeats() -> usize {
    3
}
fn default_from() -> Vec<Scope> {
    vec![Scope::Title, Scope::Headings]
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "was", "as", "its", "it", "this", "that",
];

pub struct Repetition {
    o: Options,
}

impl Repetition {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        if o.min_words < 2 || o.min_repeats < 2 {
            return Err(rule.origin.error(
                "min-words",
                Some(&rule.code),
                "min-words and min-repeats must be at least 2".into(),
            ));
        }
        Ok(Repetition { o })
    }
}

/// Normalised words with their spans: lower case, possessives dropped.
fn words(text: &str, span: Span) -> Vec<(String, Span)> {
    let piece = span.text(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in piece
        .char_indices()
        .chain(std::iter::once((piece.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = piece[s..i].to_lowercase();
                out.push((w, Span::new(span.start + s, span.start + i)));
                start = None;
            }
            _ => {}
        }
    }
    // "Dar's" and "Dar’s" become "dar" followed by "s": drop the lone "s".
    out.retain(|(w, _)| w != "s");
    out
}

impl Check for Repetition {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let n = self.o.min_words;
        // Phrases from the headings, with how many headings carry each.
        let mut in_headings: HashMap<String, usize> = HashMap::new();
        for span in scope_spans(ctx, &self.o.from) {
            let ws = words(text, span);
            let mut seen_here: Vec<String> = Vec::new();
            for window in ws.windows(n) {
                // At least three words that carry meaning: "out of 5 for color" is a
                // review's score line, not a keyword string.
                let content = window
                    .iter()
                    .filter(|(w, _)| {
                        !FUNCTION_WORDS.contains(&w.as_str())
                            && !w.chars().all(|c| c.is_ascii_digit())
                    })
                    .count();
                let phrase = window
                    .iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if content >= 3 && content * 2 > n && !seen_here.contains(&phrase) {
                    *in_headings.entry(phrase.clone()).or_insert(0) += 1;
                    seen_here.push(phrase);
                }
            }
        }
        let candidates: Vec<String> = in_headings
            .into_iter()
            .filter(|(_, c)| *c >= self.o.min_heading_repeats)
            .map(|(p, _)| p)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let mut counts: HashMap<String, (usize, Span)> = HashMap::new();
        for span in scope_spans(ctx, &[Scope::All]) {
            let ws = words(text, span);
            for window in ws.windows(n) {
                let phrase = window
                    .iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if candidates.contains(&phrase) {
                    let at = Span::new(window[0].1.start, window[n - 1].1.end);
                    let e = counts.entry(phrase).or_insert((0, at));
                    e.0 += 1;
                }
            }
        }
        // The most repeated phrase speaks for the overlapping ones.
        let best = counts
            .into_iter()
            .filter(|(_, (c, _))| *c >= self.o.min_repeats)
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(&a.0)));
        if let Some((phrase, (count, span))) = best {
            hits.push(
                Hit::new(span)
                    .var("phrase", format!("\"{phrase}\""))
                    .var("count", count)
                    .evidence(json!({ "phrase": phrase, "occurrences": count })),
            );
        }
    }
}
