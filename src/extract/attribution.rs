//! Is a sentence's claim attributed to a named source, to an anonymous one, or to no one?
//! The cue lists come from the rules' TOML (`[attribution]`).

use crate::cues::{AttributionCue, ListId, ListMatch};
use crate::text::{Document, QuoteMark, Span, quote_marks};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    /// "…, police said", "according to the health ministry", "(Reuters)".
    Named,
    /// "sources said", "a senior official, who asked not to be named".
    Anonymous,
    None,
}

/// What the attribution pass learns about one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceAttribution {
    pub attribution: Attribution,
    /// The cue that decided it ("according to", "sources said").
    pub cue: Option<Span>,
    /// Whether the sentence holds quoted words.
    pub has_quote: bool,
}

/// Classifies every sentence of `doc` from the cues found in it (`cues`: in text order,
/// from the extractor's single pass). An anonymous cue makes a sentence anonymous; else a
/// verb or wire service makes it named. A quoted sentence with no cue of its own takes the
/// attribution of its paragraph or the next one, because a quote's speaker is often named
/// once ("…," he said).
pub fn classify(text: &str, doc: &Document, cues: &[ListMatch]) -> Vec<SentenceAttribution> {
    let mut out: Vec<SentenceAttribution> = doc
        .sentences
        .iter()
        .map(|s| {
            let from = cues.partition_point(|m| m.span.start < s.span.start);
            let inside = cues[from..].iter().take_while(|m| m.span.end <= s.span.end);
            let mut anonymous = None;
            let mut named = None;
            for m in inside {
                match m.list {
                    ListId::Attribution(AttributionCue::Anonymous) if anonymous.is_none() => {
                        anonymous = Some(m.span)
                    }
                    ListId::Attribution(AttributionCue::Verb | AttributionCue::Wire)
                        if named.is_none() =>
                    {
                        named = Some(m.span)
                    }
                    _ => {}
                }
            }
            let (attribution, cue) = match (anonymous, named) {
                (Some(a), _) => (Attribution::Anonymous, Some(a)),
                (None, Some(n)) => (Attribution::Named, Some(n)),
                (None, None) => (Attribution::None, None),
            };
            SentenceAttribution {
                attribution,
                cue,
                has_quote: false,
            }
        })
        .collect();
    // A sentence is quoted when it holds quoted words, or sits inside a quotation that runs
    // over several sentences. The quote state is carried from sentence to sentence within
    // a block, so each byte is read once.
    let mut state = QuoteState::default();
    let mut block_now = usize::MAX;
    for (i, s) in doc.sentences.iter().enumerate() {
        if block_now != s.block {
            block_now = s.block;
            state = QuoteState::default();
            let lead = text.get(doc.blocks[s.block].span.start..s.span.start);
            state.add(lead.unwrap_or("").as_bytes());
        }
        let inside = state.is_open();
        let own = state.add(s.span.text(text).as_bytes());
        // A sentence that opens a quotation running on past its end holds quoted words too
        // ("My last contact was at 11.30pm, … — the quote goes on in the next sentence).
        out[i].has_quote = inside || own.holds_quote() || state.is_open();
        // White space between sentences holds no quotes.
    }
    // A quoted sentence with no cue of its own takes the first cue of its paragraph or the
    // next one. Sentences are in block order, so those two paragraphs are one run.
    for i in 0..out.len() {
        if out[i].attribution != Attribution::None || !out[i].has_quote {
            continue;
        }
        let block = doc.sentences[i].block;
        let from = doc.sentences.partition_point(|s| s.block < block);
        let to = doc.sentences.partition_point(|s| s.block <= block + 1);
        let speaker = (from..to)
            .filter(|&j| j != i)
            .find(|&j| out[j].attribution != Attribution::None)
            .map(|j| (out[j].attribution, out[j].cue));
        if let Some((attribution, cue)) = speaker {
            out[i].attribution = attribution;
            out[i].cue = cue;
        }
    }
    out
}

/// The quotation marks counted so far in a block, or in one sentence.
#[derive(Debug, Default, Clone, Copy)]
struct QuoteState {
    /// Opening curly quotes less closing ones.
    curly: i64,
    /// Curly quotes of either kind.
    curly_marks: usize,
    straight: usize,
}

impl QuoteState {
    /// Whether a quotation is open: more curly quotes opened than closed, or an odd number
    /// of straight ones.
    fn is_open(&self) -> bool {
        self.curly > 0 || self.straight % 2 == 1
    }

    /// Adds the marks of `bytes` and returns the marks of `bytes` alone.
    fn add(&mut self, bytes: &[u8]) -> QuoteState {
        let mut own = QuoteState::default();
        for mark in quote_marks(bytes).map(|m| m.kind) {
            match mark {
                QuoteMark::Opening => own.curly += 1,
                QuoteMark::Closing => own.curly -= 1,
                QuoteMark::Straight => own.straight += 1,
            }
            if mark != QuoteMark::Straight {
                own.curly_marks += 1;
            }
        }
        self.curly += own.curly;
        self.curly_marks += own.curly_marks;
        self.straight += own.straight;
        own
    }

    /// Quoted words: a curly quote, or a pair of straight ones.
    fn holds_quote(&self) -> bool {
        self.curly_marks > 0 || self.straight >= 2
    }
}
