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

use common::{json, stderr, stdout};

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
    for command in ["score", "sources", "stories", "extract", "explain"] {
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
    let out = credence_in(
        &dir,
        &["score", "blank.txt", "missing.txt", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(
        errors(&report),
        [
            "blank.txt: no text",
            "missing.txt: no such file or directory"
        ]
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
    for doc in [
        "README.md",
        "LICENSE",
        "CHANGELOG.txt",
        "CONTRIBUTING.md",
        "readme.txt",
    ] {
        std::fs::write(
            dir.join(doc),
            "Notes on this folder\n\nIt holds 3 articles.\n",
        )
        .unwrap();
    }
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "error: no articles found in .\n");
    // An article whose name only starts like one is still read, and so is a README given
    // by name.
    std::fs::write(dir.join("license-fees-rise.txt"), STORY).unwrap();
    let out = credence_in(&dir, &["score", ".", "README.md", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("warning").count(),
        0,
        "{}",
        stderr(&out)
    );
    let mut read = ids(&json(&out));
    read.sort();
    assert_eq!(read, ["README", "license-fees-rise"]);
}

#[test]
fn files_not_read_in_a_folder_are_named_with_their_reason() {
    let dir = scratch("unread");
    std::fs::write(dir.join("bridge.txt"), STORY).unwrap();
    std::fs::write(
        dir.join("report.pdf"),
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    )
    .unwrap();
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
    let out = credence_in(
        &dir,
        &["score", "report.pdf", "bridge.txt", "--format", "json"],
    );
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

/// The fixture at `fixtures/web/REL`, read as the loader reads a file given by name.
fn load_fixture(rel: &str) -> credence::ingest::Loaded {
    let path = common::project().join("fixtures/web").join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture");
    credence::ingest::parse_file_contents(rel, &text)
}

/// Text that markup, code or attributes would leave behind in an article's text.
const LEAKS: [&str; 9] = [
    "<", ">", "href", "@context", "@type", "{", "function", "alert", "&amp;",
];

fn assert_clean(text: &str) {
    for leak in LEAKS {
        assert!(!text.contains(leak), "{leak:?} leaked into:\n{text}");
    }
}

#[test]
fn a_saved_page_is_read_as_its_reader_sees_it() {
    let loaded = load_fixture("pages/ferry.html");
    assert!(
        loaded.errors.is_empty() && loaded.warnings.is_empty(),
        "{loaded:?}"
    );
    let a = &loaded.articles[0];
    assert_eq!(a.id, "ferry");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour ferry service resumes after storm")
    );
    assert_eq!(a.source.as_deref(), Some("Coastline Gazette"));
    assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2026-03-14")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://gazette.example/news/ferry-resumes")
    );
    // Paragraphs apart, lines broken where the page breaks them, entities read, and
    // nothing of the menu, the header or the footer.
    assert_eq!(
        a.text,
        "The harbour ferry resumed service on Friday after a storm closed the crossing for 3 days, the port authority said.\n\n\
         Officials said 1,200 passengers had been stranded & that extra sailings would run until Sunday evening.\n\n\
         Timetable\n\n\
         The first sailing leaves at 06:40.\nThe last leaves at 22:10."
    );
}

#[test]
fn a_page_with_linked_data_and_furniture_keeps_only_the_article() {
    let loaded = load_fixture("pages/dam-vote.html");
    let a = &loaded.articles[0];
    assert_eq!(a.title.as_deref(), Some("Council approves dam repairs"));
    assert_eq!(a.source.as_deref(), Some("Valley Post"));
    assert_eq!(a.author.as_deref(), Some("Lee Chan, Sam Ode"));
    // The day as the page writes it, not moved to UTC.
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2026-05-02")
    );
    assert_eq!(
        a.text,
        "The council voted 7 to 2 on Thursday to fund repairs to the dam.\n\n\
         The repairs will cost $4.5 million, according to the county engineer.\n\n\
         Work is due to start in June."
    );
    assert_clean(&a.text);
}

#[test]
fn hostile_markup_does_not_leak_into_the_text() {
    let blob = "Q".repeat(300_000);
    let page = format!(
        "<html><head><title>Storm &amp; surge: 40 homes flooded</title></head>\n<body>\n\
         <div data-blob=\"{blob}\" title=\"<a href='http://evil.example'>click</a>\">\n\
         <p>Forty homes were flooded overnight, the fire service said.\n\
         <p>Residents were moved to a school hall <b>until the water recedes\n\
         <script>document.write(\"</p><p>injected paragraph</p>\")</script>\n\
         <p onclick=\"alert('x')\">The river peaked at 4.2 metres <a href=\"http://evil.example/t?id=1\">details</a>.\n\
         <p>About 2,000 sandbags were handed out &#8212; and more are coming.\n\
         <div><p>Unclosed div and paragraph at the end\n</body>\n{}",
        "<div>".repeat(20_000)
    );
    let loaded = credence::ingest::parse_file_contents("hostile.htm", &page);
    let a = &loaded.articles[0];
    assert_eq!(a.title.as_deref(), Some("Storm & surge: 40 homes flooded"));
    assert_clean(&a.text);
    for absent in ["QQQ", "evil", "injected", "click", "document.write"] {
        assert!(!a.text.contains(absent), "{absent:?} in:\n{}", a.text);
    }
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "Forty homes were flooded overnight, the fire service said.",
            "Residents were moved to a school hall until the water recedes",
            "The river peaked at 4.2 metres details.",
            "About 2,000 sandbags were handed out \u{2014} and more are coming.",
            "Unclosed div and paragraph at the end",
        ]
    );
}

#[test]
fn pages_in_a_folder_are_scored_with_their_metadata() {
    let out = credence_in(
        &common::project().join("fixtures/web"),
        &["score", "pages", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let mut read = ids(&report);
    read.sort();
    assert_eq!(read, ["dam-vote", "ferry"]);
    let ferry = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "ferry")
        .unwrap();
    assert_eq!(ferry["source"], "Coastline Gazette");
    assert_eq!(ferry["author"], "Ana Ruiz");
    assert_eq!(ferry["source_inferred"], Value::Null);
    // Figures are found on the text's own lines: "1,200" opens the third line.
    let out = credence_in(
        &common::project().join("fixtures/web"),
        &["extract", "pages/ferry.html", "--format", "json"],
    );
    let figures = json(&out)["articles"][0]["figures"].clone();
    let stranded = figures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "1,200")
        .unwrap_or_else(|| panic!("1,200 not found in {figures}"));
    assert_eq!(
        (stranded["line"].as_u64(), stranded["column"].as_u64()),
        (Some(3), Some(16))
    );
}

/// An article of a loaded feed by id.
fn item<'a>(loaded: &'a credence::ingest::Loaded, id: &str) -> &'a credence::Article {
    loaded
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} not read: {loaded:?}"))
}

fn day(a: &credence::Article) -> Option<String> {
    a.published.map(|d| d.to_string())
}

#[test]
fn an_rss_2_feed_gives_an_article_per_item() {
    let loaded = load_fixture("feeds/metro-wire.xml");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.articles.len(), 2);
    let tram = item(&loaded, "metro-wire-1");
    assert_eq!(tram.title.as_deref(), Some("Tram line closes for repairs"));
    assert_eq!(tram.url.as_deref(), Some("https://wire.example/tram"));
    assert_eq!(tram.source.as_deref(), Some("Metro Wire"));
    assert_eq!(tram.author.as_deref(), Some("Jo Park"));
    assert_eq!(day(tram).as_deref(), Some("2026-11-30"));
    // The full content, not the teaser.
    assert_eq!(
        tram.text,
        "The tram line will close for 6 weeks, the operator said.\n\n\
         About 9,000 riders use it each day & buses will replace it."
    );
    let toll = item(&loaded, "metro-wire-2");
    assert_eq!(toll.source.as_deref(), Some("Harbour Times"));
    assert_eq!(day(toll).as_deref(), Some("2026-12-01"));
    assert_eq!(
        toll.text,
        "The toll rises to $3 in January, the county said."
    );
    // Only a summary: scored, and said so.
    let notes: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        notes,
        ["feeds/metro-wire.xml:19: item 2 gives only a summary; its summary is scored"]
    );
}

#[test]
fn rss_1_and_atom_feeds_are_read_too() {
    let loaded = load_fixture("feeds/valley.rdf");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let school = item(&loaded, "valley-1");
    assert_eq!(school.title.as_deref(), Some("School reopens"));
    assert_eq!(school.source.as_deref(), Some("Valley Post"));
    assert_eq!(day(school).as_deref(), Some("2026-09-07"));
    // A summary in plain text keeps its paragraphs.
    assert_eq!(
        school.text,
        "The school reopened on Monday with 420 pupils, the head teacher said.\n\nRepairs to the roof took 11 weeks."
    );

    let loaded = load_fixture("feeds/ledger.atom");
    assert!(
        loaded.errors.is_empty() && loaded.warnings.is_empty(),
        "{loaded:?}"
    );
    let mine = item(&loaded, "ledger-1");
    assert_eq!(mine.url.as_deref(), Some("https://ledger.example/mine"));
    assert_eq!(mine.source.as_deref(), Some("Northern Ledger"));
    assert_eq!(mine.author.as_deref(), Some("Ida Berg"));
    assert_eq!(day(mine).as_deref(), Some("2026-10-01"));
    assert_eq!(
        mine.text,
        "The inquiry into the mine collapse opened with 12 witnesses listed.\n\nIt is expected to last 5 weeks."
    );
    let port = item(&loaded, "ledger-2");
    assert_eq!(port.source.as_deref(), Some("Coast Radio"));
    assert_eq!(day(port).as_deref(), Some("2026-10-03"));
    assert_eq!(
        port.text,
        "Dock workers returned after 9 days, the union said."
    );
}

#[test]
fn a_broken_feed_keeps_the_items_before_the_break_and_names_the_rest() {
    let out = credence_in(
        &common::project().join("fixtures/web"),
        &["score", "feeds", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    let mut read = ids(&report);
    read.sort();
    assert_eq!(
        read,
        [
            "broken-1",
            "ledger-1",
            "ledger-2",
            "metro-wire-1",
            "metro-wire-2",
            "valley-1"
        ]
    );
    let errors: Vec<String> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{} {}",
                e["path"].as_str().unwrap(),
                e["line"],
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(
        errors[0],
        "feeds/broken.rss:3 item 2 has no text (no content, description or summary)"
    );
    assert!(
        errors[1].starts_with("feeds/broken.rss:4 not well-formed XML")
            && errors[1].ends_with("item 3 and any after it are not read"),
        "{}",
        errors[1]
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning: feeds/broken.rss:2: publication date not read (YYYY-MM-DD, RFC 3339 or RFC 2822): \"sometime soon\""),
        "{err}"
    );
    assert!(
        err.contains("warning: feeds/metro-wire.xml:19: item 2 gives only a summary"),
        "{err}"
    );
}
