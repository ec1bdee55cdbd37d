//! The report as one self-contained HTML page: the ranked table (sortable, filterable), each
//! story's consensus figures with the outlets that agree and those that do not, the outlet
//! roll-up with a chart of scores, and every article's text with its findings' spans
//! highlighted. No network: the style and the script are inline, and a content security
//! policy lets only the page's own script run. Article text is always escaped.

mod chart;
mod highlight;

use crate::config::Category;
use crate::ingest::{Article, InputError};
use crate::outlets::OutletSummary;
use crate::score::{Report, ScoredArticle, StorySummary};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::{BTreeSet, HashMap};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// A span longer than this (in bytes) is drawn as a faint underline, not a highlight: a
/// finding about a whole passage should not hide the figures inside it.
const WIDE_SPAN: usize = 400;

/// What the page shows besides the report itself.
pub struct HtmlPage<'a> {
    /// The report: its articles (already filtered and ordered), stories and failed inputs.
    pub report: &'a Report,
    /// The articles as read, for their texts (matched to the report by id and path).
    pub texts: &'a [Article],
    /// The per-outlet roll-up of the report's articles.
    pub outlets: &'a [OutletSummary],
    /// Outlets with fewer articles get no level (as in the roll-up).
    pub min_sample: usize,
    /// Each outlet's trend from the score history, when the run recorded into one.
    pub trends: &'a [crate::history::OutletTrend],
    /// The line under the heading: what was scored, with which rules.
    pub subtitle: String,
}

/// The whole page. `nonce` lets the page's own script run under its content security
/// policy; give a fresh unpredictable value for each page.
pub fn score_html(page: &HtmlPage, nonce: &str) -> String {
    let articles = &page.report.articles;
    let texts: HashMap<(&str, Option<&str>), &Article> = page
        .texts
        .iter()
        .map(|a| ((a.id.as_str(), a.path.as_deref()), a))
        .collect();
    let index = ArticleIndex::new(articles);
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'"
    );
    let stories: Vec<&StorySummary> = page
        .report
        .stories
        .iter()
        .filter(|s| {
            s.articles
                .iter()
                .any(|id| index.rank.contains_key(id.as_str()))
        })
        .collect();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "credence report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "credence report" }
                    p.summary { (page.subtitle) }
                    nav {
                        a href="#articles" { "Articles" }
                        a href="#stories" { "Stories" }
                        a href="#outlets" { "Outlets" }
                        a href="#texts" { "Texts" }
                        @if !page.report.errors.is_empty() { a href="#errors" { "Not scored" } }
                    }
                    (legend())
                }
                section #articles {
                    h2 { "Articles, lowest score first" }
                    @if articles.is_empty() {
                        p { "No articles match." }
                    } @else {
                        (filters(articles))
                        (ranked_table(articles))
                    }
                }
                section #stories {
                    h2 { "Stories and their consensus figures" }
                    @if stories.is_empty() { p.muted { "No stories." } }
                    @for story in &stories { (story_section(story, &index)) }
                }
                section #outlets {
                    h2 { "Outlets" }
                    (outlet_table(page.outlets, articles, page.min_sample, page.trends))
                }
                section #texts {
                    h2 { "Articles with their findings" }
                    @for (rank, a) in articles.iter().enumerate() {
                        (article_section(rank, a, texts.get(&(a.id.as_str(), a.path.as_deref())).copied()))
                    }
                }
                @if !page.report.errors.is_empty() {
                    section #errors {
                        h2 { "Inputs not scored" }
                        ul { @for e in &page.report.errors { li { (error_line(e)) } } }
                    }
                }
                script nonce=(nonce) { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// Where each article of the report stands, by id: its rank and the outlet shown for it.
struct ArticleIndex<'a> {
    articles: &'a [ScoredArticle],
    rank: HashMap<&'a str, usize>,
    outlet: HashMap<&'a str, &'a str>,
}

impl<'a> ArticleIndex<'a> {
    fn new(articles: &'a [ScoredArticle]) -> ArticleIndex<'a> {
        ArticleIndex {
            articles,
            rank: articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect(),
            outlet: articles
                .iter()
                .map(|a| (a.id.as_str(), outlet_name(a)))
                .collect(),
        }
    }

    /// The article's outlet (its id when the outlet is unknown), linked to its text when it
    /// is in the report.
    fn link(&self, id: &str) -> Markup {
        let name = self
            .outlet
            .get(id)
            .copied()
            .filter(|&o| o != crate::outlets::UNKNOWN)
            .unwrap_or(id);
        match self.rank.get(id) {
            Some(rank) => html! { a href={ "#" (doc_id(*rank)) } title=(id) { (name) } },
            None => html! { span title=(id) { (name) } },
        }
    }
}

fn doc_id(rank: usize) -> String {
    format!("doc-{rank}")
}

fn outlet_name(a: &ScoredArticle) -> &str {
    a.source.as_deref().unwrap_or(crate::outlets::UNKNOWN)
}

fn title_of(a: &ScoredArticle) -> &str {
    a.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&a.id)
}

/// A level as a CSS class: letters, digits and dashes only.
fn level_class(level: &str) -> String {
    let name: String = level
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("level level-{name}")
}

fn category_class(c: Category) -> String {
    format!("cat-{}", c.as_str())
}

/// Points as an editor reads them: a loss with a minus sign, a credit with a plus.
fn points(p: f64) -> String {
    if p > 0.0 {
        format!("−{p:.2}")
    } else if p < 0.0 {
        format!("+{:.2}", -p)
    } else {
        "0".into()
    }
}

/// A category's short label in the legend and the table's head.
fn category_label(c: Category) -> &'static str {
    match c {
        Category::Evidence => "credits",
        other => other.as_str(),
    }
}

fn legend() -> Markup {
    html! {
        p.legend {
            @for c in Category::ALL {
                span class=(category_class(c)) { span.swatch {} (category_label(c)) }
            }
        }
    }
}

fn filters(articles: &[ScoredArticle]) -> Markup {
    let distinct = |f: &dyn Fn(&ScoredArticle) -> &str| -> BTreeSet<String> {
        articles.iter().map(|a| f(a).to_string()).collect()
    };
    let levels = distinct(&|a| a.level.as_str());
    let outlets = distinct(&|a| outlet_name(a));
    let stories = distinct(&|a| a.story.as_str());
    let select = |key: &str, label: &str, values: Vec<String>| {
        html! {
            label {
                (label) " "
                select data-filter=(key) {
                    option value="" { "any" }
                    @for v in &values { option value=(v) { (v) } }
                }
            }
        }
    };
    html! {
        div.filters {
            (select("category", "category", Category::ALL.iter().map(|c| c.as_str().to_string()).collect()))
            (select("level", "level", levels.into_iter().collect()))
            (select("outlet", "outlet", outlets.into_iter().collect()))
            (select("story", "story", stories.into_iter().collect()))
            span #shown.muted {}
        }
    }
}

fn sort_head(label: &str, key: &str, numeric: bool, first_desc: bool) -> Markup {
    html! {
        th class=[numeric.then_some("num")] {
            button type="button" data-sort=(key) data-type=(if numeric { "num" } else { "text" })
                data-first=(if first_desc { "desc" } else { "asc" }) { (label) }
        }
    }
}

fn ranked_table(articles: &[ScoredArticle]) -> Markup {
    html! {
        table #ranked {
            thead {
                tr {
                    (sort_head("#", "rank", true, false))
                    (sort_head("score", "score", true, false))
                    (sort_head("level", "score", true, false))
                    (sort_head("article", "title", false, false))
                    (sort_head("outlet", "outlet", false, false))
                    (sort_head("story", "story", false, false))
                    (sort_head("published", "published", false, true))
                    th { "findings" }
                    th { "top reason" }
                }
            }
            tbody {
                @for (rank, a) in articles.iter().enumerate() {
                    @let categories: Vec<&str> = Category::ALL.iter().filter(|c| a.count(**c) > 0).map(|c| c.as_str()).collect();
                    tr data-rank=(rank) data-score=(format!("{:.2}", a.score)) data-level=(a.level)
                        data-title=(title_of(a)) data-outlet=(outlet_name(a)) data-story=(a.story)
                        data-published=(a.published.map(|d| d.to_string()).unwrap_or_default())
                        data-categories=(categories.join(" ")) data-target=(doc_id(rank)) {
                        td.num { (rank + 1) }
                        td.num { (format!("{:.1}", a.score)) }
                        td { span class=(level_class(&a.level)) { (a.level) } }
                        td { a href={ "#" (doc_id(rank)) } { (title_of(a)) } }
                        td {
                            (outlet_name(a))
                            @if let Some(how) = a.source_inferred { " " span.muted { "(from " (how) ")" } }
                        }
                        td { (a.story) }
                        td {
                            @if let Some(d) = a.published { (d.to_string()) @if a.published_inferred { "*" } }
                        }
                        td {
                            @for c in Category::ALL {
                                @let n = a.count(c);
                                @if n > 0 {
                                    span class={ "count " (category_class(c)) } title=(category_label(c)) { (n) } " "
                                }
                            }
                        }
                        td {
                            @if let Some((code, name, hits, total)) = super::table::costliest_rule(a) {
                                (code) " " (name)
                                @if hits > 1 { " ×" (hits) }
                                " (" (points(total)) ")"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A consensus key as prose: `deaths`, or `count of the deaths`.
fn key_label(key: &str) -> String {
    key.replace(':', " of the ")
}

/// The articles of a story whose figure on `key` the consensus rule found out of line,
/// with the figure as written and how far off it is.
fn dissenters<'a>(
    story: &StorySummary,
    key: &str,
    index: &ArticleIndex<'a>,
    articles: &'a [ScoredArticle],
) -> Vec<(&'a str, String)> {
    story
        .articles
        .iter()
        .filter_map(|id| index.rank.get(id.as_str()).map(|&r| &articles[r]))
        .flat_map(|a| {
            a.findings
                .iter()
                .filter(|f| f.category == Category::Consensus)
                .filter(|f| f.evidence.get("aligned_on").and_then(|k| k.as_str()) == Some(key))
                .map(move |f| {
                    let figure = f.evidence["claim"]["text"]
                        .as_str()
                        .unwrap_or("")
                        .to_string();
                    let off = f.evidence["deviation"].as_str().unwrap_or("");
                    (a.id.as_str(), format!("{figure} ({off} off)"))
                })
        })
        .collect()
}

fn story_section(story: &StorySummary, index: &ArticleIndex) -> Markup {
    // Dissent is read from the findings of the story's articles in the report.
    let articles = index.articles;
    html! {
        h3 { (story.key) }
        p.muted {
            (super::counted(story.articles.len(), "article")) ": "
            @for (i, id) in story.articles.iter().enumerate() {
                @if i > 0 { ", " }
                (index.link(id))
            }
        }
        @if story.consensus.is_empty() {
            p.muted { "No figure is reported by two or more independent outlets." }
        } @else {
            table.consensus {
                thead { tr { th { "figure" } th { "consensus" } th.num { "outlets" } th { "agree" } th { "out of line" } } }
                tbody {
                    @for c in &story.consensus {
                        @let out = dissenters(story, &c.key, index, articles);
                        tr {
                            td { (key_label(&c.key)) }
                            td { (c.display()) }
                            td.num { (c.sources) }
                            td.agree {
                                @for (i, id) in c.articles.iter().filter(|id| !out.iter().any(|(o, _)| o == id)).enumerate() {
                                    @if i > 0 { ", " }
                                    (index.link(id))
                                }
                            }
                            td.disagree {
                                @for (i, (id, figure)) in out.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (index.link(id)) ": " (figure)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn outlet_table(
    outlets: &[OutletSummary],
    articles: &[ScoredArticle],
    min_sample: usize,
    trends: &[crate::history::OutletTrend],
) -> Markup {
    let trend_of = |outlet: &str| trends.iter().find(|t| t.outlet == outlet);
    let mut scores: HashMap<&str, Vec<(&ScoredArticle, usize)>> = HashMap::new();
    for (rank, a) in articles.iter().enumerate() {
        scores.entry(outlet_name(a)).or_default().push((a, rank));
    }
    html! {
        @if outlets.is_empty() {
            p.muted { "No outlets." }
        } @else {
            table.outlets {
                thead {
                    tr {
                        th { "outlet" } th.num { "articles" } th.num { "mean" }
                        th.num { "shrunk mean" } th { "90% interval" } th { "level" }
                        th { "scores (0–100)" }
                        @if !trends.is_empty() { th { "median by week (history)" } }
                        th { "most frequent reasons" }
                    }
                }
                tbody {
                    @for o in outlets {
                        tr {
                            td { (o.source) }
                            td.num { (o.articles) }
                            td.num { (format!("{:.1}", o.mean)) }
                            td.num { (format!("{:.1}", o.shrunk)) }
                            td { (format!("{:.1}–{:.1}", o.low, o.high)) }
                            td {
                                @match &o.level {
                                    Some(level) => span class=(level_class(level)) { (level) },
                                    None => span.muted { "fewer than " (min_sample) },
                                }
                            }
                            td { (chart::outlet_chart(o, scores.get(o.source.as_str()).map(Vec::as_slice).unwrap_or(&[]))) }
                            @if !trends.is_empty() {
                                td { @if let Some(t) = trend_of(&o.source) { (chart::trend_chart(t)) } }
                            }
                            td {
                                @for (i, (code, name, hits)) in o.top_reasons.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (code) " " (name) " ×" (hits)
                                }
                            }
                        }
                    }
                }
            }
            p.muted { "Means shrunk towards the batch mean by empirical Bayes: an outlet with few articles says little on its own." }
        }
    }
}

fn article_section(rank: usize, a: &ScoredArticle, text: Option<&Article>) -> Markup {
    let id = doc_id(rank);
    html! {
        article.doc id=(id) data-id=(a.id) {
            h3 { (rank + 1) ". " (title_of(a)) }
            p.muted {
                (outlet_name(a))
                @if let Some(how) = a.source_inferred { " (from " (how) ")" }
                " · story " (a.story)
                @if let Some(d) = a.published { " · " (d.to_string()) @if a.published_inferred { " (from the text)" } }
                @if let Some(url) = &a.url { " · " (url) }
                @if let Some(path) = &a.path { " · " (path) }
                " · " (a.words) " words"
            }
            p {
                "score " strong { (format!("{:.1}", a.score)) } " "
                span class=(level_class(&a.level)) { (a.level) }
                span.muted { (format!(" = 100 − {:.2} owed before any evidence − the findings' points (credits add theirs back)", a.baseline)) }
            }
            @if !a.copies.is_empty() {
                p.muted { "Near-duplicates (counted as one outlet): " (a.copies.join(", ")) }
            }
            div.doc-body {
                div {
                    @if let Some(text) = text { (highlighted(&id, a, text)) }
                    @else { p.muted { "(the text was not kept)" } }
                }
                div {
                    @if a.findings.is_empty() {
                        p.muted { "No findings." }
                    } @else {
                        (finding_list(&id, a, |f| f.points != 0.0))
                        @let zero = a.findings.iter().filter(|f| f.points == 0.0).count();
                        @if zero > 0 {
                            details {
                                summary.muted { (super::counted(zero, "finding")) " worth no points (waived, or past the rule's cap)" }
                                (finding_list(&id, a, |f| f.points == 0.0))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The article's findings that `keep` admits, each linked to its place in the text.
fn finding_list(
    doc: &str,
    a: &ScoredArticle,
    keep: impl Fn(&crate::rules::Finding) -> bool,
) -> Markup {
    html! {
        ol.findings {
            @for (i, f) in a.findings.iter().enumerate().filter(|(_, f)| keep(f)) {
                li class={ (category_class(f.category)) @if f.waived.is_some() { " waived" } } {
                    a href={ "#" (anchor(doc, i)) } {
                        span.points { (points(f.points)) } " " (f.code) " " (f.rule)
                    }
                    " — " (f.message)
                    span.muted { " (line " (f.line) ")" }
                    @if let Some(reason) = &f.waived { span.muted { " waived: " (reason) } }
                }
            }
        }
    }
}

fn anchor(doc: &str, finding: usize) -> String {
    format!("{doc}-f{finding}")
}

/// The tooltip of a highlighted piece: each covering finding's points, rule and message.
fn piece_title(a: &ScoredArticle, findings: &[usize]) -> String {
    findings
        .iter()
        .map(|&i| {
            let f = &a.findings[i];
            let waived = if f.waived.is_some() { " (waived)" } else { "" };
            format!(
                "{} {} {}{waived}: {}",
                points(f.points),
                f.code,
                f.rule,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The article's text with each finding's span marked in its category's colour. Where
/// spans overlap, the narrowest sets the colour and the tooltip lists them all.
fn highlighted(doc: &str, a: &ScoredArticle, read: &Article) -> Markup {
    let spans: Vec<(usize, crate::text::Span)> = a
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f.span))
        .collect();
    let pieces = highlight::pieces(&read.text, read.body_start, &spans);
    let width = |i: usize| a.findings[i].span.end - a.findings[i].span.start;
    html! {
        div.text {
            @for p in &pieces {
                @for &i in p.findings.iter().filter(|&&i| a.findings[i].span.start == p.start) {
                    span id=(anchor(doc, i)) {}
                }
                @match p.findings.iter().copied().min_by_key(|&i| width(i)) {
                    None => (p.text),
                    Some(first) => {
                        @let f = &a.findings[first];
                        mark class={
                            (category_class(f.category))
                            @if width(first) > WIDE_SPAN { " wide" }
                            @if f.waived.is_some() { " waived" }
                        } data-f=(p.findings.iter().map(usize::to_string).collect::<Vec<_>>().join(" "))
                            title=(piece_title(a, &p.findings)) { (p.text) }
                    }
                }
            }
        }
    }
}

fn error_line(e: &InputError) -> String {
    e.to_string()
}
