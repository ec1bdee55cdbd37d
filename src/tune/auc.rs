//! ROC AUC of scores against two classes, with DeLong's standard errors: for one set of
//! scores, and for the difference between two scorings of the same articles (paired, so
//! the articles both find hard do not count twice against the difference).

use serde::Serialize;

/// The two-sided 95% normal quantile.
const Z95: f64 = 1.959_963_984_540_054;

/// An estimate with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    fn normal(value: f64, variance: f64, bounds: (f64, f64)) -> Estimate {
        let half = Z95 * variance.max(0.0).sqrt();
        Estimate {
            value,
            low: (value - half).max(bounds.0),
            high: (value + half).min(bounds.1),
        }
    }
}

/// Scores of the articles labelled reliable and of those labelled unreliable, in a fixed
/// order so that two scorings of the same articles can be paired.
pub struct Classes<'a> {
    pub reliable: &'a [f64],
    pub unreliable: &'a [f64],
}

/// 1 when the reliable article outscores the unreliable one, ½ on a tie: the AUC is the
/// mean over all pairs, as `credence eval` counts it.
fn win(reliable: f64, unreliable: f64) -> f64 {
    if reliable > unreliable {
        1.0
    } else if reliable == unreliable {
        0.5
    } else {
        0.0
    }
}

/// DeLong's placements: each reliable article's share of unreliable ones it outscores, and
/// each unreliable article's share of reliable ones that outscore it.
struct Placements {
    reliable: Vec<f64>,
    unreliable: Vec<f64>,
}

impl Placements {
    fn of(c: &Classes<'_>) -> Placements {
        let (m, n) = (c.reliable.len() as f64, c.unreliable.len() as f64);
        let reliable = c
            .reliable
            .iter()
            .map(|&r| c.unreliable.iter().map(|&u| win(r, u)).sum::<f64>() / n)
            .collect();
        let unreliable = c
            .unreliable
            .iter()
            .map(|&u| c.reliable.iter().map(|&r| win(r, u)).sum::<f64>() / m)
            .collect();
        Placements {
            reliable,
            unreliable,
        }
    }

    fn auc(&self) -> f64 {
        self.reliable.iter().sum::<f64>() / self.reliable.len() as f64
    }
}

/// Sample covariance (n − 1).
fn covariance(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if a.len() < 2 {
        return 0.0;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - ma) * (y - mb))
        .sum::<f64>()
        / (n - 1.0)
}

/// DeLong's covariance of two AUCs over the same articles.
fn delong(a: &Placements, b: &Placements) -> f64 {
    covariance(&a.reliable, &b.reliable) / a.reliable.len() as f64
        + covariance(&a.unreliable, &b.unreliable) / a.unreliable.len() as f64
}

/// The AUC; `None` when a class is empty.
pub fn auc(c: &Classes<'_>) -> Option<f64> {
    (!c.reliable.is_empty() && !c.unreliable.is_empty()).then(|| Placements::of(c).auc())
}

/// The AUC with its 95% interval; `None` when a class is empty.
pub fn auc_interval(c: &Classes<'_>) -> Option<Estimate> {
    auc(c)?;
    let p = Placements::of(c);
    Some(Estimate::normal(p.auc(), delong(&p, &p), (0.0, 1.0)))
}

/// The AUC of `b` minus that of `a`, scored on the same articles in the same order, with
/// its 95% interval.
pub fn auc_difference(a: &Classes<'_>, b: &Classes<'_>) -> Option<Estimate> {
    auc(a)?;
    let (pa, pb) = (Placements::of(a), Placements::of(b));
    let variance = delong(&pa, &pa) + delong(&pb, &pb) - 2.0 * delong(&pa, &pb);
    Some(Estimate::normal(pb.auc() - pa.auc(), variance, (-1.0, 1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_wins_and_half_ties() {
        let c = Classes {
            reliable: &[0.9, 0.5, 0.4],
            unreliable: &[0.5, 0.1],
        };
        // 0.9 beats both; 0.5 ties one, beats one; 0.4 beats one: (2 + 1.5 + 1) / 6.
        assert!((auc(&c).unwrap() - 4.5 / 6.0).abs() < 1e-12);
        assert_eq!(
            auc(&Classes {
                reliable: &[],
                unreliable: &[1.0]
            }),
            None
        );
    }

    /// DeLong's variance for the AUC of a small set worked by hand: placements of the
    /// reliable (1, 0.5, 0.5) and unreliable (1, 1/3), AUC 2/3; variances 1/12 and 2/9
    /// (n − 1); var = (1/12)/3 + (2/9)/2 = 1/36 + 1/9. So few articles give an interval
    /// wider than [0, 1], which is cut to it.
    #[test]
    fn the_interval_is_delongs() {
        let c = Classes {
            reliable: &[3.0, 2.0, 1.5],
            unreliable: &[1.0, 2.5],
        };
        let p = Placements::of(&c);
        assert!((p.auc() - 2.0 / 3.0).abs() < 1e-12);
        assert!((delong(&p, &p) - (1.0 / 36.0 + 1.0 / 9.0)).abs() < 1e-12);
        let e = auc_interval(&c).unwrap();
        assert_eq!((e.low, e.high), (0.0, 1.0));
        // Twelve copies of each article: the same AUC, placements as spread, and the
        // variance divided by about twelve, so the interval fits inside [0, 1].
        let reliable: Vec<f64> = c.reliable.iter().flat_map(|&v| [v; 12]).collect();
        let unreliable: Vec<f64> = c.unreliable.iter().flat_map(|&v| [v; 12]).collect();
        let many = Classes {
            reliable: &reliable,
            unreliable: &unreliable,
        };
        let p = Placements::of(&many);
        // Reliable: 36 placements, squares summing to 12 × 1/6 = 2; unreliable: 24, to 24/9.
        let var = (2.0 / 35.0) / 36.0 + (24.0 / 9.0 / 23.0) / 24.0;
        assert!((delong(&p, &p) - var).abs() < 1e-12, "{}", delong(&p, &p));
        let e = auc_interval(&many).unwrap();
        assert!(
            (e.high - e.low - 2.0 * Z95 * var.sqrt()).abs() < 1e-12,
            "{e:?}"
        );
    }

    #[test]
    fn a_scoring_against_itself_differs_by_nothing_with_no_spread() {
        let c = Classes {
            reliable: &[0.9, 0.7, 0.4, 0.8],
            unreliable: &[0.5, 0.1, 0.6],
        };
        let d = auc_difference(&c, &c).unwrap();
        assert_eq!((d.value, d.low, d.high), (0.0, 0.0, 0.0));
        // A scoring that separates perfectly gains on one that does not.
        let better = Classes {
            reliable: &[0.9, 0.7, 0.65, 0.8],
            unreliable: &[0.5, 0.1, 0.6],
        };
        let d = auc_difference(&c, &better).unwrap();
        assert!((d.value - (1.0 - auc(&c).unwrap())).abs() < 1e-12);
        assert!(d.low < d.value && d.value < d.high);
    }
}
