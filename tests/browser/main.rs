//! The HTML report in a real browser: headless Chromium (Debian's package) driven through
//! chromedriver. The page is loaded from a file, as an editor opens it, and checked against
//! the JSON report of the same run: every finding's span is highlighted on exactly the text
//! the JSON names, the table sorts and filters, and an article written to attack the page
//! renders as text.

#[path = "../common/mod.rs"]
mod common;
mod webdriver;

use common::{command, project, scratch};
use serde_json::{Value, json};
use std::path::Path;
use webdriver::{CHROMEDRIVER, CHROMIUM, Driver};

/// Chromium and chromedriver, or `None` after saying the test is skipped. CI installs them,
/// so there a missing browser fails the test.
fn browser() -> Option<()> {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if present {
        return Some(());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} and {CHROMEDRIVER} are missing: CI installs them (Debian's chromium and chromium-driver)"
    );
    eprintln!(
        "skipped: no {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
    );
    None
}

/// One story from four outlets, and a fifth article written to break out of the page: markup
/// in its title, outlet and text, an event handler, a script, a quote that would end an
/// attribute.
fn corpus() -> Vec<Value> {
    let story = "harbour-fire";
    vec![
        json!({"id": "north", "source": "North Gazette", "story": story, "published": "2026-03-02",
            "title": "Fire at the harbour warehouse kills 12",
            "text": "Fire at the harbour warehouse kills 12\n\nA fire at a harbour warehouse killed 12 people on Sunday, the city's fire chief, Maria Lund, said at a briefing on Monday. \"The roof fell in within twenty minutes,\" Lund said.\n\nThe warehouse stored 3,000 tonnes of fertiliser, according to the port authority. Investigators have not named a cause.\n"}),
        json!({"id": "east", "source": "East Courier", "story": story, "published": "2026-03-02",
            "title": "Twelve dead in harbour blaze",
            "text": "Twelve dead in harbour blaze\n\nTwelve people died when fire swept through a warehouse at the harbour on Sunday, fire chief Maria Lund told reporters. The building held 3,000 tonnes of fertiliser, the port authority said.\n\nThe mayor, Tomas Berg, said the city would review storage rules.\n"}),
        json!({"id": "west", "source": "West Daily", "story": story, "published": "2026-03-03",
            "title": "Harbour fire: death toll at 12",
            "text": "Harbour fire: death toll at 12\n\nThe death toll from Sunday's warehouse fire at the harbour stands at 12, the fire service said on Monday. The port authority said 3,000 tonnes of fertiliser were stored there.\n"}),
        json!({"id": "south", "source": "South Buzz", "story": story, "published": "2026-03-03",
            "title": "SHOCKING harbour fire horror: 120 dead, cover-up feared",
            "text": "SHOCKING harbour fire horror: 120 dead, cover-up feared\n\nA fire at the harbour killed 120 people on Sunday. Sources say the warehouse held 9,000 tonnes of explosives and that officials knew for 14 months. Insiders claim the death toll will rise to 300.\n\nOne witness said 45 trucks left the site at 3:15 AM. The damage is put at $85 million.\n"}),
        json!({"id": "hostile", "source": "<b>Evil</b> \" onmouseover=\"document.body.dataset.pwned=1",
            "story": story, "published": "2026-03-03",
            "title": "<img src=x onerror=\"document.body.dataset.pwned=1\">Harbour fire",
            "text": "<img src=x onerror=\"document.body.dataset.pwned=1\">Harbour fire\n\nSources say 4,512 people</script><script>document.body.dataset.pwned='1'</script> were hurt. <a href=\"javascript:document.body.dataset.pwned=1\">Read</a> \"><svg onload=document.body.dataset.pwned=1> and 77 more.\n"}),
    ]
}

fn write_corpus(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("harbour.jsonl");
    let lines: Vec<String> = corpus().iter().map(Value::to_string).collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("write the corpus");
    path
}

fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        path.canonicalize().expect("the report exists").display()
    )
}

/// Each finding's text as the browser shows it highlighted: per article id, per finding
/// index, the text of every mark naming it, in order.
const MARKED_TEXT: &str = r#"
const out = {};
for (const doc of document.querySelectorAll('article.doc')) {
  const found = {};
  for (const mark of doc.querySelectorAll('.text mark')) {
    for (const i of mark.dataset.f.split(' ')) {
      found[i] = (found[i] || '') + mark.textContent;
    }
  }
  out[doc.dataset.id] = found;
}
return out;
"#;

/// The ranked table's rows as shown: (id of the article's section, outlet, score, hidden).
const ROWS: &str = r#"
return Array.from(document.querySelectorAll('#ranked tbody tr')).map(r =>
  [r.dataset.target, r.dataset.outlet, parseFloat(r.dataset.score), r.hidden]);
"#;

#[test]
fn the_report_highlights_what_the_json_says_sorts_filters_and_runs_no_article_script() {
    if browser().is_none() {
        return;
    }
    let dir = scratch("browser", "report");
    let input = write_corpus(&dir);
    let html = dir.join("report.html");
    let run = command(&dir)
        .args(["score", "harbour.jsonl", "--format", "html", "--output"])
        .arg(&html)
        .output()
        .expect("credence runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json_run = command(&dir)
        .args(["score", "harbour.jsonl", "--format", "json"])
        .output()
        .expect("credence runs");
    let report: Value = serde_json::from_slice(&json_run.stdout).expect("a JSON report");
    let articles = report["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    let texts: std::collections::HashMap<String, String> = corpus()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().into(),
                a["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(input.exists());

    let driver = Driver::start();
    let profile = scratch("browser", "profile");
    let browser = driver.session(&profile);
    browser.open(&file_url(&html));

    // Every finding with a span in the text is highlighted on exactly that text.
    let marked = browser.run(MARKED_TEXT, json!([]));
    let mut checked = 0;
    for a in articles {
        let id = a["id"].as_str().unwrap();
        let text = &texts[id];
        for (i, f) in a["findings"].as_array().unwrap().iter().enumerate() {
            let (start, end) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            if start >= end || end > text.len() {
                continue;
            }
            let shown = marked[id][i.to_string()].as_str();
            assert_eq!(
                shown,
                Some(&text[start..end]),
                "{id}: finding {i} ({}) should be highlighted on bytes {start}..{end}",
                f["code"]
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} findings with spans were checked"
    );

    // Nothing the articles carry ran or became markup.
    let safety = browser.run(
        r#"return {
            pwned: document.body.dataset.pwned === undefined ? null : document.body.dataset.pwned,
            scripts: document.scripts.length,
            images: document.images.length,
            svgs_with_onload: document.querySelectorAll('svg[onload]').length,
            javascript_links: document.querySelectorAll('a[href^="javascript:"]').length,
            hostile_text: document.querySelector('article[data-id="hostile"] .text').textContent,
            hostile_outlet: document.querySelector('#ranked tr[data-target] td:nth-child(5)') !== null,
            requests: performance.getEntriesByType('resource').length,
        };"#,
        json!([]),
    );
    assert_eq!(
        safety["pwned"],
        Value::Null,
        "an article's script ran: {safety}"
    );
    assert_eq!(safety["scripts"], json!(1), "only the page's own script");
    assert_eq!(safety["images"], json!(0));
    assert_eq!(safety["svgs_with_onload"], json!(0));
    assert_eq!(safety["javascript_links"], json!(0));
    assert_eq!(safety["requests"], json!(0), "the page loads nothing");
    let shown = safety["hostile_text"].as_str().unwrap();
    assert!(
        shown.contains("</script><script>document.body.dataset.pwned='1'</script>"),
        "the markup is shown as text: {shown}"
    );
    // Hovering the hostile outlet's cell runs nothing either.
    browser.click("#ranked tbody tr[data-target] td:nth-child(4) a");
    let after = browser.run("return document.body.dataset.pwned || null;", json!([]));
    assert_eq!(after, Value::Null);

    // Sorting: outlets A→Z, then Z→A; scores low to high, then high to low.
    let order = |rows: &Value, column: usize| -> Vec<Value> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r[column].clone())
            .collect()
    };
    browser.click("th button[data-sort=outlet]");
    let outlets: Vec<String> = order(&browser.run(ROWS, json!([])), 1)
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    let mut expected = outlets.clone();
    expected.sort();
    assert_eq!(outlets, expected, "sorted by outlet");
    browser.click("th button[data-sort=outlet]");
    let reversed: Vec<String> = order(&browser.run(ROWS, json!([])), 1)
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    expected.reverse();
    assert_eq!(reversed, expected, "sorted by outlet, descending");
    browser.click("th button[data-sort=score]");
    let scores: Vec<f64> = order(&browser.run(ROWS, json!([])), 2)
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "ascending: {scores:?}"
    );
    browser.click("th button[data-sort=score]");
    let scores: Vec<f64> = order(&browser.run(ROWS, json!([])), 2)
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "descending: {scores:?}"
    );
    let aria = browser.run(
        "return document.querySelector('th[aria-sort]').textContent.trim() + ' ' + document.querySelector('th[aria-sort]').getAttribute('aria-sort');",
        json!([]),
    );
    assert_eq!(aria, json!("score descending"));

    // Filtering by a category some articles have and others do not: the rows left are
    // exactly the JSON's articles with a finding in it, and their texts alone stay shown.
    let category = ["sourcing", "unsupported", "consensus", "evidence", "style"]
        .into_iter()
        .find(|c| {
            let with = articles.iter().filter(|a| has_category(a, c)).count();
            with > 0 && with < articles.len()
        })
        .expect("a category that splits the articles");
    browser.click(&format!(
        "select[data-filter=category] option[value={category}]"
    ));
    let rows = browser.run(ROWS, json!([]));
    let visible: std::collections::BTreeSet<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[3] == json!(false))
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    let visible_ids: std::collections::BTreeSet<String> = browser
        .run(
            "return Array.from(document.querySelectorAll('article.doc')).filter(d => !d.hidden).map(d => d.id);",
            json!([]),
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(visible, visible_ids, "the texts follow the table's filter");
    let wanted = articles
        .iter()
        .filter(|a| has_category(a, category))
        .count();
    assert_eq!(visible.len(), wanted, "rows with {category} findings");
    let count = browser.run(
        "return document.getElementById('shown').textContent;",
        json!([]),
    );
    assert_eq!(count, json!(format!("{wanted} of 5 shown")));

    // Each story's consensus figures, and against each the outlets the JSON finds out of
    // line with it, with their figure.
    let consensus = browser.run(
        "return Array.from(document.querySelectorAll('table.consensus tbody tr')).map(r => r.textContent);",
        json!([]),
    );
    let rows: Vec<&str> = consensus
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut dissent = 0;
    for a in articles {
        for f in a["findings"].as_array().unwrap() {
            if f["category"] != json!("consensus") {
                continue;
            }
            let outlet = a["source"].as_str().unwrap();
            let figure = f["evidence"]["claim"]["text"].as_str().unwrap();
            let key = f["evidence"]["aligned_on"].as_str().unwrap();
            assert!(
                rows.iter()
                    .any(|r| r.starts_with(key) && r.contains(&format!("{outlet}: {figure}"))),
                "{outlet}'s {figure} is out of line on {key}: {rows:?}"
            );
            dissent += 1;
        }
    }
    assert!(
        dissent > 0,
        "the sensational outlet is out of line on the death toll"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("North Gazette, East Courier, West Daily")),
        "the three careful outlets agree: {rows:?}"
    );
}

fn has_category(article: &Value, category: &str) -> bool {
    article["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["category"] == json!(category) && f.get("waived").is_none())
}

/// The seeds' report as a user first sees it, and one article's highlighted text, saved
/// into docs/ for the README when UPDATE_SCREENSHOTS is set (the images are reviewed by
/// eye, not compared: fonts differ from machine to machine).
#[test]
fn screenshots_of_the_seeds_report() {
    if browser().is_none() || std::env::var_os("UPDATE_SCREENSHOTS").is_none() {
        return;
    }
    let dir = scratch("browser", "screenshots");
    let html = dir.join("seeds.html");
    let run = command(project())
        .args([
            "score",
            "fixtures/istanbul-talks",
            "--format",
            "html",
            "--output",
        ])
        .arg(&html)
        .output()
        .expect("credence runs");
    assert!(run.status.success());
    let driver = Driver::start();
    let profile = scratch("browser", "screenshots-profile");
    let browser = driver.session(&profile);
    browser.resize(1280, 1000);
    browser.open(&file_url(&html));
    let docs = project().join("docs");
    std::fs::write(docs.join("report.png"), browser.screenshot()).unwrap();
    browser.run(
        "document.querySelector('article.doc').scrollIntoView(); window.scrollBy(0, -10);",
        json!([]),
    );
    std::fs::write(docs.join("report-article.png"), browser.screenshot()).unwrap();
}
