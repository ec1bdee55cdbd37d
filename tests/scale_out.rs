//! The Spark job against one machine: `scripts/spark-local.sh` scores a generated feed of
//! 20,000 articles in 500 stories (with a few lines that are not articles) in Spark's local
//! mode and with the binary alone, and must find them identical.
//!
//! The script installs pyspark (in a virtual environment under target/) and Java when they
//! are missing, which takes a download and a few minutes, so a plain `cargo test` ignores
//! this test; CI runs it with `cargo test -- --include-ignored`.

#[path = "../benches/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs Spark (pyspark and Java, installed on first run): cargo test --test scale_out -- --include-ignored"]
fn spark_scores_a_feed_exactly_as_one_machine_does() {
    let dir = std::env::temp_dir().join(format!("credence-spark-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("feed.jsonl");
    let mut text = corpus::generate(20_000, 40, 7, 0);
    // Lines that are not articles become error rows, in Spark as on one machine.
    text.push_str(
        "this line is not JSON\n[1, 2, 3]\n{\"id\": \"no-text\", \"story\": \"story-3\"}\n",
    );
    std::fs::write(&feed, text).unwrap();
    let (code, stdout, stderr) = spark_local(&feed, &[]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("identical: 20000 articles, 3 errors"),
        "{stdout}\n{stderr}"
    );
    // The streaming query, on a smaller feed arriving in two files: each micro-batch scores
    // its new articles with the earlier articles of their stories.
    let small = dir.join("small.jsonl");
    std::fs::write(&small, corpus::generate(2_000, 40, 11, 0)).unwrap();
    let (code, stdout, stderr) = spark_local(&small, &["--stream"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("identical: 2000 articles in 2 micro-batches"),
        "{stdout}\n{stderr}"
    );
}

/// `scripts/spark-local.sh FEED 2 ARGS` with this build's binary: exit code, stdout, stderr.
fn spark_local(feed: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("scripts/spark-local.sh"))
        .arg(feed)
        .arg("2")
        .args(args)
        .env("CREDENCE_BIN", env!("CARGO_BIN_EXE_credence"))
        .output()
        .expect("bash runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
