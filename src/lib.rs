//! credence scores the reliability of news articles.
//!
//! Data flows one way, each layer naming only those below it:
//! `lower`, `date`, `figure_kind` → `text`, `cues` → `config` → `ingest` → `extract`, `genre` →
//! `analysis` → `stories` → `rules` → `score` → `outlets`, `eval` → `tune`, `pipeline`, `stream` →
//! `report`. The [`Pipeline`] loads the rules, reads the inputs, analyses, groups and scores;
//! it returns plain data, which `report` renders and the `credence` binary prints.

pub mod analysis;
pub mod config;
mod cues;
pub mod date;
pub mod eval;
pub mod extract;
mod figure_kind;
pub mod genre;
pub mod history;
pub mod ingest;
pub mod language;
mod lower;
pub mod outlets;
pub mod pipeline;
pub mod plant;
pub mod report;
pub mod rules;
pub mod score;
pub mod service;
pub mod stories;
mod stream;
pub mod text;
pub mod tune;

pub use analysis::Analysis;
pub use config::{Category, Config, ConfigError};
pub use cues::{AttributionCue, ListId, ListMatch};
pub use extract::{Figure, FigureKind};
pub use ingest::{Article, InputError, Loaded};
pub use pipeline::{Detailed, Explained, Grouping, Peers, Pipeline, RulesSource, Tally};
pub use rules::{Finding, Ruleset};
// The rule kinds' one table, which the configuration expands into the kind names it reads.
pub(crate) use rules::rule_kinds;
pub use score::{Report, ScoredArticle, StorySummary};
pub use stream::{StreamHooks, StreamSummary, score_jsonl_files};
