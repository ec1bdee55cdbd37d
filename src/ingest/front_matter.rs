//! A `---` … `---` block of `key: value` lines at the top of a text file.

use crate::date::Date;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub published: Option<Date>,
    pub story: Option<String>,
    pub waivers: Vec<(String, String)>,
    /// Byte offset where the body starts.
    pub body_start: usize,
}

/// Parses a front-matter block if the text starts with one. Errors name the 1-based line.
pub fn parse(text: &str) -> Result<Option<FrontMatter>, (usize, String)> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let mut lines = text_no_bom.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Ok(None),
    }
    let mut fm = FrontMatter::default();
    let mut offset = bom + text_no_bom.split_inclusive('\n').next().map_or(0, str::len);
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" {
            fm.body_start = offset;
            return Ok(Some(fm));
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err((
                line_no,
                format!("front matter line is not `key: value`: {trimmed:?}"),
            ));
        };
        let value = value
            .trim()
            .trim_matches('"')
            .trim_matches('\'')
            .to_string();
        let value_opt = (!value.is_empty()).then_some(value.clone());
        match key.trim() {
            "id" => fm.id = value_opt,
            "title" => fm.title = value_opt,
            "source" | "outlet" => fm.source = value_opt,
            "url" => fm.url = value_opt,
            "lang" | "language" => fm.lang = value_opt,
            "story" => fm.story = value_opt,
            "published" | "date" => {
                if !value.is_empty() {
                    fm.published = Some(super::published::parse(&value).ok_or_else(|| {
                        (
                            line_no,
                            format!(
                                "`published` is not a date ({}): {value:?}",
                                super::published::FORMS
                            ),
                        )
                    })?);
                }
            }
            "waive" => {
                // waive: CR101 — the figures come from the agency's own release
                let (rule, reason) = value
                    .split_once(['—', '-', ':'])
                    .map(|(r, why)| (r.trim().to_string(), why.trim().to_string()))
                    .unwrap_or((value.clone(), String::new()));
                if reason.is_empty() {
                    return Err((
                        line_no,
                        "a waiver needs a reason: `waive: CODE — reason`".into(),
                    ));
                }
                fm.waivers.push((rule, reason));
            }
            other => {
                return Err((
                    line_no,
                    format!(
                        "unknown front matter key `{other}` (known: id, title, source, url, lang, published, story, waive)"
                    ),
                ));
            }
        }
    }
    Err((
        1,
        "front matter block is not closed with a `---` line".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_body_offset() {
        let text =
            "---\nid: a1\ntitle: \"Big news\"\npublished: 2025-11-03\nstory: summit\n---\nBody.\n";
        let fm = parse(text).unwrap().unwrap();
        assert_eq!(fm.id.as_deref(), Some("a1"));
        assert_eq!(fm.title.as_deref(), Some("Big news"));
        assert_eq!(fm.published, Date::new(2025, 11, 3));
        assert_eq!(&text[fm.body_start..], "Body.\n");
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            parse("---\nid: x\npublished: soon\n---\n").unwrap_err().0,
            3
        );
        assert_eq!(parse("---\nid: x\n").unwrap_err().0, 1);
        let feed_date = parse("---\npublished: Mon, 30 Nov 2026 08:15:00 GMT\n---\n").unwrap();
        assert_eq!(feed_date.unwrap().published, Date::new(2026, 11, 30));
        assert!(parse("No front matter\n").unwrap().is_none());
    }
}
