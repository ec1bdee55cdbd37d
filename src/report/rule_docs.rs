//! docs/rules.md, generated from the kinds' documentation and the rule instances, so that
//! the reference cannot drift from the code (a test compares the two).

use crate::rules::{RuleKind, Ruleset};
use std::fmt::Write;

/// The rule reference as Markdown.
pub fn markdown(rules: &Ruleset) -> String {
    let mut out = String::new();
    out.push_str("# Rule reference\n\n");
    out.push_str(
        "Generated from the rule kinds' documentation and `rules/default.toml` by \
`credence rules docs`; do not edit by hand. Each **kind** is implemented once in code; each \
**rule** is an instance in TOML that picks a kind and sets its options. `credence rules show \
CODE` prints the same text for one rule.\n\n",
    );
    out.push_str("## Rules\n\n| code | name | category | weight | kind | description |\n|---|---|---|---|---|---|\n");
    for r in &rules.rules {
        let c = &r.config;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | [{}](#{}) | {} |",
            c.code,
            c.name,
            c.category.as_str(),
            c.weight,
            c.kind,
            c.kind,
            one_line(&c.description)
        );
    }
    out.push_str("\n## Kinds\n");
    for &kind in RuleKind::ALL {
        let k = kind.doc();
        let _ = write!(
            out,
            "\n### {}\n\n**What it checks.** {}\n\n**Why it lowers reliability.** {}\n\n**Example.** {}\n\n**Not flagged.** {}\n\n**Options.** {}\n\n**Message placeholders.** {}\n",
            kind,
            k.what_it_checks,
            k.why,
            k.example,
            k.not_flagged,
            k.options,
            placeholder_list(k.placeholders)
        );
        let instances: Vec<String> = rules
            .rules
            .iter()
            .filter(|r| r.config.kind == kind)
            .map(|r| format!("{} `{}`", r.config.code, r.config.name))
            .collect();
        if !instances.is_empty() {
            let _ = writeln!(
                out,
                "\n**Default rules of this kind.** {}",
                instances.join(", ")
            );
        }
    }
    out
}

/// `{claim}`, `{other}` … as Markdown code.
pub fn placeholder_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}
