//! History in PostgreSQL, for a desk that shares one: the same schema and queries as
//! SQLite. The client is synchronous; a service calls it off its async threads.

use super::schema::{
    Dialect, KEEP_LATEST, LATEST_SCORES, MIGRATIONS, VERSION_TABLE, records_query,
};
use super::{Arrival, Filter, HistoryError, Record, Store, StoredArticle};
use postgres::{Client, NoTls};

pub struct PgStore {
    client: Client,
    /// The two writes, prepared once per connection.
    keep_article: postgres::Statement,
    add_score: postgres::Statement,
    keep_latest: postgres::Statement,
    /// The URL without its password, for messages.
    shown: String,
    /// Whether a group of staged writes is open (a transaction begun and not committed).
    open: bool,
}

/// A URL with any password replaced, so that it can be shown.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl PgStore {
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

    pub fn connect(url: &str) -> Result<PgStore, HistoryError> {
        let shown = without_password(url);
        let fail = |e: postgres::Error| HistoryError::from(&shown, e);
        let mut client = Client::connect(url, NoTls).map_err(fail)?;
        migrate(&mut client).map_err(fail)?;
        let keep_article = client.prepare(KEEP_ARTICLE).map_err(fail)?;
        let add_score = client.prepare(ADD_SCORE).map_err(fail)?;
        let keep_latest = client
            .prepare(&KEEP_LATEST.replace('#', "$"))
            .map_err(fail)?;
        Ok(PgStore {
            client,
            keep_article,
            add_score,
            keep_latest,
            shown,
            open: false,
        })
    }

    fn fail(&self, e: postgres::Error) -> HistoryError {
        HistoryError::from(&self.shown, e)
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
        let shown = self.shown.clone();
        let fail = |e: postgres::Error| HistoryError::from(&shown, e);
        if !self.open {
            self.client.batch_execute("BEGIN").map_err(fail)?;
            self.open = true;
        }
        let written = self.write(articles, records).map_err(fail);
        if written.is_err() {
            self.abandon();
        }
        written
    }

    fn abandon(&mut self) {
        if std::mem::take(&mut self.open) {
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }

    fn flush(&mut self) -> Result<(), HistoryError> {
        if !std::mem::take(&mut self.open) {
            return Ok(());
        }
        self.client.batch_execute("COMMIT").map_err(|e| {
            let _ = self.client.batch_execute("ROLLBACK");
            HistoryError::from(&self.shown, e)
        })
    }

    fn records(&mut self, filter: &Filter) -> Result<Vec<Record>, HistoryError> {
        let (sql, values) = records_query(filter, |n| format!("${n}"));
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let rows = self.client.query(&sql, &params).map_err(|e| self.fail(e))?;
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
        let rows = self
            .client
            .query(
                "SELECT id, story, outlet, received_at, record FROM articles
                 WHERE story = $1 AND received_at >= $2 ORDER BY received_at, id",
                &[&story, &since],
            )
            .map_err(|e| self.fail(e))?;
        Ok(rows.iter().map(stored).collect())
    }

    fn story_members(
        &mut self,
        story: &str,
        since: &str,
    ) -> Result<Vec<(String, String)>, HistoryError> {
        let rows = self
            .client
            .query(
                "SELECT id, received_at FROM articles
                 WHERE story = $1 AND received_at >= $2 ORDER BY received_at, id",
                &[&story, &since],
            )
            .map_err(|e| self.fail(e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn latest_scores(&mut self, story: &str) -> Result<Vec<(String, f64)>, HistoryError> {
        let rows = self
            .client
            .query(&LATEST_SCORES.replace('#', "$1"), &[&story])
            .map_err(|e| self.fail(e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn recent_arrivals(&mut self, since: &str, limit: usize) -> Result<Vec<Arrival>, HistoryError> {
        let rows = self
            .client
            .query(
                "SELECT id, story, received_at FROM articles
                 WHERE received_at >= $1 ORDER BY received_at DESC, id DESC LIMIT $2",
                &[&since, &(limit as i64)],
            )
            .map_err(|e| self.fail(e))?;
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
        let rows = self
            .client
            .query(
                "SELECT id, story, outlet, received_at, record FROM articles WHERE id = $1",
                &[&id],
            )
            .map_err(|e| self.fail(e))?;
        Ok(rows.first().map(stored))
    }

    fn schema_version(&mut self) -> Result<i64, HistoryError> {
        let row = self
            .client
            .query_one("SELECT MAX(version) FROM credence_schema", &[])
            .map_err(|e| self.fail(e))?;
        Ok(row.get(0))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            super::without_password("postgres://desk:s3cret@db.example/credence"),
            "postgres://desk:***@db.example/credence"
        );
        assert_eq!(
            super::without_password("postgres://localhost/credence"),
            "postgres://localhost/credence"
        );
    }
}
