//! Every worked example in the rules' TOML is a test: the rule must fire exactly as often
//! as the example says, on hits and on near-misses alike. Every rule that moves a score
//! shows both: an example it fires on, and a near-miss it must leave alone.

use credence::config::{Config, Example};
use credence::rules::{Rule, RuleKind, Ruleset, run_example};

#[test]
fn every_default_rule_example_holds() {
    let rules = Ruleset::embedded().expect("the embedded rules load");
    let mut failures = Vec::new();
    for rule in &rules.rules {
        assert!(
            !rule.config.examples.is_empty(),
            "{} {} has no worked example",
            rule.config.code,
            rule.config.name
        );
        for example in &rule.config.examples {
            let hits = run_example(&rules, rule, example);
            if hits != example.hits {
                failures.push(format!(
                    "{} {}: expected {} hit(s), got {hits} on:\n{}",
                    rule.config.code, rule.config.name, example.hits, example.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A rule that fires only on figures a desk keeps for its stories (`[[reference]]`), which
/// the default rules keep none of: its worked hit needs a desk's configuration.
fn needs_a_desk_reference(rules: &Ruleset, rule: &Rule) -> bool {
    rule.config.kind == RuleKind::Reference && rules.config.references.is_empty()
}

#[test]
fn every_rule_with_points_has_a_worked_hit_and_a_near_miss() {
    let rules = Ruleset::embedded().expect("the embedded rules load");
    let mut lacking = Vec::new();
    let mut scoring = 0;
    for rule in rules.rules.iter().filter(|r| r.config.weight != 0.0) {
        scoring += 1;
        // What the rule really does on each example, not what the example claims.
        let found: Vec<usize> = rule
            .config
            .examples
            .iter()
            .map(|e| run_example(&rules, rule, e))
            .collect();
        let worked = |e: &Example, got: usize| got == e.hits;
        let hit = rule
            .config
            .examples
            .iter()
            .zip(&found)
            .any(|(e, &got)| worked(e, got) && got > 0);
        let near_miss = rule
            .config
            .examples
            .iter()
            .zip(&found)
            .any(|(e, &got)| worked(e, got) && got == 0);
        let code = format!("{} {}", rule.config.code, rule.config.name);
        if !hit && !needs_a_desk_reference(&rules, rule) {
            lacking.push(format!("{code}: no worked example it fires on"));
        }
        if !near_miss {
            lacking.push(format!(
                "{code}: no worked near-miss (an example with 0 hits)"
            ));
        }
    }
    assert!(scoring > 20, "only {scoring} rules with points");
    assert!(lacking.is_empty(), "{}", lacking.join("\n"));
}

/// The rules that fire only on a desk's reference figures, worked with one: a figure far from
/// the reference is a hit, one within its tolerance is a near-miss.
#[test]
fn a_reference_rule_fires_on_a_desks_reference_figure() {
    let mut config = Config::embedded().expect("the embedded rules load");
    config
        .apply(
            "desk.toml",
            "[[reference]]\nmeasure = \"deaths\"\nvalue = 5200\nas-of = \"2025-10-01\"\nsource = \"Health ministry\"\ntolerance = 0.2\n",
        )
        .expect("the desk's reference loads");
    let desk = Ruleset::new(config).expect("the rules build");
    let defaults = Ruleset::embedded().expect("the embedded rules load");
    let mut worked = 0;
    for rule in defaults
        .rules
        .iter()
        .filter(|r| needs_a_desk_reference(&defaults, r))
    {
        let with_desk = desk
            .rule(&rule.config.code)
            .expect("the desk keeps the rule");
        let example = |text: &str| Example {
            text: text.into(),
            hits: 0,
            others: Vec::new(),
            published: Some("2025-11-03".into()),
        };
        let far = example("The war has killed 3,000 people, officials said.");
        let near = example("The war has killed 5,300 people, officials said.");
        assert_eq!(
            run_example(&desk, with_desk, &far),
            1,
            "{}: 3,000 dead against a reference of 5,200",
            rule.config.code
        );
        assert_eq!(
            run_example(&desk, with_desk, &near),
            0,
            "{}: 5,300 dead is within 20% of 5,200",
            rule.config.code
        );
        worked += 1;
    }
    assert!(worked > 0, "the default rules have a reference rule");
}
