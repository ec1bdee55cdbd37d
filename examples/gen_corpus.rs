//! Writes a synthetic JSONL corpus for benchmarks to standard output.
//!
//! `cargo run --release --example gen_corpus -- ARTICLES [PER_STORY] [SEED] > corpus.jsonl`

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let articles: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let per_story: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // In chunks, so a million articles never sit in memory at once.
    let chunk = 10_000;
    let mut done = 0;
    while done < articles {
        let n = chunk.min(articles - done);
        let text = corpus::generate(n, per_story, seed.wrapping_add(done as u64), done);
        let _ = out.write_all(text.as_bytes());
        done += n;
    }
}
