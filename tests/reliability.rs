//! Bad input, hostile rules and hostile text: each case says what went wrong, names the
//! file (and line), and never stops the good articles beside it from being scored. Each
//! test here is a row of docs/reliability.md.

mod common;

use common::{article, command, find_article};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const GOOD: &str = "Good news\n\nThe mayor said 12 roads were closed on Monday.\n";

fn credence(dir: &Path, args: &[&str]) -> Output {
    command(dir)
        .args(args)
        .arg("--no-config")
        .output()
        .expect("credence runs")
}

fn scratch(name: &str) -> common::Scratch {
    let dir = common::scratch("rel", name);
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    dir
}

/// Scores `dir` as JSON; returns the exit code, the report and stderr.
fn score_dir(dir: &Path) -> (Option<i32>, Value, String) {
    let out = credence(dir, &["score", ".", "--format", "json"]);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code(),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ids(report: &Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

fn error_for<'r>(report: &'r Value, file: &str) -> &'r Value {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("no error for {file}: {report}"))
}

/// A bad file beside a good one: exit 1, the error names the file, the good one is scored.
fn bad_file(name: &str, file: &str, contents: &[u8], expect: &str) {
    let dir = scratch(name);
    std::fs::write(dir.join(file), contents).unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(1), "{name}");
    assert!(
        ids(&report).contains(&"good".to_string()),
        "{name}: good article not scored"
    );
    let message = error_for(&report, file)["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains(expect), "{name}: {message}");
}

#[test]
fn empty_file() {
    bad_file("empty", "empty.txt", b"", "empty file");
}

#[test]
fn binary_file() {
    bad_file(
        "binary",
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "binary file (NUL byte at offset 8)",
    );
}

#[test]
fn file_over_the_size_cap() {
    let big = vec![b'a'; 50 * 1024 * 1024];
    bad_file("big", "huge.txt", &big, "over the 16777216-byte limit");
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let dir = scratch("utf8");
    std::fs::write(
        dir.join("latin1.txt"),
        b"Caf\xe9 news\n\nThe caf\xe9 served 40 people, the owner said.\n",
    )
    .unwrap();
    let (code, report, stderr) = score_dir(&dir);
    assert_eq!(code, Some(0), "repaired, not refused");
    assert!(ids(&report).contains(&"latin1".to_string()));
    assert!(
        stderr.contains(
            "latin1.txt: invalid UTF-8 at byte 3; 2 invalid sequence(s) replaced with U+FFFD"
        ),
        "{stderr}"
    );
    assert!(
        report["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8")
    );
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let dir = scratch("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "Title\n\nPolice said 40 people were hurt.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(dir.join("wide.txt"), bytes).unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(0));
    assert!(ids(&report).contains(&"wide".to_string()));
}

#[test]
fn jsonl_lines_that_are_not_articles() {
    let dir = scratch("jsonl");
    std::fs::write(
        dir.join("feed.jsonl"),
        "{\"id\":\"ok\",\"text\":\"Officials said 3 bridges closed.\"}\n{oops\n{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":[1,2]}\n",
    )
    .unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(1));
    assert!(ids(&report).contains(&"ok".to_string()) && ids(&report).contains(&"good".to_string()));
    let errors: Vec<(u64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        errors[0].0 == 2 && errors[0].1.starts_with("not valid JSON"),
        "{errors:?}"
    );
    assert_eq!(errors[1], (3, "record has no `text` field".to_string()));
    assert_eq!(
        errors[2],
        (4, "`text` must be a string, not an array".to_string())
    );
}

#[test]
fn duplicate_ids_are_renamed_with_a_warning() {
    let dir = scratch("dupes");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/good.txt"), GOOD).unwrap();
    let (code, report, stderr) = score_dir(&dir);
    assert_eq!(code, Some(0));
    let mut got = ids(&report);
    got.sort();
    assert_eq!(got, vec!["good".to_string(), "good~2".to_string()]);
    assert!(
        stderr.contains("duplicate id \"good\"; renamed to \"good~2\""),
        "{stderr}"
    );
}

/// A directory the user may not read is an error naming it, and the files beside it are
/// scored. Root reads any directory, so when the tests run with that privilege (as in CI),
/// credence is run as the unprivileged user `nobody` (util-linux's `setpriv`), for whom the
/// directory is locked as it is for any desk's user.
#[test]
fn a_directory_without_permission() {
    let dir = scratch("perm");
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(locked.join("inside.txt"), GOOD).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read_dir(&locked).is_ok();
    let out = if privileged {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_credence"))
            .args(["score", ".", "--format", "json", "--no-config"])
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .current_dir(&dir)
            .output()
            .expect("setpriv (util-linux) runs credence as nobody")
    } else {
        credence(&dir, &["score", ".", "--format", "json"])
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(ids(&report).contains(&"good".to_string()), "{report}");
    assert!(!ids(&report).contains(&"inside".to_string()), "{report}");
    let message = error_for(&report, "locked")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("cannot read directory") && message.contains("permission denied"),
        "{message}"
    );
}

#[test]
fn a_symlink_loop() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/back")).unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(1));
    assert_eq!(
        ids(&report),
        vec!["good".to_string()],
        "read once, not forever"
    );
    assert!(
        error_for(&report, "back")["message"]
            .as_str()
            .unwrap()
            .contains("symlink loop")
    );
}

#[test]
fn a_path_that_does_not_exist() {
    let dir = scratch("missing");
    let out = credence(
        &dir,
        &["score", "good.txt", "nowhere.txt", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&report), vec!["good".to_string()]);
    assert_eq!(
        error_for(&report, "nowhere.txt")["message"],
        "no such file or directory"
    );
}

// ---- hostile or broken rules -----------------------------------------------------------

fn rules_error(name: &str, rules: &str) -> (Option<i32>, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("r.toml"), rules).unwrap();
    let out = credence(&dir, &["score", ".", "--rules", "r.toml"]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).trim().to_string(),
    )
}

#[test]
fn invalid_toml() {
    let (code, err) = rules_error("toml", "[[rule]\ncode = 1\n");
    assert_eq!(code, Some(2));
    assert_eq!(err, "error: r.toml:1:8: unclosed array table, expected `]`");
}

#[test]
fn an_enormous_regex_is_refused_by_its_size_limit() {
    let rules = "[[rule]]\ncode = \"BIG1\"\nname = \"big\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\npatterns = ['(?:\\w{100}){100}']\n";
    let (code, err) = rules_error("bigre", rules);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: r.toml:8:14: rule BIG1: invalid pattern")
            && err.contains("size limit"),
        "{err}"
    );
}

#[test]
fn a_negative_or_nan_weight() {
    for w in ["-1.0", "nan"] {
        let (code, err) = rules_error(
            "weight",
            &format!("[[rule]]\ncode = \"CR101\"\nweight = {w}\n"),
        );
        assert_eq!(code, Some(2));
        assert!(
            err.starts_with("error: r.toml:3:1: rule CR101: weight must be a finite number ≥ 0"),
            "{err}"
        );
    }
}

#[test]
fn clustering_options_out_of_range() {
    for (line, expect) in [
        (
            "terms = 0",
            "error: r.toml:2:9: 0 terms: an article needs at least one",
        ),
        (
            "threshold = nan",
            "error: r.toml:2:13: NaN is no similarity: give a number from 0 to 1",
        ),
        (
            "threshold = 1.5",
            "error: r.toml:2:13: 1.5 is no similarity: give a number from 0 to 1",
        ),
        (
            "max-days = -3",
            "error: r.toml:2:12: -3 days: give 0 or more",
        ),
    ] {
        let (code, err) = rules_error("cluster-options", &format!("[stories]\n{line}\n"));
        assert_eq!(code, Some(2), "{line}");
        assert_eq!(err, expect);
    }
}

fn scored_with(name: &str, rules: &str, text: &str) -> (Option<i32>, Value) {
    let dir = scratch(name);
    std::fs::write(dir.join("r.toml"), rules).unwrap();
    std::fs::write(dir.join("article.txt"), text).unwrap();
    let out = credence(
        &dir,
        &["score", ".", "--rules", "r.toml", "--format", "json"],
    );
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

#[test]
fn backtracking_bait_runs_in_linear_time() {
    // `(a+)+$` is exponential in a backtracking engine; the regex crate is linear.
    let rules = "[[rule]]\ncode = \"BAIT\"\nname = \"bait\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\npatterns = ['(a+)+$']\n";
    let text = format!("Title\n\n{}!\n", "a".repeat(100_000));
    let (code, report) = scored_with("bait", rules, &text);
    assert_eq!(code, Some(0));
    assert_eq!(report["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn a_rule_that_matches_every_character_is_bounded() {
    let rules = "[[rule]]\ncode = \"ALL1\"\nname = \"everything\"\nkind = \"existence\"\ncategory = \"style\"\nweight = 1.0\nmessage = \"m\"\n[rule.options]\npatterns = ['.']\n";
    let text = format!("Title\n\n{}\n", "word ".repeat(20_000));
    let (code, report) = scored_with("every", rules, &text);
    assert_eq!(code, Some(0));
    let article = article(&report, "article");
    let hits = article["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "ALL1")
        .count();
    assert_eq!(hits, 50, "capped at max-hits");
    assert!(article["score"].as_f64().unwrap() >= 0.0);
}

#[test]
fn thousands_of_rules() {
    let mut rules = String::new();
    for i in 0..2000 {
        rules.push_str(&format!(
            "[[rule]]\ncode = \"M{i}\"\nname = \"many-{i}\"\nkind = \"existence\"\ncategory = \"style\"\nweight = 0.1\nmessage = \"m\"\n[rule.options]\nphrases = [\"word{i}\"]\n"
        ));
    }
    let (code, report) = scored_with(
        "many",
        &rules,
        "Title\n\nThe word7 and word1999 appear here, the editor said.\n",
    );
    assert_eq!(code, Some(0));
    let article = article(&report, "article");
    let mut codes: Vec<&str> = article["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, vec!["M1999", "M7"]);
}

// ---- hostile text ----------------------------------------------------------------------

fn score_text(name: &str, text: &str) -> Value {
    let dir = scratch(name);
    std::fs::write(dir.join("hostile.txt"), text).unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(0), "{name}");
    let article = find_article(&report, "hostile")
        .unwrap_or_else(|| panic!("{name} not scored"))
        .clone();
    let score = article["score"].as_f64().expect("a number, never NaN");
    assert!((0.0..=100.0).contains(&score), "{name}: {score}");
    article
}

#[test]
fn a_ten_megabyte_line_with_no_sentence_end() {
    let text = "and the 40 ministers talked ".repeat(360_000);
    assert!(text.len() > 10_000_000);
    score_text("longline", &text);
}

#[test]
fn a_million_digits() {
    let text = format!(
        "Title\n\nThe debt is {} dollars, officials said.\n",
        "9".repeat(1_000_000)
    );
    score_text("digits", &text);
}

#[test]
fn huge_and_odd_numbers() {
    let article = score_text(
        "numbers",
        "Title\n\nThe fund holds $999,999,999,999,999,999,999 and 1e308 units; 0.0000001% of it, and -0 more.\n",
    );
    for f in article["findings"].as_array().unwrap() {
        assert!(f["points"].as_f64().unwrap().is_finite());
    }
}

#[test]
fn deeply_nested_quotes() {
    let text = format!(
        "Title\n\n{}He said 40 people came.{}\n",
        "“‘\"".repeat(5_000),
        "\"’”".repeat(5_000)
    );
    score_text("quotes", &text);
}

#[test]
fn right_to_left_and_zero_width_characters() {
    score_text(
        "rtl",
        "Title\n\n\u{202e}The minister said 40\u{200b}0 people\u{200d} came to دمشق on 3\u{200c}0 March.\u{202c} مات 12 شخصا.\n",
    );
}

/// A batch large enough that its output outgrows a pipe's buffer.
fn many_articles(name: &str) -> common::Scratch {
    let dir = scratch(name);
    let feed: String = (0..400)
        .map(|i| {
            serde_json::json!({"id": format!("a{i}"), "text": format!("The mayor said {i} roads were closed on Monday, and an unnamed official said 40 more would follow.")})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dir.join("feed.jsonl"), feed).unwrap();
    dir
}

#[test]
fn a_failed_write_is_an_error() {
    let dir = many_articles("full");
    for args in [
        &["score", "feed.jsonl", "--format", "json"][..],
        &["score", "feed.jsonl"][..],
        &["score", "feed.jsonl", "--stream", "--format", "jsonl"][..],
    ] {
        let out = command(&dir)
            .args(args)
            .arg("--no-config")
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_full_stderr_is_no_panic() {
    let dir = many_articles("full-stderr");
    let out = command(&dir)
        .args(["score", "feed.jsonl", "--format", "json", "--no-config"])
        .stderr(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok());
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_run_quietly() {
    let dir = many_articles("closed-pipe");
    for args in [
        &["score", "feed.jsonl", "--format", "jsonl"][..],
        &["score", "feed.jsonl", "--stream", "--format", "jsonl"][..],
    ] {
        let mut child = command(&dir)
            .args(args)
            .arg("--no-config")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line, then close the pipe, as `| head -1` does.
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(first.starts_with('{'));
    }
}

#[test]
fn standard_input_is_spooled_privately_and_never_twice() {
    let dir = many_articles("stdin");
    let feed = std::fs::read(dir.join("feed.jsonl")).unwrap();
    let run = |args: &[&str]| {
        let mut child = command(&dir)
            .args(args)
            .arg("--no-config")
            .env("TMPDIR", &dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // A refused command may exit before reading its input: the pipe then closes early.
        let _ = std::io::Write::write_all(&mut stdin, &feed);
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let out = run(&["score", "-", "--stream", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 400);
    // Nothing is left in the temporary directory but the feed itself.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}"); // good.txt and feed.jsonl
    for args in [
        &["score", "-", "-", "--stream", "--format", "jsonl"][..],
        &["score", "-", "-"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("given more than once"));
    }
}

#[test]
fn escape_sequences_and_table_breakers_in_an_article_are_shown_not_obeyed() {
    let dir = scratch("inject");
    let hostile = serde_json::json!({
        "id": "x\u{1b}[2J",
        "title": "\u{1b}]52;c;aGk=\u{7}ALL CLEAR | fake <b>row</b>",
        "source": "Evil\u{1b}[31m | Wire",
        "text": "The mayor said \u{1b}[2K12 roads were closed on Monday."
    });
    std::fs::write(dir.join("feed.jsonl"), format!("{hostile}\n")).unwrap();
    for args in [
        &["score", "feed.jsonl"][..],
        &["score", "feed.jsonl", "--format", "markdown"][..],
        &["score", "feed.jsonl", "--by", "source"][..],
        &["explain", "feed.jsonl"][..],
    ] {
        let out = credence(&dir, args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains('\u{1b}'), "{args:?}: {stdout}");
        assert!(!stdout.contains('\u{7}'), "{args:?}");
        // The title is still shown (the outlet roll-up shows no titles).
        assert!(
            stdout.contains("ALL CLEAR") || args.contains(&"--by"),
            "{args:?}: {stdout}"
        );
    }
    let md = credence(&dir, &["score", "feed.jsonl", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("ALL CLEAR \\| fake &lt;b>row&lt;/b>"), "{md}");
    assert!(md.contains("Evil\u{FFFD}[31m \\| Wire"), "{md}");
}

#[test]
fn a_bad_path_in_a_stream_is_listed_and_the_rest_scored() {
    let dir = many_articles("stream-bad-path");
    let out = credence(
        &dir,
        &[
            "score",
            "feed.jsonl",
            "missing.jsonl",
            "good.txt",
            "--stream",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.iter().filter(|l| l.get("id").is_some()).count(), 400);
    let errors: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["error"]["path"].as_str())
        .collect();
    assert_eq!(errors, vec!["missing.jsonl", "good.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
}

#[test]
fn rules_that_would_be_ignored_or_misread_are_refused() {
    let existence = |code: &str, name: &str| {
        format!(
            "[[rule]]\ncode = \"{code}\"\nname = \"{name}\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\nphrases = [\"foo\"]\n\n"
        )
    };
    let cases = [
        (
            format!(
                "{}{}",
                existence("DESK1", "desk-one"),
                existence("DESK1", "desk-two")
            ),
            "error: r.toml:11:9: rule DESK1: this code appears twice in this file: give each rule one table",
        ),
        (
            "[[per-source]]\nsource = \"Wire\"\nignore = [\"CR1O1\"]\n".to_string(),
            "error: r.toml:3:11: `per-source` names \"CR1O1\", which is no rule code, rule name or category",
        ),
        (
            "[[waiver]]\narticle = \"a\"\nrules = [\"CR99\"]\nreason = \"r\"\n".to_string(),
            "error: r.toml:3:10: `waiver` names \"CR99\", which is no rule code, rule name or category",
        ),
        (
            "[scoring]\nrepeat-decay = nan\n".to_string(),
            "error: r.toml:2:16: NaN is no share: give a number from 0 to 1",
        ),
        (
            "[scoring]\nscale = 0\n".to_string(),
            "error: r.toml:2:9: 0: give a finite number above 0",
        ),
        (
            "[scoring]\nbaseline = -5\n".to_string(),
            "error: r.toml:2:12: -5: give a finite number, 0 or more",
        ),
        (
            "[[reference]]\nmeasure = \"deaths\"\nvalue = nan\nas-of = \"2025-01-01\"\nsource = \"x\"\n".to_string(),
            "error: r.toml:3:9: NaN: give a finite number",
        ),
        (
            "[[reference]]\nmeasure = \"deaths\"\nvalue = 5\nas-of = \"2025-01-01\"\nsource = \"x\"\ntolerance = 2\n".to_string(),
            "error: r.toml:6:13: 2 is no share: give a number from 0 to 1",
        ),
        (
            "[[rule]]\ncode = \"CR102\"\n[rule.options]\nthreshold = nan\n".to_string(),
            "error: r.toml:4:1: rule CR102: in [rule.options]: `threshold` must be a finite number ≥ 0, not NaN",
        ),
        (
            "[[rule]]\ncode = \"CR101\"\n[rule.options]\nmin-value = -3\n".to_string(),
            "error: r.toml:4:1: rule CR101: in [rule.options]: `min-value` must be a finite number ≥ 0, not -3",
        ),
        (
            "[scoring]\nlevels = []\n".to_string(),
            "error: r.toml:2:10: levels need at least one level, each with a name and a min-score from 0 to 100",
        ),
    ];
    for (rules, expect) in cases {
        let (code, err) = rules_error("refused-rules", &rules);
        assert_eq!(code, Some(2), "{rules}");
        assert_eq!(err, expect);
    }
}

#[test]
fn a_rejected_megabyte_pattern_is_named_not_printed() {
    let rules = format!(
        "[[rule]]\ncode = \"BIG2\"\nname = \"big2\"\nkind = \"existence\"\ncategory = \"style\"\nmessage = \"m\"\n[rule.options]\npatterns = [\"({})\"]\n",
        "a".repeat(1_000_000).replacen('a', "(", 1)
    );
    let (code, err) = rules_error("megabyte-pattern", &rules);
    assert_eq!(code, Some(2));
    assert!(err.len() < 1_000, "{} bytes of error", err.len());
    assert!(err.contains("bytes in all"), "{err}");
}

#[test]
fn explain_reads_its_own_folder_not_the_tree_under_it() {
    let dir = scratch("explain-tree");
    std::fs::write(
        dir.join("peer.txt"),
        "Peer report\n\nThe mayor said 12 roads were closed on Monday.\n",
    )
    .unwrap();
    // A subfolder that, read, would fail loudly: a binary file.
    std::fs::create_dir_all(dir.join("archive/2019")).unwrap();
    std::fs::write(dir.join("archive/2019/old.txt"), b"bin\0ary").unwrap();
    let out = credence(&dir, &["explain", "good.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("old.txt"), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The peer in the same folder corroborates the 12 roads.
    let corroborated = report["articles"][0]["corroborated"].as_array().unwrap();
    assert!(
        corroborated.iter().any(|c| c["articles"][0] == "peer"),
        "{report}"
    );
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn pipes_and_devices_are_read_with_the_cap_or_skipped() {
    let dir = many_articles("fifo");
    // A pipe with no writer in a directory scan: skipped and listed, never waited on.
    mkfifo(&dir.join("hang.txt"));
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(1));
    assert!(
        error_for(&report, "hang.txt")["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file")
    );
    assert_eq!(ids(&report).len(), 401);
    std::fs::remove_file(dir.join("hang.txt")).unwrap();

    // A pipe named on the command line is read, as JSONL by its name or by its content.
    for name in ["feed-pipe.jsonl", "feed-pipe"] {
        let fifo = dir.join(name);
        mkfifo(&fifo);
        let feed = std::fs::read(dir.join("feed.jsonl")).unwrap();
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, feed).unwrap())
        };
        let out = credence(&dir, &["score", name, "--format", "json"]);
        writer.join().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(ids(&report).len(), 400, "{name}");
        std::fs::remove_file(&fifo).unwrap();
    }

    // A device that never ends is read up to the cap and refused.
    let out = credence(
        &dir,
        &["score", "/dev/zero", "good.txt", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        error_for(&report, "/dev/zero")["message"]
            .as_str()
            .unwrap()
            .contains("over the limit")
    );
    assert_eq!(ids(&report), vec!["good"]);
}

#[test]
fn a_huge_line_on_standard_input_is_passed_over_and_the_next_read() {
    let dir = scratch("huge-stdin-line");
    let mut input = vec![b'a'; 20 << 20];
    input.extend_from_slice(
        b"\n{\"id\": \"after\", \"text\": \"The mayor said 12 roads were closed.\"}\n",
    );
    let mut child = command(&dir)
        .args(["score", "-", "--format", "json", "--no-config"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, &input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&report), vec!["after"]);
    let error = &report["errors"][0];
    assert_eq!(error["line"], 1);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("record is 20971520 bytes, over the")
    );
}

#[test]
fn invalid_utf8_in_a_jsonl_line_is_repaired_as_in_a_text_file() {
    let dir = scratch("utf8-jsonl");
    let mut feed =
        b"{\"id\": \"caf\", \"text\": \"The caf\xe9 served 40 people, the owner said.\"}\n"
            .to_vec();
    feed.extend_from_slice(
        b"{\"id\": \"ok\", \"text\": \"The mayor said 12 roads were closed.\"}\n",
    );
    std::fs::write(dir.join("feed.jsonl"), &feed).unwrap();
    for args in [
        &["score", "feed.jsonl", "--format", "json"][..],
        &["score", "feed.jsonl", "--stream", "--format", "jsonl"][..],
    ] {
        let out = credence(&dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("\"caf\""), "{args:?}: {stdout}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(
                "feed.jsonl:1: invalid UTF-8; 1 invalid sequence(s) replaced with U+FFFD"
            ),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_stream_renames_duplicate_ids_as_reading_at_once_does() {
    let dir = scratch("stream-dupes");
    // The same id in two stories: renamed by reading order, whatever order stories score in.
    let feed = [
        r#"{"id": "x", "story": "zeta", "text": "The mayor said 12 roads were closed."}"#,
        r#"{"id": "x", "story": "alpha", "text": "Police said 40 people attended the rally."}"#,
    ]
    .join("\n");
    std::fs::write(dir.join("feed.jsonl"), feed).unwrap();
    let id_of_story = |args: &[&str]| -> Vec<(String, String)> {
        let out = credence(&dir, args);
        let mut pairs: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|a| a.get("id").is_some())
            .map(|a| {
                (
                    a["story"].as_str().unwrap().to_string(),
                    a["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    let at_once = id_of_story(&["score", "feed.jsonl", "--format", "jsonl"]);
    let streamed = id_of_story(&["score", "feed.jsonl", "--stream", "--format", "jsonl"]);
    assert_eq!(
        at_once,
        vec![("alpha".into(), "x~2".into()), ("zeta".into(), "x".into())]
    );
    assert_eq!(streamed, at_once);
}

#[test]
fn carriage_returns_alone_end_lines() {
    let dir = scratch("cr-only");
    std::fs::write(
        dir.join("mac.txt"),
        "Harbour closed\r\rThe mayor said 12 roads were closed.\rPolice said 40 people attended.\r",
    )
    .unwrap();
    let out = credence(&dir, &["score", "mac.txt", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = article(&report, "mac");
    assert_eq!(a["title"], "Harbour closed");
    // Each figure on its own line: 12 on line 3, 40 on line 4.
    let out = credence(&dir, &["extract", "mac.txt"]);
    let extracted: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<(String, u64)> = extracted["articles"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, vec![("12".to_string(), 3), ("40".to_string(), 4)]);
}

#[test]
fn two_links_to_one_folder_are_read_once_and_not_called_a_loop() {
    let dir = scratch("two-links");
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/one.txt"), GOOD).unwrap();
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::os::unix::fs::symlink(dir.join("shared"), dir.join("desk/a")).unwrap();
    std::os::unix::fs::symlink(dir.join("shared"), dir.join("desk/b")).unwrap();
    let out = credence(&dir, &["score", "desk", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&report), vec!["one"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("loop"), "{stderr}");
    assert!(
        stderr.contains("the same directory as another path already read"),
        "{stderr}"
    );
}

#[test]
fn html_files_in_a_folder_are_read_as_pages() {
    let dir = scratch("html");
    std::fs::write(
        dir.join("page.html"),
        "<html><body><p>The pier reopened on Monday.</p></body></html>",
    )
    .unwrap();
    // A page with nothing to read is named, and the rest still scored.
    std::fs::write(
        dir.join("shell.html"),
        "<html><body><script>app()</script></body></html>",
    )
    .unwrap();
    let (code, report, _) = score_dir(&dir);
    assert_eq!(code, Some(1));
    let mut read = ids(&report);
    read.sort();
    assert_eq!(read, vec!["good", "page"]);
    let errors = report["errors"].to_string();
    assert!(
        errors.contains("no article text found in the page"),
        "{errors}"
    );
}

#[test]
fn a_score_bound_must_be_a_score() {
    let dir = scratch("score-bound");
    for bad in ["nan", "-1", "101", "many"] {
        let out = credence(&dir, &["score", ".", "--min-score", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_and_a_missing_one_is_reported_alone() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("latin1-name");
    let latin1 = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.join(latin1), GOOD.replace("12 roads", "14 roads")).unwrap();
    let missing = OsStr::from_bytes(b"gone\xff.txt");
    let out = command(&dir)
        .args(["score", "--format", "json", "--no-config", "good.txt"])
        .arg(latin1)
        .arg(missing)
        .output()
        .expect("credence runs");
    // The one that is not there is an error of its own; the other two are scored.
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"caf\u{fffd}.txt"), "{paths:?}");
    assert!(paths.contains(&"good.txt"), "{paths:?}");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "gone\u{fffd}.txt");
    // Explain takes such a name too.
    let out = command(&dir)
        .args(["explain", "--no-config"])
        .arg(latin1)
        .output()
        .expect("credence runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("caf\u{fffd}.txt:3:"));
}
