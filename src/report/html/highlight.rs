//! An article's text cut into pieces at every finding's span boundary, each piece with the
//! findings that cover it, so that overlapping spans can be highlighted without nesting.

use crate::text::Span;

/// A run of the text and the findings (by their index in the article's list) covering it.
#[derive(Debug, PartialEq)]
pub struct Piece<'t> {
    pub text: &'t str,
    pub start: usize,
    pub findings: Vec<usize>,
}

/// The text from byte `from` on (where the prose starts, after any front matter), cut at
/// the boundaries of `spans` (a finding's index and its byte span). Spans that are empty,
/// reach past the text or do not fall on character boundaries are left out: a finding's
/// place in the text is shown only where it is certain.
pub fn pieces<'t>(text: &'t str, from: usize, spans: &[(usize, Span)]) -> Vec<Piece<'t>> {
    let from = if text.is_char_boundary(from) { from } else { 0 };
    let valid: Vec<(usize, Span)> = spans
        .iter()
        .copied()
        .filter(|(_, s)| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(valid.len() * 2 + 2);
    cuts.push(from);
    cuts.push(text.len());
    for (_, s) in &valid {
        cuts.push(s.start.max(from));
        cuts.push(s.end.max(from));
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Piece k runs from cuts[k] to cuts[k + 1].
    let mut covering: Vec<Vec<usize>> = vec![Vec::new(); cuts.len().saturating_sub(1)];
    for (finding, s) in &valid {
        // Both ends are cuts, so the searches find them exactly.
        let first = cuts.partition_point(|&c| c < s.start.max(from));
        let last = cuts.partition_point(|&c| c < s.end.max(from));
        for piece in &mut covering[first..last] {
            piece.push(*finding);
        }
    }
    cuts.windows(2)
        .zip(covering)
        .filter(|(w, _)| w[0] < w[1])
        .map(|(w, findings)| Piece {
            text: &text[w[0]..w[1]],
            start: w[0],
            findings,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    fn shown<'t>(pieces: &[Piece<'t>]) -> Vec<(&'t str, Vec<usize>)> {
        pieces
            .iter()
            .map(|p| (p.text, p.findings.clone()))
            .collect()
    }

    #[test]
    fn overlapping_spans_cut_the_text_into_pieces_that_name_every_covering_finding() {
        let text = "Officials said 40 people died on Monday.";
        // A sentence-wide finding with a figure inside it, and a date.
        let p = pieces(
            text,
            0,
            &[(0, span(0, 40)), (1, span(15, 17)), (2, span(33, 39))],
        );
        assert_eq!(
            shown(&p),
            vec![
                ("Officials said ", vec![0]),
                ("40", vec![0, 1]),
                (" people died on ", vec![0]),
                ("Monday", vec![0, 2]),
                (".", vec![0]),
            ]
        );
        // The pieces put back together are the text.
        assert_eq!(p.iter().map(|p| p.text).collect::<String>(), text);
    }

    #[test]
    fn spans_that_are_empty_out_of_range_or_inside_a_character_are_left_out() {
        let text = "Café 12";
        // "é" is two bytes (3..5): 4 is inside it.
        let p = pieces(
            text,
            0,
            &[
                (0, span(4, 7)),
                (1, span(6, 6)),
                (2, span(6, 99)),
                (3, span(6, 8)),
            ],
        );
        assert_eq!(shown(&p), vec![("Café ", vec![]), ("12", vec![3])]);
    }

    #[test]
    fn front_matter_before_the_prose_is_left_out() {
        let text = "---\nsource: x\n---\nIt cost $5.";
        let p = pieces(text, 18, &[(0, span(26, 28)), (1, span(0, 3))]);
        assert_eq!(
            shown(&p),
            vec![("It cost ", vec![]), ("$5", vec![0]), (".", vec![])]
        );
    }

    #[test]
    fn a_text_without_findings_is_one_plain_piece_and_an_empty_text_none() {
        assert_eq!(shown(&pieces("plain", 0, &[])), vec![("plain", vec![])]);
        assert!(pieces("", 0, &[(0, span(0, 0))]).is_empty());
    }
}
