//! One pipeline for every command: load the rules (the embedded default with rules files
//! on top), read the inputs, analyse each article, group articles into stories,
//! score them, and hand back plain data for the report.

use crate::analysis::Analysis;
use crate::config::{Config, ConfigError};
use crate::ingest::{Article, InputError, Loaded, load_paths};
use crate::rules::Ruleset;
use crate::score::{Report, ScoredArticle, StorySummary, score_stories};
use crate::stories::claims::StoryClaims;
use crate::stories::{Story, StoryView, corroborators};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Records read, articles analysed and articles scored so far in a run, for a progress
/// line another thread draws.
#[derive(Debug, Default)]
pub struct Tally {
    pub read: AtomicUsize,
    pub analysed: AtomicUsize,
    pub scored: AtomicUsize,
}

/// Where the rules come from: the embedded default, then each of `files` in order. Which
/// files apply (a project's own configuration among them) is the caller's choice.
#[derive(Debug, Clone, Default)]
pub struct RulesSource {
    pub files: Vec<String>,
}

impl RulesSource {
    /// The embedded default with these files on top.
    pub fn files(files: &[String]) -> RulesSource {
        RulesSource {
            files: files.to_vec(),
        }
    }

    /// The merged configuration, not yet compiled.
    pub fn config(&self) -> Result<Config, String> {
        let mut config = Config::embedded().map_err(|e| e.to_string())?;
        for file in &self.files {
            let source = std::fs::read_to_string(file)
                .map_err(|e| format!("{file}: cannot read rules file: {e}"))?;
            config.apply(file, &source).map_err(|e| e.to_string())?;
        }
        Ok(config)
    }
}

/// How articles without a `story` key are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// By directory (or file, for JSONL records).
    #[default]
    Directory,
    /// By text similarity and date (`[stories]` in the rules).
    Cluster,
}

/// The compiled rules and every step from articles to a report.
pub struct Pipeline {
    rules: Ruleset,
}

impl Pipeline {
    pub fn new(rules: Ruleset) -> Pipeline {
        Pipeline { rules }
    }

    /// The embedded default rules alone.
    pub fn embedded() -> Result<Pipeline, ConfigError> {
        Ok(Pipeline::new(Ruleset::embedded()?))
    }

    /// The rules from `source`, compiled.
    pub fn load(source: &RulesSource) -> Result<Pipeline, String> {
        let rules = Ruleset::new(source.config()?).map_err(|e| e.to_string())?;
        Ok(Pipeline::new(rules))
    }

    /// The rules from `source` and the inputs at `paths`. The rules compile while the
    /// inputs are read: on a large batch, compiling the patterns need not keep a core idle.
    pub fn load_with_inputs<P: AsRef<std::path::Path> + Sync>(
        source: &RulesSource,
        paths: &[P],
    ) -> Result<(Pipeline, Loaded), String> {
        let config = source.config()?;
        let limit = config.limits.max_file_bytes;
        let (rules, loaded) = rayon::join(|| Ruleset::new(config), || load_paths(paths, limit));
        let rules = rules.map_err(|e: ConfigError| e.to_string())?;
        Ok((Pipeline::new(rules), loaded))
    }

    pub fn rules(&self) -> &Ruleset {
        &self.rules
    }

    /// Reads inputs with the rules' size limit.
    pub fn read<P: AsRef<std::path::Path>>(&self, paths: &[P]) -> Loaded {
        load_paths(paths, self.rules.config.limits.max_file_bytes)
    }

    /// Analyses every article, in parallel.
    pub fn analyse(&self, articles: &[Article]) -> Vec<Analysis> {
        self.analyse_counted(articles, &Tally::default())
    }

    /// `analyse`, counting each article analysed in `tally`.
    pub fn analyse_counted(&self, articles: &[Article], tally: &Tally) -> Vec<Analysis> {
        articles
            .par_iter()
            .map(|a| {
                let analysis = self.rules.analyse(a);
                tally.analysed.fetch_add(1, Ordering::Relaxed);
                analysis
            })
            .collect()
    }

    /// The stories of a batch: by `story` key, else as `grouping` says.
    pub fn stories(
        &self,
        articles: &[Article],
        analyses: &[Analysis],
        grouping: Grouping,
    ) -> Vec<Story> {
        match grouping {
            Grouping::Cluster => {
                crate::stories::cluster::cluster(articles, analyses, &self.rules.config.stories)
            }
            Grouping::Directory => crate::stories::group_stories(articles),
        }
    }

    /// Scores analysed articles grouped into `stories` (each article in exactly one).
    pub fn score(
        &self,
        articles: &[Article],
        analyses: &[Analysis],
        stories: &[Story],
    ) -> Vec<ScoredArticle> {
        score_stories(&self.rules, articles, analyses, stories)
    }

    /// `score`, counting each article scored in `tally`.
    pub fn score_counted(
        &self,
        articles: &[Article],
        analyses: &[Analysis],
        stories: &[Story],
        tally: &Tally,
    ) -> Vec<ScoredArticle> {
        crate::score::score_stories_counted(&self.rules, articles, analyses, stories, &tally.scored)
    }

    /// Analyses, groups by story key or directory, and scores: lowest score first.
    pub fn score_articles(&self, articles: &[Article]) -> Vec<ScoredArticle> {
        let analyses = self.analyse(articles);
        self.score_analysed(articles, &analyses)
    }

    /// Scores articles that are already analysed, grouped by story key or directory.
    pub fn score_analysed(
        &self,
        articles: &[Article],
        analyses: &[Analysis],
    ) -> Vec<ScoredArticle> {
        let stories = self.stories(articles, analyses, Grouping::Directory);
        self.score(articles, analyses, &stories)
    }

    /// Everything from what was read to a report. With clustering, the report lists the
    /// stories found (without their consensus figures).
    pub fn run(&self, loaded: Loaded, grouping: Grouping) -> Report {
        self.run_counted(loaded, grouping, &Tally::default())
    }

    /// `run`, counting articles as they are analysed and scored in `tally`, which another
    /// thread may read to show progress.
    pub fn run_counted(&self, loaded: Loaded, grouping: Grouping, tally: &Tally) -> Report {
        if grouping == Grouping::Directory {
            // Stories known before analysis: each is analysed, scored and freed in turn.
            let stories = crate::stories::group_stories(&loaded.articles);
            let articles = crate::score::analyse_and_score_stories(
                &self.rules,
                &loaded.articles,
                &stories,
                &tally.analysed,
                &tally.scored,
            );
            let Loaded {
                articles: texts,
                errors,
                warnings,
            } = loaded;
            rayon::spawn(move || drop(texts));
            return Report {
                articles,
                errors,
                warnings,
                stories: Vec::new(),
            };
        }
        let analyses = self.analyse_counted(&loaded.articles, tally);
        let stories = self.stories(&loaded.articles, &analyses, grouping);
        let articles = self.score_counted(&loaded.articles, &analyses, &stories, tally);
        let stories = if grouping == Grouping::Cluster {
            self.summaries(&loaded.articles, &analyses, &stories)
                .into_iter()
                .map(|mut s| {
                    s.consensus.clear();
                    s
                })
                .collect()
        } else {
            Vec::new()
        };
        let Loaded {
            articles: texts,
            errors,
            warnings,
        } = loaded;
        // A large batch's texts and analyses are many small allocations: freeing them is a
        // serial pass the caller need not wait for.
        rayon::spawn(move || drop((texts, analyses)));
        Report {
            articles,
            errors,
            warnings,
            stories,
        }
    }

    /// `run_counted` for a report that shows everything: every story with its consensus
    /// figures, and the articles as read (their texts, for highlighting findings).
    pub fn run_detailed(&self, loaded: Loaded, grouping: Grouping, tally: &Tally) -> Detailed {
        let analyses = self.analyse_counted(&loaded.articles, tally);
        let stories = self.stories(&loaded.articles, &analyses, grouping);
        let articles = self.score_counted(&loaded.articles, &analyses, &stories, tally);
        let summaries = self.summaries(&loaded.articles, &analyses, &stories);
        Detailed {
            report: Report {
                articles,
                errors: loaded.errors,
                warnings: loaded.warnings,
                stories: summaries,
            },
            texts: loaded.articles,
        }
    }

    /// Each story's articles and its consensus figures, as the consensus rule sees them.
    pub fn summaries(
        &self,
        articles: &[Article],
        analyses: &[Analysis],
        stories: &[Story],
    ) -> Vec<StorySummary> {
        let rules = &self.rules;
        let options = rules.claim_options();
        // The counts, amounts and shares outlets agree on, keyed as the outside-reports rule
        // keys them.
        let keys = rules
            .rules
            .iter()
            .find(|r| r.config.kind == crate::rules::RuleKind::OutsideReports)
            .and_then(|r| crate::rules::outside_reports::agreement_factor(&r.config).ok())
            .and_then(|agree| {
                let mut o = rules.config.figure_keys.options().ok()?;
                o.min_value = 10.0;
                o.min_headcount = 10.0;
                Some((o, agree))
            });
        stories
            .iter()
            .map(|story| {
                let view = StoryView::of(story, articles, analyses);
                let consensus = options
                    .map(|o| {
                        let claims = StoryClaims::new(&view, &rules.config.measures, o);
                        claims
                            .keys()
                            .into_iter()
                            .filter_map(|k| claims.consensus(&view, &k, None))
                            .filter(|c| c.sources >= 2)
                            .collect()
                    })
                    .unwrap_or_default();
                let mut consensus: Vec<_> = consensus;
                if let Some((o, agree)) = &keys {
                    let shown: Vec<String> = consensus
                        .iter()
                        .map(|c: &crate::stories::claims::Consensus| c.key.clone())
                        .collect();
                    consensus.extend(
                        crate::stories::figure_keys::agreed_figures(&view, o, *agree)
                            .into_iter()
                            .filter(|c| !shown.contains(&c.key)),
                    );
                }
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

    /// One article (or the articles of `target_path` with `id`) scored among its `peers`.
    pub fn explain<P: AsRef<Path>>(
        &self,
        target_path: &Path,
        peers: Peers<'_, P>,
        id: Option<&str>,
    ) -> Result<Explained, ExplainError> {
        let path = target_path.to_string_lossy();
        let path = path.as_ref();
        let target = self.read(&[target_path]);
        let chosen: Vec<usize> = target
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| id.is_none_or(|id| a.id == id))
            .map(|(i, _)| i)
            .collect();
        if chosen.is_empty() {
            return Err(match id {
                Some(id) => {
                    ExplainError::Unreadable(format!("{path}: no article with id \"{id}\""))
                }
                // Nothing failed: there was simply no article there.
                None if target.errors.is_empty() => ExplainError::NoArticles(path.to_string()),
                None => ExplainError::Unreadable(format!("{path}: no article could be read")),
            });
        }
        let mut articles = target.articles.clone();
        let mut errors = target.errors.clone();
        let mut warnings = target.warnings.clone();
        match peers {
            Peers::Neighbours(files) => {
                let peers = self.read(files);
                for a in peers.articles {
                    if a.path != articles[chosen[0]].path {
                        articles.push(a);
                    }
                }
            }
            Peers::Corpus(corpus) => {
                let peers = self.read(corpus);
                errors.extend(peers.errors.iter().cloned());
                warnings.extend(peers.warnings);
                let key = articles[chosen[0]].story_key();
                for a in &mut articles {
                    a.story = Some(key.clone());
                }
                for mut a in peers.articles {
                    a.story = Some(key.clone());
                    articles.push(a);
                }
            }
        }
        let analyses = self.analyse(&articles);
        let stories = self.stories(&articles, &analyses, Grouping::Directory);
        let scored = self.score(&articles, &analyses, &stories);
        let measures = &self.rules.config.measures;
        let shown = chosen
            .iter()
            .filter_map(|&i| {
                let a = &articles[i];
                let mut shown = scored
                    .iter()
                    .find(|s| s.id == a.id && s.path == a.path)?
                    .clone();
                // The figures its peers corroborate, and which peers.
                if let Some((story, m)) = stories
                    .iter()
                    .find_map(|s| s.members.iter().position(|&x| x == i).map(|m| (s, m)))
                {
                    let view = StoryView::of(story, &articles, &analyses);
                    shown.corroborated = corroborators(&view, m, measures);
                }
                Some((shown, a.text.clone()))
            })
            .collect();
        Ok(Explained {
            articles: shown,
            errors,
            warnings,
            target_errors: target.errors,
        })
    }
}

/// Why `explain` has no article to explain.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    /// The target held no article at all (an empty folder, a folder of documents).
    #[error("no articles found in {0}")]
    NoArticles(String),
    /// The target could not be read, or holds no article with the id asked for.
    #[error("{0}")]
    Unreadable(String),
}

/// Whom an explained article is scored among.
#[derive(Debug)]
pub enum Peers<'a, P> {
    /// These inputs' articles, all in one story with it whatever their own story keys; the
    /// ones that cannot be read are reported with its own.
    Corpus(&'a [P]),
    /// These files' articles, grouped into stories as a batch groups them (by story key,
    /// else by directory); the ones that cannot be read are passed over.
    Neighbours(&'a [P]),
}

/// A run's report with what a full view of it needs besides: the articles as read.
pub struct Detailed {
    /// The scores, with every story and its consensus figures.
    pub report: Report,
    /// The articles as read, in input order (their ids and paths match the report's).
    pub texts: Vec<Article>,
}

/// What `explain` scored: each chosen article with its text.
pub struct Explained {
    pub articles: Vec<(ScoredArticle, String)>,
    /// Every input that could not be read, the corpus's included.
    pub errors: Vec<InputError>,
    pub warnings: Vec<InputError>,
    /// The failures of the explained path alone (they decide the exit code).
    pub target_errors: Vec<InputError>,
}
