//! Score history: every scoring recorded (article, outlet, story, dates, score, level,
//! findings and the rules' version) in SQLite or PostgreSQL behind one trait, the articles a
//! service received kept to score later arrivals against, and trends per outlet.

mod postgres;
mod schema;
mod sqlite;
mod trend;

pub use trend::{Bucket, OutletTrend, Point, latest, trends};

use crate::score::ScoredArticle;
use serde::Serialize;

/// One article's score as recorded. Re-scoring an article adds a record; none is replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub article_id: String,
    pub outlet: Option<String>,
    pub story: String,
    /// The publication date (YYYY-MM-DD), when known.
    pub published: Option<String>,
    /// When it was scored (RFC 3339, UTC).
    pub scored_at: String,
    pub score: f64,
    pub level: String,
    /// The findings as a JSON array, as `score --format json` gives them.
    pub findings: String,
    /// The version (digest) of the rules that scored it.
    pub rules_version: String,
}

impl Record {
    pub fn of(a: &ScoredArticle, scored_at: &str, rules_version: &str) -> Record {
        Record {
            article_id: a.id.clone(),
            outlet: a.source.clone(),
            story: a.story.clone(),
            published: a.published.map(|d| d.to_string()),
            scored_at: scored_at.to_string(),
            score: a.score,
            level: a.level.clone(),
            findings: {
                let mut json = Vec::with_capacity(448 * a.findings.len() + 2);
                crate::score::json::write_findings(&mut json, &a.findings);
                String::from_utf8(json).unwrap_or_else(|_| "[]".into())
            },
            rules_version: rules_version.to_string(),
        }
    }

    /// The day it counts for in a trend: its publication date, else the day it was scored.
    pub fn day(&self) -> &str {
        match &self.published {
            Some(p) => p,
            None => self.scored_at.get(..10).unwrap_or(&self.scored_at),
        }
    }
}

/// An article as a service received it, kept so that later articles on its story are
/// scored against it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub story: String,
    pub outlet: Option<String>,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
    /// The article as a JSON record (the input format, with `text`).
    pub record: String,
}

/// A kept article as the history knows it without reading its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub id: String,
    pub story: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
}

/// Which records to read; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub outlet: Option<String>,
    pub story: Option<String>,
    pub article_id: Option<String>,
    /// Only records whose day (publication date, else scoring date) is on or after this
    /// (YYYY-MM-DD).
    pub since: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct HistoryError(pub String);

impl HistoryError {
    fn from(context: &str, e: impl std::fmt::Display) -> HistoryError {
        HistoryError(format!("{context}: {e}"))
    }
}

/// Where history is kept. Every method is one transaction, except that writes may be
/// staged into a group that one commit makes durable (a service answering many requests
/// at once commits them together).
pub trait Store: Send {
    /// Keeps `articles` (replacing any of the same id) and adds `records`. When this returns,
    /// both are durable.
    fn commit(
        &mut self,
        articles: &[StoredArticle],
        records: &[Record],
    ) -> Result<(), HistoryError> {
        let staged = self.stage(articles, records);
        let flushed = self.flush();
        staged.and(flushed)
    }

    /// Writes as [`Store::commit`] does, into the open group of writes (opening one when
    /// none is): reads see them at once, [`Store::flush`] makes them durable. When this
    /// fails, the whole group is taken back ([`Store::abandon`]): nothing of this call nor
    /// of the group's earlier calls is kept. (A savepoint per call would keep the others,
    /// at the price of copying every page a call changes, on every call, for a failure
    /// that in practice means the disk or the connection is gone.)
    fn stage(&mut self, articles: &[StoredArticle], records: &[Record])
    -> Result<(), HistoryError>;

    /// Takes back the open group of writes, if any: none of them is kept.
    fn abandon(&mut self);

    /// Commits the open group of writes, if any: when this returns Ok they are durable;
    /// when it fails, none of them is kept.
    fn flush(&mut self) -> Result<(), HistoryError>;

    /// The records the filter admits, oldest first.
    fn records(&mut self, filter: &Filter) -> Result<Vec<Record>, HistoryError>;

    /// The kept articles of `story` received at or after `since` (RFC 3339), oldest first.
    fn story_articles(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<StoredArticle>, HistoryError>;

    /// The ids of the kept articles of `story` received at or after `since`, with when
    /// they were received, oldest first: `story_articles` without the articles' text.
    fn story_members(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<(String, String)>, HistoryError>;

    /// Each article of `story` with its latest recorded score.
    fn latest_scores(&mut self, story: &str) -> Result<Vec<(String, f64)>, HistoryError>;

    /// The `limit` most recently received kept articles received at or after `since`,
    /// oldest first, without their text (`article` reads one whole).
    fn recent_arrivals(&mut self, since: &str, limit: usize) -> Result<Vec<Arrival>, HistoryError>;

    /// A kept article by id.
    fn article(&mut self, id: &str) -> Result<Option<StoredArticle>, HistoryError>;

    /// The schema version the database is at.
    fn schema_version(&mut self) -> Result<i64, HistoryError>;

    /// Where a kept article is filed: its story and outlet, without reading its record.
    fn placement(&mut self, id: &str) -> Result<Option<(String, Option<String>)>, HistoryError> {
        Ok(self.article(id)?.map(|a| (a.story, a.outlet)))
    }

    /// A cheap read that proves the history answers (a health check).
    fn ping(&mut self) -> Result<(), HistoryError> {
        self.schema_version().map(|_| ())
    }
}

/// Opens (creating and migrating as needed) the history at `target`: a PostgreSQL URL
/// (`postgres://…`) or libpq connection string (`host=… dbname=…`), else an SQLite file.
pub fn open(target: &str) -> Result<Box<dyn Store>, HistoryError> {
    match target_kind(target) {
        Target::Postgres => Ok(Box::new(postgres::PgStore::connect(target)?)),
        Target::Sqlite => Ok(Box::new(sqlite::SqliteStore::open(target)?)),
    }
}

/// Which store a `--db` value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Postgres,
    Sqlite,
}

/// A PostgreSQL URL or a libpq `key=value` string is PostgreSQL (and is refused there when
/// it cannot be read, never taken for a file name: a typo must not create a file named
/// after the password); anything else is an SQLite file.
pub fn target_kind(target: &str) -> Target {
    if is_postgres_url(target) || is_conninfo(target) {
        Target::Postgres
    } else {
        Target::Sqlite
    }
}

fn is_postgres_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

/// Whether `target` reads as libpq's `key=value …`: its first word is a lower-case key
/// followed by `=`.
fn is_conninfo(target: &str) -> bool {
    let first = target.trim_start();
    first.split_once('=').is_some_and(|(key, _)| {
        let key = key.trim_end();
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
    })
}

/// `target` as it may be shown in a message or a log: a PostgreSQL password (in a URL's
/// user part, its `?password=` parameter, or a `password=` key) replaced by `***`.
pub fn redact(target: &str) -> String {
    if is_postgres_url(target) {
        redact_url(target)
    } else if is_conninfo(target) {
        redact_conninfo(target)
    } else {
        target.to_string()
    }
}

fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match (base.find("://"), base.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => match base[scheme + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &base[..scheme + 3], &base[at..]),
            None => base.to_string(),
        },
        _ => base.to_string(),
    };
    if let Some(query) = query {
        let (query, fragment) = match query.split_once('#') {
            Some((q, f)) => (q, Some(f)),
            None => (query, None),
        };
        let parts: Vec<String> = query
            .split('&')
            .map(|part| match part.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => part.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&parts.join("&"));
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
    }
    out
}

/// libpq's `key = value` pairs with the password's value (bare, or quoted with `'` and
/// backslash escapes) replaced.
fn redact_conninfo(conninfo: &str) -> String {
    let mut out = String::with_capacity(conninfo.len());
    let mut rest = conninfo;
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            out.push_str(rest);
            break;
        };
        let key = rest[..eq].trim();
        out.push_str(&rest[..=eq]);
        rest = &rest[eq + 1..];
        let spaces = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
        let value_len = if rest.starts_with('\'') {
            let mut escaped = false;
            rest.char_indices()
                .skip(1)
                .find(|&(_, c)| {
                    let end = c == '\'' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map_or(rest.len(), |(i, _)| i + 1)
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        if key == "password" {
            out.push_str("***");
        } else {
            out.push_str(&rest[..value_len]);
        }
        rest = &rest[value_len..];
        let spaces = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
    }
    out
}

/// The time now as RFC 3339 in UTC, to the millisecond.
pub fn now_utc() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = now.as_secs() as i64;
    let date = crate::date::Date::from_days(seconds.div_euclid(86_400));
    let in_day = seconds.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60,
        now.subsec_millis()
    )
}

/// The RFC 3339 time `days` before `time` (same format), for windows.
pub fn days_before(time: &str, days: i64) -> String {
    let date = time
        .get(..10)
        .and_then(crate::date::Date::parse_iso)
        .map(|d| d.add_days(-days));
    match (date, time.get(10..)) {
        (Some(d), Some(rest)) => format!("{d}{rest}"),
        _ => time.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_in_every_form_and_key_value_strings_are_postgres() {
        assert_eq!(
            redact("postgres://desk:s3cret@db/credence?sslmode=require&password=x#f"),
            "postgres://desk:***@db/credence?sslmode=require&password=***#f"
        );
        assert_eq!(
            redact("postgresql://:s3cret@db/credence"),
            "postgresql://:***@db/credence"
        );
        assert_eq!(redact("postgres://db/credence"), "postgres://db/credence");
        assert_eq!(
            redact("host=db password = s3cret dbname=credence"),
            "host=db password = *** dbname=credence"
        );
        assert_eq!(
            redact("password='s3 \\' cret' host=db"),
            "password=*** host=db"
        );
        assert_eq!(redact("history.db"), "history.db");
        assert_eq!(target_kind("host=db dbname=x"), Target::Postgres);
        assert_eq!(target_kind("dbname=x"), Target::Postgres);
        assert_eq!(target_kind("./a=b.db"), Target::Sqlite);
        assert_eq!(target_kind("credence.db"), Target::Sqlite);
    }

    #[test]
    fn times_are_rfc3339_utc_and_windows_go_back_whole_days() {
        let now = now_utc();
        assert_eq!(now.len(), 24, "{now}");
        assert!(now.ends_with('Z') && &now[10..11] == "T", "{now}");
        assert_eq!(
            days_before("2026-03-01T10:00:00.000Z", 1),
            "2026-02-28T10:00:00.000Z"
        );
    }
}
