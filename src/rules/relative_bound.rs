//! relative-bound: a count of a place's people larger than a share of the population the
//! same article gives that place (casualties above the stated population, deaths beyond a
//! plausible share of it, more residents interviewed than live there).

use super::{ArticleContext, Check, Hit, KindDoc};
use crate::analysis::times::sentence_times;
use crate::config::{ConfigError, Measure, RuleConfig};
use crate::extract::{Figure, FigureKind};
use serde::Deserialize;
use serde_json::json;

pub const DOC: KindDoc = KindDoc {
    what_it_checks: "Counts of a measure whose `[[measure]]` table has `at-most = [{ measure, \
share }]` (and counts of `resident-nouns`, bounded by the whole population) against `share` × \
a population stated in the same article. A population is typed strictly: a figure right after \
one of the `population-cues` (\"a population of\", \"home to\"), after a place noun and \"of\" \
(\"a village of 300\"), or, when the article states none of those, a bare count of \
`resident-nouns` (\"2.3 million residents\"). When the article gives populations of several \
places, a count is compared only with the one whose sentence names a place its own sentence \
names.",
    why: "A toll cannot exceed the population it is drawn from, and deaths beyond a fraction of \
it are implausible for all but the worst catastrophes. Such a figure is usually a unit slip or \
an invention; the finding names both figures.",
    example: "\"Casualties had mounted to 1.9 million\" in an article that gives the territory \
2.3 million residents (casualties are bounded at half the population).",
    not_flagged: "Decimals and measurements (a 5.9 magnitude is no population); counts of \
people doing or undergoing something, which are never populations when the article states a \
population; populations in other articles of the story; a count placed in another time than \
the population (a year, a month, \"last year\"); with several populations, a count whose \
sentence names none of their places; counts whose lower bound is within the share.",
    options: "`hedge-factor`, `place-nouns`, `population-cues`, `resident-nouns`, `other-time`.",
    placeholders: &["claim", "measure", "related", "related_measure", "share"],
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_hedge")]
    hedge_factor: f64,
    /// Common nouns that name a place ("the town", "a village of 300").
    #[serde(default)]
    place_nouns: Vec<String>,
    /// Phrases right before a figure that make it a population ("a population of").
    #[serde(default)]
    population_cues: Vec<String>,
    /// Nouns for the people of a place ("residents", "islanders"): a bare count of them is
    /// the population when the article states none, and a count of them is bounded by it.
    #[serde(default)]
    resident_nouns: Vec<String>,
    /// Phrases that place a sentence in another time than the story's.
    #[serde(default)]
    other_time: crate::cues::WordList,
    /// Words that open a sentence continuing the previous one's subject and time ("It left
    /// half a million homeless").
    #[serde(default)]
    continuing_words: Vec<String>,
}

fn default_hedge() -> f64 {
    2.0
}

/// The smallest bare count of residents read as a place's population.
const MIN_BARE_POPULATION: f64 = 100.0;

pub struct RelativeBound {
    o: Options,
    measures: Vec<Measure>,
}

/// A population stated in the article.
struct Population<'a> {
    figure: &'a Figure,
    /// The most the statement allows ("more than 100,000" reaches 100,000 × hedge).
    high: f64,
    places: Vec<String>,
    time: String,
}

impl RelativeBound {
    pub fn new(rule: &RuleConfig, measures: &[Measure]) -> Result<Self, ConfigError> {
        let mut o: Options = rule.parse_options()?;
        for list in [
            &mut o.place_nouns,
            &mut o.population_cues,
            &mut o.resident_nouns,
            &mut o.continuing_words,
        ] {
            for n in list.iter_mut() {
                *n = n.to_lowercase();
            }
        }
        Ok(RelativeBound {
            o,
            measures: measures.to_vec(),
        })
    }

    /// The places a sentence names: capitalised words past its first, and place nouns. A
    /// sentence with "there" also names the places of the sentence before it.
    fn places(
        &self,
        text: &str,
        analysis: &crate::analysis::Analysis,
        sentence: usize,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let Some(s) = analysis.doc.sentences.get(sentence) else {
            return out;
        };
        let body = s.span.text(text);
        let mut refers_back = false;
        for (k, raw) in body.split_whitespace().enumerate() {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            let lower = w.to_lowercase();
            if lower == "there" {
                refers_back = true;
            }
            let capitalised = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && crate::date::month_from_name(w).is_none()
                && crate::date::weekday_from_name(w).is_none();
            if (capitalised && (k > 0 || raw.ends_with(','))) || self.o.place_nouns.contains(&lower)
            {
                out.push(lower.trim_end_matches("'s").to_string());
            }
        }
        if refers_back && sentence > 0 {
            out.extend(self.places(text, analysis, sentence - 1));
        }
        out.sort();
        out.dedup();
        out
    }

    /// The capitalised names a sentence places something in: the word after "in", "across",
    /// "throughout", "at", "near" or "outside" (a "the" between skipped).
    fn located_in(
        text: &str,
        analysis: &crate::analysis::Analysis,
        sentence: usize,
    ) -> Vec<String> {
        let Some(s) = analysis.doc.sentences.get(sentence) else {
            return Vec::new();
        };
        let words: Vec<&str> = s
            .span
            .text(text)
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let mut out = Vec::new();
        for (k, w) in words.iter().enumerate() {
            if !matches!(
                w.to_lowercase().as_str(),
                "in" | "across" | "throughout" | "at" | "near" | "outside"
            ) {
                continue;
            }
            let mut next = k + 1;
            if words
                .get(next)
                .is_some_and(|n| n.eq_ignore_ascii_case("the"))
            {
                next += 1;
            }
            // "in eastern China": one lower-case word may stand before the name.
            let lower_then_name = words
                .get(next)
                .is_some_and(|n| n.starts_with(char::is_lowercase))
                && words
                    .get(next + 1)
                    .is_some_and(|n| n.starts_with(char::is_uppercase));
            if lower_then_name {
                next += 1;
            }
            if let Some(name) = words.get(next).filter(|n| {
                n.chars().next().is_some_and(char::is_uppercase)
                    && crate::date::month_from_name(n).is_none()
                    && crate::date::weekday_from_name(n).is_none()
            }) {
                out.push(name.to_lowercase());
            }
        }
        out
    }

    /// Whether a sentence opens with a word that continues the previous one's subject.
    fn continues(&self, text: &str, analysis: &crate::analysis::Analysis, sentence: usize) -> bool {
        analysis.doc.sentences.get(sentence).is_some_and(|s| {
            let first = s.span.text(text).split_whitespace().next().map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            first.is_some_and(|w| self.o.continuing_words.contains(&w))
        })
    }

    /// The words before a figure in its sentence, lower-cased, nearest last, hedges skipped.
    fn lead(text: &str, sentence: crate::text::Span, f: &Figure) -> String {
        let window = crate::text::context_window(text, sentence, f.span);
        let before = text
            .get(window.start..f.span.start)
            .unwrap_or("")
            .to_lowercase();
        let mut words: Vec<&str> = before
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        while words.last().is_some_and(|w| {
            matches!(
                *w,
                "about"
                    | "around"
                    | "some"
                    | "nearly"
                    | "almost"
                    | "approximately"
                    | "roughly"
                    | "more"
                    | "than"
                    | "over"
                    | "just"
                    | "under"
                    | "at"
                    | "least"
                    | "an"
                    | "estimated"
            )
        }) {
            words.pop();
        }
        let from = words.len().saturating_sub(4);
        words[from..].join(" ")
    }

    /// Whether a figure can state a number of people at all: a whole count or bare number,
    /// with no unit (a magnitude of 5.9 or "300 km" is none).
    fn is_headcount(f: &Figure) -> bool {
        matches!(f.kind, FigureKind::Count | FigureKind::Number)
            && f.unit.is_none()
            && !f.in_heading
            && f.value.is_some_and(|v| v >= 1.0 && v.fract() == 0.0)
    }

    /// Whether the figure counts `resident-nouns`: as its noun, or as the whole of a
    /// partitive ("40,000 of the town's 25,000 inhabitants", "of the island's people").
    fn counts_residents(&self, text: &str, f: &Figure) -> bool {
        if f.noun
            .as_deref()
            .is_some_and(|n| self.o.resident_nouns.iter().any(|r| r == n))
        {
            return true;
        }
        let after = crate::text::text_after(text, f.span.end).to_lowercase();
        let words: Vec<&str> = after
            .split_whitespace()
            .take(5)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
            .collect();
        if words.first() != Some(&"of") {
            return false;
        }
        let place_people = words.windows(2).any(|w| {
            let owner = w[0].trim_end_matches("'s").trim_end_matches("’s");
            w[0].len() > owner.len()
                && self.o.place_nouns.iter().any(|p| p == owner)
                && matches!(w[1], "people" | "population")
        });
        place_people
            || words[1..]
                .iter()
                .take_while(|w| !w.is_empty())
                .any(|w| self.o.resident_nouns.iter().any(|r| r == w))
    }

    /// The populations the article states: strict statements when it has any, else its bare
    /// counts of residents.
    fn populations<'a>(&self, ctx: &ArticleContext<'a>, times: &[String]) -> Vec<Population<'a>> {
        let text = ctx.article.text.as_str();
        let analysis: &'a crate::analysis::Analysis = ctx.analysis;
        let mut strict = Vec::new();
        let mut bare = Vec::new();
        for f in &analysis.extraction.figures {
            if !Self::is_headcount(f) {
                continue;
            }
            let Some(sentence) = analysis.doc.sentences.get(f.sentence) else {
                continue;
            };
            let lead = Self::lead(text, sentence.span, f);
            // "home to 20 foreign-born dockworkers" is a group living there, not its people.
            let counts_people = f.noun.as_deref().is_none_or(|n| {
                matches!(n, "people" | "persons" | "souls")
                    || self.o.resident_nouns.iter().any(|r| r == n)
            });
            let stated = counts_people
                && self
                    .o
                    .population_cues
                    .iter()
                    .any(|c| lead.ends_with(c.as_str()))
                // "a village of" (read without writing out each noun's phrase).
                || lead.strip_suffix(" of").is_some_and(|before| {
                    self.o
                        .place_nouns
                        .iter()
                        .any(|p| before.ends_with(p.as_str()))
                });
            // A bare count is the residents themselves only when the noun follows it
            // directly ("2.3 million residents"), not a group of them ("30 suspected
            // smuggler residents"), and is a town's size at least.
            let bare_residents = f
                .noun
                .as_deref()
                .is_some_and(|n| self.o.resident_nouns.iter().any(|r| r == n))
                && text
                    .get(f.span.end..)
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| {
                        let w = w
                            .trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase();
                        self.o.resident_nouns.contains(&w)
                    })
                && f.value.is_some_and(|v| v >= MIN_BARE_POPULATION);
            // "The island, which has about 200,000 residents", "a town with 25,000
            // inhabitants": residents a place has are its population.
            let possessed = bare_residents
                && ["has", "have", "had", "with"]
                    .iter()
                    .any(|w| lead.split_whitespace().last() == Some(*w));
            let stated = stated || possessed;
            if !stated && !bare_residents {
                continue;
            }
            let Some((_, high)) = f.hedged(self.o.hedge_factor) else {
                continue;
            };
            let population = Population {
                figure: f,
                high,
                places: self.places(text, analysis, f.sentence),
                time: times.get(f.sentence).cloned().unwrap_or_default(),
            };
            if stated {
                strict.push(population);
            } else {
                bare.push(population);
            }
        }
        if strict.is_empty() { bare } else { strict }
    }
}

impl Check for RelativeBound {
    fn reads_story(&self) -> bool {
        false
    }

    fn time_words(&self) -> Option<(&crate::cues::WordList, &[String])> {
        Some((&self.o.other_time, &self.o.continuing_words))
    }

    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>) {
        let text = ctx.text();
        let times = sentence_times(
            text,
            ctx.analysis,
            &self.o.other_time,
            &self.o.continuing_words,
        );
        let populations = self.populations(ctx, &times);
        if populations.is_empty() {
            return;
        }
        let mut placed: Option<(usize, Vec<String>, Vec<String>)> = None;
        let several = populations
            .iter()
            .any(|p| p.figure.value != populations[0].figure.value);
        for f in ctx.figures() {
            if !Self::is_headcount(f) || populations.iter().any(|p| std::ptr::eq(p.figure, f)) {
                continue;
            }
            // The share of the population the count may reach: its measure's, or the whole
            // population for a count of the place's residents.
            let measure = f
                .measure
                .as_ref()
                .and_then(|id| crate::config::measure_by_id(&self.measures, id));
            let bound = measure.and_then(|m| m.at_most.first());
            let (share, related_measure, measure_id) = match bound {
                Some(b) => (
                    b.share,
                    b.measure.as_str(),
                    measure.map_or("", |m| m.id.as_str()),
                ),
                None if self.counts_residents(text, f) => (1.0, "population", "residents"),
                None => continue,
            };
            let Some((lo, _)) = f.hedged(self.o.hedge_factor) else {
                continue;
            };
            let time = times.get(f.sentence).cloned().unwrap_or_default();
            // Read once per sentence: a sentence of many tolls stays linear.
            if placed.as_ref().is_none_or(|(s, _, _)| *s != f.sentence) {
                let places = self.places(text, ctx.analysis, f.sentence);
                // "80,000 killed across Marovia": a count placed in a named place the
                // population's sentence does not name is of another place.
                let mut located = Self::located_in(text, ctx.analysis, f.sentence);
                if f.sentence > 0 && self.continues(text, ctx.analysis, f.sentence) {
                    located.extend(Self::located_in(text, ctx.analysis, f.sentence - 1));
                }
                placed = Some((f.sentence, places, located));
            }
            let Some((_, places, located)) = &placed else {
                continue;
            };
            let candidates = populations.iter().filter(|p| {
                (p.time.is_empty() || time.is_empty() || p.time == time)
                    && (located.is_empty() || located.iter().any(|l| p.places.contains(l)))
                    && (!several
                        || p.figure.sentence == f.sentence
                        || p.places.iter().any(|x| places.contains(x)))
            });
            // The largest population it may be drawn from: the most lenient reading.
            let Some(population) = candidates.max_by(|a, b| a.high.total_cmp(&b.high)) else {
                continue;
            };
            if time != population.time && !time.is_empty() {
                continue;
            }
            let limit = share * population.high;
            if lo <= limit {
                continue;
            }
            hits.push(
                Hit::new(f.span)
                    .var("claim", format!("\"{}\"", f.text))
                    .var("measure", measure_id)
                    .var("related", format!("\"{}\"", population.figure.text))
                    .var("related_measure", related_measure)
                    .var("share", format!("{:.0}%", share * 100.0))
                    .evidence(json!({
                        "claim": ctx.figure_evidence(f),
                        "measure": measure_id,
                        "related_measure": related_measure,
                        "related": { "figure": ctx.figure_evidence(population.figure), "from": "this article" },
                        "share": share,
                        "limit": limit,
                        "places": places,
                    })),
            );
        }
    }
}
