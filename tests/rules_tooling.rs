//! The rule tooling an editor uses: the generated reference, `rules check`, `rules init`,
//! per-source exemptions and waivers.

mod common;

use common::{article, command};
use credence::rules::Ruleset;
use std::path::{Path, PathBuf};
use std::process::Output;

fn credence_in(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().expect("credence runs")
}

fn scratch(name: &str) -> PathBuf {
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
    for kind in credence::rules::KINDS {
        assert!(generated.contains(&format!("### {}", kind.name)));
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
    assert_eq!(out.status.code(), Some(1));
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
        "[[per-source]]\nsource = \"Reuters\"\nignore = [\"CR101\"]\n",
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
