//! Near-duplicate articles in one story: the same copy under two outlets' names (syndicated,
//! scraped or pasted). Copies are one voice: they do not corroborate each other, and count
//! as one outlet.
//!
//! Each article is reduced to a bottom-k sketch of its word shingles (the k smallest hashes
//! of its runs of `SHINGLE_WORDS` words); two articles whose sketches estimate a resemblance
//! (Jaccard similarity of their shingle sets) of at least `MIN_RESEMBLANCE` are copies.
//! Only articles that share a sketch value are compared, so a story of thousands of distinct
//! articles costs about one pass.

use crate::lower::FnvBuild;
use std::collections::HashMap;

/// Words per shingle: long enough that shared phrases of ordinary news prose ("the prime
/// minister said on") rarely make two articles look alike.
const SHINGLE_WORDS: usize = 6;
/// Hashes kept per article.
const SKETCH: usize = 48;
/// Estimated resemblance at or above which two articles are copies: light edits (another
/// headline, a trimmed paragraph) keep it far above this; two reports of one event written
/// apart stay far below it.
const MIN_RESEMBLANCE: f64 = 0.6;
/// Words of an article read for its sketch.
const MAX_WORDS: usize = 1500;
/// Articles shorter than this many shingles are too short to call copies.
const MIN_SHINGLES: usize = 20;
/// Articles indexed under one sketch value at most: beyond it the value is boilerplate
/// shared by a whole feed, and says nothing about copying.
const MAX_POSTINGS: usize = 512;

fn sketch(text: &str) -> Vec<u64> {
    // One pass over the bytes: each word hashed as it is read, ASCII folded to lower case
    // (other bytes are part of words as they are); no string is allocated. Copies share
    // their opening, so the first `MAX_WORDS` words are enough.
    let mut words: Vec<u64> = Vec::new();
    let mut h: Option<u64> = None;
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            let x = h.unwrap_or(0xCBF2_9CE4_8422_2325);
            h = Some((x ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01B3));
        } else if let Some(x) = h.take() {
            words.push(x);
            if words.len() == MAX_WORDS {
                break;
            }
        }
    }
    words.extend(h);
    if words.len() < SHINGLE_WORDS + MIN_SHINGLES {
        return Vec::new();
    }
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let h = w
                .iter()
                .fold(0u64, |h, &x| h.rotate_left(13) ^ x)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^ (h >> 29)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SKETCH);
    hashes
}

/// The resemblance two sorted sketches estimate: of the `SKETCH` smallest values of their
/// union, the share found in both.
fn resemblance(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0, 0);
    while seen < SKETCH && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        seen += 1;
    }
    if seen == 0 {
        0.0
    } else {
        both as f64 / seen as f64
    }
}

/// For each text, the indices of the other texts that are near-duplicates of it.
pub fn near_duplicates(texts: &[&str]) -> Vec<Vec<usize>> {
    let sketches: Vec<Vec<u64>> = texts.iter().map(|t| sketch(t)).collect();
    let mut postings: HashMap<u64, Vec<u32>, FnvBuild> = HashMap::default();
    for (i, s) in sketches.iter().enumerate() {
        for &h in s {
            let list = postings.entry(h).or_default();
            if list.len() < MAX_POSTINGS {
                list.push(i as u32);
            }
        }
    }
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    let mut shared: HashMap<u32, usize, FnvBuild> = HashMap::default();
    for (i, s) in sketches.iter().enumerate() {
        shared.clear();
        for h in s {
            for &j in postings.get(h).into_iter().flatten() {
                if j as usize > i {
                    *shared.entry(j).or_insert(0) += 1;
                }
            }
        }
        // A copy shares most of its sketch; a few shared values are chance.
        let mut candidates: Vec<u32> = shared
            .iter()
            .filter(|&(_, &n)| n as f64 >= MIN_RESEMBLANCE * s.len() as f64 * 0.5)
            .map(|(&j, _)| j)
            .collect();
        candidates.sort_unstable();
        for j in candidates {
            let j = j as usize;
            if resemblance(s, &sketches[j]) >= MIN_RESEMBLANCE {
                copies[i].push(j);
                copies[j].push(i);
            }
        }
    }
    for c in &mut copies {
        c.sort_unstable();
    }
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "A fire at the container terminal killed two dockworkers on Tuesday \
night, police said on Wednesday. The city hospital said it had treated fourteen people for \
burns and smoke inhalation, three of them in serious condition. A hospital spokeswoman said all \
three were expected to recover. Shipping companies said they were rerouting cargo to the \
neighbouring port while the terminal stays closed, and the harbour master said an inquiry \
would begin once the site was safe to enter.";

    #[test]
    fn an_edited_copy_is_found_and_another_report_is_not() {
        let copy = format!("Port blaze: two die\n\n{REPORT} Readers can send tips by email.");
        let other = "Two dock workers died when fire swept through stacks of containers at \
the port late on Tuesday. Firefighters fought the blaze for six hours, and fourteen people were \
taken to hospital, according to the fire service, which said the cause was not yet known. The \
terminal will stay shut for at least a week, its operator said in a statement on Wednesday.";
        let found = near_duplicates(&[REPORT, &copy, other]);
        assert_eq!(found, vec![vec![1], vec![0], Vec::<usize>::new()]);
    }

    #[test]
    fn short_texts_are_never_copies() {
        let brief = "Two dockworkers died in a port fire on Tuesday, police said.";
        assert_eq!(
            near_duplicates(&[brief, brief]),
            vec![Vec::<usize>::new(); 2]
        );
    }
}
