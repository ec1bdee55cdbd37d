//! RSS 2.0, RSS 1.0 and Atom feeds: one article per item, with its title, address, date,
//! outlet (the item's own `<source>`, else the feed's title) and text (its full content,
//! else its summary, with the HTML in them read as a page's would be).
//!
//! Items are read as written: the date is the day the feed gives (see `published`), an
//! item that cannot be read is named by its number and line, and a feed cut short or broken
//! part way keeps the items before the break.

use super::html;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// One item of a feed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Item {
    /// 1-based position in the feed.
    pub number: usize,
    /// The line the item starts on.
    pub line: usize,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The date as the feed writes it.
    pub published: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub text: String,
    /// Whether `text` is only the item's summary (the feed gave no full content).
    pub summary_only: bool,
}

/// A problem with a feed or one of its items, at a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// What a feed gave: its items, and the items or the part that could not be read.
#[derive(Debug, Default)]
pub struct Feed {
    pub items: Vec<Item>,
    pub problems: Vec<Problem>,
}

/// An item's fields as they are found, raw, before they are read as text.
#[derive(Default)]
struct RawItem {
    line: usize,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    source: Option<String>,
    author: Option<String>,
    content: Option<String>,
    summary: Option<String>,
}

/// Reads a feed.
pub fn read(xml: &str) -> Feed {
    let mut feed = Feed::default();
    let mut reader = Reader::from_str(xml);
    let lines = LineIndex::new(xml);
    // Local names of the open elements, from the root.
    let mut open: Vec<String> = Vec::new();
    let mut feed_title: Option<String> = None;
    let mut item: Option<(usize, RawItem)> = None;
    let mut number = 0;
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = lines.line(reader.error_position() as usize);
                let kept = match &item {
                    Some(_) => format!("; item {} and any after it are not read", number),
                    None => String::new(),
                };
                feed.problems.push(Problem {
                    line,
                    message: format!("not well-formed XML: {e}{kept}"),
                });
                break;
            }
        };
        match event {
            Event::Start(start) | Event::Empty(start) if !root_seen => {
                root_seen = true;
                let root = local(&start);
                if !matches!(root.as_str(), "rss" | "RDF" | "feed") {
                    feed.problems.push(Problem {
                        line: lines.line(at),
                        message: format!(
                            "not an RSS or Atom feed (its root element is <{root}>); not read"
                        ),
                    });
                    return feed;
                }
                open.push(root);
            }
            Event::Start(start) => {
                let name = local(&start);
                let depth = open.len();
                if item.is_none() && (name == "item" || name == "entry") {
                    number += 1;
                    item = Some((
                        depth,
                        RawItem {
                            line: lines.line(at),
                            ..RawItem::default()
                        },
                    ));
                    open.push(name);
                    continue;
                }
                match &mut item {
                    Some((item_depth, raw)) if depth == *item_depth + 1 => {
                        // A field of the item: its whole content, taken raw.
                        let inner = match reader.read_text(start.name()) {
                            Ok(t) => String::from_utf8_lossy(&t).into_owned(),
                            Err(e) => {
                                feed.problems.push(Problem {
                                    line: lines.line(reader.error_position() as usize),
                                    message: format!(
                                        "not well-formed XML: {e}; item {number} and any after it are not read"
                                    ),
                                });
                                break;
                            }
                        };
                        field(raw, &name, &start, inner);
                    }
                    None if name == "title" && is_feed_level(&open) && feed_title.is_none() => {
                        if let Ok(t) = reader.read_text(start.name()) {
                            feed_title = text_of(&String::from_utf8_lossy(&t));
                        }
                    }
                    _ => open.push(name),
                }
            }
            Event::Empty(start) => {
                // An Atom link: `<link rel="alternate" href="…"/>`.
                if let Some((item_depth, raw)) = &mut item {
                    if open.len() == *item_depth + 1 && local(&start) == "link" {
                        link(raw, &start);
                    }
                }
            }
            Event::End(_) => {
                open.pop();
                if let Some((item_depth, _)) = &item {
                    if open.len() == *item_depth {
                        let (_, raw) = item.take().expect("an open item");
                        match finish(raw, number) {
                            Ok(it) => feed.items.push(it),
                            Err(p) => feed.problems.push(p),
                        }
                    }
                }
            }
            Event::Eof => {
                if !root_seen {
                    feed.problems.push(Problem {
                        line: 1,
                        message: "not an RSS or Atom feed (no root element); not read".into(),
                    });
                } else if item.is_some() || !open.is_empty() {
                    feed.problems.push(Problem {
                        line: lines.line(xml.len()),
                        message: format!(
                            "the feed ends before its elements are closed{}",
                            if item.is_some() {
                                format!("; item {number} is not read")
                            } else {
                                String::new()
                            }
                        ),
                    });
                }
                break;
            }
            _ => {}
        }
    }
    for it in &mut feed.items {
        if it.source.is_none() {
            it.source = feed_title.clone();
        }
    }
    feed
}

/// Whether the element being opened is the feed's own `<title>`: under `<channel>` (RSS)
/// or the root `<feed>` (Atom).
fn is_feed_level(open: &[String]) -> bool {
    matches!(open.last().map(String::as_str), Some("channel"))
        || (open.len() == 1 && open[0] == "feed")
}

/// An element's name without its namespace prefix.
fn local(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

/// The value of an attribute, entities read.
fn attr(start: &BytesStart, key: &str) -> Option<String> {
    start
        .try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| {
            xml_unescape(&String::from_utf8_lossy(&a.value))
                .trim()
                .to_string()
        })
        .filter(|v| !v.is_empty())
}

/// Records one field of an item from its raw content.
fn field(raw: &mut RawItem, name: &str, start: &BytesStart, inner: String) {
    let xhtml = attr(start, "type").is_some_and(|t| t == "xhtml");
    match name {
        "title" => raw.title = text_of(&inner),
        "link" => {
            if let Some(href) = attr(start, "href") {
                link_href(raw, start, href);
            } else if raw.url.is_none() {
                raw.url = text_of(&inner);
            }
        }
        "pubDate" | "date" | "published" | "issued" => raw.published = text_of(&inner),
        "updated" | "modified" => raw.updated = text_of(&inner),
        "encoded" | "content" => raw.content = Some(to_html(&inner, xhtml)),
        "description" | "summary" => raw.summary = Some(to_html(&inner, xhtml)),
        "source" => {
            // RSS 2.0 names the outlet in the element; Atom copies the source feed's
            // metadata, its title among them.
            raw.source = if inner.contains('<') && !inner.contains("CDATA") {
                atom_source_title(&inner)
            } else {
                text_of(&inner)
            };
        }
        "creator" | "author" if raw.author.is_none() => raw.author = text_of(&inner),
        _ => {}
    }
}

/// An Atom `<link>`: the article's address is the `alternate` one (or one with no `rel`).
fn link(raw: &mut RawItem, start: &BytesStart) {
    if let Some(href) = attr(start, "href") {
        link_href(raw, start, href);
    }
}

fn link_href(raw: &mut RawItem, start: &BytesStart, href: String) {
    let alternate = attr(start, "rel").is_none_or(|r| r == "alternate");
    if alternate && raw.url.is_none() {
        raw.url = Some(href);
    }
}

/// The `<title>` inside an Atom `<source>`.
fn atom_source_title(inner: &str) -> Option<String> {
    let mut reader = Reader::from_str(inner);
    loop {
        match reader.read_event() {
            Ok(Event::Start(s)) if local(&s) == "title" => {
                let t = reader.read_text(s.name()).ok()?;
                return text_of(&String::from_utf8_lossy(&t));
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// An item read from its raw fields, or why it cannot be an article.
fn finish(raw: RawItem, number: usize) -> Result<Item, Problem> {
    let content = raw
        .content
        .as_deref()
        .map(html::fragment_text)
        .filter(|t| !t.is_empty());
    let summary_only = content.is_none();
    let text = content.or_else(|| {
        raw.summary
            .as_deref()
            .map(html::fragment_text)
            .filter(|t| !t.is_empty())
    });
    let Some(text) = text else {
        return Err(Problem {
            line: raw.line,
            message: format!("item {number} has no text (no content, description or summary)"),
        });
    };
    Ok(Item {
        number,
        line: raw.line,
        title: raw.title,
        url: raw.url,
        published: raw.published.or(raw.updated),
        source: raw.source,
        author: raw.author,
        text,
        summary_only,
    })
}

/// A short field (a title, a date, a name) as plain text: CDATA and entities read, any
/// markup in it dropped.
fn text_of(raw: &str) -> Option<String> {
    let text = html::fragment_text(&to_html(raw, false)).replace("\n\n", " ");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// An element's raw content as the HTML it carries: CDATA sections as they are, escaped
/// text with its XML entities read (an HTML entity such as `&nbsp;`, not XML's, is left for
/// the HTML reader), and XHTML content as it is.
fn to_html(raw: &str, xhtml: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find("<![CDATA[") {
        push_escaped(&mut out, &rest[..at], xhtml);
        let after = &rest[at + 9..];
        let end = after.find("]]>").unwrap_or(after.len());
        out.push_str(&after[..end]);
        rest = after.get(end + 3..).unwrap_or("");
    }
    push_escaped(&mut out, rest, xhtml);
    out
}

fn push_escaped(out: &mut String, text: &str, xhtml: bool) {
    if xhtml {
        out.push_str(text);
    } else {
        out.push_str(&xml_unescape(text));
    }
}

/// XML's five entities and character references read; anything else left as it is.
fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let read = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match read {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_cdata_become_html() {
        assert_eq!(
            to_html("&lt;p&gt;AT&amp;T&nbsp;&#8212; ok&lt;/p&gt;", false),
            "<p>AT&T&nbsp;\u{2014} ok</p>"
        );
        assert_eq!(
            to_html("a <![CDATA[<b>x</b>]]> &amp; b", false),
            "a <b>x</b> & b"
        );
        assert_eq!(
            text_of("<![CDATA[Fire &amp; flood]]>").as_deref(),
            Some("Fire & flood")
        );
        assert_eq!(
            text_of("Fire &amp;amp; flood").as_deref(),
            Some("Fire & flood")
        );
    }

    #[test]
    fn lines_are_counted_from_one() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(5), 3);
        assert_eq!(index.line(6), 4);
    }
}
