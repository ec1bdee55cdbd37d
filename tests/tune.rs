//! `credence tune` on a generated labelled set: articles built from templated sentences,
//! where unreliable ones mostly carry page furniture (share buttons, a comment form: CR603,
//! at weight 0 in force, so the weights in force cannot use it), and both classes carry
//! sensational wording (CR602) and quotations with their speaker (CR702) alike, which the
//! weights in force count and the labels do not follow.

mod common;

use common::{command, scratch};
use credence::eval::{Labels, evaluate};
use credence::tune::{TuneOptions, tune};
use credence::{Config, Grouping, Pipeline, Ruleset};
use std::path::Path;

const PLACES: [&str; 6] = [
    "harbour", "library", "stadium", "bridge", "market", "station",
];
const NAMES: [&str; 4] = ["Ana Lind", "Tomas Berg", "Irene Holt", "Marco Vidal"];

/// Article `i` of a class: a title, a few plain sentences, and its signals.
fn article(i: usize, unreliable: bool) -> String {
    let place = PLACES[i % PLACES.len()];
    let name = NAMES[(i / 3) % NAMES.len()];
    let mut text = format!(
        "Council weighs the future of the {place}\n\n\
         The city council met this week to discuss plans for the {place} and its neighbourhood. \
         Residents filled the hall and waited for the debate to begin. \
         Several members asked for more time to read the proposals before any vote.\n\n"
    );
    // Furniture on four unreliable articles in five, and on one reliable one in six.
    let furniture = if unreliable { i % 5 != 0 } else { i % 6 == 0 };
    if furniture {
        text.push_str("icon-facebook icon-twitter icon-whatsapp\n\n");
    }
    // Noise: on every other article, and every third, whatever the label.
    if i % 2 == 0 {
        text.push_str(&format!(
            "The mayor slammed critics in a shocking outburst about the {place}.\n\n"
        ));
    }
    if i % 3 == 0 {
        text.push_str(&format!(
            "\"We will publish every figure before the vote,\" {name} told reporters.\n\n"
        ));
    }
    text.push_str(&format!(
        "The discussion about the {place} will continue when the council meets again. \
         Members expect to hear from the neighbourhood groups and the city engineers first.\n"
    ));
    if furniture {
        text.push_str("\nLeave a Reply\n");
    }
    text
}

/// Writes `reliable` + `unreliable` articles, one story each, and their labels; returns the
/// labels' path.
fn generate(dir: &Path, reliable: usize, unreliable: usize) -> std::path::PathBuf {
    let articles = dir.join("articles");
    let mut labels = String::from("id,label\n");
    for (class, count, label) in [
        (false, reliable, "reliable"),
        (true, unreliable, "unreliable"),
    ] {
        for i in 0..count {
            let id = format!("{label}-{i:03}");
            let story = articles.join(&id);
            std::fs::create_dir_all(&story).unwrap();
            std::fs::write(story.join(format!("{id}.txt")), article(i, class)).unwrap();
            labels.push_str(&format!("{id},{label}\n"));
        }
    }
    let path = dir.join("labels.csv");
    std::fs::write(&path, labels).unwrap();
    path
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    command(dir).args(args).output().expect("credence runs")
}

/// The AUC a line of output gives after `label`, as printed (three decimals).
fn figure_after<'a>(text: &'a str, label: &str) -> &'a str {
    let start = text
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in:\n{text}"))
        + label.len();
    text[start..].split_whitespace().next().unwrap()
}

#[test]
fn fewer_than_30_labelled_articles_of_a_class_are_refused() {
    let dir = scratch("tune", "refused");
    let labels = generate(&dir, 40, 29);
    let o = run(
        &dir,
        &[
            "tune",
            "articles",
            "--labels",
            labels.to_str().unwrap(),
            "-o",
            "desk.toml",
        ],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "error: 40 articles labelled reliable and 29 labelled unreliable were found among the inputs: fitting weights needs at least 30 of each"
        ),
        "{stderr}"
    );
    assert!(!dir.join("desk.toml").exists(), "nothing is written");
}

#[test]
fn the_rules_file_written_loads_and_eval_reproduces_the_in_sample_auc() {
    let dir = scratch("tune", "written");
    let labels = generate(&dir, 40, 40);
    let labels = labels.to_str().unwrap();
    let o = run(
        &dir,
        &["tune", "articles", "--labels", labels, "-o", "desk.toml"],
    );
    let summary = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(0), "{summary}");
    let toml = std::fs::read_to_string(dir.join("desk.toml")).unwrap();

    // The labels' signal rule gains weight from 0: the file says so, and `rules list`
    // with it shows the weight it gives.
    let fitted: toml::Table = toml::from_str(&toml).expect("the file is TOML");
    let weight = |code: &str| -> Option<f64> {
        fitted["rule"]
            .as_array()?
            .iter()
            .find(|r| r["code"].as_str() == Some(code))
            .and_then(|r| r["weight"].as_float())
    };
    let furniture = weight("CR603").expect("CR603's weight changed");
    assert!(furniture > 0.0, "CR603 at {furniture}:\n{toml}");
    let listed = run(
        &dir,
        &["rules", "list", "--rules", "desk.toml", "--format", "json"],
    );
    assert_eq!(listed.status.code(), Some(0));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let cr603 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "CR603")
        .unwrap();
    assert_eq!(cr603["weight"].as_f64(), Some(furniture));

    // `score --rules` takes it.
    let scored = run(
        &dir,
        &[
            "score",
            "articles",
            "--rules",
            "desk.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        scored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );

    // The in-sample AUC tune states is what eval reports with the file; the AUC of the
    // weights in force is what eval reports without it.
    let with_file = run(
        &dir,
        &[
            "eval",
            "articles",
            "--labels",
            labels,
            "--rules",
            "desk.toml",
        ],
    );
    let with_file = String::from_utf8_lossy(&with_file.stdout);
    assert_eq!(
        figure_after(&summary, "ROC AUC in sample of the weights written: "),
        figure_after(&with_file, "ROC AUC "),
        "{summary}\n{with_file}"
    );
    let without = run(&dir, &["eval", "articles", "--labels", labels]);
    let without = String::from_utf8_lossy(&without.stdout);
    assert_eq!(
        figure_after(&summary, "in force "),
        figure_after(&without, "ROC AUC "),
        "{summary}\n{without}"
    );
    // The weights in force rank on the noise; fitted ones, judged on articles they were
    // not fitted to, find the furniture (four in five against one in six: an AUC near
    // 0.82 at best), and the paired interval of the gain is above 0.
    let current: f64 = figure_after(&summary, "in force ").parse().unwrap();
    let fitted_oof: f64 = figure_after(&summary, "fitted ").parse().unwrap();
    assert!(current < 0.6, "{summary}");
    assert!(fitted_oof > 0.75, "{summary}");
    let paired = &summary[summary.find("(paired):").unwrap()..];
    let gain_low: f64 = paired[paired.find('[').unwrap() + 1..paired.find(',').unwrap()]
        .parse()
        .unwrap();
    assert!(gain_low > 0.0, "{summary}");
    let noise = weight("CR602").expect("CR602's weight changed");
    assert!(noise < 2.0, "CR602 at {noise}:\n{toml}");
}

#[test]
fn the_weights_written_reproduce_the_engines_scores_exactly() {
    let dir = scratch("tune", "exact");
    let labels_path = generate(&dir, 35, 35);
    let labels = Labels::parse(
        "labels.csv",
        &std::fs::read_to_string(&labels_path).unwrap(),
    )
    .unwrap();
    let rules = Ruleset::embedded().unwrap();
    let pipeline = Pipeline::embedded().unwrap();
    let loaded = pipeline.read(&[dir.join("articles")]);
    let tuned = tune(&rules, &loaded.articles, &labels, TuneOptions::default()).unwrap();
    assert_eq!(
        tuned.reproduction_error, 0.0,
        "the features give the engine's score to the hundredth"
    );
    assert!(tuned.rules.iter().any(|r| r.changed()));
    // The file, applied on top of the default, gives exactly the in-sample AUC stated.
    let mut config = Config::embedded().unwrap();
    config
        .apply("desk.toml", &credence::report::tune_toml(&tuned))
        .unwrap();
    let with_file = Pipeline::new(Ruleset::new(config).unwrap());
    let report = with_file.run(with_file.read(&[dir.join("articles")]), Grouping::Directory);
    assert_eq!(
        evaluate(&report.articles, &labels).auc.map(f64::to_bits),
        Some(tuned.in_sample.to_bits())
    );
    // Five folds by default, and the same fit every run.
    let again = tune(&rules, &loaded.articles, &labels, TuneOptions::default()).unwrap();
    assert_eq!(tuned.folds, 5);
    assert_eq!(tuned.fitted, again.fitted);
}
