//! Rules that read only the article give the same findings in any story: a service keeps
//! them from one scoring of a story to the next. Checked on real stories: each article's
//! local findings taken from scoring it alone, then its story scored with them, must give
//! exactly the scores and findings of scoring the story whole.

use credence::pipeline::{Grouping, Pipeline};
use credence::score::{MemberScore, score_story};
use credence::stories::{Member, StoryView};

#[test]
fn findings_kept_from_an_article_alone_score_its_story_as_a_batch_does() {
    let pipeline = Pipeline::embedded().expect("the embedded rules compile");
    let root = env!("CARGO_MANIFEST_DIR");
    for dir in [
        "fixtures/istanbul-talks",
        "fixtures/eval-set/harbour-fire",
        "fixtures/eval-set/dam-vote",
        "fixtures/eval-set/rail-strike",
    ] {
        let loaded = credence::ingest::load_paths(&[format!("{root}/{dir}")], u64::MAX);
        let articles = loaded.articles;
        assert!(articles.len() >= 3, "{dir}: {} articles", articles.len());
        let analyses = pipeline.analyse(&articles);
        let stories = pipeline.stories(&articles, &analyses, Grouping::Directory);
        let batch = pipeline.score(&articles, &analyses, &stories);
        for story in &stories {
            let members: Vec<Member> = story
                .members
                .iter()
                .map(|&i| Member {
                    article: &articles[i],
                    analysis: &analyses[i],
                    memo: None,
                })
                .collect();
            // Each member alone in a story of its own: its local findings.
            let kept: Vec<_> = members
                .iter()
                .map(|m| {
                    let alone = StoryView::new(&story.key, vec![Member { ..*m }]);
                    let only = score_story(pipeline.rules(), &alone, &[None], &|_, _| false);
                    let Some(MemberScore::Full(_, local)) = only.into_iter().next() else {
                        panic!("an article without kept findings is scored in full");
                    };
                    local.expect("local findings returned")
                })
                .collect();
            let view = StoryView::new(&story.key, members);
            let local: Vec<_> = kept.iter().map(Some).collect();
            // Asked for scores only, the members give the batch's scores.
            let scores = score_story(pipeline.rules(), &view, &local, &|_, _| false);
            for (member, m) in scores.iter().zip(&story.members) {
                assert!(matches!(member, MemberScore::Only(_)), "{dir}");
                let whole = batch.iter().find(|b| b.id == articles[*m].id).unwrap();
                assert_eq!(member.score().to_bits(), whole.score.to_bits(), "{dir}");
            }
            for member in score_story(pipeline.rules(), &view, &local, &|_, _| true) {
                let MemberScore::Full(scored, fresh) = member else {
                    panic!("{dir}: a member asked for in full");
                };
                assert!(fresh.is_none(), "kept findings are not found again");
                let whole = batch.iter().find(|b| b.id == scored.id).unwrap();
                assert_eq!(scored.score, whole.score, "{dir}: {}", scored.id);
                let codes = |a: &credence::score::ScoredArticle| {
                    a.findings
                        .iter()
                        .map(|f| (f.code.clone(), f.span, f.points.to_bits()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(codes(&scored), codes(whole), "{dir}: {}", scored.id);
            }
        }
    }
}
