//! Grouping an unlabelled batch into stories: TF-IDF vectors of content words, cosine
//! similarity between articles that share rare terms, and publication dates close enough.
//! Articles with a `story` key keep it.

use super::Story;
use crate::analysis::Analysis;
use crate::config::ClusterOptions;
use crate::ingest::Article;
use std::collections::{BTreeMap, HashMap};

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "his", "her",
    "its", "their", "they", "this", "these", "those", "from", "but", "not", "which", "who", "will",
    "would", "could", "should", "said", "says", "also", "been", "being", "into", "about", "after",
    "before", "over", "than", "then", "there", "what", "when", "where", "while", "more", "most",
    "some", "such", "only", "other", "our", "out", "one", "two", "can", "may", "all", "any", "new",
    "year", "years", "just", "like", "him", "she", "them", "did", "does", "how", "why", "because",
    "against", "between", "during", "under", "very",
];

fn terms(text: &str, analysis: &Analysis) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
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

/// A growing story: its members, the sum of their unit vectors, and its date range.
#[derive(Default)]
struct Cluster {
    members: Vec<usize>,
    sum: HashMap<String, f64>,
    first: Option<i64>,
    last: Option<i64>,
}

impl Cluster {
    fn add(&mut self, i: usize, v: &HashMap<&str, f64>, date: Option<i64>) {
        self.members.push(i);
        for (t, x) in v {
            *self.sum.entry((*t).to_string()).or_insert(0.0) += x;
        }
        if let Some(d) = date {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
    }

    fn absorb(&mut self, other: Cluster) {
        self.members.extend(other.members);
        for (t, x) in other.sum {
            *self.sum.entry(t).or_insert(0.0) += x;
        }
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
        self.sum.values().map(|x| x * x).sum::<f64>().sqrt()
    }

    fn cosine(&self, v: &HashMap<&str, f64>) -> f64 {
        let norm = self.norm();
        if norm == 0.0 {
            return 0.0;
        }
        v.iter()
            .filter_map(|(t, x)| self.sum.get(*t).map(|y| x * y))
            .sum::<f64>()
            / norm
    }

    fn centroid_cosine(&self, other: &Cluster) -> f64 {
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

/// Stories for the batch: keyed articles by their key, the rest clustered.
pub fn cluster(articles: &[Article], analyses: &[Analysis], o: &ClusterOptions) -> Vec<Story> {
    let free: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].story.is_none())
        .collect();
    let tfs: Vec<HashMap<String, f64>> = free
        .iter()
        .map(|&i| terms(&articles[i].text, &analyses[i]))
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for tf in &tfs {
        for t in tf.keys() {
            *df.entry(t.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let n = tfs.len().max(1) as f64;
    // Unit TF-IDF vectors.
    let vectors: Vec<HashMap<&str, f64>> = tfs
        .iter()
        .map(|tf| {
            // A term no other article uses cannot make two articles alike, but would
            // weigh down every similarity through the norm.
            let mut v: HashMap<&str, f64> = tf
                .iter()
                .filter(|(t, _)| df[t.as_str()] >= 2.0)
                .map(|(t, f)| {
                    (
                        t.as_str(),
                        (1.0 + f.ln()) * (n / df[t.as_str()]).ln().max(0.0),
                    )
                })
                .collect();
            if v.len() > o.terms {
                let mut weights: Vec<f64> = v.values().copied().collect();
                weights.sort_by(|a, b| b.total_cmp(a));
                let cut = weights[o.terms - 1];
                v.retain(|_, x| *x >= cut);
            }
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect();
    // Centroid clustering, oldest first: an article joins the cluster whose centroid it is
    // most similar to, if that similarity reaches the threshold and the dates fit; single
    // links would chain two stories together through one shared paragraph.
    let mut order: Vec<usize> = (0..vectors.len()).collect();
    order.sort_by_key(|&i| (analyses[free[i]].published, articles[free[i]].id.clone()));
    let mut clusters: Vec<Cluster> = Vec::new();
    for &i in &order {
        let date = analyses[free[i]].published.map(|d| d.to_days());
        let best = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fits_date(date, o.max_days))
            .map(|(k, c)| (k, c.cosine(&vectors[i])))
            .filter(|(_, sim)| *sim >= o.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((k, _)) => clusters[k].add(i, &vectors[i], date),
            None => {
                let mut c = Cluster::default();
                c.add(i, &vectors[i], date);
                clusters.push(c);
            }
        }
    }
    // Clusters that grew towards each other are one story.
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                if clusters[a].centroid_cosine(&clusters[b]) >= o.threshold {
                    let other = clusters.remove(b);
                    clusters[a].absorb(other);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    let groups: Vec<Vec<usize>> = clusters.into_iter().map(|c| c.members).collect();
    let mut stories: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(key) = &a.story {
            stories.entry(key.clone()).or_default().push(i);
        }
    }
    for members in &groups {
        // Name a cluster after its three heaviest terms.
        let mut weight: HashMap<&str, f64> = HashMap::new();
        for &m in members {
            for (t, x) in &vectors[m] {
                *weight.entry(t).or_insert(0.0) += x;
            }
        }
        let mut top: Vec<(&str, f64)> = weight.into_iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let name: Vec<&str> = top.iter().take(3).map(|(t, _)| *t).collect();
        let mut key = format!("auto:{}", name.join("-"));
        while stories.contains_key(&key) {
            key.push('+');
        }
        stories.insert(key, members.iter().map(|&m| free[m]).collect());
    }
    stories
        .into_iter()
        .map(|(key, members)| Story { key, members })
        .collect()
}
