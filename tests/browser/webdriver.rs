//! Just enough of the W3C WebDriver protocol to drive Chromium through chromedriver: a
//! session, navigation, script, finding and clicking elements, screenshots, over the tests'
//! loopback HTTP client.

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where Debian's packages put the browser and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver running on a free port, stopped when dropped.
pub struct Driver {
    process: Child,
    port: u16,
}

/// A browser session, closed when dropped.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Driver {
    pub fn start() -> Driver {
        // A port the system had free a moment ago.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { process, port };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let ready = driver
                .try_request("GET", "/status", None)
                .is_ok_and(|v| v["value"]["ready"] == json!(true));
            if ready {
                return driver;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not answer on port {port} within 30 s");
    }

    /// A headless Chromium with an empty profile and none of its background networking
    /// (the machine has no network, and the report must need none).
    pub fn session(&self, profile: &Path) -> Session<'_> {
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--user-data-dir={}", profile.display()),
            "--window-size=1280,1000".into(),
        ];
        let body = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let answer = self.request("POST", "/session", Some(body));
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Session { driver: self, id }
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self
            .try_request(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(
            answer["value"].get("error").is_none(),
            "{method} {path}: {answer}"
        );
        answer
    }

    fn try_request(&self, method: &str, path: &str, body: Option<Value>) -> std::io::Result<Value> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let answer = crate::common::http::request(
            &format!("127.0.0.1:{}", self.port),
            method,
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )?;
        serde_json::from_str(&answer.body).map_err(std::io::Error::other)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Session<'_> {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    pub fn open(&self, url: &str) {
        self.driver
            .request("POST", &self.path("/url"), Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.driver.request(
            "POST",
            &self.path("/execute/sync"),
            Some(json!({"script": script, "args": args})),
        )["value"]
            .clone()
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> String {
        let answer = self.driver.request(
            "POST",
            &self.path("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        answer["value"]
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {answer}"))
            .to_string()
    }

    /// A real click, as a user's pointer makes it (scrolled into view first).
    pub fn click(&self, css: &str) {
        let element = self.find(css);
        self.driver.request(
            "POST",
            &self.path(&format!("/element/{element}/click")),
            Some(json!({})),
        );
    }

    /// The pointer moved onto the middle of the first element matching a CSS selector, as a
    /// user's mouse hovers it (scrolled into view first).
    pub fn hover(&self, css: &str) {
        let middle = self.run(
            "const e = document.querySelector(arguments[0]);
             e.scrollIntoView({block: 'center'});
             const r = e.getBoundingClientRect();
             return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            json!([css]),
        );
        let pointer = json!({
            "type": "pointer",
            "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [{
                "type": "pointerMove",
                "duration": 0,
                "origin": "viewport",
                "x": middle[0],
                "y": middle[1],
            }],
        });
        self.driver.request(
            "POST",
            &self.path("/actions"),
            Some(json!({ "actions": [pointer] })),
        );
    }

    /// A PNG of the visible page, as base64 (as the driver sends it).
    pub fn screenshot_base64(&self) -> String {
        let answer = self.driver.request("GET", &self.path("/screenshot"), None);
        answer["value"].as_str().expect("a screenshot").to_string()
    }

    /// A PNG of the visible page.
    pub fn screenshot(&self) -> Vec<u8> {
        base64_decode(&self.screenshot_base64())
    }

    pub fn resize(&self, width: u32, height: u32) {
        self.driver.request(
            "POST",
            &self.path("/window/rect"),
            Some(json!({"width": width, "height": height})),
        );
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self.driver.try_request("DELETE", &self.path(""), None);
    }
}

/// Standard base64 (the screenshot's encoding).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in group.iter().enumerate() {
            n |= d << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..group.len() - 1]);
    }
    out
}

#[test]
fn base64_decodes_what_it_should() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
    assert_eq!(base64_decode("YWJj"), b"abc");
}
