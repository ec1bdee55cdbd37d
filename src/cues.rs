//! Lists of cue phrases ("according to", "sources said") matched in one pass,
//! ASCII case-insensitively, at word boundaries.
//!
//! A cue that starts with a letter or digit starts where a word starts, and that word is
//! the cue's first word. So the text is read a word at a time: each word's hash is looked
//! up among the first words of the phrases, and only where it is one (a few words of an
//! article) is an anchored Aho-Corasick automaton run to find the longest phrase there.
//! Cues that start with a mark ("(AP)") are looked for at each such mark between words.
//! The result is that of an unanchored leftmost-longest search that skips matches failing
//! the word-boundary check, at a fraction of its cost.

use crate::text::{Span, WordBits};
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, StartKind, dfa, nfa};

#[derive(Debug, Clone)]
pub struct CueSet {
    matcher: Option<Matcher>,
    phrases: Vec<String>,
}

/// The phrases as an anchored automaton, with what a phrase can begin with.
#[derive(Debug, Clone)]
struct Matcher {
    automaton: Anchor,
    /// The first words of the phrases.
    first_words: WordBits,
    /// Bytes outside words that begin some phrase (in either case).
    begins_outside_words: [bool; 256],
    /// Whether any phrase begins outside a word (most lists have none).
    any_outside_words: bool,
}

/// A DFA (the fastest to step), or for lists too large for one, a contiguous NFA.
#[derive(Debug, Clone)]
enum Anchor {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

/// One cue found in a text: which phrase and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub phrase: usize,
    pub span: Span,
}

impl CueSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Result<CueSet, String> {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| p.as_ref().trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if phrases.is_empty() {
            return Ok(CueSet {
                matcher: None,
                phrases,
            });
        }
        let automaton = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .prefilter(false)
            .build(&phrases)
            .map(Anchor::Dfa)
            .or_else(|_| {
                nfa::contiguous::Builder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .prefilter(false)
                    .build(&phrases)
                    .map(Anchor::Nfa)
            })
            .map_err(|e| e.to_string())?;
        let mut first_words = WordBits::default();
        let mut begins_outside_words = [false; 256];
        for phrase in &phrases {
            let bytes = phrase.as_bytes();
            let first_word = bytes.iter().take_while(|&&b| is_word_byte(b)).count();
            if first_word > 0 {
                first_words.add(&bytes[..first_word]);
            } else {
                let b = bytes[0];
                begins_outside_words[usize::from(b.to_ascii_lowercase())] = true;
                begins_outside_words[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let any_outside_words = begins_outside_words.contains(&true);
        Ok(CueSet {
            matcher: Some(Matcher {
                automaton,
                first_words,
                begins_outside_words,
                any_outside_words,
            }),
            phrases,
        })
    }

    pub fn empty() -> CueSet {
        CueSet {
            matcher: None,
            phrases: Vec::new(),
        }
    }

    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every cue in `text[within]` that stands at word boundaries, spans absolute.
    pub fn find_in(&self, text: &str, within: Span) -> Vec<CueMatch> {
        let mut out = Vec::new();
        self.each_in(text, within, |m| {
            out.push(m);
            true
        });
        out
    }

    /// The first cue in `text[within]` at word boundaries.
    pub fn first_in(&self, text: &str, within: Span) -> Option<CueMatch> {
        let mut first = None;
        self.each_in(text, within, |m| {
            first = Some(m);
            false
        });
        first
    }

    /// Calls `found` with each cue in `text[within]` at word boundaries, in text order,
    /// while it returns true. At each place the longest phrase is taken; if it fails the
    /// boundary check the search moves on one byte, and past it if it passes.
    fn each_in(&self, text: &str, within: Span, found: impl FnMut(CueMatch) -> bool) {
        let Some(matcher) = &self.matcher else {
            return;
        };
        match &matcher.automaton {
            Anchor::Dfa(a) => each_match(a, matcher, text, within, found),
            Anchor::Nfa(a) => each_match(a, matcher, text, within, found),
        }
    }
}

#[inline(always)]
fn each_match<A: Automaton>(
    automaton: &A,
    matcher: &Matcher,
    text: &str,
    within: Span,
    mut found: impl FnMut(CueMatch) -> bool,
) {
    let Ok(start) = automaton.start_state(Anchored::Yes) else {
        return;
    };
    let bytes = within.text(text).as_bytes();
    // Where the next cue may start (past the last one found), and whether to go on.
    let mut next = 0;
    let mut going = true;
    // The longest phrase at `at`, reported if it stands at word boundaries.
    let mut try_at = |at: usize, next: &mut usize| -> bool {
        if let Some((phrase, end)) = longest_at(automaton, start, bytes, at)
            && at_word_boundaries(bytes, at, end)
        {
            *next = end;
            return found(CueMatch {
                phrase,
                span: Span::new(within.start + at, within.start + end),
            });
        }
        true
    };
    // Marks between `from` and `to` that begin a phrase.
    let outside = |from: usize,
                   to: usize,
                   next: &mut usize,
                   try_at: &mut dyn FnMut(usize, &mut usize) -> bool| {
        let mut at = from.max(*next);
        while at < to {
            if matcher.begins_outside_words[usize::from(bytes[at])] {
                if !try_at(at, next) {
                    return false;
                }
                at = at.max(*next).max(at + 1);
            } else {
                at += 1;
            }
        }
        true
    };
    let mut gap = 0;
    crate::text::for_each_word(bytes, |word, end| {
        if matcher.any_outside_words && !outside(gap, word, &mut next, &mut try_at) {
            going = false;
            return false;
        }
        gap = end;
        if word >= next
            && matcher.first_words.may_hold(bytes, word, end)
            && !try_at(word, &mut next)
        {
            going = false;
        }
        going
    });
    if going && matcher.any_outside_words {
        outside(gap, bytes.len(), &mut next, &mut try_at);
    }
}

/// For each of `lists` (at most 64), whether any of its phrases stands in `text[within]`, as
/// [`WordList::any`] says: bit k of the answer for list k. The span's words are found once
/// for all the lists, rather than once for each.
pub fn any_of_each(lists: &[&WordList], text: &str, within: Span) -> u64 {
    debug_assert!(lists.len() <= 64, "one bit a list");
    let bytes = within.text(text).as_bytes();
    let matchers: Vec<(u64, &Matcher)> = lists
        .iter()
        .enumerate()
        .filter_map(|(k, list)| Some((1u64 << k, list.set.matcher.as_ref()?)))
        .collect();
    let wanted = matchers.iter().fold(0, |all, (bit, _)| all | bit);
    let mut found = 0;
    // Every place a search for the first cue tries, for each list not yet found: the marks
    // between words that begin one of its phrases, then the word if it may begin one.
    let mut gap = 0;
    crate::text::for_each_word(bytes, |word, end| {
        let slot = WordBits::slot(bytes, word, end);
        for &(bit, m) in &matchers {
            if found & bit == 0
                && ((m.any_outside_words && m.outside_words_hold(bytes, gap, word))
                    || (m.first_words.may_hold_at(slot) && m.holds_at(bytes, word)))
            {
                found |= bit;
            }
        }
        gap = end;
        found != wanted
    });
    for &(bit, m) in &matchers {
        if found & bit == 0 && m.any_outside_words && m.outside_words_hold(bytes, gap, bytes.len())
        {
            found |= bit;
        }
    }
    found
}

impl Matcher {
    /// Whether the longest phrase that `bytes[at..]` begins with stands at word boundaries.
    fn holds_at(&self, bytes: &[u8], at: usize) -> bool {
        let longest = match &self.automaton {
            Anchor::Dfa(a) => a
                .start_state(Anchored::Yes)
                .ok()
                .and_then(|start| longest_at(a, start, bytes, at)),
            Anchor::Nfa(a) => a
                .start_state(Anchored::Yes)
                .ok()
                .and_then(|start| longest_at(a, start, bytes, at)),
        };
        longest.is_some_and(|(_, end)| at_word_boundaries(bytes, at, end))
    }

    /// Whether a phrase that begins with a mark stands at a mark of `bytes[from..to]`.
    fn outside_words_hold(&self, bytes: &[u8], from: usize, to: usize) -> bool {
        (from..to)
            .any(|at| self.begins_outside_words[usize::from(bytes[at])] && self.holds_at(bytes, at))
    }
}

/// The longest phrase that `bytes[from..]` begins with: its index and end.
#[inline(always)]
fn longest_at<A: Automaton>(
    automaton: &A,
    start: aho_corasick::automaton::StateID,
    bytes: &[u8],
    from: usize,
) -> Option<(usize, usize)> {
    let mut state = start;
    let mut longest = None;
    for (at, &b) in bytes.iter().enumerate().skip(from) {
        state = automaton.next_state(Anchored::Yes, state, b);
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                let pattern = automaton.match_pattern(state, 0);
                // A match state may also carry a phrase that began later (reached by a
                // failure link when the automaton was built); only phrases beginning at
                // `from` count.
                if at + 1 - automaton.pattern_len(pattern) == from {
                    longest = Some((pattern.as_usize(), at + 1));
                }
            }
        }
    }
    longest
}

/// A word list from a rule's options, compiled once into an automaton so that "does this
/// clause hold any of these words?" is one pass, whatever the list's length.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct WordList {
    set: CueSet,
}

impl TryFrom<Vec<String>> for WordList {
    type Error = String;

    fn try_from(words: Vec<String>) -> Result<WordList, String> {
        Ok(WordList {
            set: CueSet::new(&words)?,
        })
    }
}

impl Default for WordList {
    fn default() -> WordList {
        WordList {
            set: CueSet::empty(),
        }
    }
}

impl WordList {
    /// Whether any word of the list stands in `text[span]`.
    pub fn any(&self, text: &str, span: Span) -> bool {
        self.set.first_in(text, span).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The phrases, trimmed, in the order given: two lists with the same phrases match alike.
    pub fn phrases(&self) -> &[String] {
        &self.set.phrases
    }

    /// The list's first word, which names a group of synonyms.
    pub fn first(&self) -> Option<&str> {
        (!self.set.is_empty()).then(|| self.set.phrase(0))
    }
}

/// Which list of the shared phrase index a phrase belongs to. Whoever builds the index
/// names its lists; whoever reads a match asks for the lists it knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListId {
    /// Attribution cues.
    Attribution(AttributionCue),
    /// The cues of the measure at this index of the configuration's measures.
    Measure(u16),
    /// The phrases of the rule at this index of the rule set.
    Rule(u32),
}

/// A rule's phrase list searched in the shared one-pass index: its id, its phrases, and the
/// key of the rule's options under which a language gives its own version of the list.
#[derive(Debug, Clone, Copy)]
pub struct RuleList<'a> {
    pub id: ListId,
    pub phrases: &'a [String],
    pub locale_key: &'static str,
}

/// The three attribution lists of the rules' `[attribution]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionCue {
    /// Speech verbs: "said", "told", "according to".
    Verb,
    /// Anonymous-source phrases: "a source close to", "reportedly".
    Anonymous,
    /// Wire services credited for a story.
    Wire,
}

/// Several cue lists searched in one pass: each phrase is added once and remembers every
/// list it belongs to.
#[derive(Debug, Clone)]
pub struct MultiCueSet {
    set: CueSet,
    /// For each phrase of `set`, the lists it answers for, each with the stretch of the
    /// phrase that is that list's own phrase (the whole phrase for its own lists).
    targets: Vec<Vec<(ListId, Stretch)>>,
}

/// Byte offsets of a stretch of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stretch {
    start: u16,
    end: u16,
}

/// A cue found by a [`MultiCueSet`]: which list and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListMatch {
    pub list: ListId,
    pub span: Span,
}

impl MultiCueSet {
    /// `lists` pairs a list id with its phrases.
    pub fn new(lists: &[(ListId, &[String])]) -> Result<MultiCueSet, String> {
        let mut phrases: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<ListId>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (id, list) in lists {
            for p in list.iter() {
                let p = p.trim().to_ascii_lowercase();
                if p.is_empty() {
                    continue;
                }
                match index.get(&p) {
                    Some(&i) => {
                        if !targets[i].contains(id) {
                            targets[i].push(*id);
                        }
                    }
                    None => {
                        index.insert(p.clone(), phrases.len());
                        phrases.push(p);
                        targets.push(vec![*id]);
                    }
                }
            }
        }
        // Leftmost-longest matching reports "people familiar with" and not the
        // "people familiar" inside it: a phrase therefore also carries the lists of every
        // phrase it contains at word boundaries, each with the contained phrase's own stretch
        // (the leftmost, then the longest), so that a list's match is always its own phrase.
        // Each phrase's stretches between word boundaries are looked up, so the cost grows
        // with the phrases, not their square.
        let contained: Vec<Vec<(ListId, Stretch)>> = phrases
            .iter()
            .enumerate()
            .map(|(own, outer)| {
                let bytes = outer.as_bytes();
                // Where a contained phrase can start or end: the ends, and next to any
                // byte that is not part of a word (always a character boundary).
                let bounds: Vec<usize> = (0..=bytes.len())
                    .filter(|&i| {
                        i == 0
                            || i == bytes.len()
                            || !is_word_byte(bytes[i - 1])
                            || !is_word_byte(bytes[i])
                    })
                    .collect();
                let mut lists: Vec<(ListId, Stretch)> = Vec::new();
                for (k, &start) in bounds.iter().enumerate() {
                    // Longest first: the first stretch a list gets is its leftmost-longest.
                    for &end in bounds[k + 1..].iter().rev() {
                        let Some(inner) = outer.get(start..end) else {
                            continue;
                        };
                        let Some(&i) = index.get(inner) else {
                            continue;
                        };
                        if i == own || !at_word_boundaries(bytes, start, end) {
                            continue;
                        }
                        let (Ok(start), Ok(end)) = (u16::try_from(start), u16::try_from(end))
                        else {
                            continue;
                        };
                        for &list in &targets[i] {
                            if !lists.iter().any(|(l, _)| *l == list) {
                                lists.push((list, Stretch { start, end }));
                            }
                        }
                    }
                }
                lists
            })
            .collect();
        let mut answers: Vec<Vec<(ListId, Stretch)>> = Vec::with_capacity(targets.len());
        for ((own, extra), phrase) in targets.into_iter().zip(contained).zip(&phrases) {
            let whole = Stretch {
                start: 0,
                end: u16::try_from(phrase.len()).unwrap_or(u16::MAX),
            };
            let mut lists: Vec<(ListId, Stretch)> = own.into_iter().map(|l| (l, whole)).collect();
            for (list, stretch) in extra {
                if !lists.iter().any(|(l, _)| *l == list) {
                    lists.push((list, stretch));
                }
            }
            answers.push(lists);
        }
        Ok(MultiCueSet {
            set: CueSet::new(&phrases)?,
            targets: answers,
        })
    }

    /// Every cue in `text[within]`, one entry per list it belongs to, in text order.
    pub fn find_in(&self, text: &str, within: Span) -> Vec<ListMatch> {
        let mut out = Vec::new();
        for m in self.set.find_in(text, within) {
            for &(list, stretch) in &self.targets[m.phrase] {
                // ASCII case folding keeps byte lengths, so the phrase's offsets hold in the
                // text.
                let span = Span::new(
                    m.span.start + usize::from(stretch.start),
                    (m.span.start + usize::from(stretch.end)).min(m.span.end),
                );
                out.push(ListMatch { list, span });
            }
        }
        // Still in text order: a phrase's own lists come first (at its start), then the lists
        // of the phrases it contains, in the order of their starts (see `new`), and the next
        // match starts after this one ends.
        debug_assert!(out.is_sorted_by_key(|m| m.span.start));
        out
    }
}

fn at_word_boundaries(bytes: &[u8], start: usize, end: usize) -> bool {
    let inner_start = bytes.get(start).copied().unwrap_or(b' ');
    let inner_end = bytes.get(end.wrapping_sub(1)).copied().unwrap_or(b' ');
    let before_ok = start == 0 || !is_word_byte(bytes[start - 1]) || !is_word_byte(inner_start);
    let after_ok = end >= bytes.len() || !is_word_byte(bytes[end]) || !is_word_byte(inner_end);
    before_ok && after_ok
}

/// ASCII letters and digits, and every byte of a multi-byte character (letters in most
/// scripts), so that a cue never matches inside a longer word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    /// The search `CueSet` replaces: an unanchored leftmost-longest automaton over the
    /// whole span, a match failing the word-boundary check skipped by moving one byte on.
    fn find_unanchored(phrases: &[&str], text: &str) -> Vec<(usize, Span)> {
        let matcher = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases)
            .unwrap();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let Some(m) = matcher.find(aho_corasick::Input::new(text).span(at..text.len())) else {
                break;
            };
            if at_word_boundaries(bytes, m.start(), m.end()) {
                out.push((m.pattern().as_usize(), Span::new(m.start(), m.end())));
                at = m.end();
            } else {
                at = m.start() + 1;
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

        /// The word-at-a-time search finds what the unanchored automaton finds, on texts
        /// of phrase words, their parts and longer words holding them, marks, digits and
        /// non-ASCII letters, with phrases that contain each other and phrases that begin
        /// or end with a mark.
        #[test]
        fn the_word_at_a_time_search_finds_what_the_unanchored_search_finds(
            picks in proptest::collection::vec((0usize..64, 0usize..8), 0..40)
        ) {
            let phrases = [
                "said", "told", "told reporters", "reporters", "according to", "to",
                "(AP)", "AP", "U.S.", "people familiar with", "people familiar", "sources",
                "o'clock", "said:", "-based", "é",
            ];
            let words = [
                "said", "SAID", "Said", "unsaid", "saids", "told", "reporters", "according",
                "to", "too", "(AP)", "(AP", "AP", "APs", "U.S.", "U.S", "people", "familiar",
                "with", "sources", "resources", "o'clock", "clock", "-based", "based", "é",
                "café", "2025", "x", "(", ")", ":",
            ];
            let glue = [" ", "", "-", ", ", ".", "’", "\n", "é"];
            let mut text = String::new();
            for (w, g) in picks {
                text.push_str(words[w % words.len()]);
                text.push_str(glue[g]);
            }
            let cues = CueSet::new(&phrases).unwrap();
            let found: Vec<(usize, Span)> = cues
                .find_in(&text, Span::new(0, text.len()))
                .iter()
                .map(|m| (m.phrase, m.span))
                .collect();
            prop_assert_eq!(&found, &find_unanchored(&phrases, &text), "{:?}", text);
            let first = cues.first_in(&text, Span::new(0, text.len())).map(|m| (m.phrase, m.span));
            prop_assert_eq!(first, found.first().copied());
        }

        /// Several lists searched together find what each finds alone, in any span of the
        /// text: lists of words, of phrases that begin with marks, overlapping and empty.
        #[test]
        fn lists_searched_together_find_what_each_finds_alone(
            picks in proptest::collection::vec((0usize..64, 0usize..8), 0..40),
            cut in (0usize..200, 0usize..200),
        ) {
            let words = [
                "said", "Said", "told", "reporters", "according", "to", "(AP)", "(AP", "AP",
                "U.S.", "people", "familiar", "with", "last", "year", "years", "ago", "a",
                "once", "é", "café", "2025", "(", ")", ":",
            ];
            let glue = [" ", "", "-", ", ", ".", "’", "\n", "é"];
            let mut text = String::new();
            for (w, g) in picks {
                text.push_str(words[w % words.len()]);
                text.push_str(glue[g]);
            }
            let list = |phrases: &[&str]| {
                WordList::try_from(phrases.iter().map(|p| p.to_string()).collect::<Vec<_>>())
                    .unwrap()
            };
            let lists = [
                list(&["last year", "years ago", "a year ago", "once"]),
                list(&["(AP)", "U.S.", "said:"]),
                list(&["told reporters", "reporters", "according to"]),
                list(&[]),
                list(&["a", "é", "-based"]),
            ];
            let all: Vec<&WordList> = lists.iter().collect();
            let (a, b) = (cut.0.min(text.len()), cut.1.min(text.len()));
            let mut span = Span::new(a.min(b), a.max(b));
            while !text.is_char_boundary(span.start) {
                span.start -= 1;
            }
            while !text.is_char_boundary(span.end) {
                span.end += 1;
            }
            let together = any_of_each(&all, &text, span);
            for (k, l) in lists.iter().enumerate() {
                prop_assert_eq!((together >> k) & 1 == 1, l.any(&text, span), "list {} in {:?}", k, span.text(&text));
            }
        }
    }

    #[test]
    fn cues_match_whole_words_in_any_case() {
        let cues = CueSet::new(&["AP", "according to", "sources"]).unwrap();
        let text = "According to the map, AP sources said; resources dwindled.";
        let found: Vec<_> = cues
            .find_in(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.text(text))
            .collect();
        assert_eq!(found, vec!["According to", "AP", "sources"]);
    }

    #[test]
    fn a_list_matched_inside_a_longer_phrase_of_another_list_gets_its_own_phrase() {
        let verbs = vec!["told".to_string(), "said".to_string()];
        let settings = vec!["told reporters".to_string()];
        let audiences = vec!["reporters".to_string()];
        let cues = MultiCueSet::new(&[
            (ListId::Attribution(AttributionCue::Verb), &verbs),
            (ListId::Rule(0), &settings),
            (ListId::Rule(1), &audiences),
        ])
        .unwrap();
        let text = "She TOLD reporters on Monday, aides said.";
        let found: Vec<(ListId, &str)> = cues
            .find_in(text, Span::new(0, text.len()))
            .iter()
            .map(|m| (m.list, m.span.text(text)))
            .collect();
        assert_eq!(
            found,
            vec![
                (ListId::Rule(0), "TOLD reporters"),
                (ListId::Attribution(AttributionCue::Verb), "TOLD"),
                (ListId::Rule(1), "reporters"),
                (ListId::Attribution(AttributionCue::Verb), "said"),
            ]
        );
    }
}
