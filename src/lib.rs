//! credence scores the reliability of news articles.
//!
//! Data flows one way: [`ingest`] reads articles, [`text`] cuts them into blocks and
//! sentences, [`extract`] finds figures and attribution, [`rules`] and [`consensus`] turn
//! them into findings, and [`score`] turns findings into a 0–100 score with reasons. The
//! library returns plain data; the `credence` binary renders it.

pub mod analysis;
pub mod config;
pub mod consensus;
pub mod cues;
pub mod date;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod lower;
pub mod outlets;
pub mod report;
pub mod rules;
pub mod score;
pub mod stream;
pub mod text;

use analysis::{Analysis, analyse};
use config::Category;
use date::Date;
use ingest::{Article, InputError};
use rayon::prelude::*;
use rules::{ArticleContext, Finding, Ruleset};
use serde::Serialize;
use text::Span;

/// One article's result.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredArticle {
    pub id: String,
    pub path: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub story: String,
    pub published: Option<Date>,
    /// Whether `published` was read from a dateline in the text.
    pub published_inferred: bool,
    pub url: Option<String>,
    pub words: usize,
    pub score: f64,
    pub level: String,
    pub findings: Vec<Finding>,
}

impl ScoredArticle {
    pub fn count(&self, category: Category) -> usize {
        self.findings
            .iter()
            .filter(|f| f.category == category && f.waived.is_none())
            .count()
    }
}

/// What one run produced: articles from lowest to highest score, the stories they were
/// compared in, and every input that could not be read.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    pub articles: Vec<ScoredArticle>,
    pub errors: Vec<InputError>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputError>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<StorySummary>,
}

/// A story: its articles and, where enough sources agree, its consensus figures.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    pub key: String,
    pub articles: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consensus: Vec<consensus::claims::Consensus>,
}

/// The articles of one story, with their analyses, as rules see them.
fn story_view<'a>(
    story: &'a consensus::Story,
    articles: &'a [Article],
    analyses: &'a [Analysis],
) -> rules::StoryView<'a> {
    rules::StoryView {
        key: &story.key,
        members: story
            .members
            .iter()
            .map(|&i| rules::Member {
                article: &articles[i],
                analysis: &analyses[i],
            })
            .collect(),
    }
}

/// Analyses, compares and scores a batch of articles.
pub fn score_articles(rules: &Ruleset, articles: &[Article]) -> Vec<ScoredArticle> {
    let analyses: Vec<Analysis> = articles.par_iter().map(|a| analyse(a, rules)).collect();
    score_analysed(rules, articles, &analyses)
}

/// Analyses every article, in parallel.
pub fn analyse_all(rules: &Ruleset, articles: &[Article]) -> Vec<Analysis> {
    articles.par_iter().map(|a| analyse(a, rules)).collect()
}

/// The stories of a batch: by `story` key, else directory; with `cluster`, articles
/// without a key are grouped by text similarity and date instead.
pub fn stories_of(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
    cluster: bool,
) -> Vec<consensus::Story> {
    if cluster {
        consensus::cluster::cluster(articles, analyses, &rules.config.stories)
    } else {
        consensus::group_stories(articles)
    }
}

/// Each story's articles and its consensus figures, as the consensus rule sees them.
pub fn story_summaries(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
    stories: &[consensus::Story],
) -> Vec<StorySummary> {
    let options: Option<consensus::claims::ClaimOptions> = rules
        .rules
        .iter()
        .find(|r| r.config.kind == "consensus")
        .and_then(|r| rules::options(&r.config).ok());
    stories
        .iter()
        .map(|story| {
            let view = story_view(story, articles, analyses);
            let consensus = options
                .as_ref()
                .map(|o| {
                    let claims =
                        consensus::claims::StoryClaims::new(&view, &rules.config.measures, o);
                    claims
                        .keys()
                        .into_iter()
                        .filter_map(|k| claims.consensus(&view, &k, None))
                        .filter(|c| c.sources >= 2)
                        .collect()
                })
                .unwrap_or_default();
            StorySummary {
                key: story.key.clone(),
                articles: story
                    .members
                    .iter()
                    .map(|&i| articles[i].id.clone())
                    .collect(),
                consensus,
            }
        })
        .collect()
}

/// Scores articles that are already analysed (stories are formed from `articles`).
pub fn score_analysed(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
) -> Vec<ScoredArticle> {
    let stories = consensus::group_stories(articles);
    score_stories(rules, articles, analyses, &stories)
}

/// Scores articles grouped into the given stories (each article in exactly one).
pub fn score_stories(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
    stories: &[consensus::Story],
) -> Vec<ScoredArticle> {
    let enabled: Vec<&rules::Rule> = rules.enabled().collect();
    let mut scored: Vec<ScoredArticle> = stories
        .par_iter()
        .flat_map(|story| {
            let view = story_view(story, articles, analyses);
            let member_analyses: Vec<&Analysis> = view.members.iter().map(|m| m.analysis).collect();
            let corroboration = consensus::corroboration(&member_analyses, &rules.config.measures);
            let prepared: Vec<Option<rules::Prepared>> =
                enabled.iter().map(|r| r.prepare(&view)).collect();
            // Members in parallel too: a desk's batch is often one large story.
            (0..view.members.len())
                .into_par_iter()
                .map(|m| {
                    let ctx = ArticleContext {
                        article: view.members[m].article,
                        analysis: view.members[m].analysis,
                        corroboration: &corroboration[m],
                        story_size: view.members.len(),
                        story: &view,
                        member: m,
                        prepared: None,
                        phrase_hits: &view.members[m].analysis.extraction.cues,
                    };
                    score_one(rules, &enabled, &prepared, &ctx, &story.key)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    scored.sort_by(|a, b| a.score.total_cmp(&b.score).then_with(|| a.id.cmp(&b.id)));
    scored
}

/// Runs the enabled rules on one article and scores it.
fn score_one(
    rules: &Ruleset,
    enabled: &[&rules::Rule],
    prepared: &[Option<rules::Prepared>],
    base: &ArticleContext<'_>,
    story: &str,
) -> ScoredArticle {
    let article = base.article;
    let text = article.text.as_str();
    let mut findings = Vec::new();
    for (rule, prep) in enabled.iter().zip(prepared) {
        if exempt_by_source(rules, article, &rule.config) {
            continue;
        }
        let ctx = ArticleContext {
            prepared: prep.as_deref(),
            ..*base
        };
        let waiver = waiver_for(rules, article, &rule.config);
        for hit in rule.run(&ctx) {
            let (line, column) = ctx.analysis.doc.lines.line_col(text, hit.span.start);
            findings.push(Finding {
                rule: rule.config.name.clone(),
                code: rule.config.code.clone(),
                category: rule.config.category,
                points: 0.0,
                message: rule.message(&hit),
                excerpt: excerpt(text, ctx.analysis, hit.span),
                line,
                column,
                evidence: hit.evidence.clone(),
                span: hit.span,
                waived: waiver.clone(),
                raw_points: rule.config.weight * hit.factor,
            });
        }
    }
    findings.sort_by_key(|f| (f.span.start, f.code.clone()));
    let score = score::score(&mut findings, &rules.config.scoring);
    // Heaviest reasons first, so the top reason is the one that cost most.
    findings.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| a.span.start.cmp(&b.span.start))
    });
    let analysis = base.analysis;
    ScoredArticle {
        id: article.id.clone(),
        path: article.path.clone(),
        title: analysis.title.clone(),
        source: article.source.clone(),
        story: story.to_string(),
        published: analysis.published,
        published_inferred: analysis.published_inferred,
        url: article.url.clone(),
        words: analysis.doc.word_count,
        score,
        level: rules.config.scoring.level(score).to_string(),
        findings,
    }
}

fn exempt_by_source(rules: &Ruleset, article: &Article, rule: &config::RuleConfig) -> bool {
    let Some(source) = &article.source else {
        return false;
    };
    rules.config.scoring.per_source.iter().any(|o| {
        o.source.eq_ignore_ascii_case(source) && o.ignore.iter().any(|s| rule.matches_selector(s))
    })
}

fn waiver_for(rules: &Ruleset, article: &Article, rule: &config::RuleConfig) -> Option<String> {
    article
        .waivers
        .iter()
        .find(|(r, _)| rule.matches_selector(r))
        .map(|(_, why)| why.clone())
        .or_else(|| {
            rules
                .config
                .scoring
                .waivers
                .iter()
                .find(|w| {
                    w.article == article.id && w.rules.iter().any(|r| rule.matches_selector(r))
                })
                .map(|w| w.reason.clone())
        })
}

/// The sentence around a span, on one line and at most 300 characters.
fn excerpt(text: &str, analysis: &Analysis, span: text::Span) -> String {
    let sentence = analysis
        .doc
        .sentence_at(span.start)
        .map(|i| analysis.doc.sentences[i].span)
        .unwrap_or(span);
    // A sentence of megabytes is shown around the span only.
    let sentence = rules::context_window(text, sentence, Span::new(span.start, span.start));
    let s = sentence.text(text);
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 300 {
        let cut: String = one_line.chars().take(297).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}
