//! ASCII lower-casing without allocation, for the scanner's many table look-ups: a word of
//! up to 32 bytes is lower-cased into a stack buffer.

use std::ops::Deref;

/// A lower-cased copy of a short ASCII word, on the stack. Longer words and words with
/// non-ASCII letters become the empty string, which matches no table entry (every table
/// the scanner looks words up in is ASCII).
#[derive(Clone, Copy)]
pub struct Lower {
    buf: [u8; 32],
    len: u8,
}

impl Lower {
    pub fn new(word: &str) -> Lower {
        let mut buf = [0u8; 32];
        let bytes = word.as_bytes();
        if bytes.len() > buf.len() || !bytes.is_ascii() {
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
        let bytes = &self.buf[..self.len as usize];
        debug_assert!(bytes.is_ascii());
        // SAFETY: `new` stores only ASCII bytes (it checks `is_ascii` and lower-cases ASCII
        // to ASCII), and ASCII is valid UTF-8. Checking again here, on every look-up, cost
        // a twentieth of the whole run.
        unsafe { std::str::from_utf8_unchecked(bytes) }
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
        assert_eq!(
            &*Lower::new("Türkiye"),
            "",
            "non-ASCII words match no table"
        );
        assert_eq!(&*Lower::new(&"x".repeat(40)), "");
        assert!(contains_word_ci("The War began", "war"));
        assert!(!contains_word_ci("The warden", "war"));
        assert!(contains_word_ci("rose up from 3", "up from"));
    }
}
