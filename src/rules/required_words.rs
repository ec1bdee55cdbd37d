//! A literal prefilter for a rule's regexes: the words every match must contain.
//!
//! A pattern such as `(?:an?|one)\s+(?:\S+\s+){0,3}(?:official|source)s?` starts with a
//! letter found in almost every sentence, so the regex engine's own prefilter (which looks
//! at how a match starts) cannot skip anything and the automaton reads every byte. Every
//! match of it, though, contains "official" or "source". Those inner literals, searched
//! first with a vectorised multi-literal search, rule out most text before the automaton
//! runs.
//!
//! The set is derived from the regex's syntax tree, so it is sound by construction: a text
//! with none of the words holds no match. Case: the words are searched in an ASCII-lowercased
//! copy of the text, and a text holding `ſ` or the Kelvin sign (which `(?i)` folds to `s` and
//! `k`) is always searched by the regex itself.

use aho_corasick::{AhoCorasick, MatchKind, packed};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Words shorter than this rule out too little text to be worth a second search.
const MIN_WORD_LEN: usize = 3;
/// More alternatives than this defeat the vectorised search.
const MAX_WORDS: usize = 24;

/// A search for the words every match of a regex contains.
#[derive(Debug)]
pub struct RequiredWords {
    /// The words in ASCII lower case, and the non-ASCII letters that fold to their letters.
    words: WordSearch,
    #[cfg(test)]
    listed: String,
}

impl RequiredWords {
    /// The prefilter for `pattern` (compiled with the given case sensitivity), or `None` when
    /// no set of words is required or the words are too short or too many to help.
    pub fn of(pattern: &str, case_insensitive: bool) -> Option<RequiredWords> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .ok()?;
        let mut words = required(&hir)?;
        if words.len() > MAX_WORDS || words.iter().any(|w| w.chars().count() < MIN_WORD_LEN) {
            return None;
        }
        for w in &mut words {
            w.make_ascii_lowercase();
        }
        #[cfg(test)]
        let listed = words.join("|");
        // Letters `(?i)` matches beyond ASCII: their presence sends the text to the regex.
        if words.iter().any(|w| w.contains('s')) {
            words.push('\u{17F}'.to_string());
        }
        if words.iter().any(|w| w.contains('k')) {
            words.push('\u{212A}'.to_string());
        }
        // A few short words are what the vectorised (Teddy) search is for; an automaton
        // where the processor has no vector instructions.
        let words = match packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&words)
            .build()
        {
            Some(teddy) => WordSearch::Packed(teddy),
            None => WordSearch::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&words)
                    .ok()?,
            ),
        };
        Some(RequiredWords {
            words,
            #[cfg(test)]
            listed,
        })
    }

    /// Whether a text may hold a match, given the text lower-cased in ASCII (the article's is
    /// made once for every rule): false only when it holds none of the words.
    pub fn may_match(&self, lower: &str) -> bool {
        debug_assert!(!lower.bytes().any(|b| b.is_ascii_uppercase()));
        match &self.words {
            WordSearch::Packed(teddy) => teddy.find(lower).is_some(),
            WordSearch::Automaton(ac) => ac.is_match(lower),
        }
    }

    /// The words, as one alternation.
    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.listed
    }
}

#[derive(Debug)]
enum WordSearch {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

/// Words of which every match of `hir` contains at least one (compared case-insensitively),
/// or `None` when matches need not contain any fixed word.
fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0)
            .ok()
            .map(|s| vec![s.to_string()]),
        HirKind::Class(class) => folded_char(class).map(|c| vec![c.to_string()]),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Concat(parts) => best_in_concat(parts),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        _ => None,
    }
}

/// In a concatenation, runs of adjacent literal characters are words every match contains,
/// and so is whatever any single part requires; the best of these candidates wins.
fn best_in_concat(parts: &[Hir]) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    let mut consider = |candidate: Vec<String>| {
        if best.as_ref().is_none_or(|b| better(&candidate, b)) {
            best = Some(candidate);
        }
    };
    let mut run = String::new();
    for part in parts {
        match literal_text(part) {
            Some(text) => run.push_str(&text),
            None => {
                if !run.is_empty() {
                    consider(vec![std::mem::take(&mut run)]);
                }
                if let Some(words) = required(part) {
                    consider(words);
                }
            }
        }
    }
    if !run.is_empty() {
        consider(vec![run]);
    }
    best
}

/// Whether `a` rules out more text than `b`: its shortest word is longer, or as long with
/// fewer words.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |w: &[String]| w.iter().map(|s| s.chars().count()).min().unwrap_or(0);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The text a part matches when it is a fixed string up to case.
fn literal_text(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).ok().map(str::to_string),
        HirKind::Class(class) => folded_char(class).map(String::from),
        _ => None,
    }
}

/// The one ASCII character a class stands for up to case: `[Ss]`, `[Ssſ]`, `[Kk\u{212A}]`,
/// or a single character. Any other class (a range, `\s`, `[^,]`) stands for no letter.
fn folded_char(class: &Class) -> Option<char> {
    let members: Vec<char> = match class {
        Class::Unicode(c) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    out.push(ch);
                    if out.len() > 4 {
                        return None;
                    }
                }
            }
            out
        }
        Class::Bytes(c) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    if !b.is_ascii() {
                        return None;
                    }
                    out.push(char::from(b));
                    if out.len() > 4 {
                        return None;
                    }
                }
            }
            out
        }
    };
    let ascii = *members.iter().find(|c| c.is_ascii())?;
    let lower = ascii.to_ascii_lowercase();
    members.iter().all(|&m| folds_to(m, lower)).then_some(lower)
}

/// Whether `m` is `lower` up to Unicode's simple case folding (the folding `(?i)` uses).
fn folds_to(m: char, lower: char) -> bool {
    m.to_ascii_lowercase() == lower
        || (m == '\u{17F}' && lower == 's')
        || (m == '\u{212A}' && lower == 'k')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pattern: &str) -> Option<String> {
        RequiredWords::of(pattern, true).map(|w| w.as_str().to_string())
    }

    #[test]
    fn a_pattern_that_starts_with_a_common_word_requires_its_inner_nouns() {
        let p = r"(?-u:\b)(?:an?|one|two|several)\s+(?:[^\s,;:.]+\s+){0,3}?(?-i:official|diplomat|source)s?(?:,|\s+said)";
        assert_eq!(words(p).as_deref(), Some("diplomat|official|source"));
    }

    #[test]
    fn case_insensitive_letters_join_into_words() {
        assert_eq!(
            words(r"\baccording to (?:\S+\s+){0,4}sources\b").as_deref(),
            Some("according to ")
        );
    }

    #[test]
    fn an_alternation_requires_a_word_from_every_branch() {
        assert_eq!(
            words(r"(?:(?:sources|insiders)\s+said)|(?:a senior official)").as_deref(),
            Some("a senior official|insiders|sources")
        );
        // One branch with no word: nothing is required.
        assert_eq!(words(r"sources said|\d+ \w+"), None);
    }

    #[test]
    fn optional_parts_and_short_words_are_not_required() {
        assert_eq!(words(r"(?:sources)?\s+said"), Some("said".into()));
        assert_eq!(words(r"an?\s+\w+"), None);
        assert_eq!(words(".+"), None);
    }

    #[test]
    fn the_prefilter_never_rules_out_a_text_the_regex_matches() {
        let pattern = r"(?:an?|one|two)\s+(?:\S+\s+){0,3}?(?:official|source|aide)s?(?:,|\s+said)";
        let regex = regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .unwrap();
        let pre = RequiredWords::of(pattern, true).unwrap();
        for text in [
            "A senior OFFICIAL said the talks had stalled.",
            "One ſource said so.",
            "two Aides, speaking on condition of anonymity",
            "an official, who",
            "Nobody said anything.",
        ] {
            if regex.is_match(text) {
                assert!(pre.may_match(&text.to_ascii_lowercase()), "{text}");
            }
        }
        assert!(!pre.may_match("nobody said anything."));
    }
}
