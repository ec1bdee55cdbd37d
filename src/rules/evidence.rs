//! evidence: credit for what a reader can check — a source named with what they said, a
//! quotation whose speaker is named, an event given its day. Rules of this kind belong to the
//! `evidence` category: their points raise the score, with diminishing returns like any
//! rule's repeated hits.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Attribution, DatePrecision, FigureKind};
use crate::text::{BlockKind, Span};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "With `signal = \"named-source\"`: each sentence of the body whose claim is \
attributed with a speech verb or a wire service, and which names someone (a capitalised word \
other than its first). With `signal = \"named-quote\"`: each quotation of at least \
`min-quote-words` words in a sentence whose speaker is named. With `signal = \"dated-event\"`: \
each sentence of the body that gives an event its day (\"on 3 November\", \"on Sunday\").",
    why: "Reporting that can be checked says who said it and when it happened. A reader (or an \
editor) can call the named source, find the quotation, and date the event; copy with none of \
these asks to be taken on trust.",
    example: "\"Ana Lind, the harbour master, said on Monday that the quay would reopen.\" — a \
named source and a dated event.",
    not_flagged: "Sentences attributed only to unnamed sources (\"officials said\", \"sources \
said\"); quotations with no speaker; headings and titles; dates without a day (\"in 2019\") and \
relative ones (\"last week\").",
    options: "`signal` (named-source, named-quote, dated-event), `min-quote-words` (shorter \
quotations are scare quotes or names of things), `max-hits` (credits per article at most, 6 by \
default: with diminishing returns, the seventh would add a tenth of the first).",
    placeholders: &["match"],
};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Signal {
    NamedSource,
    NamedQuote,
    DatedEvent,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    signal: Signal,
    #[serde(default = "default_quote_words")]
    min_quote_words: usize,
    /// Words that put a sentence in the future: a weekday there dates no event yet.
    #[serde(default)]
    future_words: crate::cues::WordList,
    /// Words of a speaker's name that are titles ("minister", "mr"): two speakers sharing only
    /// a title are two sources.
    #[serde(default)]
    title_words: Vec<String>,
    /// Credits per article at most: with diminishing returns, later ones add little.
    #[serde(default = "default_max_hits")]
    max_hits: usize,
}

fn default_max_hits() -> usize {
    6
}

fn default_quote_words() -> usize {
    4
}

pub struct Evidence {
    o: Options,
}

impl Evidence {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(Evidence {
            o: rule.parse_options()?,
        })
    }
}

/// Whether the speaker of an attribution is a pronoun ("he said", "…,” she told reporters"):
/// a person the article has named before, unlike a crowd, "one mother" or "authorities".
fn pronoun_speaker(text: &str, sentence: Span, cue: Span) -> bool {
    let is_pronoun = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "he" | "she" | "i" | "we" | "they"
        )
    };
    let before = text.get(sentence.start..cue.start).unwrap_or("");
    let last_before = before
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first_after = text
        .get(cue.end..sentence.end)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    last_before.is_some_and(is_pronoun) || first_after.is_some_and(is_pronoun)
}

/// Whether a named person speaks the quotation inline: "Minister Fidan will highlight “…”",
/// a name right before the verb that opens the quotation (an auxiliary between).
fn inline_speaker(text: &str, sentence: Span, quote: Span) -> bool {
    let before = text.get(sentence.start..quote.start).unwrap_or("");
    let mut words = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty());
    let Some(verb) = words.next() else {
        return false;
    };
    if !verb.chars().all(|c| c.is_ascii_lowercase()) || verb.len() < 4 {
        return false;
    }
    let mut subject = words.next();
    if subject.is_some_and(|w| matches!(w, "will" | "would" | "to" | "has" | "had" | "also")) {
        subject = words.next();
    }
    // The name must not open the sentence (a capital there says nothing) and must be
    // followed by its verb, not be a place the verb's subject is in ("a crowd in Gaza").
    let opens = words.next().is_none();
    subject.is_some_and(is_name_word) && !opens && !before.to_lowercase().contains(" in ")
}

/// Whether a quotation reads as a title: every word of three letters or more capitalised.
fn is_title(quoted: &str) -> bool {
    quoted
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .all(|w| w.starts_with(char::is_uppercase))
}

/// How many words before a speech verb the speaker's name may stand.
const SPEAKER_WORDS: usize = 4;

/// How long an apposition between a name and its speech verb may run ("Tomas Reyes, who
/// leads the dockers' union, said").
const APPOSITION_WORDS: usize = 10;

/// Whether a word looks like part of a name: capitalised, then lower case, and not a month
/// or weekday.
fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().nth(1).is_some_and(char::is_lowercase)
        && crate::date::month_from_name(w).is_none()
        && crate::date::weekday_from_name(w).is_none()
}

/// The speaker's name word nearest an attribution cue, which makes two attributions one
/// source: a name-like word right before the cue, or among the few words before it when they
/// end in an apposition ("Ana Lind said", "Ana Lind, the harbour master, said"), not opening
/// the sentence; or right after it, past an article, in inverted speech or after "according
/// to" ("…,” said Ana Lind", "according to the Foreign Office"). None for "Officials said",
/// "Both sides acknowledged" or "He said Pakistan …".
fn speaker_name(text: &str, sentence: Span, cue: Span) -> Option<String> {
    let before = Span::new(
        crate::text::words_before(text, sentence, cue.start, SPEAKER_WORDS),
        cue.start,
    );
    let lead = before.text(text).trim_end();
    // The word right before the verb heads the speaker's phrase: "A ministry source told"
    // is unnamed however many capitals precede it, unless a name stands in apposition
    // ("Ana Lind, the harbour master, said").
    let head = lead
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    // Inverted speech ("…,” said Ana Lind") names its speaker after the verb: read on.
    if !head.is_empty() && !is_name_word(head) && !lead.ends_with([',', '"', '”', '’', '—']) {
        return None;
    }
    if let Some(name) = name_words(text, sentence, before.start, cue.start) {
        return Some(name);
    }
    // A longer apposition ("Tomas Reyes, who leads the dockers' union, said"): the name
    // stands before the comma that opens it.
    if lead.ends_with(',') {
        let head = text
            .get(sentence.start..before.start + lead.len() - 1)
            .unwrap_or("");
        if let Some(open) = head.rfind(',') {
            let opened = head.len() - open;
            if head[open..].split_whitespace().count() <= APPOSITION_WORDS && opened > 0 {
                let name_end = sentence.start + open;
                let start = crate::text::words_before(text, sentence, name_end, SPEAKER_WORDS);
                if let Some(name) = name_words(text, sentence, start, name_end) {
                    return Some(name);
                }
            }
        }
    }
    // After the cue, a name is the speaker only in inverted speech ("…,” said Ana Lind") or
    // after "according to"; "He said Pakistan …" names what was said about.
    let inverted = text
        .get(sentence.start..cue.start)
        .unwrap_or("")
        .trim_end()
        .ends_with([',', '"', '”', '’', '—']);
    let according = cue.text(text).to_ascii_lowercase().starts_with("according");
    if !(inverted || according) {
        return None;
    }
    let after = text.get(cue.end..sentence.end).unwrap_or("");
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let name = match words.next() {
        Some("the" | "a" | "an") => words.next(),
        w => w,
    }?;
    if !is_name_word(name) {
        return None;
    }
    // The whole name that follows: "said Ana Lind" is Ana Lind.
    let mut all = vec![name.to_lowercase()];
    all.extend(words.take_while(|w| is_name_word(w)).map(str::to_lowercase));
    Some(all.join(" "))
}

/// The name words between `from` and `to` ("Prime Minister Ana Lind"), lower-cased and
/// joined: the speaker's name, by which two attributions are one source. The sentence's first
/// word counts only as part of a longer name (it is capitalised whatever it is).
fn name_words(text: &str, sentence: Span, from: usize, to: usize) -> Option<String> {
    let mut at = from;
    let mut words: Vec<(bool, String)> = Vec::new();
    for word in text[from..to].split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        if is_name_word(w) {
            words.push((start == sentence.start, w.to_lowercase()));
        }
    }
    if !words.iter().any(|(first, _)| !first) {
        return None;
    }
    Some(
        words
            .into_iter()
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Whether two speakers' names are one source: they share a name word other than a title
/// ("Prime Minister Najib Razak" and "Najib").
fn same_source(a: &str, b: &str, titles: &[String]) -> bool {
    a.split(' ')
        .any(|w| !titles.iter().any(|t| t == w) && b.split(' ').any(|x| x == w))
}

impl Check for Evidence {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        if self.o.max_hits > 0 {
            self.find(ctx, hits);
        }
    }
}

impl Evidence {
    /// The body's quotations of at least `min-quote-words` words whose speaker is named, each
    /// with the span shown and its speaker: the name word an attribution gives, else the
    /// speaker of the quotation before (a pronoun or a run-on quotation carries it on).
    fn quotations(&self, ctx: &ArticleContext<'_>) -> Vec<(Span, String)> {
        let text = ctx.text();
        let doc = &ctx.analysis.doc;
        let attribution = &ctx.analysis.extraction.sentences;
        let mut out: Vec<(Span, String)> = Vec::new();
        for (n, q) in ctx.analysis.quotes.iter().enumerate() {
            let quoted = q.text(text);
            let Some(i) = doc.sentence_at(q.start) else {
                continue;
            };
            let in_body = matches!(
                doc.block_of(&doc.sentences[i]).kind,
                BlockKind::Paragraph | BlockKind::ListItem
            );
            let a = attribution[i];
            // The cue may be carried from the sentence before (a quotation that runs on),
            // when the quotation opens its sentence: one put in another subject's mouth
            // mid-sentence ("a crowd chanted, \"…\"") is not the earlier speaker's.
            // A sentence that names its own subject before the quotation ("Mr. Trump
            // thundered that …") is as good as one that opens with it.
            let lead = text.get(doc.sentences[i].span.start..q.start).unwrap_or("");
            let opens_sentence = lead.trim().is_empty()
                || lead
                    .split_whitespace()
                    .skip(1)
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .any(is_name_word);
            let cue = a.cue.map(|cue| (i, cue)).or_else(|| {
                i.checked_sub(1)
                    .filter(|_| opens_sentence)
                    .and_then(|p| attribution[p].cue.map(|cue| (p, cue)))
            });
            // The speaker must be named ("one mother cried", "a crowd chanted", "authorities
            // said" name no one); the attribution must stand outside the quotation (a stray
            // quote mark can take in '" he tweeted.'); and a run of capitalised words is a
            // title ("Give Peace a Chance"), not speech.
            let spoken_by = |(at, cue): (usize, Span)| {
                let at = doc.sentence_at(cue.start).unwrap_or(at);
                if at != i && !opens_sentence {
                    return None;
                }
                let sentence = doc.sentences[at].span;
                if cue.start >= q.start && cue.end <= q.end {
                    return None;
                }
                match speaker_name(text, sentence, cue) {
                    Some(name) => Some(Some(name)),
                    None => pronoun_speaker(text, sentence, cue).then_some(None),
                }
            };
            let speaker = cue
                .and_then(spoken_by)
                .or_else(|| inline_speaker(text, doc.sentences[i].span, *q).then_some(None));
            let Some(speaker) = speaker else { continue };
            if quoted.split_whitespace().count() < self.o.min_quote_words
                || !in_body
                || !(a.attribution == Attribution::Named || a.cue.is_none())
                || is_title(quoted)
            {
                continue;
            }
            // A pronoun or a run-on quotation carries on the speaker before.
            let speaker = speaker
                .or_else(|| out.last().map(|(_, s)| s.clone()))
                .unwrap_or_else(|| format!("quotation {n}"));
            let shown = Span::new(q.start, q.end.min(doc.sentences[i].span.end));
            out.push((shown, speaker));
        }
        out
    }

    /// Whether the clause of a date speaks of what will happen.
    fn future(&self, text: &str, sentence: Span, date: Span) -> bool {
        // The clause of the date: "will reopen on 14 July, …, said on Monday" dates the
        // saying, in the past.
        let window = crate::text::context_window(text, sentence, date);
        let clause = crate::text::clause_around(text, window, date);
        self.o.future_words.any(text, clause)
    }

    /// The first `max-hits` credits in reading order (later ones would add little).
    fn find(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let doc = &ctx.analysis.doc;
        let in_body = |sentence: usize| {
            doc.sentences.get(sentence).is_some_and(|s| {
                matches!(
                    doc.block_of(s).kind,
                    BlockKind::Paragraph | BlockKind::ListItem
                )
            })
        };
        let attribution = &ctx.analysis.extraction.sentences;
        match self.o.signal {
            Signal::NamedSource => {
                // One credit per source: a speaker quoted in five sentences is one source a
                // reader can check, and one attribution shared by the sentences of a quote
                // is one attribution.
                // A speaker quoted directly is credited once, for the quotation (a
                // quoted-speaker rule), not again as a named source.
                let mut credited: Vec<String> =
                    self.quotations(ctx).into_iter().map(|(_, s)| s).collect();
                let mut cues: Vec<Span> = Vec::new();
                for (i, s) in doc.sentences.iter().enumerate() {
                    let a = attribution[i];
                    let Some(cue) = a.cue else { continue };
                    if a.attribution != Attribution::Named || !in_body(i) || cues.contains(&cue) {
                        continue;
                    }
                    let Some(speaker) = speaker_name(text, s.span, cue) else {
                        continue;
                    };
                    cues.push(cue);
                    if !credited
                        .iter()
                        .any(|c| same_source(c, &speaker, &self.o.title_words))
                    {
                        credited.push(speaker);
                        hits.push(Hit::new(cue).var("match", cue.text(text)));
                        if hits.len() == self.o.max_hits {
                            return;
                        }
                    }
                }
            }
            Signal::NamedQuote => {
                // One credit per speaker, for their first quotation: a statement cut into
                // fragments around "he said" is one quotation, and a speaker quoted five
                // times is one source a reader can check.
                let mut credited: Vec<String> = Vec::new();
                for (shown, speaker) in self.quotations(ctx) {
                    if credited
                        .iter()
                        .any(|c| same_source(c, &speaker, &self.o.title_words))
                    {
                        continue;
                    }
                    credited.push(speaker);
                    hits.push(Hit::new(shown).var("match", shown.text(text)));
                    if hits.len() == self.o.max_hits {
                        return;
                    }
                }
            }
            Signal::DatedEvent => {
                let mut last_sentence = None;
                let mut dates = Vec::new();
                for f in ctx.figures() {
                    // A day: a full date, or a weekday ("on Sunday", the last one before
                    // publication); not "yesterday" or "last week".
                    if f.kind != FigureKind::Date || f.in_heading {
                        continue;
                    }
                    let day =
                        f.date.is_some_and(|d| d.precision == DatePrecision::Day) && !f.relative;
                    let dated = day
                        || crate::date::weekday_from_name(
                            f.text.split_whitespace().next().unwrap_or(""),
                        )
                        .is_some();
                    // A date in a clause about what will happen dates no event yet ("the
                    // talks will resume on Tuesday"); the day a source spoke ("said on
                    // Monday") dates the saying, which the source's own credit covers.
                    let future = self.future(text, ctx.sentence_span(f), f.span);
                    let statement =
                        attribution
                            .get(f.sentence)
                            .and_then(|a| a.cue)
                            .is_some_and(|cue| {
                                cue.end <= f.span.start
                                    && f.span.start - cue.end <= 80
                                    && text
                                        .get(cue.end..f.span.start)
                                        .is_some_and(|gap| gap.split_whitespace().count() <= 4)
                            });
                    // One credit per day however often the article names it.
                    let repeated = f.date.is_some_and(|d| dates.contains(&d));
                    if dated
                        && !repeated
                        && !future
                        && !statement
                        && in_body(f.sentence)
                        && last_sentence != Some(f.sentence)
                    {
                        last_sentence = Some(f.sentence);
                        dates.extend(f.date);
                        hits.push(
                            Hit::new(f.span)
                                .var("match", &f.text)
                                .evidence(json!({ "date": f.date.and_then(|d| d.display()) })),
                        );
                        if hits.len() == self.o.max_hits {
                            return;
                        }
                    }
                }
            }
        }
    }
}
