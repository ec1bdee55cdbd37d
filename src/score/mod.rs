//! Findings to scores: the engine that runs the rules on each article of a story, and the
//! model that turns an article's findings into a 0–100 score with points per reason.

mod engine;
pub mod json;
mod model;

pub use engine::{
    LocalFindings, MemberScore, Note, Report, ScoredArticle, StorySummary,
    analyse_and_score_stories, score_stories, score_stories_counted, score_story,
};
pub use model::{score, score_of_points};
