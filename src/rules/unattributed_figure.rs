//! unattributed-figure: a precise figure that no one is quoted for and no other outlet
//! on the story reports.

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::config::{ConfigError, RuleConfig};
use crate::extract::{Attribution, DatePrecision, Figure, FigureKind, Qualifier};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Each precise figure (a count, an amount, a percentage, a duration, an exact \
date or time) in a sentence with no attribution, that no other article on the same story \
reports with a compatible value.",
    why: "Careful reporting says where a number comes from, and a number that is true is \
usually reported by more than one outlet. A precise figure with neither is the easiest detail \
to invent and the hardest for a reader to check.",
    example: "\"The blast killed 132 people on the outskirts of the city.\" — no source, and \
no other article on the story gives 132.",
    not_flagged: "\"Police said the blast killed 132 people\" (attributed); the same sentence \
when another outlet reports 130–134 deaths (corroborated within the measure's tolerance); \
\"about 200\", \"two\" (hedged or in words); small counts below `min-value`; figures in \
headings; a figure in parentheses that restates the one before it in another unit, currency or \
time zone (\"06:30 (22:30 GMT)\").",
    options: "`kinds` (figure kinds that count), `min-value` (smallest count or number), \
`date-precision` (day, time, month, year), `skip-approximate`, `skip-words`, \
`skip-headings`, `anonymous-counts-as-attributed`, `min-outlets` (outlets a story needs before \
a figure can be unsupported; below it the rule reports \"not assessed\").",
    placeholders: &["figure"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    #[serde(default = "default_kinds")]
    pub kinds: Vec<String>,
    #[serde(default = "default_min_value")]
    pub min_value: f64,
    #[serde(default = "default_date_precision")]
    pub date_precision: Vec<String>,
    #[serde(default = "yes")]
    pub skip_approximate: bool,
    #[serde(default = "yes")]
    pub skip_words: bool,
    #[serde(default = "yes")]
    pub skip_headings: bool,
    #[serde(default = "yes")]
    pub anonymous_counts_as_attributed: bool,
    /// Outlets the story needs (this one included) before a figure nobody else reports
    /// counts as unsupported: alone, every precise figure would.
    #[serde(default = "default_min_outlets")]
    pub min_outlets: usize,
    /// Phrases that place a sentence in another time than the story's ("last year",
    /// "previous"): with the years and months a sentence names (other than the article's
    /// own), its figures are background, not the story's claims.
    #[serde(default)]
    pub other_time: crate::cues::WordList,
    /// Words that open a sentence continuing the previous one's subject and time.
    #[serde(default)]
    pub continuing_words: Vec<String>,
    /// Charge only figures that claim something of the story: a headcount, a count of a
    /// named thing, an amount of money with its frame, a share of something (keyed as
    /// `[figure-keys]` keys them). Other unsupported figures (a time of day, a measurement,
    /// a date) are shown as notes, with no points: no other outlet need repeat them.
    #[serde(default)]
    pub claims_only: bool,
}

fn default_min_outlets() -> usize {
    2
}

fn default_kinds() -> Vec<String> {
    ["count", "money", "percent", "duration", "date"]
        .map(String::from)
        .to_vec()
}
fn default_min_value() -> f64 {
    10.0
}
fn default_date_precision() -> Vec<String> {
    vec!["day".into(), "time".into()]
}
fn yes() -> bool {
    true
}

/// Which figures count as "specifics": shared with the density rule.
#[derive(Debug, Clone)]
pub struct SpecificFilter {
    kinds: Vec<FigureKind>,
    min_value: f64,
    precisions: Vec<DatePrecision>,
    skip_approximate: bool,
    skip_words: bool,
    skip_headings: bool,
    anonymous_ok: bool,
    min_outlets: usize,
    other_time: crate::cues::WordList,
    continuing_words: Vec<String>,
    /// How claims are keyed, when only claims are charged (`claims-only`).
    claims: Option<crate::stories::figure_keys::KeyOptions>,
}

impl SpecificFilter {
    pub fn from_options(
        o: &Options,
        rule: &RuleConfig,
        config: &crate::config::Config,
    ) -> Result<SpecificFilter, ConfigError> {
        let claims = if o.claims_only {
            let mut keys = config.figure_keys.options()?;
            keys.min_value = o.min_value;
            keys.min_headcount = o.min_value;
            Some(keys)
        } else {
            None
        };
        let mut kinds = Vec::new();
        for k in &o.kinds {
            kinds.push(FigureKind::parse(k).ok_or_else(|| {
                rule.origin
                    .error(k, Some(&rule.code), format!("unknown figure kind \"{k}\""))
            })?);
        }
        let mut precisions = Vec::new();
        for p in &o.date_precision {
            precisions.push(match p.as_str() {
                "day" => DatePrecision::Day,
                "month" => DatePrecision::Month,
                "year" => DatePrecision::Year,
                "decade" => DatePrecision::Decade,
                "time" => DatePrecision::Time,
                other => {
                    return Err(rule.origin.error(
                        other,
                        Some(&rule.code),
                        format!(
                            "unknown date precision \"{other}\" (day, month, year, decade, time)"
                        ),
                    ));
                }
            });
        }
        Ok(SpecificFilter {
            claims,
            kinds,
            min_value: o.min_value,
            precisions,
            skip_approximate: o.skip_approximate,
            skip_words: o.skip_words,
            skip_headings: o.skip_headings,
            anonymous_ok: o.anonymous_counts_as_attributed,
            min_outlets: o.min_outlets,
            other_time: o.other_time.clone(),
            continuing_words: o.continuing_words.clone(),
        })
    }

    /// The lists that place a figure's sentence in another time, when the filter has any.
    pub fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        (!self.other_time.is_empty()).then_some((&self.other_time, &self.continuing_words))
    }

    /// Why figures cannot be judged unsupported in this story, if they cannot: with too
    /// few outlets, no figure can be corroborated.
    pub fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        let outlets = ctx.story.outlets;
        if outlets < self.min_outlets {
            return Some(format!(
                "not assessed: the story has {outlets} outlet{}, and corroboration needs {}",
                if outlets == 1 { "" } else { "s" },
                self.min_outlets
            ));
        }
        if !ctx
            .story
            .on_subject
            .get(ctx.member)
            .copied()
            .unwrap_or(true)
        {
            return Some(
                "not assessed: no other article of the batch shares its subject, so none can corroborate its figures".into(),
            );
        }
        None
    }

    /// Whether the figure is a precise figure stated without attribution.
    pub fn is_unattributed_specific(&self, fig: &Figure) -> bool {
        let attributed = match fig.attribution {
            Attribution::Named => true,
            Attribution::Anonymous => self.anonymous_ok,
            Attribution::None => false,
        };
        !attributed && self.is_specific(fig)
    }

    pub fn is_specific(&self, fig: &Figure) -> bool {
        if !self.kinds.contains(&fig.kind) {
            return false;
        }
        if self.skip_words && fig.in_words {
            return false;
        }
        if self.skip_headings && fig.in_heading {
            return false;
        }
        if self.skip_approximate && fig.qualifier == Qualifier::About {
            return false;
        }
        match fig.kind {
            FigureKind::Date => fig
                .date
                .is_some_and(|d| self.precisions.contains(&d.precision) && !fig.relative),
            FigureKind::Count | FigureKind::Number => {
                // A bare number with neither noun nor unit says too little to check.
                (fig.noun.is_some() || fig.unit.is_some() || fig.measure.is_some())
                    && fig.value.is_some_and(|v| v >= self.min_value)
            }
            FigureKind::Duration => fig.qualifier != Qualifier::Since && fig.value.is_some(),
            FigureKind::Ordinal | FigureKind::Age => false,
            FigureKind::Money => fig.value.is_some(),
            // "100%" and "0%" are idioms ("a 100% view") more often than measurements.
            FigureKind::Percent => fig.value.is_some_and(|v| v > 0.0 && v != 100.0),
        }
    }
}

pub struct UnattributedFigure {
    filter: SpecificFilter,
}

impl UnattributedFigure {
    pub fn new(rule: &RuleConfig, config: &crate::config::Config) -> Result<Self, ConfigError> {
        let o: Options = rule.parse_options()?;
        Ok(UnattributedFigure {
            filter: SpecificFilter::from_options(&o, rule, config)?,
        })
    }
}

impl SpecificFilter {
    /// The figures that claim something of the story in its own time, when only claims are
    /// charged; None when every specific figure is.
    pub(super) fn claims(&self, ctx: &ArticleContext<'_>) -> Option<Vec<usize>> {
        self.claims.as_ref().map(|keys| {
            crate::stories::figure_keys::keyed_figures(ctx.text(), ctx.analysis, keys)
                .into_iter()
                .filter(|k| k.time.is_empty())
                .map(|k| k.figure)
                .collect()
        })
    }
}

impl Check for UnattributedFigure {
    fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        self.filter.not_assessed(ctx)
    }

    fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        self.filter.time_words()
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let unsupported = unsupported_figures(&self.filter, ctx);
        if unsupported.is_empty() {
            return;
        }
        let claims = self.filter.claims(ctx);
        for i in unsupported {
            let fig = &ctx.analysis.extraction.figures[i];
            let claim = claims.as_ref().is_none_or(|c| c.contains(&i));
            let mut hit = Hit::new(fig.span);
            if !claim {
                // A note: shown by `explain`, no points.
                hit.factor = 0.0;
            }
            hits.push(
                hit.var("figure", format!("\"{}\"", fig.text))
                    .evidence(json!({
                        "figure": fig.text,
                        "kind": fig.kind.as_str(),
                        "value": fig.value,
                        "measure": fig.measure,
                        "attribution": fig.attribution,
                        "corroborating_articles": 0,
                        "other_articles_on_story": ctx.story_size.saturating_sub(1),
                        "claim": claim,
                    })),
            );
        }
    }
}

/// Whether a figure is part of a name or a code rather than a quantity: glued to letters
/// before it ("H.264", "COVID-19"), a phone number's or code's digits (a leading zero, or a
/// run of digit groups: "0845 125 2222"), one side of a dimension ("1280 x 800"), or a
/// number named with "the" that counts nothing ("the 777", "the 801").
fn is_identifier(text: &str, fig: &Figure) -> bool {
    let before = text.get(..fig.span.start).unwrap_or("");
    let after = text.get(fig.span.end..).unwrap_or("");
    let glued_to_letters = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || c == '.' || c == '-')
        && before
            .trim_end_matches(['.', '-'])
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    let leading_zero = fig.text.len() >= 3
        && fig.text.starts_with('0')
        && fig.text.bytes().all(|b| b.is_ascii_digit());
    let digit_run = |s: &str| {
        s.split_whitespace()
            .next()
            .is_some_and(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_digit()))
    };
    let in_a_code = fig.text.bytes().all(|b| b.is_ascii_digit())
        && (digit_run(after) || digit_run(before.rsplit(' ').next().unwrap_or("")));
    let dimension = after.trim_start().starts_with(['x', '×'])
        && after.trim_start()[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
        || before.trim_end().ends_with([' ', 'x', '×'])
            && before
                .trim_end()
                .trim_end_matches(['x', '×'])
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
            && before.trim_end().ends_with(['x', '×']);
    let named = fig.noun.is_none()
        && fig.unit.is_none()
        && fig.kind != FigureKind::Date
        && before
            .trim_end()
            .get(before.trim_end().len().saturating_sub(4)..)
            .is_some_and(|w| w.eq_ignore_ascii_case(" the"));
    glued_to_letters || leading_zero || in_a_code || dimension || named
}

/// A figure in parentheses right after another of the same kind restates it in another
/// unit, currency or time zone ("06:30 (22:30 GMT)", "€1.5bn ($1.6bn)", a timeline's
/// "02:28: (18:28 GMT)"): the claim is made once, by the figure before it.
fn restates_previous(text: &str, figures: &[Figure], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|p| &figures[p]) else {
        return false;
    };
    let figure = &figures[i];
    if previous.kind != figure.kind || previous.span.end > figure.span.start {
        return false;
    }
    let between = text.get(previous.span.end..figure.span.start).unwrap_or("");
    // Nothing but white space, a label's colon and the opening parenthesis.
    between.len() <= 8
        && between
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ':')
            .eq(['('])
}

pub(super) fn specific_filter(
    rule: &RuleConfig,
    config: &crate::config::Config,
) -> Result<SpecificFilter, ConfigError> {
    let o: Options = rule.parse_options()?;
    SpecificFilter::from_options(&o, rule, config)
}

/// Indices of the article's unsupported specific figures: unattributed, uncorroborated,
/// and each figure once (a pasted-twice paragraph repeats its figures, not its claims).
pub(super) fn unsupported_figures(filter: &SpecificFilter, ctx: &ArticleContext<'_>) -> Vec<usize> {
    let figures = &ctx.analysis.extraction.figures;
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let mut times = None;
    for (i, fig) in figures.iter().enumerate() {
        if !filter.is_unattributed_specific(fig)
            || ctx.corroboration.get(i).copied().unwrap_or(0) > 0
            || seen.contains(&fig.text.as_str())
            || restates_previous(ctx.text(), figures, i)
            || is_identifier(ctx.text(), fig)
        {
            continue;
        }
        // Background of another time ("the 1972 settlement paid $750,000", "Sept. 11,
        // 2001") is not the story's claim: no outlet on the story need report it.
        if !filter.other_time.is_empty() {
            let times = times.get_or_insert_with(|| {
                crate::analysis::times::sentence_times(
                    ctx.text(),
                    ctx.analysis,
                    &filter.other_time,
                    &filter.continuing_words,
                )
            });
            if times.get(fig.sentence).is_some_and(|t| !t.is_empty()) {
                continue;
            }
        }
        seen.push(&fig.text);
        out.push(i);
    }
    out
}
