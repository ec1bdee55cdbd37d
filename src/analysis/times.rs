//! The time each sentence places its figures in: the years and months it names, "past" for
//! an other-time phrase ("last year", "previous"), or the time of the sentence before when it
//! continues that one's subject ("It killed 612"). Several rules read it, each with its own
//! lists; an article's sentences are read once for all of them.

use super::Analysis;
use crate::cues::WordList;
use crate::date::MONTHS;
use crate::text::Span;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// The years (1800–2099) and capitalised month names a sentence names, each once and in
/// order ("2005,july"), but for `own`, the article's own year: what places a sentence in a
/// time whatever other-time phrases a rule reads.
///
/// Its words are runs of letters, digits, hyphens and apostrophes, less their trailing
/// hyphens and apostrophes ("mid-2005" is one word, no year of its own). Only a word that
/// opens with a digit or a capital names a time, so only those bytes are looked for, and
/// only the words they open are read: this runs over every sentence of every article.
fn named_times(text: &str, span: Span, own: Option<&str>) -> String {
    let s = span.text(text);
    let bytes = s.as_bytes();
    let mut marks: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(skip) = bytes[at..]
        .iter()
        .position(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        let start = at + skip;
        at = word_end(s, start);
        // Inside a word ("MH370", "mid-2005"), a digit or a capital opens none.
        if s[..start].chars().next_back().is_some_and(in_word) {
            continue;
        }
        let w = s[start..at].trim_end_matches(['-', '\'']);
        if bytes[start].is_ascii_digit() {
            let is_year = w.len() == 4
                && w.bytes().all(|b| b.is_ascii_digit())
                && (1800..2100).contains(&w.parse::<u32>().unwrap_or(0));
            if is_year && Some(w) != own {
                marks.push(w);
            }
        } else if (3..=9).contains(&w.len()) {
            // "May" and "March" are also a verb and a noun: only a preposition before them
            // ("in March") makes them months.
            if let Some(month) = MONTHS.iter().find(|m| m.eq_ignore_ascii_case(w))
                && (!matches!(*month, "may" | "march")
                    || BEFORE_A_MONTH
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case(word_before(s, start))))
            {
                marks.push(month);
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    marks.join(",")
}

/// Words that make the "May" or "March" after them a month.
const BEFORE_A_MONTH: [&str; 11] = [
    "in", "on", "since", "by", "until", "from", "last", "early", "late", "mid", "of",
];

/// Whether a character belongs to a word of [`named_times`].
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Where the word of [`named_times`] that `s[start..]` opens ends.
fn word_end(s: &str, start: usize) -> usize {
    s[start..]
        .char_indices()
        .find(|&(_, c)| !in_word(c))
        .map_or(s.len(), |(i, _)| start + i)
}

/// The word of [`named_times`] before `s[at..]`, "" when none is.
fn word_before(s: &str, mut at: usize) -> &str {
    loop {
        let before = &s[..at];
        let end = before.trim_end_matches(|c| !in_word(c)).len();
        let start = before[..end].trim_end_matches(in_word).len();
        let word = s[start..end].trim_end_matches(['-', '\'']);
        if !word.is_empty() || start == end {
            return word;
        }
        // A run of hyphens and apostrophes is no word.
        at = start;
    }
}

/// A sentence's named times with "past" in its place among them when the sentence holds an
/// other-time phrase.
fn with_past(named: &str, past: bool) -> String {
    if !past {
        return named.to_string();
    }
    let mut marks: Vec<&str> = named.split(',').filter(|m| !m.is_empty()).collect();
    marks.push("past");
    marks.sort_unstable();
    marks.join(",")
}

/// The time a sentence places its figures in: the years (1800–2099) and capitalised month
/// names it names, and "past" when it holds an other-time phrase; "" when it names none.
pub fn sentence_time(text: &str, span: Span, other_time: &WordList) -> String {
    with_past(&named_times(text, span, None), other_time.any(text, span))
}

/// Each sentence's time, a continuing sentence ("It killed 612 people") taking the time of
/// the one before it. The article's own year, when it is dated, is the story's time, not
/// another (its month is not: "in March" may be an earlier event of the same month).
///
/// Made once per article for each pair of lists its rule set reads (see [`TimeLists`]), and
/// kept; other lists are read afresh.
pub fn sentence_times<'a>(
    text: &str,
    analysis: &'a Analysis,
    other_time: &WordList,
    continuing_words: &[String],
) -> Cow<'a, [String]> {
    let memo = &analysis.sentence_times;
    match memo.lists.position(other_time, continuing_words) {
        Some(k) => Cow::Borrowed(memo.placed[k].get_or_init(|| {
            let past = memo.past(text, analysis);
            place(text, analysis, continuing_words, |i| {
                (past[i] >> k) & 1 == 1
            })
        })),
        None => Cow::Owned(place(text, analysis, continuing_words, |i| {
            other_time.any(text, analysis.doc.sentences[i].span)
        })),
    }
}

/// Each sentence's time from its named times and whether it holds an other-time phrase
/// (`past` of its index), the continuing sentences taking the one before's.
fn place(
    text: &str,
    analysis: &Analysis,
    continuing_words: &[String],
    past: impl Fn(usize) -> bool,
) -> Vec<String> {
    let named = analysis.sentence_times.named(text, analysis);
    let mut out: Vec<String> = Vec::with_capacity(named.len());
    for (i, (s, named)) in analysis.doc.sentences.iter().zip(named).enumerate() {
        let mut time = with_past(named, past(i));
        // The sentence's first word, lower-cased, is one of the continuing words.
        let continues = || {
            words(s.span.text(text)).next().is_some_and(|(_, w)| {
                let lower = || w.bytes().map(|b| b.to_ascii_lowercase());
                continuing_words.iter().any(|c| c.bytes().eq(lower()))
            })
        };
        if time.is_empty() && continues() {
            time = out.last().cloned().unwrap_or_default();
        }
        out.push(time);
    }
    out
}

/// Lower-case words of `s` with their byte offsets.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .scan(0usize, |at, piece| {
            let start = *at;
            *at += piece.len();
            let word = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// The pairs of other-time phrases and continuing words the rules of a rule set place
/// sentences in time with, each pair once: the other-time phrases of all of them are looked
/// for in one pass over each sentence.
#[derive(Debug, Default)]
pub struct TimeLists {
    pairs: Vec<(WordList, Vec<String>)>,
}

impl TimeLists {
    /// The distinct pairs among `pairs`, in order; past the 64 one pass can answer for, a
    /// pair is read on its own.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a WordList, &'a [String])>) -> TimeLists {
        let mut kept = TimeLists::default();
        for (other_time, continuing_words) in pairs {
            if kept.pairs.len() < 64 && kept.position(other_time, continuing_words).is_none() {
                kept.pairs
                    .push((other_time.clone(), continuing_words.to_vec()));
            }
        }
        kept
    }

    /// The index of the pair with these lists.
    fn position(&self, other_time: &WordList, continuing_words: &[String]) -> Option<usize> {
        self.pairs.iter().position(|(o, c)| {
            o.phrases() == other_time.phrases() && c.as_slice() == continuing_words
        })
    }
}

/// An article's sentence times under its rule set's lists, made when a rule first asks.
#[derive(Debug, Clone, Default)]
pub struct TimesMemo {
    lists: Arc<TimeLists>,
    /// Each sentence's [`named_times`], the same under every list.
    named: OnceLock<Vec<String>>,
    /// For each sentence, which lists' other-time phrases it holds (bit k for pair k).
    past: OnceLock<Vec<u64>>,
    /// Each sentence's time under each pair of lists.
    placed: Vec<OnceLock<Vec<String>>>,
}

impl TimesMemo {
    pub fn new(lists: Arc<TimeLists>) -> TimesMemo {
        TimesMemo {
            placed: lists.pairs.iter().map(|_| OnceLock::new()).collect(),
            lists,
            named: OnceLock::new(),
            past: OnceLock::new(),
        }
    }

    fn named(&self, text: &str, analysis: &Analysis) -> &[String] {
        self.named.get_or_init(|| {
            let own = analysis.published.map(|d| d.year.to_string());
            analysis
                .doc
                .sentences
                .iter()
                .map(|s| named_times(text, s.span, own.as_deref()))
                .collect()
        })
    }

    fn past(&self, text: &str, analysis: &Analysis) -> &[u64] {
        self.past.get_or_init(|| {
            let lists: Vec<&WordList> = self.lists.pairs.iter().map(|(o, _)| o).collect();
            analysis
                .doc
                .sentences
                .iter()
                .map(|s| crate::cues::any_of_each(&lists, text, s.span))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// How a sentence's years and months were read word by word, every word split out.
    fn named_times_word_by_word(s: &str, own: Option<&str>) -> String {
        let mut marks: Vec<&str> = Vec::new();
        let mut previous = "";
        for w in s
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
        {
            let first = w.as_bytes()[0];
            if first.is_ascii_digit() {
                let is_year = w.len() == 4
                    && w.bytes().all(|b| b.is_ascii_digit())
                    && (1800..2100).contains(&w.parse::<u32>().unwrap_or(0));
                if is_year && Some(w) != own {
                    marks.push(w);
                }
            } else if first.is_ascii_uppercase() && (3..=9).contains(&w.len()) {
                let dated = BEFORE_A_MONTH.contains(&previous.to_ascii_lowercase().as_str());
                if let Some(month) = MONTHS.iter().find(|m| {
                    m.eq_ignore_ascii_case(w) && (dated || (**m != "may" && **m != "march"))
                }) {
                    marks.push(month);
                }
            }
            previous = w;
        }
        marks.sort();
        marks.dedup();
        marks.join(",")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

        /// Reading only the words that open with a digit or a capital finds the years and
        /// months that reading every word finds: with hyphens, apostrophes, runs of them,
        /// letters and marks beyond ASCII, and prepositions before "May" and "March".
        #[test]
        fn named_times_are_those_read_word_by_word(
            picks in proptest::collection::vec(0usize..32, 0..40)
        ) {
            let pieces = [
                "May", "March", "in", "In", "2005", "mid-2005", "'90s", "--", "-", "'", " ",
                ", ", ".", "—", "’", "é", "Åland", "1999’s", "x", "\u{a0}", "“", "MH370",
                "Mar-", "ü2", "(", "9", "June", "JULY", "2014", "by", "of", "Sept",
            ];
            let text: String = picks.iter().map(|&p| pieces[p]).collect();
            let span = Span::new(0, text.len());
            for own in [None, Some("2014")] {
                prop_assert_eq!(
                    named_times(&text, span, own),
                    named_times_word_by_word(&text, own),
                    "{:?}", text
                );
            }
        }
    }

    #[test]
    fn a_sentence_is_placed_by_its_years_and_months_but_the_articles_own_year() {
        let named = |s: &str, own| named_times(s, Span::new(0, s.len()), own);
        assert_eq!(
            named("A 2005 quake killed 612 in March 2014.", None),
            "2005,2014,march"
        );
        assert_eq!(
            named("A 2005 quake killed 612 in March 2014.", Some("2014")),
            "2005,march"
        );
        // "May" and "March" are months after a preposition only; "mid-2005" is no year.
        assert_eq!(named("March ahead, May officials said mid-2005.", None), "");
        assert_eq!(
            named("Since May, 40 - in -- March - died.", None),
            "march,may"
        );
        assert_eq!(with_past("2005,march", true), "2005,march,past");
        assert_eq!(with_past("", true), "past");
    }
}
