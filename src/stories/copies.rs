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

use crate::text::SKETCH;

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
    // Every (value, article) pair, sorted: the articles holding one value are a run, in
    // article order. One allocation, no hashing.
    let mut postings: Vec<(u64, u32)> = sketches
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.iter().map(move |&h| (h, i as u32)))
        .collect();
    postings.sort_unstable();
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); sketches.len()];
    // Values shared with each earlier article, counted in a dense table and reset through
    // the list of articles touched.
    let mut shared: Vec<u16> = vec![0; sketches.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, s) in sketches.iter().enumerate() {
        for &h in s.iter() {
            let run = postings.partition_point(|&(v, _)| v < h);
            // Each pair once, when the later article looks back at the earlier; only the
            // first articles holding a value are looked at.
            for &(v, j) in postings[run..].iter().take(MAX_POSTINGS) {
                if v != h || j as usize >= i {
                    break;
                }
                if shared[j as usize] == 0 {
                    touched.push(j);
                }
                shared[j as usize] += 1;
            }
        }
        // The resemblance counts values found in both among at least `s.len()` values
        // seen, so an article sharing fewer than that share of its sketch is no copy.
        let needed = MIN_RESEMBLANCE * s.len() as f64;
        touched.sort_unstable();
        for &j in &touched {
            let j = j as usize;
            let n = std::mem::take(&mut shared[j]);
            if f64::from(n) >= needed && resemblance(s, sketches[j]) >= MIN_RESEMBLANCE {
                copies[i].push(j);
                copies[j].push(i);
            }
        }
        touched.clear();
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
