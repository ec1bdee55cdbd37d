//! Is a sentence's claim attributed to a named source, to an anonymous one, or to no one?
//! The cue lists come from the rules' TOML (`[attribution]`).

use crate::text::{Document, Span};
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

/// The list ids attribution cues carry in the extractor's one-pass cue search.
pub const VERB: u32 = 0;
pub const ANONYMOUS: u32 = 1;
pub const WIRE: u32 = 2;

/// Classifies every sentence of `doc` from the cues found in it (`cues`: in text order,
/// from the extractor's single pass). An anonymous cue makes a sentence anonymous; else a
/// verb or wire service makes it named. A quoted sentence with no cue of its own takes the
/// attribution of its paragraph or the next one, because a quote's speaker is often named
/// once ("…," he said).
pub fn classify(
    text: &str,
    doc: &Document,
    cues: &[crate::cues::ListMatch],
) -> Vec<SentenceAttribution> {
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
                    ANONYMOUS if anonymous.is_none() => anonymous = Some(m.span),
                    VERB | WIRE if named.is_none() => named = Some(m.span),
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
                has_quote: has_quote(s.span.text(text)),
            }
        })
        .collect();
    // A sentence inside a quotation that runs over several sentences is quoted too. The
    // quote state is carried from sentence to sentence within a block, so each byte is
    // read once.
    let mut state = (usize::MAX, 0i64, 0usize); // (block, curly balance, straight count)
    for (i, s) in doc.sentences.iter().enumerate() {
        let block = doc.blocks[s.block].span;
        if state.0 != s.block {
            state = (s.block, 0, 0);
            let lead = text.get(block.start..s.span.start).unwrap_or("");
            add_quotes(lead, &mut state);
        }
        if state.1 > 0 || state.2 % 2 == 1 {
            out[i].has_quote = true;
        }
        add_quotes(s.span.text(text), &mut state);
        // White space between sentences holds no quotes.
    }
    for i in 0..out.len() {
        if out[i].attribution != Attribution::None || !out[i].has_quote {
            continue;
        }
        let block = doc.sentences[i].block;
        let speaker = doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(j, s)| (s.block == block || s.block == block + 1) && *j != i)
            .find(|(j, _)| out[*j].attribution != Attribution::None)
            .map(|(j, _)| (out[j].attribution, out[j].cue));
        if let Some((attribution, cue)) = speaker {
            out[i].attribution = attribution;
            out[i].cue = cue;
        }
    }
    out
}

/// Quoted words: a pair of straight double quotes or an opening curly quote.
pub fn has_quote(sentence: &str) -> bool {
    sentence.contains('“') || sentence.contains('”') || sentence.matches('"').count() >= 2
}

/// Counts the quotation marks of `s` into the open-quote state.
fn add_quotes(s: &str, state: &mut (usize, i64, usize)) {
    for c in s.chars() {
        match c {
            '“' => state.1 += 1,
            '”' => state.1 -= 1,
            '"' => state.2 += 1,
            _ => {}
        }
    }
}
