//! What the pattern rule kinds share: a matcher (literal phrases through one Aho-Corasick
//! automaton, regexes compiled once with a size limit) and scopes (which parts of an article
//! a rule reads).

use super::ArticleContext;
use super::required_words::RequiredWords;
use crate::config::{ConfigError, RuleConfig};
use crate::cues::{CueSet, ListId, ListMatch, RuleList};
use crate::text::{BlockKind, Span};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// Phrases and regexes, as written in a rule's options.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MatcherOptions {
    /// Literal phrases, matched case-insensitively at word boundaries.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax: linear time, no backtracking).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Whether `patterns` are case-sensitive (phrases never are).
    #[serde(default)]
    pub case_sensitive: bool,
}

pub struct Matcher {
    phrases: CueSet,
    /// The rule's list in the shared phrase index, with its phrases and the options key a
    /// language's version of them is under, when they are searched there.
    shared: Option<(ListId, Vec<String>, &'static str)>,
    /// All the rule's patterns joined into one alternation: one pass, not one per pattern.
    regex: Option<Regex>,
    /// Words every match of `regex` contains: a block with none of them is not searched.
    required: Option<RequiredWords>,
}

impl Matcher {
    pub fn new(
        o: &MatcherOptions,
        rule: &RuleConfig,
        size_limit: usize,
    ) -> Result<Matcher, ConfigError> {
        Matcher::with_index(o, rule, size_limit, None)
    }

    /// A matcher whose phrases are searched in the extractor's one-pass cue search, under
    /// list `list`; a language's own phrases for it are under the rule's option `locale_key`.
    pub fn with_index(
        o: &MatcherOptions,
        rule: &RuleConfig,
        size_limit: usize,
        list: Option<(ListId, &'static str)>,
    ) -> Result<Matcher, ConfigError> {
        let shared = list
            .filter(|_| !o.phrases.is_empty())
            .map(|(id, key)| (id, o.phrases.clone(), key));
        let phrases = if shared.is_some() {
            CueSet::empty()
        } else {
            CueSet::new(&o.phrases)
                .map_err(|e| rule.origin.error("phrases", Some(&rule.code), e))?
        };
        let build = |p: &str| {
            RegexBuilder::new(p)
                .case_insensitive(!o.case_sensitive)
                .size_limit(size_limit)
                .dfa_size_limit(size_limit)
                .build()
        };
        // Each pattern alone first, so that an error names the pattern at fault.
        for p in &o.patterns {
            build(p).map_err(|e| {
                rule.origin.error(
                    p,
                    Some(&rule.code),
                    format!(
                        "invalid pattern {}: {}",
                        crate::ingest::shortened(&format!("{p:?}"), crate::ingest::MAX_SHOWN),
                        crate::ingest::one_line(&e.to_string())
                    ),
                )
            })?;
        }
        let joined = match o.patterns.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => Some(
                many.iter()
                    .map(|p| format!("(?:{p})"))
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
        };
        let required = joined
            .as_deref()
            .and_then(|p| RequiredWords::of(p, !o.case_sensitive));
        let regex = joined.as_deref().map(build).transpose().map_err(|e| {
            rule.origin.error(
                "patterns",
                Some(&rule.code),
                format!(
                    "patterns together: {}",
                    crate::ingest::one_line(&e.to_string())
                ),
            )
        })?;
        Ok(Matcher {
            phrases,
            shared,
            regex,
            required,
        })
    }

    /// The phrase list this matcher reads from the shared index, with its id: the rule set
    /// hands it to the extractor, which searches it with every other list.
    pub fn indexed_phrases(&self) -> Option<RuleList<'_>> {
        self.shared.as_ref().map(|(id, phrases, key)| RuleList {
            id: *id,
            phrases,
            locale_key: key,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.shared.is_none() && self.regex.is_none()
    }

    /// Every match inside `span`, in text order, with absolute spans. `hits` are the
    /// article's matches in the shared phrase index. Empty matches (a pattern that matches
    /// everywhere) are skipped.
    pub fn find(&self, hits: &[ListMatch], ctx: &ArticleContext<'_>, span: Span) -> Vec<Span> {
        let text = ctx.text();
        let mut out: Vec<Span> = match &self.shared {
            Some((list, _, _)) => {
                let from = hits.partition_point(|m| m.span.start < span.start);
                hits[from..]
                    .iter()
                    .take_while(|m| m.span.end <= span.end)
                    .filter(|m| m.list == *list)
                    .map(|m| m.span)
                    .collect()
            }
            None => self
                .phrases
                .find_in(text, span)
                .into_iter()
                .map(|m| m.span)
                .collect(),
        };
        if let Some(re) = &self.regex {
            let hay = span.text(text);
            if self
                .required
                .as_ref()
                .is_some_and(|r| !r.may_match(span.text(ctx.lower_text())))
            {
                return finish(out);
            }
            for m in re.find_iter(hay) {
                if m.start() < m.end() {
                    out.push(Span::new(span.start + m.start(), span.start + m.end()));
                }
            }
        }
        finish(out)
    }
}

/// Matches in text order, overlapping matches of one place counted once (the longest of
/// those starting together: "insiders suggest" rather than the list's "insiders").
fn finish(mut out: Vec<Span>) -> Vec<Span> {
    out.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Parts of an article a rule can be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every part of the article's prose: title, headings, paragraphs, list items.
    All,
    Title,
    Headings,
    /// Paragraphs and list items.
    Body,
    FirstParagraph,
    /// Quoted words in the prose.
    Quotes,
    /// The body without its quoted words.
    OutsideQuotes,
    /// Page furniture: share buttons, subscription prompts, comment forms.
    Furniture,
}

pub fn default_scope() -> Vec<Scope> {
    vec![Scope::All]
}

/// The spans of the article that the scopes cover, in text order.
pub fn scope_spans(ctx: &ArticleContext<'_>, scopes: &[Scope]) -> Vec<Span> {
    let doc = &ctx.analysis.doc;
    let mut out = Vec::new();
    let first_paragraph = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph);
    for (i, b) in doc.blocks.iter().enumerate() {
        let body = matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem);
        for scope in scopes {
            match scope {
                Scope::All if b.kind.is_content() => out.push(b.span),
                Scope::Title if b.kind == BlockKind::Title => out.push(b.span),
                Scope::Headings if b.kind == BlockKind::Heading => out.push(b.span),
                Scope::Body if body => out.push(b.span),
                Scope::FirstParagraph if Some(i) == first_paragraph => out.push(b.span),
                Scope::Quotes if b.kind.is_content() => out.extend(quotes_in(ctx, b.span)),
                Scope::OutsideQuotes if body => out.extend(outside(b.span, quotes_in(ctx, b.span))),
                Scope::Furniture if b.kind == BlockKind::Boilerplate => out.push(b.span),
                _ => {}
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The article's quotations inside one block.
fn quotes_in<'c>(ctx: &'c ArticleContext<'_>, block: Span) -> &'c [Span] {
    let quotes = &ctx.analysis.quotes;
    let from = quotes.partition_point(|q| q.start < block.start);
    let to = quotes.partition_point(|q| q.start < block.end);
    &quotes[from..to.max(from)]
}

fn outside(block: Span, holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = block.start;
    for h in holes {
        if h.start > at {
            out.push(Span::new(at, h.start));
        }
        at = at.max(h.end);
    }
    if at < block.end {
        out.push(Span::new(at, block.end));
    }
    out
}

/// The configured regex size limit, for kinds that compile patterns.
pub fn size_limit(config: &crate::config::Config) -> usize {
    config.limits.max_pattern_bytes
}
