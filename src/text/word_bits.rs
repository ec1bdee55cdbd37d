//! A set of words held as bits of their hashes: "might this word be one of them?" in a
//! hash and one bit test, for prefilters that read every word of an article. A clear bit
//! means the word is not in the set; a set bit means it may be (the caller checks).

use super::fingerprint::hash_at;

/// Bits of a word's hash that choose its bit: 2^16 bits, 8 KiB.
const BITS: u32 = 16;

#[derive(Debug, Clone)]
pub struct WordBits {
    bits: Box<[u64]>,
}

impl Default for WordBits {
    fn default() -> WordBits {
        WordBits {
            bits: vec![0u64; 1 << (BITS - 6)].into_boxed_slice(),
        }
    }
}

impl WordBits {
    /// Adds a word (ASCII letters in either case count as one).
    pub fn add(&mut self, word: &[u8]) {
        if !word.is_empty() {
            let bit = Self::bit(hash_at(word, 0, word.len()));
            self.bits[bit >> 6] |= 1 << (bit & 63);
        }
    }

    /// Whether the word `bytes[start..end]` (not empty) may be in the set.
    #[inline(always)]
    pub fn may_hold(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        self.may_hold_at(WordBits::slot(bytes, start, end))
    }

    /// The bit the word `bytes[start..end]` (not empty) has in every set: hashed once, a
    /// word is looked up in several sets with [`WordBits::may_hold_at`].
    #[inline(always)]
    pub fn slot(bytes: &[u8], start: usize, end: usize) -> usize {
        Self::bit(hash_at(bytes, start, end - start))
    }

    /// Whether a word whose [`WordBits::slot`] is `bit` may be in the set.
    #[inline(always)]
    pub fn may_hold_at(&self, bit: usize) -> bool {
        self.bits[bit >> 6] & (1 << (bit & 63)) != 0
    }

    #[inline(always)]
    fn bit(hash: u64) -> usize {
        (hash >> (64 - BITS)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_words_are_found_in_any_ascii_case_and_others_mostly_are_not() {
        let mut set = WordBits::default();
        for w in ["million", "January", "sept"] {
            set.add(w.as_bytes());
        }
        let text = "MILLION january Sept";
        let mut at = 0;
        for word in text.split(' ') {
            assert!(set.may_hold(text.as_bytes(), at, at + word.len()), "{word}");
            at += word.len() + 1;
        }
        let others = "the council said on a quiet street that nobody would come back again";
        let mut held = 0;
        let mut at = 0;
        for word in others.split(' ') {
            held += usize::from(set.may_hold(others.as_bytes(), at, at + word.len()));
            at += word.len() + 1;
        }
        assert_eq!(held, 0);
    }
}
