//! The `credence` binary as a user runs it: arguments, inputs, stdout, stderr, exit code.

mod common;

use common::{article, command, project};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

const SEEDS: &str = "fixtures/istanbul-talks";
const PADDED: &str = "004_4349d80792578b3b";

fn credence(args: &[&str]) -> Output {
    command(project())
        .args(args)
        .output()
        .expect("credence runs")
}

/// `credence ARGS --no-config`, run in `dir`.
fn credence_in(dir: &std::path::Path, args: &[&str]) -> Output {
    command(dir)
        .args(args)
        .arg("--no-config")
        .output()
        .expect("credence runs")
}

fn credence_stdin(args: &[&str], input: &str) -> Output {
    let mut child = command(project())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("credence starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("credence runs")
}

use common::{json, stderr, stdout};

fn scratch(name: &str) -> common::Scratch {
    common::scratch("cli", name)
}

#[test]
fn the_padded_seed_ranks_last_and_the_careful_ones_stay_high() {
    let out = credence(&["score", SEEDS, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let articles = report["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    assert_eq!(articles[0]["id"], PADDED, "lowest score first");
    assert_eq!(articles[1]["id"], "002_e42b7f69ab23e093");
    let padded = articles[0]["score"].as_f64().unwrap();
    assert!(padded < 40.0, "padded seed scored {padded}");
    let score_of = |id: &str| article(&report, id)["score"].as_f64().unwrap();
    // The three carefully sourced seeds stay medium or better (their named sources, quoted
    // speakers and dated events, each credited once, earn back most of what every article
    // owes, less a few anonymous sources); the one resting on anonymous sources ranks below
    // all three, and above the padded one.
    let careful = [
        "000_408d96262318b7c9",
        "001_a4bcd717f71b7891",
        "003_56ca39dd333a6618",
    ];
    let anonymous = score_of("002_e42b7f69ab23e093");
    for id in careful {
        let s = score_of(id);
        assert!(s >= 65.0, "{id} scored {s}");
        assert!(
            anonymous < s,
            "002 ({anonymous}) should rank below {id} ({s})"
        );
    }
    assert!(
        anonymous > padded && anonymous < 70.0,
        "002 scored {anonymous}"
    );
    let scores: Vec<f64> = articles
        .iter()
        .map(|a| a["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "sorted ascending: {scores:?}"
    );
}

#[test]
fn json_output_keeps_the_contract() {
    let report = json(&credence(&["score", SEEDS, "--format", "json"]));
    assert!(report["errors"].as_array().is_some_and(Vec::is_empty));
    for a in report["articles"].as_array().unwrap() {
        for key in [
            "id",
            "path",
            "title",
            "source",
            "story",
            "published",
            "score",
            "baseline",
            "level",
            "findings",
        ] {
            assert!(a.get(key).is_some(), "article lacks {key}: {a}");
        }
        let mut loss = 0.0;
        for f in a["findings"].as_array().unwrap() {
            for key in [
                "rule", "code", "category", "points", "message", "excerpt", "line", "column",
                "evidence",
            ] {
                assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
            }
            loss += f["points"].as_f64().unwrap();
        }
        let score = a["score"].as_f64().unwrap();
        let baseline = a["baseline"].as_f64().unwrap();
        assert!(
            (100.0 - baseline - loss - score).abs() < 0.011,
            "points account for the score in {}",
            a["id"]
        );
    }
}

#[test]
fn finding_positions_are_true_to_the_original_text() {
    let report = json(&credence(&["score", SEEDS, "--format", "json"]));
    let padded = &report["articles"][0];
    let text = std::fs::read_to_string(Path::new(SEEDS).join(format!("{PADDED}.txt"))).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    for f in padded["findings"].as_array().unwrap() {
        if f["code"] != "CR101" {
            continue;
        }
        let line = lines[f["line"].as_u64().unwrap() as usize - 1];
        let col = f["column"].as_u64().unwrap() as usize - 1;
        let at: String = line.chars().skip(col).collect();
        let figure = f["evidence"]["figure"].as_str().unwrap();
        assert!(
            at.starts_with(figure),
            "{figure:?} not at {}:{}",
            f["line"],
            f["column"]
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} unattributed figures checked");
}

#[test]
fn publication_dates_are_read_from_datelines_and_marked() {
    let report = json(&credence(&["score", SEEDS, "--format", "json"]));
    for id in ["000_408d96262318b7c9", "002_e42b7f69ab23e093", PADDED] {
        let a = article(&report, id);
        assert_eq!(a["published"], "2025-11-03", "{id}");
        assert_eq!(a["published_inferred"], true, "{id}");
    }
}

#[test]
fn table_output_ranks_and_summarises() {
    let out = credence(&["score", SEEDS]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first_row = text
        .lines()
        .find(|l| l.contains("│ 1 "))
        .expect("a first row");
    assert!(
        first_row.contains("Pakistan FM Dar Istanbul"),
        "{first_row}"
    );
    assert!(text.contains("CR102 specifics-density"));
    assert!(text.contains("5 articles, 1 story, 0 errors"));
    assert!(
        !text.contains('\u{1b}'),
        "no color when NO_COLOR is set or not a terminal"
    );
    let top = stdout(&credence(&["score", SEEDS, "--top", "1"]));
    assert!(top.contains("│ 1 ") && !top.contains("│ 2 "));
}

#[test]
fn a_bad_rules_file_names_file_line_column_and_rule() {
    let dir = scratch("bad-rules");
    let rules = dir.join("bad.toml");
    std::fs::write(
        &rules,
        "[[rule]]\ncode = \"CR901\"\nname = \"my-rule\"\nkind = \"unattributed-figure\"\ncategory = \"unsupported\"\nmessage = \"x\"\n[rule.options]\nmin-vlaue = 3\n",
    )
    .unwrap();
    let shown = rules.display().to_string();
    let out = credence(&["score", SEEDS, "--rules", &shown]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "error: {shown}:8:1: rule CR901: in [rule.options]: unknown field `min-vlaue`, expected one of `kinds`, `min-value`, `date-precision`, `skip-approximate`, `skip-words`, `skip-headings`, `anonymous-counts-as-attributed`, `min-outlets`, `other-time`, `continuing-words`, `claims-only`"
        )
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing is scored with broken rules"
    );

    std::fs::write(
        &rules,
        "[[rule]]\ncode = \"CR101\"\nweight = 2.0\ncolour = \"red\"\n",
    )
    .unwrap();
    let out = credence(&["score", SEEDS, "--rules", &shown]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!(
            "error: {shown}:4:1: rule CR101: unknown field `colour`"
        )),
        "{}",
        stderr(&out)
    );

    std::fs::write(&rules, "[boilerplate]\nlines = ['(unclosed']\n").unwrap();
    let out = credence(&["score", SEEDS, "--rules", &shown]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!(
        "{shown}:2:10: [boilerplate] lines: invalid pattern"
    )));
}

#[test]
fn overrides_change_weights_and_select_rules() {
    let dir = scratch("override");
    let rules = dir.join("desk.toml");
    std::fs::write(
        &rules,
        "select = [\"unsupported\"]\nignore = [\"CR102\"]\n[scoring]\nbaseline = 0.0\n[[rule]]\ncode = \"CR101\"\nweight = 0.0\n",
    )
    .unwrap();
    let out = credence(&[
        "score",
        SEEDS,
        "--format",
        "json",
        "--rules",
        &rules.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for a in json(&out)["articles"].as_array().unwrap() {
        assert_eq!(
            a["score"].as_f64(),
            Some(100.0),
            "{} still loses points",
            a["id"]
        );
        assert!(
            a["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["code"] == "CR101")
        );
    }
}

#[test]
fn unreadable_inputs_are_listed_and_the_rest_still_scored() {
    let dir = scratch("bad-inputs");
    std::fs::write(
        dir.join("feed.jsonl"),
        "{\"id\":\"ok-1\",\"story\":\"s\",\"text\":\"The council met on Monday and 40 people attended.\"}\n{broken\n{\"id\":\"no-text\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("binary.txt"), b"abc\0def").unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "Title\n\nThe mayor said 12 roads closed.\n",
    )
    .unwrap();
    let missing = dir.join("missing.txt").display().to_string();
    let out = credence(&[
        "score",
        &dir.display().to_string(),
        &missing,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let report = json(&out);
    let ids: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ok-1") && ids.contains(&"good"), "{ids:?}");
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
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("binary.txt:null binary file"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("feed.jsonl:2 not valid JSON"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("feed.jsonl:3 record has no `text` field"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing.txt:null no such file"))
    );
    // The table says so too, below the ranking.
    let table = stdout(&credence(&["score", &dir.display().to_string()]));
    assert!(
        table.contains("not scored:") && table.contains("binary file"),
        "{table}"
    );
}

#[test]
fn jsonl_on_stdin_is_scored() {
    let input = "{\"id\":\"a\",\"story\":\"s\",\"text\":\"Officials said 132 people died.\"}\n{\"id\":\"b\",\"story\":\"s\",\"text\":\"The blast killed 132 people.\"}\n";
    let out = credence_stdin(&["score", "-", "--format", "jsonl"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    // b's 132 is unattributed but a reports it: corroborated, so no finding.
    for a in &lines {
        assert!(a["findings"].as_array().unwrap().is_empty(), "{a}");
        assert_eq!(a["path"], Value::Null);
    }
}

#[test]
fn extract_prints_figures_per_design() {
    let out = credence(&[
        "extract",
        &format!("{SEEDS}/{PADDED}.txt"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let figures = report["articles"][0]["figures"].as_array().unwrap();
    let find = |text: &str| {
        figures
            .iter()
            .find(|f| f["text"] == text)
            .unwrap_or_else(|| panic!("{text} not extracted"))
            .clone()
    };
    let deaths = find("40,000");
    assert_eq!(deaths["kind"], "count");
    assert_eq!(deaths["value"], 40000.0);
    assert_eq!(deaths["measure"], "deaths");
    assert_eq!(deaths["attributed"], false);
    let money = find("PKR 50 million");
    assert_eq!(
        (money["kind"].as_str(), money["unit"].as_str()),
        (Some("money"), Some("PKR"))
    );
    let date = find("October 9");
    assert_eq!(date["date"], "2025-10-09");
    assert_eq!(date["value"], Value::Null);
    assert_eq!(find("13 months")["kind"], "duration");
    assert_eq!(find("1991")["kind"], "date");
    for f in figures {
        for key in [
            "text",
            "value",
            "kind",
            "unit",
            "measure",
            "line",
            "column",
            "attributed",
        ] {
            assert!(f.get(key).is_some(), "figure lacks {key}: {f}");
        }
    }
}

#[test]
fn rules_list_and_show() {
    let out = credence(&["rules", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("CR101")
            && text.contains("unattributed-figure")
            && text.contains("unsupported")
    );
    let list: Value =
        serde_json::from_slice(&credence(&["rules", "list", "--format", "json"]).stdout).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "CR102" && r["enabled"] == true)
    );
    let show = stdout(&credence(&["rules", "show", "unattributed-figure"]));
    assert!(show.contains("What it checks") && show.contains("Why it lowers reliability"));
    let missing = credence(&["rules", "show", "CR999"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(credence(&["score"]).status.code(), Some(2));
    assert_eq!(
        credence(&["score", SEEDS, "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(credence(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn streaming_gives_the_same_scores_and_reports_bad_lines() {
    let dir = scratch("stream");
    let feed = dir.join("feed.jsonl");
    let mut lines = Vec::new();
    for (i, (story, text)) in [
        ("fire", "Police said 130 people were killed in the fire."),
        ("vote", "The council voted 12 to 3, the clerk said."),
        ("fire", "Officials said 131 people died in the fire."),
        ("fire", "The fire killed 130 people, the ministry said."),
        ("fire", "Hospitals said 129 people were killed in the fire."),
        ("fire", "The fire killed 1,300 people."),
        ("vote", "The council voted 12 to 3 on Monday."),
    ]
    .iter()
    .enumerate()
    {
        lines.push(
            serde_json::json!({"id": format!("s{i}"), "story": story, "source": format!("Outlet {i}"), "text": text})
                .to_string(),
        );
        if i == 2 {
            lines.push("{not json".into());
        }
    }
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let shown = feed.display().to_string();
    let whole = credence(&["score", &shown, "--format", "jsonl"]);
    let streamed = credence(&[
        "score", &shown, "--format", "jsonl", "--stream", "--batch", "5",
    ]);
    assert_eq!(
        streamed.status.code(),
        Some(1),
        "a bad line is an input error"
    );
    let scores = |o: &Output| {
        let mut v: Vec<(String, String)> = stdout(o)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v.get("id").is_some())
            .map(|v| {
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["score"].to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(scores(&whole), scores(&streamed));
    assert_eq!(scores(&streamed).len(), 7);
    let error: Value = stdout(&streamed)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v.get("error").is_some())
        .expect("an error line");
    assert_eq!(error["error"]["line"], 4);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    // The outlier is found in streaming too: the whole story was in one batch.
    assert!(stdout(&streamed).contains("CR301"));
    // JSONL is --stream's format, given or not; a table is refused.
    let default = credence(&["score", &shown, "--stream", "--batch", "5"]);
    assert_eq!(scores(&default), scores(&streamed));
    let refused = credence(&["score", &shown, "--stream", "--format", "table"]);
    assert_eq!(refused.status.code(), Some(2), "--stream writes JSONL");
    // Per-article filters mean what they mean without --stream.
    let low = |o: &Output| scores(o).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    let mut all: Vec<f64> = scores(&whole)
        .iter()
        .map(|(_, s)| s.parse().unwrap())
        .collect();
    all.sort_by(f64::total_cmp);
    let bound = all[3].to_string();
    let filtered_whole = credence(&["score", &shown, "--format", "jsonl", "--max-score", &bound]);
    let filtered_stream = credence(&["score", &shown, "--stream", "--max-score", &bound]);
    assert_eq!(low(&filtered_whole), low(&filtered_stream));
    let kept = low(&filtered_stream).len();
    assert!((4..7).contains(&kept), "{kept} kept at {bound}: {all:?}");
    // What needs the whole batch is refused, and says why.
    for flag in [&["--top", "2"][..], &["--sort", "source"], &["--cluster"]] {
        let mut args = vec!["score", &shown, "--stream"];
        args.extend_from_slice(flag);
        let out = credence(&args);
        assert_eq!(out.status.code(), Some(2), "{flag:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("needs the whole batch"),
            "{flag:?}"
        );
    }
}

#[test]
fn top_keeps_the_same_articles_in_every_format() {
    let ids = |format: &str| -> Vec<String> {
        let out = credence(&["score", SEEDS, "--top", "2", "--format", format]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        match format {
            "json" => serde_json::from_str::<Value>(&text).unwrap()["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_str().unwrap().to_string())
                .collect(),
            "jsonl" => text
                .lines()
                .map(|l| {
                    serde_json::from_str::<Value>(l).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect(),
            _ => text
                .lines()
                .filter_map(|l| {
                    let id = l
                        .split('|')
                        .nth(4)?
                        .split("<br>")
                        .last()?
                        .trim()
                        .to_string();
                    id.contains('_').then_some(id)
                })
                .collect(),
        }
    };
    let json = ids("json");
    assert_eq!(json.len(), 2);
    assert_eq!(ids("jsonl"), json);
    assert_eq!(ids("markdown"), json);
    let none = stdout(&credence(&["score", SEEDS, "--max-score", "1"]));
    assert!(none.starts_with("no articles match"), "{none}");
}

/// Runs `credence ARGS` under a pseudo-terminal (`script`, from util-linux), so that it
/// colours its output as it would for an editor, and gives what it printed. The test fails
/// when `script` is missing or when credence exits with anything but 0 (`script -e` passes
/// credence's exit code on).
fn on_a_terminal(args: &str, columns: Option<usize>) -> String {
    let bin = env!("CARGO_BIN_EXE_credence");
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .current_dir(project())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    if let Some(n) = columns {
        c.env("COLUMNS", n.to_string());
    }
    let out = c.output().unwrap_or_else(|e| {
        panic!(
            "`script` (util-linux; Debian's bsdutils) runs credence on a terminal and did not start: {e}"
        )
    });
    assert_eq!(
        out.status.code(),
        Some(0),
        "credence {args} on a terminal of {columns:?} columns:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Characters a terminal shows: escape sequences and the carriage returns a terminal adds
/// taken out.
fn shown_width(line: &str) -> usize {
    let mut n = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, ended by a letter.
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else if c != '\r' {
            n += 1;
        }
    }
    n
}

#[test]
fn a_coloured_table_stays_aligned_and_fits_the_terminal() {
    let wide = on_a_terminal(&format!("score {SEEDS}"), Some(200));
    assert!(wide.contains('\u{1b}'), "coloured on a terminal");
    let rows: Vec<&str> = wide.lines().filter(|l| l.contains('│')).collect();
    assert!(rows.len() > 5, "{wide}");
    let first = shown_width(rows[0]);
    for row in &rows {
        assert_eq!(shown_width(row), first, "misaligned: {row:?}");
    }
    let narrow = on_a_terminal(&format!("score {SEEDS}"), Some(80));
    for line in narrow.lines() {
        assert!(
            shown_width(line) <= 80,
            "{} wide: {line:?}",
            shown_width(line)
        );
    }
    assert!(
        narrow.contains("findings"),
        "the compact layout below 100 columns"
    );
    let wide_flag = on_a_terminal(&format!("score {SEEDS} --wide"), Some(80));
    assert!(wide_flag.lines().any(|l| shown_width(l) > 80));
}

#[test]
fn csv_has_a_row_per_article_and_defuses_formulas() {
    let out = credence(&["score", SEEDS, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 6, "a header and five articles:\n{text}");
    assert!(rows[0].starts_with("rank,id,title,source,story,published"));
    // Same order and articles as the JSON.
    let json: Value =
        serde_json::from_str(&stdout(&credence(&["score", SEEDS, "--format", "json"]))).unwrap();
    for (row, article) in rows[1..].iter().zip(json["articles"].as_array().unwrap()) {
        assert!(row.contains(article["id"].as_str().unwrap()), "{row}");
    }
    // A title a spreadsheet would run as a formula is written as text.
    let dir = common::scratch("cli", "csv-formula");
    std::fs::write(
        dir.join("hostile.txt"),
        "=HYPERLINK(\"http://x\", \"click\")\n\nThe mayor said 12 roads were closed on Monday.\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "csv"]);
    let text = stdout(&out);
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\", \"\"click\"\")\""),
        "{text}"
    );
}

#[test]
fn completions_and_manual_are_generated_from_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let out = credence(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        for word in ["score", "explain", "format", "wide"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let man = stdout(&credence(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH credence 1"),
        "{}",
        &man[..200]
    );
    for page in ["credence-score", "credence-explain", "credence-rules"] {
        assert!(man.contains(&format!(".TH {page} 1")), "no page for {page}");
    }
}

#[test]
fn an_outlet_not_given_is_read_from_the_url_or_the_dateline_and_said_so() {
    let dir = common::scratch("cli", "outlets-inferred");
    std::fs::write(
        dir.join("a.txt"),
        "Storm hits coast\n\nWASHINGTON (Reuters) - A storm hit the coast on Monday, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\ntitle: Rain\nurl: https://www.example.org/x\n---\nIt rained on Monday, the mayor said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Plain\n\nThe mayor (who spoke briefly) said 3 roads closed.\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let source = |id: &str| {
        let a = article(&report, id);
        (a["source"].clone(), a["source_inferred"].clone())
    };
    assert_eq!(
        source("a"),
        (Value::from("Reuters"), Value::from("dateline"))
    );
    assert_eq!(
        source("b"),
        (Value::from("example.org"), Value::from("url"))
    );
    assert_eq!(source("c"), (Value::Null, Value::Null));
    let table = stdout(&credence_in(&dir, &["score", ".", "--wide"]));
    assert!(
        table.contains("(from dateline)") && table.contains("(from url)"),
        "{table}"
    );
    let sources = stdout(&credence_in(&dir, &["sources", ".", "--format", "jsonl"]));
    assert!(sources.contains("\"source\":\"Reuters\""), "{sources}");
}

#[test]
fn output_goes_to_the_named_file_in_every_format() {
    let dir = scratch("output-file");
    for format in ["table", "json", "jsonl", "markdown", "csv", "html"] {
        let file = dir.join(format!("out.{format}"));
        // An older, longer file of the same name is replaced, not patched.
        std::fs::write(&file, "x".repeat(1 << 20)).unwrap();
        let out = credence(&[
            "score",
            SEEDS,
            "--format",
            format,
            "--output",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "{format}: nothing on standard output"
        );
        let written = std::fs::read_to_string(&file).unwrap();
        let shown = stdout(&credence(&["score", SEEDS, "--format", format]));
        if format == "html" {
            // The page carries a fresh nonce each run; the rest is the same.
            let strip = |s: &str| {
                s.split("nonce")
                    .map(|part| part.split_once('\'').map_or(part, |(_, rest)| rest))
                    .collect::<String>()
            };
            assert!(written.len() > 10_000);
            assert_eq!(strip(&written).len(), strip(&shown).len(), "{format}");
        } else {
            // The summary line under a table gives the run's seconds.
            let untimed = |s: &str| {
                s.lines()
                    .map(|l| l.split(" errors, ").next().unwrap_or(l).to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(untimed(&written), untimed(&shown), "{format}");
        }
    }
    // The roll-up and the rule list too: `--output` is global.
    let file = dir.join("rules.json");
    let out = credence(&[
        "rules",
        "list",
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(rules.as_array().is_some_and(|r| r.len() > 10));
    // A file that cannot be written is an error naming it, exit 2.
    let out = credence(&["score", SEEDS, "-o", "/nonexistent-dir/out.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent-dir/out.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_html_report_is_one_self_contained_page_with_every_article() {
    let out = credence(&["score", SEEDS, "--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Nothing to fetch: no external script, style sheet, image or font.
    for external in ["<link", " src=", "@import", "url(", "http://", "https://"] {
        assert!(!page.contains(external), "the page names {external}");
    }
    let json = json(&credence(&["score", SEEDS, "--format", "json"]));
    for a in json["articles"].as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        assert!(
            page.contains(&format!("data-id=\"{id}\"")),
            "no section for {id}"
        );
    }
    // Filters mean the same in every format: --top 2 keeps two articles.
    let top = stdout(&credence(&[
        "score", SEEDS, "--format", "html", "--top", "2",
    ]));
    assert_eq!(top.matches("<article class=\"doc\"").count(), 2);
}

#[test]
fn an_article_in_a_language_the_rules_do_not_read_is_not_assessed_and_says_so() {
    let dir = scratch("language");
    // An English report, a German one read with German grammar ("1.500" is 1500), and a
    // Swedish one, a language the rules have no tables for.
    std::fs::write(
        dir.join("en.txt"),
        "Fire at the depot\n\nA fire at the fuel depot forced 1,500 residents from their homes on Sunday, the fire chief, Maria Lund, said. Sources said the damage could reach $40 million.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("de.txt"),
        "Brand im Depot\n\nEin Brand im Treibstofflager hat am Sonntag 1.500 Anwohner aus ihren Häusern vertrieben, wie die Feuerwehrchefin Maria Lund mitteilte. Der Schaden könnte 40 Millionen Dollar erreichen.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sv.txt"),
        "Brand i depån\n\nEn brand i bränsledepån tvingade på söndagen 1.500 invånare att lämna sina hem, sade brandchefen Maria Lund. Enligt källor kan skadorna uppgå till 40 miljoner dollar.\n",
    )
    .unwrap();
    let out = credence_in(&dir, &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let by_id = |id: &str| {
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    let (en, de, sv) = (by_id("en"), by_id("de"), by_id("sv"));
    assert_eq!(en["language"], "en");
    assert_eq!(de["language"], "de");
    assert_eq!(sv["language"], "sv");
    assert!(sv["findings"].as_array().unwrap().is_empty(), "{sv}");
    let note = sv["notes"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("written in sv") && note.contains("not assessed"),
        "{note}"
    );
    // German is read: its named source earns a credit, and it gets no language note.
    let codes = |a: &Value| -> Vec<String> {
        a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&de).contains(&"CR701".to_string()), "{de}");
    assert!(
        de["notes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["code"] != "LANG"),
        "{de}"
    );
    // The English article is judged as before.
    assert!(!en["findings"].as_array().unwrap().is_empty());
    let table = stdout(&credence_in(&dir, &["score", ".", "--wide"]));
    assert!(table.contains("not assessed (sv)"), "{table}");
    // A language given in the input is taken as given.
    let given = credence_stdin(
        &["score", "-", "--format", "json"],
        "{\"id\": \"x\", \"lang\": \"pl\", \"text\": \"A fire forced 1,500 residents from their homes on Sunday, officials said in a statement to the press.\"}\n",
    );
    let given = json(&given);
    assert_eq!(given["articles"][0]["language"], "pl");
    assert!(
        given["articles"][0]["findings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // The German article's figures are read with German grammar: 1,500 displaced.
    let figures = json(&credence_in(&dir, &["extract", "de.txt"]));
    let displaced: Vec<f64> = figures["articles"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["measure"] == "displaced")
        .map(|f| f["value"].as_f64().unwrap())
        .collect();
    assert_eq!(displaced, vec![1500.0], "{figures}");
}

/// The language a desk adds in its own rules file, as docs/languages.md shows it, is read:
/// its figures found, and the article judged instead of set aside.
#[test]
fn a_desk_adds_a_language_in_its_own_rules_file() {
    let dir = scratch("added-language");
    let doc = std::fs::read_to_string(project().join("docs/languages.md")).unwrap();
    let start = doc.find("```toml\n[lang.sv]").expect("the example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    std::fs::write(dir.join("sv.toml"), &doc[start..end]).unwrap();
    std::fs::write(
        dir.join("sv.txt"),
        "Brand i depån\n\nEn brand i bränsledepån tvingade på söndagen 1 500 invånare att lämna sina hem, sade brandchefen Maria Lund. Minst 12 personer omkom i branden, enligt polisen.\n",
    )
    .unwrap();
    let rules_check = |file: &str| {
        command(&dir)
            .args(["rules", "check", file])
            .output()
            .expect("credence runs")
    };
    let check = rules_check("sv.toml");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("7 languages besides English"),
        "{}",
        stdout(&check)
    );
    let figures = json(&credence_in(
        &dir,
        &["extract", "sv.txt", "--rules", "sv.toml"],
    ));
    let found: Vec<(f64, Value)> = figures["articles"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_f64().unwrap(), f["measure"].clone()))
        .collect();
    assert_eq!(
        found,
        vec![(1500.0, Value::Null), (12.0, Value::from("deaths"))],
        "{figures}"
    );
    let scored = json(&credence_in(
        &dir,
        &["score", "sv.txt", "--rules", "sv.toml", "--format", "json"],
    ));
    let article = &scored["articles"][0];
    assert_eq!(article["language"], "sv");
    assert!(
        article["notes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["code"] != "LANG"),
        "{article}"
    );
    // Without the file, the same article is not assessed.
    let plain = json(&credence_in(&dir, &["score", "sv.txt", "--format", "json"]));
    assert_eq!(plain["articles"][0]["notes"][0]["code"], "LANG");
    // A broken table is refused with its file and line.
    std::fs::write(
        dir.join("bad.toml"),
        "[lang.sv]\nmonths = { januari = 13 }\n",
    )
    .unwrap();
    let bad = rules_check("bad.toml");
    assert_ne!(bad.status.code(), Some(0));
    assert!(stderr(&bad).contains("bad.toml:2:"), "{}", stderr(&bad));
}
