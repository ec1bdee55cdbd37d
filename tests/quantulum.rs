//! Extraction measured against the quantulum3 project's cases (sentences with the quantities
//! a reader finds in them), kept beside the project in ../shared/data. Prints recall (share
//! of expected values found) and precision (share of our figures that are expected), and
//! fails if either falls below the floor documented in docs/extraction.md.

use credence::extract::FigureKind;
use credence::ingest::Article;
use credence::rules::Ruleset;
use credence::text::TitleMode;
mod common;

use serde_json::Value;

const CASES: &str = "data/quantulum3-quantities.json";
const RECALL_FLOOR: f64 = 0.80;
const PRECISION_FLOOR: f64 = 0.75;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn quantulum_cases_recall_and_precision() {
    let Some(path) = common::shared(CASES) else {
        return;
    };
    let raw = std::fs::read_to_string(&path).expect("the cases read");
    let cases: Vec<Value> = serde_json::from_str(&raw).expect("cases parse");
    let rules = Ruleset::embedded().unwrap();
    let (mut expected_total, mut expected_found) = (0usize, 0usize);
    let (mut ours_total, mut ours_expected) = (0usize, 0usize);
    let mut misses = Vec::new();
    for case in &cases {
        let text = case["req"].as_str().unwrap();
        let mut article = Article::from_text("case", text);
        article.title_mode = TitleMode::Given;
        let analysis = rules.analyse(&article);
        let ours: Vec<Vec<f64>> = analysis
            .extraction
            .figures
            .iter()
            .map(|f| {
                let mut values: Vec<f64> = [f.value, f.low, f.high].into_iter().flatten().collect();
                if f.kind == FigureKind::Date {
                    if let Some(d) = f.date.and_then(|d| d.date) {
                        values.push(f64::from(d.year));
                    }
                }
                values
            })
            .collect();
        let expected: Vec<f64> = case["res"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["value"].as_f64())
            .collect();
        for e in &expected {
            expected_total += 1;
            if ours.iter().any(|vals| vals.iter().any(|v| close(*v, *e))) {
                expected_found += 1;
            } else {
                misses.push(format!("{e} in {text:?}"));
            }
        }
        for vals in &ours {
            ours_total += 1;
            if vals.iter().any(|v| expected.iter().any(|e| close(*v, *e))) {
                ours_expected += 1;
            }
        }
    }
    let recall = expected_found as f64 / expected_total as f64;
    let precision = ours_expected as f64 / ours_total.max(1) as f64;
    println!(
        "quantulum3: {} cases; recall {expected_found}/{expected_total} = {recall:.3}; precision {ours_expected}/{ours_total} = {precision:.3}",
        cases.len()
    );
    println!("missed:\n  {}", misses.join("\n  "));
    assert!(
        recall >= RECALL_FLOOR,
        "recall {recall:.3} below {RECALL_FLOOR}"
    );
    assert!(
        precision >= PRECISION_FLOOR,
        "precision {precision:.3} below {PRECISION_FLOOR}"
    );
}
