//! The progress line a long run draws on a terminal.

/// "analysed 12,000 of 38,236 · scored 0 · 2,100 articles/s · about 12 s left"; while a
/// stream is still being indexed, "read 120,000 records".
pub fn progress_line(
    total: Option<usize>,
    read: usize,
    analysed: usize,
    scored: usize,
    elapsed: f64,
) -> String {
    let total = match total {
        Some(t) => t,
        None if analysed == 0 => return format!("read {} records", thousands(read)),
        None => read,
    };
    // Each article is analysed, then scored: two steps of work.
    let work = (analysed + scored) as f64;
    let rate = work / 2.0 / elapsed.max(1e-3);
    let mut line = format!(
        "analysed {} of {} · scored {} · {} articles/s",
        thousands(analysed),
        thousands(total),
        thousands(scored),
        thousands(rate as usize)
    );
    if work > 0.0 {
        let left = elapsed * (2.0 * total as f64 - work).max(0.0) / work;
        line.push_str(&format!(" · about {left:.0} s left"));
    }
    line
}

/// 38236 → "38,236".
pub fn thousands(n: usize) -> String {
    crate::text::group_digits(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_rates_and_estimates() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(38236), "38,236");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(crate::text::group_digits("-123"), "-123");
        assert_eq!(crate::text::group_digits("-1234"), "-1,234");
        // Half the work (all analysed) in 2 s: 2,000 articles a second, 2 s left.
        assert_eq!(
            progress_line(Some(4000), 0, 4000, 0, 2.0),
            "analysed 4,000 of 4,000 · scored 0 · 1,000 articles/s · about 2 s left"
        );
        // A stream still being read has no total yet.
        assert_eq!(
            progress_line(None, 120_000, 0, 0, 1.0),
            "read 120,000 records"
        );
        // Once it is analysing, what was read is the total.
        assert!(progress_line(None, 500, 100, 0, 1.0).contains("of 500"));
    }
}
