//! count-list: a stated count that disagrees with the enumeration it introduces
//! ("five unions: drivers, guards, cleaners and signal staff").

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::FigureKind;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
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
    /// Nouns for people ("son", "daughters", "women"): a list set off by a comma after a
    /// count ("four children, a son and two daughters") is its members only when every item
    /// ends in one of them; otherwise the comma joins more things to the series.
    #[serde(default)]
    member_nouns: Vec<String>,
    /// Nouns a count of which introduces no list of them ("seven times").
    #[serde(default)]
    not_listed: Vec<String>,
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

    /// The items of the list that `rest` starts, if it is an enumeration (of two items or
    /// more when they are names, three or more otherwise). A trailing attribution
    /// ("…, prosecutors said") is not an item.
    fn items<'t>(&self, rest: &'t str, names: bool) -> Option<Vec<&'t str>> {
        let end = rest
            .find([';', ')', '.', '?', '!', '—', '–'])
            .filter(|&i| !rest[..i].ends_with(char::is_uppercase) || rest[i..].starts_with(". "))
            .unwrap_or(rest.len());
        // A hyphen between spaces is a dash in typed copy: it closes the list as one would.
        let end = spaced_dash(&rest[..end]).unwrap_or(end);
        let body = rest[..end].trim();
        let mut parts: Vec<&str> = body.split(',').map(str::trim).collect();
        let mut last = parts.pop()?;
        if split_final_and(last).is_none() && parts.last().is_some_and(|p| p.contains(" and ")) {
            last = parts.pop()?;
        }
        // The last piece holds "X and Y" (or "and Y" after an Oxford comma).
        let (before, after) = split_final_and(last)?;
        if !before.is_empty() {
            parts.push(before);
        }
        parts.push(after);
        let fewest = if names { 2 } else { 3 };
        if parts.len() < fewest || parts.iter().any(|p| p.is_empty()) {
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

impl CountList {
    /// Whether an item's last word is one of the `member-nouns` (singular or plural).
    fn names_a_member(&self, item: &str) -> bool {
        let Some(head) = item.split_whitespace().last() else {
            return false;
        };
        let head = head
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.o.member_nouns.contains(&head)
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

/// Whether every item reads as a name ("Ana Lind", "Reuters"): lists after "were" or
/// "as" are lists only when they name people or things.
fn all_names(items: &[&str]) -> bool {
    items.iter().all(|i| {
        i.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Where the list that follows a count may start, in `tail` (the text after the count and
/// the words it counts), nearest first: after a colon, dash or parenthesis, "namely", or —
/// for a list of names — "were", "are" or "as" ("The two victims were identified as A, B
/// and C"). Each is the end of the gap before the opener, the start of the list, and whether
/// the list must be of names.
fn list_openers(tail: &str) -> Vec<(usize, usize, Opener)> {
    let mut out: Vec<(usize, usize, Opener)> = tail
        .char_indices()
        .find(|&(_, c)| matches!(c, ':' | '—' | '–' | '('))
        .map(|(i, c)| (i, i + c.len_utf8(), Opener::Any))
        .into_iter()
        .collect();
    // "five countries - France, …": a hyphen between spaces is a dash in typed copy.
    if let Some(i) = spaced_dash(tail).filter(|&i| out.first().is_none_or(|o| i < o.0)) {
        out = vec![(i, i + 3, Opener::Any)];
    }
    for w in [" namely ", " as ", " were ", " are "] {
        out.extend(tail.match_indices(w).map(|(i, _)| {
            let kind = if w == " namely " {
                Opener::Any
            } else {
                Opener::Names
            };
            (i, i + w.len(), kind)
        }));
    }
    // "four children, a son and two daughters": a comma right after what is counted opens a
    // list when every item is counted off ("a", "one", "two" …), or names someone.
    if let Some(i) = tail
        .find(',')
        .filter(|&i| tail[..i].split_whitespace().count() <= 2)
    {
        out.push((i, i + 1, Opener::Members));
        // "The two suspects, Mark Wall, Ian Beck and Paul Rees, were charged": an
        // apposition of names.
        out.push((i, i + 1, Opener::Names));
    }
    out.sort_unstable_by_key(|&(i, _, _)| i);
    out
}

/// The first hyphen between spaces that stands for a dash: between a lower-case word and a
/// word ("countries - France"), not inside a scraped name ("AK - 47").
fn spaced_dash(s: &str) -> Option<usize> {
    s.match_indices(" - ").map(|(i, _)| i).find(|&i| {
        s[..i].ends_with(|c: char| c.is_lowercase())
            && s[i + 3..].starts_with(|c: char| c.is_alphabetic())
    })
}

/// What a list opener requires of the items that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// Any items.
    Any,
    /// Names only ("were identified as A, B and C").
    Names,
    /// Items each counted off by an article or a number word ("a son and two daughters").
    Members,
}

/// Number words that count off the members of a list, and how many each counts.
const MEMBER_COUNTS: [(&str, f64); 13] = [
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("twelve", 12.0),
];

/// How many an item of a list counts: "two grown daughters" two, "a son" or "Ana Lind" one.
/// Digits are read as one item ("69 cents" is a price, not 69 things).
fn item_count(item: &str) -> f64 {
    member_count(item).unwrap_or(1.0)
}

fn member_count(item: &str) -> Option<f64> {
    let first = item.split_whitespace().next()?.to_lowercase();
    MEMBER_COUNTS
        .iter()
        .find(|(w, _)| *w == first)
        .map(|(_, n)| *n)
}

impl Check for CountList {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        for f in ctx.figures() {
            let Some(count) = f.value else { continue };
            if !matches!(f.kind, FigureKind::Count | FigureKind::Number)
                || f.unit.is_some()
                || count < 2.0
                || count > self.o.max_count
                || count.fract() != 0.0
            {
                continue;
            }
            // "Arrested seven times on an array of charges: …" counts occasions, and a list
            // after it names something else.
            if f.noun
                .as_deref()
                .is_some_and(|n| self.o.not_listed.iter().any(|x| x == n))
            {
                continue;
            }
            let sentence = ctx.sentence_span(f);
            let tail = text.get(f.span.end..sentence.end).unwrap_or("");
            // "the two countries: a, b and c" — a definite count names things already known,
            // and a colon after it elaborates the sentence, not the count.
            let window = crate::text::context_window(text, sentence, f.span);
            let definite = text
                .get(window.start..f.span.start)
                .unwrap_or("")
                .trim_end()
                .to_lowercase()
                .ends_with("the");
            // "three of his eight children, A, B and C": the list names the part, not the
            // whole it is taken from.
            let lead: Vec<String> = text
                .get(window.start..f.span.start)
                .unwrap_or("")
                .split_whitespace()
                .rev()
                .take(3)
                .map(|w| w.to_lowercase())
                .collect();
            if let Some(of) = lead.iter().position(|w| w == "of") {
                if lead.get(of + 1).is_some_and(|w| {
                    w.chars().all(|c| c.is_ascii_digit())
                        || crate::extract::numbers::small_number(w).is_some()
                }) {
                    continue;
                }
            }
            let Some((gap, items)) = list_openers(tail)
                .into_iter()
                .filter(|&(_, _, opener)| opener == Opener::Names || !definite)
                .find_map(|(gap_end, list_start, opener)| {
                    let names_only = opener != Opener::Any;
                    let items = self.items(&tail[list_start..], names_only)?;
                    let fits = match opener {
                        Opener::Any => true,
                        Opener::Names => all_names(&items),
                        Opener::Members => items
                            .iter()
                            .all(|i| member_count(i).is_some() && self.names_a_member(i)),
                    };
                    fits.then_some((&tail[..gap_end], items))
                })
            else {
                continue;
            };
            // The count must be close to its list, and name what it counts: "four of the
            // suspects", "the two victims", "five unions".
            if gap.split_whitespace().count() > self.o.max_gap_words
                || (f.noun.is_none() && !gap.trim_start().starts_with("of "))
            {
                continue;
            }
            let gap_lower = gap.to_lowercase();
            let head: String = items
                .first()
                .map(|i| i.to_lowercase())
                .unwrap_or_default()
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            if self.o.partial_cues.iter().any(|c| {
                crate::text::contains_word(&gap_lower, c) || crate::text::contains_word(&head, c)
            }) {
                continue;
            }
            let listed: f64 = items.iter().map(|i| item_count(i)).sum();
            if listed != count {
                hits.push(
                    Hit::new(f.span)
                        .var("claim", format!("\"{}\"", f.text))
                        .var("count", count)
                        .var("items", listed)
                        .evidence(json!({
                            "claim": ctx.figure_evidence(f),
                            "listed": items,
                            "listed_count": listed,
                        })),
                );
            }
        }
    }
}
