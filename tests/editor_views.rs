//! What editors read, pinned as expected output files in tests/expected/: the explain view,
//! the ranked table, Markdown, the outlet roll-up and the eval report. Run with
//! UPDATE_EXPECTED=1 to rewrite them after an intended change, then review the diff.

mod common;

use common::{command, project};

fn run(args: &[&str]) -> (String, Option<i32>) {
    let out = command(project())
        .args(args)
        .arg("--no-config")
        .output()
        .expect("credence runs");
    // Timings vary from run to run.
    let re = regex::Regex::new(r"\d+\.\d\d s\b").unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    (re.replace_all(&text, "T s").into_owned(), out.status.code())
}

fn expect(name: &str, args: &[&str]) {
    let (got, code) = run(args);
    assert_eq!(code, Some(0), "{args:?} failed");
    let path = project().join("tests/expected").join(name);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_EXPECTED=1", path.display()));
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name} differs from tests/expected/{name} at line {}:\n  expected: {:?}\n  got:      {:?}\n(UPDATE_EXPECTED=1 rewrites it)",
            first + 1,
            want.lines().nth(first).unwrap_or(""),
            got.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn explain_of_the_padded_seed() {
    expect(
        "explain-padded-seed.txt",
        &[
            "explain",
            "fixtures/istanbul-talks/004_4349d80792578b3b.txt",
        ],
    );
}

#[test]
fn ranked_table_of_the_seeds() {
    expect(
        "score-seeds-table.txt",
        &["score", "fixtures/istanbul-talks"],
    );
}

#[test]
fn markdown_table_with_filters() {
    expect(
        "score-eval-markdown.txt",
        &[
            "score",
            "fixtures/eval-set",
            "--format",
            "markdown",
            "--max-score",
            "90",
            "--category",
            "sourcing",
        ],
    );
}

#[test]
fn outlet_rollup() {
    expect(
        "sources-eval-set.txt",
        &["sources", "fixtures/eval-set", "--min-sample", "2"],
    );
}

#[test]
fn eval_against_labels() {
    expect(
        "eval-set.txt",
        &[
            "eval",
            "fixtures/eval-set",
            "--labels",
            "fixtures/eval-set/labels.csv",
        ],
    );
}
