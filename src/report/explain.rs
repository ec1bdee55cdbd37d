//! `credence explain`: one article's findings drawn on its text, in the manner of rustc's
//! diagnostics: the rule, the points, the line with a caret under the span, the message and
//! the evidence, and a total that accounts for the score.

use super::printable::printable;
use crate::ScoredArticle;
use crate::rules::Finding;
use crate::text::LineIndex;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn red(&self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    fn blue(&self, s: &str) -> String {
        self.wrap("1;34", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// Characters of context shown either side of a span on a long line.
const CONTEXT: usize = 60;

/// Renders one scored article against its text.
pub fn render_explain(article: &ScoredArticle, text: &str, color: bool) -> String {
    let p = Paint { on: color };
    let lines = LineIndex::new(text);
    let mut out = String::new();
    let title = article.title.as_deref().unwrap_or(&article.id);
    out.push_str(&format!(
        "{} {}\n",
        p.bold(&format!("{:.1}", article.score)),
        p.bold(&format!("{} — {}", article.level, printable(title)))
    ));
    let mut meta = vec![format!("id {}", printable(&article.id))];
    if let Some(s) = &article.source {
        meta.push(format!("source {}", printable(s)));
    }
    if let Some(d) = article.published {
        meta.push(format!(
            "published {d}{}",
            if article.published_inferred {
                " (from the text)"
            } else {
                ""
            }
        ));
    }
    meta.push(format!("story {}", printable(&article.story)));
    meta.push(format!("{} words", article.words));
    out.push_str(&p.dim(&meta.join(" · ")));
    out.push_str("\n\n");
    let path = printable(article.path.as_deref().unwrap_or("-"));
    // In text order, so the article reads top to bottom.
    let mut findings: Vec<&Finding> = article.findings.iter().collect();
    findings.sort_by_key(|f| (f.span.start, f.code.clone()));
    let width = findings
        .iter()
        .map(|f| f.line.to_string().len())
        .max()
        .unwrap_or(1);
    for f in &findings {
        let points = match &f.waived {
            Some(_) => "waived".to_string(),
            None if f.points < 0.0 => format!("+{:.2}", -f.points),
            None if f.points == 0.0 => "0.00 (a note)".to_string(),
            None => format!("−{:.2}", f.points),
        };
        out.push_str(&format!(
            "{}{} {} {}\n",
            p.red(&format!("{}[{}]", f.category.as_str(), f.code)),
            p.bold(&format!(": {}", printable(&f.message))),
            p.dim("·"),
            p.bold(&points)
        ));
        out.push_str(&format!(
            "{}{} {}:{}:{}\n",
            " ".repeat(width),
            p.blue("-->"),
            path,
            f.line,
            f.column
        ));
        out.push_str(&format!("{} {}\n", " ".repeat(width), p.blue("|")));
        let (line_text, caret_at, caret_len) = line_window(text, &lines, f);
        out.push_str(&format!(
            "{} {} {}\n",
            p.blue(&format!("{:>width$}", f.line)),
            p.blue("|"),
            printable(&line_text)
        ));
        out.push_str(&format!(
            "{} {} {}{} {}\n",
            " ".repeat(width),
            p.blue("|"),
            " ".repeat(caret_at),
            p.red(&"^".repeat(caret_len.max(1))),
            p.red(&f.rule)
        ));
        for (k, v) in evidence_lines(&f.evidence) {
            out.push_str(&format!(
                "{} {} {k}: {}\n",
                " ".repeat(width),
                p.blue("="),
                printable(&v)
            ));
        }
        if let Some(why) = &f.waived {
            out.push_str(&format!(
                "{} {} waived: {why}\n",
                " ".repeat(width),
                p.blue("=")
            ));
        }
        out.push('\n');
    }
    // A sum of no floats is −0.0; adding 0.0 keeps "−0.00" out of the total line.
    let debits: f64 = article
        .findings
        .iter()
        .map(|f| f.points)
        .filter(|p| *p > 0.0)
        .sum::<f64>()
        + 0.0;
    let credits: f64 = 0.0
        - article
            .findings
            .iter()
            .map(|f| f.points)
            .filter(|p| *p < 0.0)
            .sum::<f64>();
    let credit_count = article
        .findings
        .iter()
        .filter(|f| f.category == crate::config::Category::Evidence)
        .count();
    let debit_count = article.findings.len() - credit_count;
    let waived = article
        .findings
        .iter()
        .filter(|f| f.waived.is_some())
        .count();
    out.push_str(&format!(
        "{} = 100 − {:.2} owed − {:.2} for {} finding{}{} + {:.2} for {} credit{}\n",
        p.bold(&format!("score {:.2}", article.score)),
        article.baseline,
        debits,
        debit_count,
        if debit_count == 1 { "" } else { "s" },
        if waived > 0 {
            format!(" ({waived} waived)")
        } else {
            String::new()
        },
        credits,
        credit_count,
        if credit_count == 1 { "" } else { "s" },
    ));
    if article.baseline > 0.0 {
        out.push_str(&p.dim(
            "owed: what every article starts without, until evidence a reader can check (named sources, quoted speakers, dated events) earns it back\n",
        ));
    }
    if !article.corroborated.is_empty() {
        out.push_str(&format!("\n{}\n", p.bold("corroborated by other outlets:")));
        for c in &article.corroborated {
            let more = c.count - c.articles.len();
            out.push_str(&format!(
                "  {} {} {}{}\n",
                p.dim(&format!("{}:{}", c.line, c.column)),
                printable(&c.figure),
                p.dim(&format!("— {}", printable(&c.articles.join(", ")))),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
    }
    for n in &article.notes {
        out.push_str(&format!(
            "{} {}[{}]: {}\n",
            p.dim("note"),
            n.rule,
            n.code,
            n.note
        ));
    }
    out
}

/// The finding's line, cut to a window around the span, and the caret's column and width
/// in characters.
fn line_window(text: &str, lines: &LineIndex, f: &Finding) -> (String, usize, usize) {
    let (line, _) = lines.line_col(text, f.span.start);
    let line_start = text
        .char_indices()
        .filter(|&(_, c)| c == '\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| if line == 1 { 0 } else { i + 1 });
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let full: Vec<char> = text[line_start..line_end].chars().collect();
    let start_char = text[line_start..f.span.start.min(line_end)].chars().count();
    let end_char = text[line_start..f.span.end.clamp(f.span.start, line_end)]
        .chars()
        .count();
    let span_len = end_char.saturating_sub(start_char).min(80);
    let from = start_char.saturating_sub(CONTEXT);
    let to = (end_char + CONTEXT).min(full.len());
    let mut shown: String = full[from..to].iter().collect();
    let mut caret = start_char - from;
    if from > 0 {
        shown = format!("…{shown}");
        caret += 1;
    }
    if to < full.len() {
        shown.push('…');
    }
    (shown, caret, span_len)
}

/// Evidence as short `key: value` lines, nested objects flattened one level.
fn evidence_lines(evidence: &serde_json::Value) -> Vec<(String, String)> {
    let Some(map) = evidence.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let shown = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(o) if o.contains_key("text") => {
                    let mut s = format!("\"{}\"", o["text"].as_str().unwrap_or(""));
                    if let (Some(l), Some(c)) = (o.get("line"), o.get("column")) {
                        s.push_str(&format!(" at {l}:{c}"));
                    }
                    s
                }
                serde_json::Value::Array(a) if a.len() > 8 => {
                    format!(
                        "{} items: {}, …",
                        a.len(),
                        a[..8].iter().map(short).collect::<Vec<_>>().join(", ")
                    )
                }
                serde_json::Value::Array(a) => a.iter().map(short).collect::<Vec<_>>().join(", "),
                other => other.to_string(),
            };
            (k.replace('_', " "), shown)
        })
        .collect()
}

fn short(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(o) if o.contains_key("text") => {
            format!("\"{}\"", o["text"].as_str().unwrap_or(""))
        }
        other => other.to_string(),
    }
}
