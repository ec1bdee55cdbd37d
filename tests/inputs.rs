//! What credence reads from a folder or a file as a user gives it: empty inputs, the
//! folder's own documents, files it cannot read and says why, saved web pages and feeds.

mod common;

use common::command;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn credence_in(dir: &Path, args: &[&str]) -> Output {
    command(dir)
        .args(args)
        .arg("--no-config")
        .output()
        .expect("credence runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

fn scratch(name: &str) -> common::Scratch {
    common::scratch("inputs", name)
}

/// The ids of the articles in a JSON report.
fn ids(report: &Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// The errors of a JSON report as "file: message", the file by its name alone.
fn errors(report: &Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let path = e["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            format!("{name}: {}", e["message"].as_str().unwrap())
        })
        .collect()
}

const STORY: &str = "Bridge reopens after repairs\n\nThe city said the bridge reopened on Monday after 14 weeks of repairs.\n";

#[test]
fn a_folder_with_no_article_is_an_error_in_every_command() {
    let dir = scratch("empty");
    std::fs::create_dir(dir.join("inbox")).unwrap();
    for command in ["score", "sources", "stories", "extract"] {
        let out = credence_in(&dir, &[command, "inbox"]);
        assert_eq!(out.status.code(), Some(1), "{command}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "error: no articles found in inbox\n",
            "{command}"
        );
        assert_eq!(stdout(&out), "", "{command}");
    }
    // A feed with nothing in it is no better.
    std::fs::write(dir.join("empty.jsonl"), "\n\n").unwrap();
    let out = credence_in(&dir, &["score", "empty.jsonl", "--stream"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("error: no articles found in empty.jsonl\n"));
    // With an article, the same folder scores as before.
    std::fs::write(dir.join("inbox/bridge.txt"), STORY).unwrap();
    let out = credence_in(&dir, &["score", "inbox", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&json(&out)), ["bridge"]);
}

#[test]
fn inputs_that_all_fail_are_listed_and_said_to_hold_no_article() {
    let dir = scratch("all-fail");
    std::fs::write(dir.join("blank.txt"), "   \n").unwrap();
    let out = credence_in(&dir, &["score", "blank.txt", "missing.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(
        errors(&report),
        ["blank.txt: no text", "missing.txt: no such file or directory"]
    );
    assert!(
        stderr(&out).contains("error: no articles found in blank.txt, missing.txt\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folders_own_documents_are_not_articles() {
    let dir = scratch("docs");
    for doc in ["README.md", "LICENSE", "CHANGELOG.txt", "CONTRIBUTING.md", "readme.txt"] {
        std::fs::write(dir.join(doc), "Notes on this folder\n\nIt holds 3 articles.\n").unwrap();
    }
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "error: no articles found in .\n");
    // An article whose name only starts like one is still read, and so is a README given
    // by name.
    std::fs::write(dir.join("license-fees-rise.txt"), STORY).unwrap();
    let out = credence_in(&dir, &["score", ".", "README.md", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("warning").count(), 0, "{}", stderr(&out));
    let mut read = ids(&json(&out));
    read.sort();
    assert_eq!(read, ["README", "license-fees-rise"]);
}

#[test]
fn files_not_read_in_a_folder_are_named_with_their_reason() {
    let dir = scratch("unread");
    std::fs::write(dir.join("bridge.txt"), STORY).unwrap();
    std::fs::write(dir.join("report.pdf"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n").unwrap();
    // A PDF saved without its extension is known by its first bytes.
    std::fs::write(dir.join("scan"), b"%PDF-1.4\n").unwrap();
    std::fs::write(dir.join("photo.jpg"), b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00").unwrap();
    // Labels kept beside the articles are text of another kind: passed over, as before.
    std::fs::write(dir.join("labels.csv"), "id,label\nbridge,reliable\n").unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(ids(&report), ["bridge"]);
    assert_eq!(
        errors(&report),
        [
            "photo.jpg: binary file (NUL byte at offset 4); not read",
            "report.pdf: PDF is not read; extract its text first",
            "scan: PDF is not read; extract its text first",
        ]
    );
    // Given directly, the same message.
    let out = credence_in(&dir, &["score", "report.pdf", "bridge.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        errors(&json(&out)),
        ["report.pdf: PDF is not read; extract its text first"]
    );
}

#[test]
fn feed_dates_are_read_as_published_dates() {
    let dir = scratch("dates");
    std::fs::write(
        dir.join("feed.jsonl"),
        concat!(
            r#"{"id":"rfc2822","text":"The bridge reopened.","published":"Mon, 30 Nov 2026 08:15:00 GMT"}"#,
            "\n",
            r#"{"id":"offset","text":"The bridge reopened.","published":"2026-11-30T23:30:00-05:00"}"#,
            "\n",
            r#"{"id":"bad","text":"The bridge reopened.","published":"the 30th"}"#,
            "\n",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("front.md"),
        "---\ntitle: Bridge reopens\npublished: Tue, 1 Dec 2026 09:00:00 +0100\n---\nThe bridge reopened.\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    let report = json(&out);
    let published = |id: &str| {
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} not scored"))["published"]
            .clone()
    };
    assert_eq!(published("rfc2822"), "2026-11-30");
    // The day as the outlet wrote it, not moved to UTC.
    assert_eq!(published("offset"), "2026-11-30");
    assert_eq!(published("front"), "2026-12-01");
    assert_eq!(
        errors(&report),
        [r#"feed.jsonl: `published` is not a date (YYYY-MM-DD, RFC 3339 or RFC 2822): "the 30th""#]
    );
}
