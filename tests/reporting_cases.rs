//! Classes of false alarm and miss found on real reporting, each reproduced by an invented
//! example (no real article's words) with the behaviour an editor expects.

use credence::date::Date;
use credence::ingest::Article;
use credence::text::TitleMode;
use credence::{Category, Peers, Pipeline, ScoredArticle};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::embedded().expect("the embedded rules load"))
}

fn article(id: &str, source: &str, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.title_mode = TitleMode::Given;
    a.source = Some(source.into());
    a.story = Some("harbour-blast".into());
    a.published = Date::new(2025, 6, 10);
    a
}

/// Four outlets agreeing on 57 deaths, then `text` from a fifth; the fifth, scored.
fn beside_four(text: &str) -> ScoredArticle {
    let mut batch = vec![
        article(
            "w1",
            "Wire One",
            "Police said the blast killed 57 people at the harbour.",
        ),
        article(
            "w2",
            "Daily Two",
            "The death toll from the harbour blast rose to 57, officials said.",
        ),
        article(
            "w3",
            "Radio Three",
            "In all, 57 people were killed in the harbour blast, the mayor said.",
        ),
        article(
            "w4",
            "Times Four",
            "Hospitals said the blast killed 57 people.",
        ),
    ];
    batch.push(article("x", "Fifth Post", text));
    pipeline()
        .score_articles(&batch)
        .into_iter()
        .find(|a| a.id == "x")
        .expect("x scored")
}

fn alone(text: &str) -> ScoredArticle {
    pipeline()
        .score_articles(&[article("x", "Fifth Post", text)])
        .remove(0)
}

/// The contradiction, consensus and plausibility findings: the serious ones.
fn serious(a: &ScoredArticle) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| {
            matches!(
                f.category,
                Category::Contradiction | Category::Consensus | Category::Plausibility
            )
        })
        .map(|f| format!("{} {}", f.code, f.message))
        .collect()
}

fn has(a: &ScoredArticle, code: &str) -> bool {
    a.findings.iter().any(|f| f.code == code && f.points > 0.0)
}

#[test]
fn an_age_is_neither_a_population_nor_an_arrest_count() {
    let a = beside_four(
        "\"It shook the street,\" said Ana Lind, 42, who lives in Harbour Lane. The blast killed 57 people.",
    );
    assert!(serious(&a).is_empty(), "{:?}", serious(&a));
    let b = alone(
        "Dock foreman Tomas Reyes, 34, was arrested on Monday. Police arrested 12 people overnight.",
    );
    assert!(serious(&b).is_empty(), "{:?}", serious(&b));
}

#[test]
fn a_subgroup_living_somewhere_is_not_the_population() {
    for text in [
        "Police hold a list of 30 suspected smuggler residents. The blast killed 57 people in the district.",
        "The quay is home to 20 foreign-born dockworkers. The blast killed 57 people on the quay.",
    ] {
        let a = beside_four(text);
        assert!(serious(&a).is_empty(), "{text}: {:?}", serious(&a));
    }
}

#[test]
fn hostages_are_not_arrests_and_a_debt_ratio_is_not_a_share() {
    let a = alone("Gunmen took 40 hostages. Police arrested 12 people after the siege.");
    assert!(serious(&a).is_empty(), "{:?}", serious(&a));
    let b = alone("Public debt reached 120% of GDP last year, and revenue fell to 31% of GDP.");
    assert!(serious(&b).is_empty(), "{:?}", serious(&b));
}

#[test]
fn a_venue_sub_total_or_another_event_is_no_rival_total() {
    for text in [
        "The fire spread to the Merrow grain terminal. At least 14 people died there.",
        "Merrow terminal, Quay Road – at least 14 dead",
        "In March, a gas leak on the same site killed 11.",
        "It was the deadliest blast since the 1998 Torvik refinery fire, which killed 240.",
        "About 40 of at least 210 who were injured were treated at the field hospital.",
    ] {
        let a = beside_four(text);
        assert!(serious(&a).is_empty(), "{text}: {:?}", serious(&a));
    }
}

#[test]
fn a_second_lower_total_in_the_same_article_is_a_contradiction() {
    let a = alone(
        "The death toll from the attacks stands at 130, officials said.\n\nIn all, 61 people were killed in the attacks.",
    );
    assert!(has(&a, "CR204"), "{:?}", serious(&a));
}

#[test]
fn a_count_that_does_not_match_its_list_is_a_contradiction() {
    let a = alone(
        "Police named three of the attackers: Tomas Reyes, Ana Lind, Mark Olsen and Pia Berg.",
    );
    assert!(has(&a, "CR205"), "{:?}", serious(&a));
}

#[test]
fn a_toll_far_below_the_consensus_in_a_summary_line_is_an_outlier() {
    let a = beside_four("In brief: the harbour blast killed 6 people.");
    assert!(has(&a, "CR301"), "{:?}", serious(&a));
}

#[test]
fn a_duration_that_does_not_fit_two_dated_events_is_a_contradiction() {
    let a = alone("Now, 20 months after the fire on June 2, 2024, the quay is still closed.");
    assert!(has(&a, "CR208"), "{:?}", serious(&a));
    let fine = alone("Now, a year after the fire on June 2, 2024, the quay is still closed.");
    assert!(serious(&fine).is_empty(), "{:?}", serious(&fine));
}

#[test]
fn an_age_corroborates_nothing() {
    // "27 armoured vehicles" is the only figure of its kind on the story; an age of 27
    // elsewhere is no witness to it.
    let batch = vec![
        article(
            "a",
            "Wire One",
            "Soldiers moved 27 armoured vehicles to the harbour overnight.",
        ),
        article(
            "b",
            "Daily Two",
            "Ana Lind, 27, said the harbour was quiet.",
        ),
    ];
    let scored = pipeline().score_articles(&batch);
    let a = scored.iter().find(|s| s.id == "a").unwrap();
    assert!(has(a, "CR101"), "uncorroborated: {:?}", a.findings);
}

#[test]
fn copies_of_one_article_are_one_voice() {
    let text = "The harbour authority will spend $48.5 million rebuilding the quay over 19 months, \
with 212 workers on site at the peak of the work and 37 cranes brought in from abroad. The new quay \
will be 640 metres long and will take ships of up to 90,000 tonnes when it opens to traffic again.";
    let copy = article("copy", "Copy Desk", text);
    let original = article("original", "Wire One", text);
    let other = article(
        "other",
        "Radio Three",
        "The harbour reopened to ferries on Sunday, the port said.",
    );
    let with_copy = pipeline().score_articles(&[original.clone(), copy, other.clone()]);
    let without = pipeline().score_articles(&[original, other]);
    let score = |batch: &[ScoredArticle]| batch.iter().find(|a| a.id == "original").unwrap().score;
    assert_eq!(
        score(&with_copy),
        score(&without),
        "a copy corroborates nothing"
    );
    let marked = with_copy.iter().find(|a| a.id == "original").unwrap();
    assert_eq!(marked.copies, vec!["copy".to_string()]);
}

#[test]
fn with_one_outlet_unsupported_figures_are_not_assessed() {
    let a = alone(
        "The blast killed 57 people and destroyed 212 homes, causing $48.5 million of damage.",
    );
    assert!(
        !a.findings
            .iter()
            .any(|f| f.category == Category::Unsupported)
    );
    assert!(
        a.notes
            .iter()
            .any(|n| n.code == "CR101" && n.note.starts_with("not assessed"))
    );
}

#[test]
fn vague_copy_scores_below_careful_copy() {
    let vague = alone(
        "Everyone knows the harbour is in trouble. Many people are worried, and things may get worse soon. \
It is a disgrace that nobody has done anything about it, and the whole town is talking.",
    );
    // Careful copy names its sources, quotes them and dates what happened (the reopening and
    // the return are still to come: their dates are no evidence yet).
    let careful = alone(
        "The harbour will reopen on 14 July, the port director, Ana Lind, said on Monday. \
\"We have rebuilt the quay wall and tested every crane,\" Lind told reporters at the port. \
Tomas Reyes, who leads the dockers' union, said his members would return on 15 July. \
The storm that breached the quay wall struck on 3 March.",
    );
    assert!(
        vague.score + 10.0 < careful.score,
        "vague {} vs careful {}",
        vague.score,
        careful.score
    );
}

#[test]
fn a_quotation_with_its_speaker_named_is_attributed() {
    for text in [
        "The phone impressed the reviewer, saying the screen was \"the brightest we have ever measured on a phone\".",
        "\"We had to rebuild the whole quay from scratch, stone by stone,\" Lind recalls.",
        "\"It is the best season we have had in ten years of fishing here,\" joked Mark Olsen, a trawler captain.",
    ] {
        let a = alone(text);
        assert!(!has(&a, "CR502"), "{text}: {:?}", a.findings);
    }
}

#[test]
fn an_unrelated_article_in_the_batch_is_held_to_no_consensus() {
    // The harbour story's outlets agree on 57; an article on another event filed under the
    // same key has its own toll, and nothing to be held to.
    let quake = "The earthquake struck the mountain provinces before dawn, flattening villages \
along the valley road. Rescue teams from three countries dug through collapsed schools and \
mosques, and aftershocks hampered the search. The death toll from the earthquake stands at \
2,140, the disaster agency said, and thousands of survivors spent the night outdoors in the \
freezing cold while convoys of tents and blankets crawled up the damaged mountain passes.";
    let a = beside_four(quake);
    assert!(!has(&a, "CR301"), "{:?}", serious(&a));
    assert!(a.notes.iter().any(|n| n.code == "CR301"), "{:?}", a.notes);
}

#[test]
fn souls_on_board_are_people_on_board() {
    let batch = vec![
        article(
            "a",
            "Wire One",
            "The jet went down with 239 souls on board.",
        ),
        article(
            "b",
            "Daily Two",
            "The airline said 239 people were on board the jet.",
        ),
    ];
    let scored = pipeline().score_articles(&batch);
    let a = scored.iter().find(|s| s.id == "a").unwrap();
    assert!(!has(a, "CR101"), "corroborated: {:?}", a.findings);
}

#[test]
fn one_unsupported_figure_in_a_short_piece_is_not_padding() {
    let mut text = String::from("The jet went down over the ocean with 239 people on board. ");
    text.push_str(&"Relatives gathered at the airport to wait for news of the search. ".repeat(20));
    let batch = vec![
        article("a", "Wire One", &text),
        article(
            "b",
            "Daily Two",
            &"Relatives waited at the airport for news of the search at sea. ".repeat(20),
        ),
    ];
    let scored = pipeline().score_articles(&batch);
    let a = scored.iter().find(|s| s.id == "a").unwrap();
    assert!(has(a, "CR101"), "{:?}", a.findings);
    assert!(!has(a, "CR102"), "{:?}", a.findings);
}

#[test]
fn the_explain_total_of_an_article_without_debits_shows_no_negative_zero() {
    let text = "The harbour reopened on 14 July, the port director, Ana Lind, said on Monday.";
    let a = alone(text);
    let shown = credence::report::render_explain(&a, text, false, None);
    let total = shown
        .lines()
        .find(|l| l.starts_with("score "))
        .expect("a total line");
    assert!(!total.contains("-0.00"), "{total}");
}

/// `explain` names, beside each corroborated figure, the articles of other outlets that
/// report it; a copy of the article under another name is not one of them.
#[test]
fn explain_names_the_articles_that_corroborate_a_figure() {
    let report = "The harbour master said on Tuesday that the blast killed 57 people and \
injured 210 more, and that the quay would stay closed while divers inspected the wall. The \
ferry company said sailings to the islands would resume on Friday if engineers found the \
berth safe, and the port authority said cargo had been sent to the northern terminal.";
    let other = "Rescue teams worked through the night after the harbour explosion, which \
left 57 people dead according to the regional health office. Witnesses described a column of \
smoke over the fuel berth, and the mayor declared three days of mourning on Wednesday.";
    let dir = std::env::temp_dir().join(format!("credence-corroborators-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("feed.jsonl");
    let line = |id: &str, source: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "story": "blast", "text": text}).to_string()
    };
    let feed = [
        line("a", "Harbour Post", report),
        line("copy", "Aggregator", report),
        line("b", "Coast Radio", other),
    ]
    .join("\n");
    std::fs::write(&path, feed).unwrap();
    let explained = pipeline()
        .explain(&path, Peers::Neighbours(&[] as &[&str]), Some("a"))
        .expect("explained");
    std::fs::remove_dir_all(&dir).unwrap();
    let (scored, _) = &explained.articles[0];
    assert_eq!(scored.copies, vec!["copy".to_string()]);
    let toll = scored
        .corroborated
        .iter()
        .find(|c| c.figure.starts_with("57"))
        .expect("the toll is corroborated");
    assert_eq!(toll.articles, vec!["b".to_string()]);
    assert_eq!(toll.count, 1);
    // 210 injured appears in no other outlet's copy.
    assert!(
        scored
            .corroborated
            .iter()
            .all(|c| !c.figure.contains("210"))
    );
}
