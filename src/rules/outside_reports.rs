//! outside-reports: a figure far outside everything the other outlets on the story report
//! for the same thing (the same headcount, the same counted noun, the same frame of money),
//! placed in the same time.

use super::{ArticleContext, Check, Hit, KindDoc, Prepared};
use crate::config::{ConfigError, RuleConfig};
use crate::stories::StoryView;
use crate::stories::claims::format_number;
use crate::stories::figure_keys::{KeyOptions, KeyedFigure, keyed_figures};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each count or amount keyed by what it counts (a headcount measure, the \
plural noun a count counts, the frame of an amount of money and its currency) and by the time \
its sentence names (a year, a month, \"last year\"), against the values the other outlets on \
the story give for the same key and time.",
    why: "When most outlets put a haul at two million euros and one at twenty million, or a \
staff at 350 and one at 70, the odd one out is a slip or an invention. Requiring most other \
outlets to lie beyond the same factor, and none to come near the figure, keeps the finding to \
figures no reading of the story supports.",
    example: "Five outlets say 350 employees; a sixth says 70.",
    not_flagged: "Figures another outlet comes within `corroborate-factor` of; figures less \
than `factor` away from the other outlets' values; keys fewer than `min-sources` other outlets \
report; figures placed in another time than the others' (a year, a month, \"last year\", or \
the sentence before for a sentence opening \"It\"); vague counts (\"hundreds\"); amounts that \
size a market; a low figure next to the article's own higher one (a part); a low floor (\"at \
least three\" is not contradicted by ten); a low figure of a growing measure in an article not \
known to be as late as the others (an early count); for growing \
measures, a later higher or earlier lower figure within `max-growth`.",
    options: "`measures`, `money-frames`, `aggregate-nouns`, `generic-nouns`, \
`irregular-plurals`, `vague-words`, `other-time`, `continuing-words`, `min-value`, \
`hedge-factor` (how figures are keyed: see the default rules), `factor` (how many times \
beyond the others a figure must lie, default 3), `share` (the share of other outlets that \
must lie beyond it, default 0.67), `min-sources` (default 3), `corroborate-factor` (default \
1.5), `growing` (measures whose figures grow as a story goes on), `max-growth` (default 3).",
    placeholders: &[
        "claim",
        "direction",
        "ratio",
        "sources",
        "beyond",
        "key",
        "others",
    ],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_min_value")]
    min_value: f64,
    /// Headcounts (deaths, arrests …) from this size are compared; `min-value` when unset.
    #[serde(default)]
    min_headcount: Option<f64>,
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
    #[serde(default = "default_factor")]
    factor: f64,
    #[serde(default = "default_share")]
    share: f64,
    #[serde(default = "default_min_sources")]
    min_sources: usize,
    #[serde(default = "default_corroborate")]
    corroborate_factor: f64,
    #[serde(default)]
    growing: Vec<String>,
    #[serde(default = "default_growth")]
    max_growth: f64,
}

fn default_min_value() -> f64 {
    10.0
}
fn default_hedge() -> f64 {
    2.0
}
fn default_factor() -> f64 {
    3.0
}
fn default_share() -> f64 {
    0.67
}
fn default_min_sources() -> usize {
    3
}
fn default_corroborate() -> f64 {
    1.5
}
fn default_growth() -> f64 {
    3.0
}

pub struct OutsideReports {
    o: Options,
    keys: KeyOptions,
}

/// Within what factor two outlets agree, as a rule of this kind reads it: what `credence
/// stories` uses to show the figures a story's outlets agree on.
pub fn agreement_factor(rule: &RuleConfig) -> Result<f64, ConfigError> {
    let o: Options = rule.parse_options()?;
    Ok(o.corroborate_factor)
}

impl OutsideReports {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        let mut keys = config.figure_keys.options()?;
        keys.min_value = o.min_value;
        keys.min_headcount = o.min_headcount.unwrap_or(o.min_value);
        keys.hedge_factor = o.hedge_factor;
        Ok(OutsideReports { o, keys })
    }
}

/// Every member's keyed figures, computed once per story.
pub struct StoryKeys {
    members: Vec<Vec<KeyedFigure>>,
}

/// What the other outlets give for one key and time: per outlet, its lowest and highest value.
struct Others {
    outlets: Vec<(f64, f64)>,
    /// Whether any other outlet gives a value in the corroboration interval.
    corroborated: bool,
}

impl Check for OutsideReports {
    /// An article that shares its subject with no other voice of the batch is not held to
    /// what the others report.
    fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        (!ctx.story.on_subject.get(ctx.member).copied().unwrap_or(true)).then(|| {
            "not assessed: no other article of the batch shares its subject, so there are no other reports to hold it to".to_string()
        })
    }

    fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        Some((&self.keys.other_time, &self.keys.continuing_words))
    }

    fn prepare(&self, story: &StoryView<'_>) -> Option<Prepared> {
        (story.outlets > self.o.min_sources).then(|| {
            let members = story
                .members
                .iter()
                .map(|m| keyed_figures(&m.article.text, m.analysis, &self.keys))
                .collect();
            Prepared::Keys(StoryKeys { members })
        })
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let Some(Prepared::Keys(keys)) = ctx.prepared else {
            return;
        };
        let own = &keys.members[ctx.member];
        let voice = ctx.story.voices[ctx.member];
        let figures = ctx.figures();
        // The members this article is held to: other outlets', on the story's subject and on
        // this article's own. Found once for all its claims (comparing the subjects' words is
        // the costly part), and only when a claim needs them.
        let compared = std::cell::OnceCell::new();
        let compared = || -> &[bool] {
            compared.get_or_init(|| {
                let own_words = &ctx.analysis.fingerprint.words;
                let story = ctx.story;
                (0..story.members.len())
                    .map(|m| {
                        m != ctx.member
                            && story.voices[m] != voice
                            && story.on_subject[m]
                            && crate::stories::subjects::same_subject(
                                own_words,
                                &story.members[m].analysis.fingerprint.words,
                            )
                    })
                    .collect::<Vec<bool>>()
            })
        };
        // Shares are shown as a story's figures but not judged: one story's percentages
        // measure too many different things under one noun.
        for claim in own
            .iter()
            .filter(|c| !c.in_heading && !c.key.starts_with("percent:"))
        {
            let others = self.others(ctx, keys, compared(), claim);
            if others.corroborated || others.outlets.len() < self.o.min_sources {
                continue;
            }
            let needed = (self.o.share * others.outlets.len() as f64)
                .ceil()
                .max(self.o.min_sources as f64) as usize;
            let mut factor = self.o.factor;
            let grows = self.o.growing.contains(&claim.key);
            let below = others
                .outlets
                .iter()
                .filter(|(_, hi)| hi * factor <= claim.low)
                .count();
            let above = others
                .outlets
                .iter()
                .filter(|(lo, _)| *lo >= claim.high * factor)
                .count();
            let high = below >= needed;
            // "At least three" is not contradicted by ten: a floor is never too low. Nor is
            // an early, lower toll of a running total.
            let figure = &figures[claim.figure];
            let floor = figure.qualifier == crate::extract::Qualifier::AtLeast;
            let low = above >= needed && !high && !floor;
            if !high && !low {
                continue;
            }
            // When the article itself gives the value the others report for the key, its
            // far-off figure counts something else under the same noun (a part, a wider
            // group: "23 pirates were captured" beside "1,500 pirates operate there").
            let agrees_elsewhere = own.iter().any(|o| {
                !std::ptr::eq(o, claim)
                    && o.aligns(claim)
                    && self.corroborated(ctx, keys, compared(), o)
            });
            if agrees_elsewhere {
                continue;
            }
            if grows {
                let published = ctx.analysis.published;
                let others_published = self.others_published(ctx);
                let later = matches!((published, others_published), (Some(a), Some(b)) if a > b);
                let earlier = matches!((published, others_published), (Some(a), Some(b)) if a < b);
                // A running total told lower than the others' may simply be an early count:
                // judged only when the article is known not to be the earlier one.
                let not_earlier =
                    matches!((published, others_published), (Some(a), Some(b)) if a >= b);
                if low && !not_earlier {
                    continue;
                }
                if (high && later) || (low && earlier) {
                    factor *= self.o.max_growth;
                    let still = if high {
                        others
                            .outlets
                            .iter()
                            .filter(|(_, hi)| hi * factor <= claim.low)
                            .count()
                    } else {
                        others
                            .outlets
                            .iter()
                            .filter(|(lo, _)| *lo >= claim.high * factor)
                            .count()
                    };
                    if still < needed {
                        continue;
                    }
                }
            }
            let mut values: Vec<f64> = others
                .outlets
                .iter()
                .flat_map(|(lo, hi)| [*lo, *hi])
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            let (reference, direction) = if high {
                (values.last().copied().unwrap_or(1.0), "above")
            } else {
                (values.first().copied().unwrap_or(1.0), "below")
            };
            let ratio = (claim.value / reference).max(reference / claim.value);
            let shown: Vec<String> = values.iter().take(8).map(|v| format_number(*v)).collect();
            let what = claim
                .key
                .replace("count:", "")
                .replace("money:", "")
                .replace(':', " in ");
            hits.push(
                Hit::new(figure.span)
                    .var("claim", format!("\"{}\"", figure.text))
                    .var("direction", direction)
                    .var("ratio", format!("{ratio:.1}"))
                    .var("sources", others.outlets.len())
                    .var("beyond", if high { below } else { above })
                    .var("key", &what)
                    .var("others", shown.join(", "))
                    .evidence(json!({
                        "claim": ctx.figure_evidence(figure),
                        "aligned_on": claim.key,
                        "time": claim.time,
                        "other_values": values,
                        "other_sources": others.outlets.len(),
                        "sources_beyond": if high { below } else { above },
                        "ratio": (ratio * 10.0).round() / 10.0,
                    })),
            );
        }
    }
}

impl OutsideReports {
    /// The other outlets' values for `claim`'s key and time, from the `compared` members
    /// (copies, the article's own outlet and articles on other subjects left out: a folder
    /// of unrelated articles is no story).
    fn others(
        &self,
        ctx: &ArticleContext<'_>,
        keys: &StoryKeys,
        compared: &[bool],
        claim: &KeyedFigure,
    ) -> Others {
        let c = self.o.corroborate_factor;
        let mut outlets: Vec<(u32, f64, f64)> = Vec::new();
        let mut corroborated = false;
        for (m, member) in keys.members.iter().enumerate() {
            if !compared[m] {
                continue;
            }
            let v = ctx.story.voices[m];
            for k in member.iter().filter(|k| k.aligns(claim)) {
                if k.high * c >= claim.low && k.low <= claim.high * c {
                    corroborated = true;
                }
                match outlets.iter_mut().find(|(o, _, _)| *o == v) {
                    Some((_, lo, hi)) => {
                        *lo = lo.min(k.value);
                        *hi = hi.max(k.value);
                    }
                    None => outlets.push((v, k.value, k.value)),
                }
            }
        }
        Others {
            outlets: outlets.into_iter().map(|(_, lo, hi)| (lo, hi)).collect(),
            corroborated,
        }
    }

    /// Whether another outlet gives a value near `claim`'s.
    fn corroborated(
        &self,
        ctx: &ArticleContext<'_>,
        keys: &StoryKeys,
        compared: &[bool],
        claim: &KeyedFigure,
    ) -> bool {
        self.others(ctx, keys, compared, claim).corroborated
    }

    /// The median publication day of the story's other members, when they have one.
    fn others_published(&self, ctx: &ArticleContext<'_>) -> Option<crate::date::Date> {
        let mut days: Vec<i64> = ctx
            .story
            .members
            .iter()
            .enumerate()
            .filter(|(m, _)| *m != ctx.member)
            .filter_map(|(_, m)| m.analysis.published.map(|d| d.to_days()))
            .collect();
        if days.is_empty() {
            return None;
        }
        days.sort_unstable();
        Some(crate::date::Date::from_days(days[days.len() / 2]))
    }
}
