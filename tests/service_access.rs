//! `credence serve` refusing what it must: writes without consent (a token, or --no-auth on
//! loopback alone), requests addressed to a foreign name or sent by a foreign page, posts
//! that do not say they carry JSON, an id moved to another story or outlet without saying
//! so, fields the history cannot keep; and each post standing alone in a group commit.

mod common;

use common::http::request;
use common::server::Server;
use common::{command, project, scratch};
use serde_json::{Value, json};

const HARBOUR: &str = "fixtures/service/harbour-fire.jsonl";

fn harbour() -> Vec<Value> {
    std::fs::read_to_string(project().join(HARBOUR))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `credence serve` with `args` that must refuse to start: its stderr.
fn refused(dir: &std::path::Path, args: &[&str]) -> String {
    let out = command(dir).arg("serve").args(args).output().unwrap();
    assert!(!out.status.success(), "started with {args:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn writes_need_a_token_unless_no_auth_is_given_on_loopback() {
    let dir = scratch("access", "consent");
    let none = refused(&dir, &["--addr", "127.0.0.1:0", "--db", "h.db"]);
    assert!(
        none.contains("--token-file") && none.contains("--no-auth"),
        "{none}"
    );
    let open_wide = refused(&dir, &["--addr", "0.0.0.0:0", "--db", "h.db", "--no-auth"]);
    assert!(open_wide.contains("loopback"), "{open_wide}");
    std::fs::write(dir.join("token"), "t0ken\n").unwrap();
    let both = refused(
        &dir,
        &[
            "--addr",
            "127.0.0.1:0",
            "--no-auth",
            "--token-file",
            "token",
        ],
    );
    assert!(both.contains("contradict"), "{both}");
    assert!(
        !dir.join("h.db").exists(),
        "refused before the history is opened"
    );
}

#[test]
fn the_token_is_read_in_any_case_and_posts_must_say_they_carry_json() {
    let dir = scratch("access", "bearer");
    std::fs::write(dir.join("token"), "t0ken\n").unwrap();
    let server = Server::start(&dir, &["--token-file", "token"]);
    let body = harbour()[1].to_string();
    let post = |headers: &[(&str, &str)]| {
        server
            .call_with("POST", "/v1/articles", headers, body.as_bytes())
            .status
    };
    assert_eq!(post(&[("Content-Type", "application/json")]), 401);
    assert_eq!(
        post(&[
            ("Authorization", "BEARER t0ken"),
            ("Content-Type", "text/plain")
        ]),
        415
    );
    assert_eq!(post(&[("Authorization", "bearer t0ken")]), 415);
    assert_eq!(
        post(&[
            ("Authorization", "bearer t0ken"),
            ("Content-Type", "application/x-ndjson; charset=utf-8")
        ]),
        200
    );
    assert_eq!(
        post(&[
            ("Authorization", "Bearer t0ken"),
            ("Content-Type", "Application/JSON")
        ]),
        200
    );
}

#[test]
fn requests_for_a_foreign_name_or_from_a_foreign_page_are_refused() {
    let dir = scratch("access", "host");
    let server = Server::start(
        &dir,
        &[
            "--allow-host",
            "desk.example",
            "--allow-origin",
            "https://desk.example",
        ],
    );
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let get = |headers: &[(&str, &str)]| {
        // The client sends its own Host first; a second one would be refused as a bad
        // request, so the test sends every header itself on a raw request.
        raw_get(&server.addr, "/v1/outlets", headers)
    };
    assert_eq!(get(&[("Host", &format!("localhost:{port}"))]), 200);
    assert_eq!(get(&[("Host", &format!("[::1]:{port}"))]), 200);
    assert_eq!(get(&[("Host", &format!("desk.example:{port}"))]), 200);
    assert_eq!(get(&[("Host", "rebound.example")]), 403);
    assert_eq!(get(&[("Host", "10.1.2.3")]), 403, "another address");
    let local = format!("127.0.0.1:{port}");
    assert_eq!(
        get(&[("Host", &local), ("Origin", "https://desk.example")]),
        200
    );
    assert_eq!(
        get(&[("Host", &local), ("Origin", "https://evil.example")]),
        403
    );
    assert_eq!(get(&[("Host", &local), ("Origin", "null")]), 403);
    // The health check answers a load balancer by any name.
    assert_eq!(raw_get(&server.addr, "/healthz", &[("Host", "lb")]), 200);
}

/// The status of a GET sent with exactly `headers`.
fn raw_get(addr: &str, path: &str, headers: &[(&str, &str)]) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut head = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

#[test]
fn an_id_moves_to_another_story_or_outlet_only_when_the_post_says_it_replaces() {
    let dir = scratch("access", "replace");
    let server = Server::start(&dir, &[]);
    let north = harbour()[1].clone();
    assert_eq!(server.post(&north.to_string()).status, 200);
    let story_of = || {
        server.call("GET", "/v1/articles/north", b"").json()["article"]["story"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Posted again as it was: scored again, in its story.
    assert_eq!(server.post(&north.to_string()).status, 200);
    // Without its story key: it stays in its story.
    let mut keyless = north.clone();
    keyless.as_object_mut().unwrap().remove("story");
    let answer = server.post(&keyless.to_string());
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["articles"][0]["story"], json!("harbour-fire"));
    // Under another story, or another outlet: refused, and nothing changes.
    let mut moved = north.clone();
    moved["story"] = json!("dam-vote");
    let answer = server.post(&moved.to_string());
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert!(
        answer.body.contains("harbour-fire") && answer.body.contains("replace=true"),
        "{}",
        answer.body
    );
    let mut renamed = north.clone();
    renamed["source"] = json!("Another Paper");
    assert_eq!(server.post(&renamed.to_string()).status, 409);
    assert_eq!(story_of(), "harbour-fire");
    // Said so: replaced.
    let answer = server.call(
        "POST",
        "/v1/articles?replace=true",
        moved.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(story_of(), "dam-vote");
    assert_eq!(
        server
            .call("POST", "/v1/articles?replace=maybe", b"{}")
            .status,
        400
    );
}

fn fields_the_history_cannot_keep_are_refused_before_any_write(server: &Server) {
    let good = harbour()[1].clone();
    for field in ["id", "story", "source", "title", "text"] {
        let mut bad = harbour()[2].clone();
        let value = bad[field].as_str().unwrap().to_string();
        bad[field] = json!(format!("{value}\u{0}tail"));
        // In a batch with a good article: the whole request is refused.
        let body = format!("{good}\n{bad}");
        let answer = server.post(&body);
        assert_eq!(answer.status, 422, "{field}: {}", answer.body);
        let error = &answer.json()["errors"][0];
        assert_eq!(error["line"], json!(2), "{field}: {error}");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains(&format!("`{field}`")),
            "{field}: {error}"
        );
    }
    assert_eq!(
        server.call("GET", "/v1/articles/north", b"").status,
        404,
        "nothing of a refused request is recorded"
    );
    assert_eq!(server.post(&good.to_string()).status, 200);
    assert_eq!(server.call("GET", "/healthz", b"").status, 200);
}

#[test]
fn nul_characters_are_refused_naming_the_field_on_sqlite() {
    let dir = scratch("access", "nul");
    let server = Server::start(&dir, &[]);
    fields_the_history_cannot_keep_are_refused_before_any_write(&server);
}

#[test]
#[ignore = "needs PostgreSQL: export CREDENCE_TEST_POSTGRES=$(.ci/postgres), then cargo test -- --include-ignored"]
fn nul_characters_are_refused_naming_the_field_on_postgres() {
    let url = common::postgres_database("nul");
    let dir = scratch("access", "nul-pg");
    let server = Server::start_on(&dir, &url, &[]);
    fields_the_history_cannot_keep_are_refused_before_any_write(&server);
}

#[test]
fn one_post_that_the_history_refuses_fails_alone_and_is_logged() {
    let dir = scratch("access", "alone");
    let path = dir.join("history.db");
    drop(credence::history::open(path.to_str().unwrap()).unwrap());
    // The database refuses one article's score, as a constraint or a full page might.
    common::refuse_scores_of(&path, "bad");
    let server = Server::start(&dir, &["--log-format", "json"]);
    let articles = harbour();
    // Eight clients at once, six posts each, one of them the refused one: posts that wait
    // together share a commit, and the refused one must not take the others with it.
    let answers: Vec<(String, u16, Option<String>)> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..8)
            .map(|client| {
                let (server, articles) = (&server, &articles);
                scope.spawn(move || {
                    (0..6)
                        .map(|n| {
                            let mut a = articles[(client + n) % articles.len()].clone();
                            let id = if client == 3 && n == 2 {
                                "bad".to_string()
                            } else {
                                format!("c{client}-{n}")
                            };
                            a["id"] = json!(id);
                            a["story"] = json!(format!("story-{}", n % 2));
                            let answer = server.post(&a.to_string());
                            (
                                id,
                                answer.status,
                                answer.header("x-request-id").map(str::to_string),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect()
    });
    for (id, status, request_id) in &answers {
        if id == "bad" {
            assert_eq!(*status, 500, "the refused post fails");
        } else {
            assert_eq!(*status, 200, "{id} is acknowledged");
        }
        assert!(request_id.is_some(), "every answer names its request");
    }
    // The posts did share commits: the refused one was in a group with others.
    let metrics = server.call("GET", "/metrics", b"").body;
    let commits: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("credence_commits_total "))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no commit count in {metrics}"));
    assert!(
        commits < 47,
        "{commits} commits for 47 posts: no group formed"
    );
    // Acknowledged means committed: all 47 are there after a restart.
    drop(server);
    let server = Server::start(&dir, &[]);
    let kept: usize = (0..2)
        .map(|s| {
            let answer = server.call("GET", &format!("/v1/stories/story-{s}"), b"");
            answer.json()["articles"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(kept, 47);
    assert_eq!(server.call("GET", "/v1/articles/bad", b"").status, 404);
}

#[test]
fn failures_are_logged_one_line_each_with_the_request_id() {
    let dir = scratch("access", "log");
    let path = dir.join("history.db");
    drop(credence::history::open(path.to_str().unwrap()).unwrap());
    common::refuse_scores_of(&path, "bad");
    let server = Server::start(&dir, &["--log-format", "json"]);
    let mut bad = harbour()[1].clone();
    bad["id"] = json!("bad");
    let answer = server.call_with(
        "POST",
        "/v1/articles",
        &[
            ("Content-Type", "application/json"),
            ("X-Request-Id", "desk-42"),
        ],
        bad.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 500, "{}", answer.body);
    assert_eq!(answer.header("x-request-id"), Some("desk-42"));
    let ok = server.post(&harbour()[2].to_string());
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.header("x-request-id").is_some());
    // The line is written before the answer is sent; give the reader a moment.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = server.log();
    let failures: Vec<Value> = log
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(failures.len(), 1, "{log:?}");
    assert_eq!(failures[0]["request_id"], json!("desk-42"));
    assert_eq!(failures[0]["status"], json!(500));
    assert!(
        failures[0]["message"].as_str().unwrap().contains("refused"),
        "{log:?}"
    );
}

#[test]
fn history_targets_never_show_their_password_nor_become_file_names() {
    let dir = scratch("access", "secrets");
    // No server listens on port 1: the connection fails, and the message names the target.
    for target in [
        "postgres://desk:hunter2@127.0.0.1:1/credence",
        "postgresql://desk@127.0.0.1:1/credence?password=hunter2&sslmode=disable",
        "host=127.0.0.1 port=1 user=desk password=hunter2 dbname=credence",
        "host=127.0.0.1 port=1 password='hunter2 x' dbname=credence",
    ] {
        let err = refused(
            &dir,
            &["--addr", "127.0.0.1:0", "--no-auth", "--db", target],
        );
        assert!(!err.contains("hunter2"), "{target}: {err}");
        assert!(err.contains("***"), "{target}: {err}");
    }
    let bad = refused(
        &dir,
        &[
            "--addr",
            "127.0.0.1:0",
            "--no-auth",
            "--db",
            "host=127.0.0.1 port=x password=hunter2",
        ],
    );
    assert!(!bad.contains("hunter2"), "{bad}");
    assert_eq!(
        std::fs::read_dir(&*dir).unwrap().count(),
        0,
        "no file was made of a connection string"
    );
}

#[test]
fn a_damaged_sqlite_file_is_refused_by_name() {
    let dir = scratch("access", "damaged");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(dir.join("history.db"), &junk).unwrap();
    let err = refused(
        &dir,
        &["--addr", "127.0.0.1:0", "--no-auth", "--db", "history.db"],
    );
    assert!(
        err.contains("history.db") && err.contains("not a readable SQLite history"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("history.db")).unwrap(), junk);
}

#[test]
fn health_reads_the_history_and_says_why_it_cannot() {
    let dir = scratch("access", "health");
    let server = Server::start(&dir, &[]);
    assert_eq!(server.call("GET", "/healthz", b"").status, 200);
    // The history loses its schema under the service (another program, a bad restore).
    rusqlite::Connection::open(dir.join("history.db"))
        .unwrap()
        .execute_batch("DROP TABLE credence_schema")
        .unwrap();
    let answer = server.call("GET", "/healthz", b"");
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(
        answer.json()["error"]
            .as_str()
            .unwrap()
            .contains("credence_schema"),
        "{}",
        answer.body
    );
}

#[test]
#[ignore = "needs PostgreSQL: export CREDENCE_TEST_POSTGRES=$(.ci/postgres), then cargo test -- --include-ignored"]
fn on_postgres_the_service_reconnects_and_health_tells_when_it_cannot() {
    let url = common::postgres_database("reconnect");
    let database = url.rsplit('/').next().unwrap().to_string();
    let admin_url = std::env::var("CREDENCE_TEST_POSTGRES").unwrap();
    let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
    let cut = |admin: &mut postgres::Client| {
        admin
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = $1 AND pid <> pg_backend_pid()",
                &[&database],
            )
            .unwrap();
    };
    let dir = scratch("access", "reconnect");
    let server = Server::start_on(&dir, &url, &[]);
    let articles = harbour();
    assert_eq!(server.post(&articles[0].to_string()).status, 200);
    // The server drops the connection, as a restart does: the next requests reconnect.
    cut(&mut admin);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(server.call("GET", "/healthz", b"").status, 200);
    assert_eq!(server.post(&articles[1].to_string()).status, 200);
    // The database refuses connections: health says so, then recovers with it.
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {database} ALLOW_CONNECTIONS false"
        ))
        .unwrap();
    cut(&mut admin);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let down = server.call("GET", "/healthz", b"");
    assert_eq!(down.status, 503, "{}", down.body);
    assert!(down.body.contains("PostgreSQL"), "{}", down.body);
    admin
        .batch_execute(&format!("ALTER DATABASE {database} ALLOW_CONNECTIONS true"))
        .unwrap();
    let back = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(200));
        server.call("GET", "/healthz", b"").status == 200
    });
    assert!(back, "the service reconnects once the database is back");
    assert_eq!(server.post(&articles[2].to_string()).status, 200);
    let story = server.call("GET", "/v1/stories/harbour-fire", b"").json();
    assert_eq!(story["articles"].as_array().unwrap().len(), 3);
    // And stops cleanly: the client is closed outside the async runtime.
    let (exit, took) = server.terminate();
    assert_eq!(exit.code(), Some(0));
    assert!(took.as_secs_f64() < 2.0, "stopped in {took:?}");
}

#[test]
fn slow_clients_are_cut_and_connections_are_capped() {
    use std::io::Read;
    let dir = scratch("access", "slow");
    let server = Server::start(&dir, &["--header-timeout", "1", "--max-connections", "2"]);
    // Two connections that never send a request take both places.
    let started = std::time::Instant::now();
    let mut idle: Vec<std::net::TcpStream> = (0..2)
        .map(|_| std::net::TcpStream::connect(&server.addr).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(100));
    // A third client waits for a place: it is answered only once they are cut.
    let answer = request(&server.addr, "GET", "/healthz", &[], b"").unwrap();
    let waited = started.elapsed();
    assert_eq!(answer.status, 200);
    assert!(
        waited.as_secs_f64() > 0.8,
        "answered after {waited:?}, before the idle connections were cut"
    );
    for stream in &mut idle {
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        // Closed by the server, not left open: the stream ends (after an error answer,
        // if any).
        let mut rest = Vec::new();
        assert!(
            stream.read_to_end(&mut rest).is_ok(),
            "the server closed it"
        );
    }
    assert!(started.elapsed().as_secs_f64() < 10.0);
}

#[test]
fn kept_analyses_stay_within_the_memory_limit() {
    let dir = scratch("access", "memory");
    let server = Server::start(&dir, &["--memory-limit", "8K"]);
    for n in 0..12 {
        let mut a = harbour()[n % 4].clone();
        a["id"] = json!(format!("m{n}"));
        assert_eq!(server.post(&a.to_string()).status, 200);
    }
    let metrics = server.call("GET", "/metrics", b"").body;
    let figure = |name: &str| -> u64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {metrics}"))
    };
    assert_eq!(figure("credence_memory_limit_bytes"), 8192);
    assert!(figure("credence_kept_bytes") <= 8192, "{metrics}");
    let kept = figure("credence_kept_articles");
    assert!((1..12).contains(&kept), "oldest evicted: {kept} kept");
}

#[test]
fn csv_from_the_history_drops_escape_sequences_and_bidi_overrides() {
    let dir = scratch("access", "csv");
    let server = Server::start(&dir, &[]);
    let mut a = harbour()[1].clone();
    a["source"] = json!("Gazette\u{1b}]52;c;aGk=\u{7}\u{202e}Daily");
    assert_eq!(server.post(&a.to_string()).status, 200);
    drop(server);
    let out = command(&dir)
        .args(["history", "--db", "history.db", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("Gazette]52;c;aGk=Daily"), "{csv:?}");
    assert!(!csv.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{csv:?}");
}

#[test]
fn a_body_that_does_not_arrive_in_time_is_refused() {
    use std::io::{Read, Write};
    let dir = scratch("access", "body");
    let server = Server::start(&dir, &["--body-timeout", "1"]);
    let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let started = std::time::Instant::now();
    // The head promises 1,000 bytes; ten come, then nothing.
    write!(
        stream,
        "POST /v1/articles HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: 1000\r\n\r\n{{\"text\": ",
        server.addr
    )
    .unwrap();
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let waited = started.elapsed().as_secs_f64();
    assert!((0.9..5.0).contains(&waited), "answered after {waited} s");
    assert_eq!(server.call("GET", "/healthz", b"").status, 200);
}
