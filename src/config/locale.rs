//! A language the rules read besides English: its number grammar (decimal mark, thousands
//! marks, number words, scale words, currencies written the local way), its dates and
//! durations, its hedges, its attribution and anonymous-source cues, and the nouns and cues
//! of each measure. All of it is data in the rules' TOML (`[lang.es]`), so that a desk can
//! tune a language, or add one, without touching Rust; the grammar that reads it is the same
//! for every language.

use super::{ConfigError, NamedLists, Origin};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[lang.xx]` as written. Every key is optional so that an override file can change one
/// thing: a list given replaces the current one, an `extend-` list adds to it, and a table
/// of words (numbers, scales, months…) adds its entries to the current ones.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocaleFile {
    pub name: Option<String>,
    pub decimal_mark: Option<String>,
    pub group_marks: Option<Vec<String>>,
    pub numbers: Option<BTreeMap<String, f64>>,
    pub hundreds: Option<Vec<String>>,
    pub scales: Option<BTreeMap<String, f64>>,
    pub joiners: Option<Vec<String>>,
    pub articles: Option<Vec<String>>,
    pub percent: Option<Vec<String>>,
    pub currencies: Option<BTreeMap<String, String>>,
    pub months: Option<BTreeMap<String, u32>>,
    pub weekdays: Option<Vec<String>>,
    pub date_joiners: Option<Vec<String>>,
    pub year_leads: Option<Vec<String>>,
    pub durations: Option<BTreeMap<String, String>>,
    pub noun_joiners: Option<Vec<String>>,
    pub range_words: Option<Vec<String>>,
    pub at_least: Option<Vec<String>>,
    pub at_most: Option<Vec<String>>,
    pub about: Option<Vec<String>>,
    pub age_before: Option<Vec<String>>,
    pub age_after: Option<Vec<String>>,
    pub age_suffixes: Option<Vec<String>>,
    pub not_nouns: Option<Vec<String>>,
    pub verb_endings: Option<Vec<String>>,
    pub capitalised_nouns: Option<bool>,
    pub attribution: Option<LocaleAttributionFile>,
    #[serde(default)]
    pub measure: BTreeMap<String, LocaleMeasureFile>,
    /// Phrases of rules in this language, by rule code and the option they replace:
    /// `[lang.es.rules.CR501] phrases = [...]`.
    #[serde(default)]
    pub rules: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocaleAttributionFile {
    pub verbs: Option<Vec<String>>,
    pub extend_verbs: Option<Vec<String>>,
    pub anonymous: Option<Vec<String>>,
    pub extend_anonymous: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocaleMeasureFile {
    pub nouns: Option<Vec<String>>,
    pub cues: Option<Vec<String>>,
    pub counts: Option<Vec<String>>,
}

/// A measure's words in one language; the measure itself (kinds, tolerance, bounds) is
/// shared by every language, so that figures compare across languages.
#[derive(Debug, Clone, Default)]
pub struct LocaleMeasure {
    pub nouns: Vec<String>,
    pub cues: Vec<String>,
    pub counts: Vec<String>,
}

/// One language, merged. Words are kept lower-cased.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    /// The language's code as the section names it ("es").
    pub code: String,
    pub name: String,
    /// The decimal mark ("," in "12,5").
    pub decimal_mark: char,
    /// Thousands marks ("." in "1.500", " " in "1 500", "'" in "1'500"); a no-break space
    /// or narrow no-break space counts as a space.
    pub group_marks: Vec<char>,
    /// Number words and the parts compound number words are built from, with their values
    /// ("dos" 2, "veinti" 20, "doscientos" 200).
    pub numbers: BTreeMap<String, f64>,
    /// Words that multiply the number before them by a hundred ("cento" in "duecento").
    pub hundreds: Vec<String>,
    /// Scale words and abbreviations ("mil" 1000, "millones" 1e6, "mio." 1e6).
    pub scales: BTreeMap<String, f64>,
    /// Words and word parts that join number words ("y" in "treinta y dos", "und" in
    /// "dreiundzwanzig", "-" in "vingt-trois").
    pub joiners: Vec<String>,
    /// Articles that are also the number one, read as a number only before a hundred or
    /// scale word ("un millón", not "un hombre").
    pub articles: Vec<String>,
    /// Words or phrases after a number that make it a percentage ("por ciento").
    pub percent: Vec<String>,
    /// Currency words and symbols to ISO codes ("euros" EUR, "US$" USD).
    pub currencies: BTreeMap<String, String>,
    /// Month names and abbreviations to their number.
    pub months: BTreeMap<String, u32>,
    pub weekdays: Vec<String>,
    /// Words between day, month and year ("de" in "1 de marzo de 2008").
    pub date_joiners: Vec<String>,
    /// Words after which a four-digit number is a year ("en 2015").
    pub year_leads: Vec<String>,
    /// Duration words to their unit ("años" year).
    pub durations: BTreeMap<String, String>,
    /// Words between a number (or its scale word) and the noun or currency it counts ("de"
    /// in "40.000 millones de dólares").
    pub noun_joiners: Vec<String>,
    /// Words between a range's bounds ("bis" in "3 bis 5").
    pub range_words: Vec<String>,
    pub at_least: Vec<String>,
    pub at_most: Vec<String>,
    pub about: Vec<String>,
    /// Words before a number of years that make it a person's age ("âgé de 34 ans").
    pub age_before: Vec<String>,
    /// Words after a number of years that make it an age ("34 Jahre alt").
    pub age_after: Vec<String>,
    /// Word endings glued to a number that make it an age ("34-jährige", "34enne").
    pub age_suffixes: Vec<String>,
    /// Words after a number that are not what it counts (auxiliaries, common verbs:
    /// "fueron", "wurden"), so that a cue after them can give the measure.
    pub not_nouns: Vec<String>,
    /// Endings of verb forms that are not nouns ("-ieron" in "murieron").
    pub verb_endings: Vec<String>,
    /// Nouns are written with a capital (German): a lower-case word is no noun.
    pub capitalised_nouns: bool,
    pub verbs: Vec<String>,
    pub anonymous: Vec<String>,
    /// Each measure's words in this language, by measure id.
    pub measures: BTreeMap<String, LocaleMeasure>,
    /// Rules' phrase lists in this language, by rule code and option ("phrases",
    /// "second"): an article in this language is searched for these instead of the
    /// English ones. A rule with no list here finds no phrases in this language.
    pub rules: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub origin: Option<Origin>,
}

/// The duration units the rules compare ("year", "month", …).
pub const DURATION_UNITS: &[&str] = &[
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
];

fn lower_all(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn lower_keys<V>(map: BTreeMap<String, V>) -> impl Iterator<Item = (String, V)> {
    map.into_iter().map(|(k, v)| (k.trim().to_lowercase(), v))
}

fn one_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

impl Locale {
    /// Applies a `[lang.xx]` table on top of this language.
    pub(super) fn merge(
        &mut self,
        code: &str,
        f: LocaleFile,
        lists: &NamedLists,
        origin: &Origin,
    ) -> Result<(), ConfigError> {
        let at = |key: &str, message: String| origin.error(key, None, message);
        let expand = |l: Vec<String>| lists.expand(l, origin, None).map(lower_all);
        self.code = code.to_string();
        if self.origin.is_none() {
            self.origin = Some(origin.clone());
        }
        if let Some(n) = f.name {
            self.name = n;
        }
        if let Some(m) = f.decimal_mark {
            self.decimal_mark = one_char(&m).ok_or_else(|| {
                at(
                    "decimal-mark",
                    format!("lang.{code}: decimal-mark must be one character, not \"{m}\""),
                )
            })?;
        }
        if let Some(marks) = f.group_marks {
            let mut chars = Vec::new();
            for m in &marks {
                chars.push(one_char(m).ok_or_else(|| {
                    at(
                        "group-marks",
                        format!("lang.{code}: each group mark must be one character, not \"{m}\""),
                    )
                })?);
            }
            self.group_marks = chars;
        }
        if let Some(numbers) = f.numbers {
            for (word, value) in lower_keys(numbers) {
                if !value.is_finite() || value < 0.0 {
                    return Err(at(
                        &word,
                        format!("lang.{code}: number word \"{word}\" needs a value ≥ 0"),
                    ));
                }
                self.numbers.insert(word, value);
            }
        }
        if let Some(scales) = f.scales {
            for (word, value) in lower_keys(scales) {
                if !value.is_finite() || value < 1000.0 {
                    return Err(at(
                        &word,
                        format!("lang.{code}: scale word \"{word}\" needs a value ≥ 1000"),
                    ));
                }
                self.scales.insert(word, value);
            }
        }
        if let Some(currencies) = f.currencies {
            for (word, iso) in lower_keys(currencies) {
                if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(at(
                        &iso,
                        format!(
                            "lang.{code}: currency \"{word}\" needs a three-letter ISO code, not \"{iso}\""
                        ),
                    ));
                }
                self.currencies.insert(word, iso);
            }
        }
        if let Some(months) = f.months {
            for (word, month) in lower_keys(months) {
                if !(1..=12).contains(&month) {
                    return Err(at(
                        &word,
                        format!("lang.{code}: month \"{word}\" needs a number from 1 to 12"),
                    ));
                }
                self.months.insert(word, month);
            }
        }
        if let Some(durations) = f.durations {
            for (word, unit) in lower_keys(durations) {
                if !DURATION_UNITS.contains(&unit.as_str()) {
                    return Err(at(
                        &unit,
                        format!(
                            "lang.{code}: duration \"{word}\" has unit \"{unit}\"; expected one of {}",
                            DURATION_UNITS.join(", ")
                        ),
                    ));
                }
                self.durations.insert(word, unit);
            }
        }
        if let Some(c) = f.capitalised_nouns {
            self.capitalised_nouns = c;
        }
        let lists_of: [(&mut Vec<String>, Option<Vec<String>>); 17] = [
            (&mut self.hundreds, f.hundreds),
            (&mut self.joiners, f.joiners),
            (&mut self.articles, f.articles),
            (&mut self.percent, f.percent),
            (&mut self.weekdays, f.weekdays),
            (&mut self.date_joiners, f.date_joiners),
            (&mut self.year_leads, f.year_leads),
            (&mut self.noun_joiners, f.noun_joiners),
            (&mut self.range_words, f.range_words),
            (&mut self.at_least, f.at_least),
            (&mut self.at_most, f.at_most),
            (&mut self.about, f.about),
            (&mut self.age_before, f.age_before),
            (&mut self.age_after, f.age_after),
            (&mut self.age_suffixes, f.age_suffixes),
            (&mut self.not_nouns, f.not_nouns),
            (&mut self.verb_endings, f.verb_endings),
        ];
        for (current, given) in lists_of {
            if let Some(words) = given {
                *current = expand(words)?;
            }
        }
        if let Some(a) = f.attribution {
            replace_or_extend(&mut self.verbs, a.verbs, a.extend_verbs, &expand)?;
            replace_or_extend(
                &mut self.anonymous,
                a.anonymous,
                a.extend_anonymous,
                &expand,
            )?;
        }
        for (id, m) in f.measure {
            let entry = self.measures.entry(id).or_default();
            if let Some(n) = m.nouns {
                entry.nouns = expand(n)?;
            }
            if let Some(c) = m.cues {
                entry.cues = expand(c)?;
            }
            if let Some(c) = m.counts {
                entry.counts = expand(c)?;
            }
        }
        for (code_of_rule, options) in f.rules {
            let entry = self.rules.entry(code_of_rule).or_default();
            for (key, phrases) in options {
                entry.insert(key, expand(phrases)?);
            }
        }
        Ok(())
    }

    /// The phrases of rule `code`'s option `key` in this language.
    pub fn rule_phrases(&self, code: &str, key: &str) -> Option<&[String]> {
        self.rules.get(code)?.get(key).map(Vec::as_slice)
    }

    /// A language needs a decimal mark and some number words to be read at all.
    pub(super) fn validate(
        &self,
        measures: &[super::Measure],
        rules: &[super::RuleConfig],
    ) -> Result<(), ConfigError> {
        let origin = self.origin.as_ref();
        let error = |needle: &str, message: String| match origin {
            Some(o) => o.error(needle, None, message),
            None => ConfigError {
                path: super::DEFAULT_RULES_PATH.into(),
                line: 1,
                column: 1,
                rule: None,
                message,
            },
        };
        if self.decimal_mark == '\0' {
            return Err(error(
                &format!("[lang.{}]", self.code),
                format!("lang.{}: no decimal-mark", self.code),
            ));
        }
        if self.numbers.is_empty() {
            return Err(error(
                &format!("[lang.{}]", self.code),
                format!("lang.{}: no number words (numbers = {{ … }})", self.code),
            ));
        }
        for (code, options) in &self.rules {
            let Some(rule) = rules.iter().find(|r| &r.code == code) else {
                return Err(error(
                    code,
                    format!("lang.{}: rules.{code} names no rule", self.code),
                ));
            };
            for key in options.keys() {
                if !matches!(
                    key.as_str(),
                    "phrases" | "first" | "second" | "total-cues" | "part-cues"
                ) {
                    return Err(error(
                        key,
                        format!(
                            "lang.{}: rules.{code}.{key}: a rule's phrases in a language replace its \"phrases\", \"first\", \"second\", \"total-cues\" or \"part-cues\" list ({} has kind {})",
                            self.code, code, rule.kind
                        ),
                    ));
                }
            }
        }
        for id in self.measures.keys() {
            if !measures.iter().any(|m| &m.id == id) {
                return Err(error(
                    &format!("measure.{id}"),
                    format!(
                        "lang.{}: unknown measure \"{id}\" (define it in a [[measure]] table)",
                        self.code
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn replace_or_extend(
    current: &mut Vec<String>,
    replace: Option<Vec<String>>,
    extend: Option<Vec<String>>,
    expand: &dyn Fn(Vec<String>) -> Result<Vec<String>, ConfigError>,
) -> Result<(), ConfigError> {
    if let Some(r) = replace {
        *current = expand(r)?;
    }
    if let Some(e) = extend {
        current.extend(expand(e)?);
    }
    Ok(())
}
