//! Scored articles and findings written as compact JSON straight into a byte buffer: the
//! same bytes `serde_json` writes for them, without its general machinery (a call per
//! key, a copy call per piece, a table look-up per byte of every string). A batch writes
//! a few kilobytes of findings an article, most of it excerpts; this writes strings eight
//! bytes at a time and copies each run without escapes at once.
//!
//! Rarely present parts (notes, copies, corroborated figures, evidence values) and
//! numbers with a fraction are still written by `serde_json`, so that every value keeps
//! its exact form.

use super::{Note, ScoredArticle};
use crate::rules::Finding;
use serde::Serialize;

/// Writes `article` as one JSON object (no newline).
pub fn write_article(out: &mut Vec<u8>, article: &ScoredArticle) {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &article.id);
    out.extend_from_slice(b",\"path\":");
    write_opt_str(out, article.path.as_deref());
    out.extend_from_slice(b",\"title\":");
    write_opt_str(out, article.title.as_deref());
    out.extend_from_slice(b",\"source\":");
    write_opt_str(out, article.source.as_deref());
    out.extend_from_slice(b",\"story\":");
    write_str(out, &article.story);
    out.extend_from_slice(b",\"published\":");
    match article.published {
        Some(date) => {
            out.push(b'"');
            write_date(out, date);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"published_inferred\":");
    write_bool(out, article.published_inferred);
    out.extend_from_slice(b",\"source_inferred\":");
    write_opt_str(out, article.source_inferred);
    out.extend_from_slice(b",\"url\":");
    write_opt_str(out, article.url.as_deref());
    if let Some(author) = &article.author {
        out.extend_from_slice(b",\"author\":");
        write_str(out, author);
    }
    out.extend_from_slice(b",\"language\":");
    write_str(out, &article.language);
    out.extend_from_slice(b",\"words\":");
    write_uint(out, article.words);
    out.extend_from_slice(b",\"score\":");
    write_with_serde(out, &article.score);
    out.extend_from_slice(b",\"baseline\":");
    write_with_serde(out, &article.baseline);
    out.extend_from_slice(b",\"level\":");
    write_str(out, &article.level);
    out.extend_from_slice(b",\"findings\":");
    write_findings(out, &article.findings);
    if !article.notes.is_empty() {
        out.extend_from_slice(b",\"notes\":");
        write_with_serde::<[Note]>(out, &article.notes);
    }
    if !article.copies.is_empty() {
        out.extend_from_slice(b",\"copies\":");
        write_with_serde::<[String]>(out, &article.copies);
    }
    if !article.corroborated.is_empty() {
        out.extend_from_slice(b",\"corroborated\":");
        write_with_serde::<[crate::stories::Corroborated]>(out, &article.corroborated);
    }
    out.push(b'}');
}

/// Writes `findings` as a JSON array.
pub fn write_findings(out: &mut Vec<u8>, findings: &[Finding]) {
    out.push(b'[');
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"rule\":");
        write_str(out, &f.rule);
        out.extend_from_slice(b",\"code\":");
        write_str(out, &f.code);
        out.extend_from_slice(b",\"category\":");
        write_with_serde(out, &f.category);
        out.extend_from_slice(b",\"points\":");
        write_with_serde(out, &f.points);
        out.extend_from_slice(b",\"message\":");
        write_str(out, &f.message);
        out.extend_from_slice(b",\"excerpt\":");
        write_str(out, &f.excerpt);
        out.extend_from_slice(b",\"line\":");
        write_uint(out, f.line);
        out.extend_from_slice(b",\"column\":");
        write_uint(out, f.column);
        out.extend_from_slice(b",\"evidence\":");
        match &f.evidence {
            serde_json::Value::Object(map) if map.is_empty() => out.extend_from_slice(b"{}"),
            evidence => write_with_serde(out, evidence),
        }
        out.extend_from_slice(b",\"span\":{\"start\":");
        write_uint(out, f.span.start);
        out.extend_from_slice(b",\"end\":");
        write_uint(out, f.span.end);
        out.push(b'}');
        if let Some(why) = &f.waived {
            out.extend_from_slice(b",\"waived\":");
            write_str(out, why);
        }
        out.push(b'}');
    }
    out.push(b']');
}

/// A value `serde_json` writes (it cannot fail for these types in a byte buffer).
fn write_with_serde<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
}

fn write_bool(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

fn write_opt_str(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// An unsigned integer in decimal.
fn write_uint(out: &mut Vec<u8>, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A date as `Date` displays it (YYYY-MM-DD, the year padded to four digits).
fn write_date(out: &mut Vec<u8>, date: crate::date::Date) {
    use std::io::Write;
    let _ = write!(out, "{date}");
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;

const fn each(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The bytes among eight that JSON needs escaped (a quotation mark, a backslash, a control
/// character below 0x20), as high bits; exact, no carry crosses a byte.
#[inline(always)]
fn needs_escape8(x: u64) -> u64 {
    let zero = |v: u64| !(((v & LOW7).wrapping_add(LOW7)) | v) & HIGH;
    let control = !((x & LOW7).wrapping_add(each(0x80 - 0x20)) | x) & HIGH;
    zero(x ^ each(b'"')) | zero(x ^ each(b'\\')) | control
}

/// A string as a JSON string, escaped as `serde_json` escapes it: `\"`, `\\`, the short
/// forms of backspace, form feed, line feed, carriage return and tab, and `\u00XX` (lower
/// case) for other control characters; everything else as it is.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // The start of the run not yet written, and where to look next.
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let found = match bytes.get(at..at + 8) {
            Some(eight) => {
                let mask = needs_escape8(u64::from_le_bytes(eight.try_into().unwrap_or_default()));
                if mask == 0 {
                    at += 8;
                    continue;
                }
                at + mask.trailing_zeros() as usize / 8
            }
            None => match bytes[at..]
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
            {
                Some(i) => at + i,
                None => break,
            },
        };
        out.extend_from_slice(&bytes[run..found]);
        write_escape(out, bytes[found]);
        run = found + 1;
        at = found + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

fn write_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xF)],
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

        /// Every string, escaped as `serde_json` escapes it: control characters, quotation
        /// marks and backslashes among letters and multi-byte characters, at every offset
        /// of the eight-byte reads.
        #[test]
        fn strings_are_written_as_serde_json_writes_them(
            pieces in proptest::collection::vec(
                prop_oneof![
                    (0u8..0x20).prop_map(|b| char::from(b).to_string()),
                    Just("\"".to_string()),
                    Just("\\".to_string()),
                    Just("\u{7f}".to_string()),
                    Just("é—“".to_string()),
                    "[a-zA-Z ]{0,11}",
                ],
                0..30,
            )
        ) {
            let s: String = pieces.concat();
            let mut ours = Vec::new();
            write_str(&mut ours, &s);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn integers_are_written_in_decimal(n in any::<usize>()) {
            let mut ours = Vec::new();
            write_uint(&mut ours, n);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), n.to_string());
        }
    }
}
