//! Sentence boundaries inside one block of prose. A full stop ends a sentence only when
//! white space and a plausible sentence start follow it, and not after an abbreviation or
//! an initial; decimals ("2.5") never split because no space follows their point.

use super::Span;
use crate::lower::Shapes;

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "gen", "col", "lt", "capt", "cmdr", "sgt", "rep",
    "gov", "pres", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "no",
    "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "a.m", "p.m", "approx", "est", "fig", "vol", "ave", "mt", "rev", "hon",
    "adm", "maj", "brig", "dept", "univ", "assn", "bros", "messrs", "rt",
    // Other languages' scale words and common abbreviations: "3 Mrd. Euro", "ca. 40",
    // "Sra. Ruiz", "Mme Dupont".
    "mio", "mrd", "tsd", "mln", "mld", "ca", "bzw", "vgl", "usw", "sra", "srta", "dra", "mme",
    "mlle", "gral", "nr", "dott", "sig", "dhr", "mevr",
];

/// Month names written after a day ordinal ("am 3. November"): a full stop after the day
/// is no sentence end.
const ORDINAL_MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

const ABBREVIATION_SHAPES: Shapes = {
    let mut shapes = Shapes::EMPTY;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        shapes.add(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    shapes
};

const ELLIPSIS: &[u8] = "…".as_bytes();

/// Byte spans (relative to `text`) of its sentences, trimmed of white space.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // The ends of sentences are ". ! ?" or "…" (E2 80 A6); vectorised searches skip the
    // bytes between them. The next ellipsis is kept until the search passes it.
    let mut ellipsis = memchr::memmem::find(bytes, ELLIPSIS);
    while i < bytes.len() {
        if ellipsis.is_some_and(|e| e < i) {
            ellipsis = memchr::memmem::find(&bytes[i..], ELLIPSIS).map(|e| e + i);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|s| s + i);
        let (at, width) = match (stop, ellipsis) {
            (Some(s), Some(e)) if e < s => (e, 3),
            (Some(s), _) => (s, 1),
            (None, Some(e)) => (e, 3),
            (None, None) => break,
        };
        let is_full_stop = bytes[at] == b'.';
        // Let runs of closing punctuation ("?!", '."', '.)') belong to this sentence.
        let mut end = at + width;
        loop {
            match bytes.get(end) {
                Some(b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') => end += 1,
                // ” ’ (E2 80 9D, E2 80 99) and » (C2 BB)
                Some(0xE2)
                    if bytes.get(end + 1) == Some(&0x80)
                        && matches!(bytes.get(end + 2), Some(0x9D | 0x99)) =>
                {
                    end += 3
                }
                Some(0xC2) if bytes.get(end + 1) == Some(&0xBB) => end += 2,
                _ => break,
            }
        }
        i = end;
        if !boundary_follows(text, end) {
            continue;
        }
        if is_full_stop
            && (is_abbreviation(&text[start..at]) || is_day_ordinal(&text[start..at], &text[end..]))
        {
            continue;
        }
        push_trimmed(&mut spans, text, start, end);
        start = end;
        // Skip the white space so the next sentence starts on a character.
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
}

fn push_trimmed(spans: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        spans.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// After the punctuation: white space, then something that can start a sentence.
fn boundary_follows(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() {
        return rest.is_empty();
    }
    match after_space.chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '—' | '–' | '-'
                )
        }
    }
}

/// "am 3. November": a day of one or two digits, its ordinal full stop, and a month name.
fn is_day_ordinal(before: &str, after: &str) -> bool {
    let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let lead = before.len() - digits;
    if !(1..=2).contains(&digits) || !(lead == 0 || before[..lead].ends_with(char::is_whitespace)) {
        return false;
    }
    let next: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    ORDINAL_MONTHS.contains(&next.as_str())
}

/// Whether the text before a full stop ends with an abbreviation or a lone initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    // A lone initial: "J." in "J. Smith".
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    // Dotted forms such as "U.S" keep their inner dots. Most words before a full stop are
    // ruled out by their shape before the list is searched.
    if !ABBREVIATION_SHAPES.may_hold(word.as_bytes()) {
        return false;
    }
    let lower = crate::lower::Lower::new(word);
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_split() {
        assert_eq!(
            sentences("Mr. Dar met Dr. Fidan at 4.35 p.m. on Monday. They spoke for 2.5 hours."),
            vec![
                "Mr. Dar met Dr. Fidan at 4.35 p.m. on Monday.",
                "They spoke for 2.5 hours."
            ]
        );
        assert_eq!(
            sentences("The U.S. envoy J. Smith arrived. He left."),
            vec!["The U.S. envoy J. Smith arrived.", "He left."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sentences("“We will not stop.” The minister left. Was it over? “Yes!” she said."),
            vec![
                "“We will not stop.”",
                "The minister left.",
                "Was it over?",
                "“Yes!” she said."
            ]
        );
    }

    #[test]
    fn day_ordinals_and_foreign_abbreviations_do_not_split() {
        assert_eq!(
            sentences("Das Beben war am 3. November 2015. Es traf die Stadt."),
            vec!["Das Beben war am 3. November 2015.", "Es traf die Stadt."]
        );
        assert_eq!(
            sentences("Der Bund gibt 3 Mrd. Euro. Das reicht nicht."),
            vec!["Der Bund gibt 3 Mrd. Euro.", "Das reicht nicht."]
        );
        // An English count before a full stop still ends its sentence.
        assert_eq!(
            sentences("The toll rose to 12. Rescuers kept digging."),
            vec!["The toll rose to 12.", "Rescuers kept digging."]
        );
    }

    #[test]
    fn lower_case_after_a_stop_is_not_a_new_sentence() {
        assert_eq!(
            sentences("It cost approx. five million. Then it ended"),
            vec!["It cost approx. five million.", "Then it ended"]
        );
        assert_eq!(sentences("see fig. 3 below."), vec!["see fig. 3 below."]);
    }
}
