//! conditional: where the first pattern appears, the second must appear nearby (the general
//! form of "a claim needs an attribution").

use super::pattern::{Matcher, MatcherOptions, Scope, default_scope, scope_spans};
use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{Config, ConfigError, RuleConfig};
use crate::cues::{ListId, RuleList};
use crate::text::Span;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each match of `first` in the scope, and whether a match of `second` \
stands within the `window` around it: the same sentence, the same paragraph, or that \
paragraph and its neighbours.",
    why: "Some things need a companion: a quotation needs a speaker, a claim a source. When the \
companion is missing the reader cannot tell who is speaking or who vouches for it.",
    example: "`first` a quotation, `second` a speech verb, `window = \"neighbours\"`: fires on a \
quoted sentence with no \"said\", \"told\" or \"according to\" in its paragraph or the ones \
around it.",
    not_flagged: "Matches of `first` with a `second` inside the window.",
    options: "`first` and `second` (each a table of `phrases`, `patterns`, `case-sensitive`), \
`window` (sentence, paragraph, neighbours), `scope`.",
    placeholders: &["match"],
};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Window {
    Sentence,
    Paragraph,
    Neighbours,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    first: MatcherOptions,
    second: MatcherOptions,
    #[serde(default = "default_window")]
    window: Window,
    #[serde(default = "default_scope")]
    scope: Vec<Scope>,
}

fn default_window() -> Window {
    Window::Paragraph
}

pub struct Conditional {
    first: Matcher,
    second: Matcher,
    /// The lists in other languages, by language code: the `second` list (and the `first`
    /// when the language gives one) from its `[lang.xx.rules.CODE]` table.
    languages: Vec<(String, Option<Matcher>, Matcher)>,
    window: Window,
    scope: Vec<Scope>,
}

impl Conditional {
    pub fn new(
        rule: &RuleConfig,
        config: &Config,
        size_limit: usize,
        list: u32,
    ) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        // `second` is searched around every match of `first`, often over the same paragraphs
        // again: its phrases ride in the extractor's one pass instead, in every language
        // under the same list (a language's own phrases replace the English ones there).
        let indexed = Some((ListId::Rule(list), "second"));
        let mut languages = Vec::new();
        for (code, locale) in &config.languages {
            let in_language = |key: &str, base: &MatcherOptions| {
                locale
                    .rule_phrases(&rule.code, key)
                    .map(|phrases| MatcherOptions {
                        phrases: phrases.to_vec(),
                        ..base.clone()
                    })
            };
            // Without its own `second` list a language cannot clear a match: the rule does
            // not judge it rather than judge it by English words.
            let Some(second) = in_language("second", &o.second) else {
                continue;
            };
            let first = in_language("first", &o.first)
                .map(|f| Matcher::new(&f, rule, size_limit))
                .transpose()?;
            languages.push((
                code.clone(),
                first,
                Matcher::with_index(&second, rule, size_limit, indexed)?,
            ));
        }
        Ok(Conditional {
            first: Matcher::new(&o.first, rule, size_limit)?,
            second: Matcher::with_index(&o.second, rule, size_limit, indexed)?,
            languages,
            window: o.window,
            scope: o.scope,
        })
    }

    /// The lists for the article's language; none when the rule has no words for it.
    fn matchers(&self, ctx: &ArticleContext<'_>) -> Option<(&Matcher, &Matcher)> {
        let language = &ctx.analysis.language;
        if language.is_english() {
            return Some((&self.first, &self.second));
        }
        let code = crate::language::primary_subtag(&language.code);
        self.languages
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, first, second)| (first.as_ref().unwrap_or(&self.first), second))
    }

    fn window_around(&self, ctx: &ArticleContext<'_>, at: Span) -> Span {
        let doc = &ctx.analysis.doc;
        match self.window {
            Window::Sentence => doc
                .sentence_at(at.start)
                .map_or(at, |i| doc.sentences[i].span),
            Window::Paragraph | Window::Neighbours => {
                let content: Vec<usize> = (0..doc.blocks.len())
                    .filter(|&i| doc.blocks[i].kind.is_content())
                    .collect();
                let Some(pos) = content
                    .iter()
                    .position(|&i| doc.blocks[i].span.contains(Span::new(at.start, at.start)))
                else {
                    return at;
                };
                let (lo, hi) = if self.window == Window::Neighbours {
                    (pos.saturating_sub(1), (pos + 1).min(content.len() - 1))
                } else {
                    (pos, pos)
                };
                Span::new(
                    doc.blocks[content[lo]].span.start,
                    doc.blocks[content[hi]].span.end,
                )
            }
        }
    }
}

impl Check for Conditional {
    fn reads_story(&self) -> bool {
        false
    }

    fn indexed_phrases(&self) -> Option<RuleList<'_>> {
        self.second.indexed_phrases()
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let Some((first, second)) = self.matchers(ctx) else {
            return;
        };
        for span in scope_spans(ctx, &self.scope) {
            for m in first.find(&[], ctx, span) {
                let window = self.window_around(ctx, m);
                if !second.find(ctx.phrase_hits, ctx, window).is_empty() {
                    continue;
                }
                let found: String = m
                    .text(text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let shown: String = if found.chars().count() > 80 {
                    format!("{}…", found.chars().take(79).collect::<String>())
                } else {
                    found.clone()
                };
                // Where the second list was looked for, and not found: a reader can check it.
                let lines = &ctx.analysis.doc.lines;
                let (first, _) = lines.line_col(text, window.start);
                let (last, _) =
                    lines.line_col(text, window.end.saturating_sub(1).max(window.start));
                let searched = if first == last {
                    format!("line {first}")
                } else {
                    format!("lines {first}–{last}")
                };
                hits.push(
                    Hit::new(m)
                        .var("match", format!("\"{shown}\""))
                        .evidence(json!({ "match": found, "searched": searched })),
                );
            }
        }
    }
}
