//! History in an SQLite file (SQLite itself is built in: no system library needed). WAL
//! mode, so readers do not block the writer; a commit survives the process being killed.

use super::schema::{
    Dialect, KEEP_LATEST, LATEST_SCORES, MIGRATIONS, VERSION_TABLE, records_query,
};
use super::{Arrival, Filter, HistoryError, Record, Store, StoredArticle};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

/// A story's members since a time, in the order they came.
const STORY_MEMBERS: &str = "SELECT id, received_at FROM articles
    WHERE story = ?1 AND received_at >= ?2 ORDER BY received_at, id";

/// The latest arrivals since a time, newest first.
const RECENT_ARRIVALS: &str = "SELECT id, story, received_at FROM articles
    WHERE received_at >= ?1 ORDER BY received_at DESC, id DESC LIMIT ?2";

pub struct SqliteStore {
    db: Connection,
    path: String,
    /// Whether a group of staged writes is open (a transaction begun and not committed).
    open: bool,
}

impl SqliteStore {
    pub fn open(path: &str) -> Result<SqliteStore, HistoryError> {
        let fail = |e: rusqlite::Error| unreadable(path, e);
        let db = Connection::open(path).map_err(fail)?;
        // A writer waits for another (a second process on the same file) instead of failing.
        db.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(fail)?;
        db.pragma_update(None, "journal_mode", "WAL")
            .map_err(fail)?;
        // In WAL mode, NORMAL loses nothing committed when the process dies; only a power
        // cut can take the last commits.
        db.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        let mut store = SqliteStore {
            db,
            path: path.to_string(),
            open: false,
        };
        store.migrate().map_err(|e| match e.1 {
            Some(cause) => unreadable(path, cause),
            None => e.0,
        })?;
        Ok(store)
    }

    fn fail(&self, e: rusqlite::Error) -> HistoryError {
        HistoryError::from(&self.path, e)
    }

    /// The statements of a write, inside whatever transaction is open.
    fn write(&self, articles: &[StoredArticle], records: &[Record]) -> Result<(), HistoryError> {
        let fail = |e: rusqlite::Error| self.fail(e);
        let mut keep = self
            .db
            .prepare_cached(
                "INSERT INTO articles (id, story, outlet, received_at, record) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET story = excluded.story, outlet = excluded.outlet,
                 received_at = excluded.received_at, record = excluded.record",
            )
            .map_err(fail)?;
        for a in articles {
            keep.execute(params![a.id, a.story, a.outlet, a.received_at, a.record])
                .map_err(fail)?;
        }
        let mut add = self
            .db
            .prepare_cached(
                "INSERT INTO scores (article_id, outlet, story, published, scored_at, score, level, findings, rules_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(fail)?;
        let mut keep_latest = self
            .db
            .prepare_cached(&KEEP_LATEST.replace('#', "?"))
            .map_err(fail)?;
        for r in records {
            keep_latest
                .execute(params![r.article_id, r.story, r.score])
                .map_err(fail)?;
            add.execute(params![
                r.article_id,
                r.outlet,
                r.story,
                r.published,
                r.scored_at,
                r.score,
                r.level,
                r.findings,
                r.rules_version
            ])
            .map_err(fail)?;
        }
        Ok(())
    }

    /// Applies the migrations the file lacks; on failure, the error and SQLite's own cause.
    fn migrate(&mut self) -> Result<(), (HistoryError, Option<rusqlite::Error>)> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| (HistoryError::from(&path, &e), Some(e));
        let tx = self.db.transaction().map_err(fail)?;
        tx.execute_batch(VERSION_TABLE).map_err(fail)?;
        let at: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM credence_schema",
                [],
                |r| r.get(0),
            )
            .map_err(fail)?;
        for m in MIGRATIONS.iter().filter(|m| m.version > at) {
            tx.execute_batch(&m.sql(Dialect::Sqlite)).map_err(fail)?;
            tx.execute(
                "INSERT INTO credence_schema (version) VALUES (?1)",
                [m.version],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }
}

/// Why a file could not be opened as a history, saying so plainly when it is not an SQLite
/// database or is damaged: the service must not start on it, nor the file be overwritten.
fn unreadable(path: &str, e: rusqlite::Error) -> HistoryError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(NotADatabase | DatabaseCorrupt) => HistoryError(format!(
            "{path} is not a readable SQLite history (damaged, or another kind of file): {e}; \
             move it aside or name another file with --db"
        )),
        _ => HistoryError::from(path, e),
    }
}

fn stored(row: &rusqlite::Row) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: row.get(0)?,
        story: row.get(1)?,
        outlet: row.get(2)?,
        received_at: row.get(3)?,
        record: row.get(4)?,
    })
}

impl Store for SqliteStore {
    fn stage(
        &mut self,
        articles: &[StoredArticle],
        records: &[Record],
    ) -> Result<(), HistoryError> {
        if !self.open {
            self.db.execute_batch("BEGIN").map_err(|e| self.fail(e))?;
            self.open = true;
        }
        let written = self.write(articles, records);
        if written.is_err() {
            self.abandon();
        }
        written
    }

    fn abandon(&mut self) {
        if std::mem::take(&mut self.open) {
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }

    fn flush(&mut self) -> Result<(), HistoryError> {
        if !std::mem::take(&mut self.open) {
            return Ok(());
        }
        self.db.execute_batch("COMMIT").map_err(|e| {
            let _ = self.db.execute_batch("ROLLBACK");
            self.fail(e)
        })
    }

    fn records(&mut self, filter: &Filter) -> Result<Vec<Record>, HistoryError> {
        let (sql, values) = records_query(filter, |n| format!("?{n}"));
        let mut statement = self.db.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map(params_from_iter(values.iter()), |row| {
                Ok(Record {
                    article_id: row.get(0)?,
                    outlet: row.get(1)?,
                    story: row.get(2)?,
                    published: row.get(3)?,
                    scored_at: row.get(4)?,
                    score: row.get(5)?,
                    level: row.get(6)?,
                    findings: row.get(7)?,
                    rules_version: row.get(8)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| HistoryError::from(&self.path, e))
    }

    fn story_articles(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<StoredArticle>, HistoryError> {
        let mut statement = self
            .db
            .prepare_cached(
                "SELECT id, story, outlet, received_at, record FROM articles
                 WHERE story = ?1 AND received_at >= ?2 ORDER BY received_at, id",
            )
            .map_err(|e| HistoryError::from(&self.path, e))?;
        let rows = statement
            .query_map(params![story, since], stored)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| HistoryError::from(&self.path, e))
    }

    fn story_members(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<(String, String)>, HistoryError> {
        let mut statement = self
            .db
            .prepare_cached(STORY_MEMBERS)
            .map_err(|e| HistoryError::from(&self.path, e))?;
        let rows = statement
            .query_map(params![story, since], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| HistoryError::from(&self.path, e))
    }

    fn latest_scores(&mut self, story: &str) -> Result<Vec<(String, f64)>, HistoryError> {
        let sql = LATEST_SCORES.replace('#', "?1");
        let mut statement = self
            .db
            .prepare_cached(&sql)
            .map_err(|e| HistoryError::from(&self.path, e))?;
        let rows = statement
            .query_map([story], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| HistoryError::from(&self.path, e))
    }

    fn recent_arrivals(&mut self, since: &str, limit: usize) -> Result<Vec<Arrival>, HistoryError> {
        let mut statement = self
            .db
            .prepare_cached(RECENT_ARRIVALS)
            .map_err(|e| HistoryError::from(&self.path, e))?;
        let rows = statement
            .query_map(params![since, limit as i64], |r| {
                Ok(Arrival {
                    id: r.get(0)?,
                    story: r.get(1)?,
                    received_at: r.get(2)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        let mut rows = rows.map_err(|e| HistoryError::from(&self.path, e))?;
        rows.reverse();
        Ok(rows)
    }

    fn article(&mut self, id: &str) -> Result<Option<StoredArticle>, HistoryError> {
        self.db
            .query_row(
                "SELECT id, story, outlet, received_at, record FROM articles WHERE id = ?1",
                [id],
                stored,
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    fn placement(&mut self, id: &str) -> Result<Option<(String, Option<String>)>, HistoryError> {
        self.db
            .query_row(
                "SELECT story, outlet FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    fn schema_version(&mut self) -> Result<i64, HistoryError> {
        self.db
            .query_row("SELECT MAX(version) FROM credence_schema", [], |r| r.get(0))
            .map_err(|e| self.fail(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite plans `sql`, one step a line.
    fn plan(store: &SqliteStore, sql: &str, values: &[&str]) -> String {
        let mut statement = store
            .db
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = statement
            .query_map(params_from_iter(values), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn each_arrival_reads_its_story_and_the_recent_arrivals_from_indexes_alone() {
        let dir = std::env::temp_dir().join(format!("credence-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plan.db");
        let _ = std::fs::remove_file(&path);
        let store = SqliteStore::open(path.to_str().unwrap()).unwrap();
        let members = plan(&store, STORY_MEMBERS, &["fire", "2026-01-01"]);
        assert!(
            members.contains("COVERING INDEX articles_by_story_covering")
                && !members.contains("TEMP B-TREE"),
            "{members}"
        );
        let latest = plan(&store, &LATEST_SCORES.replace('#', "?1"), &["fire"]);
        assert!(
            latest.contains("COVERING INDEX latest_by_story_covering"),
            "{latest}"
        );
        let recent = plan(&store, RECENT_ARRIVALS, &["2026-01-01", "500"]);
        assert!(
            recent.contains("COVERING INDEX articles_by_arrival")
                && !recent.contains("TEMP B-TREE"),
            "{recent}"
        );
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
