//! Extraction behaviour on sentences written for the purpose.

use super::*;
use crate::config::Config;
use crate::text::{Document, PlainLines, TitleMode};

fn figures_published(text: &str, published: Option<Date>) -> Vec<Figure> {
    let config = Config::embedded().expect("default rules load");
    let extractor = Extractor::new(&config, &[]).expect("extractor builds");
    let doc = Document::parse(text, 0, TitleMode::Given, &PlainLines);
    extractor.extract(text, &doc, published).figures
}

fn figures(text: &str) -> Vec<Figure> {
    figures_published(text, Date::new(2025, 11, 3))
}

fn only(text: &str) -> Figure {
    let mut f = figures(text);
    assert_eq!(f.len(), 1, "expected one figure in {text:?}, got {f:#?}");
    f.remove(0)
}

#[test]
fn digits_with_separators_scales_and_nouns() {
    let f = only("The agency counted 40,000 Palestinian deaths.");
    assert_eq!(
        (f.kind, f.value, f.noun.as_deref()),
        (FigureKind::Count, Some(40_000.0), Some("deaths"))
    );
    assert_eq!(f.measure.as_deref(), Some("deaths"));
    let f = only("Some 1.9 million displaced people waited.");
    assert_eq!(f.value, Some(1_900_000.0));
    assert_eq!(f.qualifier, Qualifier::About);
    assert_eq!(f.measure.as_deref(), Some("displaced"));
}

#[test]
fn money_with_symbols_codes_and_suffixes() {
    for (text, value, unit) in [
        ("It costs $20bn in all.", 20e9, "USD"),
        (
            "The ministry allocated PKR 50 million for travel.",
            50e6,
            "PKR",
        ),
        ("A fine of Rs 5,000 was paid.", 5_000.0, "PKR"),
        ("The fund holds €10M now.", 10e6, "EUR"),
        ("He paid £2,000 for it.", 2_000.0, "GBP"),
        ("They pledged 3 billion dollars.", 3e9, "USD"),
        ("Aid of US$5 million arrived.", 5e6, "USD"),
    ] {
        let f = only(text);
        assert_eq!(f.kind, FigureKind::Money, "{text}");
        assert_eq!(f.value, Some(value), "{text}");
        assert_eq!(f.unit.as_deref(), Some(unit), "{text}");
        assert_eq!(f.measure.as_deref(), Some("money"), "{text}");
    }
}

#[test]
fn number_words() {
    assert_eq!(only("They waited thirteen hours.").value, Some(13.0));
    assert_eq!(only("It was a two-year war.").kind, FigureKind::Duration);
    assert_eq!(
        only("I want a hundred and two of those.").value,
        Some(102.0)
    );
    assert_eq!(only("He bought a dozen eggs.").value, Some(12.0));
    assert_eq!(only("They found twenty-one bodies.").value, Some(21.0));
    assert_eq!(only("Two million people voted.").value, Some(2e6));
    let half = only("Half of the fund was spent.");
    assert_eq!(
        (half.value, half.unit.as_deref()),
        (Some(0.5), Some("fraction"))
    );
    assert!(figures("No one came, and one of them left.").is_empty());
}

#[test]
fn percentages_ranges_and_qualifiers() {
    let f = only("Turnout rose 30% this time.");
    assert_eq!((f.kind, f.value), (FigureKind::Percent, Some(30.0)));
    assert_eq!(only("Prices rose 4.5 per cent.").value, Some(4.5));
    let r = only("The toll was 127 to 132 by noon.");
    assert_eq!((r.low, r.high), (Some(127.0), Some(132.0)));
    let r = only("They expect between 3 and 5 ships.");
    assert_eq!((r.low, r.high), (Some(3.0), Some(5.0)));
    assert_eq!(
        only("At least 40 people died.").qualifier,
        Qualifier::AtLeast
    );
    assert_eq!(
        only("More than 200 people came.").qualifier,
        Qualifier::AtLeast
    );
    assert_eq!(
        only("Nearly 300 homes flooded.").qualifier,
        Qualifier::AtMost
    );
    // "from … to" is a change over time, not a range: two figures.
    let two = figures("The toll rose from 127 to 132.");
    assert_eq!(two.len(), 2);
    assert_eq!(two[1].value, Some(132.0));
}

#[test]
fn dates_full_partial_and_relative() {
    let f = only("The ceasefire of October 10 held.");
    assert_eq!(f.date.unwrap().date, Date::new(2025, 10, 10));
    let f = only("It began on October 7, 2023, at dawn.");
    assert_eq!(f.date.unwrap().date, Date::new(2023, 10, 7));
    let f = only("Published in X, November 3rd, 2025.");
    assert_eq!(f.date.unwrap().date, Date::new(2025, 11, 3));
    let f = only("Mon Nov 03 2025");
    assert_eq!(f.date.unwrap().date, Date::new(2025, 11, 3));
    let f = only("Rallies drew crowds last Friday.");
    assert!(f.relative);
    assert_eq!(f.date.unwrap().date, Date::new(2025, 10, 31));
    let f = only("The ministers met on Monday.");
    assert_eq!(
        f.date.unwrap().date,
        Date::new(2025, 11, 3),
        "3 Nov 2025 was a Monday"
    );
    assert_eq!(
        only("It happened yesterday.").date.unwrap().date,
        Date::new(2025, 11, 2)
    );
    let y = only("Talks resumed in 2024.");
    assert_eq!((y.kind, y.value), (FigureKind::Date, Some(2024.0)));
    assert_eq!(
        only("Prices fell in the 1990s.").date.unwrap().precision,
        DatePrecision::Decade
    );
    let no_year = figures_published("He left on 8 March.", None);
    assert_eq!(
        no_year[0].date.unwrap().display().as_deref(),
        Some("--03-08")
    );
}

#[test]
fn durations_and_since() {
    let f = only("Reconstruction follows 13 months of conflict.");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (FigureKind::Duration, Some(13.0), Some("month"))
    );
    let f = only("The war has raged since October 2023.");
    assert_eq!(
        (f.kind, f.qualifier),
        (FigureKind::Duration, Qualifier::Since)
    );
    assert!((f.value.unwrap() - 25.0).abs() < 0.5, "{:?}", f.value);
    let f = only("Notes were sent since January.");
    assert!(
        f.value.unwrap() > 0.0,
        "since January counts back to the past January"
    );
}

#[test]
fn times_ordinals_and_years_as_names() {
    let f = only("The event unfolds at 4:35 PM local time.");
    assert_eq!(f.date.unwrap().minutes, Some(16 * 60 + 35));
    assert_eq!(only("It is the 21st meeting.").kind, FigureKind::Ordinal);
    let f = only("It recalls the 1991 Madrid Conference.");
    assert_eq!(
        f.kind,
        FigureKind::Date,
        "a year used as a name is a date, not a count"
    );
    assert_eq!(only("It opened 2000 homes.").kind, FigureKind::Count);
}

#[test]
fn things_that_only_look_like_figures() {
    for text in [
        "Flight MH370 vanished.",
        "Call +92-51-9203041 for details.",
        "Call 555-123-4567 now.",
        "See https://example.com/2025/11/03/story-123 for more.",
        "Follow @MIshaqDar50 for updates.",
        "The Galaxy S5 launched.",
        "The COVID-19 rules eased.",
        "As reported earlier.[3]",
        "It used 4G networks.",
        "It records 4K video.",
    ] {
        let found: Vec<String> = figures(text)
            .into_iter()
            .filter(|f| f.kind != FigureKind::Ordinal)
            .map(|f| f.text)
            .collect();
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}

#[test]
fn attribution_named_anonymous_and_none() {
    let f = only("Police said 132 people died.");
    assert_eq!(f.attribution, Attribution::Named);
    let f = only("According to diplomatic sources, 132 people died.");
    assert_eq!(f.attribution, Attribution::Anonymous);
    let f = only("Insiders suggest 132 people died.");
    assert_eq!(f.attribution, Attribution::Anonymous);
    let f = only("Exactly 132 people died.");
    assert_eq!(f.attribution, Attribution::None);
    // "member states" is not "states" the verb.
    let f = only("The bloc unites 57 member states.");
    assert_eq!(f.attribution, Attribution::None);
    // A quote whose speaker is named in the next sentence of the paragraph.
    let text = "“We counted 132 bodies.” That was the mayor, who said more would come.";
    let f = figures(text);
    assert_eq!(f[0].attribution, Attribution::Named);
    // A quotation that opens in one sentence and runs on: its first sentence is quoted too.
    let text = "\"We left at 11.30pm, after the gate. They said they would board.\"";
    let f = figures(text);
    assert_eq!(f[0].attribution, Attribution::Named, "{text}");
    // Unquoted, the same words stay unattributed.
    let f = figures("We left at 11.30pm, after the gate. Nobody else came.");
    assert_eq!(f[0].attribution, Attribution::None);
}

#[test]
fn measures_from_cues_in_the_same_clause() {
    let f =
        figures("Casualties had mounted to 1.9 million, with 1.9 million displaced by mid-2025.");
    assert_eq!(f[0].measure.as_deref(), Some("casualties"));
    assert_eq!(f[0].kind, FigureKind::Count);
    assert_eq!(f[1].measure.as_deref(), Some("displaced"));
    let f = figures("The city, home to 2.3 million people, mourned.");
    assert_eq!(f[0].measure.as_deref(), Some("population"));
}

#[test]
fn spans_lie_inside_the_text_and_match_it() {
    let text = "Türkiye’s envoy said “at least 40 died” on Monday; costs hit €1.5bn (2025).";
    for f in figures(text) {
        assert!(f.span.end <= text.len() && f.span.start < f.span.end);
        assert_eq!(&text[f.span.start..f.span.end], f.text);
    }
}

/// The value of the one figure in each sentence, per class of writing; every sentence is
/// invented for the class it tests.
#[test]
fn english_number_classes_each_give_their_value() {
    let classes: &[(&str, &[(&str, f64)])] = &[
        (
            "spaced thousands",
            &[
                ("Organisers counted 40 000 marchers.", 40_000.0),
                ("The census gives 1 234 567 residents.", 1_234_567.0),
                ("A fund of 12\u{a0}500 euros was raised.", 12_500.0),
            ],
        ),
        (
            "leading-dot decimals",
            &[
                ("The rate fell to .08 percent.", 0.08),
                ("It moved by .5 points.", 0.5),
            ],
        ),
        (
            "negatives in words and digits",
            &[
                ("Overnight it was minus 5 degrees.", -5.0),
                ("The balance stood at negative one.", -1.0),
                ("Temperatures reached -18 degrees.", -18.0),
                // A margin is not a negative figure.
                ("The margin of error is plus or minus 3 points.", 3.0),
            ],
        ),
        (
            "mixed digits and words",
            &[
                ("They sold 3 hundred and 21 tickets.", 321.0),
                ("About 4 thousand 3 hundred people came.", 4_300.0),
            ],
        ),
        (
            "dozens",
            &[
                ("She bought half a dozen eggs.", 6.0),
                ("The storm left half a million homeless.", 500_000.0),
                ("The bailout came to $143 - billion.", 143e9),
                ("He ordered three dozens roses.", 36.0),
                ("A dozen boats sank.", 12.0),
            ],
        ),
        (
            "spaced hyphens in words",
            &[("There were fifty - two survivors.", 52.0)],
        ),
        (
            "decimals in words",
            &[(
                "The reading was two hundred point zero three units.",
                200.03,
            )],
        ),
        (
            "magnitude suffixes",
            &[
                ("The deal is worth US$ 1MM in all.", 1e6),
                ("Exports reached 10 bln dollars.", 10e9),
                ("It raised $1.2b last year.", 1.2e9),
                ("The firm hired 10M workers.", 10e6),
                ("The app has 2B users.", 2e9),
                ("The page had 2.33k views.", 2330.0),
                ("The clip had 2.33 k views.", 2330.0),
            ],
        ),
    ];
    let mut misses = Vec::new();
    for (class, cases) in classes {
        for (text, want) in *cases {
            let found = figures(text);
            let hit = found.iter().any(|f| {
                f.value
                    .is_some_and(|v| (v - want).abs() < 1e-9 * want.abs().max(1.0))
            });
            if !hit {
                let got: Vec<_> = found.iter().map(|f| (f.text.clone(), f.value)).collect();
                misses.push(format!("{class}: {text:?} wants {want}, got {got:?}"));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}
