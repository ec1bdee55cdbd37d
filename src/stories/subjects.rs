//! Whether each article of a story shares its subject with another: a folder or feed often
//! mixes unrelated stories, and an article alone on its subject has no outlet to
//! corroborate it. Each article's distinctive words (its most frequent content words, from
//! its fingerprint) are indexed; an article shares the story's subject when it has
//! `MIN_SHARED` of them (fewer for a brief) in common with an article of another voice.

use crate::lower::FnvBuild;
use std::collections::HashMap;

/// Distinctive words two articles on one subject share at least.
const MIN_SHARED: usize = 6;
/// What a brief with few distinctive words must share at least.
const MIN_BRIEF: usize = 3;
/// Articles with fewer distinctive words than this are not judged off the subject.
const MIN_TO_JUDGE: usize = 12;
/// Articles looked at per word: when many share a word, the first few are enough to find
/// one that shares the subject, and a story of thousands stays linear.
const SAMPLE: usize = 64;

/// For each article's distinctive words (of `Fingerprint`), whether an article of another
/// voice (`voices`: outlet, with copies joined) shares its subject: a copy of an article, or
/// the same outlet again, is no second report.
pub fn shares_subject(words: &[&[u64]], voices: &[u32]) -> Vec<bool> {
    if words.len() < 2 {
        return vec![false; words.len()];
    }
    let total: usize = words.iter().map(|ws| ws.len()).sum();
    let mut postings: HashMap<u64, Vec<u32>, FnvBuild> =
        HashMap::with_capacity_and_hasher(total, FnvBuild::default());
    for (i, ws) in words.iter().enumerate() {
        for &w in ws.iter() {
            let list = postings.entry(w).or_default();
            if list.len() <= SAMPLE {
                list.push(i as u32);
            }
        }
    }
    let mut shared: HashMap<u32, usize, FnvBuild> =
        HashMap::with_capacity_and_hasher(words.len(), FnvBuild::default());
    words
        .iter()
        .enumerate()
        .map(|(i, ws)| {
            // Too few distinctive words to tell: the story key or folder is taken at its word.
            if ws.len() < MIN_TO_JUDGE {
                return true;
            }
            shared.clear();
            // A brief has few distinctive words: a quarter of them, and three at least.
            let needed = MIN_SHARED.min((ws.len() / 4).max(MIN_BRIEF));
            for w in ws.iter() {
                for &j in postings.get(w).into_iter().flatten() {
                    if j as usize == i || voices.get(j as usize) == voices.get(i) {
                        continue;
                    }
                    let n = shared.entry(j).or_insert(0);
                    *n += 1;
                    if *n >= needed {
                        return true;
                    }
                }
            }
            false
        })
        .collect()
}

/// Whether two articles' distinctive words show one subject: as many in common as
/// [`shares_subject`] asks of the first (fewer for a brief), or too few words to tell.
pub fn same_subject(a: &[u64], b: &[u64]) -> bool {
    if a.len() < MIN_TO_JUDGE {
        return true;
    }
    let needed = MIN_SHARED.min((a.len() / 4).max(MIN_BRIEF));
    a.iter().filter(|w| b.contains(w)).take(needed).count() >= needed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Fingerprint;

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
        let prints: Vec<Fingerprint> = [a, b, c].iter().map(|t| Fingerprint::of(t)).collect();
        let words: Vec<&[u64]> = prints.iter().map(|p| p.words.as_slice()).collect();
        assert_eq!(shares_subject(&words, &[0, 1, 2]), vec![true, true, false]);
        assert_eq!(shares_subject(&words[..1], &[0]), vec![false]);
        // One outlet twice is no second report.
        assert_eq!(
            shares_subject(&words, &[0, 0, 1]),
            vec![false, false, false]
        );
    }
}
