//! The kinds' table: every kind documented, named in kebab-case, and used by the default
//! rules unless it says why not.

use super::RuleKind;
use crate::config::Config;

/// Kinds that `rules/default.toml` deliberately has no rule of, each with the reason: a kind
/// that only desks configure for themselves still has to be documented and tested here.
const UNUSED_BY_DEFAULT: &[(RuleKind, &str)] = &[];

#[test]
fn every_kind_has_documentation_under_every_heading() {
    for &kind in RuleKind::ALL {
        let doc = kind.doc();
        for (heading, text) in [
            ("what it checks", doc.what_it_checks),
            ("why", doc.why),
            ("example", doc.example),
            ("not flagged", doc.not_flagged),
            ("options", doc.options),
        ] {
            assert!(!text.trim().is_empty(), "kind {kind}: no \"{heading}\"");
        }
        for name in doc.placeholders {
            assert!(!name.is_empty(), "kind {kind}: an empty placeholder");
        }
    }
}

#[test]
fn the_default_rules_use_every_kind_or_say_why_not() {
    let config = Config::embedded().expect("the default rules load");
    for &kind in RuleKind::ALL {
        let used = config.rules.iter().any(|r| r.kind == kind);
        let unused = UNUSED_BY_DEFAULT.iter().find(|(k, _)| *k == kind);
        match unused {
            None => assert!(
                used,
                "no default rule has kind {kind}: add one, or list it as unused with the reason"
            ),
            Some((_, reason)) => {
                assert!(
                    !used,
                    "kind {kind} is listed as unused but a default rule has it"
                );
                assert!(
                    !reason.trim().is_empty(),
                    "kind {kind}: unused, but no reason"
                );
            }
        }
    }
}

#[test]
fn kinds_are_listed_alphabetically_by_their_kebab_case_names() {
    let names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    // The order is the one `credence rules docs` and the unknown-kind error list them in.
    assert_eq!(names, sorted);
    for &kind in RuleKind::ALL {
        let name = kind.as_str();
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{name}"
        );
        assert_eq!(name.parse::<RuleKind>(), Ok(kind));
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<RuleKind>(&json).unwrap(), kind);
    }
}

#[test]
fn an_unknown_kind_is_named_with_every_known_kind_and_where_the_file_gives_it() {
    let mut config = Config::embedded().unwrap();
    let err = config
        .apply(
            "desk.toml",
            "[[rule]]\ncode = \"DESK1\"\nname = \"desk-rule\"\ncategory = \"style\"\nkind = \"existance\"\nmessage = \"m\"\n",
        )
        .unwrap_err();
    // Pinned word for word so the message cannot drift; a new kind joins this list.
    assert_eq!(
        err.to_string(),
        "desk.toml:5:9: rule DESK1: unknown rule kind \"existance\" (known kinds: anniversary, \
bounds, conditional, conflicting-values, consensus, count-list, dated-interval, dated-span, density, elapsed, event-dates, \
evidence, existence, future-event, headline-support, outside-reports, parts-whole, reference, \
relative-bound, repetition, specifics-density, timeline, unattributed-figure)"
    );
}

/// The rules' lists of other-time phrases are searched together and their sentence times
/// kept on the analysis: what is kept is what each list gives read alone.
#[test]
fn the_sentence_times_kept_for_the_rules_lists_are_those_each_gives_alone() {
    use crate::analysis::times::{TimesMemo, sentence_times};
    use std::borrow::Cow;
    let rules = super::Ruleset::embedded().expect("the default rules load");
    let text = "Quake toll rises\n\nA 2005 quake killed 612 people. It left 3,000 homeless. \
Last year 12 died in May. In March 40 were hurt, as in previous years. They were treated in \
2014. Those who fled once came back.";
    let mut article = crate::ingest::Article::from_text("a", text);
    article.published = crate::date::Date::parse_iso("2014-06-01");
    let analysis = rules.analyse(&article);
    // The same analysis with nothing kept and no lists to search together.
    let mut alone = analysis.clone();
    alone.sentence_times = TimesMemo::default();
    let mut lists = 0;
    for rule in &rules.rules {
        let Some((other_time, continuing_words)) = rule.check.check().time_words() else {
            continue;
        };
        let code = &rule.config.code;
        let kept = sentence_times(text, &analysis, other_time, continuing_words);
        assert!(
            matches!(kept, Cow::Borrowed(_)),
            "{code}: kept on the analysis"
        );
        let read_alone = sentence_times(text, &alone, other_time, continuing_words);
        assert!(matches!(read_alone, Cow::Owned(_)), "{code}: read alone");
        assert_eq!(kept, read_alone, "{code}");
        assert!(kept.iter().any(|t| t.contains("past")), "{code}: {kept:?}");
        lists += 1;
    }
    assert!(
        lists >= 4,
        "CR101, CR301, CR303 and CR402 place sentences in time"
    );
}

#[test]
fn a_misspelt_figure_keys_option_is_named_with_its_file_and_line() {
    let mut config = Config::embedded().unwrap();
    let err = config
        .apply("desk.toml", "[figure-keys]\nmesures = [\"deaths\"]\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("desk.toml:2:1: in [figure-keys]: unknown field `mesures`"),
        "{err}"
    );
}
