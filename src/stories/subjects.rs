//! Whether each article of a story shares its subject with another: a folder or feed often
//! mixes unrelated stories, and an article alone on its subject has no outlet to
//! corroborate it. Each article's distinctive words (its most frequent content words of
//! `MIN_LETTERS` letters or more) are indexed; an article shares the story's subject when
//! it has `MIN_SHARED` of them in common with another article. Words that half the story
//! uses say nothing about a subject and are left out.

use crate::lower::FnvBuild;
use std::collections::HashMap;

/// Distinctive words kept per article.
const WORDS: usize = 40;
/// Shorter words are mostly function words.
const MIN_LETTERS: usize = 5;
/// Distinctive words two articles on one subject share at least.
const MIN_SHARED: usize = 6;
/// Articles looked at per word: when many share a word, the first few are enough to find
/// one that shares the subject, and a story of thousands stays linear.
const SAMPLE: usize = 64;
/// Frequent words of five letters or more that any article may use.
const COMMON: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "among",
    "another",
    "around",
    "because",
    "before",
    "being",
    "between",
    "could",
    "during",
    "every",
    "first",
    "found",
    "going",
    "great",
    "their",
    "there",
    "these",
    "those",
    "these",
    "think",
    "through",
    "under",
    "until",
    "where",
    "which",
    "while",
    "would",
    "years",
    "other",
    "people",
    "place",
    "right",
    "since",
    "should",
    "still",
    "thing",
    "things",
    "today",
    "world",
    "according",
    "including",
    "however",
    "although",
    "already",
    "without",
    "within",
    "whether",
    "another",
    "little",
    "never",
    "often",
    "really",
    "might",
    "number",
    "point",
    "public",
    "report",
    "reported",
    "saying",
    "statement",
    "state",
    "states",
    "month",
    "months",
    "called",
    "added",
    "told",
    "later",
    "early",
    "group",
    "local",
    "based",
    "across",
    "behind",
    "further",
    "known",
];

fn distinctive(text: &str) -> Vec<u64> {
    let mut counts: HashMap<u64, u32, FnvBuild> = HashMap::default();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() < MIN_LETTERS
            || w.bytes().all(|b| b.is_ascii_digit())
            || COMMON.iter().any(|c| c.eq_ignore_ascii_case(w))
        {
            continue;
        }
        let h = w
            .chars()
            .flat_map(char::to_lowercase)
            .fold(0xCBF2_9CE4_8422_2325_u64, |h, c| {
                (h ^ u64::from(u32::from(c))).wrapping_mul(0x0000_0100_0000_01B3)
            });
        *counts.entry(h).or_insert(0) += 1;
    }
    let mut words: Vec<(u64, u32)> = counts.into_iter().collect();
    words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words.truncate(WORDS);
    words.into_iter().map(|(w, _)| w).collect()
}

/// For each text, whether another text of the batch shares its subject.
pub fn shares_subject(texts: &[&str]) -> Vec<bool> {
    if texts.len() < 2 {
        return vec![false; texts.len()];
    }
    let words: Vec<Vec<u64>> = texts.iter().map(|t| distinctive(t)).collect();
    let mut postings: HashMap<u64, Vec<u32>, FnvBuild> = HashMap::default();
    for (i, ws) in words.iter().enumerate() {
        for &w in ws {
            postings.entry(w).or_default().push(i as u32);
        }
    }
    let mut shared: HashMap<u32, usize, FnvBuild> = HashMap::default();
    words
        .iter()
        .enumerate()
        .map(|(i, ws)| {
            shared.clear();
            for w in ws {
                for &j in postings.get(w).into_iter().flatten().take(SAMPLE + 1) {
                    if j as usize == i {
                        continue;
                    }
                    let n = shared.entry(j).or_insert(0);
                    *n += 1;
                    if *n >= MIN_SHARED {
                        return true;
                    }
                }
            }
            false
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_on_one_event_share_it_and_an_unrelated_one_does_not() {
        let a = "Firefighters battled a blaze at the harbour container terminal overnight. \
The terminal fire destroyed cranes and containers, and dockworkers were evacuated from the \
harbour while firefighters cooled the burning containers.";
        let b = "A container terminal fire at the harbour forced the evacuation of dockworkers. \
Firefighters fought the blaze among the containers and cranes for hours before the terminal \
was declared safe.";
        let c = "The central bank raised interest rates again, citing stubborn inflation in \
services. Economists expected the decision, and markets barely moved after the announcement \
from the governor.";
        assert_eq!(shares_subject(&[a, b, c]), vec![true, true, false]);
        assert_eq!(shares_subject(&[a]), vec![false]);
    }
}
