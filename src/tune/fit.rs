//! Rule weights fitted to labels by L2-regularised logistic regression on the score's own
//! loss.
//!
//! The score is a decreasing function of one sum, x = max(0, baseline + sourcing −
//! credits) + other debits, each term a rule's weight times what it adds per unit of
//! weight (its features). So the model is P(unreliable) = σ(a + κ·x(w)): a fit of the
//! weights that ranks articles exactly as the score will once they are written back,
//! credits' offset against the baseline and all. κ (logits per raw point) and a are fitted
//! first with the weights in force; then a and the weights, each weight ≥ 0 and held
//! toward the one in force by the L2 penalty, so a rule the labels say nothing about (one
//! that never fired on them) keeps its weight. Deterministic: projected gradient descent
//! with backtracking, from the weights in force.

use crate::config::Category;

/// How a rule's points enter the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Added to the loss whatever the credits (unsupported, contradiction, consensus,
    /// plausibility, style).
    Debit,
    /// Added to what credits may offset (anonymous sources, quotes with no speaker).
    Sourcing,
    /// Offsets the baseline and the sourcing debits (evidence).
    Credit,
}

impl Side {
    pub fn of(category: Category) -> Side {
        match category {
            Category::Evidence => Side::Credit,
            Category::Sourcing => Side::Sourcing,
            _ => Side::Debit,
        }
    }
}

/// A fitting problem: per article, its features (what each rule adds per unit weight) and
/// whether it is labelled unreliable.
pub struct Problem<'a> {
    pub rows: Vec<&'a [f64]>,
    pub unreliable: Vec<bool>,
    pub sides: &'a [Side],
    /// The scoring's baseline, in raw points.
    pub baseline: f64,
    /// The weights in force: where the fit starts and what the penalty holds it toward.
    pub start: &'a [f64],
    /// The L2 penalty's strength, per article (the loss is the mean log-loss).
    pub l2: f64,
}

/// Iterations of gradient descent at most; a fit on a few hundred articles converges in
/// far fewer.
const MAX_ITERATIONS: usize = 20_000;
/// Stop when no parameter moves by more than this in a step.
const TOLERANCE: f64 = 1e-10;

/// x(w): the loss argument of one article under weights `w` (in any unit, with the
/// baseline in the same), and whether the credits' offset is open (baseline + sourcing −
/// credits > 0, so sourcing and credits still move x).
fn loss_argument(row: &[f64], w: &[f64], sides: &[Side], baseline: f64) -> (f64, bool) {
    let (mut offsettable, mut debits) = (baseline, 0.0);
    for ((x, w), side) in row.iter().zip(w).zip(sides) {
        match side {
            Side::Debit => debits += w * x,
            Side::Sourcing => offsettable += w * x,
            Side::Credit => offsettable -= w * x,
        }
    }
    (offsettable.max(0.0) + debits, offsettable > 0.0)
}

/// log(1 + e^η), without overflow.
fn softplus(eta: f64) -> f64 {
    if eta > 0.0 {
        eta + (-eta).exp().ln_1p()
    } else {
        eta.exp().ln_1p()
    }
}

fn sigmoid(eta: f64) -> f64 {
    1.0 / (1.0 + (-eta).exp())
}

/// The fitted weights, in raw points like those in force.
pub fn fit(p: &Problem<'_>) -> Vec<f64> {
    let (a, kappa) = calibrate(p);
    // Parameters: the intercept, then the weights in logits per unit feature (θ = κ·w).
    let prior: Vec<f64> = p.start.iter().map(|w| kappa * w).collect();
    let baseline = kappa * p.baseline;
    let n = p.rows.len() as f64;
    let objective = |params: &[f64]| -> f64 {
        let theta = &params[1..];
        let data: f64 = p
            .rows
            .iter()
            .zip(&p.unreliable)
            .map(|(row, &y)| {
                let eta = params[0] + loss_argument(row, theta, p.sides, baseline).0;
                softplus(eta) - if y { eta } else { 0.0 }
            })
            .sum::<f64>()
            / n;
        let penalty: f64 = theta
            .iter()
            .zip(&prior)
            .map(|(t, t0)| (t - t0).powi(2))
            .sum();
        data + 0.5 * p.l2 * penalty
    };
    let gradient = |params: &[f64]| -> Vec<f64> {
        let theta = &params[1..];
        let mut g = vec![0.0; params.len()];
        for (row, &y) in p.rows.iter().zip(&p.unreliable) {
            let (x, open) = loss_argument(row, theta, p.sides, baseline);
            let r = (sigmoid(params[0] + x) - if y { 1.0 } else { 0.0 }) / n;
            g[0] += r;
            for ((gr, xr), side) in g[1..].iter_mut().zip(row.iter()).zip(p.sides) {
                *gr += r * match side {
                    Side::Debit => *xr,
                    Side::Sourcing if open => *xr,
                    Side::Credit if open => -*xr,
                    _ => 0.0,
                };
            }
        }
        for ((gr, t), t0) in g[1..].iter_mut().zip(theta).zip(&prior) {
            *gr += p.l2 * (t - t0);
        }
        g
    };
    let mut params: Vec<f64> = std::iter::once(a).chain(prior.iter().copied()).collect();
    let mut f = objective(&params);
    let mut step = 1.0;
    for _ in 0..MAX_ITERATIONS {
        let g = gradient(&params);
        // Backtrack until the projected step decreases the objective enough (Armijo on
        // the projected step), then try a longer one next time.
        let accepted = loop {
            let candidate: Vec<f64> = params
                .iter()
                .zip(&g)
                .enumerate()
                .map(|(i, (v, gi))| {
                    let moved = v - step * gi;
                    if i == 0 { moved } else { moved.max(0.0) }
                })
                .collect();
            let moved: f64 = candidate
                .iter()
                .zip(&params)
                .zip(&g)
                .map(|((c, v), gi)| gi * (c - v) + (c - v).powi(2) / (2.0 * step))
                .sum();
            let fc = objective(&candidate);
            if fc <= f + moved || step < 1e-12 {
                break (candidate, fc);
            }
            step *= 0.5;
        };
        let largest_move = accepted
            .0
            .iter()
            .zip(&params)
            .map(|(c, v)| (c - v).abs())
            .fold(0.0, f64::max);
        (params, f) = accepted;
        if largest_move < TOLERANCE {
            break;
        }
        step *= 1.5;
    }
    params[1..].iter().map(|t| t / kappa).collect()
}

/// The ridge on κ's standardised slope in `calibrate`: only enough that labels which x
/// separates perfectly do not send κ to infinity. Not the fit's penalty, which is measured
/// in κ's units and would otherwise shrink the unit it is measured in.
const CALIBRATION_L2: f64 = 0.01;

/// The intercept and κ of a logistic fit of the labels on x under the weights in force,
/// x standardised and its slope held by a slight ridge (`CALIBRATION_L2`). When x does not rank the labels the
/// right way round, one standard deviation of x is taken as one logit: the weights still
/// need a unit, and the fit then moves them from there.
fn calibrate(p: &Problem<'_>) -> (f64, f64) {
    let x: Vec<f64> = p
        .rows
        .iter()
        .map(|row| loss_argument(row, p.start, p.sides, p.baseline).0)
        .collect();
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    let sd = if sd > 0.0 { sd } else { 1.0 };
    let z: Vec<f64> = x.iter().map(|v| (v - mean) / sd).collect();
    // Newton's method on (a, b) for σ(a + b·z), the mean log-loss plus l2/2·b².
    let (mut a, mut b) = (0.0, 0.0);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (zi, &y) in z.iter().zip(&p.unreliable) {
            let s = sigmoid(a + b * zi);
            let r = s - if y { 1.0 } else { 0.0 };
            let w = s * (1.0 - s);
            ga += r / n;
            gb += r * zi / n;
            haa += w / n;
            hab += w * zi / n;
            hbb += w * zi * zi / n;
        }
        gb += CALIBRATION_L2 * b;
        hbb += CALIBRATION_L2;
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-300 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs().max(db.abs()) < 1e-12 {
            break;
        }
    }
    let kappa = b / sd;
    if kappa > 1e-9 {
        // σ(a + b·(x − mean)/sd) = σ(a − κ·mean + κ·x).
        (a - kappa * mean, kappa)
    } else {
        (a - mean / sd, 1.0 / sd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two debits and a credit: the labels follow the first debit and the credit; the
    /// second debit fires as often on either side.
    fn rows() -> (Vec<Vec<f64>>, Vec<bool>) {
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..80 {
            let unreliable = i % 2 == 0;
            let signal = if unreliable { (i % 5) as f64 } else { 0.0 };
            let noise = (i % 3) as f64;
            let credit = if unreliable {
                0.0
            } else {
                1.0 + (i % 4) as f64
            };
            rows.push(vec![signal, noise, credit]);
            labels.push(unreliable);
        }
        (rows, labels)
    }

    #[test]
    fn weights_rise_on_signal_fall_on_noise_and_stay_non_negative() {
        let (rows, unreliable) = rows();
        let sides = [Side::Debit, Side::Debit, Side::Credit];
        let start = [1.0, 3.0, 0.5];
        let w = fit(&Problem {
            rows: rows.iter().map(Vec::as_slice).collect(),
            unreliable,
            sides: &sides,
            baseline: 5.0,
            start: &start,
            l2: 0.01,
        });
        assert!(w[0] > start[0], "{w:?}");
        assert!(w[1] < start[1], "{w:?}");
        assert!(w[2] > start[2], "{w:?}");
        assert!(w.iter().all(|&v| v >= 0.0), "{w:?}");
    }

    #[test]
    fn a_strong_penalty_keeps_the_weights_in_force() {
        let (rows, unreliable) = rows();
        let sides = [Side::Debit, Side::Debit, Side::Credit];
        let start = [1.0, 3.0, 0.5];
        let w = fit(&Problem {
            rows: rows.iter().map(Vec::as_slice).collect(),
            unreliable,
            sides: &sides,
            baseline: 5.0,
            start: &start,
            l2: 1e6,
        });
        for (v, s) in w.iter().zip(&start) {
            assert!((v - s).abs() < 1e-3, "{w:?}");
        }
    }

    #[test]
    fn credits_past_the_offset_move_nothing() {
        // The baseline is offset entirely: x is the debits alone, whatever the credit's
        // or the sourcing debit's weight.
        let (x, open) = loss_argument(
            &[2.0, 1.0, 10.0],
            &[1.0, 1.0, 1.0],
            &[Side::Debit, Side::Sourcing, Side::Credit],
            4.0,
        );
        assert_eq!((x, open), (2.0, false));
        let (x, open) = loss_argument(
            &[2.0, 1.0, 1.0],
            &[1.0, 1.0, 1.0],
            &[Side::Debit, Side::Sourcing, Side::Credit],
            4.0,
        );
        assert_eq!((x, open), (6.0, true));
    }
}
