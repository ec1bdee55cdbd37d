//! What the binary's tests share: running `credence` as a user does, scratch directories,
//! and finding one article in a JSON report.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

pub mod http;
pub mod server;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root, where the fixtures and docs are.
pub fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `credence`, to be run in `dir`, without colour, its tables as wide as they need (not
/// fitted to the $COLUMNS of whatever runs the tests).
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_credence"));
    c.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .current_dir(dir);
    c
}

/// Makes the SQLite history at `path` refuse every score of article `id`, as a constraint,
/// a full disk or a lost connection would refuse one write.
pub fn refuse_scores_of(path: &Path, id: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(&format!(
            "CREATE TRIGGER refuse BEFORE INSERT ON scores WHEN NEW.article_id = '{id}'
             BEGIN SELECT RAISE(ABORT, 'refused'); END;"
        ))
        .unwrap();
}

/// A run's standard output, as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A run's standard error, as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A run's standard output read as JSON; both streams shown when it is not.
pub fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// ../shared/`rel` (the real article sets beside the project), or `None` after saying on
/// stderr that the test is skipped. In CI, where the sets must be there, a missing set
/// fails the test instead of passing it silently.
#[allow(dead_code)]
pub fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let path = project().join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: CI has ../shared beside the project",
        path.display()
    );
    eprintln!("skipped: {} is not beside the project", path.display());
    None
}

/// A scratch directory for one test: removed first so reruns start clean, and removed
/// again when the test is done with it.
pub fn scratch(suite: &str, name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("credence-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    Scratch(dir)
}

/// A directory that is removed when dropped.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The article with `id` in a JSON report, if it was scored.
pub fn find_article<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    report["articles"]
        .as_array()?
        .iter()
        .find(|a| a["id"] == id)
}

/// The article with `id` in a JSON report; the test fails when it is missing.
pub fn article<'a>(report: &'a Value, id: &str) -> &'a Value {
    find_article(report, id).unwrap_or_else(|| panic!("article {id} not in the report"))
}

/// A fresh, empty PostgreSQL database for one test, on the server CREDENCE_TEST_POSTGRES
/// names. The tests that call this are ignored unless asked for (`-- --include-ignored`, as
/// CI runs them); asked for without a server, they fail, saying how to start one.
pub fn postgres_database(name: &str) -> String {
    let url = std::env::var("CREDENCE_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| {
            panic!(
                "CREDENCE_TEST_POSTGRES is not set: start a server with \
                 `export CREDENCE_TEST_POSTGRES=$(.ci/postgres)` (CI does)"
            )
        });
    let database = format!("credence_{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("the test server");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {database}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .unwrap();
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    format!("{base}/{database}")
}
