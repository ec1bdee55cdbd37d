//! `credence rules list` and `rules show`: the rule set as a table, text or JSON.

use super::table::{RuleRow, render_rules_table};
use crate::rules::{Rule, Ruleset};
use serde_json::json;

/// Every rule as a table row.
pub fn rules_table(rules: &Ruleset) -> String {
    let rows = rules
        .rules
        .iter()
        .map(|r| RuleRow {
            code: r.config.code.clone(),
            name: r.config.name.clone(),
            category: r.config.category.as_str().into(),
            weight: format!("{}", r.config.weight),
            enabled: if r.config.enabled { "yes" } else { "no" }.into(),
            kind: r.config.kind.to_string(),
        })
        .collect();
    render_rules_table(rows)
}

/// Every rule as a JSON array.
pub fn rules_json(rules: &Ruleset) -> String {
    let list: Vec<serde_json::Value> = rules
        .rules
        .iter()
        .map(|r| {
            json!({
                "code": r.config.code,
                "name": r.config.name,
                "kind": r.config.kind,
                "category": r.config.category,
                "weight": r.config.weight,
                "enabled": r.config.enabled,
                "description": r.config.description.trim(),
            })
        })
        .collect();
    super::pretty(&list)
}

/// One rule with its kind's documentation, as JSON.
pub fn rule_json(rule: &Rule) -> String {
    let c = &rule.config;
    let d = c.kind.doc();
    super::pretty(&json!({
        "code": c.code, "name": c.name, "kind": c.kind, "category": c.category,
        "weight": c.weight, "enabled": c.enabled, "message": c.message,
        "description": c.description.trim(),
        "options": c.options,
        "examples": c.examples,
        "kind_doc": {
            "what_it_checks": d.what_it_checks, "why": d.why, "example": d.example,
            "not_flagged": d.not_flagged, "options": d.options,
            "placeholders": d.placeholders,
        },
    }))
}

/// One rule with its kind's documentation, as text.
pub fn rule_text(rule: &Rule) -> String {
    let c = &rule.config;
    let mut out = format!(
        "{} {} ({}, weight {}, {})\n\n{}\n",
        c.code,
        c.name,
        c.category.as_str(),
        c.weight,
        if c.enabled { "enabled" } else { "disabled" },
        c.description.trim()
    );
    let d = c.kind.doc();
    out.push_str(&format!(
        "\nKind: {}\n\nWhat it checks\n  {}\n\nWhy it lowers reliability\n  {}\n\nExample\n  {}\n\nNot flagged\n  {}\n\nOptions\n  {}\n\nMessage placeholders\n  {}\n",
        c.kind, d.what_it_checks, d.why, d.example, d.not_flagged, d.options,
        super::rule_docs::placeholder_list(d.placeholders)
    ));
    if !c.options.is_empty() {
        out.push_str(&format!(
            "\nThis rule's options\n{}",
            indent(&c.options.to_string())
        ));
    }
    out
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}
