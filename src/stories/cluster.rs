//! Grouping an unlabelled batch into stories: TF-IDF vectors of content words, cosine
//! similarity between articles that share rare terms, and publication dates close enough.
//! Articles with a `story` key keep it.

use super::Story;
use crate::analysis::Analysis;
use crate::config::ClusterOptions;
use crate::ingest::Article;
use crate::lower::FnvBuild;
use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap};

/// Maps keyed by terms, hashed with FNV: short keys, no untrusted-collision concern worth
/// SipHash's cost here.
type Map<K, V> = HashMap<K, V, FnvBuild>;

/// An article's weighed terms, as the clustering compares articles by them. They depend on
/// the article alone: whoever keeps articles between clusterings may keep them too.
pub type Terms = Map<String, f64>;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "his", "her",
    "its", "their", "they", "this", "these", "those", "from", "but", "not", "which", "who", "will",
    "would", "could", "should", "said", "says", "also", "been", "being", "into", "about", "after",
    "before", "over", "than", "then", "there", "what", "when", "where", "while", "more", "most",
    "some", "such", "only", "other", "our", "out", "one", "two", "can", "may", "all", "any", "new",
    "year", "years", "just", "like", "him", "she", "them", "did", "does", "how", "why", "because",
    "against", "between", "during", "under", "very",
];

pub fn terms(text: &str, analysis: &Analysis) -> Terms {
    let mut tf: Map<String, f64> = Map::default();
    for s in &analysis.doc.sentences {
        let block = analysis.doc.blocks[s.block].kind;
        let weight = if block == crate::text::BlockKind::Title {
            2.0
        } else {
            1.0
        };
        for w in s.span.text(text).split(|c: char| !c.is_alphanumeric()) {
            if w.len() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let lower = w.to_lowercase();
            if STOPWORDS.contains(&lower.as_str()) {
                continue;
            }
            *tf.entry(stem(&lower)).or_insert(0.0) += weight;
        }
    }
    tf
}

/// For each stem, the word the texts use most for it ("flood" for `flood`, "shutdown"
/// for `shutdown`, "collapsed" for `collaps`): a story's name reads as words, not stems.
/// Of words used equally often, the shorter, then the first in alphabetical order.
fn whole_words<'t>(stems: &[&str], texts: impl Iterator<Item = &'t str>) -> Vec<String> {
    let mut counts: Vec<Map<String, usize>> = vec![Map::default(); stems.len()];
    for text in texts {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.len() < 3 {
                continue;
            }
            // A word's stem is a prefix of its lower case: an ASCII word that begins with
            // none of the stems is passed over without lowering or stemming it (a cluster's
            // texts are read whole to name it, and most of their words are other words).
            if w.is_ascii()
                && !stems.iter().any(|s| {
                    w.len() >= s.len() && w.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
                })
            {
                continue;
            }
            let lower = w.to_lowercase();
            let stemmed = stem(&lower);
            if let Some(k) = stems.iter().position(|s| *s == stemmed) {
                *counts[k].entry(lower).or_insert(0) += 1;
            }
        }
    }
    stems
        .iter()
        .zip(counts)
        .map(|(stem, words)| {
            words
                .into_iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(b.0.cmp(&a.0))
                })
                .map_or_else(|| stem.to_string(), |(w, _)| w)
        })
        .collect()
}

/// A new story's key: `auto:` and the words its texts use for `stems`, or `auto:` and its
/// first article's id when there are none (a lone article in a batch of one has no term
/// heavier than another); `+` is added while `taken` says the key is another story's.
fn story_key<'t>(
    stems: &[&str],
    texts: impl Iterator<Item = &'t str>,
    first_id: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let name = whole_words(stems, texts);
    let mut key = if name.is_empty() {
        format!("auto:{first_id}")
    } else {
        format!("auto:{}", name.join("-"))
    };
    while taken(&key) {
        key.push('+');
    }
    key
}

/// A light suffix stripper, so that "collapsed", "collapsing" and "collapse" meet.
fn stem(word: &str) -> String {
    for suffix in ["ings", "ing", "ers", "er", "ed", "es", "s", "e"] {
        if let Some(root) = word.strip_suffix(suffix) {
            if root.chars().count() >= 4 {
                return root.to_string();
            }
        }
    }
    word.to_string()
}

/// A growing story: its members, the sum of their vectors, and its date range. Its terms
/// are borrowed from the articles' vectors, which outlive it.
#[derive(Default)]
struct Cluster<'v> {
    members: Vec<usize>,
    sum: Map<&'v str, f64>,
    /// The norm of `sum`, while it has not changed since.
    norm: std::cell::Cell<Option<f64>>,
    first: Option<i64>,
    last: Option<i64>,
}

impl<'v> Cluster<'v> {
    /// Adds article `i`; returns the terms new to the cluster.
    fn add(&mut self, i: usize, v: &Map<&'v str, f64>, date: Option<i64>) -> Vec<&'v str> {
        self.members.push(i);
        let mut new_terms = Vec::new();
        for (t, x) in v {
            match self.sum.get_mut(*t) {
                Some(y) => *y += x,
                None => {
                    self.sum.insert(*t, *x);
                    new_terms.push(*t);
                }
            }
        }
        self.norm.set(None);
        if let Some(d) = date {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
        new_terms
    }

    fn absorb(&mut self, other: Cluster<'v>) {
        self.members.extend(other.members);
        for (t, x) in other.sum {
            *self.sum.entry(t).or_insert(0.0) += x;
        }
        self.norm.set(None);
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    fn norm(&self) -> f64 {
        if let Some(n) = self.norm.get() {
            return n;
        }
        let n = self.sum.values().map(|x| x * x).sum::<f64>().sqrt();
        self.norm.set(Some(n));
        n
    }

    /// Cosine similarity with an article's unit vector.
    fn cosine(&self, v: &Map<&str, f64>) -> f64 {
        let norm = self.norm();
        if norm == 0.0 {
            return 0.0;
        }
        v.iter()
            .filter_map(|(t, x)| self.sum.get(*t).map(|y| x * y))
            .sum::<f64>()
            / norm
    }

    fn centroid_cosine(&self, other: &Cluster<'v>) -> f64 {
        let (na, nb) = (self.norm(), other.norm());
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let (small, large) = if self.sum.len() < other.sum.len() {
            (&self.sum, &other.sum)
        } else {
            (&other.sum, &self.sum)
        };
        small
            .iter()
            .filter_map(|(t, x)| large.get(t).map(|y| x * y))
            .sum::<f64>()
            / (na * nb)
    }

    /// Whether an article of this date is within `max_days` of the cluster's dates.
    fn fits_date(&self, date: Option<i64>, max_days: i64) -> bool {
        match (date, self.first, self.last) {
            (Some(d), Some(first), Some(last)) => d >= first - max_days && d <= last + max_days,
            _ => true,
        }
    }
}

/// Clusters a term may be in and still find candidates (see `TermIndex::candidates`).
const MAX_TERM_CLUSTERS: usize = 100;
/// An article's (or a cluster's) heaviest terms, by which candidates are found.
const TOP_TERMS: usize = 20;
/// Candidates whose similarity is computed in full, at most.
const MAX_CANDIDATES: usize = 32;

/// Which clusters hold each term: only clusters that share a term with an article (or with
/// another cluster) can be similar to it, so nothing is compared with every cluster.
#[derive(Default)]
struct TermIndex<'t> {
    clusters_of: Map<&'t str, Vec<usize>>,
}

impl<'t> TermIndex<'t> {
    fn add(&mut self, cluster: usize, terms: impl IntoIterator<Item = &'t str>) {
        for t in terms {
            let list = self.clusters_of.entry(t).or_default();
            if list.last() != Some(&cluster) && !list.contains(&cluster) {
                list.push(cluster);
            }
        }
    }

    /// The clusters most likely to be similar to a vector, in ascending order: those that
    /// share its heaviest terms (its `TOP_TERMS`, leaving out generic ones), ranked by the
    /// weight of what they share, at most `MAX_CANDIDATES`. Their similarity is then
    /// computed in full; bounding both keeps clustering near-linear in the articles.
    fn candidates<'a>(
        &self,
        vector: impl IntoIterator<Item = (&'a str, f64)>,
        scratch: &mut [f64],
    ) -> Vec<usize> {
        let mut terms: Vec<(&str, f64)> = vector.into_iter().collect();
        if terms.len() > TOP_TERMS {
            terms.select_nth_unstable_by(TOP_TERMS - 1, |a, b| b.1.total_cmp(&a.1));
            terms.truncate(TOP_TERMS);
        }
        let mut touched: Vec<usize> = Vec::new();
        for (t, w) in terms {
            // A term in many clusters is generic ("minister", "percent"): it names no
            // story, and following it would compare everything with everything.
            let Some(list) = self
                .clusters_of
                .get(t)
                .filter(|l| l.len() <= MAX_TERM_CLUSTERS)
            else {
                continue;
            };
            for &c in list {
                if scratch[c] == 0.0 {
                    touched.push(c);
                }
                // Never 0 once touched, so that 0 means untouched.
                scratch[c] += w.max(0.0) + 1e-12;
            }
        }
        if touched.len() > MAX_CANDIDATES {
            touched.select_nth_unstable_by(MAX_CANDIDATES - 1, |a, b| {
                scratch[*b].total_cmp(&scratch[*a]).then(a.cmp(b))
            });
            for &c in &touched[MAX_CANDIDATES..] {
                scratch[c] = 0.0;
            }
            touched.truncate(MAX_CANDIDATES);
        }
        for &c in &touched {
            scratch[c] = 0.0;
        }
        touched.sort_unstable();
        touched
    }
}

/// In how many of the articles each term is.
fn document_frequencies<'a>(tfs: &'a [Cow<'_, Terms>]) -> Map<&'a str, f64> {
    let mut df: Map<&str, f64> = Map::default();
    for tf in tfs {
        for t in tf.keys() {
            *df.entry(t.as_str()).or_insert(0.0) += 1.0;
        }
    }
    df
}

/// TF-IDF vectors of articles' terms, document frequencies counted over these articles:
/// each vector keeps the terms shared with another article, divided by the norm of all
/// the article's terms.
fn weigh<'a>(
    tfs: &'a [Cow<'_, Terms>],
    df: &Map<&str, f64>,
    o: &ClusterOptions,
) -> Vec<Map<&'a str, f64>> {
    let idf = |d: f64| (tfs.len() as f64 / d).ln().max(0.0);
    tfs.iter()
        .map(|tf| {
            // Only terms another article uses are kept: no other term can make two
            // articles alike. Sized for the article's terms up front: the filter hides how
            // many stay, and growing the map as they come was a tenth of clustering a
            // window of articles.
            let mut v: Map<&str, f64> =
                Map::with_capacity_and_hasher(tf.len(), FnvBuild::default());
            v.extend(tf.iter().filter_map(|(t, f)| {
                let d = df[t.as_str()];
                (d >= 2.0).then(|| (t.as_str(), (1.0 + f.ln()) * idf(d)))
            }));
            if v.len() > o.terms {
                let mut weights: Vec<f64> = v.values().copied().collect();
                weights.sort_by(|a, b| b.total_cmp(a));
                let cut = weights[o.terms - 1];
                v.retain(|_, x| *x >= cut);
            }
            // But the norm is the whole article's, its own terms too: two articles alike in
            // a few words and different in all the rest are not alike. (Among a handful of
            // articles, a norm of the shared terms alone made three common words shared by
            // two unrelated reports look like a story.)
            let own = tf
                .iter()
                .filter(|(t, _)| df[t.as_str()] < 2.0)
                .map(|(_, f)| ((1.0 + f.ln()) * idf(1.0)).powi(2))
                .sum::<f64>();
            let norm = (v.values().map(|x| x * x).sum::<f64>() + own).sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect()
}

/// Stories for the batch: keyed articles by their key, the rest clustered.
pub fn cluster<N: Borrow<Analysis>>(
    articles: &[Article],
    analyses: &[N],
    o: &ClusterOptions,
) -> Vec<Story> {
    let free: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].story.is_none())
        .collect();
    let tfs: Vec<Cow<Terms>> = free
        .iter()
        .map(|&i| Cow::Owned(terms(&articles[i].text, analyses[i].borrow())))
        .collect();
    let vectors = weigh(&tfs, &document_frequencies(&tfs), o);
    // Centroid clustering, oldest first: an article joins the cluster whose centroid it is
    // most similar to, if that similarity reaches the threshold and the dates fit; single
    // links would chain two stories together through one shared paragraph.
    let mut order: Vec<usize> = (0..vectors.len()).collect();
    order.sort_by_key(|&i| {
        (
            analyses[free[i]].borrow().published,
            articles[free[i]].id.clone(),
        )
    });
    let mut clusters: Vec<Option<Cluster>> = Vec::new();
    let mut index = TermIndex::default();
    let mut seen: Vec<f64> = Vec::new();
    for &i in &order {
        let date = analyses[free[i]].borrow().published.map(|d| d.to_days());
        let v = &vectors[i];
        // Only clusters sharing a story-specific term are candidates; their similarity is
        // computed in full.
        seen.resize(clusters.len(), 0.0);
        let candidates = index.candidates(v.iter().map(|(t, x)| (*t, *x)), &mut seen);
        let best = candidates
            .iter()
            .filter_map(|&k| clusters[k].as_ref().map(|c| (k, c)))
            .filter(|(_, c)| c.fits_date(date, o.max_days))
            .map(|(k, c)| (k, c.cosine(v)))
            .filter(|(_, sim)| *sim >= o.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let k = match best {
            Some((k, _)) => k,
            None => {
                clusters.push(Some(Cluster::default()));
                clusters.len() - 1
            }
        };
        let new_terms = clusters[k]
            .as_mut()
            .map(|c| c.add(i, v, date))
            .unwrap_or_default();
        index.add(k, new_terms);
    }
    // Clusters that grew towards each other are one story: the first pair (in order) that
    // is similar enough is merged, and the search starts again, as long as any pair is.
    // Only clusters sharing a term are compared.
    seen.resize(clusters.len(), 0.0);
    let mut a = 0;
    while a < clusters.len() {
        let Some(ca) = clusters[a].as_ref() else {
            a += 1;
            continue;
        };
        let partner = index
            .candidates(ca.sum.iter().map(|(t, x)| (*t, *x)), &mut seen)
            .into_iter()
            .filter(|&b| b > a)
            .find(|&b| {
                clusters[b]
                    .as_ref()
                    .is_some_and(|cb| ca.centroid_cosine(cb) >= o.threshold)
            });
        match partner {
            Some(b) => {
                let other = clusters[b].take().expect("a live cluster");
                let terms: Vec<&str> = other.sum.keys().copied().collect();
                if let Some(ca) = clusters[a].as_mut() {
                    ca.absorb(other);
                }
                index.add(a, terms);
                a = 0;
            }
            None => a += 1,
        }
    }
    let groups: Vec<Vec<usize>> = clusters.into_iter().flatten().map(|c| c.members).collect();
    let mut stories: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(key) = &a.story {
            stories.entry(key.clone()).or_default().push(i);
        }
    }
    for group in &groups {
        let members: Vec<usize> = group.iter().map(|&m| free[m]).collect();
        // Name a cluster after its three heaviest terms.
        let mut weight: Map<&str, f64> = Map::default();
        for &m in group {
            for (t, x) in &vectors[m] {
                *weight.entry(t).or_insert(0.0) += x;
            }
        }
        let mut top: Vec<(&str, f64)> = weight.into_iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let stems: Vec<&str> = top.iter().take(3).map(|(t, _)| *t).collect();
        let key = story_key(
            &stems,
            members.iter().map(|&m| articles[m].text.as_str()),
            &articles[members[0]].id,
            |k| stories.contains_key(k),
        );
        stories.insert(key, members);
    }
    stories
        .into_iter()
        .map(|(key, members)| Story { key, members })
        .collect()
}

/// An article offered to [`join_stories`]: its story, if it has one already.
pub struct Offered<'a> {
    pub article: &'a Article,
    pub analysis: &'a Analysis,
    pub story: Option<&'a str>,
}

/// The story each article without one joins, in order: the story (among those of the
/// other articles, and those started by earlier newcomers) whose centroid it is most
/// similar to, if that similarity reaches the threshold and the dates fit; else a new story
/// named after its own heaviest terms. Unlike [`cluster`], the stories already formed stay
/// as they are: an article joins one only by resembling it as a whole, so one that was
/// placed wrongly does not draw the next articles after it, and stories are never merged.
pub fn join_stories<'t>(
    offered: &[Offered<'_>],
    terms_of: impl Fn(usize) -> Cow<'t, Terms>,
    o: &ClusterOptions,
) -> Vec<String> {
    let tfs: Vec<Cow<'t, Terms>> = (0..offered.len()).map(terms_of).collect();
    let df = document_frequencies(&tfs);
    let vectors = weigh(&tfs, &df, o);
    let mut stories: Vec<(String, Cluster)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let date_of = |i: usize| offered[i].analysis.published.map(|d| d.to_days());
    for (i, a) in offered.iter().enumerate() {
        if let Some(key) = a.story {
            let k = *by_key.entry(key.to_string()).or_insert_with(|| {
                stories.push((key.to_string(), Cluster::default()));
                stories.len() - 1
            });
            stories[k].1.add(i, &vectors[i], date_of(i));
        }
    }
    let mut joined = Vec::new();
    for (i, a) in offered.iter().enumerate() {
        if a.story.is_some() {
            continue;
        }
        let (v, date) = (&vectors[i], date_of(i));
        let best = stories
            .iter()
            .enumerate()
            .filter(|(_, (_, c))| c.fits_date(date, o.max_days))
            .map(|(k, (_, c))| (k, c.cosine(v)))
            .filter(|(_, sim)| *sim >= o.join_threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let k = match best {
            Some((k, _)) => k,
            None => {
                // Named after its own heaviest terms, those it shares with no other
                // article included: a new story's shared terms are the generic ones.
                let n = tfs.len() as f64;
                let mut top: Vec<(&str, f64)> = tfs[i]
                    .iter()
                    .map(|(t, f)| (t.as_str(), (1.0 + f.ln()) * (n / df[t.as_str()]).ln()))
                    .filter(|(_, x)| *x > 0.0)
                    .collect();
                top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                let stems: Vec<&str> = top.iter().take(3).map(|(t, _)| *t).collect();
                let key = story_key(
                    &stems,
                    std::iter::once(a.article.text.as_str()),
                    &a.article.id,
                    |k| by_key.contains_key(k),
                );
                by_key.insert(key.clone(), stories.len());
                stories.push((key, Cluster::default()));
                stories.len() - 1
            }
        };
        stories[k].1.add(i, v, date);
        joined.push(stories[k].0.clone());
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_is_named_with_the_words_its_articles_use() {
        let texts = [
            "The shutter collapsed. A shutter fault, the shutters said.",
            "Shutter noise was reported; noises continued.",
        ];
        let stems = [stem("shutter"), stem("noise"), stem("collapsed")];
        let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
        assert_eq!(stems, ["shutt", "nois", "collaps"]);
        assert_eq!(
            whole_words(&stems, texts.iter().copied()),
            ["shutter", "noise", "collapsed"]
        );
        // A stem no text uses stays as it is.
        assert_eq!(whole_words(&["zzz"], texts.iter().copied()), ["zzz"]);
    }

    #[test]
    fn a_newcomer_joins_the_story_it_resembles_or_starts_one_named_after_its_words() {
        let analyser =
            crate::analysis::Analyser::new(&crate::config::Config::embedded().unwrap(), &[])
                .unwrap();
        let strike = "Rail workers walked out on Monday in a strike over pay, halting trains \
            across the network. The union said drivers and guards would picket stations until \
            the rail operator improved its offer; commuters crowded onto buses.";
        let dam = "Parliament approved the dam on Tuesday after a long debate. The reservoir \
            will flood the valley, and farmers who lose their land will be compensated, the \
            energy ministry said; opponents vowed to challenge the vote in court.";
        let fire = "A fire at the fuel depot burned through the night and forced residents from \
            their homes. Firefighters kept the blaze from the storage tanks, and the depot's \
            owner said the cause of the fire was not yet known.";
        let texts = [
            ("strike-1", strike, Some("auto:strike")),
            ("dam-1", dam, Some("auto:dam")),
            ("strike-2", strike, Some("auto:strike")),
            ("dam-2", dam, Some("auto:dam")),
            ("strike-3", strike, None),
            ("fire-1", fire, None),
            ("fire-2", fire, None),
        ];
        let articles: Vec<Article> = texts
            .iter()
            .map(|(id, text, _)| Article::from_text(*id, *text))
            .collect();
        let analyses: Vec<Analysis> = articles.iter().map(|a| analyser.analyse(a)).collect();
        let offered: Vec<Offered> = texts
            .iter()
            .zip(&articles)
            .zip(&analyses)
            .map(|(((_, _, story), article), analysis)| Offered {
                article,
                analysis,
                story: *story,
            })
            .collect();
        let joined = join_stories(
            &offered,
            |i| Cow::Owned(terms(&articles[i].text, &analyses[i])),
            &ClusterOptions::default(),
        );
        assert_eq!(joined[0], "auto:strike", "{joined:?}");
        assert_eq!(
            joined[1], joined[2],
            "the second fire report joins the first: {joined:?}"
        );
        assert!(
            joined[1].starts_with("auto:") && joined[1].contains("fire"),
            "a new story named after its own words: {joined:?}"
        );
    }

    #[test]
    fn a_lone_article_is_a_story_named_after_it() {
        let analyser =
            crate::analysis::Analyser::new(&crate::config::Config::embedded().unwrap(), &[])
                .unwrap();
        let article = Article::from_text(
            "depot-fire",
            "A fire at the fuel depot forced 1,500 residents from their homes on Sunday.",
        );
        let analyses = [analyser.analyse(&article)];
        let stories = cluster(&[article], &analyses, &ClusterOptions::default());
        assert_eq!(stories.len(), 1);
        assert!(stories[0].key.len() > "auto:".len(), "{}", stories[0].key);
    }
}
