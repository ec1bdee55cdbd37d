//! count-list: a stated count that disagrees with the enumeration it introduces
//! ("five unions: drivers, guards, cleaners and signal staff").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::FigureKind;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    name: "count-list",
    what_it_checks: "A count (2 to `max-count`) whose noun is followed, in the same sentence, by \
a colon, dash, parenthesis or \"namely\" and a list of items separated by commas and a final \
\"and\"; the number of items against the count.",
    why: "Saying five and listing four is a checkable slip: either an item or the count is \
wrong, and careful copy does not make it.",
    example: "\"Five unions backed the strike: drivers, guards, cleaners and signal staff.\"",
    not_flagged: "Lists introduced as partial (\"including\", \"such as\", \"among them\"); lists \
with items longer than `max-item-words`; counts with no list.",
    options: "`max-count`, `max-item-words`, `partial-cues`, `max-gap-words` (words allowed \
between the noun and the colon or dash).",
    placeholders: &["claim", "count", "items"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_max_count")]
    max_count: f64,
    #[serde(default = "default_item_words")]
    max_item_words: usize,
    partial_cues: Vec<String>,
    #[serde(default = "default_gap")]
    max_gap_words: usize,
}

fn default_max_count() -> f64 {
    20.0
}
fn default_item_words() -> usize {
    5
}
fn default_gap() -> usize {
    8
}

pub struct CountList {
    o: Options,
}

impl CountList {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(CountList {
            o: rule.parse_options()?,
        })
    }

    /// The items of the list that `rest` starts, if it is an enumeration.
    fn items<'t>(&self, rest: &'t str) -> Option<Vec<&'t str>> {
        let end = rest
            .find([';', ')', '.', '?', '!', '—', '–'])
            .filter(|&i| !rest[..i].ends_with(char::is_uppercase) || rest[i..].starts_with(". "))
            .unwrap_or(rest.len());
        let body = rest[..end].trim();
        let mut parts: Vec<&str> = body.split(',').map(str::trim).collect();
        let last = parts.pop()?;
        // The last piece holds "X and Y" (or "and Y" after an Oxford comma).
        let (before, after) = split_final_and(last)?;
        if !before.is_empty() {
            parts.push(before);
        }
        parts.push(after);
        if parts.len() < 3 || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        if parts
            .iter()
            .any(|p| p.split_whitespace().count() > self.o.max_item_words)
        {
            return None;
        }
        Some(parts)
    }
}

fn split_final_and(piece: &str) -> Option<(&str, &str)> {
    for joiner in [" and ", " & ", " or "] {
        if let Some(i) = piece.rfind(joiner) {
            return Some((piece[..i].trim(), piece[i + joiner.len()..].trim()));
        }
    }
    for joiner in ["and ", "& ", "or "] {
        if let Some(rest) = piece.strip_prefix(joiner) {
            return Some(("", rest.trim()));
        }
    }
    None
}

impl Check for CountList {
    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        for f in ctx.figures() {
            let Some(count) = f.value else { continue };
            if f.kind != FigureKind::Count
                || count < 2.0
                || count > self.o.max_count
                || count.fract() != 0.0
            {
                continue;
            }
            let Some(noun) = &f.noun else { continue };
            let sentence = ctx.sentence_span(f);
            let after = text.get(f.span.end..sentence.end).unwrap_or("");
            let lower = after.to_lowercase();
            let Some(noun_at) = lower.find(noun.as_str()) else {
                continue;
            };
            let tail = &after[noun_at + noun.len()..];
            // The list starts after a colon, dash, parenthesis or "namely" close to the noun.
            let opener = tail
                .char_indices()
                .find(|&(_, c)| matches!(c, ':' | '—' | '–' | '('))
                .map(|(i, c)| (i, i + c.len_utf8()))
                .or_else(|| tail.find(" namely ").map(|i| (i, i + 8)));
            let Some((gap_end, list_start)) = opener else {
                continue;
            };
            if tail[..gap_end].split_whitespace().count() > self.o.max_gap_words {
                continue;
            }
            let gap_lower = tail[..gap_end].to_lowercase();
            let list = &tail[list_start..];
            let list_lower = list.to_lowercase();
            let head: String = list_lower
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            if self.o.partial_cues.iter().any(|c| {
                crate::text::contains_word(&gap_lower, c) || crate::text::contains_word(&head, c)
            }) {
                continue;
            }
            let Some(items) = self.items(list) else {
                continue;
            };
            if items.len() as f64 != count {
                hits.push(
                    Hit::new(f.span)
                        .var("claim", format!("\"{}\"", f.text))
                        .var("count", count)
                        .var("items", items.len())
                        .evidence(json!({
                            "claim": ctx.figure_evidence(f),
                            "listed": items,
                            "listed_count": items.len(),
                        })),
                );
            }
        }
    }
}
