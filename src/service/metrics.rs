//! The service's counters in the Prometheus text format: requests by route and status,
//! their durations as a histogram, articles scored, scores moved and requests refused.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the duration buckets, in seconds.
const BOUNDS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Per bucket (and one past the last), requests that took at most its bound.
    buckets: [AtomicU64; BOUNDS.len() + 1],
    seconds_micros: AtomicU64,
    scored: AtomicU64,
    moved: AtomicU64,
    refused: AtomicU64,
    commits: AtomicU64,
    /// Kept articles whose analyses are in memory, their estimated bytes, and the budget.
    kept_articles: AtomicU64,
    kept_bytes: AtomicU64,
    memory_limit: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, route: &str, status: u16, took: Duration) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((route.to_string(), status)).or_default() += 1;
        }
        let seconds = took.as_secs_f64();
        let bucket = BOUNDS
            .iter()
            .position(|&b| seconds <= b)
            .unwrap_or(BOUNDS.len());
        self.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        self.seconds_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn scored(&self, articles: usize, moved: usize) {
        self.scored.fetch_add(articles as u64, Ordering::Relaxed);
        self.moved.fetch_add(moved as u64, Ordering::Relaxed);
    }

    /// A group of posts committed (one transaction).
    pub fn committed(&self) {
        self.commits.fetch_add(1, Ordering::Relaxed);
    }

    pub fn kept(&self, articles: usize, bytes: usize) {
        self.kept_articles.store(articles as u64, Ordering::Relaxed);
        self.kept_bytes.store(bytes as u64, Ordering::Relaxed);
    }

    pub fn memory_limit(&self, bytes: usize) {
        self.memory_limit.store(bytes as u64, Ordering::Relaxed);
    }

    pub fn refused(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP credence_requests_total Requests answered, by route and status.\n# TYPE credence_requests_total counter"
        );
        if let Ok(r) = self.requests.lock() {
            for ((route, status), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "credence_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                    route.replace('\\', "\\\\").replace('"', "\\\"")
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP credence_request_seconds Time to answer a request.\n# TYPE credence_request_seconds histogram"
        );
        let mut cumulative = 0;
        for (i, bound) in BOUNDS.iter().enumerate() {
            cumulative += self.buckets[i].load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "credence_request_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        cumulative += self.buckets[BOUNDS.len()].load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "credence_request_seconds_bucket{{le=\"+Inf\"}} {cumulative}"
        );
        let _ = writeln!(
            out,
            "credence_request_seconds_sum {}",
            self.seconds_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "credence_request_seconds_count {cumulative}");
        for (name, help, value) in [
            (
                "credence_articles_scored_total",
                "Articles scored and recorded.",
                &self.scored,
            ),
            (
                "credence_scores_moved_total",
                "Earlier articles re-scored because a newcomer moved their story's consensus.",
                &self.moved,
            ),
            (
                "credence_commits_total",
                "Commits of the history: posts waiting together share one.",
                &self.commits,
            ),
            (
                "credence_requests_refused_total",
                "Posts refused for bad input; nothing of them was recorded.",
                &self.refused,
            ),
        ] {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                value.load(Ordering::Relaxed)
            );
        }
        for (name, help, value) in [
            (
                "credence_kept_articles",
                "Kept articles whose analyses are held in memory.",
                &self.kept_articles,
            ),
            (
                "credence_kept_bytes",
                "Estimated memory of the kept analyses, evicted oldest first past the limit.",
                &self.kept_bytes,
            ),
            (
                "credence_memory_limit_bytes",
                "The budget of the kept analyses (--memory-limit).",
                &self.memory_limit,
            ),
        ] {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {}",
                value.load(Ordering::Relaxed)
            );
        }
        out
    }
}
