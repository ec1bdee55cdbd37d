//! Outlet roll-up: per source, the number of articles, a mean score shrunk towards the
//! batch mean by empirical Bayes (so that an outlet with two articles does not outrank one
//! with two hundred on luck), an interval, and the reasons that recur.

use crate::ScoredArticle;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct OutletSummary {
    pub source: String,
    pub articles: usize,
    /// The plain mean of the outlet's scores.
    pub mean: f64,
    /// The mean shrunk towards the batch mean in proportion to how little the outlet's own
    /// articles say.
    pub shrunk: f64,
    /// A 90% interval around the shrunken mean.
    pub low: f64,
    pub high: f64,
    /// A level only once the outlet has `min_sample` articles.
    pub level: Option<String>,
    /// The rules that fire most often on its articles: (code, name, hits).
    pub top_reasons: Vec<(String, String, usize)>,
}

/// The outlet of the articles that name none.
pub const UNKNOWN: &str = "(unknown)";

/// Rolls articles up per outlet, the highest lower bound first. `level_of` names the level for
/// a score.
pub fn rollup(
    articles: &[ScoredArticle],
    min_sample: usize,
    level_of: impl Fn(f64) -> String,
) -> Vec<OutletSummary> {
    let mut by_source: BTreeMap<String, Vec<&ScoredArticle>> = BTreeMap::new();
    for a in articles {
        let source = a.source.clone().unwrap_or_else(|| UNKNOWN.into());
        by_source.entry(source).or_default().push(a);
    }
    let all: Vec<f64> = articles.iter().map(|a| a.score).collect();
    let n_all = all.len().max(1) as f64;
    let grand = all.iter().sum::<f64>() / n_all;
    // Within-outlet variance, pooled; between-outlet variance by the method of moments.
    let mut within_ss = 0.0;
    let mut within_df = 0.0;
    let mut means = Vec::new();
    for list in by_source.values() {
        let n = list.len() as f64;
        let m = list.iter().map(|a| a.score).sum::<f64>() / n;
        within_ss += list.iter().map(|a| (a.score - m).powi(2)).sum::<f64>();
        within_df += n - 1.0;
        means.push((m, n));
    }
    let total_var = all.iter().map(|s| (s - grand).powi(2)).sum::<f64>() / (n_all - 1.0).max(1.0);
    // The pooled within-outlet variance, with the batch's total variance as a prior worth
    // five degrees of freedom: a few outlets with identical scores say little about how
    // much one outlet's articles vary.
    const PRIOR_DF: f64 = 5.0;
    let sigma2 = ((within_ss + PRIOR_DF * total_var) / (within_df + PRIOR_DF)).max(1.0);
    let k = means.len().max(1) as f64;
    let between = means.iter().map(|(m, _)| (m - grand).powi(2)).sum::<f64>() / (k - 1.0).max(1.0);
    let mean_noise = means.iter().map(|(_, n)| sigma2 / n).sum::<f64>() / k;
    let tau2 = (between - mean_noise).max(sigma2 * 0.05).max(1.0);
    let z = Normal::new(0.0, 1.0)
        .map(|n| n.inverse_cdf(0.95))
        .unwrap_or(1.645);
    let mut out: Vec<OutletSummary> = by_source
        .into_iter()
        .map(|(source, list)| {
            let n = list.len() as f64;
            let mean = list.iter().map(|a| a.score).sum::<f64>() / n;
            let precision = n / sigma2 + 1.0 / tau2;
            let shrunk = (n / sigma2 * mean + grand / tau2) / precision;
            let sd = (1.0 / precision).sqrt();
            let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
            for a in &list {
                // The reasons an outlet loses points: debits, not credits or notes.
                for f in a
                    .findings
                    .iter()
                    .filter(|f| f.waived.is_none() && f.points > 0.0)
                {
                    *counts.entry((f.code.clone(), f.rule.clone())).or_insert(0) += 1;
                }
            }
            let mut top: Vec<(String, String, usize)> =
                counts.into_iter().map(|((c, r), n)| (c, r, n)).collect();
            top.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
            top.truncate(3);
            OutletSummary {
                source,
                articles: list.len(),
                mean: round1(mean),
                shrunk: round1(shrunk),
                low: round1((shrunk - z * sd).max(0.0)),
                high: round1((shrunk + z * sd).min(100.0)),
                level: (list.len() >= min_sample).then(|| level_of(shrunk)),
                top_reasons: top,
            }
        })
        .collect();
    // Ranked by the interval's lower end: an outlet must show it is good, not merely be
    // unlucky to have few articles (the same idea as ranking ratings by a lower bound).
    out.sort_by(|a, b| {
        b.low
            .total_cmp(&a.low)
            .then(b.shrunk.total_cmp(&a.shrunk))
            .then(a.source.cmp(&b.source))
    });
    out
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: &str, score: f64) -> ScoredArticle {
        ScoredArticle {
            id: format!("{source}-{score}"),
            path: None,
            title: None,
            source: Some(source.into()),
            story: "s".into(),
            published: None,
            published_inferred: false,
            source_inferred: None,
            url: None,
            author: None,
            language: "en".into(),
            genre: None,
            words: 100,
            score,
            baseline: 0.0,
            level: String::new(),
            findings: Vec::new(),
            notes: Vec::new(),
            copies: Vec::new(),
            corroborated: Vec::new(),
        }
    }

    #[test]
    fn two_lucky_articles_do_not_outrank_a_long_good_record() {
        let mut batch = vec![article("Lucky", 100.0), article("Lucky", 99.0)];
        for i in 0..40 {
            batch.push(article("Steady", 94.0 + (i % 3) as f64));
        }
        for i in 0..30 {
            batch.push(article("Sloppy", 40.0 + (i % 20) as f64));
        }
        let out = rollup(&batch, 3, |s| {
            if s >= 80.0 {
                "high".into()
            } else {
                "low".into()
            }
        });
        assert_eq!(out[0].source, "Steady", "{out:#?}");
        let lucky = out.iter().find(|o| o.source == "Lucky").unwrap();
        assert!(lucky.shrunk < lucky.mean, "shrunk towards the batch mean");
        assert!(
            lucky.high - lucky.low > out[0].high - out[0].low,
            "wider interval"
        );
        assert_eq!(lucky.level, None, "too few articles for a level");
        assert_eq!(out[0].level.as_deref(), Some("high"));
    }
}
