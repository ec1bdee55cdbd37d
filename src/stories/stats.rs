//! Robust centre and spread: the median, and the median absolute deviation scaled to a
//! standard deviation under normality, with statrs.

use statrs::statistics::{Data, Median};

/// Median of the values (NaN-free input expected; NaNs are dropped).
pub fn median(values: &[f64]) -> Option<f64> {
    let clean: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if clean.is_empty() {
        return None;
    }
    Some(Data::new(clean).median())
}

/// 1.4826 × the median absolute deviation from `centre`.
pub fn mad(values: &[f64], centre: f64) -> f64 {
    let deviations: Vec<f64> = values.iter().map(|v| (v - centre).abs()).collect();
    median(&deviations).map_or(0.0, |m| 1.4826 * m)
}

/// How far `x` lies outside the interval `lo..=hi` (0 inside it).
pub fn distance_to_interval(x: f64, lo: f64, hi: f64) -> f64 {
    (lo - x).max(x - hi).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_mad_resist_one_outlier() {
        let values = [130.0, 129.0, 131.0, 1300.0];
        let m = median(&values).unwrap();
        assert_eq!(m, 130.5);
        assert!(mad(&values, m) < 2.0);
        assert_eq!(median(&[]), None);
        assert_eq!(distance_to_interval(5.0, 7.0, 9.0), 2.0);
        assert_eq!(distance_to_interval(12.0, 7.0, 9.0), 3.0);
        assert_eq!(distance_to_interval(8.0, 7.0, 9.0), 0.0);
    }
}
