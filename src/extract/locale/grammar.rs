//! A language's number grammar compiled from its `[lang.xx]` table: word tables hashed once,
//! and the reading of number words, whole ("veintitrés") or built from parts
//! ("dreiundzwanzig" = drei + und + zwanzig, "quatre-vingt-dix" = quatre-vingt + dix).

use super::lexer::lex_phrase;
use crate::config::Locale;
use std::collections::{HashMap, HashSet};

/// What a number word, or a part of a compound one, does to the number being read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Morph {
    /// Adds its value ("drei", "veinte", "doscientos").
    Value(f64),
    /// Multiplies the group read so far by a hundred ("cento" in "duecento").
    Hundred,
    /// Multiplies what precedes it by a thousand, a million… ("mil", "Millionen").
    Scale(f64),
    /// Joins parts and adds nothing ("y", "und", "-").
    Joiner,
}

/// A number being read from words: the completed part above the last scale, and the group
/// below it. "dos millones trescientos mil" is 2 → 2,000,000 → +300 → +300,000.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Accumulator {
    total: f64,
    group: f64,
    /// The size of the last part added, so that a joiner only joins a smaller part to a
    /// larger one ("treinta y dos", not "dos y tres").
    last: f64,
}

impl Accumulator {
    pub(super) fn starting_at(value: f64) -> Accumulator {
        Accumulator {
            total: 0.0,
            group: value,
            last: value,
        }
    }

    pub(super) fn apply(&mut self, m: Morph) {
        match m {
            Morph::Value(v) => {
                self.group += v;
                self.last = v;
            }
            Morph::Hundred => {
                self.group = if self.group == 0.0 {
                    100.0
                } else {
                    self.group * 100.0
                };
                self.last = 100.0;
            }
            Morph::Scale(s) => {
                // A scale word alone counts one of it ("mil", "tausend").
                let or_one = |v: f64| if v == 0.0 { 1.0 } else { v };
                if s > self.total {
                    self.total = or_one(self.total + self.group) * s;
                } else {
                    self.total += or_one(self.group) * s;
                }
                self.group = 0.0;
                self.last = s;
            }
            Morph::Joiner => {}
        }
    }

    pub(super) fn value(&self) -> f64 {
        self.total + self.group
    }

    /// Whether a joiner may join `next` to what was read: the larger part comes first.
    pub(super) fn joins(&self, next: f64) -> bool {
        self.last >= 20.0 && next < self.last
    }
}

/// One language's tables, ready for look-up.
#[derive(Debug, Clone)]
pub struct Grammar {
    pub code: String,
    pub(super) decimal: char,
    pub(super) groups: Vec<char>,
    words: HashMap<String, Morph>,
    articles: HashSet<String>,
    joiners: HashSet<String>,
    /// Parts of compound number words, longest first.
    parts: Vec<(String, Morph)>,
    /// The first characters parts start with: a word starting otherwise is no number.
    part_starts: HashSet<char>,
    pub(super) percent: Vec<Vec<String>>,
    pub(super) currencies: HashMap<String, String>,
    pub(super) months: HashMap<String, u32>,
    pub(super) weekdays: HashSet<String>,
    pub(super) date_joiners: HashSet<String>,
    pub(super) year_leads: HashSet<String>,
    pub(super) durations: HashMap<String, &'static str>,
    pub(super) noun_joiners: HashSet<String>,
    pub(super) range_words: HashSet<String>,
    pub(super) at_least: Vec<Vec<String>>,
    pub(super) at_most: Vec<Vec<String>>,
    pub(super) about: Vec<Vec<String>>,
    pub(super) age_before: Vec<Vec<String>>,
    pub(super) age_after: Vec<Vec<String>>,
    pub(super) age_suffixes: Vec<String>,
    pub(super) not_nouns: HashSet<String>,
    pub(super) verb_endings: Vec<String>,
    pub(super) capitalised_nouns: bool,
    /// Nouns a count may count in this language (every measure's nouns and counts): a
    /// four-digit number before one is a count, not a year.
    pub(super) counted: HashSet<String>,
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().cloned().collect()
}

fn phrases(list: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = list
        .iter()
        .map(|p| lex_phrase(p))
        .filter(|p| !p.is_empty())
        .collect();
    // Longest first, so that "au moins" wins over a shorter phrase ending the same way.
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

impl Grammar {
    pub fn new(locale: &Locale) -> Grammar {
        let mut words = HashMap::new();
        for (w, v) in &locale.numbers {
            words.insert(w.clone(), Morph::Value(*v));
        }
        for w in &locale.hundreds {
            words.insert(w.clone(), Morph::Hundred);
        }
        for (w, s) in &locale.scales {
            words.insert(w.clone(), Morph::Scale(*s));
        }
        let mut parts: Vec<(String, Morph)> = words
            .iter()
            .map(|(w, m)| (w.clone(), *m))
            .chain(
                locale
                    .articles
                    .iter()
                    .map(|a| (a.clone(), Morph::Value(1.0))),
            )
            .chain(locale.joiners.iter().map(|j| (j.clone(), Morph::Joiner)))
            .collect();
        parts.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let part_starts = parts.iter().filter_map(|(p, _)| p.chars().next()).collect();
        let mut counted = HashSet::new();
        for m in locale.measures.values() {
            counted.extend(m.nouns.iter().cloned());
            counted.extend(m.counts.iter().cloned());
        }
        Grammar {
            code: locale.code.clone(),
            decimal: locale.decimal_mark,
            groups: locale.group_marks.clone(),
            words,
            articles: set(&locale.articles),
            joiners: set(&locale.joiners),
            parts,
            part_starts,
            percent: phrases(&locale.percent),
            currencies: locale.currencies.clone().into_iter().collect(),
            months: locale.months.clone().into_iter().collect(),
            weekdays: set(&locale.weekdays),
            date_joiners: set(&locale.date_joiners),
            year_leads: set(&locale.year_leads),
            durations: locale
                .durations
                .iter()
                .filter_map(|(w, u)| {
                    crate::config::DURATION_UNITS
                        .iter()
                        .find(|k| *k == u)
                        .map(|k| (w.clone(), *k))
                })
                .collect(),
            noun_joiners: set(&locale.noun_joiners),
            range_words: set(&locale.range_words),
            at_least: phrases(&locale.at_least),
            at_most: phrases(&locale.at_most),
            about: phrases(&locale.about),
            age_before: phrases(&locale.age_before),
            age_after: phrases(&locale.age_after),
            age_suffixes: locale
                .age_suffixes
                .iter()
                .map(|s| s.trim_start_matches('-').to_string())
                .collect(),
            not_nouns: set(&locale.not_nouns),
            verb_endings: locale.verb_endings.clone(),
            capitalised_nouns: locale.capitalised_nouns,
            counted,
        }
    }

    pub(super) fn is_article(&self, w: &str) -> bool {
        self.articles.contains(w)
    }

    pub(super) fn is_joiner(&self, w: &str) -> bool {
        self.joiners.contains(w)
    }

    /// A scale word alone ("millones", "mio.").
    pub(super) fn scale(&self, w: &str) -> Option<f64> {
        match self.words.get(w) {
            Some(Morph::Scale(s)) => Some(*s),
            _ => None,
        }
    }

    pub(super) fn is_hundred(&self, w: &str) -> bool {
        matches!(self.words.get(w), Some(Morph::Hundred))
    }

    /// The parts of a number word: the word itself when the tables have it, else the parts
    /// it is built from, all of it (a word only partly made of number parts is no number).
    pub(super) fn parts_of(&self, word: &str) -> Option<Vec<Morph>> {
        if let Some(m) = self.words.get(word) {
            return Some(vec![*m]);
        }
        if !word
            .chars()
            .next()
            .is_some_and(|c| self.part_starts.contains(&c))
        {
            return None;
        }
        let mut out = Vec::new();
        if self.split(word, &mut out) {
            let first_last_ok = !matches!(out.first(), Some(Morph::Joiner))
                && !matches!(out.last(), Some(Morph::Joiner));
            let numbers = out.iter().filter(|m| !matches!(m, Morph::Joiner)).count();
            if first_last_ok && numbers >= 2 {
                return Some(out);
            }
        }
        None
    }

    /// Splits `rest` into parts, longest part first, backing off when the remainder cannot
    /// be split.
    fn split(&self, rest: &str, out: &mut Vec<Morph>) -> bool {
        if rest.is_empty() {
            return true;
        }
        // Compound number words have a handful of parts; a longer split is no number.
        if out.len() > 12 {
            return false;
        }
        for (part, m) in &self.parts {
            if let Some(after) = rest.strip_prefix(part.as_str()) {
                out.push(*m);
                if self.split(after, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }

    /// The value of a number word read alone ("veintitrés" 23, "zweihundert" 200), when it
    /// is one; articles are not ("un hombre").
    pub(super) fn word_value(&self, word: &str) -> Option<f64> {
        if self.articles.contains(word) || self.joiners.contains(word) {
            return None;
        }
        let parts = self.parts_of(word)?;
        let mut acc = Accumulator::default();
        for m in parts {
            acc.apply(m);
        }
        Some(acc.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn grammar(code: &str) -> Grammar {
        let config = Config::embedded().expect("embedded rules");
        Grammar::new(&config.languages[code])
    }

    #[test]
    fn compound_number_words_are_read_from_their_parts() {
        let cases = [
            ("de", "dreiundzwanzig", 23.0),
            ("de", "zweihundertdreiundzwanzig", 223.0),
            ("de", "einhundert", 100.0),
            ("de", "dreitausend", 3000.0),
            ("de", "zweitausenddreihundert", 2300.0),
            ("fr", "vingt-trois", 23.0),
            ("fr", "quatre-vingt-dix", 90.0),
            ("fr", "soixante-dix-sept", 77.0),
            ("fr", "vingt-et-un", 21.0),
            ("it", "duecento", 200.0),
            ("it", "ventitré", 23.0),
            ("it", "ventuno", 21.0),
            ("it", "duemilatrecento", 2300.0),
            ("it", "centottanta", 180.0),
            ("nl", "twintig", 20.0),
            ("nl", "drieëntwintig", 23.0),
            ("nl", "eenentwintig", 21.0),
            ("nl", "tweehonderd", 200.0),
            ("es", "veintitrés", 23.0),
            ("es", "doscientos", 200.0),
        ];
        for (code, word, want) in cases {
            assert_eq!(grammar(code).word_value(word), Some(want), "{code} {word}");
        }
    }

    #[test]
    fn ordinary_words_that_start_like_numbers_are_not_numbers() {
        for (code, word) in [
            ("it", "novembre"),
            ("it", "settembre"),
            ("it", "treno"),
            ("it", "centro"),
            ("de", "achtung"),
            ("de", "einen"),
            ("nl", "tweede"),
            ("nl", "tienen"),
            ("es", "dosis"),
            ("es", "un"),
            ("fr", "une"),
        ] {
            assert_eq!(grammar(code).word_value(word), None, "{code} {word}");
        }
    }
}
