//! `credence serve`: articles posted over HTTP are scored against their story's recent
//! articles and recorded in the history; scores, stories, outlets and trends are read back.
//! Bad input gets a 4xx naming the line and what is wrong, never a crash; a 2xx answer
//! means the articles are committed.

pub mod access;
mod desk;
pub mod ingest;
pub mod listen;
pub mod log;
mod metrics;

use crate::history::{Bucket, Filter, Record, Store, latest, now_utc, trends};
use crate::pipeline::Pipeline;
use access::Access;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, MatchedPath, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use desk::{Commits, Desk, Gate, MAX_GROUP};
use ingest::{IngestOptions, Refusal};
use listen::Limits;
use log::{Failure, LogFormat, RequestIds};
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
    /// The token, the names and origins admitted.
    pub access: Access,
    /// Larger bodies are refused with 413.
    pub max_body_bytes: usize,
    /// A request that takes longer is answered with 503.
    pub timeout: Duration,
    /// A post's body must arrive within this (else 408).
    pub body_timeout: Duration,
    /// Connections at once, the time to send a request's head, the grace on shutdown.
    pub limits: Limits,
    /// About how much memory the kept articles' analyses may take.
    pub memory_limit: usize,
    pub log_format: LogFormat,
    pub ingest: IngestOptions,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            access: Access::default(),
            max_body_bytes: 16 << 20,
            timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
            limits: Limits {
                max_connections: 1024,
                header_timeout: Duration::from_secs(10),
                grace: Duration::from_millis(1500),
            },
            memory_limit: 1 << 30,
            log_format: LogFormat::Text,
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
    /// The address bound (its port, when 0 was asked), for the Host check.
    bound: SocketAddr,
    metrics: Metrics,
    ids: RequestIds,
    /// Names articles that come without an id, unique within this process's life.
    sequence: AtomicU64,
    started: String,
}

type AppState = Arc<Shared>;

/// How long the health check waits for the history.
const HEALTH_WAIT: Duration = Duration::from_secs(5);

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish (for at most the
/// grace period). `ready` is called with the address bound (useful when the port was 0).
pub fn serve(
    pipeline: Pipeline,
    store: Box<dyn Store>,
    options: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    options
        .access
        .check_bind(options.addr)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // Posts run on blocking threads (reading, scoring, waiting for their commit). A few
    // per core keep the cores busy and commits grouped; more would only hold more memory
    // (each thread keeps its allocator's pages), so further posts queue with their bodies.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8 * cores)
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(options.addr))?;
    let bound = listener.local_addr()?;
    let metrics = Metrics::default();
    metrics.memory_limit(options.memory_limit);
    let shared = Arc::new(Shared {
        pipeline,
        desk: Mutex::new(Desk::new(
            store,
            ingest::AnalysisCache::new(options.memory_limit),
        )),
        waiting: AtomicUsize::new(0),
        commits: Commits::default(),
        analysing: Gate::new(cores),
        bound,
        metrics,
        ids: RequestIds::default(),
        sequence: AtomicU64::new(0),
        started: now_utc(),
        options,
    });
    ready(bound);
    let limits = shared.options.limits;
    runtime.block_on(listen::run(
        listener,
        router(shared.clone()),
        limits,
        shutdown_signal(),
    ));
    // Work still running past the grace is not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    // The history is closed here, outside the runtime: PostgreSQL's synchronous client
    // runs a runtime of its own to close its connection, and one runtime cannot start
    // inside another. A post still running past the grace keeps the history open; the
    // process ends without waiting for it.
    if Arc::strong_count(&shared) > 1 {
        std::mem::forget(shared);
    } else {
        drop(shared);
    }
    Ok(())
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
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        // After the guard: a load balancer's probe carries no token.
        .route("/healthz", get(get_health))
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

/// A JSON error answer: `{"error": message, …extra}`, its message kept beside it for the
/// log.
fn error(status: StatusCode, message: impl Into<String>, extra: Value) -> Response {
    let message = message.into();
    let mut body = json!({ "error": message });
    if let (Some(b), Value::Object(extra)) = (body.as_object_mut(), extra) {
        b.extend(extra);
    }
    let mut response = (status, Json(body)).into_response();
    response.extensions_mut().insert(Failure(message));
    response
}

/// The access rules of [`Access`], before a request is read.
async fn guard(State(shared): State<AppState>, request: Request, next: Next) -> Response {
    match shared
        .options
        .access
        .admit(request.method(), request.headers(), shared.bound)
    {
        Ok(()) => next.run(request).await,
        Err(access::Denied(status, message)) => error(
            StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN),
            message,
            json!({}),
        ),
    }
}

/// Names every request (`x-request-id`), counts it by route and status with its time, and
/// logs it when it failed on the service's side (5xx).
async fn observe(State(shared): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let id = shared.ids.name(
        request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
    );
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let mut response = next.run(request).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    shared.metrics.observe(&route, status, took);
    if status >= 500 {
        let message = response
            .extensions()
            .get::<Failure>()
            .map_or("", |f| f.0.as_str());
        log::Line {
            id: &id,
            method: &method,
            path: &path,
            status,
            took,
            message,
        }
        .write(shared.options.log_format);
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// `/healthz`: `ok` when the history answers a cheap read, else 503 with the reason.
async fn get_health(State(shared): State<AppState>) -> Response {
    let check = tokio::task::spawn_blocking(move || {
        let mut desk = shared.desk.lock().unwrap_or_else(|p| p.into_inner());
        desk.store.ping()
    });
    match tokio::time::timeout(HEALTH_WAIT, check).await {
        Ok(Ok(Ok(()))) => "ok\n".into_response(),
        Ok(Ok(Err(e))) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the history does not answer: {e}"),
            json!({}),
        ),
        Ok(Err(e)) => error(StatusCode::SERVICE_UNAVAILABLE, e.to_string(), json!({})),
        Err(_) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the history did not answer within {} s",
                HEALTH_WAIT.as_secs()
            ),
            json!({}),
        ),
    }
}

#[derive(Deserialize)]
struct PostQuery {
    replace: Option<bool>,
}

async fn post_articles(
    State(shared): State<AppState>,
    query: Result<Query<PostQuery>, QueryRejection>,
    request: Request,
) -> Response {
    let replace = match query {
        Ok(Query(q)) => q.replace.unwrap_or(false),
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("{}; `replace` is true or false", e.body_text()),
                json!({}),
            );
        }
    };
    let body = match tokio::time::timeout(
        shared.options.body_timeout,
        Bytes::from_request(request, &()),
    )
    .await
    {
        Ok(Ok(b)) => b,
        Ok(Err(rejection)) => {
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
        Err(_) => {
            return error(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the body did not arrive within {} s (--body-timeout); nothing was recorded",
                    shared.options.body_timeout.as_secs_f64()
                ),
                json!({}),
            );
        }
    };
    let timeout = shared.options.timeout;
    let work = {
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || accept(&shared, &body, replace))
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
fn accept(shared: &Shared, body: &[u8], replace: bool) -> Response {
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
        .pass(|| {
            ingest::receive(
                &shared.pipeline,
                text,
                &prefix,
                replace,
                &shared.options.ingest,
            )
        })
        .and_then(|received| {
            shared.waiting.fetch_add(1, Ordering::SeqCst);
            let mut desk = shared.desk.lock().unwrap_or_else(|p| p.into_inner());
            shared.waiting.fetch_sub(1, Ordering::SeqCst);
            let now = now_utc();
            let desk_ref = &mut *desk;
            let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                ingest::ingest(
                    &shared.pipeline,
                    desk_ref.store.as_mut(),
                    &mut desk_ref.cache,
                    received,
                    &now,
                    &shared.options.ingest,
                )
            }))
            .unwrap_or_else(|_| Err(Refusal::Storage("scoring failed".into())));
            let outcome = match scored {
                Ok((answer, writes, newcomers)) => match desk.stage(writes, &shared.commits) {
                    Ok(()) => {
                        desk.cache.keep(newcomers);
                        Ok(answer)
                    }
                    Err(e) => Err(Refusal::Storage(e.0)),
                },
                // A read failed, or scoring panicked: the group goes on without this post.
                Err(Refusal::Storage(why)) => {
                    desk.drop_failed(&shared.commits, &why);
                    Err(Refusal::Storage(why))
                }
                Err(other) => Err(other),
            };
            let group = desk.group();
            // The last post in line commits the group; one that others wait behind
            // leaves it open for them.
            if shared.waiting.load(Ordering::SeqCst) == 0 || desk.staged() >= MAX_GROUP {
                desk.flush(&shared.commits, &shared.metrics);
            }
            let (kept, bytes) = desk.cache.size();
            shared.metrics.kept(kept, bytes);
            drop(desk);
            let done = outcome?;
            shared
                .commits
                .wait(group)
                .map_err(|e| Refusal::Storage(format!("the commit failed: {e}")))?;
            Ok(done)
        });
    match result {
        Ok(done) => {
            shared.metrics.scored(done.articles.len(), done.moved.len());
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
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
        Refusal::Conflict(errors) => error(
            StatusCode::CONFLICT,
            "some articles are kept under another story or outlet; nothing was recorded",
            json!({ "errors": errors }),
        ),
        Refusal::Storage(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the history failed; nothing of this request was recorded: {e}"),
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
        let mut desk = shared.desk.lock().unwrap_or_else(|p| p.into_inner());
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
    // Exactly a day: a date followed by anything else is refused, not read by its start.
    if let Some(since) = &query.since
        && (since.len() != 10 || crate::date::Date::parse_iso(since).is_none())
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
