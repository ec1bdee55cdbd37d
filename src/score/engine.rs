//! The scoring engine: every enabled rule run on every article of a story, the findings
//! turned into a score with reasons, waivers and per-source exemptions applied.

use super::model::{Scored, score, score_only};
use crate::analysis::Analysis;
use crate::config::{Category, RuleConfig};
use crate::date::Date;
use crate::ingest::{Article, InputError};
use crate::rules::{ArticleContext, Finding, Prepared, Rule, Ruleset};
use crate::stories::{Story, StoryView};
use crate::text::{Span, context_window};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// How `source` was found when the input did not give it: "url" (its domain) or
    /// "dateline" (a credit such as "(Reuters) —"); null when the input gave it.
    pub source_inferred: Option<&'static str>,
    pub url: Option<String>,
    /// The byline a saved page or a feed item gives; left out when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The language it is written in (ISO 639-1 where there is one; "und" when too short
    /// to tell), given or detected.
    pub language: String,
    /// Opinion, review or satire when its URL, title or byline says so: not news, though
    /// scored as news all the same. Absent for news.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genre: Option<crate::genre::Genre>,
    pub words: usize,
    pub score: f64,
    /// What the article owed before any evidence (the loss of the scoring's `baseline`):
    /// 100 − baseline − the findings' points (credits negative) = score.
    pub baseline: f64,
    pub level: String,
    pub findings: Vec<Finding>,
    /// Rules that could not judge this article, and why (0 points).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Other articles of the story that are near-duplicates of this one: with it, they
    /// count as one outlet and corroborate nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    /// Figures that other outlets of the story corroborate, with the articles that do
    /// (filled by `explain`; empty in a batch's scores).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corroborated: Vec<crate::stories::Corroborated>,
}

/// A rule that did not judge an article, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub rule: String,
    pub code: String,
    pub note: String,
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
    pub consensus: Vec<crate::stories::claims::Consensus>,
}

/// Scores articles grouped into the given stories (each article in exactly one).
pub fn score_stories(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
    stories: &[Story],
) -> Vec<ScoredArticle> {
    score_stories_counted(rules, articles, analyses, stories, &AtomicUsize::new(0))
}

/// `score_stories`, adding one to `scored` as each article is scored (for a progress line).
pub fn score_stories_counted(
    rules: &Ruleset,
    articles: &[Article],
    analyses: &[Analysis],
    stories: &[Story],
    scored_so_far: &AtomicUsize,
) -> Vec<ScoredArticle> {
    score_each_story(rules, stories, scored_so_far, |story, score| {
        score(&StoryView::of(story, articles, analyses))
    })
}

/// Analyses and scores the articles of each story in turn, in parallel: a story's analyses
/// are made just before it is scored and freed just after, so a batch never holds them all
/// (they are most of its memory) and each is read while still in cache. Counts each article
/// in `analysed` and `scored` as it goes.
pub fn analyse_and_score_stories(
    rules: &Ruleset,
    articles: &[Article],
    stories: &[Story],
    analysed: &AtomicUsize,
    scored_so_far: &AtomicUsize,
) -> Vec<ScoredArticle> {
    score_each_story(rules, stories, scored_so_far, |story, score| {
        let analyses: Vec<Analysis> = story
            .members
            .par_iter()
            .map(|&i| {
                let analysis = rules.analyse(&articles[i]);
                analysed.fetch_add(1, Ordering::Relaxed);
                analysis
            })
            .collect();
        let members = story
            .members
            .iter()
            .zip(&analyses)
            .map(|(&i, analysis)| crate::stories::Member {
                article: &articles[i],
                analysis,
                memo: None,
            })
            .collect();
        score(&StoryView::new(&story.key, members))
    })
}

/// Scores every story in parallel, `with_view` handing each story's view to the scoring
/// it is given; lowest score first.
fn score_each_story<F>(
    rules: &Ruleset,
    stories: &[Story],
    scored_so_far: &AtomicUsize,
    with_view: F,
) -> Vec<ScoredArticle>
where
    F: Fn(&Story, &dyn Fn(&StoryView<'_>) -> Vec<ScoredArticle>) -> Vec<ScoredArticle> + Sync,
{
    let enabled: Vec<&Rule> = rules.enabled().collect();
    let score = |view: &StoryView<'_>| -> Vec<ScoredArticle> {
        score_view(rules, &enabled, view, None, true, scored_so_far)
            .into_iter()
            .filter_map(MemberScore::full)
            .collect()
    };
    let mut scored: Vec<ScoredArticle> = stories
        .par_iter()
        .flat_map(|story| with_view(story, &score))
        .collect();
    scored.sort_by(|a, b| a.score.total_cmp(&b.score).then_with(|| a.id.cmp(&b.id)));
    scored
}

/// An article's findings from the rules that read the article alone
/// ([`Rule::reads_story`] false), before scoring: the same in whatever story it is scored,
/// so a story scored again as articles arrive need not find them again.
#[derive(Debug, Clone)]
pub struct LocalFindings(Vec<Finding>);

/// What the scoring of a story gives back for one member. Not boxed: a story's list of
/// them lives only until its members are recorded, and most are `Full`.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum MemberScore {
    /// Scored in full, with its local findings when they were found afresh and wanted.
    Full(ScoredArticle, Option<LocalFindings>),
    /// Only its score: its local findings were given, and the caller did not want the rest.
    Only(f64),
}

impl MemberScore {
    pub fn score(&self) -> f64 {
        match self {
            MemberScore::Full(scored, _) => scored.score,
            MemberScore::Only(score) => *score,
        }
    }

    fn full(self) -> Option<ScoredArticle> {
        match self {
            MemberScore::Full(scored, _) => Some(scored),
            MemberScore::Only(_) => None,
        }
    }
}

/// Scores the members of one story, in member order. `local[m]`, when given, holds member
/// m's [`LocalFindings`] from an earlier scoring, and only the rules that read the story
/// run on it; such a member is scored in full only when `full(m, score)` asks for it (a
/// story scored again as articles arrive mostly wants to know whose score moved). The
/// others are scored in full, with their local findings returned for next time.
pub fn score_story(
    rules: &Ruleset,
    view: &StoryView<'_>,
    local: &[Option<&LocalFindings>],
    full: &(dyn Fn(usize, f64) -> bool + Sync),
) -> Vec<MemberScore> {
    let enabled: Vec<&Rule> = rules.enabled().collect();
    // On the caller's thread: one story of tens of articles is too small a job to share
    // between threads (waking them costs more than it saves).
    score_view(
        rules,
        &enabled,
        view,
        Some(Again { local, full }),
        false,
        &AtomicUsize::new(0),
    )
}

/// A story scored again: each member's local findings from an earlier scoring, if any, and
/// which of the members that have them are wanted in full.
struct Again<'a> {
    local: &'a [Option<&'a LocalFindings>],
    full: &'a (dyn Fn(usize, f64) -> bool + Sync),
}

fn score_view(
    rules: &Ruleset,
    enabled: &[&Rule],
    view: &StoryView<'_>,
    again: Option<Again<'_>>,
    parallel: bool,
    scored_so_far: &AtomicUsize,
) -> Vec<MemberScore> {
    let member_analyses: Vec<&Analysis> = view.members.iter().map(|m| m.analysis).collect();
    let corroboration =
        crate::stories::corroboration(&member_analyses, &view.voices, &rules.config.measures);
    let prepared: Vec<Option<Prepared>> = enabled.iter().map(|r| r.prepare(view)).collect();
    let one = |m: usize| {
        let ctx = ArticleContext {
            article: view.members[m].article,
            analysis: view.members[m].analysis,
            corroboration: &corroboration[m],
            story_size: view.members.len(),
            story: view,
            member: m,
            prepared: None,
            phrase_hits: &view.members[m].analysis.extraction.cues,
            lower: &std::cell::OnceCell::new(),
        };
        let kept = again
            .as_ref()
            .and_then(|a| a.local.get(m).copied().flatten());
        let full = |score: f64| again.as_ref().is_none_or(|a| (a.full)(m, score));
        let scored = score_one(
            rules,
            enabled,
            &prepared,
            &ctx,
            view.key,
            kept,
            again.is_some(),
            &full,
        );
        scored_so_far.fetch_add(1, Ordering::Relaxed);
        scored
    };
    // Members in parallel too: a desk's batch is often one large story.
    if parallel {
        (0..view.members.len()).into_par_iter().map(one).collect()
    } else {
        (0..view.members.len()).map(one).collect()
    }
}

/// Runs the enabled rules on one article and scores it: only those that read the story
/// when its `local` findings are given (and then in full only if `full(score)`), and with
/// `keep_local` its local findings returned.
#[allow(clippy::too_many_arguments)]
fn score_one(
    rules: &Ruleset,
    enabled: &[&Rule],
    prepared: &[Option<Prepared>],
    base: &ArticleContext<'_>,
    story: &str,
    local: Option<&LocalFindings>,
    keep_local: bool,
    full: &dyn Fn(f64) -> bool,
) -> MemberScore {
    let article = base.article;
    let text = article.text.as_str();
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let mut fresh_local = None;
    let language = &base.analysis.language;
    // The rules read English: another language is not judged at all, and says so.
    let judged: &[&Rule] = if language.is_supported() {
        enabled
    } else {
        notes.push(Note {
            rule: "language".into(),
            code: "LANG".into(),
            note: format!(
                "written in {} ({}), which the rules do not read: not assessed, no findings and no credits",
                language.code,
                if language.detected { "detected" } else { "given" }
            ),
        });
        &[]
    };
    // Which rules each pass runs: those that read only the article, then those that read
    // the story; or, when local findings are neither given nor wanted, all in one pass.
    let passes: &[Option<bool>] = if local.is_some() || keep_local {
        &[Some(false), Some(true)]
    } else {
        &[None]
    };
    for &pass in passes {
        for (rule, prep) in judged.iter().zip(prepared) {
            if let Some(story_rules) = pass
                && (rule.reads_story() != story_rules || (!story_rules && local.is_some()))
            {
                continue;
            }
            if exempt_by_source(rules, article, &rule.config) {
                continue;
            }
            let ctx = ArticleContext {
                prepared: prep.as_ref(),
                ..*base
            };
            if let Some(note) = rule.not_assessed(&ctx) {
                notes.push(Note {
                    rule: rule.config.name.clone(),
                    code: rule.config.code.clone(),
                    note,
                });
                continue;
            }
            let waiver = waiver_for(rules, article, &rule.config);
            for hit in rule.run(&ctx) {
                let (line, column) = ctx.analysis.doc.lines.line_col(text, hit.span.start);
                let message = rule.message(&hit);
                findings.push(Finding {
                    rule: rule.config.name.clone(),
                    code: rule.config.code.clone(),
                    category: rule.config.category,
                    points: 0.0,
                    message,
                    excerpt: excerpt(text, ctx.analysis, hit.span),
                    line,
                    column,
                    evidence: hit.evidence,
                    span: hit.span,
                    waived: waiver.clone(),
                    raw_points: rule.config.weight * hit.factor,
                });
            }
        }
        if pass == Some(false) && keep_local && local.is_none() {
            fresh_local = Some(LocalFindings(findings.clone()));
        }
    }
    // Kept local findings first, then the story's: each rule's findings stay together and
    // in order, and the sorts are stable, so kept local findings change nothing. The score
    // is found from the two lists as they are; they are copied into one only when the
    // caller wants the member in full.
    if let Some(kept) = local {
        let mut all: Vec<&Finding> = kept.0.iter().chain(&findings).collect();
        all.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
        let score = score_only(&all, &rules.config.scoring);
        if !full(score) {
            return MemberScore::Only(score);
        }
        let mut merged = Vec::with_capacity(kept.0.len() + findings.len());
        merged.extend(kept.0.iter().cloned());
        merged.append(&mut findings);
        findings = merged;
    }
    findings.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
    let Scored { score, baseline } = score(&mut findings, &rules.config.scoring);
    // Heaviest reasons first, so the top reason is the one that cost most.
    findings.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| a.span.start.cmp(&b.span.start))
    });
    let analysis = base.analysis;
    let scored = ScoredArticle {
        id: article.id.clone(),
        path: article.path.clone(),
        title: analysis.title.clone(),
        source: article.source.clone(),
        story: story.to_string(),
        published: analysis.published,
        published_inferred: analysis.published_inferred,
        source_inferred: article.source_from.map(|f| f.as_str()),
        url: article.url.clone(),
        author: article.author.clone(),
        language: analysis.language.code.clone(),
        genre: crate::genre::genre_of(article, analysis.title.as_deref()),
        words: analysis.doc.word_count,
        score,
        baseline,
        level: rules.config.scoring.level(score).to_string(),
        findings,
        notes,
        copies: base.story.copies[base.member]
            .iter()
            .map(|&j| base.story.members[j].article.id.clone())
            .collect(),
        corroborated: Vec::new(),
    };
    MemberScore::Full(scored, fresh_local)
}

fn exempt_by_source(rules: &Ruleset, article: &Article, rule: &RuleConfig) -> bool {
    let Some(source) = &article.source else {
        return false;
    };
    rules.config.scoring.per_source.iter().any(|o| {
        o.source.eq_ignore_ascii_case(source) && o.ignore.iter().any(|s| rule.matches_selector(s))
    })
}

fn waiver_for(rules: &Ruleset, article: &Article, rule: &RuleConfig) -> Option<String> {
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

/// The longest excerpt shown with a finding, in characters.
const EXCERPT_CHARS: usize = 300;

/// The sentence around a span, on one line and at most `EXCERPT_CHARS` characters.
fn excerpt(text: &str, analysis: &Analysis, span: Span) -> String {
    let sentence = analysis
        .doc
        .sentence_at(span.start)
        .map(|i| analysis.doc.sentences[i].span)
        .unwrap_or(span);
    // A sentence of megabytes is shown around the span only.
    let sentence = context_window(text, sentence, Span::new(span.start, span.start));
    collapsed_excerpt(sentence.text(text))
}

/// `text` with white space collapsed to single spaces; past `EXCERPT_CHARS` characters, its
/// first `EXCERPT_CHARS - 3` and an ellipsis. Built a word at a time: most words are ASCII,
/// whose characters are their bytes.
fn collapsed_excerpt(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * EXCERPT_CHARS));
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if chars > EXCERPT_CHARS {
            let cut = out
                .char_indices()
                .nth(EXCERPT_CHARS - 3)
                .map_or(out.len(), |(i, _)| i);
            out.truncate(cut);
            out.push('…');
            return out;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt's definition, a character at a time.
    fn collapsed_excerpt_charwise(text: &str) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.chars().count() <= EXCERPT_CHARS {
            return collapsed;
        }
        let mut out: String = collapsed.chars().take(EXCERPT_CHARS - 3).collect();
        out.push('…');
        out
    }

    #[test]
    fn a_long_sentence_is_cut_to_its_first_characters_and_an_ellipsis() {
        let sentence = "Über  die Brücke\n".repeat(40);
        let excerpt = collapsed_excerpt(&sentence);
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS - 2);
        assert!(excerpt.starts_with("Über die Brücke Über"));
        assert!(excerpt.ends_with('…'));
        let exact = "a".repeat(EXCERPT_CHARS);
        assert_eq!(collapsed_excerpt(&exact), exact);
    }

    proptest::proptest! {
        #[test]
        fn the_excerpt_is_the_collapsed_text_cut_at_its_character_limit(
            text in "([a-zé€]{0,40}[ \t\n]{0,3}){0,20}"
        ) {
            proptest::prop_assert_eq!(collapsed_excerpt(&text), collapsed_excerpt_charwise(&text));
        }
    }
}
