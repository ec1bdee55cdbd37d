//! Double quotation marks, found with a vectorised byte search: the straight `"` and the
//! curly “ and ” (E2 80 9C and E2 80 9D in UTF-8). Quotes decide attribution carry-over and
//! the quote scopes of the rules, so every sentence is searched for them; most bytes of
//! prose are neither mark, and the search skips them many at a time.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// `"`: opens or closes.
    Straight,
    /// “
    Opening,
    /// ”
    Closing,
}

impl QuoteMark {
    /// The mark's length in bytes.
    pub fn width(self) -> usize {
        match self {
            QuoteMark::Straight => 1,
            QuoteMark::Opening | QuoteMark::Closing => 3,
        }
    }
}

/// Every double quotation mark of `bytes`, in order, with its offset.
pub fn quote_marks(bytes: &[u8]) -> impl Iterator<Item = (usize, QuoteMark)> + '_ {
    memchr::memchr2_iter(b'"', 0xE2, bytes).filter_map(move |i| {
        if bytes[i] == b'"' {
            return Some((i, QuoteMark::Straight));
        }
        match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(0x9C)) => Some((i, QuoteMark::Opening)),
            (Some(0x80), Some(0x9D)) => Some((i, QuoteMark::Closing)),
            _ => None,
        }
    })
}

/// Quoted stretches of a block: curly quotes, or pairs of straight double quotes.
pub fn quoted(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    // Where the open quotation starts, and whether it opened with a curly quote.
    let mut open: Option<(usize, bool)> = None;
    for (i, mark) in quote_marks(block.text(text).as_bytes()) {
        let straight = mark == QuoteMark::Straight;
        let (opening, closing) = match mark {
            QuoteMark::Straight => (true, true),
            QuoteMark::Opening => (true, false),
            QuoteMark::Closing => (false, true),
        };
        match open {
            None if opening => open = Some((i, !straight)),
            Some((start, was_curly)) if closing && was_curly != straight => {
                out.push(Span::new(
                    block.start + start,
                    block.start + i + mark.width(),
                ));
                open = None;
            }
            _ => {}
        }
    }
    // A quotation left open runs to the end of its paragraph.
    if let Some((start, _)) = open {
        out.push(Span::new(block.start + start, block.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_straight_and_curly_marks_not_apostrophes_or_dashes() {
        let text = "“Yes,” he said — it’s \"done\".";
        let marks: Vec<_> = quote_marks(text.as_bytes()).collect();
        let expected = vec![
            (0, QuoteMark::Opening),
            (7, QuoteMark::Closing),
            (text.find("\"d").unwrap(), QuoteMark::Straight),
            (text.rfind('"').unwrap(), QuoteMark::Straight),
        ];
        assert_eq!(marks, expected);
        assert!(
            marks
                .iter()
                .all(|&(i, m)| text.is_char_boundary(i + m.width()))
        );
    }
}
