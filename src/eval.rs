//! Tuning against labels: how well scores separate articles an editor labelled reliable
//! from unreliable (ROC AUC, Spearman correlation), and, per rule, whether its hits fall on
//! unreliable articles (its lift) or only add noise.

use crate::ScoredArticle;
use serde::Serialize;
use std::collections::HashMap;

/// Labels: article id → grade in [0, 1], 1 = reliable.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub grades: HashMap<String, f64>,
}

impl Labels {
    /// Reads `id,label` CSV (a header is optional) or TOML (`[labels]` with `id = "reliable"`
    /// or a grade). Labels: reliable/unreliable, true/false, 1/0, or a grade in [0, 1].
    pub fn parse(path: &str, text: &str) -> Result<Labels, String> {
        let mut grades = HashMap::new();
        if path.ends_with(".toml") {
            let table: toml::Table =
                toml::from_str(text).map_err(|e| format!("{path}: {}", e.message().trim()))?;
            let labels = table
                .get("labels")
                .and_then(|v| v.as_table())
                .ok_or_else(|| format!("{path}: expected a [labels] table"))?;
            for (id, v) in labels {
                let grade = match v {
                    toml::Value::String(s) => grade_of(s),
                    toml::Value::Float(f) => Some(*f),
                    toml::Value::Integer(i) => Some(*i as f64),
                    toml::Value::Boolean(b) => Some(if *b { 1.0 } else { 0.0 }),
                    _ => None,
                }
                .filter(|g| (0.0..=1.0).contains(g))
                .ok_or_else(|| {
                    format!(
                        "{path}: label of \"{id}\" is not reliable/unreliable or a grade in [0, 1]"
                    )
                })?;
                grades.insert(id.clone(), grade);
            }
        } else {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut parts = line.splitn(2, [',', '\t', ';']);
                let id = parts.next().unwrap_or("").trim().trim_matches('"');
                let label = parts.next().unwrap_or("").trim().trim_matches('"');
                match grade_of(label).filter(|g| (0.0..=1.0).contains(g)) {
                    Some(g) => {
                        grades.insert(id.to_string(), g);
                    }
                    // A header line.
                    None if n == 0 => {}
                    None => {
                        return Err(format!(
                            "{path}:{}: label {label:?} is not reliable/unreliable or a grade in [0, 1]",
                            n + 1
                        ));
                    }
                }
            }
        }
        if grades.is_empty() {
            return Err(format!("{path}: no labels"));
        }
        Ok(Labels { grades })
    }
}

fn grade_of(s: &str) -> Option<f64> {
    match s.to_ascii_lowercase().as_str() {
        "reliable" | "true" | "yes" | "good" => Some(1.0),
        "unreliable" | "false" | "no" | "bad" => Some(0.0),
        other => other.parse::<f64>().ok(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleLift {
    pub code: String,
    pub rule: String,
    /// Articles labelled reliable (unreliable) on which the rule fired.
    pub reliable_hits: usize,
    pub unreliable_hits: usize,
    /// Whether the rule is a credit (the `evidence` category), which should fire on
    /// reliable articles.
    pub credit: bool,
    /// How much likelier the rule fires on the side it speaks for (unreliable articles for
    /// a debit, reliable ones for a credit) than on the other, smoothed by ½. Above 1 it
    /// helps; around 1 or below it adds noise.
    pub lift: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub articles: usize,
    pub labelled: usize,
    pub reliable: usize,
    pub unreliable: usize,
    /// Probability that a reliable article outscores an unreliable one.
    pub auc: Option<f64>,
    /// Rank correlation between score and grade.
    pub spearman: Option<f64>,
    pub rules: Vec<RuleLift>,
    /// Labelled ids not found among the articles.
    pub missing: Vec<String>,
}

pub fn evaluate(scored: &[ScoredArticle], labels: &Labels) -> EvalReport {
    let pairs: Vec<(&ScoredArticle, f64)> = scored
        .iter()
        .filter_map(|a| labels.grades.get(&a.id).map(|g| (a, *g)))
        .collect();
    let mut missing: Vec<String> = labels
        .grades
        .keys()
        .filter(|id| !scored.iter().any(|a| &a.id == *id))
        .cloned()
        .collect();
    missing.sort();
    let reliable: Vec<f64> = pairs
        .iter()
        .filter(|(_, g)| *g >= 0.5)
        .map(|(a, _)| a.score)
        .collect();
    let unreliable: Vec<f64> = pairs
        .iter()
        .filter(|(_, g)| *g < 0.5)
        .map(|(a, _)| a.score)
        .collect();
    let auc = (!reliable.is_empty() && !unreliable.is_empty()).then(|| {
        let mut wins = 0.0;
        for r in &reliable {
            for u in &unreliable {
                wins += if r > u {
                    1.0
                } else if r == u {
                    0.5
                } else {
                    0.0
                };
            }
        }
        wins / (reliable.len() * unreliable.len()) as f64
    });
    let scores: Vec<f64> = pairs.iter().map(|(a, _)| a.score).collect();
    let grades: Vec<f64> = pairs.iter().map(|(_, g)| *g).collect();
    let spearman = pearson(&ranks(&scores), &ranks(&grades));
    let mut by_rule: HashMap<(String, String, bool), (usize, usize)> = HashMap::new();
    for (a, g) in &pairs {
        let mut seen: Vec<&str> = Vec::new();
        for f in a.findings.iter().filter(|f| f.waived.is_none()) {
            if seen.contains(&f.code.as_str()) {
                continue;
            }
            seen.push(&f.code);
            let e = by_rule
                .entry((
                    f.code.clone(),
                    f.rule.clone(),
                    f.category == crate::config::Category::Evidence,
                ))
                .or_insert((0, 0));
            if *g >= 0.5 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let (nr, nu) = (reliable.len() as f64, unreliable.len() as f64);
    let mut rules: Vec<RuleLift> = by_rule
        .into_iter()
        .map(|((code, rule, credit), (r, u))| {
            let on_unreliable = (u as f64 + 0.5) / (nu + 1.0);
            let on_reliable = (r as f64 + 0.5) / (nr + 1.0);
            RuleLift {
                code,
                rule,
                reliable_hits: r,
                unreliable_hits: u,
                credit,
                lift: if credit {
                    on_reliable / on_unreliable
                } else {
                    on_unreliable / on_reliable
                },
            }
        })
        .collect();
    rules.sort_by(|a, b| b.lift.total_cmp(&a.lift).then(a.code.cmp(&b.code)));
    EvalReport {
        articles: scored.len(),
        labelled: pairs.len(),
        reliable: reliable.len(),
        unreliable: unreliable.len(),
        auc,
        spearman,
        rules,
        missing,
    }
}

/// Average ranks (ties share their mean rank).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 3 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
}

/// How ranks moved between two scorings of the same articles (rank 1 = lowest score).
#[derive(Debug, Clone, Serialize)]
pub struct RankShift {
    pub id: String,
    pub before: usize,
    pub after: usize,
    pub score_before: f64,
    pub score_after: f64,
}

pub fn rank_shifts(before: &[ScoredArticle], after: &[ScoredArticle]) -> Vec<RankShift> {
    let rank_of = |list: &[ScoredArticle], id: &str| list.iter().position(|a| a.id == id);
    let mut shifts: Vec<RankShift> = after
        .iter()
        .filter_map(|a| {
            let b = rank_of(before, &a.id)?;
            let now = rank_of(after, &a.id)?;
            Some(RankShift {
                id: a.id.clone(),
                before: b + 1,
                after: now + 1,
                score_before: before[b].score,
                score_after: a.score,
            })
        })
        .filter(|s| s.before != s.after || (s.score_before - s.score_after).abs() >= 0.05)
        .collect();
    shifts.sort_by(|a, b| {
        let da = (a.before as i64 - a.after as i64).abs();
        let db = (b.before as i64 - b.after as i64).abs();
        db.cmp(&da).then(a.id.cmp(&b.id))
    });
    shifts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_spearman_is_one_for_monotone_data() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), vec![1.0, 4.0, 2.5, 2.5]);
        let r = pearson(
            &ranks(&[1.0, 2.0, 3.0, 4.0]),
            &ranks(&[10.0, 20.0, 35.0, 90.0]),
        );
        assert!((r.unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn labels_from_csv_and_toml() {
        let l = Labels::parse("l.csv", "id,label\na,reliable\nb,unreliable\nc,0.7\n").unwrap();
        assert_eq!(l.grades["a"], 1.0);
        assert_eq!(l.grades["b"], 0.0);
        assert_eq!(l.grades["c"], 0.7);
        let l = Labels::parse("l.toml", "[labels]\na = \"reliable\"\nb = 0.25\n").unwrap();
        assert_eq!(l.grades["b"], 0.25);
        let err = Labels::parse("l.csv", "id,label\na,maybe\n").unwrap_err();
        assert_eq!(
            err,
            "l.csv:2: label \"maybe\" is not reliable/unreliable or a grade in [0, 1]"
        );
    }
}
