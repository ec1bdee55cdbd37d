//! credence scores the reliability of news articles.
//!
//! Data flows one way, each layer naming only those below it:
//! `lower`, `date`, `figure_kind` → `text`, `cues` → `config` → `ingest` → `extract` →
//! `analysis` → `stories` → `rules` → `score` → `outlets`, `eval` → `pipeline`, `stream` →
//! `report`. The [`Pipeline`] loads the rules, reads the inputs, analyses, groups and scores;
//! it returns plain data, which `report` renders and the `credence` binary prints.

pub mod analysis;
pub mod config;
pub mod cues;
pub mod date;
pub mod eval;
pub mod extract;
pub mod figure_kind;
pub mod ingest;
pub mod lower;
pub mod outlets;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod score;
pub mod stories;
pub mod stream;
pub mod text;

pub use pipeline::{Explained, Grouping, Pipeline, RulesSource};
pub use score::{Report, ScoredArticle, StorySummary};
