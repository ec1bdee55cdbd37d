//! Near-duplicate articles in one story: the same copy under two outlets' names (syndicated,
//! scraped or pasted). Copies are one voice: they do not corroborate each other, and count
//! as one outlet.
//!
//! Each article's fingerprint holds a bottom-k sketch of its word shingles (the k smallest
//! hashes of its runs of six words, `text::Fingerprint`); two articles whose sketches
//! estimate a resemblance
//! (Jaccard similarity of their shingle sets) of at least `MIN_RESEMBLANCE` are copies.
//! Only articles that share a sketch value are compared, so a story of thousands of distinct
//! articles costs about one pass.

use crate::lower::FnvBuild;
use crate::text::SKETCH;
use std::collections::HashMap;

/// Estimated resemblance at or above which two articles are copies: light edits (another
/// headline, a trimmed paragraph) keep it far above this; two reports of one event written
/// apart stay far below it.
const MIN_RESEMBLANCE: f64 = 0.6;
/// Articles looked at under one sketch value: enough to find an earlier copy however many
/// there are, and a story of thousands stays linear.
const MAX_POSTINGS: usize = 64;

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

/// For each sketch (of `Fingerprint`), the indices of the others that are near-duplicates
/// of it.
pub fn near_duplicates(sketches: &[&[u64]]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<u64, Vec<u32>, FnvBuild> = HashMap::default();
    for (i, s) in sketches.iter().enumerate() {
        for &h in s.iter() {
            let list = postings.entry(h).or_default();
            if list.len() < MAX_POSTINGS {
                list.push(i as u32);
            }
        }
    }
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); sketches.len()];
    let mut shared: HashMap<u32, usize, FnvBuild> = HashMap::default();
    for (i, s) in sketches.iter().enumerate() {
        shared.clear();
        for h in s.iter() {
            // Each pair once, when the later article looks back at the earlier.
            for &j in postings.get(h).into_iter().flatten() {
                if (j as usize) < i {
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
            if resemblance(s, sketches[j]) >= MIN_RESEMBLANCE {
                copies[i].push(j);
                copies[j].push(i);
            }
        }
    }
    for c in &mut copies {
        c.sort_unstable();
        c.dedup();
    }
    copies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Fingerprint;

    fn sketches_of(texts: &[&str]) -> Vec<Vec<usize>> {
        let prints: Vec<Fingerprint> = texts.iter().map(|t| Fingerprint::of(t)).collect();
        let sketches: Vec<&[u64]> = prints.iter().map(|p| p.sketch.as_slice()).collect();
        near_duplicates(&sketches)
    }

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
        let found = sketches_of(&[REPORT, &copy, other]);
        assert_eq!(found, vec![vec![1], vec![0], Vec::<usize>::new()]);
    }

    #[test]
    fn short_texts_are_never_copies() {
        let brief = "Two dockworkers died in a port fire on Tuesday, police said.";
        assert_eq!(sketches_of(&[brief, brief]), vec![Vec::<usize>::new(); 2]);
    }
}
