//! A saved web page read as the article a reader sees on it: the headline, byline, outlet,
//! date and address from the page's metadata, and the text of the article's paragraphs
//! with the page around them (menus, headers, footers, scripts, forms, share bars, related
//! links) left out.
//!
//! The page is parsed as a browser parses it (html5ever), so unclosed tags, stray `</p>`
//! inside scripts and entities come out as a reader would see them; only text nodes are
//! taken, never markup or attributes.

use scraper::{ElementRef, Html, Node};

/// What a page says about its article, and the article's text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The outlet's name.
    pub site: Option<String>,
    /// The publication date as the page writes it.
    pub published: Option<String>,
    pub url: Option<String>,
    /// The article's paragraphs, a blank line between two.
    pub text: String,
}

/// Reads a page.
pub fn read(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let meta = Meta::of(&doc);
    let ld = linked_data(&doc);
    let root = article_root(&doc);
    Page {
        title: meta
            .get("og:title")
            .or(ld.headline)
            .or_else(|| first_text(&doc, "title")),
        byline: meta.get("author").or(ld.author),
        site: meta.get("og:site_name").or(ld.publisher),
        published: meta
            .get("article:published_time")
            .or(ld.published)
            .or_else(|| time_datetime(root)),
        url: meta.canonical.clone().or_else(|| meta.get("og:url")),
        text: paragraphs(root),
    }
}

/// Plain text from a fragment of HTML (a feed item's content): its paragraphs, a blank line
/// between two. Text with no markup at all keeps its own paragraph breaks.
pub fn fragment_text(html: &str) -> String {
    let has_markup = html
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'));
    if !has_markup {
        return plain_paragraphs(html);
    }
    let doc = Html::parse_fragment(html);
    paragraphs(doc.root_element())
}

/// Plain text's paragraphs (split at blank lines), each on one line, with any entities in
/// them read.
fn plain_paragraphs(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            let paragraph = if current.contains('&') {
                let doc = Html::parse_fragment(&current);
                collapse(&doc.root_element().text().collect::<String>())
            } else {
                collapse(&current)
            };
            if !paragraph.is_empty() {
                paragraphs.push(paragraph);
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    paragraphs.join("\n\n")
}

/// The page's `<meta>` values by property or name, and its canonical link.
struct Meta {
    values: Vec<(String, String)>,
    canonical: Option<String>,
}

impl Meta {
    fn of(doc: &Html) -> Meta {
        let mut meta = Meta {
            values: Vec::new(),
            canonical: None,
        };
        for node in doc.tree.nodes() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            match el.name() {
                "meta" => {
                    let key = el.attr("property").or_else(|| el.attr("name"));
                    if let (Some(key), Some(value)) = (key, el.attr("content")) {
                        let value = collapse(value);
                        if !value.is_empty() {
                            meta.values.push((key.trim().to_ascii_lowercase(), value));
                        }
                    }
                }
                "link" if meta.canonical.is_none() => {
                    let canonical = el.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        meta.canonical = el
                            .attr("href")
                            .map(str::trim)
                            .filter(|h| !h.is_empty())
                            .map(String::from);
                    }
                }
                _ => {}
            }
        }
        meta
    }

    /// The first value given for `key`.
    fn get(&self, key: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// What a page's JSON-LD says of its article (a `NewsArticle` or another kind of article).
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
}

fn linked_data(doc: &Html) -> LinkedData {
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let is_ld = el.name() == "script"
            && el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let text: String = node
            .children()
            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
            .collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        if let Some(article) = find_article(&value, 0) {
            let text_of =
                |v: &serde_json::Value| v.as_str().map(collapse).filter(|s| !s.is_empty());
            return LinkedData {
                headline: article.get("headline").and_then(text_of),
                author: article.get("author").and_then(names),
                publisher: article.get("publisher").and_then(names),
                published: article.get("datePublished").and_then(text_of),
            };
        }
    }
    LinkedData::default()
}

/// The first object of an article type in a JSON-LD value, looking into lists and `@graph`.
fn find_article(
    value: &serde_json::Value,
    depth: usize,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    const ARTICLES: [&str; 6] = [
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "Report",
    ];
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        serde_json::Value::Object(obj) => {
            let is_article = match obj.get("@type") {
                Some(serde_json::Value::String(t)) => ARTICLES.contains(&t.as_str()),
                Some(serde_json::Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLES.contains(&t))),
                _ => false,
            };
            if is_article {
                return Some(obj);
            }
            obj.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

/// A person or organisation as JSON-LD gives it: a name, an object with a `name`, or a
/// list of them (joined with commas).
fn names(value: &serde_json::Value) -> Option<String> {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(collapse(s)),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(collapse),
        _ => None,
    };
    let all: Vec<String> = match value {
        serde_json::Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|n| !n.is_empty()).collect();
    (!all.is_empty()).then(|| all.join(", "))
}

/// The text of the first element named `name`.
fn first_text(doc: &Html, name: &str) -> Option<String> {
    doc.tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))
        .and_then(ElementRef::wrap)
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// The `datetime` of the first `<time>` in the article.
fn time_datetime(root: ElementRef) -> Option<String> {
    root.descendent_elements()
        .find(|e| e.value().name() == "time" && e.value().attr("datetime").is_some())
        .and_then(|e| e.value().attr("datetime"))
        .map(collapse)
        .filter(|t| !t.is_empty())
}

/// Where the article is on the page: its `<article>` (the one with the most paragraph text
/// when there are several), its `articleBody`, the page's `<main>`, else the element whose
/// own paragraphs hold the most text, else the body.
fn article_root(doc: &Html) -> ElementRef<'_> {
    let elements: Vec<ElementRef> = doc.root_element().descendent_elements().collect();
    let named = |test: &dyn Fn(&ElementRef) -> bool| {
        elements
            .iter()
            .filter(|e| test(e))
            .max_by_key(|e| own_paragraph_text(e) + all_paragraph_text(e))
            .copied()
    };
    named(&|e| e.value().name() == "article")
        .or_else(|| {
            named(&|e| {
                e.value()
                    .attr("itemprop")
                    .is_some_and(|p| p.contains("articleBody"))
            })
        })
        .or_else(|| {
            named(&|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
        })
        .or_else(|| {
            elements
                .iter()
                .filter(|e| !skipped(e))
                .max_by_key(|e| own_paragraph_text(e))
                .filter(|e| own_paragraph_text(e) > 0)
                .copied()
        })
        .unwrap_or_else(|| {
            elements
                .iter()
                .find(|e| e.value().name() == "body")
                .copied()
                .unwrap_or(doc.root_element())
        })
}

/// Characters of text in an element's own `<p>` children.
fn own_paragraph_text(e: &ElementRef) -> usize {
    e.child_elements()
        .filter(|c| c.value().name() == "p")
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

/// Characters of text in all the `<p>` below an element.
fn all_paragraph_text(e: &ElementRef) -> usize {
    e.descendent_elements()
        .filter(|c| c.value().name() == "p")
        .map(|p| p.text().map(str::len).sum::<usize>())
        .sum()
}

/// Elements that are never the article's text: code, styles, the page's furniture, forms,
/// embedded frames and media, and what the page hides.
fn skipped(e: &ElementRef) -> bool {
    const NEVER: [&str; 24] = [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "select",
        "textarea",
        "input",
        "figure",
        "figcaption",
        "dialog",
        "xmp",
        "plaintext",
    ];
    // Words in a class or id that mark the page's furniture rather than the article: as
    // the start of a word where no article word starts so ("advertisement", "relatedLinks"),
    // else the whole word (with its plural), so that "commentary" and "shared" are kept.
    const FURNITURE_STARTS: [&str; 11] = [
        "advert",
        "newsletter",
        "breadcrumb",
        "cookie",
        "paywall",
        "sidebar",
        "signup",
        "subscri",
        "social",
        "related",
        "sharing",
    ];
    const FURNITURE_WORDS: [&str; 9] = [
        "share",
        "comment",
        "byline",
        "promo",
        "sponsor",
        "sponsored",
        "recommended",
        "ad",
        "outbrain",
    ];
    let el = e.value();
    if NEVER.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || matches!(
            el.attr("role"),
            Some("navigation" | "banner" | "contentinfo" | "complementary")
        )
    {
        return true;
    }
    let style = el
        .attr("style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    let marks = |value: Option<&str>| {
        value.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| {
                let single = word.strip_suffix('s').unwrap_or(word);
                FURNITURE_STARTS.iter().any(|f| word.starts_with(f))
                    || FURNITURE_WORDS.contains(&word)
                    || FURNITURE_WORDS.contains(&single)
            })
        })
    };
    marks(el.attr("class")) || marks(el.attr("id"))
}

/// Elements that start a paragraph of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "address"
            | "details"
            | "summary"
            | "hr"
            | "center"
    )
}

/// The text under `root`, a paragraph per block, a blank line between two. The tree is
/// walked with a stack of its own: a page nested a million levels deep is still read.
fn paragraphs(root: ElementRef) -> String {
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave,
    }
    let mut out = Paragraphs::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave => {
                out.end_paragraph();
                continue;
            }
            Step::Enter(node) => node,
        };
        match node.value() {
            Node::Text(t) => out.push_text(t),
            Node::Element(el) => {
                if el.name() == "br" {
                    out.line_break();
                    continue;
                }
                let Some(e) = ElementRef::wrap(node) else {
                    continue;
                };
                // The root is read even when it looks like furniture: it was chosen as the
                // article.
                if node.id() != root.id() && skipped(&e) {
                    continue;
                }
                let block = is_block(el.name());
                if block {
                    out.end_paragraph();
                    stack.push(Step::Leave);
                }
                stack.extend(node.children().rev().map(Step::Enter));
            }
            Node::Document | Node::Fragment => stack.extend(node.children().rev().map(Step::Enter)),
            _ => {}
        }
    }
    out.end_paragraph();
    out.done.join("\n\n")
}

/// Paragraphs as they are gathered: the one being written, and those done.
#[derive(Default)]
struct Paragraphs {
    lines: Vec<String>,
    current: String,
    done: Vec<String>,
}

impl Paragraphs {
    fn push_text(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn line_break(&mut self) {
        let line = collapse(&std::mem::take(&mut self.current));
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn end_paragraph(&mut self) {
        self.line_break();
        if !self.lines.is_empty() {
            self.done.push(std::mem::take(&mut self.lines).join("\n"));
        }
    }
}

/// Runs of white space (and the no-break spaces pages use for layout) as one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        read(&format!(
            "<html><body><article>{html}</article></body></html>"
        ))
        .text
    }

    #[test]
    fn furniture_is_known_by_its_class_and_article_words_are_not() {
        let text = body(
            "<p>Kept one.</p><div class=\"share-bar\">Share</div><div class=\"relatedLinks\">R</div>\
             <div id=\"comments\">C</div><div class=\"ad\">A</div><div class=\"commentary\"><p>Kept two.</p></div>\
             <div class=\"shared-story\"><p>Kept three.</p></div><p style=\"display: none\">Hidden</p>",
        );
        assert_eq!(text, "Kept one.\n\nKept two.\n\nKept three.");
    }

    #[test]
    fn a_fragment_keeps_its_paragraphs_with_or_without_markup() {
        assert_eq!(
            fragment_text("One.\n\n  Two\nlines.  "),
            "One.\n\nTwo lines."
        );
        assert_eq!(
            fragment_text("<p>One &amp; all.</p><p>Two.</p>"),
            "One & all.\n\nTwo."
        );
        assert_eq!(fragment_text("5 &lt; 6 and AT&T"), "5 < 6 and AT&T");
        assert_eq!(
            fragment_text("AT&amp;T rose.\r\n  \r\nIt fell&#8230;"),
            "AT&T rose.\n\nIt fell\u{2026}"
        );
    }
}
