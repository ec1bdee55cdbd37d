//! Configuration errors that point at a file, line and column.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The code of the rule the error is in, when it is in one.
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule {rule}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source
        .get(line_start..offset)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

/// The `code = "…"` of the `[[rule]]` table that encloses `offset`, if any, so that a parse
/// error inside a rule names it.
pub fn rule_code_before(source: &str, offset: usize) -> Option<String> {
    let before = source.get(..offset.min(source.len()))?;
    let table_start = before.rfind("[[rule]]")?;
    // A later table header ends the rule ("[[rule.example]]" belongs to it).
    let after_rule = &before[table_start + 8..];
    if after_rule
        .lines()
        .any(|l| l.trim_start().starts_with('[') && !l.trim_start().starts_with("[rule."))
        && !after_rule
            .lines()
            .any(|l| l.trim_start().starts_with("[[rule."))
    {
        return None;
    }
    let table = source.get(table_start..)?;
    let end = table[8..].find("[[rule]]").map_or(table.len(), |i| i + 8);
    table[..end].lines().find_map(|l| {
        let l = l.trim();
        let rest = l.strip_prefix("code")?.trim_start().strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').trim_matches('\'').to_string())
    })
}
