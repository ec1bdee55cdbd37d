//! Stories told in several languages: each article read with its own language's grammar and
//! cues, and every figure compared with the others whatever language it was written in.

use credence::date::Date;
use credence::ingest::Article;
use credence::text::TitleMode;
use credence::{Pipeline, ScoredArticle};

fn article(id: &str, source: &str, lang: Option<&str>, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.title_mode = TitleMode::Given;
    a.source = Some(source.into());
    a.story = Some("blast".into());
    a.published = Date::parse_iso("2025-03-02");
    a.lang = lang.map(str::to_string);
    a
}

/// Four outlets in four languages agreeing on the toll of one blast in Valdemora.
fn four_languages() -> Vec<Article> {
    vec![
        article(
            "en",
            "Wire One",
            Some("en"),
            "Police in Valdemora said 130 people were killed in the blast at the Orlen depot.",
        ),
        article(
            "es",
            "Diario Dos",
            Some("es"),
            "La policía de Valdemora informó de que 131 personas murieron en la explosión del depósito Orlen.",
        ),
        article(
            "de",
            "Zeitung Drei",
            Some("de"),
            "Bei der Explosion im Orlen-Depot in Valdemora starben 130 Menschen, teilte die Polizei mit.",
        ),
        article(
            "fr",
            "Journal Quatre",
            Some("fr"),
            "Selon la police de Valdemora, l'explosion du dépôt Orlen a fait 129 morts.",
        ),
    ]
}

fn scored_with(extra: Article) -> Vec<ScoredArticle> {
    let mut articles = four_languages();
    articles.push(extra);
    Pipeline::embedded().unwrap().score_articles(&articles)
}

fn find<'a>(scored: &'a [ScoredArticle], id: &str) -> &'a ScoredArticle {
    scored
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} not scored"))
}

fn outlier<'a>(scored: &'a [ScoredArticle], id: &str) -> Option<&'a credence::rules::Finding> {
    find(scored, id).findings.iter().find(|f| f.code == "CR301")
}

#[test]
fn each_article_is_read_in_its_language_and_shown_with_it() {
    let scored = scored_with(article(
        "it",
        "Giornale Cinque",
        Some("it"),
        "Secondo la polizia di Valdemora, l'esplosione del deposito Orlen ha causato 130 morti.",
    ));
    for id in ["en", "es", "de", "fr", "it"] {
        let a = find(&scored, id);
        assert_eq!(a.language, id, "{id}");
        assert!(
            a.notes.iter().all(|n| n.code != "LANG"),
            "{id} is read: {:?}",
            a.notes
        );
    }
}

#[test]
fn a_spanish_outlier_is_held_to_a_consensus_of_four_languages() {
    let scored = scored_with(article(
        "x",
        "Rumores Seis",
        Some("es"),
        "El balance de la explosión del depósito Orlen en Valdemora es de 1.300 muertos, según la policía.",
    ));
    let finding =
        outlier(&scored, "x").unwrap_or_else(|| panic!("{:?}", find(&scored, "x").findings));
    assert_eq!(finding.evidence["consensus"], "130");
    assert_eq!(finding.evidence["sources"], 4);
    for id in ["en", "es", "de", "fr"] {
        assert!(
            outlier(&scored, id).is_none(),
            "{id} is part of the consensus"
        );
    }
}

#[test]
fn an_english_outlier_is_held_to_figures_written_in_other_languages() {
    let scored = scored_with(article(
        "x",
        "Rumour Mill",
        Some("en"),
        "The blast killed 1,300 people at the Orlen depot in Valdemora, police said.",
    ));
    let finding =
        outlier(&scored, "x").unwrap_or_else(|| panic!("{:?}", find(&scored, "x").findings));
    assert_eq!(finding.evidence["consensus"], "130");
    // An agreeing total in German is no outlier, however its thousands are written.
    let agreeing = scored_with(article(
        "x",
        "Zeitung Sieben",
        Some("de"),
        "Die Explosion im Orlen-Depot in Valdemora forderte 131 Todesopfer, sagte die Polizei.",
    ));
    assert!(
        outlier(&agreeing, "x").is_none(),
        "{:?}",
        find(&agreeing, "x").findings
    );
}

#[test]
fn an_unmarked_count_in_another_language_is_not_called_an_outlier() {
    // "14 murieron allí": a count at one place, not marked as the event's total.
    let scored = scored_with(article(
        "x",
        "Diario Ocho",
        Some("es"),
        "En el almacén del depósito Orlen de Valdemora murieron 14 trabajadores, según los bomberos.",
    ));
    assert!(
        outlier(&scored, "x").is_none(),
        "{:?}",
        find(&scored, "x").findings
    );
}
