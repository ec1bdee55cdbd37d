//! `credence serve`: articles posted over HTTP are scored against their story's recent
//! articles and recorded in the history; scores, stories, outlets and trends are read back.
//! Bad input gets a 4xx naming the line and what is wrong, never a crash; a 2xx answer
//! means the articles are committed.

pub mod ingest;
mod metrics;

use crate::history::{Bucket, Filter, Record, Store, latest, now_utc, trends};
use crate::pipeline::Pipeline;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ingest::{IngestOptions, Refusal};
use metrics::Metrics;
use serde::Deserialize;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the service runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Every route but `/healthz` asks for `Authorization: Bearer <token>` when set.
    pub token: Option<String>,
    /// Larger bodies are refused with 413.
    pub max_body_bytes: usize,
    /// A request that takes longer is answered with 503.
    pub timeout: Duration,
    pub ingest: IngestOptions,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body_bytes: 16 << 20,
            timeout: Duration::from_secs(30),
            ingest: IngestOptions::default(),
        }
    }
}

struct Shared {
    pipeline: Pipeline,
    /// One writer at a time: a story's articles are scored with every earlier one.
    desk: Mutex<Desk>,
    /// Posts waiting for the desk: while one is, the group of writes stays open for it.
    waiting: AtomicUsize,
    /// Which groups of writes are committed, for the posts that wait on theirs.
    commits: Commits,
    /// How many posts may read and analyse at once: as many as there are cores, so that
    /// many clients at once queue with their bodies instead of each holding an analysis
    /// (and a thread's memory) in flight.
    analysing: Gate,
    options: ServeOptions,
    metrics: Metrics,
    /// Names articles that come without an id, unique within this process's life.
    sequence: AtomicU64,
    started: String,
}

type AppState = Arc<Shared>;

/// The history and the analyses of the articles it keeps, used under one lock.
struct Desk {
    store: Box<dyn Store>,
    cache: ingest::AnalysisCache,
    /// The open group of writes: its number and how many posts it holds.
    group: u64,
    staged: usize,
}

/// A counting semaphore: at most `limit` holders at once.
struct Gate {
    held: Mutex<usize>,
    freed: std::sync::Condvar,
    limit: usize,
}

impl Gate {
    fn new(limit: usize) -> Gate {
        Gate {
            held: Mutex::new(0),
            freed: std::sync::Condvar::new(),
            limit: limit.max(1),
        }
    }

    /// Runs `work` once fewer than `limit` others are.
    fn pass<T>(&self, work: impl FnOnce() -> T) -> T {
        {
            let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
            while *held >= self.limit {
                held = self.freed.wait(held).unwrap_or_else(|p| p.into_inner());
            }
            *held += 1;
        }
        // Released even when `work` panics.
        struct Release<'a>(&'a Gate);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                let mut held = self.0.held.lock().unwrap_or_else(|p| p.into_inner());
                *held -= 1;
                self.0.freed.notify_one();
            }
        }
        let _release = Release(self);
        work()
    }
}

/// A group holds at most this many posts: the first of them waits for the last.
const MAX_GROUP: usize = 64;

/// Group commit: posts that arrive while another is scored are written into one
/// transaction, and the last of them commits it for all. Each post answers only once its
/// group is committed, so a 2xx still means durable; a failed commit fails every post of
/// the group.
#[derive(Default)]
struct Commits {
    /// The last group committed (or failed), and the failures of recent groups.
    state: Mutex<(u64, std::collections::VecDeque<(u64, String)>)>,
    done: std::sync::Condvar,
}

impl Commits {
    fn publish(&self, group: u64, result: Result<(), String>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.0 = group;
        if let Err(e) = result {
            state.1.push_back((group, e));
            while state.1.len() > 64 {
                state.1.pop_front();
            }
        }
        self.done.notify_all();
    }

    /// Waits until `group` is committed: Err with why when its commit failed.
    fn wait(&self, group: u64) -> Result<(), String> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        while state.0 < group {
            state = self.done.wait(state).unwrap_or_else(|p| p.into_inner());
        }
        match state.1.iter().find(|(g, _)| *g == group) {
            Some((_, e)) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

impl Desk {
    /// Takes back the open group after a failure of the history, and tells its posts: a
    /// failed write takes the group's other writes with it.
    fn abandon(&mut self, commits: &Commits, why: &str) {
        self.store.abandon();
        if self.staged > 0 {
            commits.publish(
                self.group,
                Err(format!("another article of the same commit failed: {why}")),
            );
            self.group += 1;
            self.staged = 0;
        }
    }

    /// Commits the open group, if it holds anything, and tells its posts.
    fn flush(&mut self, commits: &Commits, metrics: &Metrics) {
        let result = self.store.flush().map_err(|e| e.to_string());
        if self.staged == 0 {
            return;
        }
        metrics.committed();
        commits.publish(self.group, result);
        self.group += 1;
        self.staged = 0;
    }
}

/// Kept articles whose analyses stay in memory at most.
const CACHED_ANALYSES: usize = 50_000;

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish. `ready` is called
/// with the address bound (useful when the port was 0).
pub fn serve(
    pipeline: Pipeline,
    store: Box<dyn Store>,
    options: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    // Posts run on blocking threads (reading, scoring, waiting for their commit). A few
    // per core keep the cores busy and commits grouped; more would only hold more memory
    // (each thread keeps its allocator's pages), so further posts queue with their bodies.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8 * cores)
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr).await?;
        ready(listener.local_addr()?);
        let shared = Arc::new(Shared {
            pipeline,
            desk: Mutex::new(Desk {
                store,
                cache: ingest::AnalysisCache::new(CACHED_ANALYSES),
                group: 1,
                staged: 0,
            }),
            waiting: AtomicUsize::new(0),
            commits: Commits::default(),
            analysing: Gate::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            ),
            metrics: Metrics::default(),
            sequence: AtomicU64::new(0),
            started: now_utc(),
            options,
        });
        axum::serve(listener, router(shared))
            .with_graceful_shutdown(shutdown_signal())
            .await
    })
}

fn router(shared: AppState) -> Router {
    let max_body = shared.options.max_body_bytes;
    Router::new()
        .route("/v1/articles", post(post_articles))
        .route("/v1/articles/{id}", get(get_article))
        .route("/v1/stories/{story}", get(get_story))
        .route("/v1/outlets", get(get_outlets))
        .route("/v1/outlets/{outlet}/trend", get(get_trend))
        .route("/metrics", get(get_metrics))
        .layer(middleware::from_fn_with_state(shared.clone(), authorize))
        // After the token check: a load balancer's probe carries no token.
        .route("/healthz", get(|| async { "ok\n" }))
        .layer(middleware::from_fn_with_state(shared.clone(), observe))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(shared)
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// A JSON error answer: `{"error": message, …extra}`.
fn error(status: StatusCode, message: impl Into<String>, extra: Value) -> Response {
    let mut body = json!({ "error": message.into() });
    if let (Some(b), Value::Object(extra)) = (body.as_object_mut(), extra) {
        b.extend(extra);
    }
    (status, Json(body)).into_response()
}

/// Equal strings, compared in time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn authorize(State(shared): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(token) = &shared.options.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
            return error(
                StatusCode::UNAUTHORIZED,
                "this service needs `Authorization: Bearer <token>`",
                json!({}),
            );
        }
    }
    next.run(request).await
}

/// Counts every request by route and status, with its time.
async fn observe(State(shared): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    shared
        .metrics
        .observe(&route, response.status().as_u16(), started.elapsed());
    response
}

async fn post_articles(
    State(shared): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => {
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                format!(
                    "the body is over the {}-byte limit (--max-body-bytes); send fewer articles per request",
                    shared.options.max_body_bytes
                )
            } else {
                rejection.body_text()
            };
            return error(status, message, json!({}));
        }
    };
    let timeout = shared.options.timeout;
    let work = {
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || accept(&shared, &body))
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(Ok(response)) => response,
        Ok(Err(e)) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("scoring failed: {e}"),
            json!({}),
        ),
        Err(_) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} s; it may still be recorded: look it up before sending it again",
                timeout.as_secs_f64()
            ),
            json!({}),
        ),
    }
}

/// The blocking part of a post: reading, scoring, recording.
fn accept(shared: &Shared, body: &[u8]) -> Response {
    let Ok(text) = std::str::from_utf8(body) else {
        let at = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        return error(
            StatusCode::BAD_REQUEST,
            format!("the body is not UTF-8 (line {line}, byte {at})"),
            json!({}),
        );
    };
    let n = shared.sequence.fetch_add(1, Ordering::Relaxed);
    let prefix = format!("{}-{n}", shared.started.replace([':', '.'], ""));
    // Reading and analysing need no history: requests do it side by side, and only
    // scoring against the story and recording wait for the desk.
    let result = shared
        .analysing
        .pass(|| ingest::receive(&shared.pipeline, text, &prefix, &shared.options.ingest))
        .and_then(|received| {
            shared.waiting.fetch_add(1, Ordering::SeqCst);
            let mut desk = match shared.desk.lock() {
                Ok(d) => d,
                Err(poisoned) => poisoned.into_inner(),
            };
            shared.waiting.fetch_sub(1, Ordering::SeqCst);
            let now = now_utc();
            let Desk { store, cache, .. } = &mut *desk;
            let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                ingest::ingest(
                    &shared.pipeline,
                    store.as_mut(),
                    cache,
                    received,
                    &now,
                    &shared.options.ingest,
                )
            }))
            .unwrap_or_else(|_| Err(ingest::Refusal::Storage("scoring failed".into())));
            if let Err(Refusal::Storage(why)) = &scored {
                desk.abandon(&shared.commits, why);
            }
            let group = desk.group;
            if scored.is_ok() {
                desk.staged += 1;
            }
            // The last post in line commits the group; one that others wait behind
            // leaves it open for them.
            if shared.waiting.load(Ordering::SeqCst) == 0 || desk.staged >= MAX_GROUP {
                desk.flush(&shared.commits, &shared.metrics);
            }
            drop(desk);
            let done = scored?;
            shared
                .commits
                .wait(group)
                .map_err(|e| ingest::Refusal::Storage(format!("the commit failed: {e}")))?;
            Ok(done)
        });
    match result {
        Ok(done) => {
            shared.metrics.scored(done.articles.len(), done.moved.len());
            (
                StatusCode::OK,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                done.to_json(),
            )
                .into_response()
        }
        Err(refusal) => {
            shared.metrics.refused();
            refusal_response(refusal)
        }
    }
}

fn refusal_response(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Malformed(errors) => error(
            StatusCode::BAD_REQUEST,
            "the body is not JSON, a JSON array or JSONL; nothing was recorded",
            json!({ "errors": errors }),
        ),
        Refusal::Invalid(errors) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "some articles are not valid; nothing was recorded",
            json!({ "errors": errors }),
        ),
        Refusal::Empty => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body holds no article",
            json!({}),
        ),
        Refusal::TooMany { given, limit } => error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("{given} articles in one request; at most {limit} (--max-articles)"),
            json!({}),
        ),
        Refusal::Storage(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the history failed; nothing was recorded: {e}"),
            json!({}),
        ),
    }
}

/// A read of the history off the async threads.
async fn read<T: Send + 'static>(
    shared: &AppState,
    work: impl FnOnce(&mut dyn Store) -> Result<T, crate::history::HistoryError> + Send + 'static,
) -> Result<T, Response> {
    let shared = shared.clone();
    let done = tokio::task::spawn_blocking(move || {
        let mut desk = match shared.desk.lock() {
            Ok(d) => d,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Reads see only what is committed.
        desk.flush(&shared.commits, &shared.metrics);
        work(desk.store.as_mut())
    })
    .await;
    match done {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the history failed: {e}"),
            json!({}),
        )),
        Err(e) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
            json!({}),
        )),
    }
}

/// A record as JSON, its findings as JSON rather than text.
fn record_json(r: &Record, with_findings: bool) -> Value {
    let mut v = json!({
        "id": r.article_id,
        "outlet": r.outlet,
        "story": r.story,
        "published": r.published,
        "scored_at": r.scored_at,
        "score": r.score,
        "level": r.level,
        "rules_version": r.rules_version,
    });
    if with_findings {
        v["findings"] = serde_json::from_str(&r.findings).unwrap_or(Value::Null);
    }
    v
}

async fn get_article(State(shared): State<AppState>, Path(id): Path<String>) -> Response {
    let filter = Filter {
        article_id: Some(id.clone()),
        ..Filter::default()
    };
    match read(&shared, move |s| s.records(&filter)).await {
        Err(r) => r,
        Ok(records) if records.is_empty() => error(
            StatusCode::NOT_FOUND,
            format!("no article with id {id:?}"),
            json!({}),
        ),
        Ok(records) => {
            let last = records.last().map(|r| record_json(r, true));
            let history: Vec<Value> = records.iter().map(|r| record_json(r, false)).collect();
            Json(json!({ "article": last, "history": history })).into_response()
        }
    }
}

async fn get_story(State(shared): State<AppState>, Path(story): Path<String>) -> Response {
    let filter = Filter {
        story: Some(story.clone()),
        ..Filter::default()
    };
    match read(&shared, move |s| s.records(&filter)).await {
        Err(r) => r,
        Ok(records) if records.is_empty() => error(
            StatusCode::NOT_FOUND,
            format!("no story {story:?}"),
            json!({}),
        ),
        Ok(records) => {
            let mut articles: Vec<&Record> = latest(&records);
            articles.sort_by(|a, b| a.score.total_cmp(&b.score));
            let articles: Vec<Value> = articles.iter().map(|r| record_json(r, true)).collect();
            Json(json!({ "story": story, "articles": articles })).into_response()
        }
    }
}

async fn get_outlets(State(shared): State<AppState>) -> Response {
    match read(&shared, |s| s.records(&Filter::default())).await {
        Err(r) => r,
        Ok(records) => {
            let outlets: Vec<Value> = trends(&records, Bucket::Week)
                .into_iter()
                .map(|t| json!({"outlet": t.outlet, "articles": t.articles, "median": t.median}))
                .collect();
            Json(json!({ "outlets": outlets })).into_response()
        }
    }
}

#[derive(Deserialize)]
struct TrendQuery {
    per: Option<String>,
    since: Option<String>,
}

async fn get_trend(
    State(shared): State<AppState>,
    Path(outlet): Path<String>,
    Query(query): Query<TrendQuery>,
) -> Response {
    let bucket = match query.per.as_deref() {
        None | Some("week") => Bucket::Week,
        Some("day") => Bucket::Day,
        Some(other) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("`per` is day or week, not {other:?}"),
                json!({}),
            );
        }
    };
    if let Some(since) = &query.since
        && crate::date::Date::parse_iso(since).is_none()
    {
        return error(
            StatusCode::BAD_REQUEST,
            format!("`since` is a day as YYYY-MM-DD, not {since:?}"),
            json!({}),
        );
    }
    let filter = Filter {
        outlet: Some(outlet.clone()),
        since: query.since,
        ..Filter::default()
    };
    match read(&shared, move |s| s.records(&filter)).await {
        Err(r) => r,
        Ok(records) => match trends(&records, bucket).into_iter().next() {
            Some(t) => Json(t).into_response(),
            None => error(
                StatusCode::NOT_FOUND,
                format!("no scores recorded for outlet {outlet:?}"),
                json!({}),
            ),
        },
    }
}

async fn get_metrics(State(shared): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        shared.metrics.render(),
    )
        .into_response()
}
