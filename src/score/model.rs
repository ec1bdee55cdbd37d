//! Findings to a score, with evidence on both sides.
//!
//! Each hit of a rule has raw points: its weight, times the hit's factor, times
//! `repeat-decay` to the power of how many earlier hits the rule had in the article
//! (diminishing returns). Debits (every category but `evidence`) add raw points; credits
//! (`evidence`: a named source, a quotation with its speaker, a dated event) take them away.
//! An article starts owing `baseline` raw points: evidence a reader can check must earn them
//! back, and beyond that offsets sourcing debits (named sources weigh against anonymous
//! ones), but never a contradiction, an implausible or unsupported figure, or style. The
//! loss is L(x) = 100·(1 − e^(−x/scale)) of
//! x = max(0, baseline + sourcing − credits) + other debits, which is bounded, never falls
//! when a debit is added and never rises when a credit is added.
//!
//! The loss is accounted for in three parts, each rounded once in hundredths and shared out
//! by largest remainder, so that the points shown add up exactly:
//! the baseline's L(baseline); the debits' L(baseline + debits) − L(baseline), shared in
//! proportion to their raw points; and the credits' L(baseline + debits) − L(x), shown as
//! negative points. The score is 100 minus the sum. See docs/scoring.md.

use crate::config::{Category, Scoring};
use crate::rules::Finding;
use std::collections::HashMap;

/// The scale used when the configured one is not a positive number: raw points at which
/// the score falls to 100·e⁻¹ ≈ 37.
const FALLBACK_SCALE: f64 = 40.0;

/// What the score model gives an article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// 0–100.
    pub score: f64,
    /// What the article owes before any evidence: the loss of `baseline` raw points.
    pub baseline: f64,
}

/// Sets every finding's points (negative for credits) and returns the score.
pub fn score(findings: &mut [Finding], scoring: &Scoring) -> Scored {
    let raw = decayed(findings.iter(), scoring);
    for (f, r) in findings.iter_mut().zip(&raw) {
        f.raw_points = *r;
    }
    let loss = Loss::of(findings.iter().map(|f| (f.category, f.raw_points)), scoring);
    let mut cents = vec![0i64; findings.len()];
    share(findings, &mut cents, loss.with_debits - loss.owed, |f| {
        !is_credit(f.category)
    });
    share(findings, &mut cents, loss.with_debits - loss.net, |f| {
        is_credit(f.category)
    });
    for (f, c) in findings.iter_mut().zip(&cents) {
        let points = *c as f64 / 100.0;
        f.points = if is_credit(f.category) {
            -points
        } else {
            points
        };
    }
    Scored {
        score: loss.score(),
        baseline: loss.owed as f64 / 100.0,
    }
}

/// The score `score` gives `findings` (in the same order), with no finding changed: what a
/// story scored again needs of an article whose reasons it will not show.
pub fn score_only(findings: &[&Finding], scoring: &Scoring) -> f64 {
    let raw = decayed(findings.iter().copied(), scoring);
    Loss::of(
        findings.iter().zip(&raw).map(|(f, r)| (f.category, *r)),
        scoring,
    )
    .score()
}

/// The score of an article whose findings count these raw points, each with its rule's
/// category, repeats already diminished: the same arithmetic as `score`, for weights tried
/// without running the rules again (fitting weights to labels).
pub fn score_of_points(points: &[(Category, f64)], scoring: &Scoring) -> f64 {
    Loss::of(points.iter().copied(), scoring).score()
}

fn is_credit(category: Category) -> bool {
    category == Category::Evidence
}

/// Each finding's raw points as they count: nothing for a waived one or one without
/// positive points, and a rule's repeats diminished by `repeat_decay`.
fn decayed<'a>(findings: impl Iterator<Item = &'a Finding>, scoring: &Scoring) -> Vec<f64> {
    let mut seen: HashMap<&str, i32, crate::lower::FnvBuild> = HashMap::default();
    let decay = scoring.repeat_decay.clamp(0.0, 1.0);
    let mut raw: Vec<f64> = Vec::with_capacity(findings.size_hint().0);
    for f in findings {
        if f.waived.is_some() || !f.raw_points.is_finite() || f.raw_points <= 0.0 {
            raw.push(0.0);
            continue;
        }
        let n = seen.entry(f.code.as_str()).or_insert(0);
        raw.push(f.raw_points * decay.powi(*n));
        *n += 1;
    }
    raw
}

/// The loss in hundredths of a point: of the baseline alone, of the baseline and the
/// debits, and in all (credits and offsets taken).
struct Loss {
    owed: i64,
    with_debits: i64,
    net: i64,
}

impl Loss {
    /// From each finding's category and counted raw points.
    fn of(findings: impl Iterator<Item = (Category, f64)> + Clone, scoring: &Scoring) -> Loss {
        // Credits weigh against what an article owes and against its sourcing (named
        // sources against anonymous ones), never against a contradiction or an
        // unsupported figure.
        let offsettable = |c: Category| c == Category::Sourcing;
        let sum = |which: &dyn Fn(Category) -> bool| -> f64 {
            findings
                .clone()
                .filter(|(c, _)| which(*c))
                .map(|(_, r)| r)
                .sum()
        };
        let debits = sum(&|c| !is_credit(c));
        let sourcing = sum(&offsettable);
        let credits = sum(&is_credit);
        let scale = if scoring.scale.is_finite() && scoring.scale > 0.0 {
            scoring.scale
        } else {
            FALLBACK_SCALE
        };
        let baseline = if scoring.baseline.is_finite() {
            scoring.baseline.max(0.0)
        } else {
            0.0
        };
        let loss_cents = |raw: f64| (100.0 * (1.0 - (-raw / scale).exp()) * 100.0).round() as i64;
        Loss {
            owed: loss_cents(baseline),
            with_debits: loss_cents(baseline + debits),
            net: loss_cents((baseline + sourcing - credits).max(0.0) + (debits - sourcing)),
        }
    }

    fn score(&self) -> f64 {
        ((10_000 - self.net).clamp(0, 10_000)) as f64 / 100.0
    }
}

/// Shares `total` hundredths among the findings `which` selects, in proportion to their
/// raw points, by largest remainder: the shares add up exactly, and rounding cannot make a
/// score move against a finding.
fn share(findings: &[Finding], cents: &mut [i64], total: i64, which: impl Fn(&Finding) -> bool) {
    let raw: f64 = findings
        .iter()
        .filter(|f| which(f))
        .map(|f| f.raw_points)
        .sum();
    if total <= 0 || raw <= 0.0 {
        return;
    }
    let shares: Vec<f64> = findings
        .iter()
        .map(|f| {
            if which(f) && f.raw_points > 0.0 {
                total as f64 * f.raw_points / raw
            } else {
                0.0
            }
        })
        .collect();
    for (c, s) in cents.iter_mut().zip(&shares) {
        *c += s.floor() as i64;
    }
    let mut left = total - shares.iter().map(|s| s.floor() as i64).sum::<i64>();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = shares[a] - shares[a].floor();
        let rb = shares[b] - shares[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in &order {
        if left <= 0 {
            break;
        }
        if shares[i] > 0.0 {
            cents[i] += 1;
            left -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Category;
    use crate::text::Span;

    fn finding(code: &str, raw: f64) -> Finding {
        Finding {
            rule: code.to_lowercase(),
            code: code.into(),
            category: Category::Unsupported,
            points: 0.0,
            message: String::new(),
            excerpt: String::new(),
            line: 1,
            column: 1,
            evidence: serde_json::Value::Null,
            span: Span::new(0, 0),
            waived: None,
            raw_points: raw,
        }
    }

    #[test]
    fn points_add_up_to_the_loss_and_repeats_diminish() {
        let scoring = Scoring::default();
        let mut findings = vec![finding("A", 3.0), finding("A", 3.0), finding("B", 6.0)];
        let s = score(&mut findings, &scoring).score;
        let total: f64 = findings.iter().map(|f| f.points).sum();
        assert!(
            (100.0 - s - total).abs() < 0.011,
            "score {s}, points {total}"
        );
        assert!(
            findings[1].points < findings[0].points,
            "second hit counts less"
        );
        // raw = 3 + 2.1 + 6 = 11.1 → loss = 100(1 − e^(−11.1/40)) ≈ 24.23
        assert!((s - 75.77).abs() < 0.02, "score {s}");
    }

    #[test]
    fn more_findings_never_raise_the_score_and_it_stays_bounded() {
        let scoring = Scoring::default();
        let mut previous = 100.0;
        let mut findings = Vec::new();
        for i in 0..200 {
            findings.push(finding(if i % 2 == 0 { "A" } else { "B" }, 50.0));
            let s = score(&mut findings.clone(), &scoring).score;
            assert!(s <= previous && (0.0..=100.0).contains(&s));
            previous = s;
        }
        let mut none: Vec<Finding> = Vec::new();
        assert_eq!(score(&mut none, &scoring).score, 100.0);
    }

    #[test]
    fn waived_findings_cost_nothing() {
        let scoring = Scoring::default();
        let mut f = finding("A", 10.0);
        f.waived = Some("agency figures".into());
        let mut findings = vec![f];
        assert_eq!(score(&mut findings, &scoring).score, 100.0);
        assert_eq!(findings[0].points, 0.0);
    }

    fn credit(code: &str, raw: f64) -> Finding {
        Finding {
            category: Category::Evidence,
            ..finding(code, raw)
        }
    }

    #[test]
    fn an_article_owes_the_baseline_and_evidence_earns_it_back() {
        let scoring = Scoring {
            baseline: 20.0,
            ..Scoring::default()
        };
        let mut none: Vec<Finding> = Vec::new();
        let bare = score(&mut none, &scoring);
        // 100·e^(−20/40) = 60.65
        assert!((bare.score - 60.65).abs() < 0.011, "{bare:?}");
        assert!((bare.baseline - 39.35).abs() < 0.011, "{bare:?}");
        let mut findings = vec![credit("E", 8.0), finding("D", 3.0), credit("E", 8.0)];
        let s = score(&mut findings, &scoring);
        let shown: f64 = findings.iter().map(|f| f.points).sum();
        assert!(
            (100.0 - s.baseline - shown - s.score).abs() < 0.011,
            "{s:?} {shown}"
        );
        assert!(
            findings[0].points < 0.0 && findings[1].points > 0.0,
            "credits show negative"
        );
        // 20 + 3 − (8 + 5.6) = 9.4 → 100·e^(−9.4/40) = 79.06
        assert!((s.score - 79.06).abs() < 0.011, "{s:?}");
        // Credits past the baseline offset debits, and the score never passes 100.
        let mut many: Vec<Finding> = (0..50).map(|i| credit(&format!("E{i}"), 9.0)).collect();
        assert_eq!(score(&mut many, &scoring).score, 100.0);
    }

    #[test]
    fn debits_never_raise_and_credits_never_lower_the_score() {
        let scoring = Scoring {
            baseline: 15.0,
            ..Scoring::default()
        };
        let mut findings = Vec::new();
        let mut previous = score(&mut findings.clone(), &scoring).score;
        for i in 0..60 {
            let credit_step = i % 3 == 0;
            findings.push(if credit_step {
                credit(&format!("E{}", i % 4), 2.0 + (i % 5) as f64)
            } else {
                finding(&format!("D{}", i % 4), 1.0 + (i % 7) as f64)
            });
            let s = score(&mut findings.clone(), &scoring).score;
            if credit_step {
                assert!(s >= previous, "a credit lowered {previous} to {s}");
            } else {
                assert!(s <= previous, "a debit raised {previous} to {s}");
            }
            assert!((0.0..=100.0).contains(&s));
            previous = s;
        }
    }

    /// The worked example of docs/scoring.md.
    #[test]
    fn the_documented_example() {
        let scoring = Scoring {
            baseline: 20.0,
            ..Scoring::default()
        };
        let sourcing = |code: &str, raw: f64| Finding {
            category: Category::Sourcing,
            ..finding(code, raw)
        };
        let mut findings = vec![
            finding("CR101", 3.0),
            sourcing("CR501", 3.0),
            credit("CR701", 3.0),
            credit("CR701", 3.0),
            credit("CR702", 2.5),
            credit("CR703", 1.5),
        ];
        let s = score(&mut findings, &scoring);
        assert_eq!((s.score, s.baseline), (65.54, 39.35));
        let points: Vec<f64> = findings.iter().map(|f| f.points).collect();
        assert_eq!(points, vec![4.23, 4.22, -4.4, -3.08, -3.66, -2.2]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, .. Default::default() })]
        /// The score without reasons is the score with them, whatever the findings: repeats
        /// of a code, credits, offsets, waivers, points that count for nothing.
        #[test]
        fn the_score_alone_is_the_score_with_its_reasons(
            parts in proptest::collection::vec(
                (0usize..4, 0usize..7, -2.0f64..30.0, proptest::bool::weighted(0.1)),
                0..14,
            ),
            baseline in 0.0f64..12.0,
            decay in 0.0f64..1.0,
        ) {
            let categories = [
                Category::Unsupported, Category::Contradiction, Category::Consensus,
                Category::Plausibility, Category::Sourcing, Category::Style, Category::Evidence,
            ];
            let findings: Vec<Finding> = parts
                .iter()
                .map(|&(code, category, raw, waived)| Finding {
                    category: categories[category],
                    waived: waived.then(|| "checked".to_string()),
                    ..finding(["A", "B", "C", "D"][code], raw)
                })
                .collect();
            let scoring = Scoring { baseline, repeat_decay: decay, ..Scoring::default() };
            let alone = score_only(&findings.iter().collect::<Vec<_>>(), &scoring);
            let with_reasons = score(&mut findings.clone(), &scoring).score;
            proptest::prop_assert_eq!(alone.to_bits(), with_reasons.to_bits());
        }
    }
}
