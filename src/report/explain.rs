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
///
/// With a `width`, the article's lines are cut to a window around each span that fits it,
/// and long messages and evidence wrap.
pub fn render_explain(
    article: &ScoredArticle,
    text: &str,
    color: bool,
    width: Option<usize>,
) -> String {
    let p = Paint { on: color };
    let wrap = |s: String, indent: usize| match width {
        Some(w) if s.chars().count() + indent > w => {
            super::table::wrap_words(&s, w.saturating_sub(indent).max(30))
                .replace('\n', &format!("\n{}", " ".repeat(indent)))
        }
        _ => s,
    };
    let lines = LineIndex::new(text);
    let mut out = String::new();
    let title = article.title.as_deref().unwrap_or(&article.id);
    out.push_str(&format!(
        "{}\n",
        p.bold(&wrap(
            format!(
                "{:.1} {} — {}",
                article.score,
                article.level,
                printable(title)
            ),
            0
        ))
    ));
    let mut meta = vec![format!("id {}", printable(&article.id))];
    if let Some(s) = &article.source {
        let from = article
            .source_inferred
            .map_or(String::new(), |f| format!(" (from the {f})"));
        meta.push(format!("source {}{from}", printable(s)));
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
    out.push_str(&p.dim(&wrap(meta.join(" · "), 0)));
    out.push_str("\n\n");
    let path = printable(article.path.as_deref().unwrap_or("-"));
    // In text order, so the article reads top to bottom.
    let mut findings: Vec<&Finding> = article.findings.iter().collect();
    findings.sort_by_key(|f| (f.span.start, f.code.clone()));
    let width_digits = findings
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
        let head = format!("{}[{}]", f.category.as_str(), f.code);
        let message = wrap(
            format!(": {} · {points}", printable(&f.message)),
            head.chars().count(),
        );
        let (message, points) = match message.rsplit_once(" · ") {
            Some((m, pts)) => (m.to_string(), pts.to_string()),
            None => (message, points),
        };
        out.push_str(&format!(
            "{}{} {} {}\n",
            p.red(&head),
            p.bold(&message),
            p.dim("·"),
            p.bold(&points)
        ));
        out.push_str(&format!(
            "{}{} {}:{}:{}\n",
            " ".repeat(width_digits),
            p.blue("-->"),
            path,
            f.line,
            f.column
        ));
        out.push_str(&format!("{} {}\n", " ".repeat(width_digits), p.blue("|")));
        // The gutter, " | ", and the line's window.
        let room = width.map(|w| w.saturating_sub(width_digits + 3));
        let (line_text, caret_at, caret_len) = line_window(text, &lines, f, room);
        out.push_str(&format!(
            "{} {} {}\n",
            p.blue(&format!("{:>width_digits$}", f.line)),
            p.blue("|"),
            printable(&line_text)
        ));
        // Carets and the rule's name within the room, when there is one.
        let carets = match room {
            Some(room) => caret_len
                .min(room.saturating_sub(caret_at + 1 + f.rule.chars().count()))
                .max(1),
            None => caret_len.max(1),
        };
        out.push_str(&format!(
            "{} {} {}{} {}\n",
            " ".repeat(width_digits),
            p.blue("|"),
            " ".repeat(caret_at),
            p.red(&"^".repeat(carets)),
            p.red(&f.rule)
        ));
        for (k, v) in evidence_lines(&f.evidence) {
            let line = wrap(format!("{k}: {}", printable(&v)), width_digits + 3);
            out.push_str(&format!(
                "{} {} {line}\n",
                " ".repeat(width_digits),
                p.blue("="),
            ));
        }
        if let Some(why) = &f.waived {
            out.push_str(&format!(
                "{} {} waived: {why}\n",
                " ".repeat(width_digits),
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
        out.push_str(&p.dim(&wrap(
            "owed: what every article starts without, until evidence a reader can check (named sources, quoted speakers, dated events) earns it back".into(),
            0,
        )));
        out.push('\n');
    }
    if !article.corroborated.is_empty() {
        out.push_str(&format!("\n{}\n", p.bold("corroborated by other outlets:")));
        for c in &article.corroborated {
            let more = c.count - c.articles.len();
            let who = format!(
                "— {}{}",
                printable(&c.articles.join(", ")),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
            let at = format!("{}:{}", c.line, c.column);
            let line = wrap(format!("{at} {} {who}", printable(&c.figure)), 4);
            // Painted after wrapping: the place dim, the figure plain, the articles dim.
            let rest = line.strip_prefix(&at).unwrap_or(&line);
            let figure = printable(&c.figure);
            let rest = rest.strip_prefix(&format!(" {figure}")).unwrap_or(rest);
            out.push_str(&format!("  {} {figure}{}\n", p.dim(&at), p.dim(rest)));
        }
    }
    for n in &article.notes {
        let line = wrap(format!("{}[{}]: {}", n.rule, n.code, n.note), 5);
        out.push_str(&format!("{} {line}\n", p.dim("note")));
    }
    out
}

/// The finding's line, cut to a window around the span, and the caret's column and width
/// in characters.
fn line_window(
    text: &str,
    lines: &LineIndex,
    f: &Finding,
    room: Option<usize>,
) -> (String, usize, usize) {
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
    // The span itself is shown up to 80 characters, with up to `CONTEXT` characters on each
    // side; in a given room, never wider than it with the ellipses, the context what the
    // span leaves, split evenly.
    let (span_len, from, to) = match room {
        None => (
            end_char.saturating_sub(start_char).min(80),
            start_char.saturating_sub(CONTEXT),
            (end_char + CONTEXT).min(full.len()),
        ),
        Some(room) => {
            let span_len = end_char
                .saturating_sub(start_char)
                .min(80)
                .min(room.saturating_sub(2).max(1));
            let context = (room.saturating_sub(span_len + 2) / 2).min(CONTEXT);
            (
                span_len,
                start_char.saturating_sub(context),
                (start_char + span_len + context).min(full.len()),
            )
        }
    };
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
