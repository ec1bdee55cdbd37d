//! The HTML report in a real browser: headless Chromium (Debian's package) driven through
//! chromedriver. The page is loaded from a file, as an editor opens it, and checked against
//! the JSON report of the same run: every finding's span is highlighted on exactly the text
//! the JSON names, the table sorts and filters, and an article written to attack the page
//! renders as text. A plain `cargo test` lists these tests as ignored; with Chromium and
//! chromedriver installed, `cargo test --test browser -- --include-ignored` runs them, as CI
//! does.

#[path = "../common/mod.rs"]
mod common;
mod webdriver;

use common::{command, project, scratch};
use serde_json::{Value, json};
use std::path::Path;
use webdriver::{CHROMEDRIVER, CHROMIUM, Driver};

/// Chromium and chromedriver are installed; the test fails, saying how to install them, when
/// they are not (the tests that call this run only when asked for, as CI does).
fn browser() {
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "{CHROMIUM} and {CHROMEDRIVER} are missing: apt-get install chromium chromium-driver (CI does)"
    );
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
#[ignore = "needs Chromium and chromedriver (apt-get install chromium chromium-driver): cargo test --test browser -- --include-ignored"]
fn the_report_highlights_what_the_json_says_sorts_filters_and_runs_no_article_script() {
    browser();
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

    // The hostile outlet's row: found by its outlet exactly as written (the row's data kept
    // it whole), its outlet cell showing the markup as text, and hovering and clicking the
    // cell and the article's link running nothing.
    let hostile_outlet = corpus()[4]["source"].as_str().unwrap().to_string();
    let targets = browser.run(
        "return Array.from(document.querySelectorAll('#ranked tbody tr'))
           .filter(r => r.dataset.outlet === arguments[0]).map(r => r.dataset.target);",
        json!([hostile_outlet]),
    );
    assert_eq!(
        targets.as_array().map(Vec::len),
        Some(1),
        "one row carries the hostile outlet as written: {targets}"
    );
    let row = format!(
        "#ranked tbody tr[data-target=\"{}\"]",
        targets[0].as_str().unwrap()
    );
    let outlet_cell = format!("{row} td:nth-child(5)");
    let title_link = format!("{row} td:nth-child(4) a");
    // Where the pointer passes, as the page sees it: the rows it entered.
    browser.run(
        "window.hoveredRows = [];
         document.addEventListener('mouseover', e => {
           const row = e.target.closest('tr');
           if (row) window.hoveredRows.push(row.dataset.target);
         });",
        json!([]),
    );
    for target in [&outlet_cell, &title_link] {
        browser.run("window.hoveredRows = [];", json!([]));
        browser.hover(target);
        let hovered = browser.run("return window.hoveredRows;", json!([]));
        assert!(
            hovered.as_array().unwrap().contains(&targets[0]),
            "the pointer is over the hostile outlet's row ({target}): {hovered}"
        );
        browser.click(target);
        let ran = browser.run("return document.body.dataset.pwned || null;", json!([]));
        assert_eq!(
            ran,
            Value::Null,
            "hovering and clicking {target} ran a script"
        );
    }
    let cell = browser.run(
        "const cell = document.querySelector(arguments[0]);
         return {
           text: cell.textContent.trim(),
           elements: cell.querySelectorAll('*').length,
           handlers: document.querySelectorAll('[onmouseover], [onerror], [onload]').length,
         };",
        json!([outlet_cell]),
    );
    assert_eq!(
        cell["text"],
        json!(hostile_outlet),
        "the outlet is shown as the text it is: {cell}"
    );
    assert_eq!(
        cell["elements"],
        json!(0),
        "no markup in the outlet's cell: {cell}"
    );
    assert_eq!(
        cell["handlers"],
        json!(0),
        "no event handler on the page: {cell}"
    );

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

/// What a screenshot shows, measured by the browser itself (it reads PNG): its size, the share
/// of its commonest colour (the background), how many colours it has, and the mean lightness
/// (0–255) of each block of a 16 × 16 grid over it, row by row.
const PICTURE: &str = r#"
const bytes = arguments[0];
let binary = '';
for (let i = 0; i < bytes.length; i += 8192) {
  binary += String.fromCharCode.apply(null, bytes.slice(i, i + 8192));
}
return new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => {
    const w = img.naturalWidth, h = img.naturalHeight, grid = 16;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, w, h).data;
    const counts = new Map();
    const sums = new Array(grid * grid).fill(0), sizes = new Array(grid * grid).fill(0);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        const colour = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(colour, (counts.get(colour) || 0) + 1);
        const block = Math.floor(y * grid / h) * grid + Math.floor(x * grid / w);
        sums[block] += (data[i] + data[i + 1] + data[i + 2]) / 3;
        sizes[block] += 1;
      }
    }
    let commonest = 0;
    for (const n of counts.values()) commonest = Math.max(commonest, n);
    resolve({
      width: w,
      height: h,
      colours: counts.size,
      background: commonest / (w * h),
      blocks: sums.map((sum, i) => sum / sizes[i]),
    });
  };
  img.onerror = () => reject(new Error('not an image the browser reads'));
  img.src = 'data:image/png;base64,' + btoa(binary);
});
"#;

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(
        png.len() > 24 && png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR",
        "not a PNG"
    );
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

/// How many blocks of two pictures measured by PICTURE differ in mean lightness by more than a
/// sixteenth of the range. Other fonts change the texture of the text a little, block by block
/// (a page set in a monospace font differs in under 20 of the 256); a lost stylesheet, a
/// collapsed layout or a blank page changes whole regions.
fn blocks_that_differ(a: &Value, b: &Value) -> usize {
    let (a, b) = (
        a["blocks"].as_array().unwrap(),
        b["blocks"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .filter(|(x, y)| (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() > 16.0)
        .count()
}

/// The seeds' report as a user first sees it, and one article's highlighted text: each
/// screenshot is a PNG of the browser's whole viewport, shows a page (not one colour: text,
/// the table's rules, the levels' colours) and, block by block, looks like the one in docs/
/// the README shows, within a tolerance for fonts that differ from machine to machine (at
/// most 24 of 256 blocks visibly lighter or darker). With
/// UPDATE_SCREENSHOTS set, the screenshots replace the ones in docs/ instead of being compared
/// with them.
#[test]
#[ignore = "needs Chromium and chromedriver (apt-get install chromium chromium-driver): cargo test --test browser -- --include-ignored"]
fn screenshots_of_the_seeds_report() {
    browser();
    let update = std::env::var_os("UPDATE_SCREENSHOTS").is_some();
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
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let driver = Driver::start();
    let profile = scratch("browser", "screenshots-profile");
    let browser = driver.session(&profile);
    browser.resize(1280, 1000);
    browser.open(&file_url(&html));
    let viewport = browser.run(
        "return [Math.round(innerWidth * devicePixelRatio), Math.round(innerHeight * devicePixelRatio)];",
        json!([]),
    );
    let report = browser.screenshot();
    browser.run(
        "document.querySelector('article.doc').scrollIntoView(); window.scrollBy(0, -10);",
        json!([]),
    );
    let article = browser.screenshot();
    // Measured on an empty page, where nothing of the report's stands in the way.
    browser.open("about:blank");
    let docs = project().join("docs");
    for (name, png) in [("report.png", &report), ("report-article.png", &article)] {
        let (width, height) = png_size(png);
        assert_eq!(
            json!([width, height]),
            viewport,
            "{name}: the whole viewport"
        );
        let shown = browser.run(PICTURE, json!([png]));
        assert_eq!(json!([shown["width"], shown["height"]]), viewport, "{name}");
        let background = shown["background"].as_f64().unwrap();
        let colours = shown["colours"].as_u64().unwrap();
        assert!(
            background < 0.95 && colours > 100,
            "{name} is close to blank: {:.1}% one colour, {colours} colours",
            background * 100.0
        );
        let committed = docs.join(name);
        if update {
            std::fs::write(&committed, png).unwrap();
            continue;
        }
        let before = std::fs::read(&committed).expect("the screenshot in docs/");
        let before = browser.run(PICTURE, json!([before]));
        let differ = blocks_that_differ(&shown, &before);
        assert!(
            differ <= 24,
            "{name} differs from docs/{name} in {differ} of 256 blocks \
             (UPDATE_SCREENSHOTS=1 rewrites docs/ when the change is meant)"
        );
    }
}
