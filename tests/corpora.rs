//! Every command over the real article sets beside the project (../shared/corpora and
//! ../shared/seeds): none may crash, and each must produce its output. Skipped, with a
//! notice, where the sets are not there.

mod common;

use common::{command, project};
use std::path::PathBuf;

use common::shared;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = command(project())
        .args(args)
        .arg("--no-config")
        .output()
        .expect("credence runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_command_on_every_shared_set() {
    let sets: Vec<PathBuf> = ["corpora/mh370", "corpora/galaxy-s5", "seeds"]
        .iter()
        .filter_map(|d| shared(d))
        .collect();
    if sets.is_empty() {
        return;
    }
    for set in &sets {
        let dir = set.display().to_string();
        for args in [
            vec!["score", &dir],
            vec!["score", &dir, "--format", "json"],
            vec!["score", &dir, "--format", "jsonl"],
            vec!["score", &dir, "--format", "markdown"],
            vec!["score", &dir, "--cluster", "--format", "json"],
            vec!["sources", &dir],
            vec!["stories", &dir],
            vec!["stories", &dir, "--cluster", "--format", "json"],
            vec!["extract", &dir],
        ] {
            let (code, out, err) = run(&args);
            assert_eq!(code, Some(0), "{args:?} failed: {err}");
            assert!(!out.trim().is_empty(), "{args:?} printed nothing");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        // Every article explained, one by one.
        let mut files: Vec<PathBuf> = std::fs::read_dir(set)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let file = f.display().to_string();
            let (code, out, err) = run(&["explain", &file]);
            assert_eq!(code, Some(0), "explain {file}: {err}");
            assert!(out.contains("score "), "explain {file} printed no total");
            let (code, out, _) = run(&["explain", &file, "--format", "json"]);
            assert_eq!(code, Some(0));
            assert!(out.contains("\"findings\""));
        }
    }
}
