//! Is a sentence's claim attributed to a named source, to an anonymous one, or to no one?
//! The cue lists come from the rules' TOML (`[attribution]`).

use crate::cues::CueSet;
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

#[derive(Debug, Clone)]
pub struct AttributionCues {
    pub verbs: CueSet,
    pub anonymous: CueSet,
    pub wire_services: CueSet,
}

impl AttributionCues {
    /// Classifies every sentence of `doc`. A quoted sentence with no cue of its own takes
    /// the attribution of its paragraph, because a quote's speaker is often named once.
    pub fn classify(&self, text: &str, doc: &Document) -> Vec<SentenceAttribution> {
        let mut out: Vec<SentenceAttribution> = doc
            .sentences
            .iter()
            .map(|s| self.classify_sentence(text, s.span))
            .collect();
        // A sentence inside a quotation that runs over several sentences is quoted too.
        for (i, s) in doc.sentences.iter().enumerate() {
            let block = doc.blocks[s.block].span;
            let before = text.get(block.start..s.span.start).unwrap_or("");
            if quote_open(before) {
                out[i].has_quote = true;
            }
        }
        // A quoted sentence with no cue of its own takes the attribution of its paragraph
        // or the next one, because a quote's speaker is often named once ("…," he said).
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

    pub fn classify_sentence(&self, text: &str, span: Span) -> SentenceAttribution {
        let has_quote = has_quote(span.text(text));
        if let Some(m) = self.anonymous.find_in(text, span).first() {
            return SentenceAttribution {
                attribution: Attribution::Anonymous,
                cue: Some(m.span),
                has_quote,
            };
        }
        let named = self
            .verbs
            .find_in(text, span)
            .into_iter()
            .chain(self.wire_services.find_in(text, span))
            .min_by_key(|m| m.span.start);
        match named {
            Some(m) => SentenceAttribution {
                attribution: Attribution::Named,
                cue: Some(m.span),
                has_quote,
            },
            None => SentenceAttribution {
                attribution: Attribution::None,
                cue: None,
                has_quote,
            },
        }
    }
}

/// Quoted words: a pair of straight double quotes or an opening curly quote.
pub fn has_quote(sentence: &str) -> bool {
    sentence.contains('“') || sentence.contains('”') || sentence.matches('"').count() >= 2
}

/// Whether a quotation opened in `before` is still open at its end.
fn quote_open(before: &str) -> bool {
    let curly_open = before.matches('“').count();
    let curly_close = before.matches('”').count();
    curly_open > curly_close || before.matches('"').count() % 2 == 1
}
