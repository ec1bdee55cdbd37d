//! What a figure counts, as a key that lines up the same claim across outlets: a headcount
//! measure ("deaths"), the plural noun a count counts ("children", "employees"), or the
//! frame of an amount of money ("price", "haul") with its currency. Each keyed figure also
//! carries the time its sentence places it in (a year, a month, "last year"), so that a
//! figure of an earlier event recalled in the article ("a 2005 quake killed 612") is only
//! ever compared with figures placed in the same time.

use crate::analysis::Analysis;
use crate::analysis::times::{sentence_times, words};
use crate::extract::{Figure, FigureKind};
use crate::text::Span;

pub use crate::config::KeyOptions;

/// One figure of an article with the key it lines up on.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedFigure {
    /// "deaths", "count:children", "money:price:USD".
    pub key: String,
    /// The time its sentence is placed in: "" for the story's own time, else the years,
    /// months or other-time phrases the sentence names ("2008", "july", "past").
    pub time: String,
    pub value: f64,
    /// The interval the figure allows, its hedges closed.
    pub low: f64,
    pub high: f64,
    /// Index of the figure in the article's figures.
    pub figure: usize,
    /// In the title or a heading, which repeats the body: it corroborates and is compared
    /// with, but is not itself judged.
    pub in_heading: bool,
}

impl KeyedFigure {
    /// Whether two keyed figures claim the same thing of the same time.
    pub fn aligns(&self, other: &KeyedFigure) -> bool {
        self.key == other.key && self.time == other.time
    }
}

/// The singular-or-plural noun a count counts, when it can key a claim: a plural (or an
/// irregular plural) that is not too general.
fn counted_noun<'a>(f: &'a Figure, o: &'a KeyOptions) -> Option<&'a str> {
    let noun = f.noun.as_deref()?;
    let plural = (noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss"))
        || o.irregular_plurals.iter().any(|p| p == noun);
    if !plural || o.generic_nouns.iter().any(|g| g == noun) {
        return None;
    }
    // Nouns that count the same thing meet under their group's first word ("workers",
    // "staff" and "employees" are one headcount).
    Some(
        o.noun_groups
            .iter()
            .find(|g| g.iter().any(|n| n == noun))
            .and_then(|g| g.first())
            .map_or(noun, String::as_str),
    )
}

/// The frame of an amount of money: the group of the nearest frame word in its clause.
fn money_frame<'a>(text: &str, clause: Span, f: &Figure, o: &'a KeyOptions) -> Option<&'a str> {
    let clause_text = clause.text(text);
    let mut best: Option<(usize, &str)> = None;
    for (at, w) in words(clause_text) {
        let lower = w.to_lowercase();
        let Some(group) = o.money_frames.iter().find(|g| g.contains(&lower)) else {
            continue;
        };
        let pos = clause.start + at;
        let distance = if pos >= f.span.end {
            pos - f.span.end
        } else {
            f.span.start.saturating_sub(pos)
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, group.first()?.as_str()));
        }
    }
    best.map(|(_, name)| name)
}

/// Whether the other time a sentence names lies only in a relative clause after the figure
/// ("cut 2,400 jobs at the bakery, which it has run since the 1990s"): the clause places
/// what it describes, not the figure. A time in the sentence up to that clause, or one the
/// sentence takes from the one before it, stays the figure's.
///
/// Read within the figure's context window, so that a sentence of thousands of figures stays
/// linear.
fn time_only_after(text: &str, sentence: Span, f: &Figure, o: &KeyOptions) -> bool {
    let sentence = crate::text::context_window(text, sentence, f.span);
    let rest = text.get(f.span.end..sentence.end).unwrap_or("");
    let lower = rest.to_ascii_lowercase();
    let Some(at) = [", which ", ", who ", ", whose ", ", where "]
        .iter()
        .filter_map(|opener| lower.find(opener))
        .min()
    else {
        return false;
    };
    let time_of = |span: Span| crate::analysis::times::sentence_time(text, span, &o.other_time);
    !time_of(sentence).is_empty() && time_of(Span::new(sentence.start, f.span.end + at)).is_empty()
}

/// Whether an aggregate noun stands within three words after the figure ("a $550 billion
/// technology-services market").
fn sizes_an_aggregate(text: &str, sentence: Span, f: &Figure, o: &KeyOptions) -> bool {
    let after = text.get(f.span.end..sentence.end).unwrap_or("");
    words(after)
        .take(3)
        .any(|(_, w)| o.aggregate_nouns.iter().any(|a| a.eq_ignore_ascii_case(w)))
}

/// The amount a money figure restates in parentheses: the money figure before it in its
/// sentence when only an opening parenthesis and other restatements stand between them.
fn restates(text: &str, figures: &[Figure], i: usize) -> Option<usize> {
    let mut k = i;
    let mut opened = false;
    while k > 0 {
        let (prev, cur) = (&figures[k - 1], &figures[k]);
        if prev.sentence != cur.sentence || prev.kind != FigureKind::Money {
            return None;
        }
        let between = text.get(prev.span.end..cur.span.start)?;
        if !between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '(' | ';' | ',' | '/'))
        {
            return None;
        }
        opened |= between.contains('(');
        k -= 1;
        if opened {
            return Some(k);
        }
    }
    None
}

/// Whether a figure is named as a part of a larger group: "of" or "among" just before it
/// ("members of about 20 passengers", "three of the 307"), unless the word before "of" makes
/// it the whole ("a total of 239").
fn named_as_part(text: &str, sentence: Span, f: &Figure, o: &KeyOptions) -> bool {
    let window = crate::text::context_window(text, sentence, f.span);
    let before = text
        .get(window.start..f.span.start)
        .unwrap_or("")
        .to_lowercase();
    let mut lead = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .skip_while(|w| {
            matches!(
                *w,
                "about"
                    | "around"
                    | "some"
                    | "nearly"
                    | "almost"
                    | "at"
                    | "least"
                    | "more"
                    | "than"
            )
        });
    match lead.next() {
        Some("among") => true,
        // "a ransom of $5 million" names the amount, as "a total of 239" names the count.
        Some("of") => !lead.next().is_some_and(|w| {
            matches!(w, "total" | "number" | "toll" | "sum" | "figure")
                || (f.kind == FigureKind::Money
                    && o.money_frames.iter().any(|g| g.iter().any(|x| x == w)))
        }),
        _ => false,
    }
}

/// The keyed figures of an article: every count, amount or headcount that lines up a claim.
pub fn keyed_figures(text: &str, analysis: &Analysis, o: &KeyOptions) -> Vec<KeyedFigure> {
    let figures = &analysis.extraction.figures;
    if figures.is_empty() {
        return Vec::new();
    }
    let times = sentence_times(text, analysis, &o.other_time, &o.continuing_words);
    let mut out = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let Some(value) = f.value.filter(|v| *v > 0.0) else {
            continue;
        };
        let Some(sentence) = analysis.doc.sentences.get(f.sentence) else {
            continue;
        };
        if named_as_part(text, sentence.span, f, o) {
            continue;
        }
        let first_word = f.text.split_whitespace().next().unwrap_or("");
        if o.vague_words
            .iter()
            .any(|v| v.eq_ignore_ascii_case(first_word) || v.eq_ignore_ascii_case(&f.text))
        {
            continue;
        }
        let key = match f.kind {
            FigureKind::Money => {
                if sizes_an_aggregate(text, sentence.span, f, o) {
                    continue;
                }
                // "20m euros (£17m; $26m)": an amount restated in other currencies in
                // parentheses is the same amount, in the frame of the one it restates.
                let restated = restates(text, figures, i);
                let anchor = restated.map_or(f, |r| &figures[r]);
                let window = crate::text::context_window(text, sentence.span, anchor.span);
                let clause = crate::text::clause_around(text, window, anchor.span);
                // The clause's nearest frame word, else one close by in the sentence ("made
                // off with 20m euros (…) in gems").
                let near = crate::text::near(text, sentence.span, anchor.span, 6);
                let frame = money_frame(text, clause, anchor, o)
                    .or_else(|| money_frame(text, near, anchor, o));
                let (Some(frame), Some(unit)) = (frame, &f.unit) else {
                    continue;
                };
                format!("money:{frame}:{unit}")
            }
            // "25 percent tariffs": a share keyed by what it is a share of.
            FigureKind::Percent => match counted_noun(f, o).or(f.noun.as_deref()) {
                Some(noun) if !o.generic_nouns.iter().any(|g| g == noun) => {
                    format!("percent:{noun}")
                }
                _ => continue,
            },
            FigureKind::Count | FigureKind::Number if value >= o.min_headcount.min(o.min_value) => {
                match f.measure.as_ref().filter(|m| o.measures.contains(m)) {
                    Some(m) if value >= o.min_headcount => m.clone(),
                    Some(_) => continue,
                    None if value < o.min_value => continue,
                    None if f.kind == FigureKind::Count && f.unit.is_none() => {
                        match counted_noun(f, o) {
                            Some(noun) => format!("count:{noun}"),
                            None => continue,
                        }
                    }
                    None => continue,
                }
            }
            _ => continue,
        };
        let Some((low, high)) = f.hedged(o.hedge_factor) else {
            continue;
        };
        let mut time = times.get(f.sentence).cloned().unwrap_or_default();
        if !time.is_empty() && time_only_after(text, sentence.span, f, o) {
            time.clear();
        }
        out.push(KeyedFigure {
            key,
            time,
            value,
            low: low.max(f64::MIN_POSITIVE),
            high,
            figure: i,
            in_heading: f.in_heading,
        });
    }
    out
}

/// The figures a story's outlets agree on, key by key (in the story's own time): for each
/// key, the median of the outlets' values and the outlets within `agree` of it, when at least
/// two independent outlets are. What `credence stories` shows for counts, amounts and shares.
pub fn agreed_figures(
    story: &crate::stories::StoryView<'_>,
    o: &KeyOptions,
    agree: f64,
) -> Vec<crate::stories::claims::Consensus> {
    use std::collections::BTreeMap;
    // key → voice → (values, first article)
    let mut by_key: BTreeMap<String, BTreeMap<u32, (Vec<f64>, usize)>> = BTreeMap::new();
    for (m, member) in story.members.iter().enumerate() {
        for k in keyed_figures(&member.article.text, member.analysis, o) {
            if !k.time.is_empty() {
                continue;
            }
            let entry = by_key
                .entry(k.key)
                .or_default()
                .entry(story.voices[m])
                .or_insert((Vec::new(), m));
            entry.0.push(k.value);
        }
    }
    let mut out = Vec::new();
    for (key, voices) in by_key {
        if voices.len() < 2 {
            continue;
        }
        let medians: Vec<(f64, usize)> = voices
            .values()
            .filter_map(|(values, m)| crate::stories::stats::median(values).map(|v| (v, *m)))
            .collect();
        let all: Vec<f64> = medians.iter().map(|(v, _)| *v).collect();
        let Some(centre) = crate::stories::stats::median(&all) else {
            continue;
        };
        let agreeing: Vec<&(f64, usize)> = medians
            .iter()
            .filter(|(v, _)| *v <= centre * agree && *v * agree >= centre)
            .collect();
        if agreeing.len() < 2 || centre <= 0.0 {
            continue;
        }
        let spread = agreeing
            .iter()
            .map(|(v, _)| (v / centre).ln().abs())
            .fold(0.0, f64::max);
        out.push(crate::stories::claims::Consensus {
            key,
            scale: crate::stories::claims::Scale::Ratio,
            centre,
            spread,
            sources: agreeing.len(),
            articles: agreeing
                .iter()
                .map(|(_, m)| story.members[*m].article.id.clone())
                .collect(),
            published: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::times::sentence_time;

    fn options() -> KeyOptions {
        KeyOptions {
            measures: vec!["deaths".into()],
            money_frames: vec![vec!["price".into(), "paid".into(), "deal".into()]],
            aggregate_nouns: vec!["market".into()],
            generic_nouns: vec!["people".into(), "years".into()],
            irregular_plurals: vec!["children".into()],
            min_headcount: 10.0,
            noun_groups: Vec::new(),
            vague_words: vec!["hundreds".into()],
            other_time: crate::cues::WordList::try_from(vec![
                "last year".to_string(),
                "previous".to_string(),
            ])
            .unwrap(),
            continuing_words: vec!["it".into()],
            min_value: 10.0,
            hedge_factor: 2.0,
        }
    }

    fn sentence_time_of(s: &str, o: &KeyOptions) -> String {
        sentence_time(s, Span::new(0, s.len()), &o.other_time)
    }

    #[test]
    fn a_sentence_is_placed_by_its_years_months_and_other_time_phrases() {
        let o = options();
        assert_eq!(sentence_time_of("The quake struck on Sunday.", &o), "");
        assert_eq!(sentence_time_of("A 2005 quake killed 612.", &o), "2005");
        assert_eq!(sentence_time_of("In July, thieves took $1m.", &o), "july");
        assert_eq!(
            sentence_time_of("The previous quake killed 40.", &o),
            "past"
        );
        assert_eq!(sentence_time_of("Last year 12 died.", &o), "past");
        // "May" is a verb as often as a month.
        assert_eq!(sentence_time_of("May officials said 20 died.", &o), "");
    }

    #[test]
    fn only_plural_specific_nouns_key_a_count() {
        let o = options();
        let fig = |noun: &str| Figure {
            noun: Some(noun.into()),
            ..crate::extract::figures_in("40 things", None).remove(0)
        };
        assert_eq!(counted_noun(&fig("employees"), &o), Some("employees"));
        assert_eq!(counted_noun(&fig("children"), &o), Some("children"));
        assert_eq!(counted_noun(&fig("people"), &o), None);
        assert_eq!(counted_noun(&fig("block"), &o), None);
        assert_eq!(counted_noun(&fig("business"), &o), None);
    }
}
