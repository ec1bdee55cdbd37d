//! The text model: an article's text cut into blocks (title, headings, paragraphs, list
//! items, datelines, boilerplate) and sentences. Every piece is a byte span into the
//! original text, so whatever is found maps back to its true line and column even though
//! boilerplate is left out of the analysis.

mod fingerprint;
mod lines;
mod quotes;
mod sentences;
mod window;
mod word_bits;

pub use fingerprint::{Fingerprint, SKETCH, for_each_run, for_each_word};
pub use lines::LineIndex;
pub use quotes::{Mark, QuoteMark, quote_marks, quoted};
pub use sentences::split_sentences;
pub use window::{
    CONTEXT_BYTES, clause_around, contains_word, context_window, near, text_after, words_before,
};
pub use word_bits::WordBits;

use serde::Serialize;

/// A byte range into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What a block of text is, which decides what the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// Metadata that is not part of the article (a front-matter block).
    FrontMatter,
    Title,
    Heading,
    Paragraph,
    ListItem,
    /// A line that only states where and when the piece was published.
    Dateline,
    /// Page furniture: share buttons, subscription prompts, comment forms.
    Boilerplate,
    /// A long paragraph that repeats an earlier one word for word: a scraping artefact,
    /// read once.
    Duplicate,
}

impl BlockKind {
    /// Whether the block is the article's own prose, which figures and rules are read from.
    pub fn is_content(self) -> bool {
        matches!(
            self,
            BlockKind::Title | BlockKind::Heading | BlockKind::Paragraph | BlockKind::ListItem
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the block the sentence belongs to.
    pub block: usize,
}

/// Decides which lines are page furniture or datelines; built from the rules' TOML.
pub trait LineClassifier {
    /// `Some(kind)` when a whole trimmed line is boilerplate or a dateline.
    fn classify(&self, line: &str) -> Option<BlockKind>;
    /// Whether everything from this line to the end of the text is page furniture
    /// ("Leave a Reply", "Discover more from …").
    fn starts_trailer(&self, line: &str) -> bool;
}

/// No line is page furniture or a dateline: a text read as it stands (a headline, a test's
/// sentence).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainLines;

impl LineClassifier for PlainLines {
    fn classify(&self, _: &str) -> Option<BlockKind> {
        None
    }
    fn starts_trailer(&self, _: &str) -> bool {
        false
    }
}

/// An article's text, cut into blocks and sentences.
#[derive(Debug, Clone)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub lines: LineIndex,
    /// Words in content blocks.
    pub word_count: usize,
}

/// A first line longer than this is a paragraph, not a headline: headlines run to a dozen or
/// two words.
const MAX_TITLE_WORDS: usize = 30;

/// A first line that closes like a sentence is a headline only up to this many words: a
/// longer one is the lead of copy that has no headline.
const MAX_SENTENCE_TITLE_WORDS: usize = 20;

/// How the first line of the text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleMode {
    /// The title is given elsewhere (front matter, a JSON field): no line is the title.
    Given,
    /// Plain text: the first line is the title when a blank line follows it, or when it
    /// reads as a headline (no closing punctuation) and a body follows.
    FirstLine,
}

impl Document {
    /// Cuts `text` into blocks and sentences; `body_start` skips a front-matter block.
    pub fn parse(
        text: &str,
        body_start: usize,
        title_mode: TitleMode,
        classifier: &dyn LineClassifier,
    ) -> Document {
        let lines = LineIndex::new(text);
        let mut blocks = Vec::new();
        if body_start > 0 {
            blocks.push(Block {
                kind: BlockKind::FrontMatter,
                span: Span::new(0, body_start.min(text.len())),
            });
        }
        let raw_lines = line_spans(text, body_start);
        let mut in_trailer = false;
        let mut title_seen = title_mode == TitleMode::Given;
        let mut i = 0;
        while i < raw_lines.len() {
            let span = raw_lines[i];
            let line = span.text(text);
            if in_trailer || classifier.starts_trailer(line) {
                in_trailer = true;
                blocks.push(Block {
                    kind: BlockKind::Boilerplate,
                    span,
                });
                i += 1;
                continue;
            }
            if let Some(kind) = classifier.classify(line) {
                blocks.push(Block { kind, span });
                i += 1;
                continue;
            }
            if !title_seen {
                title_seen = true;
                let next_blank = raw_lines
                    .get(i + 1)
                    .is_none_or(|next| next.start > span.end + 1);
                let has_body = i + 1 < raw_lines.len();
                // A hard-wrapped first sentence continues in lower case on the next line.
                let continues = !next_blank
                    && raw_lines
                        .get(i + 1)
                        .and_then(|n| n.text(text).chars().next())
                        .is_some_and(char::is_lowercase);
                // A first line of many words is the lead paragraph of text with no headline,
                // the more so when it closes like a sentence.
                let words = line.split_whitespace().count();
                let closes = line.trim_end().ends_with(['.', '?', '!']);
                let short =
                    words <= MAX_SENTENCE_TITLE_WORDS || (words <= MAX_TITLE_WORDS && !closes);
                if has_body && !continues && short && (next_blank || looks_like_heading(line)) {
                    blocks.push(Block {
                        kind: BlockKind::Title,
                        span,
                    });
                    i += 1;
                    continue;
                }
            }
            // A paragraph may be hard-wrapped: join lines while the line does not close a
            // sentence and the next one continues in lower case.
            let mut end = span.end;
            let mut j = i;
            while let Some(next) = raw_lines.get(j + 1) {
                let current = Span::new(span.start, end).text(text);
                let next_text = next.text(text);
                let contiguous = next.start == end + 1;
                if contiguous
                    && !ends_sentence(current)
                    && next_text.chars().next().is_some_and(char::is_lowercase)
                {
                    end = next.end;
                    j += 1;
                } else {
                    break;
                }
            }
            let block_span = Span::new(span.start, end);
            let block_text = block_span.text(text);
            let kind = if is_list_item(block_text) {
                BlockKind::ListItem
            } else if looks_like_heading(block_text) {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                span: block_span,
            });
            i = j + 1;
        }

        mark_duplicates(text, &mut blocks);
        let mut sentences = Vec::new();
        let mut word_count = 0;
        for (index, block) in blocks.iter().enumerate() {
            if !block.kind.is_content() {
                continue;
            }
            let block_text = block.span.text(text);
            word_count += count_words(block_text);
            if matches!(block.kind, BlockKind::Title | BlockKind::Heading) {
                sentences.push(Sentence {
                    span: block.span,
                    block: index,
                });
                continue;
            }
            for local in split_sentences(block_text) {
                sentences.push(Sentence {
                    span: Span::new(block.span.start + local.start, block.span.start + local.end),
                    block: index,
                });
            }
        }
        Document {
            blocks,
            sentences,
            lines,
            word_count,
        }
    }

    pub fn block_of(&self, sentence: &Sentence) -> &Block {
        &self.blocks[sentence.block]
    }

    /// The first title block's text, if the text has one.
    pub fn title<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| b.span.text(text).trim())
    }

    /// Index of the sentence that contains `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= offset)
            .map(|_| i)
    }
}

/// Paragraphs of at least 80 bytes (about a dozen words) that repeat an earlier one exactly
/// become `Duplicate`.
fn mark_duplicates(text: &str, blocks: &mut [Block]) {
    let mut seen: std::collections::HashSet<ParagraphKey, crate::lower::FnvBuild> =
        std::collections::HashSet::with_capacity_and_hasher(blocks.len(), Default::default());
    for b in blocks.iter_mut() {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let t = b.span.text(text);
        // About a dozen words: short lines ("Read more") repeat legitimately.
        if t.len() < 80 {
            continue;
        }
        if !seen.insert(ParagraphKey(t)) {
            b.kind = BlockKind::Duplicate;
        }
    }
}

/// A paragraph as a set key. Equality compares the whole text; the hash reads only the
/// length and the two ends, so that hashing costs the same for a long paragraph as for a
/// short one (paragraphs that share both ends are rare, and then merely compared).
#[derive(PartialEq, Eq)]
struct ParagraphKey<'a>(&'a str);

impl std::hash::Hash for ParagraphKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let bytes = self.0.as_bytes();
        let n = bytes.len();
        state.write_usize(n);
        state.write(&bytes[..n.min(16)]);
        state.write(&bytes[n.saturating_sub(16)..]);
    }
}

/// Non-empty lines after `from`, trimmed of surrounding white space.
fn line_spans(text: &str, from: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = from.min(text.len());
    for piece in text.get(start..).unwrap_or("").split_inclusive('\n') {
        let end = start + piece.len();
        let content = piece.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let s = start + lead;
            spans.push(Span::new(s, s + trimmed.len()));
        }
        start = end;
    }
    spans
}

/// The words of `text`: runs without white space that hold a letter or digit (any byte of a
/// multi-byte character counts as one, since most such characters are letters).
///
/// This pass reads every byte of the prose, so it reads them 64 at a time: white space and
/// letter bits of a block are found with word-wide operations, and each run's first letter
/// or digit with one addition (a run's start bit, added to the bits of its marks, carries
/// through the marks it opens with and lands on its first letter, or on the white space
/// after it when it has none).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    // Whether the last block ended inside a run, and inside one with no letter yet.
    let mut in_run = false;
    let mut pending = false;
    let mut block = [b' '; 64];
    for chunk in bytes.chunks(64) {
        let chunk: &[u8] = if chunk.len() == 64 {
            chunk
        } else {
            // The last block, padded with white space.
            block[..chunk.len()].copy_from_slice(chunk);
            block[chunk.len()..].fill(b' ');
            &block
        };
        let mut letters = 0u64;
        let mut spaces = 0u64;
        for (k, eight) in chunk.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            letters |= fingerprint::high_bits8(fingerprint::word_bytes8(x)) << (8 * k);
            spaces |= fingerprint::high_bits8(white_space8(x)) << (8 * k);
        }
        let runs = !spaces;
        let marks = runs & !letters;
        let mut starts = runs & !((runs << 1) | u64::from(in_run));
        if pending {
            starts |= runs & 1;
        }
        let (landed, carry) = starts.overflowing_add(marks);
        count += (landed & letters).count_ones() as usize;
        pending = carry;
        in_run = runs >> 63 == 1;
    }
    count
}

/// The bytes among eight that are ASCII white space (space, tab, line feed, form feed,
/// carriage return: what `u8::is_ascii_whitespace` says), as high bits.
#[inline(always)]
fn white_space8(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // Exactly the zero bytes (no borrow between bytes: seven-bit values plus 0x7F).
    let zero = |v: u64| !(((v & LOW7).wrapping_add(LOW7)) | v) & HIGH;
    let y = x & LOW7;
    // Tab to carriage return (0x09–0x0D), ASCII only.
    let control = y.wrapping_add(each(0x80 - 0x09)) & !y.wrapping_add(each(0x7F - 0x0D)) & !x;
    (zero(x ^ each(b' ')) | (control & HIGH & !zero(x ^ each(0x0B)))) & HIGH
}

/// [`count_words`] a byte at a time: the definition the fast version is checked against.
#[cfg(test)]
fn count_words_bytewise(text: &str) -> usize {
    let mut count = 0;
    // Bit 1: the current word has a letter or digit; 0 after white space.
    let mut state = 0u8;
    for &b in text.as_bytes() {
        let class = WORD_BYTE[usize::from(b)];
        let space = class == SPACE;
        count += usize::from(space & (state & ALNUM != 0));
        state = if space { 0 } else { state | class };
    }
    count + usize::from(state & ALNUM != 0)
}

#[cfg(test)]
const SPACE: u8 = 0;
#[cfg(test)]
const MARK: u8 = 1;
#[cfg(test)]
const ALNUM: u8 = 2;

/// White space, a mark, or a letter or digit, for [`count_words_bytewise`].
#[cfg(test)]
const WORD_BYTE: [u8; 256] = {
    let mut class = [MARK; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if byte.is_ascii_whitespace() {
            SPACE
        } else if byte.is_ascii_alphanumeric() || byte >= 0x80 {
            ALNUM
        } else {
            MARK
        };
        b += 1;
    }
    class
};

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*']);
    trimmed.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn is_list_item(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    if matches!(first, '•' | '●' | '▪' | '◦' | '–' | '—' | '*' | '-')
        && text.chars().nth(1).is_some_and(char::is_whitespace)
    {
        return true;
    }
    // "1. text" or "2) text"
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits < 3
        && matches!(text.as_bytes().get(digits), Some(b'.') | Some(b')'))
        && text
            .as_bytes()
            .get(digits + 1)
            .is_some_and(u8::is_ascii_whitespace)
}

/// A short line with no closing punctuation reads as a headline or section heading.
pub fn looks_like_heading(text: &str) -> bool {
    // Cheapest checks first: most lines are prose that ends a sentence.
    if text.len() > 250 || ends_sentence(text) || text.ends_with(',') {
        return false;
    }
    let words = count_words(text);
    words > 0 && words <= 16 && split_sentences(text).len() == 1
}

/// Digits grouped by thousands with commas: "38236" → "38,236", "-123" → "-123".
pub fn group_digits(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Runs of marks, letters, digits, every kind of white space and multi-byte
        /// characters, across and along the 64-byte blocks the fast count reads.
        #[test]
        fn words_are_counted_as_the_byte_by_byte_definition_counts_them(
            text in proptest::string::string_regex(
                r#"[a-zA-Z09 \t\n\r\x0B\x0C\-\\.,'"()é—“”\x7F½]{0,300}"#
            ).expect("the pattern compiles")
        ) {
            proptest::prop_assert_eq!(count_words(&text), count_words_bytewise(&text));
        }
    }

    #[test]
    fn a_word_is_a_run_with_a_letter_or_digit() {
        // A dash or a fraction is a multi-byte character, counted as a word like any other.
        assert_eq!(count_words("“Yes,” she said -- twice. 42 — ½"), 7);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words(&"word ".repeat(100)), 100);
        assert_eq!(count_words(&format!("{}x", "-".repeat(130))), 1);
        assert_eq!(count_words(&"-".repeat(130)), 0);
    }

    struct NoFurniture;
    impl LineClassifier for NoFurniture {
        fn classify(&self, line: &str) -> Option<BlockKind> {
            line.starts_with("Share").then_some(BlockKind::Boilerplate)
        }
        fn starts_trailer(&self, line: &str) -> bool {
            line == "Leave a Reply"
        }
    }

    #[test]
    fn blocks_keep_true_offsets_and_skip_furniture() {
        let text = "Big Story Here\n\nShare on X\nThe toll rose. Police said so.\n\nA Heading\nMore text here.\nLeave a Reply\nName 12 things.\n";
        let doc = Document::parse(text, 0, TitleMode::FirstLine, &NoFurniture);
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Boilerplate,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Boilerplate,
                BlockKind::Boilerplate
            ]
        );
        let texts: Vec<_> = doc.sentences.iter().map(|s| s.span.text(text)).collect();
        assert_eq!(
            texts,
            vec![
                "Big Story Here",
                "The toll rose.",
                "Police said so.",
                "A Heading",
                "More text here."
            ]
        );
        let police = text.find("Police").unwrap();
        assert_eq!(doc.lines.line_col(text, police), (4, 16));
    }

    #[test]
    fn a_first_line_that_is_a_sentence_is_body_not_title() {
        let text = "The meeting was held in the capital.\nIt ended late.\n";
        let doc = Document::parse(text, 0, TitleMode::FirstLine, &NoFurniture);
        assert!(doc.title(text).is_none());
        assert_eq!(doc.sentences.len(), 2);
    }

    #[test]
    fn a_long_first_paragraph_is_the_lead_not_a_title() {
        let lead = "Striking at the heart of piracy in the gulf, a warship and its commandos \
thwarted an attack on a merchant vessel on Saturday and captured 23 pirates along with a \
large cache of arms in the operation.";
        let text = format!("{lead}\n\nThe arrest was the largest so far.\n");
        let doc = Document::parse(&text, 0, TitleMode::FirstLine, &NoFurniture);
        assert!(doc.title(&text).is_none());
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
        // A lead sentence of 25 words is no title either.
        let text = "The navy on Saturday foiled a hijack attempt in the gulf and arrested 23 \
heavily armed pirates after a chase that lasted most of the afternoon.\n\nBody text.\n";
        let doc = Document::parse(text, 0, TitleMode::FirstLine, &NoFurniture);
        assert!(doc.title(text).is_none());
        // A headline of a dozen words followed by a blank line is still the title.
        let text = "Warship captures 23 pirates in the gulf after a failed attack\n\nBody.\n";
        let doc = Document::parse(text, 0, TitleMode::FirstLine, &NoFurniture);
        assert!(doc.title(text).is_some());
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title\n\nThe minister said the plan\nwould cost more than expected.\n";
        let doc = Document::parse(text, 0, TitleMode::FirstLine, &NoFurniture);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.sentences[1].span.text(text),
            "The minister said the plan\nwould cost more than expected."
        );
    }

    #[test]
    fn bullets_are_list_items() {
        assert!(is_list_item("• One thing"));
        assert!(is_list_item("2. Another"));
        assert!(!is_list_item("2.5 million people"));
    }
}
