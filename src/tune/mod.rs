//! Rule weights fitted to a desk's own labels, and how much they would help.
//!
//! Each labelled article is scored once with every enabled rule at weight 1: what a rule
//! adds to the article's raw points per unit of weight, its repeats diminished as the score
//! diminishes them, is that rule's feature. Any weights then give the article the score the
//! engine would, from the features alone (`score_of_points`), so weights can be fitted and
//! tried on held-out articles without running the rules again. The fit (see `fit`) is
//! judged by k-fold cross-validation: each fold's articles are scored with weights fitted
//! on the other folds, and the pooled out-of-fold AUC is set beside the AUC of the weights
//! in force, with DeLong intervals. The weights written are fitted on every labelled
//! article, and the batch is scored with them by the engine for the in-sample AUC that
//! `credence eval` will report with them.

mod auc;
mod fit;

pub use auc::Estimate;
pub use fit::Side;

use crate::config::{Category, Config};
use crate::eval::Labels;
use crate::ingest::Article;
use crate::rules::Ruleset;
use crate::score::{ScoredArticle, score_of_points, score_stories};
use auc::Classes;
use serde::Serialize;
use std::collections::HashMap;

/// Fewer labelled articles of either class than this and the fit is refused: with five
/// folds, each would hold out about six of a class, and both AUCs would mostly be noise.
pub const MIN_PER_CLASS: usize = 30;
pub const DEFAULT_FOLDS: usize = 5;
/// The L2 penalty's default strength, per article (logits² per unit feature²).
pub const DEFAULT_L2: f64 = 0.05;
/// Fitted weights are written with this many decimals.
const DECIMALS: i32 = 3;

#[derive(Debug, Clone, Copy)]
pub struct TuneOptions {
    pub folds: usize,
    pub l2: f64,
}

impl Default for TuneOptions {
    fn default() -> TuneOptions {
        TuneOptions {
            folds: DEFAULT_FOLDS,
            l2: DEFAULT_L2,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TuneError {
    #[error(
        "{reliable} articles labelled reliable and {unreliable} labelled unreliable were found among the inputs: fitting weights needs at least {min} of each"
    )]
    TooFewLabels {
        reliable: usize,
        unreliable: usize,
        min: usize,
    },
    #[error("{folds} folds: give from 2 to {most} (the labelled articles of the smaller class)")]
    Folds { folds: usize, most: usize },
    #[error("the L2 penalty must be a number ≥ 0, not {0}")]
    Penalty(f64),
    #[error("{0}")]
    Rules(String),
}

/// One enabled rule's weight in force and fitted, with how often it fired on each class.
#[derive(Debug, Clone, Serialize)]
pub struct TunedRule {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub current: f64,
    pub fitted: f64,
    /// Labelled articles on which the rule counted points (it fired, was not waived, and
    /// the hit had a factor above 0), by label.
    pub reliable_hits: usize,
    pub unreliable_hits: usize,
}

impl TunedRule {
    pub fn changed(&self) -> bool {
        self.fitted != self.current
    }
}

/// What a fit found.
#[derive(Debug, Clone, Serialize)]
pub struct Tuned {
    pub articles: usize,
    pub labelled: usize,
    pub reliable: usize,
    pub unreliable: usize,
    /// Labelled ids not found among the articles.
    pub missing: Vec<String>,
    pub folds: usize,
    pub l2: f64,
    /// ROC AUC of the weights in force. Nothing is fitted, so it is the same in and out of
    /// fold: what `credence eval` reports.
    pub current: Estimate,
    /// Pooled out-of-fold ROC AUC of fitted weights: each article scored with weights
    /// fitted on the folds it is not in.
    pub fitted: Estimate,
    /// `fitted` minus `current`, paired over the same articles.
    pub gain: Estimate,
    /// ROC AUC of the weights written (fitted on every labelled article), on those same
    /// articles, scored by the engine: what `credence eval` reports with the written file
    /// on top of the same rules.
    pub in_sample: f64,
    /// The largest difference, over the labelled articles, between the score the features
    /// give under the written weights and the engine's: 0 when the features account for
    /// the score.
    pub reproduction_error: f64,
    /// Every enabled rule, in the rules' order.
    pub rules: Vec<TunedRule>,
}

/// A labelled article: its features, label and score under the weights in force.
struct Labelled {
    id: String,
    unreliable: bool,
    features: Vec<f64>,
    current: f64,
}

/// Fits the weights of `rules`' enabled rules to the labels of `articles` (grouped into
/// stories by key or directory, as `credence eval` groups them).
pub fn tune(
    rules: &Ruleset,
    articles: &[Article],
    labels: &Labels,
    options: TuneOptions,
) -> Result<Tuned, TuneError> {
    if !(options.l2.is_finite() && options.l2 >= 0.0) {
        return Err(TuneError::Penalty(options.l2));
    }
    let config = &rules.config;
    let enabled: Vec<usize> = (0..config.rules.len())
        .filter(|&i| config.rules[i].enabled)
        .collect();
    let sides: Vec<Side> = enabled
        .iter()
        .map(|&i| Side::of(config.rules[i].category))
        .collect();
    let current_weights: Vec<f64> = enabled.iter().map(|&i| config.rules[i].weight).collect();
    // The weights do not change what an article's analysis holds: one analysis serves
    // every scoring.
    let analyses: Vec<_> = {
        use rayon::prelude::*;
        articles.par_iter().map(|a| rules.analyse(a)).collect()
    };
    let stories = crate::stories::group_stories(articles);
    let score_with = |weights: &[f64]| -> Result<Vec<ScoredArticle>, TuneError> {
        let weighted = with_weights(config, &enabled, weights);
        let ruleset = Ruleset::new(weighted).map_err(|e| TuneError::Rules(e.to_string()))?;
        Ok(score_stories(&ruleset, articles, &analyses, &stories))
    };
    let unit = score_with(&vec![1.0; enabled.len()])?;
    let current = score_stories(rules, articles, &analyses, &stories);
    let column: HashMap<&str, usize> = enabled
        .iter()
        .enumerate()
        .map(|(c, &i)| (config.rules[i].code.as_str(), c))
        .collect();
    let current_by_id: HashMap<&str, f64> =
        current.iter().map(|a| (a.id.as_str(), a.score)).collect();
    let mut labelled: Vec<Labelled> = unit
        .iter()
        .filter_map(|a| {
            let grade = labels.grades.get(&a.id)?;
            let mut features = vec![0.0; enabled.len()];
            for f in &a.findings {
                // Waived findings count 0 raw points, repeats are already diminished.
                if let Some(&c) = column.get(f.code.as_str()) {
                    features[c] += f.raw_points;
                }
            }
            Some(Labelled {
                id: a.id.clone(),
                unreliable: *grade < 0.5,
                features,
                current: current_by_id[a.id.as_str()],
            })
        })
        .collect();
    labelled.sort_by(|a, b| a.id.cmp(&b.id));
    let unreliable = labelled.iter().filter(|l| l.unreliable).count();
    let reliable = labelled.len() - unreliable;
    if reliable.min(unreliable) < MIN_PER_CLASS {
        return Err(TuneError::TooFewLabels {
            reliable,
            unreliable,
            min: MIN_PER_CLASS,
        });
    }
    if options.folds < 2 || options.folds > reliable.min(unreliable) {
        return Err(TuneError::Folds {
            folds: options.folds,
            most: reliable.min(unreliable),
        });
    }
    let fit_on = |members: &[&Labelled]| -> Vec<f64> {
        let fitted = fit::fit(&fit::Problem {
            rows: members.iter().map(|l| l.features.as_slice()).collect(),
            unreliable: members.iter().map(|l| l.unreliable).collect(),
            sides: &sides,
            baseline: config.scoring.baseline.max(0.0),
            start: &current_weights,
            l2: options.l2,
        });
        fitted
            .iter()
            .zip(&current_weights)
            .map(|(&w, &w0)| as_written(w, w0))
            .collect()
    };
    let model_score = |l: &Labelled, weights: &[f64]| -> f64 {
        let points: Vec<(Category, f64)> = enabled
            .iter()
            .zip(&l.features)
            .zip(weights)
            .map(|((&i, x), w)| (config.rules[i].category, w * x))
            .collect();
        score_of_points(&points, &config.scoring)
    };
    let fold = folds(&labelled, options.folds);
    let mut out_of_fold = vec![0.0; labelled.len()];
    for k in 0..options.folds {
        let training: Vec<&Labelled> = labelled
            .iter()
            .zip(&fold)
            .filter(|(_, f)| **f != k)
            .map(|(l, _)| l)
            .collect();
        let weights = fit_on(&training);
        for (i, l) in labelled.iter().enumerate() {
            if fold[i] == k {
                out_of_fold[i] = model_score(l, &weights);
            }
        }
    }
    let fitted_weights = fit_on(&labelled.iter().collect::<Vec<_>>());
    let fitted_scored = score_with(&fitted_weights)?;
    let in_sample = crate::eval::evaluate(&fitted_scored, labels)
        .auc
        .expect("both classes are present");
    let engine_by_id: HashMap<&str, f64> = fitted_scored
        .iter()
        .map(|a| (a.id.as_str(), a.score))
        .collect();
    let reproduction_error = labelled
        .iter()
        .map(|l| (model_score(l, &fitted_weights) - engine_by_id[l.id.as_str()]).abs())
        .fold(0.0, f64::max);
    let split = |scores: &[f64]| -> (Vec<f64>, Vec<f64>) {
        let (mut r, mut u) = (Vec::new(), Vec::new());
        for (l, s) in labelled.iter().zip(scores) {
            if l.unreliable { &mut u } else { &mut r }.push(*s);
        }
        (r, u)
    };
    let current_scores: Vec<f64> = labelled.iter().map(|l| l.current).collect();
    let (cr, cu) = split(&current_scores);
    let (fr, fu) = split(&out_of_fold);
    let current_classes = Classes {
        reliable: &cr,
        unreliable: &cu,
    };
    let fitted_classes = Classes {
        reliable: &fr,
        unreliable: &fu,
    };
    let hits = |c: usize, unreliable: bool| {
        labelled
            .iter()
            .filter(|l| l.unreliable == unreliable && l.features[c] > 0.0)
            .count()
    };
    let rules_out = enabled
        .iter()
        .enumerate()
        .map(|(c, &i)| TunedRule {
            code: config.rules[i].code.clone(),
            name: config.rules[i].name.clone(),
            category: config.rules[i].category,
            current: current_weights[c],
            fitted: fitted_weights[c],
            reliable_hits: hits(c, false),
            unreliable_hits: hits(c, true),
        })
        .collect();
    let mut missing: Vec<String> = labels
        .grades
        .keys()
        .filter(|id| !current_by_id.contains_key(id.as_str()))
        .cloned()
        .collect();
    missing.sort();
    Ok(Tuned {
        articles: articles.len(),
        labelled: labelled.len(),
        reliable,
        unreliable,
        missing,
        folds: options.folds,
        l2: options.l2,
        current: auc::auc_interval(&current_classes).expect("both classes are present"),
        fitted: auc::auc_interval(&fitted_classes).expect("both classes are present"),
        gain: auc::auc_difference(&current_classes, &fitted_classes)
            .expect("both classes are present"),
        in_sample,
        reproduction_error,
        rules: rules_out,
    })
}

/// The configuration with the enabled rules (`enabled`, indices into its rules) at
/// `weights`.
fn with_weights(config: &Config, enabled: &[usize], weights: &[f64]) -> Config {
    let mut weighted = config.clone();
    for (&i, &w) in enabled.iter().zip(weights) {
        weighted.rules[i].weight = w;
    }
    weighted
}

/// A fitted weight as it is written: to `DECIMALS` decimals, and the weight in force
/// itself when it rounds to the same (a weight the labels did not move stays as it was).
fn as_written(fitted: f64, current: f64) -> f64 {
    let unit = 10f64.powi(DECIMALS);
    let rounded = (fitted * unit).round() / unit;
    if rounded == (current * unit).round() / unit {
        current
    } else {
        rounded
    }
}

/// Each labelled article's fold: within each class, articles in the order of a hash of
/// their id dealt round the folds, so every fold holds both classes in proportion and the
/// split does not follow the order files were named or read in. Deterministic.
fn folds(labelled: &[Labelled], k: usize) -> Vec<usize> {
    let mut fold = vec![0; labelled.len()];
    for class in [false, true] {
        let mut members: Vec<usize> = (0..labelled.len())
            .filter(|&i| labelled[i].unreliable == class)
            .collect();
        members.sort_by_key(|&i| (fnv1a(&labelled[i].id), labelled[i].id.as_str()));
        for (rank, &i) in members.iter().enumerate() {
            fold[i] = rank % k;
        }
    }
    fold
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weight_is_written_rounded_unless_it_did_not_move() {
        assert_eq!(as_written(2.412_49, 3.0), 2.412);
        assert_eq!(as_written(1.234_600_1, 1.234_56), 1.234_56);
        assert_eq!(as_written(0.000_2, 0.5), 0.0);
    }

    #[test]
    fn folds_hold_both_classes_in_proportion() {
        let labelled: Vec<Labelled> = (0..40)
            .map(|i| Labelled {
                id: format!("a{i:02}"),
                unreliable: i < 15,
                features: Vec::new(),
                current: 0.0,
            })
            .collect();
        let fold = folds(&labelled, 5);
        for k in 0..5 {
            let of = |u: bool| {
                (0..40)
                    .filter(|&i| fold[i] == k && labelled[i].unreliable == u)
                    .count()
            };
            assert_eq!((of(true), of(false)), (3, 5));
        }
        assert_eq!(fold, folds(&labelled, 5), "the same split every time");
    }
}
