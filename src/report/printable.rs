//! Text that came from an article (title, source, id, story, a file's name) made safe for a
//! terminal or a Markdown table: an article must not be able to send escape sequences (clear
//! the screen, set the clipboard, rewrite a line to read "ALL CLEAR"), reorder what follows
//! it, or break out of a table cell.

use std::borrow::Cow;

/// Whether a character may not be printed as it is: control characters (C0, DEL, C1,
/// escape among them) and the bidirectional overrides and isolates, which reorder the text
/// after them.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with white-space controls (tab, line breaks) as spaces and every other unsafe
/// character as U+FFFD, so that what was there stays visible.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                _ if !unsafe_char(c) => c,
                '\t' | '\n' | '\r' => ' ',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

/// `printable(s)` for a Markdown table cell: `|` escaped so it cannot end the cell, and `<`
/// so that no HTML tag is rendered.
pub fn markdown_cell(s: &str) -> String {
    printable(s).replace('|', "\\|").replace('<', "&lt;")
}

/// `printable` or `markdown_cell`, as the output is one or the other.
pub fn cell(s: &str, markdown: bool) -> String {
    if markdown {
        markdown_cell(s)
    } else {
        printable(s).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(printable("plain title"), "plain title");
        assert_eq!(
            printable("\u{1b}[2J\u{1b}]52;c;aGk=\u{7}ALL CLEAR"),
            "\u{FFFD}[2J\u{FFFD}]52;c;aGk=\u{FFFD}ALL CLEAR"
        );
        assert_eq!(printable("a\u{202E}b\tc\nd"), "a\u{FFFD}b c d");
        assert_eq!(markdown_cell("A | B <script>"), "A \\| B &lt;script>");
    }
}
