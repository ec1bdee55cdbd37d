//! ASCII lower-casing without allocation, for the scanner's many table look-ups: a word of
//! up to 32 bytes is lower-cased into a stack buffer.

use std::ops::Deref;

/// A lower-cased copy of a short word, on the stack (longer words are truncated to an
/// empty string, which matches no table entry).
#[derive(Clone, Copy)]
pub struct Lower {
    buf: [u8; 32],
    len: u8,
}

impl Lower {
    pub fn new(word: &str) -> Lower {
        let mut buf = [0u8; 32];
        let bytes = word.as_bytes();
        if bytes.len() > buf.len() {
            return Lower { buf, len: 0 };
        }
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        Lower {
            buf,
            len: bytes.len() as u8,
        }
    }
}

impl Lower {
    pub fn as_str(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Deref for Lower {
    type Target = str;

    fn deref(&self) -> &str {
        // ASCII lower-casing keeps UTF-8 valid: multi-byte sequences are left as they are.
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

/// Whether `hay` contains `needle` (lower-case ASCII) as a whole word, ignoring ASCII case.
pub fn contains_word_ci(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || n.len() > h.len() {
        return false;
    }
    let first = n[0];
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i].to_ascii_lowercase() == first
            && h[i..i + n.len()].eq_ignore_ascii_case(n)
            && (i == 0 || !is_word(h[i - 1]) || !is_word(first))
            && (i + n.len() == h.len() || !is_word(h[i + n.len()]) || !is_word(n[n.len() - 1]))
        {
            return true;
        }
        i += 1;
    }
    false
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_and_whole_word_search() {
        assert_eq!(&*Lower::new("MiLLion"), "million");
        assert_eq!(&*Lower::new("Türkiye"), "türkiye");
        assert_eq!(&*Lower::new(&"x".repeat(40)), "");
        assert!(contains_word_ci("The War began", "war"));
        assert!(!contains_word_ci("The warden", "war"));
        assert!(contains_word_ci("rose up from 3", "up from"));
    }
}
