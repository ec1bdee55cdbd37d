//! CSV for spreadsheets: one row per article (or per outlet), a header row first.
//!
//! Fields are quoted when they hold a comma, a quote or a line break (RFC 4180). A field
//! that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is prefixed with `'`, so that a hostile title cannot execute in the
//! editor's spreadsheet; numbers are written by this program and never start that way,
//! except negative ones, which are left as numbers. Control characters (escape, bell) and
//! bidirectional overrides are dropped.

use crate::config::Category;
use crate::outlets::OutletSummary;
use crate::score::Report;

/// Whether a field drops `c`: escape, bell and the other control characters but the tab
/// and line breaks that quoting keeps, and the bidirectional overrides and isolates, so
/// that a title cannot drive the terminal that shows the file or reorder what follows it.
fn dropped(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One field, stripped, quoted and defused as the module says.
pub(crate) fn field(value: &str) -> String {
    let stripped;
    let value = if value.chars().any(dropped) {
        stripped = value.chars().filter(|&c| !dropped(c)).collect::<String>();
        stripped.as_str()
    } else {
        value
    };
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The score report as CSV: rank, id, title, source, story, published (and whether it was
/// read from the text), score, level, findings per category, the costliest rule and its
/// points, and the path.
pub fn score_csv(report: &Report) -> String {
    let mut header: Vec<String> = [
        "rank",
        "id",
        "title",
        "source",
        "story",
        "published",
        "published_inferred",
        "score",
        "level",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(Category::ALL.iter().map(|c| c.as_str().to_string()));
    header.extend(["top_rule", "top_rule_points", "path", "language"].map(String::from));
    let mut out = row(&header);
    for (i, a) in report.articles.iter().enumerate() {
        let (top, points) = super::table::costliest_rule(a)
            .map_or((String::new(), 0.0), |(code, _, _, p)| {
                (code.to_string(), p)
            });
        let mut fields = vec![
            (i + 1).to_string(),
            a.id.clone(),
            a.title.clone().unwrap_or_default(),
            a.source.clone().unwrap_or_default(),
            a.story.clone(),
            a.published.map(|d| d.to_string()).unwrap_or_default(),
            a.published_inferred.to_string(),
            format!("{:.2}", a.score),
            a.level.clone(),
        ];
        fields.extend(Category::ALL.iter().map(|&c| a.count(c).to_string()));
        fields.push(top);
        fields.push(if points > 0.0 {
            format!("{points:.2}")
        } else {
            String::new()
        });
        fields.push(a.path.clone().unwrap_or_default());
        fields.push(a.language.clone());
        out.push_str(&row(&fields));
    }
    out
}

/// The outlet roll-up as CSV.
pub fn outlets_csv(outlets: &[OutletSummary]) -> String {
    let mut out = row(&[
        "rank",
        "source",
        "articles",
        "score_shrunk",
        "low",
        "high",
        "mean",
        "level",
        "reasons",
    ]
    .map(String::from));
    for (i, o) in outlets.iter().enumerate() {
        let reasons: Vec<String> = o
            .top_reasons
            .iter()
            .map(|(code, _, n)| format!("{code} ×{n}"))
            .collect();
        out.push_str(&row(&[
            (i + 1).to_string(),
            o.source.clone(),
            o.articles.to_string(),
            format!("{:.2}", o.shrunk),
            format!("{:.2}", o.low),
            format!("{:.2}", o.high),
            format!("{:.2}", o.mean),
            o.level.clone().unwrap_or_default(),
            reasons.join("; "),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("+1"), "'+1");
    }
}
