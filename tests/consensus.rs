//! Consensus, plausibility, reference figures and clustering on synthetic stories written
//! for the purpose.

use credence::config::Config;
use credence::date::Date;
use credence::ingest::Article;
use credence::rules::Ruleset;
use credence::text::TitleMode;
use credence::{Grouping, Pipeline, ScoredArticle};

fn article(id: &str, source: &str, published: &str, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.title_mode = TitleMode::Given;
    a.source = Some(source.into());
    a.story = Some("blast".into());
    a.published = Date::parse_iso(published);
    a
}

fn codes<'a>(scored: &'a [ScoredArticle], id: &str) -> Vec<&'a str> {
    scored
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} not scored"))
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

fn four_outlets(extra: Article) -> Vec<Article> {
    vec![
        article(
            "a",
            "Wire One",
            "2025-03-02",
            "Police said 130 people were killed in the blast.",
        ),
        article(
            "b",
            "Daily Two",
            "2025-03-02",
            "Officials said the blast killed 131 people.",
        ),
        article(
            "c",
            "Radio Three",
            "2025-03-02",
            "The ministry said 130 people died in the blast.",
        ),
        article(
            "d",
            "Times Four",
            "2025-03-02",
            "Hospitals said 129 people were killed by the blast.",
        ),
        extra,
    ]
}

/// Scores `text` (by outlet "Rumour Mill", published `published`) beside the four agreeing
/// outlets, and returns the whole batch.
fn beside_four(published: &str, text: &str) -> Vec<ScoredArticle> {
    let rules = Pipeline::embedded().unwrap();
    rules.score_articles(&four_outlets(article("x", "Rumour Mill", published, text)))
}

/// The consensus finding on the extra article, if any.
fn outlier(scored: &[ScoredArticle]) -> Option<&credence::rules::Finding> {
    scored
        .iter()
        .find(|a| a.id == "x")
        .expect("x scored")
        .findings
        .iter()
        .find(|f| f.code == "CR301")
}

#[test]
fn a_true_outlier_is_flagged_with_its_consensus() {
    let scored = beside_four("2025-03-02", "The blast killed 1,300 people.");
    let finding = outlier(&scored).unwrap_or_else(|| panic!("{:?}", codes(&scored, "x")));
    assert_eq!(finding.evidence["consensus"], "130");
    assert_eq!(finding.evidence["sources"], 4);
    assert!(finding.message.contains("1,300"), "{}", finding.message);
    for id in ["a", "b", "c", "d"] {
        assert!(
            !codes(&scored, id).contains(&"CR301"),
            "{id} is part of the consensus"
        );
    }
}

/// Outlets that agree to the unit make every deviation many spreads wide: a figure half as
/// large again must still cost far less than one ten times as large.
#[test]
fn points_follow_how_far_off_a_figure_is_not_only_how_tight_the_consensus_is() {
    let near = beside_four(
        "2025-03-02",
        "Officials said the death toll from the blast stood at 195.",
    );
    let far = beside_four("2025-03-02", "The blast killed 1,300 people.");
    let points = |scored: &[ScoredArticle]| outlier(scored).map_or(0.0, |f| f.points);
    let (near, far) = (points(&near), points(&far));
    assert!(near > 0.0, "half as large again is still an outlier");
    assert!(
        near < far / 2.0,
        "1.5× costs {near} points, 10× costs {far}"
    );
}

/// A contradiction needs strong evidence: a count not marked as the event's total ("death
/// toll", "in all", "the blast killed") may be a part of it, or one moment of a running count.
#[test]
fn only_a_count_marked_as_the_total_is_an_outlier() {
    let unmarked = beside_four(
        "2025-03-02",
        "Officials said 1,300 people were hurt or killed near the blast.",
    );
    assert!(outlier(&unmarked).is_none(), "{:?}", codes(&unmarked, "x"));
    // Every marked total is checked, not only the article's largest figure.
    let second = beside_four(
        "2025-03-02",
        "Police said 130 people were killed in the blast. In all, 13 people were killed, the mayor said later.",
    );
    assert!(outlier(&second).is_some(), "{:?}", codes(&second, "x"));
}

#[test]
fn a_later_growing_toll_is_not_an_outlier_but_a_tenfold_one_is() {
    let later = beside_four(
        "2025-03-05",
        "Officials said at least 190 people were killed in the blast.",
    );
    assert!(
        outlier(&later).is_none(),
        "a later, larger toll is expected"
    );
    let earlier = beside_four(
        "2025-03-01",
        "Early reports said 60 people were killed in the blast.",
    );
    assert!(
        outlier(&earlier).is_none(),
        "an earlier, smaller toll is expected"
    );
    let absurd = beside_four("2025-03-05", "The blast killed 1,300 people.");
    assert!(
        outlier(&absurd).is_some(),
        "ten times the consensus is not growth"
    );
}

#[test]
fn a_story_too_small_has_no_consensus() {
    let rules = Pipeline::embedded().unwrap();
    let batch = vec![
        article(
            "a",
            "Wire One",
            "2025-03-02",
            "Police said 130 people were killed in the blast.",
        ),
        article(
            "b",
            "Daily Two",
            "2025-03-02",
            "Officials said the blast killed 131 people.",
        ),
        article(
            "x",
            "Rumour Mill",
            "2025-03-02",
            "The blast killed 1,300 people.",
        ),
    ];
    let scored = rules.score_articles(&batch);
    assert!(!codes(&scored, "x").contains(&"CR301"));
}

#[test]
fn one_outlet_repeating_itself_is_one_source() {
    let rules = Pipeline::embedded().unwrap();
    let batch = vec![
        article(
            "a1",
            "Wire One",
            "2025-03-02",
            "Police said 130 people were killed in the blast.",
        ),
        article(
            "a2",
            "Wire One",
            "2025-03-02",
            "Police said 130 people were killed in the blast.",
        ),
        article(
            "a3",
            "Wire One",
            "2025-03-02",
            "Police said 130 people were killed in the blast.",
        ),
        article(
            "b",
            "Daily Two",
            "2025-03-02",
            "Officials said the blast killed 131 people.",
        ),
        article(
            "x",
            "Rumour Mill",
            "2025-03-02",
            "The blast killed 1,300 people.",
        ),
    ];
    let scored = rules.score_articles(&batch);
    assert!(
        !codes(&scored, "x").contains(&"CR301"),
        "two outlets are not a consensus of three"
    );
}

#[test]
fn a_plausibility_breach_stated_in_the_article_itself() {
    let rules = Pipeline::embedded().unwrap();
    let text = "The town is home to 50,000 residents. Officials said 80,000 people were killed in the town by the flood.";
    let scored = rules.score_articles(&[article("x", "Wire One", "2025-03-02", text)]);
    let f = scored[0]
        .findings
        .iter()
        .find(|f| f.code == "CR402")
        .expect("CR402 fires");
    assert_eq!(
        f.evidence["related"]["figure"]["text"], "50,000",
        "names both figures"
    );
    assert_eq!(f.evidence["claim"]["text"], "80,000");
    let fine = "The town is home to 50,000 residents. Officials said 80 people were killed in the town by the flood.";
    let scored = rules.score_articles(&[article("y", "Wire One", "2025-03-02", fine)]);
    assert!(!scored[0].findings.iter().any(|f| f.code == "CR402"));
    // A toll that names no place is drawn from the one population the article states (as an
    // editor reads "casualties had mounted to 1.9 million" beside "2.3 million residents").
    let unplaced = "The town is home to 50,000 residents. Officials said 80,000 people were killed in the flood.";
    let scored = rules.score_articles(&[article("u", "Wire One", "2025-03-02", unplaced)]);
    assert!(
        scored[0].findings.iter().any(|f| f.code == "CR402"),
        "{unplaced}"
    );
    // A toll placed in a named place the population's sentence does not name is of another
    // place; so is one placed in another time.
    for elsewhere in [
        "The town is home to 50,000 residents. Officials said 80,000 people were killed across Marovia.",
        "The town is home to 50,000 residents. A previous flood killed 80,000 people.",
        "A 5.9-magnitude quake struck the town. Officials said 80 people were killed in the town.",
        "Police detained 80 people in the town of 2,000. Officials said 300 people marched.",
    ] {
        let scored = rules.score_articles(&[article("z", "Wire One", "2025-03-02", elsewhere)]);
        assert!(
            !scored[0].findings.iter().any(|f| f.code == "CR402"),
            "{elsewhere}"
        );
    }
}

#[test]
fn a_population_stated_in_another_article_does_not_bound_the_toll() {
    // A population read in one article is not compared with the tolls of the story's other
    // articles: their "valley" may be another valley, their toll another event's.
    let rules = Pipeline::embedded().unwrap();
    let batch = vec![
        article(
            "pop",
            "Wire One",
            "2025-03-02",
            "The valley is home to 20,000 residents, officials said.",
        ),
        article(
            "x",
            "Rumour Mill",
            "2025-03-02",
            "The quake killed 15,000 people in the valley.",
        ),
    ];
    let scored = rules.score_articles(&batch);
    let x = scored.iter().find(|a| a.id == "x").unwrap();
    assert!(!x.findings.iter().any(|f| f.code == "CR402"));
    // The same two sentences in one article are compared.
    let one = "The valley is home to 20,000 residents, officials said. The quake killed 15,000 people in the valley.";
    let scored = rules.score_articles(&[article("y", "Wire One", "2025-03-02", one)]);
    assert!(scored[0].findings.iter().any(|f| f.code == "CR402"));
}

#[test]
fn reference_figures_from_a_story_toml_are_checked_at_the_article_date() {
    let mut config = Config::embedded().unwrap();
    config
        .apply(
            "desk.toml",
            "[[reference]]\nmeasure = \"deaths\"\nvalue = 68000\nas-of = \"2025-10-01\"\nsource = \"Health ministry\"\ntolerance = 0.2\nstory = \"blast\"\n",
        )
        .unwrap();
    let rules = Pipeline::new(Ruleset::new(config).unwrap());
    let batch = vec![
        article(
            "after",
            "Wire One",
            "2025-11-03",
            "The war has killed 40,000 people.",
        ),
        article(
            "before",
            "Wire One",
            "2025-09-01",
            "The war has killed 40,000 people.",
        ),
        article(
            "close",
            "Wire One",
            "2025-11-03",
            "The war has killed 70,000 people.",
        ),
    ];
    let scored = rules.score_articles(&batch);
    let after = scored.iter().find(|a| a.id == "after").unwrap();
    let f = after
        .findings
        .iter()
        .find(|f| f.code == "CR302")
        .expect("CR302 fires after as-of");
    assert!(f.message.contains("Health ministry"), "{}", f.message);
    assert!(
        !codes(&scored, "before").contains(&"CR302"),
        "not valid before its as-of date"
    );
    assert!(!codes(&scored, "close").contains(&"CR302"));
}

#[test]
fn reference_errors_name_the_file_and_line() {
    let mut config = Config::embedded().unwrap();
    let err = config
        .apply(
            "desk.toml",
            "[[reference]]\nmeasure = \"deaths\"\nvalue = 1\nas-of = \"soon\"\nsource = \"x\"\n",
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "desk.toml:4:10: as-of \"soon\" is not a date (YYYY-MM-DD)"
    );
    let err = Config::embedded()
        .unwrap()
        .apply("desk.toml", "[[reference]]\nmeasure = \"dead-people\"\nvalue = 1\nas-of = \"2025-01-01\"\nsource = \"x\"\n")
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("desk.toml:2:12: reference figure names unknown measure"),
        "{err}"
    );
}

#[test]
fn clustering_separates_two_stories_in_one_feed() {
    let rules = Pipeline::embedded().unwrap();
    let quake = [
        "A powerful earthquake struck the northern province overnight, collapsing buildings in three towns. Rescue teams searched the rubble for survivors.",
        "Rescuers dug through collapsed buildings after the earthquake hit the northern province. Survivors were pulled from the rubble in the towns.",
        "The northern province earthquake left towns in ruins, and rescue teams worked through the night in the rubble of collapsed buildings.",
    ];
    let vote = [
        "Parliament passed the budget bill after a long debate, with the finance minister promising lower taxes for small businesses.",
        "The finance minister's budget bill cleared parliament, bringing tax cuts for small businesses after a marathon debate.",
    ];
    let mut batch = Vec::new();
    for (i, t) in quake.iter().enumerate() {
        let mut a = Article::from_text(format!("q{i}"), *t);
        a.title_mode = TitleMode::Given;
        batch.push(a);
    }
    for (i, t) in vote.iter().enumerate() {
        let mut a = Article::from_text(format!("v{i}"), *t);
        a.title_mode = TitleMode::Given;
        batch.push(a);
    }
    let analyses = rules.analyse(&batch);
    let stories = rules.stories(&batch, &analyses, Grouping::Cluster);
    let groups: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| s.members.iter().map(|&i| batch[i].id.as_str()).collect())
        .collect();
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(groups.contains(&vec!["q0", "q1", "q2"]), "{groups:?}");
    assert!(groups.contains(&vec!["v0", "v1"]), "{groups:?}");
    let scored = rules.score(&batch, &analyses, &stories);
    assert!(scored.iter().all(|a| a.story.starts_with("auto:")));
}
