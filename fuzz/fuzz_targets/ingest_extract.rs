//! Any bytes as an input file: decoding, front matter, the text model, extraction and
//! every rule must not panic, and every span must lie inside the text.
#![no_main]

use credence::ingest::{load_jsonl_reader, parse_file_contents};
use credence::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static R: OnceLock<Pipeline> = OnceLock::new();
    R.get_or_init(|| Pipeline::embedded().expect("the embedded rules load"))
}

fuzz_target!(|data: &[u8]| {
    let mut articles = Vec::new();
    if let Ok((text, _)) = credence::ingest::decode(data) {
        articles.extend(parse_file_contents("fuzz.md", &text).articles);
        articles.extend(parse_file_contents("fuzz.json", &text).articles);
    }
    articles.extend(load_jsonl_reader(data, "fuzz.jsonl", Some("fuzz.jsonl"), 1 << 20).articles);
    for a in &mut articles {
        a.story = Some("fuzz".into());
    }
    for scored in pipeline().score_articles(&articles) {
        assert!((0.0..=100.0).contains(&scored.score));
        for f in &scored.findings {
            assert!(f.points.is_finite());
        }
    }
});
