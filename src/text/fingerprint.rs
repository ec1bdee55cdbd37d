//! An article's fingerprint, read in one pass over its bytes when it is analysed: a
//! bottom-k sketch of its word shingles (for finding copies) and its most frequent
//! distinctive words (for telling whether two articles share a subject). Stories compare
//! fingerprints, never texts.

/// Words per shingle: long enough that shared phrases of ordinary news prose ("the prime
/// minister said on") rarely make two articles look alike.
pub const SHINGLE_WORDS: usize = 6;
/// Shingle hashes kept per article.
pub const SKETCH: usize = 48;
/// Words of an article read: copies share their opening, and a subject shows early.
const MAX_WORDS: usize = 600;
/// Articles shorter than this many shingles are too short to call copies.
const MIN_SHINGLES: usize = 20;
/// Distinctive words kept per article.
pub const WORDS: usize = 40;
/// Shorter words are mostly function words.
const MIN_LETTERS: usize = 5;
/// Frequent words of five letters or more that any article may use.
const COMMON: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "among",
    "another",
    "around",
    "because",
    "before",
    "being",
    "between",
    "could",
    "during",
    "every",
    "first",
    "found",
    "going",
    "great",
    "their",
    "there",
    "these",
    "those",
    "think",
    "through",
    "under",
    "until",
    "where",
    "which",
    "while",
    "would",
    "years",
    "other",
    "people",
    "place",
    "right",
    "since",
    "should",
    "still",
    "thing",
    "things",
    "today",
    "world",
    "according",
    "including",
    "however",
    "although",
    "already",
    "without",
    "within",
    "whether",
    "little",
    "never",
    "often",
    "really",
    "might",
    "number",
    "point",
    "public",
    "report",
    "reported",
    "saying",
    "statement",
    "state",
    "states",
    "month",
    "months",
    "called",
    "added",
    "later",
    "early",
    "group",
    "local",
    "based",
    "across",
    "behind",
    "further",
    "known",
];

/// Multiplier of the word and shingle hashes (the golden ratio in 64 bits).
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// Whether a byte is part of a word: ASCII letters and digits, and every byte of a
/// multi-byte character (most of which are letters).
const IS_WORD: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c >= 0x80 {
            class[b] = 1;
        }
        b += 1;
    }
    class
};

/// Setting bit 5 of every byte folds ASCII letters to lower case and leaves digits as
/// they are (it also merges a few pairs of continuation bytes, which only a hash sees).
const FOLD: u64 = 0x2020_2020_2020_2020;

fn mix(h: u64, x: u64) -> u64 {
    let h = (h ^ x).wrapping_mul(MIX);
    h ^ (h >> 29)
}

/// Eight bytes from `at`, zero past the end.
fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
        None => {
            let mut eight = [0u8; 8];
            let rest = &bytes[at.min(bytes.len())..];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

/// The hash of the word `bytes[start..start + len]` (`len` ≥ 1), read eight bytes at a
/// time. Never 0, the empty slot of `WordCounts`.
fn hash_at(bytes: &[u8], start: usize, len: usize) -> u64 {
    let mut h = len as u64;
    let (mut at, mut left) = (start, len);
    while left > 8 {
        h = mix(h, load8(bytes, at) | FOLD);
        at += 8;
        left -= 8;
    }
    let keep = u64::MAX >> (64 - 8 * left);
    mix(mix(h, (load8(bytes, at) | FOLD) & keep), 0) | 1
}

fn hash_word(word: &[u8]) -> u64 {
    hash_at(word, 0, word.len())
}

fn common_hashes() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let mut h: Vec<u64> = COMMON.iter().map(|w| hash_word(w.as_bytes())).collect();
        h.sort_unstable();
        h
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The `SKETCH` smallest shingle hashes, sorted; empty for a short text.
    pub sketch: Vec<u64>,
    /// Hashes of the `WORDS` most frequent distinctive words, sorted.
    pub words: Vec<u64>,
}

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        let bytes = text.as_bytes();
        let most_words = MAX_WORDS.min(bytes.len() / 2 + 1);
        let mut shingles: Vec<u64> = Vec::with_capacity(most_words);
        let mut counts = WordCounts::new(most_words.min(bytes.len() / (MIN_LETTERS + 1) + 1));
        // The last words read, and the rolling hash of the last `SHINGLE_WORDS` of them:
        // each word's hash turned 13 bits further per word after it.
        let mut last = [0u64; SHINGLE_WORDS];
        let mut rolling = 0u64;
        let mut words = 0;
        let add_word = |start: usize, stop: usize| {
            let len = stop - start;
            let h = hash_at(bytes, start, len);
            let oldest = std::mem::replace(&mut last[words % SHINGLE_WORDS], h);
            // The oldest word has been turned 13 bits for each of the words after it.
            let turn = (13 * (SHINGLE_WORDS as u32 - 1)) % 64;
            rolling = (rolling ^ oldest.rotate_left(turn)).rotate_left(13) ^ h;
            words += 1;
            if words >= SHINGLE_WORDS {
                shingles.push(mix(0, rolling));
            }
            if len >= MIN_LETTERS && !bytes[start..stop].iter().all(u8::is_ascii_digit) {
                counts.add(h);
            }
            words < MAX_WORDS
        };
        for_each_word(bytes, add_word);
        Fingerprint {
            sketch: sketch(shingles),
            words: counts.most_frequent(),
        }
    }
}

/// Calls `f(start, end)` for each word of `bytes` in order, until it returns false.
///
/// Word bytes are read as the bits of 64-byte blocks, so that word starts and ends are
/// found with bit operations rather than a branch per byte (word boundaries are where
/// branches mispredict).
fn for_each_word(bytes: &[u8], mut f: impl FnMut(usize, usize) -> bool) {
    let mut open: Option<usize> = None;
    let mut block = 0;
    while block < bytes.len() {
        let end = (block + 64).min(bytes.len());
        let mut word_bits = 0u64;
        for (k, &b) in bytes[block..end].iter().enumerate() {
            word_bits |= u64::from(IS_WORD[usize::from(b)]) << k;
        }
        let mut starts = word_bits & !(word_bits << 1);
        if open.is_some() {
            // Bit 0 carries on the word the last block left open.
            starts &= !1;
        }
        let mut ends = word_bits & !(word_bits >> 1);
        if bytes
            .get(end)
            .is_some_and(|&b| IS_WORD[usize::from(b)] == 1)
        {
            ends &= !(1u64 << (end - block - 1));
        }
        while ends != 0 {
            let stop = block + ends.trailing_zeros() as usize + 1;
            ends &= ends - 1;
            let start = open.take().unwrap_or_else(|| {
                let s = block + starts.trailing_zeros() as usize;
                starts &= starts.wrapping_sub(1);
                s
            });
            if !f(start, stop) {
                return;
            }
        }
        if starts != 0 {
            open = Some(block + starts.trailing_zeros() as usize);
        }
        block = end;
    }
}

fn sketch(mut hashes: Vec<u64>) -> Vec<u64> {
    if hashes.len() < MIN_SHINGLES + 1 {
        return Vec::new();
    }
    // The smallest values without sorting them all: select, then sort the few kept
    // (twice the sketch, so that repeated shingles can be dropped).
    let keep = (2 * SKETCH).min(hashes.len());
    if keep < hashes.len() {
        hashes.select_nth_unstable(keep);
    }
    let smallest = &mut hashes[..keep];
    smallest.sort_unstable();
    // A fresh vector of the sketch's size: the fingerprint outlives the pass, the buffer
    // of every shingle should not.
    let mut kept: Vec<u64> = Vec::with_capacity(SKETCH);
    for &h in smallest.iter() {
        if kept.len() == SKETCH {
            break;
        }
        if kept.last() != Some(&h) {
            kept.push(h);
        }
    }
    kept
}

/// Distinctive words counted in an open-addressing table (word hashes are never 0, the
/// empty slot), sized for the words the text can hold.
struct WordCounts {
    slots: Vec<(u64, u32)>,
}

impl WordCounts {
    fn new(most: usize) -> WordCounts {
        WordCounts {
            slots: vec![(0, 0); (most * 3 / 2 + 1).next_power_of_two()],
        }
    }

    fn add(&mut self, h: u64) {
        let mask = self.slots.len() - 1;
        let mut at = (h >> 7) as usize & mask;
        loop {
            let slot = &mut self.slots[at];
            if slot.0 == h {
                slot.1 += 1;
                return;
            }
            if slot.0 == 0 {
                *slot = (h, 1);
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The `WORDS` most frequent words that are not common ones (ties to the smaller
    /// hash), sorted by hash.
    fn most_frequent(self) -> Vec<u64> {
        let common = common_hashes();
        let mut counted: Vec<(u32, u64)> = self
            .slots
            .into_iter()
            .filter(|&(h, _)| h != 0 && common.binary_search(&h).is_err())
            .map(|(h, n)| (n, h))
            .collect();
        let order = |a: &(u32, u64), b: &(u32, u64)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if counted.len() > WORDS {
            counted.select_nth_unstable_by(WORDS - 1, order);
            counted.truncate(WORDS);
        }
        // Copied out, not collected in place: the table's allocation is not kept.
        let mut out: Vec<u64> = Vec::with_capacity(counted.len());
        out.extend(counted.iter().map(|&(_, h)| h));
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words the slow way: runs of word bytes.
    fn naive_words(bytes: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, &b) in bytes.iter().enumerate() {
            match (IS_WORD[usize::from(b)] == 1, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, bytes.len()));
        }
        out
    }

    #[test]
    fn words_are_found_across_block_boundaries() {
        // Words of every length from 1 to 150 bytes, at every offset of a 64-byte block,
        // with runs of one to three separators.
        let mut text = String::new();
        let mut n = 0u32;
        for len in 1..150 {
            text.push_str(&"x".repeat(len));
            n = n.wrapping_mul(31).wrapping_add(7);
            text.push_str(&", -"[..1 + (n % 3) as usize]);
        }
        text.push_str("Ünïcode wörds end it");
        for cut in [0, 1, 63, 64, 65, 127, 128, text.len() - 1, text.len()] {
            let bytes = &text.as_bytes()[..cut];
            let mut found = Vec::new();
            for_each_word(bytes, |s, e| {
                found.push((s, e));
                true
            });
            assert_eq!(found, naive_words(bytes), "cut at {cut}");
        }
    }

    #[test]
    fn shingles_do_not_depend_on_where_the_text_starts() {
        let body = "The harbour master said the quay would reopen on Monday after divers \
checked the wall, and the ferry company said sailings would resume the same evening while \
freight waited for a second inspection of the crane rails and the fuel berth by engineers.";
        let a = Fingerprint::of(body);
        let b = Fingerprint::of(&format!("Ferry news. {body}"));
        let shared = a.sketch.iter().filter(|h| b.sketch.contains(h)).count();
        assert!(
            shared * 10 >= a.sketch.len() * 8,
            "{shared} of {}",
            a.sketch.len()
        );
    }

    #[test]
    fn case_and_punctuation_do_not_change_a_word() {
        assert_eq!(hash_word(b"Harbour"), hash_word(b"harbour"));
        assert_ne!(hash_word(b"harbour"), hash_word(b"harbours"));
        assert_ne!(hash_word(b"abcdefgh"), hash_word(b"abcdefghi"));
        let a = Fingerprint::of("The harbour master said the quay would reopen on Monday.");
        let b = Fingerprint::of("THE HARBOUR MASTER SAID, THE QUAY WOULD REOPEN ON MONDAY!");
        assert_eq!(a, b);
    }
}
