//! Stories and what articles on one story say alike: grouping, clustering, claims,
//! consensus and corroboration.

pub mod claims;
pub mod cluster;
pub mod copies;
pub mod figure_keys;
pub mod leave_one_out;
pub mod stats;
pub mod subjects;
#[cfg(test)]
mod tests;

use crate::analysis::Analysis;
use crate::config::Measure;
use crate::extract::{DatePrecision, DateValue, Figure, FigureKind, Qualifier, duration_in_days};
use crate::ingest::Article;
use crate::lower::FnvBuild;
use std::collections::BTreeMap;
use std::collections::HashMap;

/// One article of a story, analysed.
#[derive(Clone, Copy)]
pub struct Member<'a> {
    pub article: &'a Article,
    pub analysis: &'a Analysis,
    /// Claims already taken from the article, where articles are kept between scorings.
    pub memo: Option<&'a claims::ClaimMemo>,
}

/// The articles of one story, which story-level rules compare.
pub struct StoryView<'a> {
    pub key: &'a str,
    pub members: Vec<Member<'a>>,
    /// Each member's voice: members of one outlet, and copies of one text, speak with one
    /// voice (small numbers from 0).
    pub voices: Vec<u32>,
    /// How many independent voices the story has: outlets, with copies counted once and an
    /// article with no source one of its own.
    pub outlets: usize,
    /// For each member, the other members that are near-duplicates of it.
    pub copies: Vec<Vec<usize>>,
    /// For each member, whether another member shares its subject (a batch often mixes
    /// unrelated stories under one key or folder).
    pub on_subject: Vec<bool>,
}

impl<'a> StoryView<'a> {
    /// The articles of `story`, with their analyses.
    pub fn of(
        story: &'a Story,
        articles: &'a [Article],
        analyses: &'a [Analysis],
    ) -> StoryView<'a> {
        StoryView::new(
            &story.key,
            story
                .members
                .iter()
                .map(|&i| Member {
                    article: &articles[i],
                    analysis: &analyses[i],
                    memo: None,
                })
                .collect(),
        )
    }

    pub fn new(key: &'a str, members: Vec<Member<'a>>) -> StoryView<'a> {
        let sketches: Vec<&[u64]> = members
            .iter()
            .map(|m| m.analysis.fingerprint.sketch.as_slice())
            .collect();
        let copies = copies::near_duplicates(&sketches);

        // Voices: members joined by outlet and by copying (union-find).
        let mut parent: Vec<usize> = (0..members.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_source: HashMap<&str, usize, FnvBuild> = HashMap::default();
        for (i, m) in members.iter().enumerate() {
            if let Some(s) = m.article.source.as_deref() {
                let first = *by_source.entry(s).or_insert(i);
                let (a, b) = (root(&mut parent, first), root(&mut parent, i));
                parent[b] = a;
            }
        }
        for (i, others) in copies.iter().enumerate() {
            for &j in others {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[b] = a;
            }
        }
        let mut number: HashMap<usize, u32, FnvBuild> = HashMap::default();
        let voices: Vec<u32> = (0..members.len())
            .map(|i| {
                let r = root(&mut parent, i);
                let next = number.len() as u32;
                *number.entry(r).or_insert(next)
            })
            .collect();
        let words: Vec<&[u64]> = members
            .iter()
            .map(|m| m.analysis.fingerprint.words.as_slice())
            .collect();
        let on_subject = subjects::shares_subject(&words, &voices);
        StoryView {
            key,
            members,
            outlets: number.len(),
            voices,
            copies,
            on_subject,
        }
    }
}

/// A figure of one article and the articles of other outlets that report a compatible
/// figure of the same thing (what `explain` shows beside a corroborated figure).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Corroborated {
    /// The figure as written.
    pub figure: String,
    pub line: usize,
    pub column: usize,
    /// The corroborating articles' ids, in story order, at most `MAX_NAMED`.
    pub articles: Vec<String>,
    /// How many articles corroborate it in all (more than are named when many do).
    pub count: usize,
}

/// Corroborating articles named per figure at most.
const MAX_NAMED: usize = 8;

/// For member `m` of a story, each of its figures that another voice of the story (another
/// outlet, not a copy) reports compatibly, with the articles that do. One article's
/// figures against its story's: for `explain`, not the batch path.
pub fn corroborators(story: &StoryView<'_>, m: usize, measures: &[Measure]) -> Vec<Corroborated> {
    let own = story.members[m];
    let text = own.article.text.as_str();
    let mut out: Vec<Corroborated> = Vec::new();
    for f in &own.analysis.extraction.figures {
        // "first" or "second" in two articles says nothing about either.
        if f.kind == FigureKind::Ordinal || out.iter().any(|c| c.figure == f.text) {
            continue;
        }
        let peers: Vec<&str> = story
            .members
            .iter()
            .enumerate()
            .filter(|&(j, _)| story.voices[j] != story.voices[m])
            .filter(|(_, peer)| {
                peer.analysis
                    .extraction
                    .figures
                    .iter()
                    .any(|g| compatible(f, g, measures))
            })
            .map(|(_, peer)| peer.article.id.as_str())
            .collect();
        if peers.is_empty() {
            continue;
        }
        let (line, column) = own.analysis.doc.lines.line_col(text, f.span.start);
        out.push(Corroborated {
            figure: f.text.clone(),
            line,
            column,
            count: peers.len(),
            articles: peers
                .iter()
                .take(MAX_NAMED)
                .map(|s| s.to_string())
                .collect(),
        });
    }
    out
}

/// Articles compared with each other.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Story {
    pub key: String,
    /// Indices into the batch's articles.
    pub members: Vec<usize>,
}

/// Groups articles by their story key (the `story` field, else their directory).
pub fn group_stories(articles: &[Article]) -> Vec<Story> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        map.entry(a.story_key()).or_default().push(i);
    }
    map.into_iter()
        .map(|(key, members)| Story { key, members })
        .collect()
}

/// Default relative tolerance for figures with no measure: they must agree closely.
const DEFAULT_TOLERANCE: f64 = 0.02;

/// Whether two figures from different articles report a compatible value for the same thing.
pub fn compatible(a: &Figure, b: &Figure, measures: &[Measure]) -> bool {
    let family = |k: FigureKind| match k {
        FigureKind::Count | FigureKind::Number => FigureKind::Count,
        other => other,
    };
    if family(a.kind) != family(b.kind) {
        return false;
    }
    // Corroboration means the same thing counted: a count confirms a count of the same
    // measure, or of the same noun when neither has a measure; a bare number confirms
    // nothing ("27" armoured vehicles is no witness to an age of 27, nor 612 vehicles to
    // 620 of something else).
    let counts = family(a.kind) == FigureKind::Count;
    match (&a.measure, &b.measure) {
        (Some(x), Some(y)) if x != y => return false,
        (Some(_), None) | (None, Some(_)) if counts => return false,
        (None, None) => match (&a.noun, &b.noun) {
            (Some(x), Some(y)) if x.trim_end_matches('s') != y.trim_end_matches('s') => {
                return false;
            }
            (Some(_), Some(_)) => {}
            _ if counts => return false,
            _ => {}
        },
        _ => {}
    }
    if a.kind == FigureKind::Date {
        return same_date(a, b);
    }
    let tolerance = a
        .measure
        .as_ref()
        .or(b.measure.as_ref())
        .and_then(|id| crate::config::measure_by_id(measures, id))
        .map_or(DEFAULT_TOLERANCE, |m| m.tolerance);
    let (Some((alo, ahi)), Some((blo, bhi))) = (in_base_unit(a), in_base_unit(b)) else {
        return a.text.eq_ignore_ascii_case(&b.text);
    };
    if a.kind == FigureKind::Money && a.unit != b.unit {
        return false;
    }
    if a.kind == FigureKind::Number && a.unit != b.unit {
        return false;
    }
    // Intervals that overlap once widened by the tolerance.
    let widen = |lo: f64, hi: f64| (lo * (1.0 - tolerance), hi * (1.0 + tolerance));
    let (alo, ahi) = widen(alo, ahi);
    let (blo, bhi) = widen(blo, bhi);
    alo <= bhi && blo <= ahi
}

/// A figure's interval, with durations in days so "two years" meets "24 months".
fn in_base_unit(f: &Figure) -> Option<(f64, f64)> {
    // An age describes a person: the same number elsewhere confirms nothing.
    if f.kind == FigureKind::Age {
        return None;
    }
    let (lo, hi) = f.interval()?;
    if f.kind == FigureKind::Duration {
        let days = f.unit.as_deref().and_then(duration_in_days)?;
        return Some((lo * days, hi * days));
    }
    Some((lo, hi))
}

fn same_date(a: &Figure, b: &Figure) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => {
            if x.precision == DatePrecision::Time || y.precision == DatePrecision::Time {
                return x.minutes == y.minutes && x.precision == y.precision;
            }
            match (x.date, y.date) {
                (Some(dx), Some(dy)) => match (x.precision, y.precision) {
                    (DatePrecision::Day, DatePrecision::Day) => dx == dy,
                    (DatePrecision::Month, _) | (_, DatePrecision::Month) => {
                        dx.year == dy.year && dx.month == dy.month
                    }
                    _ => dx.year == dy.year,
                },
                // Without a year on one side, the month and day as written decide.
                _ => {
                    x.month.is_some()
                        && x.month == y.month
                        && (x.day == y.day || x.day.is_none() || y.day.is_none())
                }
            }
        }
        _ => false,
    }
}

/// For every figure of every member, how many other members report a compatible value.
/// Returned in the order of `members`.
///
/// Figures that say the same thing (same kind, measure, noun, unit, value, qualifier and
/// date) form one group, and groups are indexed, not compared pair by pair: values by kind
/// and unit, sorted, so that only groups whose intervals can overlap are compared; dates by
/// month and day. A story where a thousand outlets repeat "130 dead" compares one group,
/// not half a million pairs: the cost grows with the distinct figures of the story and the
/// compatible pairs among them, not with the square of its articles.
pub fn corroboration(
    analyses: &[&Analysis],
    voices: &[u32],
    measures: &[Measure],
) -> Vec<Vec<usize>> {
    let max_tolerance = measures
        .iter()
        .map(|m| m.tolerance)
        .fold(DEFAULT_TOLERANCE, f64::max)
        .min(0.9);
    let widen = (1.0 + max_tolerance) / (1.0 - max_tolerance);
    let mut groups: Vec<Group> = Vec::new();
    let figures: usize = analyses.iter().map(|a| a.extraction.figures.len()).sum();
    let mut group_of: HashMap<Signature<'_>, usize, FnvBuild> =
        HashMap::with_capacity_and_hasher(figures, FnvBuild::default());
    // Per article and figure: its group, or the earlier figure it copies.
    let mut place: Vec<Vec<Place>> = Vec::with_capacity(analyses.len());
    for (a, analysis) in analyses.iter().enumerate() {
        // An article that repeats a figure verbatim takes the first copy's count. Text that
        // says "40" ten thousand times costs one entry, not ten thousand.
        let figures = &analysis.extraction.figures;
        let mut first_by_text: HashMap<&str, usize, FnvBuild> =
            HashMap::with_capacity_and_hasher(figures.len(), FnvBuild::default());
        let mut places = Vec::with_capacity(figures.len());
        for (f, fig) in figures.iter().enumerate() {
            if let Some(&first) = first_by_text.get(fig.text.as_str()) {
                let same = &figures[first];
                if same.kind == fig.kind && same.measure == fig.measure && same.noun == fig.noun {
                    places.push(Place::CopyOf(first));
                    continue;
                }
            } else {
                first_by_text.insert(fig.text.as_str(), f);
            }
            let indexed = if fig.kind == FigureKind::Date {
                date_key(fig).is_some()
            } else {
                in_base_unit(fig).is_some()
            };
            if !indexed {
                places.push(Place::Alone);
                continue;
            }
            let next = groups.len();
            let g = *group_of.entry(Signature::of(fig)).or_insert(next);
            if g == next {
                groups.push(Group {
                    example: fig,
                    articles: Vec::new(),
                });
            }
            if groups[g].articles.last() != Some(&(a as u32)) {
                groups[g].articles.push(a as u32);
            }
            places.push(Place::Group(g));
        }
        place.push(places);
    }

    // Groups per bucket: values by kind and unit, sorted by their lower bound, points
    // apart from open or wide intervals ("at least 40"); dates by (year, month, day).
    let mut bucket_of: HashMap<String, usize, FnvBuild> = HashMap::default();
    let mut points: Vec<Vec<ValueEntry>> = Vec::new();
    let mut open: Vec<Vec<ValueEntry>> = Vec::new();
    let mut dates: HashMap<(i32, u32, u32), Vec<usize>, FnvBuild> = HashMap::default();
    for (g, group) in groups.iter().enumerate() {
        let fig = group.example;
        if fig.kind == FigureKind::Date {
            if let Some(key) = date_key(fig) {
                dates.entry(key).or_default().push(g);
            }
            continue;
        }
        let Some((lo, hi)) = in_base_unit(fig) else {
            continue;
        };
        let b = *bucket_of.entry(value_bucket(fig)).or_insert_with(|| {
            points.push(Vec::new());
            open.push(Vec::new());
            points.len() - 1
        });
        let entry = ValueEntry { group: g, lo, hi };
        if !hi.is_finite() || hi > lo.abs() * widen + 1e-9 {
            open[b].push(entry);
        } else {
            points[b].push(entry);
        }
    }
    for p in &mut points {
        p.sort_by(|a, b| a.lo.total_cmp(&b.lo));
    }
    // Where each group stands: its bucket, and its place among the bucket's points.
    let mut at: Vec<Option<(usize, Option<usize>)>> = vec![None; groups.len()];
    for (b, (ps, os)) in points.iter().zip(&open).enumerate() {
        for (k, e) in ps.iter().enumerate() {
            at[e.group] = Some((b, Some(k)));
        }
        for e in os {
            at[e.group] = Some((b, None));
        }
    }
    // Day-precise dates per month, which a month-only date meets.
    let mut days_of_month: HashMap<(i32, u32), Vec<usize>, FnvBuild> = HashMap::default();
    for (&(year, month, day), ids) in &dates {
        if day > 0 {
            days_of_month.entry((year, month)).or_default().extend(ids);
        }
    }
    // The groups that could be compatible with group `g`, nearest values first, at most
    // `MAX_COMPARED`: a window of the sorted points, the bucket's open intervals, the
    // dates of the same day or month. Nothing is stored per pair, so a story of many
    // distinct values costs memory in proportion to its figures.
    let candidates = |g: usize, out: &mut Vec<usize>| {
        let fig = groups[g].example;
        if fig.kind == FigureKind::Date {
            let Some(key @ (year, month, day)) = date_key(fig) else {
                return;
            };
            let same_day = dates.get(&key).into_iter().flatten();
            let month_only = if day == 0 {
                days_of_month.get(&(year, month))
            } else {
                dates.get(&(year, month, 0))
            };
            out.extend(
                same_day
                    .chain(month_only.into_iter().flatten())
                    .copied()
                    .filter(|&h| h != g)
                    .take(MAX_COMPARED),
            );
            return;
        }
        let Some((b, place)) = at[g] else {
            return;
        };
        let ps = &points[b];
        match place {
            Some(k) => {
                let e = &ps[k];
                // Later points whose lower bound is within reach, then earlier ones whose
                // reach (their upper bound widened) covers this one.
                let later = ps[k + 1..]
                    .iter()
                    .take_while(|h| h.lo <= e.hi * widen + 1e-9);
                let earlier = ps[..k]
                    .iter()
                    .rev()
                    .take(MAX_COMPARED)
                    .take_while(|h| h.lo < 0.0 || h.lo * widen * widen + 1e-9 >= e.lo)
                    .filter(|h| e.lo <= h.hi * widen + 1e-9);
                out.extend(later.map(|h| h.group).take(MAX_COMPARED));
                out.extend(earlier.map(|h| h.group).take(MAX_COMPARED));
                out.extend(open[b].iter().map(|h| h.group).take(MAX_COMPARED));
            }
            None => out.extend(
                ps.iter()
                    .chain(&open[b])
                    .map(|h| h.group)
                    .filter(|&h| h != g)
                    .take(MAX_COMPARED),
            ),
        }
    };
    // Each group's figures are corroborated by the articles of the groups compatible with
    // it, and by the group's own when a figure is compatible with its own value (almost
    // always). Those articles' voices are marked in one scratch table until more than
    // `MAX_COUNTED` are found, counted, and unmarked.
    let mut figures_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); groups.len()];
    for (a, places) in place.iter().enumerate() {
        for (f, p) in places.iter().enumerate() {
            if let Place::Group(g) = p {
                figures_of[*g].push((a, f));
            }
        }
    }
    // Counted by voice: another article of the same outlet, or a copy of the same text,
    // confirms nothing.
    let mut counts: Vec<Vec<usize>> = place.iter().map(|p| vec![0; p.len()]).collect();
    let voice = |a: usize| voices.get(a).map_or(a, |&v| v as usize);
    let mut marked = vec![false; (0..analyses.len()).map(voice).max().map_or(0, |v| v + 1)];
    let mut touched: Vec<usize> = Vec::new();
    let mut compared: Vec<usize> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        compared.clear();
        if compatible(group.example, group.example, measures) {
            compared.push(g);
        }
        candidates(g, &mut compared);
        'groups: for &h in &compared {
            if h != g && !compatible(group.example, groups[h].example, measures) {
                continue;
            }
            for &a in &groups[h].articles {
                let v = voice(a as usize);
                if !marked[v] {
                    marked[v] = true;
                    touched.push(v);
                    // Enough to count every figure of the group up to the cap, its own
                    // voice aside.
                    if touched.len() > MAX_COUNTED {
                        break 'groups;
                    }
                }
            }
        }
        for &(a, f) in &figures_of[g] {
            counts[a][f] = (touched.len() - usize::from(marked[voice(a)])).min(MAX_COUNTED);
        }
        for v in touched.drain(..) {
            marked[v] = false;
        }
    }
    for (a, places) in place.iter().enumerate() {
        for (f, p) in places.iter().enumerate() {
            if let Place::CopyOf(first) = p {
                counts[a][f] = counts[a][*first];
            }
        }
    }
    counts
}

/// Other voices counted per figure at most: whether a figure is corroborated, and by how
/// few, is all a rule asks; counting on would cost time on a story where thousands agree.
pub const MAX_COUNTED: usize = 3;
/// Groups compared with each group at most, nearest values first: bounds the work on a story
/// where thousands of distinct values fall within each other's tolerance.
const MAX_COMPARED: usize = 1024;

/// The bucket of a value figure: figures of different buckets are never compatible. Counts
/// go by what they count (their measure, else their noun: see `compatible`), durations in
/// days, other kinds by unit.
pub(crate) fn value_bucket(fig: &Figure) -> String {
    match (fig.kind, &fig.unit) {
        (FigureKind::Count, _) | (FigureKind::Number, None) => match (&fig.measure, &fig.noun) {
            (Some(m), _) => format!("count:{m}"),
            (None, Some(noun)) => format!("count-of:{}", noun.trim_end_matches('s')),
            (None, None) => "count".to_string(),
        },
        // Durations compare in days, whatever unit they were written in.
        (FigureKind::Duration, _) => "duration".to_string(),
        (kind, Some(unit)) => format!("{}:{unit}", kind.as_str()),
        (kind, None) => kind.as_str().to_string(),
    }
}

/// What a figure is to corroboration: a member of a group, a verbatim copy of an earlier
/// figure of its article, or a figure that nothing is compared with.
enum Place {
    Group(usize),
    CopyOf(usize),
    Alone,
}

/// Figures that `compatible` cannot tell apart: it reads nothing else.
#[derive(PartialEq, Eq, Hash)]
struct Signature<'a> {
    kind: FigureKind,
    measure: Option<&'a str>,
    noun: Option<&'a str>,
    unit: Option<&'a str>,
    value: Option<u64>,
    low: Option<u64>,
    high: Option<u64>,
    qualifier: Qualifier,
    date: Option<DateValue>,
}

impl<'a> Signature<'a> {
    fn of(f: &'a Figure) -> Signature<'a> {
        Signature {
            kind: f.kind,
            measure: f.measure.as_deref(),
            noun: f.noun.as_deref(),
            unit: f.unit.as_deref(),
            value: f.value.map(f64::to_bits),
            low: f.low.map(f64::to_bits),
            high: f.high.map(f64::to_bits),
            qualifier: f.qualifier,
            date: f.date,
        }
    }
}

struct Group<'a> {
    /// One of the group's figures: all behave alike.
    example: &'a Figure,
    /// Articles with a figure in the group, in order, each once.
    articles: Vec<u32>,
}

struct ValueEntry {
    group: usize,
    lo: f64,
    hi: f64,
}

/// The bucket of a date: (0, month, day or 0), years left to `compatible` because one
/// article may give a year the other leaves out; a time of day is (−1, 0, minutes); a year
/// is (year, 0, 0).
fn date_key(f: &Figure) -> Option<(i32, u32, u32)> {
    let d = f.date?;
    if let Some(minutes) = d.minutes {
        return Some((-1, 0, minutes));
    }
    match d.precision {
        DatePrecision::Day => Some((
            0,
            d.month.or(d.date.map(|x| x.month))?,
            d.day.or(d.date.map(|x| x.day))?,
        )),
        DatePrecision::Month => Some((0, d.month.or(d.date.map(|x| x.month))?, 0)),
        DatePrecision::Year | DatePrecision::Decade => Some((d.date?.year, 0, 0)),
        DatePrecision::Time => None,
    }
}
