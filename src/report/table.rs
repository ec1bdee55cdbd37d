//! Tables for editors: the ranked score table and the rule list.

use super::printable::{cell, printable};
use crate::ScoredArticle;
use crate::config::Category;
use tabled::settings::{Style, Width, object::Columns, peaker::PriorityMax};
use tabled::{Table, Tabled};

#[derive(Tabled)]
struct ScoreRow {
    #[tabled(rename = "#")]
    rank: usize,
    score: String,
    level: String,
    article: String,
    source: String,
    published: String,
    /// Findings per category: unsupported, contradiction, consensus, plausibility,
    /// sourcing, style.
    #[tabled(rename = "U")]
    unsupported: String,
    #[tabled(rename = "C")]
    contradiction: String,
    #[tabled(rename = "N")]
    consensus: String,
    #[tabled(rename = "P")]
    plausibility: String,
    #[tabled(rename = "S")]
    sourcing: String,
    #[tabled(rename = "Y")]
    style: String,
    /// Credits: evidence a reader can check.
    #[tabled(rename = "E")]
    evidence: String,
    #[tabled(rename = "top reason")]
    reason: String,
}

fn trim(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn paint(level: &str, color: bool) -> String {
    if !color {
        return level.to_string();
    }
    let code = match level {
        "high" => "32",
        "medium" => "36",
        "low" => "33",
        _ => "31",
    };
    format!("\x1b[{code}m{level}\x1b[0m")
}

fn count(a: &ScoredArticle, c: Category) -> String {
    match a.count(c) {
        0 => String::new(),
        n => n.to_string(),
    }
}

/// The code of the note on an article in a language the rules do not read.
pub(crate) const LANGUAGE_NOTE: &str = "LANG";

/// The legend printed under a score table.
/// Under a table that marks an article's genre.
pub const GENRE_NOTE: &str = "[opinion] [review] [satire]: the URL, title or byline says so; not news, though scored as news";

pub const LEGEND: &str = "U unsupported · C contradiction · N consensus · P plausibility · S sourcing · Y style · E evidence (credits)";

/// How a table is drawn: in colour or not, as Markdown or for a terminal, and the width to
/// fit (`None`: as wide as its cells need).
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    pub color: bool,
    pub markdown: bool,
    pub width: Option<usize>,
}

/// Widths of the compact table's findings and reason text, and what its columns other than
/// the article's take with their padding and borders.
const COMPACT_FINDINGS: usize = 12;
const COMPACT_REASON: usize = 20;
const COMPACT_FIXED: usize = 5 + 7 + 10 + (COMPACT_FINDINGS + 2) + (COMPACT_REASON + 2) + 7 + 2;

/// Lines of at most `width` characters, broken between words (a longer word is cut).
pub(crate) fn wrap_words(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = 0;
        if !out.is_empty() {
            out.push('\n');
        }
        for word in paragraph.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            if line > 0 && line + 1 + word.len() > width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            while word.len() > width {
                let rest = word.split_off(width);
                out.extend(word);
                out.push('\n');
                word = rest;
            }
            line += word.len();
            out.extend(word);
        }
    }
    out
}

/// The narrowest table drawn: a terminal narrower than this gets this width and wraps.
const MIN_WIDTH: usize = 40;

#[derive(Tabled)]
struct CompactRow {
    #[tabled(rename = "#")]
    rank: usize,
    score: String,
    level: String,
    article: String,
    findings: String,
    #[tabled(rename = "top reason")]
    reason: String,
}

/// Fits a drawn table to `width` columns: the widest columns wrap first.
fn fit(table: &mut Table, width: Option<usize>) {
    if let Some(width) = width {
        table.with(
            Width::wrap(width.max(MIN_WIDTH))
                // Whole words where the width allows; a narrow terminal breaks them.
                .keep_words(width >= 80)
                .priority(PriorityMax::right()),
        );
    }
}

/// The rule that cost the article most over all its hits: its code, name, hits and total
/// points; a tie goes to the rule of the heaviest single finding.
pub(crate) fn costliest_rule(a: &ScoredArticle) -> Option<(&str, &str, usize, f64)> {
    // Per rule, in the order the findings come (heaviest first, credits last).
    let mut rules: Vec<(&str, &str, usize, f64)> = Vec::new();
    for f in a
        .findings
        .iter()
        .filter(|f| f.waived.is_none() && f.points > 0.0)
    {
        match rules.iter_mut().find(|r| r.0 == f.code) {
            Some(r) => {
                r.2 += 1;
                r.3 += f.points;
            }
            None => rules.push((&f.code, &f.rule, 1, f.points)),
        }
    }
    rules
        .iter()
        .rev()
        .max_by(|x, y| x.3.total_cmp(&y.3))
        .copied()
}

/// The costliest rule as "CODE name ×n (−points)"; "not assessed (de)" for an article in a
/// language the rules do not read; "—" when nothing was taken off.
fn top_reason(a: &ScoredArticle) -> String {
    let Some((code, rule, n, total)) = costliest_rule(a) else {
        if a.notes.iter().any(|n| n.code == LANGUAGE_NOTE) {
            return format!("not assessed ({})", a.language);
        }
        return "—".into();
    };
    let times = if n > 1 {
        format!(" ×{n}")
    } else {
        String::new()
    };
    format!("{code} {rule}{times} (−{total:.1})")
}

/// The per-category counts in one cell: "U2 C1 S3 E4".
fn counts_cell(a: &ScoredArticle) -> String {
    let letters = [
        ("U", Category::Unsupported),
        ("C", Category::Contradiction),
        ("N", Category::Consensus),
        ("P", Category::Plausibility),
        ("S", Category::Sourcing),
        ("Y", Category::Style),
        ("E", Category::Evidence),
    ];
    let cell: Vec<String> = letters
        .iter()
        .filter_map(|&(l, c)| match a.count(c) {
            0 => None,
            n => Some(format!("{l}{n}")),
        })
        .collect();
    if cell.is_empty() {
        "—".into()
    } else {
        cell.join(" ")
    }
}

/// Columns a drawn table takes on a terminal: its widest line, colour codes not counted.
fn shown_width(table: &str) -> usize {
    table
        .lines()
        .map(|line| {
            let mut n = 0;
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    // An SGR sequence: ESC [ parameters m.
                    for d in chars.by_ref() {
                        if d.is_ascii_alphabetic() {
                            break;
                        }
                    }
                } else {
                    n += 1;
                }
            }
            n
        })
        .max()
        .unwrap_or(0)
}

/// The ranked table in the order given; `top` keeps only the first N rows. When the full
/// table is wider than the layout's width, a compact one: no outlet, date or per-category
/// columns but one cell of counts, titles cut, reasons wrapped.
pub fn render_score_table(
    articles: &[ScoredArticle],
    top: Option<usize>,
    layout: Layout,
) -> String {
    full_or_compact(layout, |compact| {
        draw_score_table(articles, top, layout, compact)
    })
}

/// The full table, or the compact one when the full one is wider than the layout allows
/// (never for Markdown, which has no width).
fn full_or_compact(layout: Layout, draw: impl Fn(bool) -> String) -> String {
    let full = draw(false);
    match layout.width {
        Some(w) if !layout.markdown && shown_width(&full) > w => draw(true),
        _ => full,
    }
}

fn draw_score_table(
    articles: &[ScoredArticle],
    top: Option<usize>,
    layout: Layout,
    compact: bool,
) -> String {
    let Layout {
        color, markdown, ..
    } = layout;
    // Markdown cells cannot hold line breaks; "<br>" renders as one in chats and wikis.
    let sep = if markdown { "<br>" } else { "\n" };
    let shown = articles.iter().take(top.unwrap_or(usize::MAX)).enumerate();
    let reason_of = |a: &ScoredArticle| {
        let mut reason = top_reason(a);
        // A waived finding stays visible: the editor's reason is in the JSON.
        let waived = a.findings.iter().filter(|f| f.waived.is_some()).count();
        if waived > 0 {
            reason.push_str(&format!("{sep}({waived} waived)"));
        }
        reason
    };
    // In the compact table the article's title and id are cut to what the other columns
    // leave, rather than wrapped mid-word.
    let longest = match layout.width {
        Some(w) if compact => w.saturating_sub(COMPACT_FIXED).max(12),
        _ => 50,
    };
    let article_of = |a: &ScoredArticle| {
        let id = if compact {
            cell(&trim(&a.id, longest), markdown)
        } else {
            cell(&a.id, markdown)
        };
        // Not news: said beside the id, explained under the table.
        let id = match a.genre {
            Some(genre) => format!("{id} [{}]", genre.as_str()),
            None => id,
        };
        match a.title.as_deref() {
            Some(title) => format!("{}{sep}{id}", cell(&trim(title, longest), markdown)),
            None => id,
        }
    };
    let mut table = if compact {
        Table::new(shown.map(|(i, a)| CompactRow {
            rank: i + 1,
            score: format!("{:.1}", a.score),
            level: paint(&a.level, color),
            article: article_of(a),
            findings: wrap_words(&counts_cell(a), COMPACT_FINDINGS),
            reason: wrap_words(&reason_of(a), COMPACT_REASON),
        }))
    } else {
        Table::new(shown.map(|(i, a)| {
            ScoreRow {
                rank: i + 1,
                score: format!("{:.1}", a.score),
                level: paint(&a.level, color),
                article: article_of(a),
                source: a.source.as_deref().map_or_else(
                    || "—".into(),
                    |s| match a.source_inferred {
                        // Read from the article, not given: say from where.
                        Some(from) => format!("{}{sep}(from {from})", cell(s, markdown)),
                        None => cell(s, markdown),
                    },
                ),
                published: a.published.map_or("—".into(), |d| {
                    if a.published_inferred {
                        format!("{d}*")
                    } else {
                        d.to_string()
                    }
                }),
                unsupported: count(a, Category::Unsupported),
                contradiction: count(a, Category::Contradiction),
                consensus: count(a, Category::Consensus),
                plausibility: count(a, Category::Plausibility),
                sourcing: count(a, Category::Sourcing),
                style: count(a, Category::Style),
                evidence: count(a, Category::Evidence),
                reason: reason_of(a),
            }
        }))
    };
    if markdown {
        table.with(Style::markdown());
        return table.to_string();
    }
    table.with(Style::rounded());
    table.modify(Columns::new(3..4), Width::wrap(52));
    if compact {
        fit(&mut table, layout.width);
    }
    table.to_string()
}

#[derive(Tabled)]
struct OutletRow {
    #[tabled(rename = "#")]
    rank: usize,
    source: String,
    articles: usize,
    #[tabled(rename = "score (shrunk)")]
    shrunk: String,
    #[tabled(rename = "90% interval")]
    interval: String,
    mean: String,
    level: String,
    #[tabled(rename = "frequent reasons")]
    reasons: String,
}

/// The outlet roll-up table.
pub fn render_outlets(
    outlets: &[crate::outlets::OutletSummary],
    min_sample: usize,
    layout: Layout,
) -> String {
    full_or_compact(layout, |compact| {
        draw_outlets(outlets, min_sample, layout, compact)
    })
}

fn draw_outlets(
    outlets: &[crate::outlets::OutletSummary],
    min_sample: usize,
    layout: Layout,
    compact: bool,
) -> String {
    let markdown = layout.markdown;
    let sep = if markdown { "<br>" } else { "\n" };
    let level = |o: &crate::outlets::OutletSummary| {
        o.level.clone().unwrap_or_else(|| {
            if compact {
                format!("— (n<{min_sample})")
            } else {
                format!("— (<{min_sample} articles)")
            }
        })
    };
    let reasons = |o: &crate::outlets::OutletSummary, named: bool| {
        if o.top_reasons.is_empty() {
            return "—".to_string();
        }
        o.top_reasons
            .iter()
            .map(|(code, name, n)| {
                if named {
                    format!("{code} {name} ×{n}")
                } else {
                    format!("{code} ×{n}")
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let rows = outlets.iter().enumerate();
    let mut table = if compact {
        // On a narrow terminal: no mean, and reasons by code (`credence rules show CODE`).
        Table::new(rows.map(|(i, o)| CompactOutletRow {
            rank: i + 1,
            source: wrap_words(&cell(&o.source, markdown), 20),
            articles: o.articles,
            shrunk: format!("{:.1}", o.shrunk),
            interval: format!("{:.1}–{:.1}", o.low, o.high),
            level: level(o),
            reasons: reasons(o, false),
        }))
    } else {
        Table::new(rows.map(|(i, o)| OutletRow {
            rank: i + 1,
            source: cell(&o.source, markdown),
            articles: o.articles,
            shrunk: format!("{:.1}", o.shrunk),
            interval: format!("{:.1}–{:.1}", o.low, o.high),
            mean: format!("{:.1}", o.mean),
            level: level(o),
            reasons: reasons(o, true),
        }))
    };
    if markdown {
        table.with(Style::markdown());
    } else {
        table.with(Style::rounded());
        fit(&mut table, layout.width);
    }
    table.to_string()
}

#[derive(Tabled)]
struct CompactOutletRow {
    #[tabled(rename = "#")]
    rank: usize,
    source: String,
    #[tabled(rename = "n")]
    articles: usize,
    #[tabled(rename = "score")]
    shrunk: String,
    #[tabled(rename = "90%")]
    interval: String,
    level: String,
    reasons: String,
}

#[derive(Tabled)]
pub struct RuleRow {
    pub code: String,
    pub name: String,
    pub category: String,
    pub weight: String,
    pub enabled: String,
    pub kind: String,
}

pub fn render_rules_table(rows: Vec<RuleRow>) -> String {
    let mut table = Table::new(rows);
    table.with(Style::rounded());
    table.to_string()
}

#[derive(Tabled)]
struct ConsensusRow {
    #[tabled(rename = "aligned on")]
    key: String,
    consensus: String,
    spread: String,
    sources: usize,
    articles: usize,
}

/// Each story with its articles and consensus table.
pub fn render_stories(stories: &[crate::StorySummary]) -> String {
    use crate::stories::claims::Scale;
    let mut out = String::new();
    for s in stories {
        out.push_str(&format!(
            "story {} ({} articles)\n",
            printable(&s.key),
            s.articles.len()
        ));
        out.push_str(&format!(
            "  {}\n",
            printable(&trim(&s.articles.join(", "), 200))
        ));
        if s.consensus.is_empty() {
            out.push_str("  no figure is reported by two or more sources\n\n");
            continue;
        }
        let rows: Vec<ConsensusRow> = s
            .consensus
            .iter()
            .map(|c| ConsensusRow {
                key: c.key.clone(),
                consensus: c.display(),
                spread: match c.scale {
                    Scale::Ratio => format!("±{:.1}%", (c.spread.exp() - 1.0) * 100.0),
                    Scale::Days => format!("±{:.1} days", c.spread),
                },
                sources: c.sources,
                articles: c.articles.len(),
            })
            .collect();
        let mut table = Table::new(rows);
        table.with(Style::rounded());
        out.push_str(&table.to_string());
        out.push_str("\n\n");
    }
    out
}

#[derive(Tabled)]
struct LiftRow {
    code: String,
    rule: String,
    #[tabled(rename = "reliable articles hit")]
    reliable: usize,
    #[tabled(rename = "unreliable articles hit")]
    unreliable: usize,
    lift: String,
    verdict: String,
}

fn metric(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |v| format!("{v:.3}"))
}

/// Hits below which a rule gets no verdict: one hit against another says nothing.
const MIN_HITS_FOR_VERDICT: usize = 5;
/// Articles of each label below which the report warns that its figures are rough.
const SMALL_SAMPLE: usize = 30;

/// The eval report, and the comparison with a baseline when there is one.
pub fn render_eval(
    report: &crate::eval::EvalReport,
    baseline: Option<(&crate::eval::EvalReport, &[crate::eval::RankShift])>,
) -> String {
    let mut out = format!(
        "{} articles, {} labelled ({} reliable, {} unreliable)\nROC AUC {}   Spearman {}\n",
        report.articles,
        report.labelled,
        report.reliable,
        report.unreliable,
        metric(report.auc),
        metric(report.spearman)
    );
    if report.reliable.min(report.unreliable) < SMALL_SAMPLE {
        out.push_str(&format!(
            "warning: with fewer than {SMALL_SAMPLE} articles of each label, AUC and lifts are rough: a few articles can move them a long way\n"
        ));
    }
    if !report.missing.is_empty() {
        out.push_str(&format!(
            "labelled but not found: {}\n",
            report.missing.join(", ")
        ));
    }
    let rows: Vec<LiftRow> = report
        .rules
        .iter()
        .map(|r| LiftRow {
            code: r.code.clone(),
            rule: if r.credit {
                format!("{} (credit)", r.rule)
            } else {
                r.rule.clone()
            },
            reliable: r.reliable_hits,
            unreliable: r.unreliable_hits,
            lift: format!("{:.2}", r.lift),
            verdict: if r.reliable_hits + r.unreliable_hits < MIN_HITS_FOR_VERDICT {
                "too few hits".into()
            } else if r.lift >= 2.0 {
                "helps".into()
            } else if r.lift > 1.2 {
                "weak".into()
            } else {
                "noise".into()
            },
        })
        .collect();
    if !rows.is_empty() {
        let mut table = Table::new(rows);
        table.with(Style::rounded());
        out.push_str(&table.to_string());
        out.push('\n');
        out.push_str("lift: how much likelier a rule fires on an unreliable article than on a reliable one (for a credit, on a reliable one than on an unreliable one)\n");
    }
    if let Some((base, shifts)) = baseline {
        out.push_str(&format!(
            "\nbaseline: ROC AUC {} → {}   Spearman {} → {}\n",
            metric(base.auc),
            metric(report.auc),
            metric(base.spearman),
            metric(report.spearman)
        ));
        if shifts.is_empty() {
            out.push_str("no article changed rank or score\n");
        }
        for s in shifts.iter().take(10) {
            out.push_str(&format!(
                "  {:<24} rank {:>3} → {:<3} score {:>5.1} → {:.1}\n",
                s.id, s.before, s.after, s.score_before, s.score_after
            ));
        }
    }
    out
}

#[derive(Tabled)]
struct PlantRow {
    #[tabled(rename = "planted problem")]
    kind: String,
    plantings: usize,
    found: usize,
    recall: String,
    #[tabled(rename = "median drop")]
    median_drop: String,
    #[tabled(rename = "smallest drop when found")]
    min_drop: String,
    #[tabled(rename = "not assessable")]
    not_assessable: usize,
}

/// `eval --plant`: recall and score drops per kind, then the false alarms on the clean
/// articles and the plantings that were missed.
pub fn plant_table(
    planted: &crate::plant::PlantReport,
    alarms: &crate::plant::FalseAlarms,
) -> String {
    let points = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.1}"));
    let rows: Vec<PlantRow> = planted
        .kinds
        .iter()
        .map(|k| PlantRow {
            kind: k.kind.as_str().into(),
            plantings: k.plantings,
            found: k.found,
            recall: format!("{:.0}%", k.recall * 100.0),
            median_drop: points(k.median_drop),
            min_drop: points(k.min_drop_when_found),
            not_assessable: k.not_assessable,
        })
        .collect();
    let mut table = Table::new(rows);
    table.with(Style::rounded());
    let mut out = format!("planted problems (seed {})\n{table}\n", planted.seed);
    let by_rule: Vec<String> = alarms
        .by_rule
        .iter()
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    out.push_str(&format!(
        "false alarms on the clean articles: {} contradiction/consensus/plausibility findings on {} articles ({:.3} each){}\n",
        alarms.findings,
        alarms.articles,
        alarms.per_article,
        if by_rule.is_empty() {
            String::new()
        } else {
            format!(": {}", by_rule.join(", "))
        }
    ));
    let missed: Vec<&crate::plant::Planting> =
        planted.plantings.iter().filter(|p| !p.found).collect();
    if !missed.is_empty() {
        out.push_str("missed:\n");
        for p in missed.iter().take(20) {
            out.push_str(&format!(
                "  {} in {}: {}\n",
                p.kind.as_str(),
                p.article,
                p.planted
            ));
        }
    }
    out
}
