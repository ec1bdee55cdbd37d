//! The evaluation the project runs on itself, as a fixed-seed subset: problems planted in
//! clean stories must be found, real careful copy must not raise contradiction, consensus
//! or plausibility findings, and scores must rank real articles above fake ones. The
//! project's own fixtures always; the real sets beside the project (../shared) where they
//! are (in CI they must be).

mod common;

use common::project;
use credence::plant::{PlantKind, PlantOptions, false_alarms, plant_and_score};
use credence::{Grouping, Pipeline};
use std::path::PathBuf;

fn pipeline() -> Pipeline {
    Pipeline::embedded().expect("the embedded rules load")
}

use common::shared;

fn check_recall(report: &credence::plant::PlantReport, kinds: &[PlantKind]) {
    for kind in kinds {
        let k = report
            .kinds
            .iter()
            .find(|k| k.kind == *kind)
            .unwrap_or_else(|| panic!("{} was never planted", kind.as_str()));
        assert!(
            k.recall >= 0.9,
            "{}: found {} of {}",
            kind.as_str(),
            k.found,
            k.plantings
        );
        if *kind != PlantKind::CopiedArticle {
            let drop = k.median_drop.unwrap_or(0.0);
            assert!(drop >= 5.0, "{}: median drop {drop}", kind.as_str());
        }
    }
}

#[test]
fn problems_planted_in_the_fixture_stories_are_found() {
    let p = pipeline();
    let loaded = p.read(&[project().join("fixtures/eval-set").display().to_string()]);
    let report = plant_and_score(
        &p,
        &loaded.articles,
        PlantOptions {
            seed: 11,
            per_kind: 6,
        },
    );
    // The fixtures carry publication dates and a story with a consensus toll: every kind
    // can be planted.
    check_recall(&report, &PlantKind::ALL);
    // The same seed plants the same problems.
    let again = plant_and_score(
        &p,
        &loaded.articles,
        PlantOptions {
            seed: 11,
            per_kind: 6,
        },
    );
    let planted = |r: &credence::plant::PlantReport| {
        r.plantings
            .iter()
            .map(|x| x.planted.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(planted(&report), planted(&again));
}

#[test]
fn on_the_shared_corpora_problems_are_found_and_careful_copy_is_left_alone() {
    let sets: Vec<PathBuf> = ["corpora/mh370", "corpora/galaxy-s5", "corpora/newswcl50"]
        .iter()
        .filter_map(|d| shared(d))
        .collect();
    if sets.is_empty() {
        return;
    }
    let p = pipeline();
    let paths: Vec<String> = sets.iter().map(|s| s.display().to_string()).collect();
    let loaded = p.read(&paths);
    let report = plant_and_score(
        &p,
        &loaded.articles,
        PlantOptions {
            seed: 7,
            per_kind: 10,
        },
    );
    check_recall(&report, &PlantKind::ALL);
    let clean = p.run(loaded, Grouping::Directory);
    let alarms = false_alarms(&clean.articles);
    assert!(
        alarms.per_article <= 0.05,
        "{} false alarms on {} articles: {:?}",
        alarms.findings,
        alarms.articles,
        alarms.by_rule
    );
}

#[test]
fn scores_rank_real_political_articles_above_fake_ones() {
    let Some(set) = shared("labelled/random-political") else {
        return;
    };
    let p = pipeline();
    let loaded = p.read(&[set.display().to_string()]);
    let scored = p.run(loaded, Grouping::Directory).articles;
    let labels_path = set.join("labels.csv");
    let text = std::fs::read_to_string(&labels_path).expect("labels");
    let labels = credence::eval::Labels::parse(&labels_path.display().to_string(), &text)
        .expect("labels parse");
    let report = credence::eval::evaluate(&scored, &labels);
    let auc = report.auc.expect("both labels present");
    assert!(auc >= 0.70, "ROC AUC {auc:.3}");
}
