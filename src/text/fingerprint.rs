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
const MAX_WORDS: usize = 300;
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
#[inline(always)]
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
///
/// Folded bytes are never zero, so for a word of up to eight bytes the masked load already
/// says how long the word is, and one multiply-and-shift (a bijection) hashes it.
#[inline(always)]
pub(super) fn hash_at(bytes: &[u8], start: usize, len: usize) -> u64 {
    let (mut h, mut at, mut left) = (0u64, start, len);
    if len > 8 {
        h = len as u64;
        while left > 8 {
            h = mix(h, load8(bytes, at) | FOLD);
            at += 8;
            left -= 8;
        }
    }
    let keep = u64::MAX >> (64 - 8 * left);
    mix(h, (load8(bytes, at) | FOLD) & keep) | 1
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

/// Buffers a thread reuses from one article to the next, so that a fingerprint allocates
/// only what it keeps.
#[derive(Default)]
struct Scratch {
    shingles: Vec<u64>,
    under_bound: Vec<u64>,
    /// Each word long enough to count: its hash and where it starts.
    countable: Vec<(u64, usize)>,
    counts: WordCounts,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => Fingerprint::with(text, &mut scratch),
            Err(_) => Fingerprint::with(text, &mut Scratch::default()),
        })
    }

    fn with(text: &str, scratch: &mut Scratch) -> Fingerprint {
        let bytes = text.as_bytes();
        let Scratch {
            shingles,
            under_bound,
            countable,
            counts,
        } = scratch;
        shingles.clear();
        counts.reset();
        // The last words read, and the rolling hash of the last `SHINGLE_WORDS` of them:
        // each word's hash turned 13 bits further per word after it.
        let mut last = [0u64; SHINGLE_WORDS];
        let mut ring = 0;
        let countable = &mut scratch_countable(countable);
        let mut pending = 0;
        let mut rolling = 0u64;
        let mut words = 0;
        let add_word = |start: usize, stop: usize| {
            let len = stop - start;
            let h = hash_at(bytes, start, len);
            let oldest = std::mem::replace(&mut last[ring], h);
            ring = if ring + 1 == SHINGLE_WORDS {
                0
            } else {
                ring + 1
            };
            // The oldest word has been turned 13 bits for each of the words after it.
            let turn = (13 * (SHINGLE_WORDS as u32 - 1)) % 64;
            rolling = (rolling ^ oldest.rotate_left(turn)).rotate_left(13) ^ h;
            words += 1;
            if words >= SHINGLE_WORDS {
                shingles.push(mix(0, rolling));
            }
            // Gathered without a branch on the word's length, which would mispredict on
            // every other word; counted after the pass.
            countable[pending] = (h, start);
            pending += usize::from(len >= MIN_LETTERS);
            words < MAX_WORDS
        };
        for_each_word(bytes, add_word);
        for (position, &(h, start)) in countable[..pending].iter().enumerate() {
            // Numbers are not words of the subject ("12000", "2025"); only a word that
            // starts with a digit is read further.
            if bytes[start].is_ascii_digit() && is_number(&bytes[start..]) {
                continue;
            }
            counts.add(h, position as u32);
        }
        Fingerprint {
            sketch: sketch(shingles, under_bound),
            words: counts.most_frequent(),
        }
    }
}

/// Sized for an article's words, so that writing past the last counted word is in bounds.
fn scratch_countable(buffer: &mut Vec<(u64, usize)>) -> &mut [(u64, usize)] {
    buffer.resize(MAX_WORDS + 1, (0, 0));
    buffer
}

/// Whether the word at the start of `bytes` is all digits.
fn is_number(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take_while(|&&b| IS_WORD[usize::from(b)] == 1)
        .all(u8::is_ascii_digit)
}

/// Word bytes among eight: the high bit of each byte of the result is set where the byte
/// is an ASCII letter or digit or part of a multi-byte character (the `IS_WORD` class),
/// found with a few word-wide operations instead of a lookup per byte.
#[inline(always)]
pub(super) fn word_bytes8(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // Seven-bit values plus at most 0x80 never carry into the next byte, so each byte's
    // high bit after an add tells whether it reached a bound.
    let y = x & LOW7;
    let lower = y | FOLD;
    let letter = lower.wrapping_add(each(0x80 - b'a')) & !lower.wrapping_add(each(0x7F - b'z'));
    let digit = y.wrapping_add(each(0x80 - b'0')) & !y.wrapping_add(each(0x7F - b'9'));
    (x | letter | digit) & HIGH
}

/// The high bits of the eight bytes of `x` (as `word_bytes8` leaves them), as eight bits.
#[inline(always)]
pub(super) fn high_bits8(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Calls `f(start, end)` for each word of `bytes` in order, until it returns false.
pub fn for_each_word(bytes: &[u8], f: impl FnMut(usize, usize) -> bool) {
    for_each_run(bytes, word_bytes8, |b| IS_WORD[usize::from(b)] == 1, f);
}

/// Calls `f(start, end)` for each run of bytes of one class in `bytes`, in order, until it
/// returns false; `in_run8` gives the high bit of each of eight bytes that is in the
/// class (as [`word_bytes8`] does for words; a zero byte is in none), `in_run` says it of
/// one byte. Returns whether `f` never said stop.
///
/// Bytes are read as the bits of 64-byte blocks, so that run starts and ends are found
/// with bit operations rather than a branch per byte (run boundaries are where branches
/// mispredict).
#[inline(always)]
pub fn for_each_run(
    bytes: &[u8],
    in_run8: impl Fn(u64) -> u64,
    in_run: impl Fn(u8) -> bool,
    mut f: impl FnMut(usize, usize) -> bool,
) -> bool {
    let mut open: Option<usize> = None;
    let mut block = 0;
    while block < bytes.len() {
        let end = (block + 64).min(bytes.len());
        let mut run_bits = 0u64;
        let mut padded = [0u8; 64];
        let chunk: &[u8] = match bytes.get(block..block + 64) {
            Some(full) => full,
            None => {
                // The last block, padded with zero bytes (in no class); most sentences
                // are one short block.
                padded[..end - block].copy_from_slice(&bytes[block..end]);
                &padded
            }
        };
        for (k, eight) in chunk.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            run_bits |= high_bits8(in_run8(x)) << (8 * k);
        }
        let mut starts = run_bits & !(run_bits << 1);
        if open.is_some() {
            // Bit 0 carries on the run the last block left open.
            starts &= !1;
        }
        let mut ends = run_bits & !(run_bits >> 1);
        if bytes.get(end).is_some_and(|&b| in_run(b)) {
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
                return false;
            }
        }
        if starts != 0 {
            open = Some(block + starts.trailing_zeros() as usize);
        }
        block = end;
    }
    true
}

fn sketch(hashes: &mut [u64], under_bound: &mut Vec<u64>) -> Vec<u64> {
    if hashes.len() < MIN_SHINGLES + 1 {
        return Vec::new();
    }
    // The smallest values without sorting them all: select, then sort the few kept
    // (twice the sketch, so that repeated shingles can be dropped).
    let keep = (2 * SKETCH).min(hashes.len());
    // Hashes are uniform, so about `keep` of `n` fall under `keep / n` of the range: the
    // values under twice that bound are copied out in one pass without a branch (which
    // would mispredict on every other value), and only they are selected from — all of
    // them, in the rare case that too few fell under it.
    let bound = (u64::MAX / hashes.len() as u64).saturating_mul(2 * keep as u64);
    under_bound.clear();
    under_bound.resize(hashes.len(), 0);
    let mut under = 0;
    for &h in hashes.iter() {
        under_bound[under] = h;
        under += usize::from(h < bound);
    }
    let hashes = if under >= keep {
        &mut under_bound[..under]
    } else {
        hashes
    };
    if keep < hashes.len() {
        hashes.select_nth_unstable(keep);
    }
    let smallest = &mut hashes[..keep];
    smallest.sort_unstable();
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

/// The count of a common word's slot.
const COMMON_MARK: u32 = u32::MAX;

/// A word's hash, how often it was read, and where it was first read (in words).
#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u64,
    count: u32,
    first: u32,
}

/// Word counts in an open-addressing table that is kept between articles: only the slots
/// an article used are cleared after it.
#[derive(Default)]
struct WordCounts {
    slots: Vec<Slot>,
    used: Vec<u32>,
}

impl WordCounts {
    /// Room for every word an article can add (at most `MAX_WORDS`) at a load under 60%.
    const SLOTS: usize = (MAX_WORDS * 5 / 3).next_power_of_two();

    fn reset(&mut self) {
        if self.slots.len() != Self::SLOTS {
            self.slots = vec![Slot::default(); Self::SLOTS];
            self.used.clear();
            // Common words hold their slots for good, marked by a count no article reaches,
            // so that counting them is a lookup like any other and they are never listed.
            for &h in common_hashes() {
                self.add(h, 0);
            }
            for at in self.used.drain(..) {
                self.slots[at as usize].count = COMMON_MARK;
            }
        }
        for &at in &self.used {
            self.slots[at as usize] = Slot::default();
        }
        self.used.clear();
    }

    #[inline(always)]
    fn add(&mut self, h: u64, position: u32) {
        let mask = self.slots.len() - 1;
        let mut at = (h >> 7) as usize & mask;
        loop {
            let slot = &mut self.slots[at];
            if slot.hash == h {
                // Saturates at a common word's mark, which it never reaches otherwise.
                slot.count = slot.count.saturating_add(1);
                return;
            }
            if slot.hash == 0 {
                *slot = Slot {
                    hash: h,
                    count: 1,
                    first: position,
                };
                self.used.push(at as u32);
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The `WORDS` most frequent words that are not common, sorted by hash; of words read
    /// equally often, those read first (so that which words are kept does not depend on the
    /// hash function).
    fn most_frequent(&self) -> Vec<u64> {
        let mut counted: Vec<Slot> = self
            .used
            .iter()
            .map(|&at| self.slots[at as usize])
            .collect();
        let order = |a: &Slot, b: &Slot| b.count.cmp(&a.count).then(a.first.cmp(&b.first));
        if counted.len() > WORDS {
            counted.select_nth_unstable_by(WORDS - 1, order);
            counted.truncate(WORDS);
        }
        let mut out: Vec<u64> = counted.iter().map(|s| s.hash).collect();
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
    fn word_bytes_are_classed_as_the_table_classes_them() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut eight = [b' '; 8];
                eight[k] = b;
                let bits = high_bits8(word_bytes8(u64::from_le_bytes(eight)));
                assert_eq!(
                    bits >> k & 1,
                    u64::from(IS_WORD[usize::from(b)]),
                    "byte {b:#x}"
                );
                assert_eq!(bits & !(1 << k), 0, "byte {b:#x} at {k}");
            }
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
