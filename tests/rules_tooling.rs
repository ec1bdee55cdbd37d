//! The rule tooling an editor uses: the generated reference, `rules check`, `rules init`,
//! per-source exemptions and waivers.

mod common;

use common::{article, command, project};
use credence::rules::Ruleset;
use std::path::Path;
use std::process::Output;

fn credence_in(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().expect("credence runs")
}

fn scratch(name: &str) -> common::Scratch {
    common::scratch("tooling", name)
}

#[test]
fn docs_rules_md_is_generated_from_the_code_and_not_stale() {
    let rules = Ruleset::embedded().unwrap();
    let generated = credence::report::rule_docs::markdown(&rules);
    let path = common::project().join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk.trim_end() == generated.trim_end(),
        "docs/rules.md is stale: run `cargo run -- rules docs --no-config > docs/rules.md`"
    );
    for kind in credence::rules::RuleKind::ALL {
        assert!(generated.contains(&format!("### {kind}")));
    }
}

#[test]
fn rules_check_runs_a_files_own_examples_and_points_at_them() {
    let dir = scratch("check");
    std::fs::write(
        dir.join("desk.toml"),
        r#"[[rule]]
code = "DESK1"
name = "unnamed-expert"
kind = "existence"
category = "sourcing"
weight = 2.0
message = "an expert with no name: {match}"
[rule.options]
patterns = ['\bexperts (?:say|said)\b']
[[rule.example]]
text = "Experts say the bridge is unsafe."
hits = 1
[[rule.example]]
text = "Engineers say the bridge is unsafe."
hits = 1
"#,
    )
    .unwrap();
    let out = credence_in(&dir, &["rules", "check", "desk.toml"]);
    // A failing example is an error in the rules file: exit 2, as the guide says.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "error: desk.toml:14:9: rule DESK1: example 2 expects 1 hit(s), got 0"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 examples checked, 1 failed"));
}

#[test]
fn rules_check_reports_bad_regexes_duplicates_and_unknown_measures() {
    let dir = scratch("check-bad");
    std::fs::write(
        dir.join("bad.toml"),
        "[[rule]]\ncode = \"DESK2\"\nname = \"x-rule\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\npatterns = ['(unclosed']\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["rules", "check", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: bad.toml:8:14: rule DESK2: invalid pattern \"(unclosed\""),
        "{stderr}"
    );

    std::fs::write(
        dir.join("dup.toml"),
        "[[rule]]\ncode = \"DESK3\"\nname = \"anonymous-source\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\nphrases = ['x']\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["rules", "check", "dup.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: dup.toml:3:9: rule DESK3: duplicate rule name \"anonymous-source\": CR501 already has it"
    );

    std::fs::write(
        dir.join("measure.toml"),
        "[[rule]]\ncode = \"DESK4\"\nname = \"my-values\"\nkind = \"conflicting-values\"\ncategory = \"contradiction\"\nmessage = \"m\"\n[rule.options]\nmeasures = [\"deaths\", \"goats\"]\npart-cues = []\nchange-cues = []\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["rules", "check", "measure.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: measure.toml:8:24: rule DESK4: unknown measure \"goats\" (define it in a [[measure]] table)"
    );
}

#[test]
fn rules_init_writes_a_starter_that_checks_clean() {
    let dir = scratch("init");
    let out = credence_in(&dir, &["rules", "init"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("credence.toml").is_file());
    let again = credence_in(&dir, &["rules", "init"]);
    assert_eq!(again.status.code(), Some(2), "no silent overwrite");
    let check = credence_in(&dir, &["rules", "check", "credence.toml"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn per_source_exemptions_and_waivers_are_applied_and_shown() {
    let dir = scratch("waivers");
    std::fs::write(
        dir.join("wire.md"),
        "---\nid: wire\nsource: Reuters\nstory: s\n---\nThe blast killed 132 people near the market.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("local.md"),
        "---\nid: local\nsource: Local Paper\nstory: s\nwaive: CR101 — figures checked with the police by phone\n---\nThe fire destroyed 45 homes in the valley.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("other.md"),
        "---\nid: other\nsource: Other Paper\nstory: s\n---\nThe storm cut power to 3,000 homes.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("credence.toml"),
        // No baseline: a waived finding's cost is then the whole story of the score.
        "[scoring]\nbaseline = 0.0\n[[per-source]]\nsource = \"Reuters\"\nignore = [\"CR101\"]\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let article = |id: &str| article(&report, id);
    assert!(
        article("wire")["findings"].as_array().unwrap().is_empty(),
        "Reuters is exempt"
    );
    let local = article("local");
    let waived = &local["findings"][0];
    assert_eq!(waived["code"], "CR101");
    assert_eq!(waived["waived"], "figures checked with the police by phone");
    assert_eq!(waived["points"], 0.0);
    assert_eq!(local["score"], 100.0);
    assert_eq!(article("other")["findings"][0]["code"], "CR101");
    let table = credence_in(&dir, &["score", "."]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("(1 waived)"));
}

/// The embedded rules with `override_toml` applied as `desk.toml`.
fn with_override(override_toml: &str) -> Result<Ruleset, String> {
    let mut config = credence::Config::embedded().map_err(|e| e.to_string())?;
    config
        .apply("desk.toml", override_toml)
        .map_err(|e| e.to_string())?;
    Ruleset::new(config).map_err(|e| e.to_string())
}

/// How many times the rule `code` fires on `text` (as one article alone).
fn hits(rules: Ruleset, code: &str, text: &str) -> usize {
    let pipeline = credence::Pipeline::new(rules);
    let mut a = credence::Article::from_text("a", text);
    a.story = Some("s".into());
    pipeline.score_articles(&[a])[0]
        .findings
        .iter()
        .filter(|f| f.code == code)
        .count()
}

#[test]
fn a_misspelt_placeholder_is_an_error_at_its_line() {
    let err = with_override("\n[[rule]]\ncode = \"CR301\"\nmessage = \"{claimm} is far off\"\n")
        .err()
        .expect("an error");
    assert!(
        err.starts_with("desk.toml:4:12: rule CR301: the message names {claimm}"),
        "{err}"
    );
    assert!(
        err.contains("they fill: claim, consensus, deviation, key, sources"),
        "{err}"
    );
    with_override("[[rule]]\ncode = \"CR301\"\nmessage = \"{claim} is far off ({sources})\"\n")
        .expect("known placeholders load");
}

#[test]
fn every_kind_declares_exactly_the_placeholders_its_code_fills() {
    for kind in credence::rules::RuleKind::ALL {
        let file = common::project()
            .join("src/rules")
            .join(format!("{}.rs", kind.as_str().replace('-', "_")));
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: the kind's file: {e}", file.display()));
        let mut filled: Vec<&str> = source
            .split(".var(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        filled.sort_unstable();
        filled.dedup();
        let mut declared = kind.doc().placeholders.to_vec();
        declared.sort_unstable();
        assert_eq!(declared, filled, "kind {kind}");
    }
}

#[test]
fn phrases_replace_a_list_and_extend_phrases_add_to_it() {
    let text = "The mayor will reportedly resign. A little bird says the council agrees.";
    assert_eq!(hits(Ruleset::embedded().unwrap(), "CR501", text), 1);
    let extended = with_override(
        "[[rule]]\ncode = \"CR501\"\n[rule.options]\nextend-phrases = [\"a little bird\"]\n",
    )
    .unwrap();
    assert_eq!(hits(extended, "CR501", text), 2, "added to the defaults");
    let replaced = with_override(
        "[[rule]]\ncode = \"CR501\"\n[rule.options]\nphrases = [\"a little bird\"]\npatterns = []\n",
    )
    .unwrap();
    assert_eq!(hits(replaced, "CR501", text), 1, "only the new phrase");
    // Nested tables merge key by key: the quote rule keeps its first condition and its
    // sixty speech verbs when an editor adds one.
    let nested = with_override(
        "[[rule]]\ncode = \"CR502\"\n[rule.options]\nsecond = { extend-phrases = [\"mused\"] }\n",
    )
    .unwrap();
    let quote = "“We will rebuild the harbour before the winter storms arrive,” the mayor mused.";
    assert_eq!(
        hits(nested, "CR502", quote),
        0,
        "\"mused\" names the speaker now"
    );
    let err = with_override("[[rule]]\ncode = \"CR501\"\n[rule.options]\nextend-nouns = [\"x\"]\n")
        .err()
        .expect("an error");
    assert!(
        err.contains("`extend-nouns` adds to the list `nouns`, which this rule does not have"),
        "{err}"
    );
}

#[test]
fn named_lists_are_defined_once_and_taken_whole() {
    let rules = with_override(
        "[lists]\nhearsay = [\"a little bird\", \"word on the street\"]\n\
         [[rule]]\ncode = \"CR501\"\n[rule.options]\nextend-phrases = [\"@hearsay\"]\n",
    )
    .unwrap();
    let text = "A little bird says the council agrees. Word on the street is that it will.";
    assert_eq!(hits(rules, "CR501", text), 2);
    let default = Ruleset::embedded().unwrap();
    let cr501 = default.rule("CR501").unwrap();
    let phrases = cr501.config.options["phrases"].as_array().unwrap();
    assert!(
        phrases.iter().any(|p| p.as_str() == Some("reportedly")),
        "@unnamed-source expanded"
    );
    assert!(
        !phrases
            .iter()
            .any(|p| p.as_str().is_some_and(|p| p.starts_with('@')))
    );
    let unknown = with_override("[attribution]\nextend-verbs = [\"@gossip\"]\n")
        .err()
        .expect("an error");
    assert!(unknown.starts_with("desk.toml:2:"), "{unknown}");
    assert!(unknown.contains("no list named \"gossip\""), "{unknown}");
    let again = with_override("[lists]\ncounted-people = [\"people\"]\n")
        .err()
        .expect("an error");
    assert!(
        again.contains("list \"counted-people\" is already defined"),
        "{again}"
    );
}

#[test]
fn attribution_lists_are_replaced_or_extended() {
    let text = "The harbour will close on 14 March, the mayor mused. It cost $4.2m.";
    let attribution = |rules: &Ruleset| {
        let article = credence::Article::from_text("a", text);
        rules
            .analyse(&article)
            .extraction
            .figures
            .iter()
            .map(|f| f.attribution)
            .collect::<Vec<_>>()
    };
    use credence::extract::Attribution::{Named, None as Unattributed};
    let base = Ruleset::embedded().unwrap();
    assert_eq!(
        attribution(&base),
        vec![Unattributed, Unattributed],
        "\"mused\" is no speech verb by default"
    );
    let extended = with_override("[attribution]\nextend-verbs = [\"mused\"]\n").unwrap();
    assert_eq!(
        attribution(&extended),
        vec![Named, Unattributed],
        "the mayor's date is attributed now"
    );
    let replaced = with_override("[attribution]\nverbs = [\"mused\"]\n").unwrap();
    assert_eq!(
        replaced.config.attribution.verbs,
        vec!["mused".to_string()],
        "a list without extend- replaces"
    );
}

/// The fully commented rules file of docs/config.md is a rules file that checks clean:
/// every key it shows exists and every worked example in it holds.
#[test]
fn the_commented_file_in_the_configuration_docs_checks_clean() {
    let doc = std::fs::read_to_string(project().join("docs/config.md")).unwrap();
    let start = doc.find("```toml\n").expect("a TOML block") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let dir = common::scratch("rules_tooling", "config-doc");
    std::fs::write(dir.join("commented.toml"), &doc[start..end]).unwrap();
    let out = command(&dir)
        .args(["rules", "check", "commented.toml"])
        .output()
        .expect("credence runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
