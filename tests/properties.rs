//! Properties that hold for any input: extraction never panics and its spans lie inside
//! the text, scores stay in [0, 100], and a further finding never raises a score.

use credence::Pipeline;
use credence::config::{Category, Scoring};
use credence::ingest::Article;
use credence::rules::Finding;
use credence::score::score;
use credence::text::Span;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static R: OnceLock<Pipeline> = OnceLock::new();
    R.get_or_init(|| Pipeline::embedded().expect("rules load"))
}

/// Text that looks enough like news to reach the scanner's corners: digits with
/// separators, scales, currencies, dates, quotes, hyphens, non-ASCII letters and marks.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The".to_string()),
        Just("killed".to_string()),
        Just("at least".to_string()),
        Just("million".to_string()),
        Just("$".to_string()),
        Just("€".to_string()),
        Just("PKR".to_string()),
        Just("October".to_string()),
        Just("Monday".to_string()),
        Just("since".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just("–".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Türkiye".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{202e}".to_string()),
        Just("%".to_string()),
        Just("1e308".to_string()),
        "[0-9]{1,12}".prop_map(|s| s),
        "[0-9]{1,3}(,[0-9]{3}){0,4}(\\.[0-9]{1,2})?".prop_map(|s| s),
        "[a-zA-Z]{1,9}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_spans_lie_inside_the_text(text in newsy()) {
        let article = Article::from_text("p", text.clone());
        let analysis = pipeline().rules().analyse(&article);
        for f in &analysis.extraction.figures {
            prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
            prop_assert_eq!(text.get(f.span.start..f.span.end), Some(f.text.as_str()));
            prop_assert!(f.value.is_none_or(f64::is_finite));
        }
        for s in &analysis.doc.sentences {
            prop_assert!(s.span.end <= text.len() && text.get(s.span.start..s.span.end).is_some());
        }
    }

    #[test]
    fn scores_stay_between_0_and_100(texts in proptest::collection::vec(newsy(), 1..5)) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut a = Article::from_text(format!("a{i}"), t.clone());
                a.story = Some("s".into());
                a
            })
            .collect();
        for a in pipeline().score_articles(&articles) {
            prop_assert!((0.0..=100.0).contains(&a.score), "{}", a.score);
            // The points shown (credits negative) and the baseline account for the score.
            let lost: f64 = a.findings.iter().map(|f| f.points).sum();
            prop_assert!((100.0 - a.baseline - lost - a.score).abs() < 0.011);
        }
    }

    #[test]
    fn a_debit_never_raises_and_a_credit_never_lowers_a_score(
        raws in proptest::collection::vec((0usize..6, 0.0f64..50.0), 0..30),
        extra in (0usize..6, 0.0f64..50.0),
        baseline in 0.0f64..40.0,
    ) {
        // Rules 4 and 5 are credits.
        let finding = |(rule, raw): (usize, f64)| Finding {
            rule: format!("r{rule}"),
            code: format!("R{rule}"),
            category: if rule >= 4 { Category::Evidence } else { Category::Style },
            points: 0.0,
            message: String::new(),
            excerpt: String::new(),
            line: 1,
            column: 1,
            evidence: serde_json::Value::Null,
            span: Span::new(0, 0),
            waived: None,
            raw_points: raw,
        };
        let scoring = Scoring { baseline, ..Scoring::default() };
        let mut before: Vec<Finding> = raws.iter().copied().map(finding).collect();
        let mut after = before.clone();
        after.push(finding(extra));
        let s1 = score(&mut before, &scoring).score;
        let s2 = score(&mut after, &scoring).score;
        if extra.0 >= 4 {
            prop_assert!(s2 >= s1, "a credit: {s1} then {s2}");
        } else {
            prop_assert!(s2 <= s1, "a debit: {s1} then {s2}");
        }
        prop_assert!((0.0..=100.0).contains(&s2));
    }
}
