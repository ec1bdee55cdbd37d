//! Claims: what an article says about one aligned quantity of its story (the death toll,
//! the people on board, the date of the ceasefire, when the war began), one value per
//! article, so that articles can be compared.

use super::leave_one_out::{KeyIndex, Summary};
use crate::analysis::Analysis;
use crate::config::Measure;
use crate::date::Date;
use crate::extract::event_of;
use crate::extract::{DatePrecision, Figure, FigureKind, Qualifier, duration_in_days};
use crate::ingest::Article;
use crate::stories::StoryView;
use crate::text::Span;
use crate::text::near;
use serde::{Deserialize, Serialize};
/// Maps inside one story (its members, their outlets and keys): small, and keyed by what
/// the story holds, so a fast hash rather than a keyed one.
type HashMap<K, V> = std::collections::HashMap<K, V, crate::lower::FnvBuild>;

/// What makes figures of different articles comparable; set in the consensus rule's
/// options so that the rule and `credence stories` agree.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClaimOptions {
    /// Count and money measures compared across articles.
    pub measures: Vec<String>,
    /// Groups of words naming a running subject; durations near one are compared as the
    /// start date they imply.
    #[serde(default)]
    pub subjects: Vec<crate::cues::WordList>,
    /// Groups of event words (synonyms together); a date tied to one is that event's date.
    #[serde(default)]
    pub events: Vec<Vec<String>>,
    #[serde(default)]
    pub repeat_cues: Vec<String>,
    /// Words in the clause, or just before the figure, that make it a part, a subgroup or
    /// a capacity rather than the story's total ("family members of about 20 passengers",
    /// "a capacity of 300").
    #[serde(default)]
    pub part_cues: crate::cues::WordList,
    /// Words that mark a count as the event's total ("death toll", "in all", "the attack
    /// killed"). When given, only a count so marked is checked against the consensus, and
    /// every count so marked is (not only the article's largest).
    #[serde(default)]
    pub total_cues: crate::cues::WordList,
    /// "At least X" reaches at most `hedge-factor` × X.
    #[serde(default = "default_hedge")]
    pub hedge_factor: f64,
    /// Tolerance in days for dates.
    #[serde(default = "default_days")]
    pub tolerance_days: f64,
    /// Counts below this are subgroups, not a story's totals.
    #[serde(default = "default_min_value")]
    pub min_value: f64,
    /// Independent sources needed before anything is called a consensus.
    #[serde(default = "default_min_sources")]
    pub min_sources: usize,
    /// Robust deviations (in spreads) beyond which a figure is an outlier.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// A later figure of a growing measure may exceed the consensus by this factor.
    #[serde(default = "default_growth")]
    pub max_growth: f64,
    /// Cap on the weight multiplier.
    #[serde(default = "default_max_factor")]
    pub max_factor: f64,
    /// A count this many times the consensus (or as small a fraction of it) earns the
    /// rule's weight, before support; one nearer earns less, however closely the other
    /// outlets agree among themselves.
    #[serde(default = "default_full_ratio")]
    pub full_ratio: f64,
    /// Phrases that place a sentence in another time than the story's ("last year",
    /// "previous"); with its years and month names, a sentence so placed gives no count claim.
    #[serde(default)]
    pub other_time: crate::cues::WordList,
    /// Words that open a sentence continuing the previous one's subject and time.
    #[serde(default)]
    pub continuing_words: Vec<String>,
    /// `total-cues` and `part-cues` in the other languages the rules read, from their
    /// `[lang.xx.rules.CODE]` tables.
    #[serde(skip)]
    pub languages: Vec<LanguageCues>,
}

/// The words that mark a total or a part in one language besides English, compiled when an
/// article in the language is first read.
#[derive(Debug, Clone)]
pub struct LanguageCues {
    pub code: String,
    /// `None`: the language has no total markers for this rule, so none of its counts is
    /// checked (a count not marked as the total may be a part).
    total: Option<Vec<String>>,
    part: Vec<String>,
    compiled: std::sync::OnceLock<(Option<crate::cues::WordList>, crate::cues::WordList)>,
}

impl LanguageCues {
    fn lists(&self) -> &(Option<crate::cues::WordList>, crate::cues::WordList) {
        // Phrase lists like these compile whenever the English ones do; should one fail, the
        // language has no markers (nothing of it is checked) rather than a wrong one.
        let compile = |p: &[String]| crate::cues::WordList::try_from(p.to_vec()).ok();
        self.compiled.get_or_init(|| {
            (
                self.total.as_deref().and_then(compile),
                compile(&self.part).unwrap_or_default(),
            )
        })
    }
}

impl ClaimOptions {
    /// The options of `rule`, with its cues in every language of `config`.
    pub fn of_rule(
        rule: &crate::config::RuleConfig,
        config: &crate::config::Config,
    ) -> Result<ClaimOptions, crate::config::ConfigError> {
        let mut o: ClaimOptions = rule.parse_options()?;
        for (code, locale) in &config.languages {
            let list = |key: &str| locale.rule_phrases(&rule.code, key).map(<[String]>::to_vec);
            o.languages.push(LanguageCues {
                code: code.clone(),
                total: list("total-cues"),
                part: list("part-cues").unwrap_or_default(),
                compiled: std::sync::OnceLock::new(),
            });
        }
        Ok(o)
    }

    /// The total and part cues for an article in `language`: English's, or the language's
    /// own (no total cues when it has none).
    fn cues_for(
        &self,
        language: &crate::language::Language,
    ) -> (Option<&crate::cues::WordList>, &crate::cues::WordList) {
        if language.is_english() {
            return (Some(&self.total_cues), &self.part_cues);
        }
        let code = crate::language::primary_subtag(&language.code);
        match self.languages.iter().find(|l| l.code == code) {
            Some(l) => {
                let (total, part) = l.lists();
                (total.as_ref(), part)
            }
            None => (None, &self.part_cues),
        }
    }
}

fn default_min_value() -> f64 {
    10.0
}
fn default_min_sources() -> usize {
    3
}
fn default_threshold() -> f64 {
    3.0
}
fn default_growth() -> f64 {
    3.0
}
fn default_max_factor() -> f64 {
    3.0
}
fn default_full_ratio() -> f64 {
    2.0
}

fn default_hedge() -> f64 {
    2.0
}
fn default_days() -> f64 {
    1.0
}

/// How a claim's values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// Counts and amounts: compared as ratios (on a log scale).
    Ratio,
    /// Dates, as days since 1970: compared as differences in days.
    Days,
}

#[derive(Debug, Clone)]
pub struct Claim {
    /// "deaths", "date:ceasefire", "start:war".
    pub key: String,
    pub scale: Scale,
    pub value: f64,
    /// The interval the figure allows (hedges closed by the hedge factor).
    pub low: f64,
    pub high: f64,
    /// Index of the figure in the article.
    pub figure: usize,
    pub grows: bool,
    pub tolerance: f64,
    /// A count under `min-value`: in a story of large figures, a subgroup ("two were
    /// Canadian"); in a story of small ones, its toll.
    pub small: bool,
}

/// One claim per key for an article: for counts the largest total it gives (sub-totals
/// are smaller), for dates the first.
pub fn article_claims(
    article: &Article,
    analysis: &Analysis,
    measures: &[Measure],
    o: &ClaimOptions,
) -> Vec<Claim> {
    let text = article.text.as_str();
    let times = story_times(text, analysis, o);
    let mut out: Vec<Claim> = Vec::new();
    let mut push =
        |claim: Claim, keep_larger: bool| match out.iter_mut().find(|c| c.key == claim.key) {
            Some(existing) if keep_larger && claim.value > existing.value => *existing = claim,
            Some(_) => {}
            None => out.push(claim),
        };
    for (i, f) in analysis.extraction.figures.iter().enumerate() {
        if f.in_heading {
            continue;
        }
        match f.kind {
            FigureKind::Count | FigureKind::Number | FigureKind::Money => {
                if !in_story_time(&times, f) {
                    continue;
                }
                if let Some(claim) = count_claim(text, analysis, f, i, measures, o) {
                    push(claim, true);
                }
            }
            FigureKind::Date => {
                let Some(d) = f
                    .date
                    .filter(|d| d.precision == DatePrecision::Day && !f.relative)
                else {
                    continue;
                };
                // Dates align on month and day: articles without a publication date have no
                // year for "8 March", and a story's events fall within one year. A fixed
                // leap year keeps 29 February.
                let month = d.month.or(d.date.map(|x| x.month));
                let day = d.day.or(d.date.map(|x| x.day));
                let Some(date) = month.zip(day).and_then(|(m, dd)| Date::new(2000, m, dd)) else {
                    continue;
                };
                if let Some(event) = event_of(text, f, &o.events, &o.repeat_cues) {
                    let days = date.to_days() as f64;
                    push(
                        Claim {
                            key: format!("date:{event}"),
                            scale: Scale::Days,
                            value: days,
                            low: days,
                            high: days,
                            figure: i,
                            grows: false,
                            tolerance: o.tolerance_days,
                            small: false,
                        },
                        false,
                    );
                }
            }
            FigureKind::Duration => {
                if let Some(claim) = duration_claim(text, analysis, f, i, o) {
                    push(claim, false);
                }
            }
            _ => {}
        }
    }
    out
}

/// A count or amount of one of the compared measures as a claim, unless it is named as a
/// part of something.
fn count_claim(
    text: &str,
    analysis: &Analysis,
    f: &Figure,
    i: usize,
    measures: &[Measure],
    o: &ClaimOptions,
) -> Option<Claim> {
    let m = f.measure.as_ref().filter(|m| o.measures.contains(m))?;
    if is_part(text, analysis, f, o.cues_for(&analysis.language).1) {
        return None;
    }
    let small = f.value.is_some_and(|v| v < o.min_value) && f.kind != FigureKind::Money;
    let measure = measures.iter().find(|x| &x.id == m);
    let (lo, hi) = f.hedged(o.hedge_factor)?;
    let v = f.value.filter(|v| *v > 0.0)?;
    let key = match (&f.unit, f.kind) {
        (Some(u), FigureKind::Money) => format!("{m}:{u}"),
        _ => m.clone(),
    };
    Some(Claim {
        key,
        scale: Scale::Ratio,
        value: v,
        low: lo.max(f64::MIN_POSITIVE),
        high: hi,
        figure: i,
        grows: measure.is_some_and(|m| m.grows),
        tolerance: measure.map_or(0.1, |m| m.tolerance),
        small,
    })
}

/// The claims of one article to check against the others' consensus. Without
/// `total-cues`, its claims; with them, its date and duration claims and every count
/// marked as a total: a total far from what the others report is a contradiction however
/// many other figures the article gives, and an unmarked figure may be a part.
fn checked_claims(
    article: &Article,
    analysis: &Analysis,
    measures: &[Measure],
    o: &ClaimOptions,
    own: &[Claim],
) -> Vec<Claim> {
    if o.total_cues.is_empty() {
        return own.to_vec();
    }
    let text = article.text.as_str();
    let mut out: Vec<Claim> = own
        .iter()
        .filter(|c| c.scale == Scale::Days)
        .cloned()
        .collect();
    let Some(total_cues) = o.cues_for(&analysis.language).0 else {
        return out;
    };
    let times = story_times(text, analysis, o);
    for (i, f) in analysis.extraction.figures.iter().enumerate() {
        if f.in_heading
            || !matches!(
                f.kind,
                FigureKind::Count | FigureKind::Number | FigureKind::Money
            )
            // The cheap test first: most figures count nothing the story compares.
            || !f.measure.as_ref().is_some_and(|m| o.measures.contains(m))
            || !marked_total(text, analysis, i, total_cues)
            || !in_story_time(&times, f)
        {
            continue;
        }
        // "Three of the 307 people aboard": the sentence asserts the part; the whole is
        // background, often of another event.
        if whole_of_partitive(text, analysis, f) || named_group(text, f) {
            continue;
        }
        if let Some(mut claim) = count_claim(text, analysis, f, i, measures, o) {
            // Marked as the event's total, a small count is no subgroup.
            claim.small = false;
            out.push(claim);
        }
    }
    out
}

/// Each sentence's time (see [`crate::analysis::times::sentence_times`]), when the options
/// name other-time phrases; else none, and every sentence is the story's.
fn story_times<'a>(
    text: &str,
    analysis: &'a Analysis,
    o: &ClaimOptions,
) -> std::borrow::Cow<'a, [String]> {
    if o.other_time.is_empty() {
        return std::borrow::Cow::Borrowed(&[]);
    }
    crate::analysis::times::sentence_times(text, analysis, &o.other_time, &o.continuing_words)
}

/// Whether a figure's sentence is placed in the story's own time.
fn in_story_time(times: &[String], f: &Figure) -> bool {
    times.get(f.sentence).is_none_or(String::is_empty)
}

/// Whether a count names a group by a capitalised word: "153 Chinese passengers", "six
/// Australians" — a subgroup of the story's total, however it is worded.
fn named_group(text: &str, f: &Figure) -> bool {
    let Some(noun) = &f.noun else {
        return false;
    };
    let after = text.get(f.span.end..).unwrap_or("");
    let Some(at) = after.to_lowercase().find(noun.as_str()) else {
        return false;
    };
    if at > 60 {
        return false;
    }
    after[..at + noun.len().min(after.len() - at)]
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a figure is the whole of a partitive: "of the 307", "of all 239".
fn whole_of_partitive(text: &str, analysis: &Analysis, f: &Figure) -> bool {
    let Some(sentence) = analysis.doc.sentences.get(f.sentence) else {
        return false;
    };
    let before = text
        .get(sentence.span.start..f.span.start)
        .unwrap_or("")
        .to_lowercase();
    let lead: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    match lead.as_slice() {
        ["the" | "all" | "its" | "their", "of"] => true,
        // "About 40 of at least 210": "of" right after another count.
        ["of", part] => part.chars().next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether figure `i` is marked as the event's total: a total cue ("death toll", "in all",
/// "a total of", "the attack killed") in its clause, or before it in its sentence with no
/// other figure between ("In all, 70 people were killed").
pub fn marked_total(
    text: &str,
    analysis: &Analysis,
    i: usize,
    cues: &crate::cues::WordList,
) -> bool {
    let figures = &analysis.extraction.figures;
    let f = &figures[i];
    let Some(sentence) = analysis.doc.sentences.get(f.sentence) else {
        return false;
    };
    let window = crate::text::context_window(text, sentence.span, f.span);
    let clause = crate::text::clause_around(text, window, f.span);
    let from = i
        .checked_sub(1)
        .map(|p| &figures[p])
        .filter(|p| p.sentence == f.sentence && p.span.end <= f.span.start)
        .map_or(window.start, |p| p.span.end.max(window.start));
    cues.any(text, Span::new(from.min(clause.start), clause.end))
}

/// A figure named as a part of something: a part cue in its clause, or "of" / "among"
/// just before it ("members of about 20 passengers", "three of the 307 people").
fn is_part(text: &str, analysis: &Analysis, f: &Figure, cues: &crate::cues::WordList) -> bool {
    let Some(sentence) = analysis.doc.sentences.get(f.sentence) else {
        return false;
    };
    let window = crate::text::context_window(text, sentence.span, f.span);
    let clause = crate::text::clause_around(text, window, f.span);
    if cues.any(text, clause) {
        return true;
    }
    let before = text
        .get(window.start..f.span.start)
        .unwrap_or("")
        .to_lowercase();
    let lead: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // "of the 239 people" names the whole; "members of about 20 passengers" a part.
    let skip = |w: &&str| {
        matches!(
            *w,
            "about" | "around" | "some" | "nearly" | "almost" | "at" | "least"
        )
    };
    // "a total of 239", "the number of 239": the whole, not a part.
    let mut words = lead.iter().skip_while(|w| skip(w));
    match words.next() {
        Some(&"of") => !words
            .next()
            .is_some_and(|w| matches!(*w, "total" | "number" | "toll" | "sum" | "figure")),
        Some(&"among") => true,
        _ => false,
    }
}

/// A duration of a running subject, as the start date it implies ("two years" of war in
/// an article of 3 November 2025 → a start around November 2023), so that articles
/// published at different times compare.
fn duration_claim(
    text: &str,
    analysis: &Analysis,
    f: &Figure,
    index: usize,
    o: &ClaimOptions,
) -> Option<Claim> {
    let published = analysis.published?;
    let sentence = analysis.doc.sentences.get(f.sentence)?.span;
    let sentence = crate::text::context_window(text, sentence, f.span);
    let window = near(text, sentence, f.span, 4);
    let groups: Vec<usize> = o
        .subjects
        .iter()
        .enumerate()
        .filter(|(_, g)| g.any(text, window))
        .map(|(i, _)| i)
        .collect();
    let [group] = groups.as_slice() else {
        return None;
    };
    let now = published.to_days() as f64;
    let (start, lo, hi) = if f.qualifier == Qualifier::Since {
        let d = f.date?.date?.to_days() as f64;
        (d, d, d)
    } else {
        let unit = duration_in_days(f.unit.as_deref()?)?;
        let (lo, hi) = f.hedged(o.hedge_factor)?;
        (now - f.value? * unit, now - hi * unit, now - lo * unit)
    };
    let name = o.subjects[*group].first().unwrap_or_default().to_string();
    Some(Claim {
        key: format!("start:{name}"),
        scale: Scale::Days,
        value: start,
        low: lo,
        high: hi,
        figure: index,
        grows: false,
        // A duration is rounded by whoever wrote it: a tenth of its length.
        tolerance: (now - start).abs() * 0.1 + o.tolerance_days,
        small: false,
    })
}

/// The consensus of the other articles on one key.
#[derive(Debug, Clone, Serialize)]
pub struct Consensus {
    pub key: String,
    pub scale: Scale,
    /// The median of the sources' values.
    pub centre: f64,
    /// Robust spread (MAD-based, with the measure's tolerance as a floor), in log units
    /// for ratios and days for dates.
    pub spread: f64,
    /// Independent sources behind it (distinct outlets; an article without one counts alone).
    pub sources: usize,
    /// Ids of the articles behind it.
    pub articles: Vec<String>,
    /// Median publication date of those articles, if known.
    pub published: Option<Date>,
}

impl Consensus {
    /// The centre as an editor reads it: a number, or a date.
    pub fn display(&self) -> String {
        display_centre(&self.key, self.scale, self.centre)
    }
}

/// A consensus' centre on `key` as an editor reads it: a number, or a date.
pub fn display_centre(key: &str, scale: Scale, centre: f64) -> String {
    match scale {
        Scale::Ratio => {
            let rounded = centre.round();
            let v = if (centre - rounded).abs() < 1e-6 * rounded.abs().max(1.0) {
                rounded
            } else {
                centre
            };
            format_number(v)
        }
        Scale::Days => {
            let d = Date::from_days(centre.round() as i64);
            if key.starts_with("date:") {
                // Month and day only: see `article_claims`.
                let month = crate::date::MONTHS[(d.month - 1) as usize];
                let mut name = month.to_string();
                name[..1].make_ascii_uppercase();
                format!("{} {}", d.day, name)
            } else {
                d.to_string()
            }
        }
    }
}

pub fn format_number(v: f64) -> String {
    if v >= 1e6 && (v / 1e5).fract() == 0.0 {
        format!("{} million", v / 1e6)
    } else if v.fract() == 0.0 {
        crate::text::group_digits(&format!("{v:.0}"))
    } else {
        format!("{v:.2}")
    }
}

/// One article's claims as a claim-reading rule reads them. They depend on the article
/// alone, so whoever keeps articles between scorings (a service, as its stories grow) keeps
/// them too, in the article's [`ClaimMemo`].
#[derive(Debug)]
pub struct MemberClaims {
    /// One per key, the one its consensus is built from.
    pub claims: Vec<Claim>,
    /// The claims to check against the others' consensus: its dates and durations, and
    /// every count marked as a total (with no `total-cues`, its claims).
    pub checked: Vec<Claim>,
}

impl MemberClaims {
    pub fn of(
        article: &Article,
        analysis: &Analysis,
        measures: &[Measure],
        o: &ClaimOptions,
    ) -> MemberClaims {
        let claims = article_claims(article, analysis, measures, o);
        let checked = checked_claims(article, analysis, measures, o, &claims);
        MemberClaims { claims, checked }
    }
}

/// The claims taken from one kept article, per claim-reading rule (by the rule's key).
#[derive(Debug, Default)]
pub struct ClaimMemo(std::sync::Mutex<Vec<(u64, std::sync::Arc<MemberClaims>)>>);

impl ClaimMemo {
    /// The claims kept under `key`, or `compute`d and kept. Two scorings that both miss
    /// compute the claims twice (the same claims): cheaper than holding the lock meanwhile.
    pub fn get_or_compute(
        &self,
        key: u64,
        compute: impl FnOnce() -> MemberClaims,
    ) -> std::sync::Arc<MemberClaims> {
        if let Some((_, kept)) = self.slots().iter().find(|(k, _)| *k == key) {
            return kept.clone();
        }
        let fresh = std::sync::Arc::new(compute());
        let mut slots = self.slots();
        if let Some((_, kept)) = slots.iter().find(|(k, _)| *k == key) {
            return kept.clone();
        }
        slots.push((key, fresh.clone()));
        fresh
    }

    /// The slots, whether or not a scoring panicked while holding them (a slot is whole
    /// claims or absent, never half written).
    fn slots(&self) -> std::sync::MutexGuard<'_, Vec<(u64, std::sync::Arc<MemberClaims>)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Claims of every member of a story, computed once.
pub struct StoryClaims {
    /// Each member's claims.
    members: Vec<std::sync::Arc<MemberClaims>>,
    /// Counts under this are `small`.
    pub min_value: f64,
    /// Each key indexed for the consensus of all members but one.
    index: HashMap<String, KeyIndex>,
}

impl StoryClaims {
    pub fn new(story: &StoryView<'_>, measures: &[Measure], o: &ClaimOptions) -> StoryClaims {
        StoryClaims::remembered(story, measures, o, None)
    }

    /// The story's claims, each member's taken from its memo under `key` where it has one
    /// (and kept there when computed).
    pub fn remembered(
        story: &StoryView<'_>,
        measures: &[Measure],
        o: &ClaimOptions,
        key: Option<u64>,
    ) -> StoryClaims {
        // Each member's independent voice: its outlet, with copies of one text counted once.
        let sources: &[u32] = &story.voices;
        let members: Vec<std::sync::Arc<MemberClaims>> = story
            .members
            .iter()
            .map(|m| {
                let compute = || MemberClaims::of(m.article, m.analysis, measures, o);
                match (m.memo, key) {
                    (Some(memo), Some(key)) => memo.get_or_compute(key, compute),
                    _ => std::sync::Arc::new(compute()),
                }
            })
            .collect();
        // For each key, the members that claim it, in member order, each with its first
        // claim on the key (the one that counts).
        let mut by_key: HashMap<&str, Vec<(usize, &Claim)>> = HashMap::default();
        for (m, member) in members.iter().enumerate() {
            for c in &member.claims {
                let holders = by_key.entry(c.key.as_str()).or_default();
                if holders.last().is_none_or(|&(last, _)| last != m) {
                    holders.push((m, c));
                }
            }
        }
        let published: Vec<Option<f64>> = story
            .members
            .iter()
            .map(|m| m.analysis.published.map(|d| d.to_days() as f64))
            .collect();
        let index = by_key
            .iter()
            .map(|(key, holders)| (key.to_string(), KeyIndex::new(holders, sources, &published)))
            .collect();
        StoryClaims {
            min_value: o.min_value,
            members,
            index,
        }
    }

    /// Member `m`'s claims: one per key, the one its consensus is built from.
    pub fn claims(&self, m: usize) -> &[Claim] {
        &self.members[m].claims
    }

    /// Member `m`'s claims to check against the others' consensus.
    pub fn checked(&self, m: usize) -> &[Claim] {
        &self.members[m].checked
    }

    /// What the consensus of every member but `except` on `key` says, without its articles,
    /// in time that does not grow with the story: for checking every member of a large
    /// story against the others.
    pub fn summary(&self, key: &str, except: Option<usize>) -> Option<Summary> {
        self.index.get(key)?.summary(except, self.min_value)
    }

    /// The first `limit` articles behind the consensus of every member but `except` on
    /// `key` (outlet by outlet, in order of their first article), and how many there are.
    pub fn consensus_articles(
        &self,
        story: &StoryView<'_>,
        key: &str,
        except: Option<usize>,
        limit: usize,
    ) -> (Vec<String>, usize) {
        let Some(index) = self.index.get(key) else {
            return (Vec::new(), 0);
        };
        let (members, count) = index.members(except, self.min_value, limit);
        let ids = members
            .into_iter()
            .map(|m| story.members[m].article.id.clone())
            .collect();
        (ids, count)
    }

    /// The consensus on `key` of every member but `except`.
    pub fn consensus(
        &self,
        story: &StoryView<'_>,
        key: &str,
        except: Option<usize>,
    ) -> Option<Consensus> {
        let summary = self.summary(key, except)?;
        let (articles, _) = self.consensus_articles(story, key, except, usize::MAX);
        Some(Consensus {
            key: key.to_string(),
            scale: summary.scale,
            centre: summary.centre,
            spread: summary.spread,
            sources: summary.sources,
            articles,
            published: summary.published,
        })
    }

    /// Every key any member claims, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .members
            .iter()
            .flat_map(|m| &m.claims)
            .map(|c| c.key.clone())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}
