//! Stretches of a sentence that are not prose, so that no figure is read inside them: URLs,
//! e-mail addresses and handles, hashtags, and phone numbers.

use crate::text::Span;

/// White-space separated chunks that are not prose: URLs, e-mail addresses and handles,
/// hashtags, and phone numbers.
pub(super) fn excluded_chunks(text: &str, sentence: Span) -> Vec<Span> {
    let piece = sentence.text(text);
    let mut out = Vec::new();
    let bytes = piece.as_bytes();
    // URLs, handles, tags and phone numbers all need one of these bytes; most sentences
    // have none of them.
    if !bytes
        .iter()
        .any(|c| matches!(c, b'/' | b'@' | b'#' | b'+' | b'(' | b'-'))
    {
        return out;
    }
    // Chunks split at ASCII white space, byte by byte: URLs and phone numbers hold none.
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let from = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if from == i {
            continue;
        }
        let Some(trimmed) = piece.get(from..i) else {
            continue;
        };
        let start = sentence.start + from;
        // Only chunks with a character that URLs, handles, tags or phone numbers need are
        // looked at more closely.
        let b = trimmed.as_bytes();
        if !b
            .iter()
            .any(|c| matches!(c, b'.' | b'/' | b'@' | b'#' | b'-' | b'+' | b'('))
        {
            continue;
        }
        let has = |needle: &str| {
            b.windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        let web = has("://")
            || b.len() >= 4 && b[..4].eq_ignore_ascii_case(b"www.")
            || b.contains(&b'@')
            || b[0] == b'#'
            || has(".com")
            || has(".org/")
            || has("pic.twitter");
        if web || is_phone_like(trimmed) {
            out.push(Span::new(start, start + trimmed.len()));
        }
    }
    // "(555) 123-4567": the area code stands apart from the rest.
    out
}

/// Digit groups joined by dashes, dots or spaces the way phone numbers are written:
/// "+92-51-9203041", "555-123-4567", "123-4567". ISO dates ("2025-11-03") are not.
fn is_phone_like(chunk: &str) -> bool {
    let core = chunk.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':'));
    if core.is_empty()
        || !core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '+' | '(' | ')'))
    {
        return false;
    }
    let groups: Vec<&str> = core
        .split(['-', '.', '(', ')'])
        .map(|g| g.trim_start_matches('+'))
        .filter(|g| !g.is_empty())
        .collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    if core.starts_with('+') && digits >= 7 {
        return true;
    }
    if core.contains('.') && groups.len() == 2 {
        return false; // a decimal number
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match lens.as_slice() {
        [4, 2, 2] => false,
        [_, _, _, ..] => digits >= 7,
        [3, 4] => !core.contains('.'),
        _ => false,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_not_figures() {
        assert!(is_phone_like("555-123-4567"));
        assert!(is_phone_like("+92-51-9203041"));
        assert!(is_phone_like("123-4567"));
        assert!(!is_phone_like("2025-11-03"));
        assert!(!is_phone_like("127-132"));
        assert!(!is_phone_like("1991-2001"));
        assert!(!is_phone_like("3.5"));
    }
}
