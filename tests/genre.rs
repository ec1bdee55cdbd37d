//! Opinion, reviews and satire are marked as such in the JSON and the table, from their URL,
//! title or byline, and scored exactly as the same copy filed as news.

mod common;

use common::{command, scratch};
use serde_json::Value;
use std::path::Path;

const BODY: &str = "The city council voted on Monday to reopen the harbour in July, the port \
director, Ana Lind, said. Repairs were reportedly finished early, and the quay wall was \
rebuilt at a cost of $48.5 million.\n\n\"We have tested every crane,\" Lind told reporters.\n";

fn write(dir: &Path, name: &str, url: &str, title: &str, byline: Option<&str>) {
    let byline = byline.map_or(String::new(), |b| format!("{b}\n\n"));
    std::fs::write(
        dir.join(name),
        format!("---\nurl: {url}\nsource: Harbour Post\n---\n{title}\n\n{byline}{BODY}"),
    )
    .unwrap();
}

fn score_json(dir: &Path) -> Value {
    let o = command(dir)
        .args(["score", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn article<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn the_genre_is_marked_in_json_and_table_and_news_has_none() {
    let dir = scratch("genre", "marked");
    let url = "https://harbourpost.example/opinion/2025/06/10/the-quay";
    write(&dir, "column.md", url, "The quay is ours again", None);
    let review_url = "https://harbourpost.example/culture/quay-play";
    write(
        &dir,
        "play.md",
        review_url,
        "Review: a quayside Hamlet",
        None,
    );
    let news_url = "https://harbourpost.example/news/2025/06/10/quay";
    write(
        &dir,
        "byline.md",
        news_url,
        "Why the harbour matters",
        Some("By Jane Doe, Columnist"),
    );
    write(&dir, "news.md", news_url, "Quay to reopen in July", None);
    let report = score_json(&dir);
    assert_eq!(article(&report, "column")["genre"], "opinion");
    assert_eq!(article(&report, "play")["genre"], "review");
    assert_eq!(article(&report, "byline")["genre"], "opinion");
    assert!(
        article(&report, "news").get("genre").is_none(),
        "news carries no genre key"
    );

    let table = command(&dir)
        .args(["--wide", "score", "."])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("column [opinion]"), "{table}");
    assert!(table.contains("play [review]"), "{table}");
    assert!(!table.contains("news ["), "{table}");
    assert!(
        table.contains("[opinion] [review] [satire]: the URL, title or byline says so; not news, though scored as news"),
        "{table}"
    );
    // A batch with no such article has no such note.
    std::fs::remove_file(dir.join("column.md")).unwrap();
    std::fs::remove_file(dir.join("play.md")).unwrap();
    std::fs::remove_file(dir.join("byline.md")).unwrap();
    let table = command(&dir)
        .args(["--wide", "score", "."])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&table.stdout).contains("not news"));
}

#[test]
fn an_opinion_piece_scores_as_the_same_copy_filed_as_news() {
    let opinion = scratch("genre", "opinion");
    let news = scratch("genre", "news");
    let title = "Quay to reopen in July";
    write(
        &opinion,
        "quay.md",
        "https://harbourpost.example/opinion/quay",
        title,
        None,
    );
    write(
        &news,
        "quay.md",
        "https://harbourpost.example/news/quay",
        title,
        None,
    );
    let (o, n) = (score_json(&opinion), score_json(&news));
    let (o, n) = (article(&o, "quay"), article(&n, "quay"));
    assert_eq!(o["genre"], "opinion");
    assert_eq!(o["score"], n["score"]);
    // The same findings, at the same lines and columns (byte offsets differ by the URLs'
    // lengths in the front matter).
    let without_spans = |a: &Value| -> Vec<Value> {
        let mut findings = a["findings"].as_array().unwrap().clone();
        for f in &mut findings {
            f.as_object_mut().unwrap().remove("span");
        }
        findings
    };
    assert_eq!(without_spans(o), without_spans(n));
    assert!(
        !o["findings"].as_array().unwrap().is_empty(),
        "the copy has findings to compare"
    );
}
