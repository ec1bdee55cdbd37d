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
}

/// Opens (creating and migrating as needed) the history at `target`: a PostgreSQL URL
/// (`postgres://…`), else an SQLite file.
pub fn open(target: &str) -> Result<Box<dyn Store>, HistoryError> {
    if target.starts_with("postgres://") || target.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgStore::connect(target)?))
    } else {
        Ok(Box::new(sqlite::SqliteStore::open(target)?))
    }
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
