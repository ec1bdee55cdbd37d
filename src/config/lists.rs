//! Named word lists and list overrides.
//!
//! A `[lists]` table names a list once (`people = ["people", "civilians", …]`); any list of
//! words in a measure, in `[attribution]` or in a rule's options takes it whole with an
//! entry `"@people"`. Overriding a list has two forms, as `select` and `extend-select` do:
//! `phrases = […]` replaces a rule's phrases, `extend-phrases = […]` adds to them (at any
//! depth of a rule's options, and for `[attribution]` lists).

use super::{ConfigError, Origin};
use std::collections::BTreeMap;

/// What marks an entry as a reference to a named list.
const REFERENCE: char = '@';
/// What marks an override key as adding to a list instead of replacing it.
pub const EXTEND: &str = "extend-";

/// The named lists defined so far.
#[derive(Debug, Clone, Default)]
pub struct NamedLists {
    lists: BTreeMap<String, Vec<String>>,
}

impl NamedLists {
    /// Adds the lists of one file. A list is named once: a later file that redefines a
    /// list with other words would change the rules read after it but not those read
    /// before, so it is an error; lists name words, not other lists.
    pub fn define(
        &mut self,
        lists: BTreeMap<String, Vec<String>>,
        origin: &Origin,
    ) -> Result<(), ConfigError> {
        for (name, words) in lists {
            // The same words again (a copy of the default file) change nothing.
            if self.lists.get(&name) == Some(&words) {
                continue;
            }
            if self.lists.contains_key(&name) {
                return Err(origin.error(
                    &name,
                    None,
                    format!(
                        "list \"{name}\" is already defined; override the rules that use it \
                         (`phrases` replaces a list, `extend-phrases` adds to it), or name a new list"
                    ),
                ));
            }
            if let Some(inner) = words.iter().find(|w| w.starts_with(REFERENCE)) {
                return Err(origin.error(
                    inner,
                    None,
                    format!("list \"{name}\" names {inner}: a list holds words, not other lists"),
                ));
            }
            self.lists.insert(name, words);
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.lists.get(name).map(Vec::as_slice)
    }

    /// `words` with every `@name` entry replaced by that list's words.
    pub fn expand(
        &self,
        words: Vec<String>,
        origin: &Origin,
        rule: Option<&str>,
    ) -> Result<Vec<String>, ConfigError> {
        if !words.iter().any(|w| w.starts_with(REFERENCE)) {
            return Ok(words);
        }
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            match w.strip_prefix(REFERENCE) {
                Some(name) => out.extend_from_slice(self.lookup(name, origin, rule)?),
                None => out.push(w),
            }
        }
        Ok(out)
    }

    /// Every list of strings in `value`, at any depth, expanded.
    pub fn expand_value(
        &self,
        value: &mut toml::Value,
        origin: &Origin,
        rule: Option<&str>,
    ) -> Result<(), ConfigError> {
        match value {
            toml::Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.drain(..) {
                    match &item {
                        toml::Value::String(s) if s.starts_with(REFERENCE) => {
                            let words = self.lookup(&s[REFERENCE.len_utf8()..], origin, rule)?;
                            out.extend(words.iter().cloned().map(toml::Value::String));
                        }
                        _ => {
                            let mut item = item;
                            self.expand_value(&mut item, origin, rule)?;
                            out.push(item);
                        }
                    }
                }
                *items = out;
            }
            toml::Value::Table(table) => {
                for (_, v) in table.iter_mut() {
                    self.expand_value(v, origin, rule)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn lookup(
        &self,
        name: &str,
        origin: &Origin,
        rule: Option<&str>,
    ) -> Result<&[String], ConfigError> {
        self.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.lists.keys().map(String::as_str).collect();
            origin.error(
                &format!("{REFERENCE}{name}"),
                rule,
                format!(
                    "no list named \"{name}\" (define it under [lists]; known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )
        })
    }
}

/// Merges a rule's option overrides into its options: a key replaces the value it names,
/// a table merges key by key, and `extend-K` adds its entries to the list `K` (entries
/// already there are not repeated).
pub fn merge_options(
    base: &mut toml::Table,
    over: toml::Table,
    origin: &Origin,
    rule: &str,
) -> Result<(), ConfigError> {
    for (key, value) in over {
        if let Some(target) = key.strip_prefix(EXTEND) {
            let Some(toml::Value::Array(list)) = base.get_mut(target) else {
                return Err(origin.error(
                    &key,
                    Some(rule),
                    format!("`{key}` adds to the list `{target}`, which this rule does not have"),
                ));
            };
            let toml::Value::Array(extra) = value else {
                return Err(origin.error(&key, Some(rule), format!("`{key}` must be a list")));
            };
            for item in extra {
                if !list.contains(&item) {
                    list.push(item);
                }
            }
            continue;
        }
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over_inner)) => {
                merge_options(inner, over_inner, origin, rule)?;
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
    Ok(())
}

/// `list` replaced by `replace` when given, then extended by `extend` (without repeats).
pub fn override_list(
    list: &mut Vec<String>,
    replace: Option<Vec<String>>,
    extend: Option<Vec<String>>,
) {
    if let Some(r) = replace {
        *list = r;
    }
    for w in extend.unwrap_or_default() {
        if !list.contains(&w) {
            list.push(w);
        }
    }
}
