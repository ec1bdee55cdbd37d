//! consensus: a figure far from what the other outlets on the story report.

use super::{ArticleContext, Check, Hit, KindDoc, Prepared};
use crate::config::{Config, ConfigError, Measure, RuleConfig};
use crate::stories::StoryView;
use crate::stories::claims::{ClaimOptions, Scale, StoryClaims, display_centre};
use crate::stories::stats::distance_to_interval;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each article's claim on an aligned quantity of its story (a measure's \
largest total, the date tied to an event word, the start date a duration of a running subject \
implies) against the median of the other articles' claims, one value per outlet, with a \
MAD-based spread floored by the measure's tolerance.",
    why: "When independent outlets agree on 130 and one says 1,300, the outlier is far more \
likely wrong than all the others. Tolls grow, so a later, larger figure of a growing measure is \
expected, within `max-growth`.",
    example: "Four outlets report 130 dead; a fifth reports 1,300.",
    not_flagged: "Parts and subgroups (a `part-cues` word in the clause, \"of\" or \"among\" just \
before the figure, counts under `min-value`); stories with fewer than `min-sources` other \
independent sources; figures \
within `threshold` spreads; a growing toll reported later and at most `max-growth` times the \
consensus; an earlier, smaller toll; \"at least X\" when the consensus is between X and \
`hedge-factor` × X.",
    options: "`measures`, `subjects`, `events`, `repeat-cues`, `part-cues`, `hedge-factor`, \
`tolerance-days`, `min-value`, `min-sources`, `threshold`, `max-growth`, `max-factor`, \
`full-ratio` (a count this many times the consensus, or as small a fraction, earns the full \
weight before support; default 2).",
    placeholders: &["claim", "consensus", "deviation", "key", "sources"],
};

/// How many of the articles behind a consensus a finding's evidence names.
const EVIDENCE_ARTICLES: usize = 20;

pub struct ConsensusOutlier {
    o: ClaimOptions,
    measures: Vec<Measure>,
    /// This rule's key in an article's claim memo: unique to the rule as built, so that
    /// two rule sets (or two consensus rules with different options) never share claims.
    memo_key: u64,
}

impl ConsensusOutlier {
    pub fn new(rule: &RuleConfig, config: &Config) -> Result<Self, ConfigError> {
        static NEXT_KEY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(ConsensusOutlier {
            o: ClaimOptions::of_rule(rule, config)?,
            measures: config.measures.clone(),
            memo_key: NEXT_KEY.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// The options claims are read and held to the consensus with.
    pub fn options(&self) -> &ClaimOptions {
        &self.o
    }
}

impl Check for ConsensusOutlier {
    fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        (!self.o.other_time.is_empty()).then_some((&self.o.other_time, &self.o.continuing_words))
    }

    /// An article that shares its subject with no other voice of the batch is not held to
    /// what the others report: it is about something else.
    fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        (!ctx.story.on_subject.get(ctx.member).copied().unwrap_or(true)).then(|| {
            "not assessed: no other article of the batch shares its subject, so there is no consensus to hold it to".to_string()
        })
    }

    fn prepare(&self, story: &StoryView<'_>) -> Option<Prepared> {
        (story.members.len() > self.o.min_sources).then(|| {
            Prepared::Claims(StoryClaims::remembered(
                story,
                &self.measures,
                &self.o,
                Some(self.memo_key),
            ))
        })
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(Prepared::Claims(claims)) = ctx.prepared else {
            return;
        };
        let figures = ctx.figures();
        for claim in claims.checked(ctx.member) {
            // The summary settles almost every claim; only a finding lists the articles.
            let Some(consensus) = claims.summary(&claim.key, Some(ctx.member)) else {
                continue;
            };
            if consensus.sources < self.o.min_sources {
                continue;
            }
            // A small count in a story of large ones is a subgroup, not a rival total.
            if claim.small && consensus.centre >= self.o.min_value {
                continue;
            }
            let (lo, hi, centre) = match claim.scale {
                Scale::Ratio => (claim.low.ln(), claim.high.ln(), consensus.centre.ln()),
                Scale::Days => (claim.low, claim.high, consensus.centre),
            };
            let deviation = distance_to_interval(centre, lo, hi);
            let z = deviation / consensus.spread;
            if z <= self.o.threshold {
                continue;
            }
            let above = centre < lo;
            if claim.grows {
                let published = ctx.analysis.published;
                let later = matches!((published, consensus.published), (Some(a), Some(b)) if a > b);
                let earlier =
                    matches!((published, consensus.published), (Some(a), Some(b)) if a < b);
                if above && later && lo - centre <= self.o.max_growth.ln() {
                    continue;
                }
                if !above && earlier {
                    continue;
                }
            }
            let figure = &figures[claim.figure];
            let (articles, article_count) = claims.consensus_articles(
                ctx.story,
                &claim.key,
                Some(ctx.member),
                EVIDENCE_ARTICLES,
            );
            let shown_consensus = display_centre(&claim.key, consensus.scale, consensus.centre);
            let shown_deviation = match claim.scale {
                Scale::Ratio => format!(
                    "{:.1}×",
                    (claim.value / consensus.centre).max(consensus.centre / claim.value)
                ),
                Scale::Days => format!("{:.0} days", (claim.value - consensus.centre).abs()),
            };
            let mut hit = Hit::new(figure.span)
                .var("claim", format!("\"{}\"", figure.text))
                .var("key", claim.key.replace(':', " of the "))
                .var("consensus", &shown_consensus)
                .var("sources", consensus.sources)
                .var("deviation", &shown_deviation)
                .evidence(json!({
                    "claim": ctx.figure_evidence(figure),
                    "aligned_on": claim.key,
                    "consensus": shown_consensus,
                    "consensus_value": consensus.centre,
                    "sources": consensus.sources,
                    // The first few articles name the consensus; a story of thousands
                    // would otherwise copy every id into every finding.
                    "articles": articles,
                    "article_count": article_count,
                    "deviation": shown_deviation,
                    "robust_z": (z * 10.0).round() / 10.0,
                }));
            let support = (consensus.sources as f64 / self.o.min_sources as f64).sqrt();
            // Points grow with the deviation and with the consensus' support, within the cap.
            // A count's deviation is also read as a ratio: when outlets agree to the unit,
            // the robust z of a figure 30% off is as large as that of one ten times off,
            // and the two are not equally damning.
            let strength = match claim.scale {
                Scale::Ratio => {
                    (z / self.o.threshold).min(deviation / self.o.full_ratio.max(1.01).ln())
                }
                Scale::Days => z / self.o.threshold,
            };
            hit.factor = (strength * support).min(self.o.max_factor);
            hits.push(hit);
        }
    }
}
