//! An article's genre when it is not news: opinion, a review or satire, as its URL, its title
//! or its byline says. Such copy argues, judges or jokes by design, so a reader of its score
//! should know it was not written as a report; the score itself is not changed.

use crate::ingest::Article;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Genre {
    Opinion,
    Review,
    Satire,
}

impl Genre {
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Opinion => "opinion",
            Genre::Review => "review",
            Genre::Satire => "satire",
        }
    }

    /// A section or label word that names a genre: a URL path segment, or a title's
    /// leading label ("Opinion |", "Review:").
    fn named(word: &str) -> Option<Genre> {
        match word.to_ascii_lowercase().as_str() {
            "opinion" | "opinions" | "comment" | "commentisfree" | "op-ed" | "oped" | "op-eds"
            | "editorial" | "editorials" | "column" | "columns" | "columnists" => {
                Some(Genre::Opinion)
            }
            "review" | "reviews" => Some(Genre::Review),
            "satire" => Some(Genre::Satire),
            _ => None,
        }
    }
}

/// Lines from the top of the body where a byline is looked for.
const BYLINE_LINES: usize = 8;
/// A byline is short: longer lines are prose that may mention a columnist.
const BYLINE_CHARS: usize = 80;
/// A title's label ends within this many bytes ("Editorial:" is 10).
const LABEL_BYTES: usize = 14;

/// The genre the article's URL, title (as read) or byline gives, if any; when they differ,
/// satire over review over opinion (an opinion section's satire column is satire).
pub fn genre_of(article: &Article, title: Option<&str>) -> Option<Genre> {
    foremost(
        [
            article.url.as_deref().and_then(from_url),
            title.and_then(from_title),
            from_byline(&article.text[article.body_start.min(article.text.len())..]),
        ]
        .into_iter()
        .flatten(),
    )
}

/// Satire over review over opinion.
fn foremost(found: impl Iterator<Item = Genre>) -> Option<Genre> {
    let found: Vec<Genre> = found.collect();
    [Genre::Satire, Genre::Review, Genre::Opinion]
        .into_iter()
        .find(|g| found.contains(g))
}

/// A path segment naming a section: `/opinion/`, `/comment/`, `/reviews/`, `/satire/`.
fn from_url(url: &str) -> Option<Genre> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    // The last segment is the article's own slug ("a-review-of-the-budget"), not a section,
    // unless the path ends with a slash.
    let sections = &segments[..segments.len().saturating_sub(1)];
    foremost(sections.iter().filter_map(|s| Genre::named(s)))
}

/// A leading label: "Opinion | …", "OPINION: …", "Review: …", "Satire: …".
fn from_title(title: &str) -> Option<Genre> {
    let title = title.trim_start();
    let end = title.find([':', '|'])?;
    if end > LABEL_BYTES {
        return None;
    }
    Genre::named(title[..end].trim())
}

/// A column's byline near the top: a short line naming its writer a columnist
/// ("By Jane Doe, Columnist", "Jane Doe | Opinion columnist").
fn from_byline(body: &str) -> Option<Genre> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(BYLINE_LINES)
        .any(|line| {
            line.chars().count() <= BYLINE_CHARS
                && !line.ends_with(['.', '?', '!', '"', '”'])
                && line
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("columnist"))
        })
        .then_some(Genre::Opinion)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, url: Option<&str>) -> Article {
        let mut a = Article::from_text("a", text);
        a.url = url.map(str::to_string);
        a
    }

    const NEWS: &str = "The council met on Monday.\n\nIt voted to reopen the harbour.";

    #[test]
    fn a_section_in_the_url_names_the_genre() {
        let of = |url| genre_of(&article(NEWS, Some(url)), None);
        assert_eq!(
            of("https://example.com/opinion/2025/06/10/harbour"),
            Some(Genre::Opinion)
        );
        assert_eq!(
            of("https://www.theguardian.com/commentisfree/2025/jun/10/harbour"),
            Some(Genre::Opinion)
        );
        assert_eq!(
            of("https://example.co.uk/comment/harbour-plan"),
            Some(Genre::Opinion)
        );
        assert_eq!(
            of("https://example.com/culture/reviews/quay-play"),
            Some(Genre::Review)
        );
        assert_eq!(
            of("https://example.com/opinion/satire/harbour"),
            Some(Genre::Satire)
        );
        // News, a comment thread, and a slug that only mentions a review.
        assert_eq!(of("https://example.com/news/2025/harbour"), None);
        assert_eq!(of("https://example.com/news/harbour/comments/"), None);
        assert_eq!(of("https://example.com/news/a-review-of-the-budget"), None);
        assert_eq!(of("https://opinion.example.com/news/harbour"), None);
    }

    #[test]
    fn a_title_label_names_the_genre() {
        let of = |title| genre_of(&article(NEWS, None), Some(title));
        assert_eq!(
            of("Opinion | The harbour deserves better"),
            Some(Genre::Opinion)
        );
        assert_eq!(of("OPINION: Reopen the quay"), Some(Genre::Opinion));
        assert_eq!(of("Review: a quayside Hamlet"), Some(Genre::Review));
        assert_eq!(of("Satire: Harbour reopens to no one"), Some(Genre::Satire));
        assert_eq!(of("Harbour to reopen in July"), None);
        assert_eq!(of("Budget review: council cuts 3% from roads"), None);
        assert_eq!(of("Council says: the harbour will reopen"), None);
    }

    #[test]
    fn a_columnists_byline_makes_it_opinion_but_prose_about_one_does_not() {
        let column = "Why the harbour matters\n\nBy Jane Doe, Columnist\n\nThe quay is ours.";
        assert_eq!(genre_of(&article(column, None), None), Some(Genre::Opinion));
        let labelled = "Jane Doe | Opinion columnist\n\nThe quay is ours.";
        assert_eq!(
            genre_of(&article(labelled, None), None),
            Some(Genre::Opinion)
        );
        let news = "Harbour to reopen\n\nThe columnist Jane Doe said on Monday that the quay would reopen.";
        assert_eq!(genre_of(&article(news, None), None), None);
    }
}
