//! Saved web pages and feeds as articles: what `html` and `feed` read, given the fields of
//! an article, with the problems reported against the file (and the item's line).

use super::load::{Loaded, stem};
use super::{Article, InputError, feed, html, published};
use crate::text::TitleMode;

/// A saved page as one article.
pub fn load_page(path: &str, text: &str) -> Loaded {
    let page = html::read(text);
    let mut loaded = Loaded::default();
    if page.text.trim().is_empty() {
        loaded.errors.push(problem(
            path,
            None,
            "no article text found in the page".into(),
        ));
        return loaded;
    }
    let mut article = Article::from_text(stem(path), page.text);
    article.path = Some(path.to_string());
    article.url = page.url;
    article.source = page.site;
    article.author = page.byline;
    given_title(&mut article, page.title);
    if let Some(raw) = page.published {
        article.published = read_date(path, None, &raw, &mut loaded.warnings);
    }
    article.source_from = super::infer_source(&mut article);
    loaded.articles.push(article);
    loaded
}

/// A feed as one article per item: `STEM-N` for the Nth item.
pub fn load_feed(path: &str, text: &str) -> Loaded {
    let read = feed::read(text);
    let mut loaded = Loaded::default();
    for p in read.problems {
        loaded.errors.push(problem(path, Some(p.line), p.message));
    }
    let base = stem(path);
    for item in read.items {
        let line = Some(item.line);
        if item.summary_only {
            loaded.warnings.push(problem(
                path,
                line,
                format!(
                    "item {} gives only a summary; its summary is scored",
                    item.number
                ),
            ));
        }
        let mut article = Article::from_text(format!("{base}-{}", item.number), item.text);
        article.path = Some(path.to_string());
        article.url = item.url;
        article.source = item.source;
        article.author = item.author;
        given_title(&mut article, item.title);
        if let Some(raw) = item.published {
            article.published = read_date(path, line, &raw, &mut loaded.warnings);
        }
        article.source_from = super::infer_source(&mut article);
        loaded.articles.push(article);
    }
    if loaded.articles.is_empty() && loaded.errors.is_empty() {
        loaded
            .errors
            .push(problem(path, None, "a feed with no items".into()));
    }
    loaded
}

fn given_title(article: &mut Article, title: Option<String>) {
    if title.is_some() {
        article.title_mode = TitleMode::Given;
    }
    article.title = title;
}

/// A page's or an item's date; one that cannot be read is a warning, and the article is
/// still scored (its date then read from its text, as for any article that gives none).
fn read_date(
    path: &str,
    line: Option<usize>,
    raw: &str,
    warnings: &mut Vec<InputError>,
) -> Option<crate::date::Date> {
    let date = published::parse(raw);
    if date.is_none() {
        warnings.push(problem(
            path,
            line,
            format!("publication date not read ({}): {raw:?}", published::FORMS),
        ));
    }
    date
}

fn problem(path: &str, line: Option<usize>, message: String) -> InputError {
    InputError {
        path: path.to_string(),
        line,
        message,
    }
}
