//! Times each stage of `credence score` on one JSONL or text file, in process: reading,
//! analysis, grouping, rules and scoring, JSON. For finding where a run's time goes
//! (`RAYON_NUM_THREADS=1` for one core; under `valgrind --tool=callgrind` for instruction
//! counts that a noisy machine does not blur).
//!
//! `cargo run --release --example phases -- feed.jsonl`

use credence::{Grouping, Pipeline};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        std::process::exit(2);
    };
    let pipeline = Pipeline::embedded().expect("the embedded rules load");
    let started = Instant::now();
    let loaded = pipeline.read(&[path]);
    let read = started.elapsed();
    let analyses = pipeline.analyse(&loaded.articles);
    let analysed = started.elapsed();
    let stories = pipeline.stories(&loaded.articles, &analyses, Grouping::Directory);
    let grouped = started.elapsed();
    let scored = pipeline.score(&loaded.articles, &analyses, &stories);
    let done = started.elapsed();
    let mut out = Vec::new();
    for a in &scored {
        serde_json::to_writer(&mut out, a).expect("serialises");
        out.push(b'\n');
    }
    let written = started.elapsed();
    let findings: usize = scored.iter().map(|a| a.findings.len()).sum();
    let n = scored.len();
    drop(stories);
    drop(analyses);
    let freed_analyses = started.elapsed();
    drop(loaded);
    drop(scored);
    let freed = started.elapsed();
    eprintln!(
        "read {:?} analyse {:?} stories {:?} score {:?} json {:?} free analyses {:?} free the rest {:?} ({} articles, {} findings, {} bytes of JSONL)",
        read,
        analysed - read,
        grouped - analysed,
        done - grouped,
        written - done,
        freed_analyses - written,
        freed - freed_analyses,
        n,
        findings,
        out.len()
    );
}
