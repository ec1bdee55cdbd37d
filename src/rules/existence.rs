//! existence: any of a list of phrases or patterns appears, outside its exceptions.

use super::pattern::{Matcher, MatcherOptions, Scope, default_scope, scope_spans};
use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::cues::{ListId, RuleList};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Every occurrence of any of the rule's `phrases` (literal, matched \
case-insensitively at word boundaries with one Aho-Corasick pass) or `patterns` (regexes) in \
the parts of the article its `scope` names, unless an `exceptions` phrase covers it.",
    why: "Some wording is a signal on its own: an anonymous attribution (\"sources said\"), a \
sensational word in the reporter's own voice, a subscription prompt left in the copy.",
    example: "`phrases = [\"insiders suggest\"]` fires on \"Party insiders suggest that the \
mayor will resign.\"",
    not_flagged: "Occurrences outside the scope (for example inside quotes when the scope is \
`outside-quotes`); occurrences overlapping an exception; a `hearsay` match (\"reportedly\") \
whose sentence or the one before names a source.",
    options: "`phrases`, `patterns`, `case-sensitive`, `exceptions` (phrases), `scope` (any of \
all, title, headings, body, first-paragraph, quotes, outside-quotes, furniture), \
`max-hits` (per article), `once-per-sentence`, `hearsay` (matches that pass on a report, \
cleared by a named source in their sentence or the one before).",
    placeholders: &["match"],
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
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default = "default_scope")]
    scope: Vec<Scope>,
    #[serde(default = "default_max")]
    max_hits: usize,
    /// At most one hit per sentence ("an official, who asked not to be named, said" is one
    /// anonymous source, not two).
    #[serde(default)]
    once_per_sentence: bool,
    /// Matches that pass on a report ("reportedly", "is said to"): not flagged when their
    /// sentence or the one before names a source ("The New York Times reported …").
    #[serde(default)]
    hearsay: Vec<String>,
}

fn default_max() -> usize {
    50
}

pub struct Existence {
    matcher: Matcher,
    exceptions: Matcher,
    scope: Vec<Scope>,
    max_hits: usize,
    once_per_sentence: bool,
    hearsay: Vec<String>,
}

impl Existence {
    pub fn new(rule: &RuleConfig, size_limit: usize, list: u32) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        let matcher = Matcher::with_index(
            &MatcherOptions {
                phrases: o.phrases,
                patterns: o.patterns,
                case_sensitive: o.case_sensitive,
            },
            rule,
            size_limit,
            Some((ListId::Rule(list), "phrases")),
        )?;
        if matcher.is_empty() {
            return Err(rule.origin.error(
                "options",
                Some(&rule.code),
                "an existence rule needs `phrases` or `patterns`".into(),
            ));
        }
        let exceptions = Matcher::new(
            &MatcherOptions {
                phrases: o.exceptions,
                ..Default::default()
            },
            rule,
            size_limit,
        )?;
        Ok(Existence {
            matcher,
            exceptions,
            scope: o.scope,
            max_hits: o.max_hits,
            once_per_sentence: o.once_per_sentence,
            hearsay: o.hearsay.iter().map(|h| h.to_lowercase()).collect(),
        })
    }
}

impl Check for Existence {
    fn reads_story(&self) -> bool {
        false
    }

    fn indexed_phrases(&self) -> Option<RuleList<'_>> {
        self.matcher.indexed_phrases()
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let mut sentences_hit: Vec<usize> = Vec::new();
        for span in scope_spans(ctx, &self.scope) {
            let matches = self.matcher.find(ctx.phrase_hits, ctx, span);
            // Exceptions are searched only where there is something to except.
            let exceptions = if matches.is_empty() || self.exceptions.is_empty() {
                Vec::new()
            } else {
                self.exceptions.find(&[], ctx, span)
            };
            for m in matches {
                if exceptions
                    .iter()
                    .any(|e| e.start < m.end && m.start < e.end)
                {
                    continue;
                }
                if hits.len() >= self.max_hits {
                    return;
                }
                if self.sourced_hearsay(ctx, m) {
                    continue;
                }
                if self.once_per_sentence {
                    if let Some(s) = ctx.analysis.doc.sentence_at(m.start) {
                        if sentences_hit.contains(&s) {
                            continue;
                        }
                        sentences_hit.push(s);
                    }
                }
                let found = m
                    .text(text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                hits.push(
                    Hit::new(m)
                        .var("match", format!("\"{found}\""))
                        .evidence(json!({ "match": found })),
                );
            }
        }
    }
}

impl Existence {
    /// Whether a match is hearsay whose source the article names in its sentence or the one
    /// before ("The Times, citing court papers, said … He reportedly …").
    fn sourced_hearsay(&self, ctx: &ArticleContext<'_>, m: crate::text::Span) -> bool {
        if self.hearsay.is_empty() {
            return false;
        }
        let found = m.text(ctx.text()).to_lowercase();
        if !self.hearsay.contains(&found) {
            return false;
        }
        let Some(s) = ctx.analysis.doc.sentence_at(m.start) else {
            return false;
        };
        let named = |i: usize| {
            ctx.analysis
                .extraction
                .sentences
                .get(i)
                .is_some_and(|a| a.attribution == crate::extract::Attribution::Named)
        };
        named(s) || s.checked_sub(1).is_some_and(named)
    }
}
