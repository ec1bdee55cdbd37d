//! Findings to a score. Each hit of a rule has raw points: its weight, times the hit's
//! factor, times `repeat-decay` to the power of how many earlier hits the rule had in the
//! article (diminishing returns). The loss is 100·(1 − e^(−raw/scale)), which is bounded
//! and only grows with more or heavier findings; it is shared out over the findings in
//! proportion to their raw points, so the points shown beside each reason add up to the
//! loss, and the score is 100 minus that sum. See docs/scoring.md for a worked example.

use crate::config::Scoring;
use crate::rules::Finding;
use std::collections::HashMap;

/// The scale used when the configured one is not a positive number: raw points at which
/// the score falls to 100·e⁻¹ ≈ 37.
const FALLBACK_SCALE: f64 = 40.0;

/// Sets every finding's points and returns the score.
pub fn score(findings: &mut [Finding], scoring: &Scoring) -> f64 {
    let mut seen: HashMap<String, i32> = HashMap::new();
    for f in findings.iter_mut() {
        if f.waived.is_some() {
            f.raw_points = 0.0;
            continue;
        }
        let n = seen.entry(f.code.clone()).or_insert(0);
        f.raw_points *= scoring.repeat_decay.clamp(0.0, 1.0).powi(*n);
        *n += 1;
    }
    let raw: f64 = findings
        .iter()
        .map(|f| f.raw_points)
        .filter(|p| p.is_finite() && *p > 0.0)
        .sum();
    let scale = if scoring.scale.is_finite() && scoring.scale > 0.0 {
        scoring.scale
    } else {
        FALLBACK_SCALE
    };
    let loss = 100.0 * (1.0 - (-raw / scale).exp());
    // Round the loss once, in hundredths, and share the hundredths out by largest
    // remainder: the points shown then add up exactly, and rounding cannot make a score
    // go up when a finding is added.
    let loss_cents = (loss * 100.0).round() as i64;
    let shares: Vec<f64> = findings
        .iter()
        .map(|f| {
            if raw > 0.0 && f.raw_points.is_finite() && f.raw_points > 0.0 {
                loss_cents as f64 * f.raw_points / raw
            } else {
                0.0
            }
        })
        .collect();
    let mut cents: Vec<i64> = shares.iter().map(|s| s.floor() as i64).collect();
    let mut left = loss_cents - cents.iter().sum::<i64>();
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
    for (f, c) in findings.iter_mut().zip(&cents) {
        f.points = *c as f64 / 100.0;
    }
    ((10_000 - loss_cents).clamp(0, 10_000)) as f64 / 100.0
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
        let s = score(&mut findings, &scoring);
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
            let s = score(&mut findings.clone(), &scoring);
            assert!(s <= previous && (0.0..=100.0).contains(&s));
            previous = s;
        }
        let mut none: Vec<Finding> = Vec::new();
        assert_eq!(score(&mut none, &scoring), 100.0);
    }

    #[test]
    fn waived_findings_cost_nothing() {
        let scoring = Scoring::default();
        let mut f = finding("A", 10.0);
        f.waived = Some("agency figures".into());
        let mut findings = vec![f];
        assert_eq!(score(&mut findings, &scoring), 100.0);
        assert_eq!(findings[0].points, 0.0);
    }
}
