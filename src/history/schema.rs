//! The history's schema as numbered migrations, one text per database. A database records
//! the version it is at; opening it applies the later ones in a transaction.

pub struct Migration {
    pub version: i64,
    /// The SQL, with `{serial}` and `{real}` for the two types the databases name apart.
    sql: &'static str,
}

/// Which database a migration is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Migration {
    pub fn sql(&self, dialect: Dialect) -> String {
        let (serial, real) = match dialect {
            Dialect::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL"),
            Dialect::Postgres => ("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION"),
        };
        self.sql.replace("{serial}", serial).replace("{real}", real)
    }
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: "
            CREATE TABLE scores (
                row_id {serial},
                article_id TEXT NOT NULL,
                outlet TEXT,
                story TEXT NOT NULL,
                published TEXT,
                scored_at TEXT NOT NULL,
                score {real} NOT NULL,
                level TEXT NOT NULL,
                findings TEXT NOT NULL,
                rules_version TEXT NOT NULL
            );
            CREATE INDEX scores_by_article ON scores (article_id, row_id);
            CREATE INDEX scores_by_outlet ON scores (outlet, row_id);
            CREATE INDEX scores_by_story ON scores (story, row_id);
            CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                story TEXT NOT NULL,
                outlet TEXT,
                received_at TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX articles_by_story ON articles (story, received_at);
        ",
    },
    Migration {
        // Each article's latest score, kept as scores are added: a story's current scores
        // are read without scanning every score it ever had.
        version: 2,
        sql: "
            CREATE TABLE latest (
                article_id TEXT PRIMARY KEY,
                story TEXT NOT NULL,
                score {real} NOT NULL
            );
            INSERT INTO latest (article_id, story, score)
                SELECT article_id, story, score FROM scores
                WHERE row_id IN (SELECT MAX(row_id) FROM scores GROUP BY article_id);
            CREATE INDEX latest_by_story ON latest (story);
        ",
    },
    Migration {
        // A story's members and its latest scores read from their indexes alone: each
        // arrival on a story asks for both, and a lookup of every member's row (a page of
        // its record) cost more than the rest of the query.
        version: 3,
        sql: "
            CREATE INDEX articles_by_story_covering ON articles (story, received_at, id);
            DROP INDEX IF EXISTS articles_by_story;
            CREATE INDEX latest_by_story_covering ON latest (story, article_id, score);
            DROP INDEX IF EXISTS latest_by_story;
        ",
    },
    Migration {
        // The most recent arrivals read from an index alone: a post without a story key
        // is clustered with them, and reading them from the table sorted every kept
        // article, record and all, on each such post.
        version: 4,
        sql: "
            CREATE INDEX articles_by_arrival ON articles (received_at, id, story);
        ",
    },
];

/// Keeps an article's latest score as a score is added (`?1`…`?3`: id, story, score).
pub const KEEP_LATEST: &str = "INSERT INTO latest (article_id, story, score) VALUES (#1, #2, #3)
    ON CONFLICT (article_id) DO UPDATE SET story = excluded.story, score = excluded.score";

/// The table that holds the version.
pub const VERSION_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS credence_schema (version BIGINT NOT NULL)";

/// The `WHERE` clause of a records query and its values, with placeholders written by
/// `placeholder(n)` (`?n` for SQLite, `$n` for PostgreSQL).
pub fn records_query(
    filter: &super::Filter,
    placeholder: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    let mut add = |clause: &str, value: &Option<String>| {
        if let Some(v) = value {
            values.push(v.clone());
            clauses.push(clause.replace('#', &placeholder(values.len())));
        }
    };
    add("outlet = #", &filter.outlet);
    add("story = #", &filter.story);
    add("article_id = #", &filter.article_id);
    add(
        "COALESCE(published, substr(scored_at, 1, 10)) >= #",
        &filter.since,
    );
    let mut sql = "SELECT article_id, outlet, story, published, scored_at, score, level, findings, rules_version FROM scores".to_string();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY row_id");
    (sql, values)
}

/// Each article of a story with its latest score (`#` is the story's placeholder).
pub const LATEST_SCORES: &str = "SELECT article_id, score FROM latest WHERE story = #";
