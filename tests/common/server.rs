//! `credence serve` run as a desk runs it, on a free loopback port, for the service's tests:
//! its address from its first line on stderr, the rest of stderr kept for the test to read.

use super::command;
use super::http::{Answer, request};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `credence serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    /// Its stderr after the first line, as it comes.
    pub stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// On an SQLite history in `dir`; writes open to all (on loopback) unless `extra` gives
    /// a token.
    pub fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_on(dir, "history.db", extra)
    }

    /// On the history `db` (an SQLite file in `dir`, or a PostgreSQL URL).
    pub fn start_on(dir: &Path, db: &str, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--addr", "127.0.0.1:0", "--db", db];
        if !extra.contains(&"--token-file") {
            args.push("--no-auth");
        }
        let mut child = command(dir)
            .args(args)
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .expect("credence serve starts");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let first = lines
            .next()
            .and_then(Result::ok)
            .expect("a first line on stderr");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        // Keep reading stderr so that the server never blocks on a full pipe.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let kept = stderr.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            addr,
            stderr,
        }
    }

    /// A request; a POST says it carries JSON.
    pub fn call(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        let headers: &[(&str, &str)] = if method == "POST" {
            &[("Content-Type", "application/json")]
        } else {
            &[]
        };
        self.call_with(method, path, headers, body)
    }

    pub fn call_with(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Answer {
        request(&self.addr, method, path, headers, body).expect("the service answers")
    }

    pub fn post(&self, body: &str) -> Answer {
        self.call("POST", "/v1/articles", body.as_bytes())
    }

    /// Sends SIGTERM and waits for the process to end: its exit and how long it took.
    pub fn terminate(mut self) -> (std::process::ExitStatus, Duration) {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let asked = Instant::now();
        let exit = self.child.wait().expect("the server ends");
        (exit, asked.elapsed())
    }

    /// What the server has written on stderr since its first line.
    pub fn log(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
