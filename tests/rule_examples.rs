//! Every worked example in the rules' TOML is a test: the rule must fire exactly as often
//! as the example says, on hits and on near-misses alike.

use credence::rules::{Ruleset, run_example};

#[test]
fn every_default_rule_example_holds() {
    let rules = Ruleset::embedded().expect("the embedded rules load");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &rules.rules {
        assert!(
            !rule.config.examples.is_empty(),
            "{} {} has no worked example",
            rule.config.code,
            rule.config.name
        );
        for example in &rule.config.examples {
            checked += 1;
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
    assert!(
        checked >= 2 * rules.rules.len(),
        "each rule needs a hit and a near-miss"
    );
}
