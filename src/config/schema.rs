//! The shape of a rules file. `*File` structs mirror the TOML (every key optional so that an
//! override can change one thing); the merged structs are what the rest of credence reads.

use super::lists::{NamedLists, merge_options, override_list};
use super::{ConfigError, Origin, RuleKind, UnknownRuleKind};
use crate::date::Date;
use crate::figure_kind::FigureKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesFile {
    /// Enable exactly these rules (codes, names or categories).
    pub select: Option<Vec<String>>,
    /// Enable these rules in addition.
    pub extend_select: Option<Vec<String>>,
    /// Disable these rules.
    pub ignore: Option<Vec<String>>,
    pub scoring: Option<ScoringFile>,
    pub boilerplate: Option<BoilerplateFile>,
    pub attribution: Option<AttributionFile>,
    pub limits: Option<LimitsFile>,
    pub stories: Option<ClusterOptions>,
    /// How figures are keyed by what they count (`[figure-keys]`), for every rule that lines
    /// up the same claim within or across articles.
    pub figure_keys: Option<toml::Table>,
    /// Named word lists, referenced as "@name" in other lists.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub measure: Vec<Spanned<MeasureFile>>,
    #[serde(default)]
    pub reference: Vec<Spanned<ReferenceFile>>,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleFile>>,
    #[serde(default)]
    pub per_source: Vec<PerSource>,
    #[serde(default)]
    pub waiver: Vec<Waiver>,
    /// Languages read besides English, by code: `[lang.es]`.
    #[serde(default)]
    pub lang: BTreeMap<String, super::locale::LocaleFile>,
}

// ---- scoring ------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScoringFile {
    #[serde(default, deserialize_with = "positive")]
    pub scale: Option<f64>,
    #[serde(default, deserialize_with = "share")]
    pub repeat_decay: Option<f64>,
    #[serde(default, deserialize_with = "points")]
    pub baseline: Option<f64>,
    #[serde(default, deserialize_with = "levels")]
    pub levels: Option<Vec<Level>>,
}

/// A finite number above 0 (the scale divides the points).
fn positive<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked(
        d,
        |v: &f64| v.is_finite() && *v > 0.0,
        |v| format!("{v}: give a finite number above 0"),
    )
    .map(Some)
}

/// A finite number (a reference figure's value).
fn finite<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(
        d,
        |v: &f64| v.is_finite(),
        |v| format!("{v}: give a finite number"),
    )
}

/// A share: a number from 0 to 1.
fn share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked(
        d,
        |v: &f64| (0.0..=1.0).contains(v),
        |v| format!("{v} is no share: give a number from 0 to 1"),
    )
    .map(Some)
}

/// Points: a finite number, 0 or more.
fn points<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked(
        d,
        |v: &f64| v.is_finite() && *v >= 0.0,
        |v| format!("{v}: give a finite number, 0 or more"),
    )
    .map(Some)
}

/// Levels: at least one, each named, each from a score in 0..=100.
fn levels<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<Level>>, D::Error> {
    checked(
        d,
        |v: &Vec<Level>| {
            !v.is_empty()
                && v.iter()
                    .all(|l| !l.name.trim().is_empty() && (0.0..=100.0).contains(&l.min_score))
        },
        |_| "levels need at least one level, each with a name and a min-score from 0 to 100".into(),
    )
    .map(Some)
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Level {
    pub name: String,
    /// The lowest score that still earns this level.
    pub min_score: f64,
}

/// How findings become a score; see docs/scoring.md.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// Raw points at which the score falls to 100·e⁻¹ ≈ 37.
    pub scale: f64,
    /// Each further hit of one rule counts this share of the previous hit.
    pub repeat_decay: f64,
    /// Raw points every article owes before evidence: credits earn them back.
    pub baseline: f64,
    /// Levels, highest `min_score` first.
    pub levels: Vec<Level>,
    pub per_source: Vec<PerSource>,
    pub waivers: Vec<Waiver>,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            scale: 40.0,
            repeat_decay: 0.7,
            baseline: 0.0,
            levels: vec![
                Level {
                    name: "high".into(),
                    min_score: 80.0,
                },
                Level {
                    name: "medium".into(),
                    min_score: 60.0,
                },
                Level {
                    name: "low".into(),
                    min_score: 40.0,
                },
                Level {
                    name: "very-low".into(),
                    min_score: 0.0,
                },
            ],
            per_source: Vec::new(),
            waivers: Vec::new(),
        }
    }
}

impl Scoring {
    pub(super) fn merge(&mut self, f: ScoringFile) {
        if let Some(s) = f.scale {
            self.scale = s;
        }
        if let Some(d) = f.repeat_decay {
            self.repeat_decay = d;
        }
        if let Some(b) = f.baseline {
            self.baseline = b;
        }
        if let Some(mut levels) = f.levels {
            levels.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
            self.levels = levels;
        }
    }

    pub fn level(&self, score: f64) -> &str {
        self.levels
            .iter()
            .find(|l| score >= l.min_score)
            .or(self.levels.last())
            .map_or("", |l| l.name.as_str())
    }
}

/// Rules a given outlet is exempt from ("a wire service is exempt from CR101").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerSource {
    pub source: String,
    pub ignore: Vec<String>,
}

/// A rule waived for one article, with the editor's reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Waiver {
    pub article: String,
    pub rules: Vec<String>,
    pub reason: String,
}

// ---- boilerplate and attribution -----------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BoilerplateFile {
    pub lines: Option<Vec<Spanned<String>>>,
    pub extend_lines: Option<Vec<Spanned<String>>>,
    pub trailers: Option<Vec<Spanned<String>>>,
    pub extend_trailers: Option<Vec<Spanned<String>>>,
    pub datelines: Option<Vec<Spanned<String>>>,
    pub extend_datelines: Option<Vec<Spanned<String>>>,
}

/// A regex from a rules file, with where it was written.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub pattern: String,
    pub origin: Origin,
}

/// Regexes over whole trimmed lines. An override file's list replaces the current one; its
/// `extend-` list adds to it.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    pub lines: Vec<Pattern>,
    pub trailers: Vec<Pattern>,
    pub datelines: Vec<Pattern>,
}

impl Boilerplate {
    pub(super) fn merge(&mut self, f: BoilerplateFile, origin: impl Fn(usize, usize) -> Origin) {
        let convert = |list: Option<Vec<Spanned<String>>>| -> Option<Vec<Pattern>> {
            let list = list?;
            Some(
                list.into_iter()
                    .map(|s| {
                        let span = s.span();
                        Pattern {
                            pattern: s.into_inner(),
                            origin: origin(span.start, span.end),
                        }
                    })
                    .collect(),
            )
        };
        let apply = |list: &mut Vec<Pattern>, replace, extend| {
            if let Some(r) = convert(replace) {
                *list = r;
            }
            list.extend(convert(extend).unwrap_or_default());
        };
        apply(&mut self.lines, f.lines, f.extend_lines);
        apply(&mut self.trailers, f.trailers, f.extend_trailers);
        apply(&mut self.datelines, f.datelines, f.extend_datelines);
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AttributionFile {
    pub verbs: Option<Vec<String>>,
    pub extend_verbs: Option<Vec<String>>,
    pub anonymous: Option<Vec<String>>,
    pub extend_anonymous: Option<Vec<String>>,
    pub wire_services: Option<Vec<String>>,
    pub extend_wire_services: Option<Vec<String>>,
}

/// Cue phrases, matched case-insensitively at word boundaries. An override file's list
/// replaces the current one; its `extend-` list adds to it.
#[derive(Debug, Clone, Default)]
pub struct AttributionLists {
    pub verbs: Vec<String>,
    pub anonymous: Vec<String>,
    pub wire_services: Vec<String>,
}

impl AttributionLists {
    pub(super) fn merge(
        &mut self,
        f: AttributionFile,
        lists: &NamedLists,
        origin: &Origin,
    ) -> Result<(), ConfigError> {
        let expand = |l: Option<Vec<String>>| l.map(|l| lists.expand(l, origin, None)).transpose();
        override_list(&mut self.verbs, expand(f.verbs)?, expand(f.extend_verbs)?);
        override_list(
            &mut self.anonymous,
            expand(f.anonymous)?,
            expand(f.extend_anonymous)?,
        );
        override_list(
            &mut self.wire_services,
            expand(f.wire_services)?,
            expand(f.extend_wire_services)?,
        );
        Ok(())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsFile {
    pub max_file_bytes: Option<u64>,
    pub max_pattern_bytes: Option<usize>,
}

/// Bounds on what one input or one pattern may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are refused with an error naming the cap.
    pub max_file_bytes: u64,
    /// A compiled regex may use at most this much memory.
    pub max_pattern_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_pattern_bytes: 1024 * 1024,
        }
    }
}

impl Limits {
    pub(super) fn merge(&mut self, f: LimitsFile) {
        if let Some(b) = f.max_file_bytes {
            self.max_file_bytes = b;
        }
        if let Some(b) = f.max_pattern_bytes {
            self.max_pattern_bytes = b;
        }
    }
}

// ---- measures ------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MeasureFile {
    pub id: String,
    #[serde(default)]
    pub description: String,
    pub kinds: Vec<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub counts: Vec<String>,
    #[serde(default)]
    pub units: Vec<String>,
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub grows: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub at_most: Vec<RelativeBound>,
}

/// "This measure should not exceed `share` × `measure`" (deaths vs population).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelativeBound {
    pub measure: String,
    #[serde(default = "one")]
    pub share: f64,
}

fn one() -> f64 {
    1.0
}

/// A measure: what a figure measures, found from the noun it counts or cue words near it.
#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub description: String,
    pub kinds: Vec<FigureKind>,
    /// Nouns a figure of this measure counts ("deaths", "killed").
    pub nouns: Vec<String>,
    /// Phrases in the same clause that tie a figure to this measure ("death toll").
    pub cues: Vec<String>,
    /// Generic nouns a cue may claim for the measure ("people" in "239 people on board");
    /// a figure counting anything else is not given the measure by a cue.
    pub counts: Vec<String>,
    /// Units a figure must have (duration units, currencies); empty means any.
    pub units: Vec<String>,
    /// Relative difference under which two figures agree.
    pub tolerance: f64,
    /// A running total that only grows (a death toll): later, larger figures are expected.
    pub grows: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub at_most: Vec<RelativeBound>,
    pub origin: Origin,
}

impl Measure {
    pub(super) fn from_file(
        mut f: MeasureFile,
        origin: Origin,
        lists: &NamedLists,
    ) -> Result<Measure, ConfigError> {
        f.nouns = lists.expand(f.nouns, &origin, None)?;
        f.cues = lists.expand(f.cues, &origin, None)?;
        f.counts = lists.expand(f.counts, &origin, None)?;
        f.units = lists.expand(f.units, &origin, None)?;
        let mut kinds = Vec::new();
        for k in &f.kinds {
            match FigureKind::parse(k) {
                Some(kind) => kinds.push(kind),
                None => {
                    return Err(origin.error(
                        k,
                        None,
                        format!(
                            "measure \"{}\": unknown figure kind \"{k}\" (expected count, money, percent, date, duration, ordinal or number)",
                            f.id
                        ),
                    ));
                }
            }
        }
        let tolerance = f.tolerance.unwrap_or(0.1);
        if !tolerance.is_finite() || tolerance < 0.0 {
            return Err(origin.error(
                "tolerance",
                None,
                format!("measure \"{}\": tolerance must be a number ≥ 0", f.id),
            ));
        }
        Ok(Measure {
            id: f.id,
            description: f.description,
            kinds,
            nouns: f.nouns.into_iter().map(|n| n.to_lowercase()).collect(),
            cues: f.cues,
            counts: f.counts.into_iter().map(|n| n.to_lowercase()).collect(),
            units: f.units,
            tolerance,
            grows: f.grows,
            min: f.min,
            max: f.max,
            at_most: f.at_most,
            origin,
        })
    }

    pub fn related_measures(&self) -> Vec<String> {
        self.at_most.iter().map(|b| b.measure.clone()).collect()
    }
}

// ---- reference figures -----------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferenceFile {
    pub measure: String,
    #[serde(deserialize_with = "finite")]
    pub value: f64,
    #[serde(default)]
    pub subject: Option<String>,
    pub as_of: String,
    pub source: String,
    #[serde(default, deserialize_with = "share")]
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub story: Option<String>,
}

/// A figure an editor knows for a running story, valid from `as_of`.
#[derive(Debug, Clone)]
pub struct ReferenceFigure {
    pub measure: String,
    pub value: f64,
    pub subject: Option<String>,
    pub as_of: Date,
    pub source: String,
    pub tolerance: Option<f64>,
    pub story: Option<String>,
    pub origin: Origin,
}

impl ReferenceFigure {
    pub(super) fn from_file(f: ReferenceFile, origin: Origin) -> Result<Self, ConfigError> {
        let as_of = Date::parse_iso(&f.as_of).ok_or_else(|| {
            origin.error(
                &f.as_of,
                None,
                format!("as-of \"{}\" is not a date (YYYY-MM-DD)", f.as_of),
            )
        })?;
        Ok(ReferenceFigure {
            measure: f.measure,
            value: f.value,
            subject: f.subject,
            as_of,
            source: f.source,
            tolerance: f.tolerance,
            story: f.story,
            origin,
        })
    }
}

// ---- rules -----------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Unsupported,
    Contradiction,
    Consensus,
    Plausibility,
    Sourcing,
    Style,
    /// Credit: evidence a reader can check (a named source, a quotation with its speaker, a
    /// dated event). Its points raise the score.
    Evidence,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Unsupported,
        Category::Contradiction,
        Category::Consensus,
        Category::Plausibility,
        Category::Sourcing,
        Category::Style,
        Category::Evidence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Unsupported => "unsupported",
            Category::Contradiction => "contradiction",
            Category::Consensus => "consensus",
            Category::Plausibility => "plausibility",
            Category::Sourcing => "sourcing",
            Category::Style => "style",
            Category::Evidence => "evidence",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub category: Option<Category>,
    pub weight: Option<f64>,
    pub message: Option<String>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
    pub options: Option<toml::Table>,
    #[serde(default)]
    pub example: Vec<Example>,
}

/// A worked example: a text and how many times the rule must fire on it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    pub text: String,
    pub hits: usize,
    /// Other articles on the same story, for rules that compare outlets.
    #[serde(default)]
    pub others: Vec<String>,
    /// The publication date the example assumes (YYYY-MM-DD).
    #[serde(default)]
    pub published: Option<String>,
}

/// One rule instance: a kind implemented in code with options from TOML.
#[derive(Debug, Clone)]
pub struct RuleConfig {
    pub code: String,
    pub name: String,
    pub kind: RuleKind,
    pub category: Category,
    pub weight: f64,
    pub message: String,
    pub description: String,
    pub enabled: bool,
    pub options: toml::Table,
    pub examples: Vec<Example>,
    pub origin: Origin,
}

/// A new rule's `kind`, pointing at where the file names it when no kind has that name.
fn parse_kind(name: &str, origin: &Origin, code: &str) -> Result<RuleKind, ConfigError> {
    name.parse()
        .map_err(|e: UnknownRuleKind| origin.error(name, Some(code), e.to_string()))
}

impl RuleConfig {
    /// Reads a rule's `[rule.options]` into the kind's options struct.
    pub fn parse_options<T: serde::de::DeserializeOwned>(&self) -> Result<T, ConfigError> {
        let rule = self;
        // Every number a rule kind takes is a count, a share, a tolerance, a threshold or a
        // number of days: none is negative, and NaN or infinity would make it silent.
        if let Some((key, shown)) = first_bad_number(&rule.options) {
            return Err(rule.origin.error(
                &key,
                Some(&rule.code),
                format!("in [rule.options]: `{key}` must be a finite number ≥ 0, not {shown}"),
            ));
        }
        read_table(
            &rule.options,
            &rule.origin,
            Some(&rule.code),
            "rule.options",
        )
    }
    pub(super) fn new(
        mut f: RuleFile,
        origin: Origin,
        lists: &NamedLists,
    ) -> Result<RuleConfig, ConfigError> {
        let code = f
            .code
            .clone()
            .ok_or_else(|| origin.error("", None, "a new [[rule]] needs a `code`".into()))?;
        if let Some(options) = f.options.take() {
            let mut value = toml::Value::Table(options);
            lists.expand_value(&mut value, &origin, Some(&code))?;
            if let toml::Value::Table(t) = value {
                f.options = Some(t);
            }
        }
        let missing = |key: &str| {
            origin.error(
                "",
                Some(&code),
                format!("a new rule needs `{key}` (or name an existing rule's code to change it)"),
            )
        };
        let rule = RuleConfig {
            name: f.name.clone().ok_or_else(|| missing("name"))?,
            kind: parse_kind(
                f.kind.as_deref().ok_or_else(|| missing("kind"))?,
                &origin,
                &code,
            )?,
            category: f.category.ok_or_else(|| missing("category"))?,
            weight: f.weight.unwrap_or(1.0),
            message: f.message.clone().ok_or_else(|| missing("message"))?,
            description: f.description.clone().unwrap_or_default(),
            enabled: f.enabled.unwrap_or(true),
            options: f.options.clone().unwrap_or_default(),
            examples: f.example,
            code,
            origin,
        };
        rule.check_fields()?;
        Ok(rule)
    }

    pub(super) fn override_with(
        &mut self,
        f: RuleFile,
        origin: Origin,
        lists: &NamedLists,
    ) -> Result<(), ConfigError> {
        if let Some(kind) = f.kind {
            if kind != self.kind.as_str() {
                return Err(origin.error(
                    "kind",
                    Some(&self.code),
                    format!(
                        "cannot change the kind of {} from \"{}\" to \"{kind}\"; give the new rule its own code",
                        self.code, self.kind
                    ),
                ));
            }
        }
        if let Some(name) = f.name {
            self.name = name;
        }
        if let Some(c) = f.category {
            self.category = c;
        }
        if let Some(w) = f.weight {
            self.weight = w;
        }
        if let Some(m) = f.message {
            self.message = m;
        }
        if let Some(d) = f.description {
            self.description = d;
        }
        if let Some(e) = f.enabled {
            self.enabled = e;
        }
        if let Some(options) = f.options {
            let mut value = toml::Value::Table(options);
            lists.expand_value(&mut value, &origin, Some(&self.code))?;
            if let toml::Value::Table(options) = value {
                merge_options(&mut self.options, options, &origin, &self.code)?;
            }
        }
        if !f.example.is_empty() {
            self.examples = f.example;
        }
        self.origin = origin;
        self.check_fields()
    }

    fn check_fields(&self) -> Result<(), ConfigError> {
        if !self.weight.is_finite() || self.weight < 0.0 {
            return Err(self.origin.error(
                "weight",
                Some(&self.code),
                format!("weight must be a finite number ≥ 0, not {}", self.weight),
            ));
        }
        let kebab = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if !kebab(&self.name) {
            return Err(self.origin.error(
                &self.name,
                Some(&self.code),
                format!("rule name \"{}\" must be kebab-case", self.name),
            ));
        }
        if !self.code.chars().all(|c| c.is_ascii_alphanumeric()) || self.code.is_empty() {
            return Err(self.origin.error(
                &self.code,
                Some(&self.code),
                format!("rule code \"{}\" must be letters and digits", self.code),
            ));
        }
        Ok(())
    }

    /// Whether a select/ignore entry names this rule: its code, name, category or "ALL".
    pub fn matches_selector(&self, s: &str) -> bool {
        s == "ALL"
            || s.eq_ignore_ascii_case(&self.code)
            || s == self.name
            || s == self.category.as_str()
            || (s.len() < self.code.len() && self.code.starts_with(s) && !s.is_empty())
    }

    /// Measures that the rule's options name.
    pub fn measures_named(&self) -> Vec<String> {
        let mut out = Vec::new();
        for key in ["measure", "measures"] {
            match self.options.get(key) {
                Some(toml::Value::String(s)) => out.push(s.clone()),
                Some(toml::Value::Array(a)) => {
                    out.extend(a.iter().filter_map(|v| v.as_str().map(str::to_string)))
                }
                _ => {}
            }
        }
        out
    }
}

/// How `--cluster` groups articles without a story key into stories (`[stories]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClusterOptions {
    /// Cosine similarity at or above which two articles are on one story.
    #[serde(default = "default_threshold", deserialize_with = "similarity")]
    pub threshold: f64,
    /// Cosine similarity at or above which an article joins a story already formed (the
    /// service's articles without a story key): compared with the story as a whole.
    #[serde(default = "default_join_threshold", deserialize_with = "similarity")]
    pub join_threshold: f64,
    /// Articles published further apart than this are not joined.
    #[serde(default = "default_days", deserialize_with = "non_negative_days")]
    pub max_days: i64,
    /// Terms per article kept in its vector (its highest TF-IDF weights).
    #[serde(default = "default_terms", deserialize_with = "at_least_one")]
    pub terms: usize,
}

/// A value read, then checked: `why` explains a refused one.
/// The first option (at any depth) whose number is negative, NaN or infinite, with the
/// number as written.
fn first_bad_number(options: &toml::Table) -> Option<(String, String)> {
    fn bad(value: &toml::Value) -> Option<String> {
        match value {
            toml::Value::Integer(i) if *i < 0 => Some(i.to_string()),
            toml::Value::Float(f) if !f.is_finite() || *f < 0.0 => Some(f.to_string()),
            toml::Value::Array(items) => items.iter().find_map(bad),
            toml::Value::Table(t) => first_bad_number(t).map(|(_, shown)| shown),
            _ => None,
        }
    }
    options
        .iter()
        .find_map(|(key, value)| bad(value).map(|shown| (key.clone(), shown)))
}

fn checked<'de, D, T>(d: D, ok: fn(&T) -> bool, why: fn(&T) -> String) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let v = T::deserialize(d)?;
    if ok(&v) {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(why(&v)))
    }
}

/// A similarity: a finite number from 0 to 1.
fn similarity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(
        d,
        |v| (0.0..=1.0).contains(v),
        |v| format!("{v} is no similarity: give a number from 0 to 1"),
    )
}

fn non_negative_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    checked(d, |v| *v >= 0, |v| format!("{v} days: give 0 or more"))
}

fn at_least_one<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    checked(
        d,
        |v| *v >= 1,
        |_| "0 terms: an article needs at least one".into(),
    )
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: default_threshold(),
            join_threshold: default_join_threshold(),
            max_days: default_days(),
            terms: default_terms(),
        }
    }
}

fn default_threshold() -> f64 {
    0.15
}
fn default_join_threshold() -> f64 {
    0.12
}
fn default_days() -> i64 {
    14
}
fn default_terms() -> usize {
    100
}

/// Reads a table of a rules file into its struct, an error pointing at the key the message
/// names ("unknown field `x`") within `[section]`.
pub(super) fn read_table<T: serde::de::DeserializeOwned>(
    table: &toml::Table,
    origin: &Origin,
    code: Option<&str>,
    section: &str,
) -> Result<T, ConfigError> {
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|e: toml::de::Error| {
            let message = e.message().trim().to_string();
            let needle = message.split('`').nth(1).unwrap_or(section).to_string();
            origin.error(&needle, code, format!("in [{section}]: {message}"))
        })
}
