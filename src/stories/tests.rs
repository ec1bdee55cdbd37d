//! Corroboration by figure groups against the pairwise definition it replaced: every
//! pair of figures of different articles in one bucket, compared one by one.

use super::stats::{mad, median};
use super::*;
use crate::analysis::Analyser;
use crate::config::Config;
use crate::ingest::Article;
use proptest::prelude::*;

struct Entry {
    id: (u32, u32),
    lo: f64,
    hi: f64,
}

/// For every figure of every member, how many other members report a compatible value,
/// comparing figures pair by pair (quadratic in a story's articles).
fn pairwise(analyses: &[&Analysis], voices: &[u32], measures: &[Measure]) -> Vec<Vec<usize>> {
    let max_tolerance = measures
        .iter()
        .map(|m| m.tolerance)
        .fold(DEFAULT_TOLERANCE, f64::max)
        .min(0.9);
    let widen = (1.0 + max_tolerance) / (1.0 - max_tolerance);
    // (article, figure) pairs per bucket.
    let mut values: HashMap<String, Vec<Entry>> = Default::default();
    let mut dates: HashMap<(i32, u32, u32), Vec<(u32, u32)>> = Default::default();
    // An article that repeats a figure verbatim is indexed once for it; its other copies
    // take the first one's count at the end. Text that says "40" ten thousand times costs
    // one entry, not ten thousand.
    let mut copy_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(analyses.len());
    for (a, analysis) in analyses.iter().enumerate() {
        let mut first_by_text: HashMap<&str, usize, FnvBuild> = Default::default();
        let mut copies = vec![None; analysis.extraction.figures.len()];
        for (f, fig) in analysis.extraction.figures.iter().enumerate() {
            if let Some(&first) = first_by_text.get(fig.text.as_str()) {
                let same = &analysis.extraction.figures[first];
                if same.kind == fig.kind && same.measure == fig.measure && same.noun == fig.noun {
                    copies[f] = Some(first);
                    continue;
                }
            } else {
                first_by_text.insert(fig.text.as_str(), f);
            }
            let id = (a as u32, f as u32);
            if fig.kind == FigureKind::Date {
                if let Some(key) = date_key(fig) {
                    dates.entry(key).or_default().push(id);
                }
                continue;
            }
            let Some((lo, hi)) = in_base_unit(fig) else {
                continue;
            };
            let bucket = value_bucket(fig);
            values.entry(bucket).or_default().push(Entry { id, lo, hi });
        }
        copy_of.push(copies);
    }
    let mut found: Vec<Vec<Vec<u32>>> = analyses
        .iter()
        .map(|a| vec![Vec::new(); a.extraction.figures.len()])
        .collect();
    let figure = |(a, f): (u32, u32)| &analyses[a as usize].extraction.figures[f as usize];
    let note = |x: (u32, u32), y: (u32, u32), found: &mut Vec<Vec<Vec<u32>>>| {
        let (vx, vy) = (voices[x.0 as usize], voices[y.0 as usize]);
        if vx != vy && compatible(figure(x), figure(y), measures) {
            found[x.0 as usize][x.1 as usize].push(vy);
            found[y.0 as usize][y.1 as usize].push(vx);
        }
    };
    for entries in values.values_mut() {
        entries.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        // Open intervals ("at least 40") and wide ranges are few: compare them with all.
        let (open, points): (Vec<&Entry>, Vec<&Entry>) = entries
            .iter()
            .partition(|e| !e.hi.is_finite() || e.hi > e.lo.abs() * widen + 1e-9);
        for (k, e) in points.iter().enumerate() {
            // Later points with lo up to hi × widen can overlap.
            for g in &points[k + 1..] {
                if g.lo > e.hi * widen + 1e-9 {
                    break;
                }
                note(e.id, g.id, &mut found);
            }
        }
        for (k, e) in open.iter().enumerate() {
            for g in points.iter().chain(&open[k + 1..]) {
                note(e.id, g.id, &mut found);
            }
        }
    }
    // Dates: the same day; a month-only date meets every day of its month.
    let mut months: HashMap<(i32, u32), Vec<(u32, u32)>> = Default::default();
    for ((year, month, day), ids) in &dates {
        if *day > 0 {
            months.entry((*year, *month)).or_default().extend(ids);
        }
    }
    for ((year, month, day), ids) in &dates {
        for (k, x) in ids.iter().enumerate() {
            for y in &ids[k + 1..] {
                note(*x, *y, &mut found);
            }
            if *day == 0 {
                for y in months.get(&(*year, *month)).into_iter().flatten() {
                    note(*x, *y, &mut found);
                }
            }
        }
    }
    found
        .into_iter()
        .zip(copy_of)
        .map(|(figs, copies)| {
            let counts: Vec<usize> = figs
                .into_iter()
                .map(|mut articles| {
                    articles.sort_unstable();
                    articles.dedup();
                    articles.len()
                })
                .collect();
            copies
                .iter()
                .enumerate()
                .map(|(f, copy)| counts[copy.unwrap_or(f)])
                .collect()
        })
        .collect()
}

/// The default configuration and its analyser (without the pattern rules' phrase lists,
/// which these tests do not read).
struct Setup {
    config: Config,
    analyser: Analyser,
}

fn rules() -> &'static Setup {
    static R: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let config = Config::embedded().expect("rules load");
        let analyser = Analyser::new(&config, &[]).expect("analyser builds");
        Setup { config, analyser }
    })
}

/// Sentences whose figures often agree, nearly agree, or repeat: counts with and without
/// measures, ranges, open intervals, negative numbers, durations, dates with and without
/// years, months and times.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(vec![
                "130",
                "131",
                "128",
                "1,300",
                "at least 120",
                "about 130",
                "-4",
                "0"
            ]),
            prop::sample::select(vec![
                "people were killed",
                "dead",
                "were injured",
                "homes",
                "miles"
            ])
        )
            .prop_map(|(n, w)| format!("Police said {n} {w}.")),
        (prop::sample::select(vec![
            "120 to 140",
            "two years",
            "24 months",
            "13 months",
            "3 days"
        ]))
        .prop_map(|d| format!("The search lasted {d}.")),
        (prop::sample::select(vec![
            "March 8",
            "8 March 2014",
            "March 2014",
            "March",
            "March 9",
            "2014",
            "4:35 PM",
            "Monday"
        ]))
        .prop_map(|d| format!("The plane vanished on {d}.")),
        (prop::sample::select(vec!["$5 million", "€5m", "5 percent", "50%"]))
            .prop_map(|m| format!("It cost {m}.")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn groups_count_what_pairs_count(
        texts in prop::collection::vec(prop::collection::vec(sentence(), 1..6), 1..12),
        outlets in 1u32..6,
    ) {
        let analyses: Vec<Analysis> = texts
            .iter()
            .enumerate()
            .map(|(i, sentences)| {
                let mut a = Article::from_text(format!("a{i}"), sentences.join(" "));
                a.published = crate::date::Date::new(2014, 3, 10);
                rules().analyser.analyse(&a)
            })
            .collect();
        let members: Vec<&Analysis> = analyses.iter().collect();
        // Several articles of one outlet (one voice) confirm nothing to each other.
        let voices: Vec<u32> = (0..members.len() as u32).map(|i| i % outlets).collect();
        let measures = &rules().config.measures;
        // Counted up to the cap: whether a figure is corroborated, and by how few.
        let capped: Vec<Vec<usize>> = pairwise(&members, &voices, measures)
            .into_iter()
            .map(|counts| counts.into_iter().map(|n| n.min(MAX_COUNTED)).collect())
            .collect();
        prop_assert_eq!(corroboration(&members, &voices, measures), capped);
    }
}

/// The consensus on `key` of every member of `story` but `except`, computed from scratch
/// over every member's claims: quadratic in a story's articles, and the definition the
/// leave-one-out index must reproduce.
fn from_scratch(
    this: &claims::StoryClaims,
    story: &crate::stories::StoryView<'_>,
    key: &str,
    except: Option<usize>,
) -> Option<claims::Consensus> {
    // Voices: outlets by name (an article with none is its own), and copies of one text
    // under two names counted once, as the story found them.
    let sources: Vec<String> = story.voices.iter().map(|v| format!("voice {v}")).collect();
    let holders: Vec<(usize, usize)> = (0..story.members.len())
        .filter_map(|m| {
            this.claims(m)
                .iter()
                .position(|c| c.key == key)
                .map(|i| (m, i))
        })
        .collect();
    // One value per source: an outlet that ran three stories is one voice.
    let mut by_source: Vec<(&str, Vec<f64>, Vec<usize>)> = Vec::new();
    let mut scale = claims::Scale::Ratio;
    let mut tolerance: f64 = 0.0;
    let claim = |&(m, i): &(usize, usize)| &this.claims(m)[i];
    // Small counts are subgroups in a story whose figures are mostly large ("two were
    // Canadian" of 239 on board), and the toll itself in a story of small figures.
    let values: Vec<f64> = holders
        .iter()
        .filter(|(m, _)| Some(*m) != except)
        .map(|h| claim(h).value)
        .collect();
    let any_large = values.iter().any(|v| *v >= 10.0)
        && median(&values).is_some_and(|m| {
            holders
                .first()
                .is_some_and(|h| claim(h).scale == claims::Scale::Ratio)
                && m >= this.min_value
        });
    // A source's position among `by_source`, so that a story of many outlets does not
    // search the list for each member.
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for h in &holders {
        let m = h.0;
        if Some(m) == except {
            continue;
        }
        let c = claim(h);
        if any_large && c.small {
            continue;
        }
        scale = c.scale;
        tolerance = tolerance.max(c.tolerance);
        let source = sources[m].as_str();
        let value = match c.scale {
            claims::Scale::Ratio => c.value.ln(),
            claims::Scale::Days => c.value,
        };
        match slot.get(&source) {
            Some(&k) => {
                by_source[k].1.push(value);
                by_source[k].2.push(m);
            }
            None => {
                slot.insert(source, by_source.len());
                by_source.push((source, vec![value], vec![m]));
            }
        }
    }
    if by_source.is_empty() {
        return None;
    }
    let per_source: Vec<f64> = by_source.iter().filter_map(|(_, v, _)| median(v)).collect();
    let centre = median(&per_source)?;
    let floor = match scale {
        claims::Scale::Ratio => (1.0 + tolerance).ln(),
        claims::Scale::Days => tolerance.max(0.5),
    };
    let spread = mad(&per_source, centre).max(floor);
    let members: Vec<usize> = by_source
        .iter()
        .flat_map(|(_, _, m)| m.iter().copied())
        .collect();
    let dates: Vec<f64> = members
        .iter()
        .filter_map(|&m| story.members[m].analysis.published)
        .map(|d| d.to_days() as f64)
        .collect();
    Some(claims::Consensus {
        key: key.to_string(),
        scale,
        centre: match scale {
            claims::Scale::Ratio => centre.exp(),
            claims::Scale::Days => centre,
        },
        spread,
        sources: by_source.len(),
        articles: members
            .iter()
            .map(|&m| story.members[m].article.id.clone())
            .collect(),
        published: median(&dates).map(|d| crate::date::Date::from_days(d.round() as i64)),
    })
}

fn claim_options() -> claims::ClaimOptions {
    let rule = rules()
        .config
        .rules
        .iter()
        .find(|r| r.kind == crate::config::RuleKind::Consensus)
        .expect("the default rules have a consensus rule");
    rule.parse_options().expect("its options load")
}

/// Claims of a story on tolls (large and small), event dates and running durations.
fn claim_sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "0",
            "2",
            "5",
            "9",
            "12",
            "130",
            "131",
            "128",
            "1,300",
            "at least 120"
        ])
        .prop_map(|n| format!("Police said {n} people were killed in the blast.")),
        prop::sample::select(vec!["3", "4", "5", "9"])
            .prop_map(|d| format!("The ceasefire began on March {d}.")),
        prop::sample::select(vec!["13 months", "two years", "25 months"])
            .prop_map(|d| format!("The war has lasted {d}.")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// The indexed leave-one-out summary, articles and consensus say what the consensus
    /// computed from scratch says, for every key, leaving out each member in turn and none, with outlets that ran
    /// several articles and articles with no outlet.
    #[test]
    fn leave_one_out_summaries_match_the_consensus(
        members in prop::collection::vec(
            (0u8..4, 0i64..3, prop::collection::vec(claim_sentence(), 1..4)),
            2..14,
        )
    ) {
        let articles: Vec<Article> = members
            .iter()
            .enumerate()
            .map(|(i, (outlet, day, sentences))| {
                let mut a = Article::from_text(format!("a{i}"), sentences.join(" "));
                a.source = (*outlet < 3).then(|| format!("Outlet {outlet}"));
                a.published = crate::date::Date::new(2025, 3, 10).map(|d| d.add_days(*day));
                a.story = Some("s".into());
                a
            })
            .collect();
        let analyses: Vec<Analysis> = articles.iter().map(|a| rules().analyser.analyse(a)).collect();
        let view = crate::stories::StoryView::new(
            "s",
            articles
                .iter()
                .zip(&analyses)
                .map(|(article, analysis)| crate::stories::Member {
                    article,
                    analysis,
                    memo: None,
                })
                .collect(),
        );
        let story = claims::StoryClaims::new(&view, &rules().config.measures, &claim_options());
        for key in story.keys() {
            for except in std::iter::once(None).chain((0..articles.len()).map(Some)) {
                let full = from_scratch(&story, &view, &key, except);
                prop_assert_eq!(
                    format!("{:?}", story.consensus(&view, &key, except)),
                    format!("{:?}", full)
                );
                let expected = full.as_ref().map(|c| leave_one_out::Summary {
                    scale: c.scale,
                    centre: c.centre,
                    spread: c.spread,
                    sources: c.sources,
                    published: c.published,
                });
                prop_assert_eq!(story.summary(&key, except), expected, "{} without {:?}", key, except);
                let (ids, count) = story.consensus_articles(&view, &key, except, usize::MAX);
                let all = full.map(|c| c.articles).unwrap_or_default();
                prop_assert_eq!(count, all.len());
                prop_assert_eq!(ids, all);
            }
        }
    }
}
