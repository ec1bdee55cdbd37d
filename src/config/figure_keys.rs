//! How figures are keyed by what they count: the `[figure-keys]` table of the rules, read
//! by the rules that line up the same claim within and across articles.

use serde::Deserialize;

/// How figures are keyed: the `[figure-keys]` table of the rules, so that an editor can
/// extend every list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeyOptions {
    /// Headcount measures keyed by their measure id rather than their noun.
    pub measures: Vec<String>,
    /// Frames of money: each group's first word names it; a money figure takes the frame of
    /// the nearest of its words in the figure's clause.
    #[serde(default)]
    pub money_frames: Vec<Vec<String>>,
    /// Nouns right after an amount that make it the size of something else ("a $550 billion
    /// market"): such an amount is no claim about the story.
    #[serde(default)]
    pub aggregate_nouns: Vec<String>,
    /// Nouns too general to line up a claim ("people", "times", "years").
    #[serde(default)]
    pub generic_nouns: Vec<String>,
    /// Plural nouns that do not end in "s" ("children", "staff").
    #[serde(default)]
    pub irregular_plurals: Vec<String>,
    /// Plural nouns that count the same thing; a count keys on its group's first word.
    #[serde(default)]
    pub noun_groups: Vec<Vec<String>>,
    /// Words that make a count vague ("hundreds", "dozens"): no claim.
    #[serde(default)]
    pub vague_words: Vec<String>,
    /// Phrases that place a sentence in another time than the story's ("last year",
    /// "previous", "years ago").
    #[serde(default)]
    pub other_time: crate::cues::WordList,
    /// Words that open a sentence continuing the previous one's subject ("It killed 612"):
    /// such a sentence takes the previous sentence's time.
    #[serde(default)]
    pub continuing_words: Vec<String>,
    /// Counts below this are subgroups, not claims about the story: set by the rule that
    /// keys the figures (a comparison across outlets wants larger counts than one within an
    /// article).
    #[serde(skip_deserializing, default = "default_min_value")]
    pub min_value: f64,
    /// Headcounts (the `measures`) below this are subgroups; set by the rule. A headcount
    /// is a claim about the story at smaller sizes than a count of things.
    #[serde(skip_deserializing, default = "default_min_value")]
    pub min_headcount: f64,
    /// "At least X" reaches at most `hedge-factor` × X; set by the rule.
    #[serde(skip_deserializing, default = "default_hedge")]
    pub hedge_factor: f64,
}

fn default_min_value() -> f64 {
    10.0
}

fn default_hedge() -> f64 {
    2.0
}
