//! Planted problems: the tool's recall measured on real reporting. Clean articles of real
//! stories get one problem each — a total far from the story's consensus, a second total,
//! a count that does not match its list, a duration that does not fit two dates, a toll
//! beyond the population it names, a paragraph of unsourced figures, a copy of another
//! outlet's article — written from several templates with a seeded generator, at a random
//! paragraph. Each planted twin is scored in its story in place of the clean article, and a
//! plant counts as found when a finding of the expected kind covers the planted words (for a
//! copy: when the copy is marked as one). The drop is the clean article's score minus its
//! twin's. An unsupported paragraph in an article the rule cannot judge (no other outlet
//! shares its subject) is counted apart, as not assessable.

use crate::config::Category;
use crate::ingest::Article;
use crate::pipeline::{Grouping, Pipeline};
use crate::score::ScoredArticle;
use crate::stories::Story;
use crate::stories::claims::format_number;
use crate::text::Span;
use serde::Serialize;

/// The kinds of planted problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlantKind {
    /// A total ten or four times the story's consensus, or as small a fraction of it.
    ScaledTotal,
    /// A second total for one measure, far from the first, in the same article.
    SecondTotal,
    /// "Three of the suspects were named: A, B, C and D."
    CountList,
    /// "20 months after the fire on 2 June 2024" in an article published a year later.
    TimelineGap,
    /// A toll above the share of the population the article itself gives for the place.
    BeyondPopulation,
    /// A paragraph of precise figures that nobody is quoted for and no outlet reports.
    UnsupportedParagraph,
    /// Another outlet's article, copied under a new name.
    CopiedArticle,
}

impl PlantKind {
    pub const ALL: [PlantKind; 7] = [
        PlantKind::ScaledTotal,
        PlantKind::SecondTotal,
        PlantKind::CountList,
        PlantKind::TimelineGap,
        PlantKind::BeyondPopulation,
        PlantKind::UnsupportedParagraph,
        PlantKind::CopiedArticle,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlantKind::ScaledTotal => "scaled-total",
            PlantKind::SecondTotal => "second-total",
            PlantKind::CountList => "count-vs-list",
            PlantKind::TimelineGap => "timeline-gap",
            PlantKind::BeyondPopulation => "beyond-population",
            PlantKind::UnsupportedParagraph => "unsupported-paragraph",
            PlantKind::CopiedArticle => "copied-article",
        }
    }

    /// The categories of finding that report this kind of problem.
    fn categories(self) -> &'static [Category] {
        match self {
            PlantKind::ScaledTotal => &[Category::Consensus, Category::Contradiction],
            PlantKind::SecondTotal | PlantKind::CountList | PlantKind::TimelineGap => {
                &[Category::Contradiction]
            }
            PlantKind::BeyondPopulation => &[Category::Plausibility, Category::Contradiction],
            PlantKind::UnsupportedParagraph => &[Category::Unsupported],
            PlantKind::CopiedArticle => &[],
        }
    }
}

/// How many plantings of each kind, from which seed.
#[derive(Debug, Clone, Copy)]
pub struct PlantOptions {
    pub seed: u64,
    pub per_kind: usize,
}

/// One planting and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct Planting {
    pub kind: PlantKind,
    pub article: String,
    pub planted: String,
    pub found: bool,
    /// The clean article's score minus its twin's (none for a copy).
    pub drop: Option<f64>,
}

/// Recall and score drops for one kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindSummary {
    pub kind: PlantKind,
    pub plantings: usize,
    /// Plantings left out because the rule for them could not judge the article (an
    /// unsupported paragraph in an article no other outlet shares a subject with).
    pub not_assessable: usize,
    pub found: usize,
    pub recall: f64,
    pub median_drop: Option<f64>,
    pub min_drop_when_found: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlantReport {
    pub seed: u64,
    pub kinds: Vec<KindSummary>,
    pub plantings: Vec<Planting>,
}

/// A small deterministic generator (SplitMix64): the same seed plants the same problems.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST_NAMES: &[&str] = &[
    "Ana", "Tomas", "Pia", "Mark", "Lena", "Omar", "Ines", "Karl", "Maya", "Jonas", "Rita", "Emil",
];
const LAST_NAMES: &[&str] = &[
    "Lind", "Reyes", "Berg", "Olsen", "Varga", "Moreau", "Haddad", "Novak", "Kerr", "Dahl", "Sato",
    "Brandt",
];
const PLACES: &[&str] = &[
    "Merrow", "Holtby", "Kessin", "Aldmere", "Torvik", "Brenna", "Caldey", "Oskarby",
];
const COUNT_WORDS: &[&str] = &["two", "three", "four", "five", "six"];

fn count_word(n: usize) -> &'static str {
    COUNT_WORDS
        .get(n.wrapping_sub(2))
        .copied()
        .unwrap_or("several")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn names(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < n {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Sentences stating a total for a measure the story agrees on, with the value in `{v}`.
fn total_templates(key: &str) -> &'static [&'static str] {
    match key {
        "deaths" => &[
            "The death toll now stands at {v}, officials confirmed.",
            "In all, {v} people were killed.",
            "The disaster killed {v} people in total.",
        ],
        "injured" => &[
            "In all, {v} people were injured.",
            "The total number of injured stands at {v}.",
        ],
        "on-board" => &[
            "In all, {v} people were on board.",
            "There were {v} people on board in total.",
        ],
        "passengers" => &[
            "The plane was carrying a total of {v} passengers.",
            "In all, {v} passengers were on the flight.",
        ],
        "missing" => &["In all, {v} people remain missing."],
        "arrests" => &["In all, {v} people have been arrested."],
        _ => &[],
    }
}

/// Where the article's prose ends: page furniture after it (a comment form, "Subscribe
/// now") would swallow a paragraph planted there.
fn prose_end(pipeline: &Pipeline, article: &Article) -> usize {
    let analysis = pipeline.rules().analyse(article);
    analysis
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind.is_content())
        .map(|b| b.span.end)
        .max()
        .unwrap_or(article.text.len())
}

/// Paragraph breaks of the body after `from` and within its prose.
fn breaks(article: &Article, from: usize, end: usize) -> Vec<usize> {
    article.text[from..]
        .match_indices("\n\n")
        .map(|(i, _)| from + i + 2)
        .filter(|&i| i <= end && i < article.text.len())
        .collect()
}

/// Where a planted paragraph goes: after a random paragraph of the body (never before the
/// first, which may be the title), within its prose.
fn insertion_point(rng: &mut Rng, pipeline: &Pipeline, article: &Article) -> usize {
    let end = prose_end(pipeline, article);
    let breaks = breaks(article, article.body_start, end);
    if breaks.is_empty() {
        article.text.len()
    } else {
        *rng.pick(&breaks)
    }
}

/// `article` with `paragraphs` inserted at `at`, and the span of each planted paragraph.
fn with_paragraphs(article: &Article, at: usize, paragraphs: &[String]) -> (Article, Vec<Span>) {
    let mut planted = article.clone();
    let mut insert = String::new();
    let mut spans = Vec::new();
    let lead = if at == article.text.len() && !article.text.ends_with("\n\n") {
        if article.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        }
    } else {
        ""
    };
    insert.push_str(lead);
    for p in paragraphs {
        let start = at + insert.len();
        insert.push_str(p);
        spans.push(Span::new(start, start + p.len()));
        insert.push_str("\n\n");
    }
    planted.text.insert_str(at, &insert);
    (planted, spans)
}

/// A planted twin: the article, the spans of what was planted, the words planted.
struct Twin {
    article: Article,
    spans: Vec<Span>,
    planted: String,
    /// For a copy: the id of the article it copies.
    copy_of: Option<String>,
}

/// Consensus totals of each story that the templates can state: (key, centre).
fn story_totals(
    pipeline: &Pipeline,
    articles: &[Article],
    analyses: &[crate::analysis::Analysis],
    stories: &[Story],
) -> Vec<Vec<(String, f64)>> {
    pipeline
        .summaries(articles, analyses, stories)
        .into_iter()
        .map(|s| {
            s.consensus
                .into_iter()
                .filter(|c| c.sources >= 3 && !total_templates(&c.key).is_empty())
                .map(|c| (c.key, c.centre))
                .collect()
        })
        .collect()
}

fn plant(
    kind: PlantKind,
    rng: &mut Rng,
    pipeline: &Pipeline,
    articles: &[Article],
    story: &Story,
    target: usize,
    totals: &[(String, f64)],
) -> Option<Twin> {
    let article = &articles[target];
    let at = insertion_point(rng, pipeline, article);
    let one = |paragraph: String| {
        let (article, spans) = with_paragraphs(article, at, std::slice::from_ref(&paragraph));
        Some(Twin {
            article,
            spans,
            planted: paragraph,
            copy_of: None,
        })
    };
    match kind {
        PlantKind::ScaledTotal => {
            let (key, centre) = rng.pick(totals).clone();
            let factors: &[f64] = if centre >= 40.0 {
                &[10.0, 4.0, 0.1, 0.25]
            } else {
                &[10.0, 4.0]
            };
            let v = (centre * rng.pick(factors)).round().max(1.0);
            let template = rng.pick(total_templates(&key));
            one(template.replace("{v}", &format_number(v)))
        }
        PlantKind::SecondTotal => {
            // Both totals stay above the rules' smallest total (10): below it a count is
            // usually a subgroup.
            let a = 30 + rng.below(170);
            let b = if rng.below(2) == 0 {
                a * 2 / 5
            } else {
                a * 9 / 5
            };
            let pairs: [(&str, &str); 3] = [
                (
                    "The death toll from the attack stands at {a}, the authorities said.",
                    "In all, {b} people were killed in the attack.",
                ),
                (
                    "Officials put the overall death toll at {a}.",
                    "The attack killed {b} people in total.",
                ),
                (
                    "A total of {a} people were injured, hospitals said.",
                    "In all, {b} people were injured in the attacks.",
                ),
            ];
            let (first, second) = rng.pick(&pairs);
            let first = first.replace("{a}", &format_number(a as f64));
            let second = second.replace("{b}", &format_number(b as f64));
            let (with_first, first_spans) =
                with_paragraphs(article, at, std::slice::from_ref(&first));
            // The second statement goes a paragraph or more after the first, within the
            // prose, else at the end.
            let prose = prose_end(pipeline, &with_first);
            let end = breaks(&with_first, first_spans[0].end, prose)
                .get(1)
                .copied()
                .unwrap_or(with_first.text.len());
            let (twin, spans) = with_paragraphs(&with_first, end, std::slice::from_ref(&second));
            Some(Twin {
                article: twin,
                spans,
                planted: format!("{first} … {second}"),
                copy_of: None,
            })
        }
        PlantKind::CountList => {
            let listed = 3 + rng.below(3);
            let stated = if rng.below(2) == 0 {
                listed - 1
            } else {
                listed + 1
            };
            let who = names(rng, listed);
            let templates = [
                "Police named {n} of the suspects: {list}.",
                "The {n} victims were identified as {list}.",
                "The {n} people detained were {list}, prosecutors said.",
            ];
            let template = rng.pick(&templates);
            let text = capitalised(
                &template
                    .replace("{n}", count_word(stated))
                    .replace("{list}", &list(&who)),
            );
            one(text)
        }
        PlantKind::TimelineGap => {
            let published = pipeline.rules().analyse(article).published?;
            let months = 3 + rng.below(16) as i64;
            let event = published.add_days(-months * 30 - rng.below(10) as i64);
            let stated = if months >= 10 && rng.below(2) == 0 {
                months - 7
            } else {
                months + 8 + rng.below(6) as i64
            };
            let events = ["fire", "flood", "explosion", "crash", "earthquake"];
            let e = rng.pick(&events);
            let templates = [
                "Now, {n} months after the {e} on {d}, the town is still rebuilding.",
                "{n} months after the {e} of {d}, families are still waiting for answers.",
                "It is {n} months since the {e} on {d}.",
            ];
            let text = capitalised(
                &rng.pick(&templates)
                    .replace("{n}", &stated.to_string())
                    .replace("{e}", e)
                    .replace("{d}", &event.long()),
            );
            one(text)
        }
        PlantKind::BeyondPopulation => {
            let place = rng.pick(PLACES);
            let population = 800 + 100 * rng.below(30);
            let share = [0.5, 0.7, 0.9][rng.below(3)];
            let dead = (population as f64 * share).round();
            let templates = [
                "{p}, a village of {pop} people, was the worst hit: {d} people were killed there.",
                "In {p}, home to {pop} people, {d} residents died.",
                "The town of {p} has a population of {pop}. {d} people were killed in {p}.",
            ];
            let text = rng
                .pick(&templates)
                .replace("{p}", place)
                .replace("{pop}", &format_number(population as f64))
                .replace("{d}", &format_number(dead));
            one(text)
        }
        PlantKind::UnsupportedParagraph => {
            let templates = [
                "The operation involved {a} vehicles and {b} personnel, and cost ${c} million over {d} days.",
                "Damage was put at ${c} million; {a} buildings were destroyed and {b} people lost their homes.",
                "Some {a} tonnes of supplies were delivered in the first {d} days, at a cost of ${c} million, to {b} families.",
            ];
            let text = rng
                .pick(&templates)
                .replace("{a}", &format_number((137 + rng.below(800)) as f64))
                .replace("{b}", &format_number((1_213 + rng.below(9_000)) as f64))
                .replace(
                    "{c}",
                    &format!("{}.{}", 12 + rng.below(80), 1 + rng.below(9)),
                )
                .replace("{d}", &(11 + rng.below(40)).to_string());
            one(text)
        }
        PlantKind::CopiedArticle => {
            let others: Vec<usize> = story
                .members
                .iter()
                .copied()
                .filter(|&i| i != target)
                .collect();
            let original = &articles[*rng.pick(&others)];
            let mut copy = original.clone();
            copy.id = format!("{}-copy", original.id);
            copy.source = Some(format!("Copy Desk {}", 1 + rng.below(9)));
            copy.path = None;
            copy.story = Some(original.story_key());
            Some(Twin {
                spans: vec![Span::new(copy.body_start, copy.text.len())],
                planted: format!("a copy of {}", original.id),
                copy_of: Some(original.id.clone()),
                article: copy,
            })
        }
    }
}

/// Whether a plant was found on its twin.
fn found(kind: PlantKind, twin: &Twin, scored: &ScoredArticle) -> bool {
    if kind == PlantKind::CopiedArticle {
        return scored
            .copies
            .iter()
            .any(|c| Some(c.as_str()) == twin.copy_of.as_deref());
    }
    scored.findings.iter().any(|f| {
        kind.categories().contains(&f.category)
            && f.points > 0.0
            && twin
                .spans
                .iter()
                .any(|s| f.span.start < s.end && s.start < f.span.end)
    })
}

/// Plants `options.per_kind` problems of each kind in the stories of `articles` and scores
/// every twin in its story.
pub fn plant_and_score(
    pipeline: &Pipeline,
    articles: &[Article],
    options: PlantOptions,
) -> PlantReport {
    let mut rng = Rng(options.seed);
    let analyses = pipeline.analyse(articles);
    let stories: Vec<Story> = pipeline
        .stories(articles, &analyses, Grouping::Directory)
        .into_iter()
        .filter(|s| s.members.len() >= 3)
        .collect();
    let totals = story_totals(pipeline, articles, &analyses, &stories);
    // Each story's clean scores, computed once and compared with every twin planted in it.
    let mut clean_scores: Vec<Option<Vec<ScoredArticle>>> = vec![None; stories.len()];
    let mut plantings = Vec::new();
    let mut unjudged: Vec<(PlantKind, usize)> = Vec::new();
    for kind in PlantKind::ALL {
        let eligible: Vec<usize> = (0..stories.len())
            .filter(|&s| kind != PlantKind::ScaledTotal || !totals[s].is_empty())
            .collect();
        if eligible.is_empty() {
            continue;
        }
        let mut attempts = 0;
        let mut done = 0;
        let mut not_assessable = 0;
        while done < options.per_kind && attempts < options.per_kind * 5 {
            attempts += 1;
            let s = *rng.pick(&eligible);
            let story = &stories[s];
            let target = *rng.pick(&story.members);
            let Some(twin) = plant(
                kind, &mut rng, pipeline, articles, story, target, &totals[s],
            ) else {
                continue;
            };
            let mut batch: Vec<Article> =
                story.members.iter().map(|&i| articles[i].clone()).collect();
            let clean = clean_scores[s].get_or_insert_with(|| pipeline.score_articles(&batch));
            let clean_target = clean.iter().find(|a| a.id == articles[target].id);
            let clean_score = clean_target.map(|a| a.score);
            let twin_id = twin.article.id.clone();
            if kind == PlantKind::CopiedArticle {
                batch.push(twin.article.clone());
            } else if let Some(slot) = batch.iter_mut().find(|a| a.id == articles[target].id) {
                *slot = twin.article.clone();
            }
            for a in &mut batch {
                a.story = Some(story.key.clone());
            }
            let scored = pipeline.score_articles(&batch);
            let Some(twin_scored) = scored.iter().find(|a| a.id == twin_id) else {
                continue;
            };
            // Unsupported figures are judged only where another article shares the subject:
            // a plant the rule cannot judge measures nothing (the report counts it apart).
            if kind == PlantKind::UnsupportedParagraph
                && twin_scored.notes.iter().any(|n| n.code == "CR101")
            {
                not_assessable += 1;
                continue;
            }
            done += 1;
            let drop = match (kind, clean_score) {
                (PlantKind::CopiedArticle, _) | (_, None) => None,
                (_, Some(c)) => Some(((c - twin_scored.score) * 100.0).round() / 100.0),
            };
            plantings.push(Planting {
                kind,
                article: articles[target].id.clone(),
                planted: twin.planted.clone(),
                found: found(kind, &twin, twin_scored),
                drop,
            });
        }
        unjudged.push((kind, not_assessable));
    }
    let kinds = PlantKind::ALL
        .iter()
        .filter_map(|&kind| {
            let skipped = unjudged
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(0, |(_, n)| *n);
            summarise(kind, &plantings, skipped)
        })
        .collect();
    PlantReport {
        seed: options.seed,
        kinds,
        plantings,
    }
}

fn summarise(
    kind: PlantKind,
    plantings: &[Planting],
    not_assessable: usize,
) -> Option<KindSummary> {
    let of_kind: Vec<&Planting> = plantings.iter().filter(|p| p.kind == kind).collect();
    if of_kind.is_empty() {
        return None;
    }
    let found = of_kind.iter().filter(|p| p.found).count();
    let mut drops: Vec<f64> = of_kind.iter().filter_map(|p| p.drop).collect();
    drops.sort_by(f64::total_cmp);
    let median_drop = (!drops.is_empty()).then(|| drops[drops.len() / 2]);
    let min_drop_when_found = of_kind
        .iter()
        .filter(|p| p.found)
        .filter_map(|p| p.drop)
        .min_by(f64::total_cmp);
    Some(KindSummary {
        kind,
        plantings: of_kind.len(),
        not_assessable,
        found,
        recall: found as f64 / of_kind.len() as f64,
        median_drop,
        min_drop_when_found,
    })
}

/// Contradiction, consensus and plausibility findings on articles taken to be clean: each
/// one is a false alarm.
#[derive(Debug, Clone, Serialize)]
pub struct FalseAlarms {
    pub articles: usize,
    pub findings: usize,
    pub per_article: f64,
    /// Rule code → findings.
    pub by_rule: Vec<(String, usize)>,
}

pub fn false_alarms(scored: &[ScoredArticle]) -> FalseAlarms {
    let serious = [
        Category::Contradiction,
        Category::Consensus,
        Category::Plausibility,
    ];
    let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
    for f in scored.iter().flat_map(|a| &a.findings) {
        if serious.contains(&f.category) && f.waived.is_none() {
            *by_rule.entry(f.code.clone()).or_insert(0) += 1;
        }
    }
    let findings = by_rule.values().sum();
    FalseAlarms {
        articles: scored.len(),
        findings,
        per_article: findings as f64 / scored.len().max(1) as f64,
        by_rule: by_rule.into_iter().collect(),
    }
}
