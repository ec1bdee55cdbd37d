//! The outlet of an article that does not name one: the domain of its `url`, else the
//! credit in its dateline ("WASHINGTON (Reuters) —", "LONDON, March 3 (AFP) -"). The
//! article says how it was found, and the output shows it.

use super::Article;

/// How an article's outlet was found when its metadata gave none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFrom {
    /// The host of its `url`.
    Url,
    /// A credit in parentheses in its dateline.
    Dateline,
}

impl SourceFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFrom::Url => "url",
            SourceFrom::Dateline => "dateline",
        }
    }
}

/// Bytes of the body read for a dateline: a dateline opens the first paragraph.
const DATELINE_BYTES: usize = 160;

/// Sets `source` from the url or the dateline when it is not given; returns how.
pub fn infer_source(article: &mut Article) -> Option<SourceFrom> {
    if article
        .source
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
    {
        return None;
    }
    let (source, from) = article
        .url
        .as_deref()
        .and_then(host_of)
        .map(|h| (h, SourceFrom::Url))
        .or_else(|| dateline_credit(article).map(|c| (c, SourceFrom::Dateline)))?;
    article.source = Some(source);
    Some(from)
}

/// "https://www.example.co.uk/news/1" → "example.co.uk".
fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_string())
}

/// The credit in the first paragraph's dateline: one to four capitalised words in
/// parentheses, followed by a dash, near the start of the body.
fn dateline_credit(article: &Article) -> Option<String> {
    let body = article.text.get(article.body_start..)?;
    // The first paragraph after a title line: the title itself carries no dateline.
    let mut paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let first = paragraphs.next()?;
    let opening = if first.contains('\n') || article.title.is_some() {
        first
    } else {
        paragraphs.next().unwrap_or(first)
    };
    let head = cut(opening, DATELINE_BYTES);
    let open = head.find('(')?;
    let close = open + head[open..].find(')')?;
    let credit = head[open + 1..close].trim();
    let after = head[close + 1..].trim_start();
    let dashed = after.starts_with(['-', '–', '—']);
    let words: Vec<&str> = credit.split_whitespace().collect();
    let credit_like = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '&' || c == '.')
        });
    (dashed && credit_like).then(|| words.join(" "))
}

/// At most `n` bytes of `s`, cut at a character boundary.
fn cut(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, url: Option<&str>) -> Article {
        let mut a = Article::from_text("a", text);
        a.url = url.map(str::to_string);
        a
    }

    #[test]
    fn the_url_names_the_outlet() {
        let mut a = article(
            "Title\n\nText.",
            Some("https://www.Example.co.uk/news/1?x=2"),
        );
        assert_eq!(infer_source(&mut a), Some(SourceFrom::Url));
        assert_eq!(a.source.as_deref(), Some("example.co.uk"));
        for bad in ["not a url", "https:///path", "mailto:someone"] {
            let mut a = article("Title\n\nText.", Some(bad));
            assert_eq!(infer_source(&mut a), None, "{bad}");
        }
    }

    #[test]
    fn a_dateline_credit_names_the_outlet() {
        let cases = [
            (
                "Storm hits\n\nWASHINGTON (Reuters) - A storm hit the coast.",
                Some("Reuters"),
            ),
            (
                "Storm hits\n\nLONDON, March 3 (AFP) — Rain fell.",
                Some("AFP"),
            ),
            (
                "Storm hits\n\nKARACHI (Dawn News) – Rain fell.",
                Some("Dawn News"),
            ),
            // Parentheses that are no credit.
            (
                "Storm hits\n\nThe agency (which declined to comment) said rain fell.",
                None,
            ),
            ("Storm hits\n\nThe storm (Category 4) hit the coast.", None),
            ("Storm hits\n\nThe mayor said rain fell.", None),
        ];
        for (text, expected) in cases {
            let mut a = article(text, None);
            infer_source(&mut a);
            assert_eq!(a.source.as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn a_given_source_is_kept() {
        let mut a = article("T\n\nWASHINGTON (Reuters) - Text.", Some("https://x.org/a"));
        a.source = Some("Desk".into());
        assert_eq!(infer_source(&mut a), None);
        assert_eq!(a.source.as_deref(), Some("Desk"));
    }
}
