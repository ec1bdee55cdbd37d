//! Throughput of each stage on a synthetic corpus: extraction alone, rules alone (on
//! analysed articles), consensus alone (stories, corroboration, claims), and end to end.
//! Run with `cargo bench`; divan reports time and bytes per second for each.

mod corpus;

use credence::Pipeline;
use credence::analysis::Analysis;
use credence::ingest::{Article, load_jsonl_reader};
use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const ARTICLES: usize = 400;

struct Fixture {
    pipeline: Pipeline,
    articles: Vec<Article>,
    analyses: Vec<Analysis>,
    bytes: usize,
}

impl Fixture {
    /// `articles` generated articles, `per_story` to a story, read and analysed.
    fn new(articles: usize, per_story: usize, seed: u64) -> Fixture {
        let jsonl = corpus::generate(articles, per_story, seed, 0);
        let loaded = load_jsonl_reader(jsonl.as_bytes(), "bench", None, u64::MAX);
        let pipeline = Pipeline::embedded().expect("rules load");
        let bytes = loaded.articles.iter().map(|a| a.text.len()).sum();
        let analyses = loaded
            .articles
            .iter()
            .map(|a| pipeline.rules().analyse(a))
            .collect();
        Fixture {
            pipeline,
            articles: loaded.articles,
            analyses,
            bytes,
        }
    }
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| Fixture::new(ARTICLES, 20, 7))
}

/// Text model and figure extraction, one thread.
#[divan::bench]
fn extraction(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| {
            f.articles
                .iter()
                .map(|a| f.pipeline.rules().analyse(a).extraction.figures.len())
                .sum::<usize>()
        });
}

/// An article's fingerprint alone (shingle sketch and distinctive words), one thread.
#[divan::bench]
fn fingerprint(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| {
            f.articles
                .iter()
                .map(|a| credence::text::Fingerprint::of(&a.text).words.len())
                .sum::<usize>()
        });
}

/// Every rule and the scores, on articles already analysed (stories included).
#[divan::bench]
fn rules_and_scoring(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| f.pipeline.score_analysed(&f.articles, &f.analyses).len());
}

/// Stories (their voices and copies), corroboration between their articles, and consensus
/// claims.
#[divan::bench]
fn consensus(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| {
            let stories = credence::stories::group_stories(&f.articles);
            let mut n = 0;
            for s in &stories {
                let view = credence::stories::StoryView::of(s, &f.articles, &f.analyses);
                let members: Vec<&Analysis> = s.members.iter().map(|&i| &f.analyses[i]).collect();
                let measures = &f.pipeline.rules().config.measures;
                n += credence::stories::corroboration(&members, &view.voices, measures).len();
            }
            n + f
                .pipeline
                .summaries(&f.articles, &f.analyses, &stories)
                .len()
        });
}

/// Analysis, rules and scores, as `credence score` runs them (parallel across articles).
#[divan::bench]
fn end_to_end(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| f.pipeline.score_articles(&f.articles).len());
}

/// Rules and scoring on one story of 2,000 articles, as when a desk's whole batch is one
/// event: corroboration and the leave-one-out consensus must grow with the story, not with
/// its square.
#[divan::bench]
fn one_large_story(bencher: Bencher) {
    static F: OnceLock<Fixture> = OnceLock::new();
    let f = F.get_or_init(|| Fixture::new(2_000, 2_000, 11));
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.articles.len()))
        .bench(|| f.pipeline.score_analysed(&f.articles, &f.analyses).len());
}

/// One story whose articles all give different counts of one thing, each within the others'
/// tolerance (the worst case for corroboration): 5,000 and 20,000 articles. Time per article
/// must stay flat, not grow with the story.
#[divan::bench(args = [5_000, 20_000])]
fn distinct_values_one_story(bencher: Bencher, n: usize) {
    let pipeline = Pipeline::embedded().expect("rules load");
    let jsonl: String = (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"f{i}\",\"story\":\"s\",\"text\":\"Officials said {} people attended the rally on Monday, police said.\"}}\n",
                1000 + i
            )
        })
        .collect();
    let loaded = load_jsonl_reader(jsonl.as_bytes(), "bench", None, u64::MAX);
    let analyses = pipeline.analyse(&loaded.articles);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| pipeline.score_analysed(&loaded.articles, &analyses).len());
}

/// One article that is a single sentence of 3,000 and 12,000 figures ("1 people died 2
/// people died …"), as a crafted post would be: every per-figure look at its sentence reads a
/// bounded window, so time per figure must stay flat.
#[divan::bench(args = [3_000, 12_000])]
fn one_sentence_of_figures(bencher: Bencher, n: usize) {
    let pipeline = Pipeline::embedded().expect("rules load");
    let text: String = (1..=n).map(|i| format!("{i} people died ")).collect();
    let article = Article::from_text("crafted", text.trim());
    let articles = [article];
    bencher
        .counter(BytesCount::new(articles[0].text.len()))
        .counter(ItemsCount::new(n))
        .bench(|| pipeline.score_articles(&articles).len());
}

/// Clustering a keyless batch of unrelated articles whose words are drawn from one large
/// vocabulary, so that every article shares a term with a third of the others (the worst
/// case for finding candidates): 2,000 and 8,000 articles. Time per article must stay flat.
#[divan::bench(args = [2_000, 8_000])]
fn cluster_unrelated(bencher: Bencher, n: usize) {
    let pipeline = Pipeline::embedded().expect("rules load");
    // A fixed pseudo-random sequence (SplitMix64), so every run clusters the same batch.
    let mut state = 0x5EED_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ten", "ras", "vor", "pel", "dun", "sik", "ba",
    ];
    let vocabulary: Vec<String> = (0..60_000)
        .map(|_| {
            (0..2 + next() % 3)
                .map(|_| SYLLABLES[(next() % SYLLABLES.len() as u64) as usize])
                .collect()
        })
        .collect();
    let mut jsonl = String::new();
    for i in 0..n {
        let words: Vec<&str> = (0..150)
            .map(|_| vocabulary[(next() % vocabulary.len() as u64) as usize].as_str())
            .collect();
        let text: Vec<String> = words.chunks(12).map(|s| s.join(" ") + ".").collect();
        jsonl.push_str(&format!(
            "{{\"id\":\"v{i}\",\"text\":\"{}\"}}\n",
            text.join(" ")
        ));
    }
    let loaded = load_jsonl_reader(jsonl.as_bytes(), "bench", None, u64::MAX);
    let analyses = pipeline.analyse(&loaded.articles);
    bencher.counter(ItemsCount::new(n)).bench(|| {
        pipeline
            .stories(&loaded.articles, &analyses, credence::Grouping::Cluster)
            .len()
    });
}
