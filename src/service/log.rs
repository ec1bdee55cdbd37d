//! Failures on stderr: every answer of 500 or more is one line naming its request id (also
//! sent back in `x-request-id`, so a client's report can be matched to the line), as plain
//! text or JSON.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How the failure lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// `TIME error request=ID METHOD PATH STATUS MS ms: MESSAGE`
    #[default]
    Text,
    /// One JSON object a line: time, level, request_id, method, path, status, ms, message.
    Json,
}

/// The message of an error answer, carried beside the response for the log.
#[derive(Debug, Clone)]
pub struct Failure(pub String);

/// Names requests: a client's own `x-request-id` when it is a short plain token, else the
/// process's number for it.
pub struct RequestIds {
    prefix: String,
    next: AtomicU64,
}

impl Default for RequestIds {
    fn default() -> RequestIds {
        RequestIds {
            prefix: format!("{:x}", std::process::id()),
            next: AtomicU64::new(1),
        }
    }
}

impl RequestIds {
    pub fn name(&self, given: Option<&str>) -> String {
        match given {
            Some(id)
                if (1..=64).contains(&id.len())
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b)) =>
            {
                id.to_string()
            }
            _ => format!(
                "{}-{}",
                self.prefix,
                self.next.fetch_add(1, Ordering::Relaxed)
            ),
        }
    }
}

/// One request that failed, as a line on stderr.
pub struct Line<'a> {
    pub id: &'a str,
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
    pub took: Duration,
    pub message: &'a str,
}

impl Line<'_> {
    pub fn write(&self, format: LogFormat) {
        let time = crate::history::now_utc();
        let ms = self.took.as_secs_f64() * 1000.0;
        let line = match format {
            LogFormat::Json => serde_json::json!({
                "time": time,
                "level": "error",
                "request_id": self.id,
                "method": self.method,
                "path": self.path,
                "status": self.status,
                "ms": (ms * 10.0).round() / 10.0,
                "message": self.message,
            })
            .to_string(),
            LogFormat::Text => format!(
                "{time} error request={} {} {} {} {ms:.1} ms: {}",
                self.id,
                self.method,
                one_line(self.path),
                self.status,
                one_line(self.message)
            ),
        };
        // One write a line, so that lines of requests failing together do not mix.
        let _ = std::io::stderr()
            .lock()
            .write_all(format!("{line}\n").as_bytes());
    }
}

/// `s` without control characters: what a client sent cannot add lines to the log or send
/// escape sequences to the terminal that reads it.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
