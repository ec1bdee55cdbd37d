//! The rules' TOML: the embedded default plus override files (`credence.toml`, `--rules`).
//! Files are read with `deny_unknown_fields`, merged (an override's rule with a known code
//! or name changes that rule, a new code adds one), then validated. Every error names the
//! file, line and column, and the rule when there is one.

mod error;
mod figure_keys;
mod lists;
mod locale;
mod rule_kind;
mod schema;

pub use error::ConfigError;
pub use figure_keys::KeyOptions;
pub use lists::NamedLists;
pub use locale::{DURATION_UNITS, Locale, LocaleMeasure};
pub use rule_kind::{RuleKind, UnknownRuleKind};
pub use schema::*;

use lists::merge_options;
use std::sync::Arc;

/// The embedded default rules.
pub const DEFAULT_RULES: &str = include_str!("../../rules/default.toml");
pub const DEFAULT_RULES_PATH: &str = "rules/default.toml";

/// The languages read besides English, embedded with the default rules: each file is one
/// `[lang.xx]` table, applied after `rules/default.toml` as part of the default.
pub const LANGUAGE_RULES: &[(&str, &str)] = &[
    (
        "rules/languages/de.toml",
        include_str!("../../rules/languages/de.toml"),
    ),
    (
        "rules/languages/es.toml",
        include_str!("../../rules/languages/es.toml"),
    ),
    (
        "rules/languages/fr.toml",
        include_str!("../../rules/languages/fr.toml"),
    ),
    (
        "rules/languages/it.toml",
        include_str!("../../rules/languages/it.toml"),
    ),
    (
        "rules/languages/nl.toml",
        include_str!("../../rules/languages/nl.toml"),
    ),
    (
        "rules/languages/pt.toml",
        include_str!("../../rules/languages/pt.toml"),
    ),
];

/// The commented starter `credence rules init` writes.
pub const STARTER: &str = include_str!("../../rules/starter.toml");

/// Where a rule or measure was defined, to point errors at the right line.
#[derive(Debug, Clone)]
pub struct Origin {
    pub path: Arc<str>,
    pub source: Arc<str>,
    pub start: usize,
    pub end: usize,
}

impl Origin {
    /// Line and column of the first `needle` inside the definition, else of its start.
    pub fn locate(&self, needle: &str) -> (usize, usize) {
        let region = self.source.get(self.start..self.end).unwrap_or("");
        let offset = if needle.is_empty() {
            None
        } else {
            region.find(needle)
        }
        .map_or(self.start, |i| self.start + i);
        error::line_col(&self.source, offset)
    }

    pub fn error(&self, needle: &str, rule: Option<&str>, message: String) -> ConfigError {
        let (line, column) = self.locate(needle);
        ConfigError {
            path: self.path.to_string(),
            line,
            column,
            rule: rule.map(str::to_string),
            message,
        }
    }
}

/// The merged configuration, before regexes and cue lists are compiled.
#[derive(Debug, Clone)]
pub struct Config {
    pub scoring: Scoring,
    pub boilerplate: Boilerplate,
    pub attribution: AttributionLists,
    pub measures: Vec<Measure>,
    pub rules: Vec<RuleConfig>,
    pub references: Vec<ReferenceFigure>,
    pub limits: Limits,
    /// How `--cluster` groups articles without a story key into stories.
    pub stories: ClusterOptions,
    /// How figures are keyed by what they count (`[figure-keys]`), merged key by key.
    pub figure_keys: FigureKeys,
    /// Named word lists (`[lists]`), which other lists take whole as "@name".
    pub lists: NamedLists,
    /// Languages read besides English, by lower-case code ("es").
    pub languages: std::collections::BTreeMap<String, Locale>,
    /// A digest of every rules text merged, in order: the same rules give the same digest
    /// on every machine and run, so recorded scores say which rules made them.
    pub digest: u64,
}

impl Config {
    /// The embedded default rules alone.
    pub fn embedded() -> Result<Config, ConfigError> {
        let file = parse_file(DEFAULT_RULES_PATH, DEFAULT_RULES)?;
        let mut config = Config {
            scoring: Scoring::default(),
            boilerplate: Boilerplate::default(),
            attribution: AttributionLists::default(),
            measures: Vec::new(),
            rules: Vec::new(),
            references: Vec::new(),
            limits: Limits::default(),
            stories: Default::default(),
            lists: NamedLists::default(),
            figure_keys: FigureKeys::default(),
            languages: Default::default(),
            digest: fnv1a(FNV_OFFSET, DEFAULT_RULES.as_bytes()),
        };
        config.merge(file)?;
        for (path, source) in LANGUAGE_RULES {
            config.merge(parse_file(path, source)?)?;
            config.digest = fnv1a(config.digest, source.as_bytes());
        }
        config.validate()?;
        Ok(config)
    }

    /// Applies an override file on top of this configuration.
    pub fn apply(&mut self, path: &str, source: &str) -> Result<(), ConfigError> {
        let file = parse_file(path, source)?;
        self.merge(file)?;
        self.digest = fnv1a(self.digest, source.as_bytes());
        self.validate()
    }

    /// The rules' version as recorded with scores: the digest in hexadecimal.
    pub fn version(&self) -> String {
        format!("{:016x}", self.digest)
    }

    fn merge(&mut self, file: ParsedFile) -> Result<(), ConfigError> {
        let ParsedFile { body, path, source } = file;
        // toml gives an array-of-tables element a narrow span; errors inside it need the
        // whole element, up to the next table header that is not one of its sub-tables.
        let origin = |start: usize, end: usize| Origin {
            path: path.clone(),
            source: source.clone(),
            start,
            end: element_end(&source, start).max(end),
        };
        // Lists first: everything after may name them.
        self.lists.define(body.lists, &origin(0, source.len()))?;
        if let Some(s) = body.scoring {
            self.scoring.merge(s);
        }
        if let Some(b) = body.boilerplate {
            self.boilerplate.merge(b, origin);
        }
        if let Some(a) = body.attribution {
            self.attribution
                .merge(a, &self.lists, &origin(0, source.len()))?;
        }
        if let Some(l) = body.limits {
            self.limits.merge(l);
        }
        if let Some(s) = body.stories {
            self.stories = s;
        }
        if let Some(keys) = body.figure_keys {
            let at = origin(0, source.len());
            let mut value = toml::Value::Table(keys);
            self.lists.expand_value(&mut value, &at, None)?;
            if let toml::Value::Table(keys) = value {
                merge_options(&mut self.figure_keys.table, keys, &at, "figure-keys")?;
            }
            self.figure_keys.origin = Some(at);
        }
        for spanned in body.measure {
            let span = spanned.span();
            let m = spanned.into_inner();
            let measure = Measure::from_file(m, origin(span.start, span.end), &self.lists)?;
            match self.measures.iter_mut().find(|x| x.id == measure.id) {
                Some(existing) => *existing = measure,
                None => self.measures.push(measure),
            }
        }
        for (code, f) in body.lang {
            let code = code.trim().to_lowercase();
            let at = origin(0, source.len());
            if crate::language::is_english(&code) {
                return Err(at.error(
                    &format!("lang.{code}"),
                    None,
                    "English is read by the built-in grammar: tune its cues in [attribution] and [[measure]], not [lang.en]".to_string(),
                ));
            }
            self.languages
                .entry(code.clone())
                .or_default()
                .merge(&code, f, &self.lists, &at)?;
        }
        for spanned in body.reference {
            let span = spanned.span();
            let r = ReferenceFigure::from_file(spanned.into_inner(), origin(span.start, span.end))?;
            self.references.push(r);
        }
        // Codes this file has already defined or changed: two tables for one code in one
        // file are a mistake (the second would silently replace the first).
        let mut seen_codes: Vec<String> = Vec::new();
        for spanned in body.rule {
            let span = spanned.span();
            let rule = spanned.into_inner();
            let origin = origin(span.start, span.end);
            if let Some(code) = &rule.code {
                if seen_codes.contains(code) {
                    return Err(origin.error(
                        code,
                        Some(code),
                        "this code appears twice in this file: give each rule one table"
                            .to_string(),
                    ));
                }
                seen_codes.push(code.clone());
            }
            // A rule is changed by its code, or by its name when no code is given; a new
            // code with a name already taken is a duplicate, not a change.
            if let (Some(code), Some(name)) = (&rule.code, &rule.name) {
                if let Some(other) = self
                    .rules
                    .iter()
                    .find(|r| &r.name == name && &r.code != code)
                {
                    return Err(origin.error(
                        name,
                        Some(code),
                        format!(
                            "duplicate rule name \"{name}\": {} already has it",
                            other.code
                        ),
                    ));
                }
            }
            let existing = self.rules.iter_mut().find(|r| match &rule.code {
                Some(code) => code == &r.code,
                None => rule.name.as_deref() == Some(r.name.as_str()),
            });
            match existing {
                Some(r) => r.override_with(rule, origin, &self.lists)?,
                None => self.rules.push(RuleConfig::new(rule, origin, &self.lists)?),
            }
        }
        // Selection applies after the file's own rules so that it can name them.
        if let Some(select) = &body.select {
            self.check_selectors(select, &path, &source, "select")?;
            for r in &mut self.rules {
                r.enabled = select.iter().any(|s| r.matches_selector(s));
            }
        }
        if let Some(extend) = &body.extend_select {
            self.check_selectors(extend, &path, &source, "extend-select")?;
            for r in &mut self.rules {
                if extend.iter().any(|s| r.matches_selector(s)) {
                    r.enabled = true;
                }
            }
        }
        if let Some(ignore) = &body.ignore {
            self.check_selectors(ignore, &path, &source, "ignore")?;
            for r in &mut self.rules {
                if ignore.iter().any(|s| r.matches_selector(s)) {
                    r.enabled = false;
                }
            }
        }
        // A misspelt code would exempt or waive nothing, silently.
        for o in body.per_source {
            self.check_selectors(&o.ignore, &path, &source, "per-source")?;
            self.scoring.per_source.push(o);
        }
        for w in body.waiver {
            self.check_selectors(&w.rules, &path, &source, "waiver")?;
            self.scoring.waivers.push(w);
        }
        Ok(())
    }

    fn check_selectors(
        &self,
        selectors: &[String],
        path: &Arc<str>,
        source: &Arc<str>,
        key: &str,
    ) -> Result<(), ConfigError> {
        for s in selectors {
            if !self.rules.iter().any(|r| r.matches_selector(s)) {
                let offset = source
                    .find(&format!("\"{s}\""))
                    .or_else(|| source.find(key))
                    .unwrap_or(0);
                let (line, column) = error::line_col(source, offset);
                return Err(ConfigError {
                    path: path.to_string(),
                    line,
                    column,
                    rule: None,
                    message: format!(
                        "`{key}` names \"{s}\", which is no rule code, rule name or category"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Checks what needs the whole configuration: unique codes and names, known measures.
    fn validate(&self) -> Result<(), ConfigError> {
        self.figure_keys.options()?;
        for (i, r) in self.rules.iter().enumerate() {
            if let Some(other) = self.rules[..i]
                .iter()
                .find(|o| o.code == r.code || o.name == r.name)
            {
                return Err(r.origin.error(
                    &r.code,
                    Some(&r.code),
                    format!(
                        "duplicate rule: {} / {} is already defined as {} / {}",
                        r.code, r.name, other.code, other.name
                    ),
                ));
            }
            for m in r.measures_named() {
                if !self.measures.iter().any(|x| x.id == m) {
                    return Err(r.origin.error(
                        &m,
                        Some(&r.code),
                        format!("unknown measure \"{m}\" (define it in a [[measure]] table)"),
                    ));
                }
            }
        }
        for m in &self.measures {
            for related in m.related_measures() {
                if !self.measures.iter().any(|x| x.id == related) {
                    return Err(m.origin.error(
                        &related,
                        None,
                        format!(
                            "measure \"{}\" refers to unknown measure \"{related}\"",
                            m.id
                        ),
                    ));
                }
            }
        }
        for locale in self.languages.values() {
            locale.validate(&self.measures, &self.rules)?;
        }
        for r in &self.references {
            if !self.measures.iter().any(|x| x.id == r.measure) {
                return Err(r.origin.error(
                    &r.measure,
                    None,
                    format!("reference figure names unknown measure \"{}\"", r.measure),
                ));
            }
        }
        Ok(())
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        measure_by_id(&self.measures, id)
    }
}

struct ParsedFile {
    body: RulesFile,
    path: Arc<str>,
    source: Arc<str>,
}

fn parse_file(path: &str, source: &str) -> Result<ParsedFile, ConfigError> {
    let body: RulesFile = toml::from_str(source).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = error::line_col(source, offset);
        let rule = error::rule_code_before(source, offset);
        ConfigError {
            path: path.to_string(),
            line,
            column,
            rule,
            message: e.message().trim().to_string(),
        }
    })?;
    Ok(ParsedFile {
        body,
        path: Arc::from(path),
        source: Arc::from(source),
    })
}

/// The end of the `[[name]]` element starting at `start`: the next header line that is
/// not a sub-table of it (`[rule.options]`, `[[rule.example]]`), or the end of the source.
fn element_end(source: &str, start: usize) -> usize {
    let Some(rest) = source.get(start..) else {
        return source.len();
    };
    let header_line = rest.lines().next().unwrap_or("");
    let name = header_line
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim()
        .to_string();
    let mut offset = start + header_line.len();
    for line in source[offset.min(source.len())..].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') && !name.is_empty() {
            let inner = t.trim_start_matches('[');
            if !inner.starts_with(&format!("{name}.")) {
                return offset;
            }
        }
        offset += line.len();
    }
    source.len()
}

/// The measure named `id` among `measures`.
pub fn measure_by_id<'a>(measures: &'a [Measure], id: &str) -> Option<&'a Measure> {
    measures.iter().find(|m| m.id == id)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, continuing from `hash`: stable across platforms and releases, which
/// the standard library's hasher does not promise.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The `[figure-keys]` table as merged from every rules file, read into
/// [`KeyOptions`] by the rules that key figures.
#[derive(Debug, Clone, Default)]
pub struct FigureKeys {
    table: toml::Table,
    /// Where the table was last changed, for errors.
    origin: Option<Origin>,
}

impl FigureKeys {
    /// The key options, with every list an editor gave.
    pub fn options(&self) -> Result<KeyOptions, ConfigError> {
        let origin = self.origin.clone().unwrap_or_else(|| Origin {
            path: DEFAULT_RULES_PATH.into(),
            source: Arc::from(""),
            start: 0,
            end: 0,
        });
        schema::read_table(&self.table, &origin, None, "figure-keys")
    }
}
