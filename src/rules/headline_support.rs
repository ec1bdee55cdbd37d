//! headline-support: a figure in the headline that the body never gives.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Figure, FigureKind};
use crate::text::BlockKind;
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each figure in the article's title (a count, an amount, a percentage, a \
date) against the figures of its body: one the body never gives with a compatible value \
fires.",
    why: "A headline makes the claim most readers see. When the body never states or explains \
its figure, the headline promises what the reporting does not support.",
    example: "Title \"Blast kills 300\" over a body that only says \"dozens were killed\".",
    not_flagged: "Titles without figures; years and ordinals; figures the body gives within \
`tolerance`.",
    options: "`tolerance` (relative).",
    placeholders: &["claim"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_tolerance")]
    tolerance: f64,
}

fn default_tolerance() -> f64 {
    0.05
}

pub struct HeadlineSupport {
    o: Options,
}

impl HeadlineSupport {
    pub fn new(rule: &RuleConfig) -> Result<Self, ConfigError> {
        Ok(HeadlineSupport {
            o: rule.parse_options()?,
        })
    }
}

fn supported(title: &Figure, body: &[&Figure], tolerance: f64) -> bool {
    body.iter().any(|b| {
        if title.kind == FigureKind::Date {
            return b.kind == FigureKind::Date
                && b.date.map(|d| (d.month, d.day)) == title.date.map(|d| (d.month, d.day));
        }
        match (title.value, b.value) {
            (Some(t), Some(v)) => {
                let (lo, hi) = (b.low.unwrap_or(v), b.high.unwrap_or(v));
                t >= lo * (1.0 - tolerance) && t <= hi * (1.0 + tolerance)
            }
            _ => false,
        }
    })
}

impl HeadlineSupport {
    fn checkable(f: &Figure) -> bool {
        let kind_ok = match f.kind {
            FigureKind::Count | FigureKind::Money | FigureKind::Percent | FigureKind::Duration => {
                true
            }
            // "Blast kills 300 in market town": a bare number in a headline is a claim.
            FigureKind::Number => f.unit.is_none() && f.value.is_some_and(|v| v >= 2.0),
            FigureKind::Date => f.date.is_some_and(|d| d.day.is_some()),
            _ => false,
        };
        kind_ok && !f.in_words
    }
}

impl Check for HeadlineSupport {
    fn reads_story(&self) -> bool {
        false
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let doc = &ctx.analysis.doc;
        let in_title = |f: &Figure| {
            doc.sentences
                .get(f.sentence)
                .is_some_and(|s| doc.blocks[s.block].kind == BlockKind::Title)
        };
        let figures = ctx.figures();
        let body: Vec<&Figure> = figures.iter().filter(|f| !f.in_heading).collect();
        let has_title_block = doc.blocks.iter().any(|b| b.kind == BlockKind::Title);
        for f in figures.iter().filter(|f| in_title(f)) {
            if !Self::checkable(f) || supported(f, &body, self.o.tolerance) {
                continue;
            }
            hits.push(
                Hit::new(f.span)
                    .var("claim", format!("\"{}\"", f.text))
                    .evidence(json!({ "claim": ctx.figure_evidence(f) })),
            );
        }
        // A headline given in metadata is not in the text: check its figures all the same,
        // and point at the start of the body.
        if has_title_block {
            return;
        }
        let Some(title) = ctx.article.title.as_deref() else {
            return;
        };
        let at = doc
            .sentences
            .first()
            .map_or(crate::text::Span::new(0, 0), |s| s.span);
        for f in &ctx.analysis.title_figures {
            if !Self::checkable(f) || supported(f, &body, self.o.tolerance) {
                continue;
            }
            hits.push(
                Hit::new(at)
                    .var("claim", format!("\"{}\"", f.text))
                    .evidence(json!({ "headline": title, "claim": f.text, "value": f.value })),
            );
        }
    }
}
