//! Accepting articles into a history: a request's body read as one JSON article, an array
//! of them or JSONL; each article placed in its story (its `story` key, else the recent
//! story it resembles, or a new one), scored with the other articles kept for that
//! story in a time window, and recorded with them in one transaction. When the newcomer
//! moves an earlier article's score (a consensus changed), the new score is recorded too
//! and reported.

use crate::analysis::Analysis;
use crate::history::{HistoryError, Record, Store, StoredArticle, days_before};
use crate::ingest::{Article, article_from_value, complete_article, parse_record};
use crate::pipeline::Pipeline;
use crate::score::{LocalFindings, MemberScore, ScoredArticle, score_story};
use crate::stories::claims::ClaimMemo;
use crate::stories::cluster::{Offered, Terms, join_stories, terms};
use crate::stories::{Member, StoryView};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// How much a request may carry and how far back a story reaches.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    pub max_articles: usize,
    /// Articles received this many days before a newcomer are scored with it.
    pub window_days: i64,
    /// At most this many recent articles are compared with one that has no story key.
    pub cluster_recent: usize,
    /// A newcomer is scored with at most this many of its story's latest articles: a story
    /// that runs for weeks must not make each arrival slower than the last.
    pub story_max: usize,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            max_articles: 1_000,
            window_days: 14,
            cluster_recent: 500,
            story_max: 200,
        }
    }
}

/// What is wrong with one record of a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordError {
    /// The line (JSONL) or position (array), from 1.
    pub line: usize,
    pub message: String,
}

/// Why a request was refused; nothing of it was recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not JSON, or not JSON of the right shape (400).
    Malformed(Vec<RecordError>),
    /// JSON, but a record's fields are wrong: no text, a field of the wrong type (422).
    Invalid(Vec<RecordError>),
    /// No article in the body (422).
    Empty,
    /// More articles than a request may carry (413).
    TooMany { given: usize, limit: usize },
    /// An article already kept under another story or outlet, and the request did not say
    /// it replaces it (409).
    Conflict(Vec<RecordError>),
    /// The history failed (500).
    Storage(String),
}

/// An earlier article whose score the newcomers moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub id: String,
    pub story: String,
    pub from: f64,
    pub to: f64,
}

/// What a request did: the articles it carried, scored, and the earlier scores it moved.
#[derive(Debug, Clone, Serialize)]
pub struct Ingested {
    pub articles: Vec<ScoredArticle>,
    pub moved: Vec<Moved>,
    pub rules_version: String,
}

impl Ingested {
    /// The answer as JSON: what `serde_json` writes for it, with the articles written by
    /// the scores' own writer (most of an answer is their findings).
    pub fn to_json(&self) -> Vec<u8> {
        let findings: usize = self.articles.iter().map(|a| a.findings.len()).sum();
        let mut out = Vec::with_capacity(256 + 512 * self.articles.len() + 448 * findings);
        out.extend_from_slice(b"{\"articles\":[");
        for (i, a) in self.articles.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            crate::score::json::write_article(&mut out, a);
        }
        out.extend_from_slice(b"],\"moved\":");
        let _ = serde_json::to_writer(&mut out, &self.moved);
        out.extend_from_slice(b",\"rules_version\":");
        crate::score::json::write_str(&mut out, &self.rules_version);
        out.push(b'}');
        out
    }
}

/// A score moves when it changes by at least this much (scores are shown to a tenth).
const MOVE: f64 = 0.05;

/// One record of a body: its text, checked to be JSON, or the value read from a list.
enum BodyRecord<'a> {
    /// A record that named its id and story, read as an article straight from its text
    /// (or what is wrong with its fields), kept as it came.
    Complete(&'a str, Result<Box<Article>, String>),
    Text(&'a str),
    Value(Value),
}

/// A record on a line of its own: read at once as an article when it names its id and
/// story (reading it proves it JSON), else only checked to be JSON.
fn line_record(line: &str, n: usize) -> Result<BodyRecord<'_>, serde_json::Error> {
    if let Some(read) = complete_article(line, n) {
        return Ok(BodyRecord::Complete(line, read.map(Box::new)));
    }
    serde_json::from_str::<serde::de::IgnoredAny>(line).map(|_| BodyRecord::Text(line))
}

/// Reads the body's records: one JSON object, an array of them, or one per line. A record
/// on its own builds no JSON value: most become articles straight from their text, and are
/// kept as they came.
fn records(body: &str) -> Result<Vec<(usize, BodyRecord<'_>)>, Refusal> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('[') {
        return match serde_json::from_str::<Vec<Value>>(trimmed) {
            Ok(values) => Ok((1..)
                .zip(values.into_iter().map(BodyRecord::Value))
                .collect()),
            Err(e) => Err(Refusal::Malformed(vec![RecordError {
                line: e.line(),
                message: format!("not a valid JSON array: {e}"),
            }])),
        };
    }
    if trimmed.starts_with('{') {
        // One object over several lines is kept as fields written out on one line, as
        // every kept record is.
        if trimmed.contains('\n') {
            if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
                return Ok(vec![(1, BodyRecord::Value(value))]);
            }
        } else if let Ok(record) = line_record(trimmed, 1) {
            return Ok(vec![(1, record)]);
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in (1..).zip(body.lines()) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line_record(line, n) {
            Ok(record) => out.push((n, record)),
            Err(e) => errors.push(RecordError {
                line: n,
                message: format!("not valid JSON: {e}"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Refusal::Malformed(errors))
    }
}

/// An incoming record as it will be kept: its text as it came, when it named its id and
/// story, or the fields to write out once its story is known.
enum KeptRecord {
    Text(String),
    Fields(serde_json::Map<String, Value>),
}

/// One incoming article: as read, as it will be kept, and analysed.
struct Incoming {
    /// Its line (JSONL) or position (array), from 1.
    line: usize,
    article: Article,
    record: KeptRecord,
    analysis: Option<Analysis>,
}

/// A request's articles read and analysed: the work that needs no history, done before a
/// request waits for the history, so that requests in flight analyse side by side while
/// one of them scores and records.
pub struct Received {
    incoming: Vec<Incoming>,
    /// Whether the request may file a kept id under another story or outlet.
    replace: bool,
}

/// Reads the articles of `body` and analyses each (`id_prefix` names articles that came
/// without an id). With `replace`, an article may move a kept one of its id to another
/// story or outlet.
pub fn receive(
    pipeline: &Pipeline,
    body: &str,
    id_prefix: &str,
    replace: bool,
    options: &IngestOptions,
) -> Result<Received, Refusal> {
    let mut incoming = read_articles(body, id_prefix, options.max_articles)?;
    for inc in &mut incoming {
        inc.analysis = Some(pipeline.rules().analyse(&inc.article));
    }
    Ok(Received { incoming, replace })
}

/// The first of an article's text fields that holds a NUL character, which PostgreSQL
/// cannot keep in text: refused on every history, so that a post means the same on both.
fn nul_field(a: &Article) -> Option<&'static str> {
    [
        ("id", Some(&a.id)),
        ("story", a.story.as_ref()),
        ("source", a.source.as_ref()),
        ("title", a.title.as_ref()),
        ("url", a.url.as_ref()),
        ("text", Some(&a.text)),
    ]
    .into_iter()
    .find(|(_, value)| value.is_some_and(|v| v.contains('\0')))
    .map(|(field, _)| field)
}

/// The articles of a body, each with an id (`id_prefix` and its line when it gave none).
fn read_articles(body: &str, id_prefix: &str, limit: usize) -> Result<Vec<Incoming>, Refusal> {
    let values = records(body)?;
    if values.is_empty() {
        return Err(Refusal::Empty);
    }
    if values.len() > limit {
        return Err(Refusal::TooMany {
            given: values.len(),
            limit,
        });
    }
    let mut incoming = Vec::new();
    let mut errors = Vec::new();
    for (line, body_record) in values {
        let value = match body_record {
            BodyRecord::Complete(text, Ok(article)) => {
                incoming.push(Incoming {
                    line,
                    article: *article,
                    record: KeptRecord::Text(text.to_string()),
                    analysis: None,
                });
                continue;
            }
            BodyRecord::Complete(_, Err(message)) => {
                errors.push(RecordError { line, message });
                continue;
            }
            // Checked to be JSON by `records`.
            BodyRecord::Text(text) => serde_json::from_str::<Value>(text).unwrap_or(Value::Null),
            BodyRecord::Value(value) => value,
        };
        let Value::Object(mut record) = value else {
            errors.push(RecordError {
                line,
                message: "expected a JSON object (an article)".into(),
            });
            continue;
        };
        if record.get("id").is_none_or(|v| v.is_null()) {
            record.insert("id".into(), Value::String(format!("{id_prefix}-{line}")));
        }
        match article_from_value(&record, line, &format!("{id_prefix}-{line}")) {
            Ok(article) => incoming.push(Incoming {
                line,
                article,
                record: KeptRecord::Fields(record),
                analysis: None,
            }),
            Err(message) => errors.push(RecordError { line, message }),
        }
    }
    for inc in &incoming {
        if let Some(field) = nul_field(&inc.article) {
            errors.push(RecordError {
                line: inc.line,
                message: format!(
                    "`{field}` holds a NUL character (\\u0000), which the history cannot keep"
                ),
            });
        }
    }
    // Two records with one id in one request: which one to keep would be a guess.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for inc in &incoming {
        if let Some(first) = seen.insert(&inc.article.id, inc.line) {
            errors.push(RecordError {
                line: inc.line,
                message: format!(
                    "the id {:?} is also on line {first}: one request holds each article once",
                    inc.article.id
                ),
            });
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(Refusal::Invalid(errors));
    }
    Ok(incoming)
}

/// Checks the incoming articles against the kept ones of the same id: an article posted
/// again stays in its story (one without a story key takes it), and one that names another
/// story or outlet is refused unless the request replaces it.
fn check_kept(
    store: &mut dyn Store,
    incoming: &mut [Incoming],
    replace: bool,
) -> Result<(), Refusal> {
    if replace {
        return Ok(());
    }
    let mut conflicts = Vec::new();
    for inc in incoming.iter_mut() {
        let Some((story, outlet)) = store.placement(&inc.article.id).map_err(storage)? else {
            continue;
        };
        let a = &mut inc.article;
        if a.story.is_none() {
            a.story = Some(story.clone());
        }
        let other_story = a.story.as_deref() != Some(story.as_str());
        let other_outlet = a.source != outlet;
        if other_story || other_outlet {
            conflicts.push(RecordError {
                line: inc.line,
                message: format!(
                    "article {:?} is kept under story {story:?} and outlet {:?}; this one names \
                     story {:?} and outlet {:?}: post it with ?replace=true to replace it",
                    a.id,
                    outlet.as_deref().unwrap_or(""),
                    a.story.as_deref().unwrap_or(""),
                    a.source.as_deref().unwrap_or(""),
                ),
            });
        }
    }
    if conflicts.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Conflict(conflicts))
    }
}

/// A kept article as the service last scored it: the article, its analysis and, once it
/// has been scored, its findings from the rules that read the article alone (the same on
/// every later scoring of its story).
pub struct Kept {
    article: Article,
    analysis: Analysis,
    local: OnceLock<LocalFindings>,
    /// The article's claims, taken once: its story's consensus is rebuilt on every arrival.
    claims: ClaimMemo,
    /// The article's terms, weighed once: articles without a story key are clustered with
    /// the recent ones on every arrival.
    terms: OnceLock<Terms>,
}

impl Kept {
    fn new(article: Article, analysis: Analysis) -> Kept {
        Kept {
            article,
            analysis,
            local: OnceLock::new(),
            claims: ClaimMemo::default(),
            terms: OnceLock::new(),
        }
    }
}

/// Kept articles read back and analysed, by id, so that each arrival on a story analyses
/// only itself and runs only the rules that read the story on the others. Bounded by an
/// estimate of the memory its entries take: the oldest entries go first.
pub struct AnalysisCache {
    entries: HashMap<String, (u64, Arc<Kept>, usize)>,
    order: std::collections::VecDeque<String>,
    /// The estimated bytes of the entries, and the most they may take.
    bytes: usize,
    limit: usize,
}

/// An analysed article takes about this many bytes for each byte of its text (its words,
/// phrases, figures, terms and later its findings; measured on the generated load corpus,
/// where a 3.6 KB article holds about 14 KB), plus a fixed part.
const BYTES_PER_TEXT_BYTE: usize = 4;
const BYTES_PER_ENTRY: usize = 1024;

fn estimate(kept: &Kept) -> usize {
    let a = &kept.article;
    let text = a.text.len() + a.title.as_ref().map_or(0, String::len);
    BYTES_PER_ENTRY + BYTES_PER_TEXT_BYTE * text
}

impl AnalysisCache {
    /// A cache whose entries take at most about `limit` bytes.
    pub fn new(limit: usize) -> AnalysisCache {
        AnalysisCache {
            entries: HashMap::new(),
            order: std::collections::VecDeque::new(),
            bytes: 0,
            limit,
        }
    }

    /// How many articles are kept analysed, and their estimated bytes.
    pub fn size(&self) -> (usize, usize) {
        (self.entries.len(), self.bytes)
    }

    /// The kept article `id` (received at `received_at`), analysed: from the cache unless
    /// it was received again since, else read from the store.
    fn get(
        &mut self,
        pipeline: &Pipeline,
        store: &mut dyn Store,
        id: &str,
        received_at: &str,
    ) -> Result<Option<Arc<Kept>>, HistoryError> {
        if let Some(hit) = self.hit(id, received_at) {
            return Ok(Some(hit));
        }
        Ok(store
            .article(id)?
            .and_then(|stored| self.revived(pipeline, &stored)))
    }

    /// The cached entry for `id` as received at `received_at`, if it is cached.
    fn hit(&self, id: &str, received_at: &str) -> Option<Arc<Kept>> {
        let digest = digest(received_at);
        self.entries
            .get(id)
            .filter(|(d, _, _)| *d == digest)
            .map(|(_, hit, _)| hit.clone())
    }

    fn revived(&mut self, pipeline: &Pipeline, stored: &StoredArticle) -> Option<Arc<Kept>> {
        let article = revive(stored)?;
        let analysis = pipeline.rules().analyse(&article);
        let entry = Arc::new(Kept::new(article, analysis));
        self.insert(
            stored.id.clone(),
            digest(&stored.received_at),
            entry.clone(),
        );
        Some(entry)
    }

    fn insert(&mut self, id: String, digest: u64, entry: Arc<Kept>) {
        let bytes = estimate(&entry);
        self.bytes += bytes;
        match self.entries.insert(id.clone(), (digest, entry, bytes)) {
            Some((_, _, old)) => self.bytes -= old,
            None => self.order.push_back(id),
        }
        while self.bytes > self.limit {
            match self.order.pop_front() {
                Some(old) => {
                    if let Some((_, _, freed)) = self.entries.remove(&old) {
                        self.bytes -= freed;
                    }
                }
                None => break,
            }
        }
    }

    /// Keeps the analyses of a request's articles once its writes are staged.
    pub fn keep(&mut self, newcomers: Newcomers) {
        let digest = digest(&newcomers.received_at);
        for entry in newcomers.entries {
            self.insert(entry.article.id.clone(), digest, entry);
        }
    }
}

/// A request's articles as analysed and scored, to keep for the next arrivals on their
/// stories once the request's writes are staged.
pub struct Newcomers {
    entries: Vec<Arc<Kept>>,
    received_at: String,
}

/// What a request writes into the history: its articles and the scores it records.
pub struct Writes {
    pub articles: Vec<StoredArticle>,
    pub records: Vec<Record>,
}

/// A digest of when a kept article was received: an article posted again is received
/// again, so a cached analysis with another digest is stale.
fn digest(received_at: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(received_at)
}

/// A kept article read back.
fn revive(stored: &StoredArticle) -> Option<Article> {
    match parse_record(
        stored.record.as_bytes(),
        1,
        "history",
        None,
        "history",
        u64::MAX,
    )? {
        Ok((mut a, _)) => {
            a.line = None;
            a.story = Some(stored.story.clone());
            Some(a)
        }
        Err(_) => None,
    }
}

fn storage(e: HistoryError) -> Refusal {
    Refusal::Storage(e.0)
}

/// Gives each incoming article without a story key the recent story it resembles (see
/// [`join_stories`]), or a new story named after its words.
fn place_in_stories(
    pipeline: &Pipeline,
    store: &mut dyn Store,
    cache: &mut AnalysisCache,
    incoming: &mut [Incoming],
    since: &str,
    options: &IngestOptions,
) -> Result<(), Refusal> {
    let loose: Vec<usize> = (0..incoming.len())
        .filter(|&i| incoming[i].article.story.is_none())
        .collect();
    if loose.is_empty() {
        return Ok(());
    }
    let recent = store
        .recent_arrivals(since, options.cluster_recent)
        .map_err(storage)?;
    // Each newcomer joins the recent story it resembles, or starts one. The recent
    // articles' analyses and terms come from the cache (neither depends on the story), the
    // newcomers' from their reading: nothing is analysed twice.
    let mut kept: Vec<(Arc<Kept>, String)> = Vec::new();
    for arrival in recent {
        if let Some(entry) = cache
            .get(pipeline, store, &arrival.id, &arrival.received_at)
            .map_err(storage)?
        {
            kept.push((entry, arrival.story));
        }
    }
    for &i in &loose {
        if incoming[i].analysis.is_none() {
            incoming[i].analysis = Some(pipeline.rules().analyse(&incoming[i].article));
        }
    }
    let offered: Vec<Offered> = kept
        .iter()
        .map(|(entry, story)| Offered {
            article: &entry.article,
            analysis: &entry.analysis,
            story: Some(story.as_str()),
        })
        .chain(loose.iter().filter_map(|&i| {
            incoming[i].analysis.as_ref().map(|analysis| Offered {
                article: &incoming[i].article,
                analysis,
                story: None,
            })
        }))
        .collect();
    let terms_of = |i: usize| match kept.get(i) {
        Some((entry, _)) => Cow::Borrowed(
            entry
                .terms
                .get_or_init(|| terms(&entry.article.text, &entry.analysis)),
        ),
        None => Cow::Owned(terms(&offered[i].article.text, offered[i].analysis)),
    };
    let joined = join_stories(&offered, terms_of, &pipeline.rules().config.stories);
    drop(offered);
    for (&i, key) in loose.iter().zip(joined) {
        incoming[i].article.story = Some(key);
    }
    Ok(())
}

/// Accepts articles received: scores each with its story's kept articles and says what it
/// did, what to write (the caller stages it in the open group of writes and commits it
/// before answering) and what to keep analysed once written. `now` is the time of receipt
/// (RFC 3339).
pub fn ingest(
    pipeline: &Pipeline,
    store: &mut dyn Store,
    cache: &mut AnalysisCache,
    received: Received,
    now: &str,
    options: &IngestOptions,
) -> Result<(Ingested, Writes, Newcomers), Refusal> {
    let Received {
        mut incoming,
        replace,
    } = received;
    check_kept(store, &mut incoming, replace)?;
    let since = days_before(now, options.window_days);
    place_in_stories(pipeline, store, cache, &mut incoming, &since, options)?;
    let version = pipeline.rules().config.version();
    let mut by_story: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, inc) in incoming.iter().enumerate() {
        by_story.entry(inc.article.story_key()).or_default().push(i);
    }
    let mut scored_new: HashMap<String, ScoredArticle> = HashMap::new();
    let mut records: Vec<Record> = Vec::new();
    let mut moved: Vec<Moved> = Vec::new();
    // The newcomers as analysed and scored, to keep for the next arrivals on their stories.
    let mut newcomers: Vec<Arc<Kept>> = Vec::new();
    for (story, members) in &by_story {
        let newcomer_ids: Vec<String> = members
            .iter()
            .map(|&i| incoming[i].article.id.clone())
            .collect();
        let kept = store.story_members(story, &since).map_err(storage)?;
        let room = options.story_max.saturating_sub(members.len());
        let earlier: Vec<&(String, String)> = kept
            .iter()
            .filter(|(id, _)| !newcomer_ids.contains(id))
            .collect();
        let earlier = &earlier[earlier.len().saturating_sub(room)..];
        let previous: HashMap<String, f64> = if earlier.is_empty() {
            HashMap::new()
        } else {
            store
                .latest_scores(story)
                .map_err(storage)?
                .into_iter()
                .collect()
        };
        let mut entries: Vec<Arc<Kept>> = Vec::with_capacity(earlier.len() + members.len());
        for (id, received_at) in earlier {
            if let Some(entry) = cache
                .get(pipeline, store, id, received_at)
                .map_err(storage)?
            {
                entries.push(entry);
            }
        }
        let first_newcomer = entries.len();
        for &i in members {
            let mut a = incoming[i].article.clone();
            a.story = Some(story.clone());
            // As the history gives it back (see `revive`), so that the next arrival on the
            // story scores the same article whether it comes from the cache or the store.
            a.line = None;
            let analysis = match incoming[i].analysis.take() {
                Some(analysis) => analysis,
                None => pipeline.rules().analyse(&a),
            };
            entries.push(Arc::new(Kept::new(a, analysis)));
        }
        let view = StoryView::new(
            story,
            entries
                .iter()
                .map(|e| Member {
                    article: &e.article,
                    analysis: &e.analysis,
                    memo: Some(&e.claims),
                })
                .collect(),
        );
        let local: Vec<Option<&LocalFindings>> = entries.iter().map(|e| e.local.get()).collect();
        // Earlier articles in full only when their score moved: the answer and the history
        // want nothing else of them.
        let moved_from = |m: usize, score: f64| {
            previous
                .get(&entries[m].article.id)
                .copied()
                .filter(|from| (score - from).abs() >= MOVE)
        };
        let full = |m: usize, score: f64| m >= first_newcomer || moved_from(m, score).is_some();
        let scored = score_story(pipeline.rules(), &view, &local, &full);
        for (m, (entry, member)) in entries.iter().zip(scored).enumerate() {
            let MemberScore::Full(s, fresh) = member else {
                continue;
            };
            if let Some(fresh) = fresh {
                let _ = entry.local.set(fresh);
            }
            if m >= first_newcomer {
                records.push(Record::of(&s, now, &version));
                scored_new.insert(s.id.clone(), s);
            } else if let Some(from) = moved_from(m, s.score) {
                records.push(Record::of(&s, now, &version));
                moved.push(Moved {
                    id: s.id.clone(),
                    story: story.clone(),
                    from,
                    to: s.score,
                });
            }
        }
        newcomers.extend(entries.into_iter().skip(first_newcomer));
    }
    let kept: Vec<StoredArticle> = incoming
        .iter_mut()
        .map(|inc| {
            let story = inc.article.story_key();
            let record = match &mut inc.record {
                // The record named this story itself.
                KeptRecord::Text(text) => std::mem::take(text),
                KeptRecord::Fields(fields) => {
                    fields.insert("story".into(), Value::String(story.clone()));
                    serde_json::to_string(fields).unwrap_or_default()
                }
            };
            StoredArticle {
                id: inc.article.id.clone(),
                story,
                outlet: inc.article.source.clone(),
                received_at: now.to_string(),
                record,
            }
        })
        .collect();
    let articles = incoming
        .iter()
        .filter_map(|inc| scored_new.remove(&inc.article.id))
        .collect();
    Ok((
        Ingested {
            articles,
            moved,
            rules_version: version,
        },
        Writes {
            articles: kept,
            records,
        },
        Newcomers {
            entries: newcomers,
            received_at: now.to_string(),
        },
    ))
}
