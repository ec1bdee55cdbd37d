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

const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

fn fnv(word: &[u8]) -> u64 {
    word.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
    })
}

fn common_hashes() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let mut h: Vec<u64> = COMMON.iter().map(|w| fnv(w.as_bytes())).collect();
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
        // Words hashed as they are read, ASCII folded to lower case (other bytes are part
        // of words as they are): no string is allocated.
        let mut hashes: Vec<u64> = Vec::with_capacity(MAX_WORDS.min(text.len() / 4 + 1));
        let mut distinctive: Vec<u64> = Vec::new();
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let mut i = 0;
        while i < bytes.len() && hashes.len() < MAX_WORDS {
            // Skip to the next word, then hash it while reading it.
            while i < bytes.len() && !is_word(bytes[i]) {
                i += 1;
            }
            let start = i;
            let mut h = FNV_OFFSET;
            let mut digits = true;
            while i < bytes.len() && is_word(bytes[i]) {
                let b = bytes[i];
                digits &= b.is_ascii_digit();
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                i += 1;
            }
            if i == start {
                break;
            }
            hashes.push(h);
            if i - start >= MIN_LETTERS && !digits {
                distinctive.push(h);
            }
        }
        Fingerprint {
            sketch: sketch(&hashes),
            words: most_frequent(distinctive),
        }
    }
}

fn sketch(words: &[u64]) -> Vec<u64> {
    if words.len() < SHINGLE_WORDS + MIN_SHINGLES {
        return Vec::new();
    }
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let h = w
                .iter()
                .fold(0u64, |h, &x| h.rotate_left(13) ^ x)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^ (h >> 29)
        })
        .collect();
    // The smallest values without sorting them all: select, then sort the few kept
    // (twice the sketch, so that repeated shingles can be dropped).
    let keep = (2 * SKETCH).min(hashes.len());
    if keep < hashes.len() {
        hashes.select_nth_unstable(keep);
    }
    let mut smallest = hashes[..keep].to_vec();
    smallest.sort_unstable();
    smallest.dedup();
    smallest.truncate(SKETCH);
    smallest
}

/// The `WORDS` most frequent words that are not common ones (looked up only for the few
/// candidates, not for every occurrence).
fn most_frequent(mut words: Vec<u64>) -> Vec<u64> {
    let common = common_hashes();
    words.sort_unstable();
    let mut counted: Vec<(u32, u64)> = Vec::new();
    for w in words {
        match counted.last_mut() {
            Some((n, last)) if *last == w => *n += 1,
            _ => counted.push((1, w)),
        }
    }
    counted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<u64> = counted
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| common.binary_search(w).is_err())
        .take(WORDS)
        .collect();
    out.sort_unstable();
    out
}
