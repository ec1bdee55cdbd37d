//! History in PostgreSQL, for a desk that shares one: the same schema and queries as
//! SQLite. The client is synchronous; a service calls it off its async threads.

use super::redact;
use super::schema::{
    Dialect, KEEP_LATEST, LATEST_SCORES, MIGRATIONS, VERSION_TABLE, records_query,
};
use super::{Arrival, Filter, HistoryError, Record, Store, StoredArticle};
use postgres::{Client, NoTls};
use std::time::{Duration, Instant};

pub struct PgStore {
    /// Where to connect again when the connection is lost.
    config: postgres::Config,
    /// The live connection; `None` while the server cannot be reached.
    conn: Option<Conn>,
    /// The target without its password, for messages.
    shown: String,
    /// Whether a group of staged writes is open (a transaction begun and not committed).
    open: bool,
    /// Whether the connection closed with a group open: its writes are gone, and the
    /// group must fail (or be written again) rather than be committed empty.
    lost: bool,
    /// When to try connecting again, and how long to wait after that try fails.
    retry_at: Instant,
    backoff: Duration,
}

/// A connection with the writes prepared on it.
struct Conn {
    client: Client,
    keep_article: postgres::Statement,
    add_score: postgres::Statement,
    keep_latest: postgres::Statement,
}

/// The first wait after a failed reconnection; each failure doubles it up to the last.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const LAST_BACKOFF: Duration = Duration::from_secs(5);

impl Conn {
    fn new(config: &postgres::Config, migrating: bool) -> Result<Conn, postgres::Error> {
        let mut client = config.connect(NoTls)?;
        if migrating {
            migrate(&mut client)?;
        }
        let keep_article = client.prepare(KEEP_ARTICLE)?;
        let add_score = client.prepare(ADD_SCORE)?;
        let keep_latest = client.prepare(&KEEP_LATEST.replace('#', "$"))?;
        Ok(Conn {
            client,
            keep_article,
            add_score,
            keep_latest,
        })
    }

    /// The statements of a write, inside whatever transaction is open.
    fn write(
        &mut self,
        articles: &[StoredArticle],
        records: &[Record],
    ) -> Result<(), postgres::Error> {
        for a in articles {
            self.client.execute(
                &self.keep_article,
                &[&a.id, &a.story, &a.outlet, &a.received_at, &a.record],
            )?;
        }
        for r in records {
            self.client
                .execute(&self.keep_latest, &[&r.article_id, &r.story, &r.score])?;
            self.client.execute(
                &self.add_score,
                &[
                    &r.article_id,
                    &r.outlet,
                    &r.story,
                    &r.published,
                    &r.scored_at,
                    &r.score,
                    &r.level,
                    &r.findings,
                    &r.rules_version,
                ],
            )?;
        }
        Ok(())
    }
}

impl PgStore {
    /// Connects to `target` (a URL or a libpq `key=value` string) and migrates the schema.
    /// The first connection must succeed; later ones are retried with backoff.
    pub fn connect(target: &str) -> Result<PgStore, HistoryError> {
        let shown = redact(target);
        let mut config: postgres::Config = target.parse().map_err(|e| {
            HistoryError(format!(
                "{shown}: not a PostgreSQL URL or connection string that can be read: {e}"
            ))
        })?;
        // A server that does not answer must not hold a request (or the start) for ever.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        let conn = Conn::new(&config, true).map_err(|e| HistoryError::from(&shown, e))?;
        Ok(PgStore {
            config,
            conn: Some(conn),
            shown,
            open: false,
            lost: false,
            retry_at: Instant::now(),
            backoff: FIRST_BACKOFF,
        })
    }

    fn lost_group(&self) -> HistoryError {
        HistoryError(format!(
            "{}: the connection to PostgreSQL was lost with writes not yet committed",
            self.shown
        ))
    }

    fn fail(&self, e: postgres::Error) -> HistoryError {
        HistoryError::from(&self.shown, e)
    }

    /// The live connection, connecting again when it was lost (a restarted server, a
    /// dropped link). Tries are spaced out: while the server stays away, calls fail at once
    /// and say when the next try is.
    fn conn(&mut self) -> Result<&mut Conn, HistoryError> {
        if self.conn.as_ref().is_some_and(|c| c.client.is_closed()) {
            self.conn = None;
            // A transaction dies with its connection: the group is lost, which its
            // writers must hear of before anything else is done.
            if std::mem::take(&mut self.open) {
                self.lost = true;
            }
        }
        if self.lost {
            return Err(self.lost_group());
        }
        if self.conn.is_none() {
            let now = Instant::now();
            if now < self.retry_at {
                return Err(HistoryError(format!(
                    "{}: the connection to PostgreSQL is lost; next try in {} ms",
                    self.shown,
                    (self.retry_at - now).as_millis()
                )));
            }
            match Conn::new(&self.config, false) {
                Ok(conn) => {
                    self.conn = Some(conn);
                    self.backoff = FIRST_BACKOFF;
                }
                Err(e) => {
                    self.retry_at = Instant::now() + self.backoff;
                    self.backoff = (self.backoff * 2).min(LAST_BACKOFF);
                    return Err(HistoryError(format!(
                        "{}: cannot reach PostgreSQL again: {e}",
                        self.shown
                    )));
                }
            }
        }
        self.conn
            .as_mut()
            .ok_or_else(|| HistoryError("no connection".into()))
    }

    /// A read; when the connection turns out to be lost (and no group of writes was open
    /// on it), it is made again and the read tried once more.
    fn read<T>(
        &mut self,
        query: impl Fn(&mut Client) -> Result<T, postgres::Error>,
    ) -> Result<T, HistoryError> {
        let was_open = self.open;
        let first = query(&mut self.conn()?.client);
        match first {
            Err(_) if !was_open && self.conn.as_ref().is_some_and(|c| c.client.is_closed()) => {
                query(&mut self.conn()?.client).map_err(|e| self.fail(e))
            }
            other => other.map_err(|e| self.fail(e)),
        }
    }
}

const KEEP_ARTICLE: &str =
    "INSERT INTO articles (id, story, outlet, received_at, record) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET story = excluded.story, outlet = excluded.outlet,
     received_at = excluded.received_at, record = excluded.record";

const ADD_SCORE: &str = "INSERT INTO scores (article_id, outlet, story, published, scored_at, score, level, findings, rules_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

fn migrate(client: &mut Client) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    // Two processes opening a new database at once: one migrates, the other waits.
    tx.batch_execute("SELECT pg_advisory_xact_lock(7351)")?;
    tx.batch_execute(VERSION_TABLE)?;
    let at: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM credence_schema", &[])?
        .get(0);
    for m in MIGRATIONS.iter().filter(|m| m.version > at) {
        tx.batch_execute(&m.sql(Dialect::Postgres))?;
        tx.execute(
            "INSERT INTO credence_schema (version) VALUES ($1)",
            &[&m.version],
        )?;
    }
    tx.commit()
}

fn stored(row: &postgres::Row) -> StoredArticle {
    StoredArticle {
        id: row.get(0),
        story: row.get(1),
        outlet: row.get(2),
        received_at: row.get(3),
        record: row.get(4),
    }
}

impl Store for PgStore {
    fn stage(
        &mut self,
        articles: &[StoredArticle],
        records: &[Record],
    ) -> Result<(), HistoryError> {
        if !self.open {
            self.conn()?
                .client
                .batch_execute("BEGIN")
                .map_err(|e| HistoryError::from(&self.shown, e))?;
            self.open = true;
        }
        let shown = self.shown.clone();
        let written = match self.conn() {
            Ok(conn) => conn
                .write(articles, records)
                .map_err(|e| HistoryError::from(&shown, e)),
            Err(e) => Err(e),
        };
        if written.is_err() {
            self.abandon();
        }
        written
    }

    fn abandon(&mut self) {
        // Whoever takes the group back knows it is gone.
        self.lost = false;
        if std::mem::take(&mut self.open)
            && let Some(conn) = self.conn.as_mut()
            && !conn.client.is_closed()
        {
            let _ = conn.client.batch_execute("ROLLBACK");
        }
    }

    fn flush(&mut self) -> Result<(), HistoryError> {
        if std::mem::take(&mut self.lost) {
            return Err(self.lost_group());
        }
        if !std::mem::take(&mut self.open) {
            return Ok(());
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err(HistoryError(format!(
                "{}: the connection to PostgreSQL was lost before the commit",
                self.shown
            )));
        };
        conn.client.batch_execute("COMMIT").map_err(|e| {
            let _ = conn.client.batch_execute("ROLLBACK");
            HistoryError::from(&self.shown, e)
        })
    }

    fn records(&mut self, filter: &Filter) -> Result<Vec<Record>, HistoryError> {
        let (sql, values) = records_query(filter, |n| format!("${n}"));
        let rows = self.read(|client| {
            let params: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                .iter()
                .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                .collect();
            client.query(&sql, &params)
        })?;
        Ok(rows
            .iter()
            .map(|row| Record {
                article_id: row.get(0),
                outlet: row.get(1),
                story: row.get(2),
                published: row.get(3),
                scored_at: row.get(4),
                score: row.get(5),
                level: row.get(6),
                findings: row.get(7),
                rules_version: row.get(8),
            })
            .collect())
    }

    fn story_articles(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<StoredArticle>, HistoryError> {
        let rows = self.read(|client| {
            client.query(
                "SELECT id, story, outlet, received_at, record FROM articles
                 WHERE story = $1 AND received_at >= $2 ORDER BY received_at, id",
                &[&story, &since],
            )
        })?;
        Ok(rows.iter().map(stored).collect())
    }

    fn story_members(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<(String, String)>, HistoryError> {
        let rows = self.read(|client| {
            client.query(
                "SELECT id, received_at FROM articles
                 WHERE story = $1 AND received_at >= $2 ORDER BY received_at, id",
                &[&story, &since],
            )
        })?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn latest_scores(&mut self, story: &str) -> Result<Vec<(String, f64)>, HistoryError> {
        let sql = LATEST_SCORES.replace('#', "$1");
        let rows = self.read(|client| client.query(&sql, &[&story]))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn recent_arrivals(&mut self, since: &str, limit: usize) -> Result<Vec<Arrival>, HistoryError> {
        let rows = self.read(|client| {
            client.query(
                "SELECT id, story, received_at FROM articles
                 WHERE received_at >= $1 ORDER BY received_at DESC, id DESC LIMIT $2",
                &[&since, &(limit as i64)],
            )
        })?;
        Ok(rows
            .iter()
            .rev()
            .map(|r| Arrival {
                id: r.get(0),
                story: r.get(1),
                received_at: r.get(2),
            })
            .collect())
    }

    fn article(&mut self, id: &str) -> Result<Option<StoredArticle>, HistoryError> {
        let rows = self.read(|client| {
            client.query(
                "SELECT id, story, outlet, received_at, record FROM articles WHERE id = $1",
                &[&id],
            )
        })?;
        Ok(rows.first().map(stored))
    }

    fn placement(&mut self, id: &str) -> Result<Option<(String, Option<String>)>, HistoryError> {
        let rows = self.read(|client| {
            client.query("SELECT story, outlet FROM articles WHERE id = $1", &[&id])
        })?;
        Ok(rows.first().map(|r| (r.get(0), r.get(1))))
    }

    fn schema_version(&mut self) -> Result<i64, HistoryError> {
        let row =
            self.read(|client| client.query_one("SELECT MAX(version) FROM credence_schema", &[]))?;
        Ok(row.get(0))
    }

    fn ping(&mut self) -> Result<(), HistoryError> {
        self.read(|client| client.simple_query("SELECT 1").map(|_| ()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            super::redact("postgres://desk:s3cret@db.example/credence?password=x"),
            "postgres://desk:***@db.example/credence?password=***"
        );
        assert_eq!(
            super::redact("host=db password='a b\\' c' dbname=x"),
            "host=db password=*** dbname=x"
        );
    }
}
