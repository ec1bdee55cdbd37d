//! The JSON a batch writes for each scored article is byte for byte what `serde_json`
//! writes for it: on every article of the project's fixtures (real reporting and written
//! test stories), and with every rarely present part filled in.

mod common;

use common::project;
use credence::pipeline::{Grouping, Pipeline};
use credence::score::json::{write_article, write_findings};

fn scored_fixtures() -> Vec<credence::score::ScoredArticle> {
    let pipeline = Pipeline::embedded().expect("the embedded rules load");
    let loaded = pipeline.read(&[project().join("fixtures")]);
    assert!(loaded.articles.len() > 20, "fixtures read");
    pipeline.run(loaded, Grouping::Directory).articles
}

#[test]
fn every_fixture_article_is_written_as_serde_json_writes_it() {
    let articles = scored_fixtures();
    let mut findings = 0;
    for a in &articles {
        let mut ours = Vec::new();
        write_article(&mut ours, a);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(a).unwrap(),
            "{}",
            a.id
        );
        findings += a.findings.len();
    }
    assert!(
        findings > 100,
        "the fixtures hold findings to write: {findings}"
    );
}

#[test]
fn notes_copies_corroboration_waivers_and_odd_strings_are_written_as_serde_json_writes_them() {
    let mut a = scored_fixtures()
        .into_iter()
        .find(|a| !a.findings.is_empty())
        .expect("an article with findings");
    a.title = Some("Tab\there, \"quoted\", back\\slash, bell \u{7}, é—“ and a line\nbreak".into());
    a.path = None;
    a.published = None;
    a.source_inferred = Some("dateline");
    a.author = Some("Ana \"Quoted\" Ruiz, Lee Chan".into());
    a.notes.push(credence::score::Note {
        rule: "consensus-outlier".into(),
        code: "CR301".into(),
        note: "too few outlets".into(),
    });
    a.copies.push("copy-1".into());
    a.corroborated.push(credence::stories::Corroborated {
        figure: "57".into(),
        line: 3,
        column: 14,
        articles: vec!["b".into(), "c".into()],
        count: 2,
    });
    a.findings[0].waived = Some("checked by the desk".into());
    a.findings[0].evidence = serde_json::json!({"values": [1.5, 2], "match": "x\ty"});
    a.findings[0].points = -0.0;
    a.score = 100.0;
    let mut ours = Vec::new();
    write_article(&mut ours, &a);
    assert_eq!(
        String::from_utf8(ours).unwrap(),
        serde_json::to_string(&a).unwrap()
    );
    let mut ours = Vec::new();
    write_findings(&mut ours, &a.findings);
    assert_eq!(
        String::from_utf8(ours).unwrap(),
        serde_json::to_string(&a.findings).unwrap()
    );
}

#[test]
fn a_service_answer_is_written_as_serde_json_writes_it() {
    use credence::service::ingest::{Ingested, Moved};
    let articles: Vec<_> = scored_fixtures().into_iter().take(3).collect();
    for answer in [
        Ingested {
            articles: articles.clone(),
            moved: vec![Moved {
                id: "a1".into(),
                story: "harbour \"fire\"".into(),
                from: 61.25,
                to: 58.0,
            }],
            rules_version: "0123abcd".into(),
        },
        Ingested {
            articles: Vec::new(),
            moved: Vec::new(),
            rules_version: String::new(),
        },
    ] {
        assert_eq!(
            String::from_utf8(answer.to_json()).unwrap(),
            serde_json::to_string(&answer).unwrap()
        );
    }
}
