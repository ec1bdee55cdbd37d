//! Double quotation marks, found with a vectorised byte search: the straight `"`, the curly
//! “ and ” (E2 80 9C and E2 80 9D in UTF-8), the low „ that opens a German quotation (which
//! “ then closes), and the guillemets « and » (C2 AB and C2 BB) of French, Spanish, Italian
//! and Portuguese. Quotes decide attribution carry-over and the quote scopes of the rules,
//! so every sentence is searched for them; most bytes of prose are none of these marks, and
//! the search skips them many at a time.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// `"`: opens or closes.
    Straight,
    /// “, „ or «
    Opening,
    /// ”, », or “ after a „
    Closing,
}

/// One quotation mark: where it is, what it does, and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub at: usize,
    pub kind: QuoteMark,
    pub width: usize,
}

/// Every double quotation mark of `bytes`, in order. Text scraped from typeset copy closes a
/// straight quotation with two apostrophes after a space (`"Twilight ''`): such a pair is a
/// straight mark too, or the quotation would run on into the next one.
pub fn quote_marks(bytes: &[u8]) -> impl Iterator<Item = Mark> + '_ {
    // Most text holds no doubled apostrophe: one search settles it.
    let doubled: Vec<usize> = if memchr::memmem::find(bytes, b" ''").is_some() {
        memchr::memmem::find_iter(bytes, b" ''")
            .map(|i| i + 1)
            .filter(|&i| bytes.get(i + 2) != Some(&b'\''))
            .collect()
    } else {
        Vec::new()
    };
    Merged {
        marks: single_marks(bytes).peekable(),
        doubled: doubled.into_iter().peekable(),
    }
}

/// Two runs of marks, each in order, read as one in order.
struct Merged<A: Iterator<Item = Mark>, B: Iterator<Item = usize>> {
    marks: std::iter::Peekable<A>,
    doubled: std::iter::Peekable<B>,
}

impl<A: Iterator<Item = Mark>, B: Iterator<Item = usize>> Iterator for Merged<A, B> {
    type Item = Mark;

    fn next(&mut self) -> Option<Mark> {
        let doubled_first = match (self.marks.peek(), self.doubled.peek()) {
            (Some(m), Some(&d)) => d < m.at,
            (None, Some(_)) => true,
            _ => false,
        };
        if doubled_first {
            return self.doubled.next().map(|at| Mark {
                at,
                kind: QuoteMark::Straight,
                width: 2,
            });
        }
        self.marks.next()
    }
}

/// Every double quotation mark of `bytes` written as one character, in order.
fn single_marks(bytes: &[u8]) -> impl Iterator<Item = Mark> + '_ {
    // A „ opens a quotation that “ closes.
    let mut low_open = false;
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes).filter_map(move |i| {
        let mark = |kind, width| Some(Mark { at: i, kind, width });
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'"', _, _) => mark(QuoteMark::Straight, 1),
            (0xE2, Some(0x80), Some(0x9C)) if low_open => {
                low_open = false;
                mark(QuoteMark::Closing, 3)
            }
            (0xE2, Some(0x80), Some(0x9C)) => mark(QuoteMark::Opening, 3),
            (0xE2, Some(0x80), Some(0x9D)) => {
                low_open = false;
                mark(QuoteMark::Closing, 3)
            }
            (0xE2, Some(0x80), Some(0x9E)) => {
                low_open = true;
                mark(QuoteMark::Opening, 3)
            }
            (0xC2, Some(0xAB), _) => mark(QuoteMark::Opening, 2),
            (0xC2, Some(0xBB), _) => mark(QuoteMark::Closing, 2),
            _ => None,
        }
    })
}

/// Quoted stretches of a block: curly quotes, or pairs of straight double quotes.
pub fn quoted(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    // Where the open quotation starts, and whether it opened with a curly quote.
    let mut open: Option<(usize, bool)> = None;
    for Mark {
        at: i,
        kind: mark,
        width,
    } in quote_marks(block.text(text).as_bytes())
    {
        let straight = mark == QuoteMark::Straight;
        let (opening, closing) = match mark {
            QuoteMark::Straight => (true, true),
            QuoteMark::Opening => (true, false),
            QuoteMark::Closing => (false, true),
        };
        match open {
            None if opening => open = Some((i, !straight)),
            Some((start, was_curly)) if closing && was_curly != straight => {
                out.push(Span::new(block.start + start, block.start + i + width));
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
    fn two_apostrophes_after_a_space_close_a_straight_quotation() {
        let text = "He directed \"Twilight '' and \"The Golden Compass '' before it. It's 'fine'.";
        let spans: Vec<&str> = quoted(text, Span::new(0, text.len()))
            .iter()
            .map(|q| q.text(text))
            .collect();
        assert_eq!(spans, vec!["\"Twilight ''", "\"The Golden Compass ''"]);
        // An apostrophe, a single quote or three apostrophes is no mark.
        assert_eq!(quote_marks(b"it's 'fine' ''' x").count(), 0);
    }

    #[test]
    fn finds_straight_and_curly_marks_not_apostrophes_or_dashes() {
        let text = "“Yes,” he said — it’s \"done\".";
        let marks: Vec<_> = quote_marks(text.as_bytes())
            .map(|m| (m.at, m.kind))
            .collect();
        let expected = vec![
            (0, QuoteMark::Opening),
            (7, QuoteMark::Closing),
            (text.find("\"d").unwrap(), QuoteMark::Straight),
            (text.rfind('"').unwrap(), QuoteMark::Straight),
        ];
        assert_eq!(marks, expected);
        assert!(quote_marks(text.as_bytes()).all(|m| text.is_char_boundary(m.at + m.width)));
    }

    #[test]
    fn guillemets_and_german_low_quotes_open_and_close() {
        let french = "Il a dit : « Nous resterons ici jusqu’au bout », puis il est parti.";
        let spans = quoted(french, Span::new(0, french.len()));
        assert_eq!(spans.len(), 1);
        assert_eq!(
            spans[0].text(french),
            "« Nous resterons ici jusqu’au bout »"
        );
        let german = "Er sagte: „Wir bleiben hier bis zum Ende“, und ging. Später: „Nein.“";
        let spans: Vec<&str> = quoted(german, Span::new(0, german.len()))
            .iter()
            .map(|s| s.text(german))
            .collect();
        assert_eq!(spans, vec!["„Wir bleiben hier bis zum Ende“", "„Nein.“"]);
        // A no-break space (C2 A0) is no quotation mark.
        assert_eq!(quote_marks("40\u{a0}000".as_bytes()).count(), 0);
    }
}
