//! Small, allocation-free helpers for hot paths: ASCII lower-casing into a stack buffer
//! for the scanner's table look-ups, and an FNV-1a hasher for tables of short keys.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_folds_short_ascii_words_only() {
        assert_eq!(&*Lower::new("MiLLion"), "million");
        assert_eq!(
            &*Lower::new("Türkiye"),
            "",
            "non-ASCII words match no table"
        );
        assert_eq!(&*Lower::new(&"x".repeat(40)), "");
    }

    #[test]
    fn shapes_hold_their_words_in_any_case_and_rule_out_most_others() {
        let mut shapes = Shapes::EMPTY;
        for w in ["ten", "two", "million"] {
            shapes.add(w.as_bytes());
        }
        for w in ["ten", "TWO", "Million"] {
            assert!(shapes.may_hold(w.as_bytes()), "{w}");
        }
        for w in ["the", "to", "minister", "", "x'"] {
            assert!(!shapes.may_hold(w.as_bytes()), "{w}");
        }
    }
}

/// The shapes of the words of a fixed list: for each first letter and length below 16, a
/// bit per last letter, ASCII case ignored. A word whose shape is not in the list is not in
/// it, and most words of prose are ruled out by this before any lower-casing or hashing.
#[derive(Clone, Copy)]
pub struct Shapes([[u32; 16]; 26]);

impl Shapes {
    pub const EMPTY: Shapes = Shapes([[0; 16]; 26]);

    /// Adds the shape of `word` (ASCII letters; a longer or other word is not added).
    pub const fn add(&mut self, word: &[u8]) {
        let n = word.len();
        if n == 0 || n >= 16 {
            return;
        }
        let first = word[0].to_ascii_lowercase();
        let last = word[n - 1].to_ascii_lowercase();
        if first.is_ascii_lowercase() && last.is_ascii_lowercase() {
            self.0[(first - b'a') as usize][n] |= 1 << (last - b'a');
        }
    }

    /// Whether some word of the list has the shape of `word`.
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let n = word.len();
        if n == 0 || n >= 16 {
            return false;
        }
        let first = word[0].to_ascii_lowercase();
        let last = word[n - 1].to_ascii_lowercase();
        first.is_ascii_lowercase()
            && last.is_ascii_lowercase()
            && self.0[usize::from(first - b'a')][n] & (1 << (last - b'a')) != 0
    }
}

/// FNV-1a: for keys of a few bytes several times cheaper than the default SipHash. Used
/// for fixed word tables and per-article sets, where no attacker chooses colliding keys
/// across a long-lived table.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;
