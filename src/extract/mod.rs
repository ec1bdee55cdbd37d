//! Figure extraction: every figure in an article's prose with its value, kind, unit,
//! qualifier, the noun it counts, its measure and the attribution of its sentence.

mod attribution;
mod events;
mod figure;
mod locale;
pub(crate) mod numbers;
mod scan;
mod tokens;
mod units;

pub use attribution::{Attribution, SentenceAttribution};
pub use events::event_of;
pub use figure::{DatePrecision, DateValue, Figure, FigureKind, Qualifier};
pub use locale::Grammar;
pub use units::duration_in_days;

use crate::config::{Config, ConfigError, Measure};
use crate::cues::{AttributionCue, ListId, ListMatch, MultiCueSet, RuleList};
use crate::date::Date;
use crate::text::{BlockKind, Document, Span};
use scan::Scanner;

/// Measures compiled for matching: the nouns of each, and their cues (searched by the
/// extractor's one-pass cue search).
#[derive(Debug, Clone)]
pub struct MeasureMatcher {
    measures: Vec<Measure>,
    /// Words of a language other than English that may stand between a figure and a cue
    /// that binds to it directly ("resultaron" in "120 resultaron heridas").
    binders: Vec<String>,
}

impl MeasureMatcher {
    pub fn new(measures: &[Measure]) -> MeasureMatcher {
        MeasureMatcher {
            measures: measures.to_vec(),
            binders: Vec::new(),
        }
    }

    fn with_binders(mut self, binders: &[String]) -> MeasureMatcher {
        self.binders = binders.to_vec();
        self
    }

    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    fn accepts(m: &Measure, fig: &Figure) -> bool {
        let unit_ok = if m.units.is_empty() {
            // A measurement ("250 miles") is not a headcount.
            !(fig.kind == FigureKind::Number && fig.unit.is_some())
        } else {
            fig.unit.as_ref().is_some_and(|u| m.units.contains(u))
        };
        m.kinds.contains(&fig.kind) && unit_ok
    }

    /// Whether a cue may give the figure this measure: when it counts nothing named, or
    /// counts one of the measure's `counts` ("239 people on board"), not when it counts
    /// something else ("two objects … on board a P-3 Orion").
    fn cue_applies(m: &Measure, fig: &Figure) -> bool {
        match &fig.noun {
            None => true,
            Some(noun) => {
                let singular = noun.strip_suffix('s').unwrap_or(noun);
                m.counts.iter().chain(&m.nouns).any(|n| {
                    // "-ers" in `counts` admits agent nouns: workers, dockworkers, miners.
                    match n.strip_prefix('-') {
                        Some(suffix) => noun.len() > suffix.len() + 2 && noun.ends_with(suffix),
                        None => n == noun || n == singular,
                    }
                })
            }
        }
    }

    /// The measure of a figure: a measure whose nouns include the counted noun, else the
    /// nearest cue in the same clause, else a measure that any figure of its kind has.
    pub fn assign(
        &self,
        text: &str,
        sentence: Span,
        fig: &Figure,
        cues: &[(usize, Span)],
    ) -> Option<usize> {
        // The cues that may give the figure their measure, each with its distance, measured
        // once. Only those within the figure's context window: `cues` are in text order, and
        // a sentence thousands of figures long stays linear.
        let window = crate::text::context_window(text, sentence, fig.span);
        let from = cues.partition_point(|(_, span)| span.start < window.start);
        let to = cues.partition_point(|(_, span)| span.start < window.end);
        let candidates: Vec<(usize, Span, usize)> = cues[from..to.max(from)]
            .iter()
            .filter(|(m, _)| {
                Self::accepts(&self.measures[*m], fig) && Self::cue_applies(&self.measures[*m], fig)
            })
            .map(|&(m, span)| (m, span, cue_distance(text, fig, span, &self.binders)))
            .collect();
        // "23 soldiers were injured": a cue reached from the figure through only its noun and
        // auxiliaries says what happened to what it counts, before what the noun names.
        let direct = candidates
            .iter()
            .find(|(_, span, distance)| span.start >= fig.span.end && *distance == 0);
        if let Some((m, _, _)) = direct {
            return Some(*m);
        }
        if let Some(noun) = &fig.noun {
            let singular = noun.strip_suffix('s').unwrap_or(noun);
            if let Some(i) = self.measures.iter().position(|m| {
                Self::accepts(m, fig) && m.nouns.iter().any(|n| n == noun || n == singular)
            }) {
                return Some(i);
            }
        }
        let nearest = candidates
            .iter()
            .filter(|(_, span, _)| same_clause(text, sentence, *span, fig.span))
            .min_by_key(|(_, _, distance)| *distance);
        if let Some((m, _, _)) = nearest {
            return Some(*m);
        }
        self.measures
            .iter()
            .position(|m| m.nouns.is_empty() && m.cues.is_empty() && Self::accepts(m, fig))
    }
}

/// How far after a figure a cue may stand and still bind to it directly through only its
/// noun and auxiliaries, in bytes.
const DIRECT_CUE_BYTES: usize = 80;

/// How far a cue is from a figure, in bytes, except that a cue reached from the figure
/// through only its noun and auxiliaries binds to it directly: in "14 people were injured"
/// the "injured" after counts, not the "killed" before.
fn cue_distance(text: &str, fig: &Figure, cue: Span, binders: &[String]) -> usize {
    if cue.start >= fig.span.end && cue.start - fig.span.end <= DIRECT_CUE_BYTES {
        let gap = text
            .get(fig.span.end..cue.start)
            .unwrap_or("")
            .to_lowercase();
        let binds = gap.split_whitespace().all(|w| {
            fig.noun.as_deref() == Some(w)
                || binders.iter().any(|b| b == w)
                || matches!(
                    w,
                    "people"
                        | "were"
                        | "was"
                        | "are"
                        | "is"
                        | "have"
                        | "has"
                        | "had"
                        | "been"
                        | "being"
                        | "also"
                        | "reportedly"
                        | "seriously"
                        | "critically"
                        | "slightly"
                        | "badly"
                        | "later"
                        | "since"
                )
        });
        if binds {
            return 0;
        }
    }
    distance(cue, fig.span)
}

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// No clause break (comma, semicolon, colon, dash, parenthesis) between a cue and a figure,
/// unless they are only a few words apart.
fn same_clause(text: &str, sentence: Span, cue: Span, fig: Span) -> bool {
    let (from, to) = if cue.end <= fig.start {
        (cue.end, fig.start)
    } else {
        (fig.end, cue.start)
    };
    // Far apart is not one clause, and reading no further keeps long sentences linear.
    if to.saturating_sub(from) > crate::text::CONTEXT_BYTES {
        return false;
    }
    let between = text
        .get(from.max(sentence.start)..to.min(sentence.end))
        .unwrap_or("");
    let words = between.split_whitespace().count();
    words <= 3 || !between.contains([',', ';', ':', '(', ')', '—', '–'])
}

/// Everything the extractor needs from the rules' TOML.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub measures: MeasureMatcher,
    /// Attribution cues and measure cues, searched in one pass over each block.
    cues: MultiCueSet,
    /// The other languages the rules read, each with its grammar, cues and measure words.
    locales: Vec<LocaleExtractor>,
}

/// What reading one language besides English takes: its grammar, and the attribution and
/// measure cues in its words (the measures themselves are shared, so that figures compare
/// across languages).
#[derive(Debug, Clone)]
struct LocaleExtractor {
    grammar: Grammar,
    measures: MeasureMatcher,
    /// The language's cue lists, compiled into one automaton the first time an article in
    /// the language is read: a batch in English pays nothing for the other languages.
    lists: Vec<(ListId, Vec<String>)>,
    cues: std::sync::OnceLock<MultiCueSet>,
}

/// How a sentence's figures are read: the English grammar, or a language's tables.
#[derive(Clone, Copy)]
enum Reader<'a> {
    English,
    Locale(&'a Grammar),
}

fn cue_error(e: String) -> ConfigError {
    ConfigError {
        path: crate::config::DEFAULT_RULES_PATH.into(),
        line: 1,
        column: 1,
        rule: None,
        message: format!("cue lists: {e}"),
    }
}

impl LocaleExtractor {
    /// `extra` are the rules' phrase lists searched with the cues; in this language each is
    /// replaced by the language's own list for that rule, or left out when it has none.
    fn new(
        config: &Config,
        locale: &crate::config::Locale,
        extra: &[RuleList<'_>],
    ) -> LocaleExtractor {
        let measures: Vec<Measure> = config
            .measures
            .iter()
            .map(|m| match locale.measures.get(&m.id) {
                Some(words) => Measure {
                    nouns: words.nouns.clone(),
                    cues: words.cues.clone(),
                    counts: words.counts.clone(),
                    ..m.clone()
                },
                // A measure found by its English words, with none in this language, is not
                // found: left without words it would take every figure of its kind.
                None if !(m.nouns.is_empty() && m.cues.is_empty()) => Measure {
                    nouns: Vec::new(),
                    cues: Vec::new(),
                    counts: Vec::new(),
                    kinds: Vec::new(),
                    ..m.clone()
                },
                None => m.clone(),
            })
            .collect();
        let mut lists: Vec<(ListId, Vec<String>)> = vec![
            (
                ListId::Attribution(AttributionCue::Verb),
                locale.verbs.clone(),
            ),
            (
                ListId::Attribution(AttributionCue::Anonymous),
                locale.anonymous.clone(),
            ),
            (
                ListId::Attribution(AttributionCue::Wire),
                config.attribution.wire_services.clone(),
            ),
        ];
        for (i, m) in measures.iter().enumerate() {
            // Measures were counted when the English extractor was built.
            let id = u16::try_from(i).unwrap_or(u16::MAX);
            lists.push((ListId::Measure(id), m.cues.clone()));
        }
        for list in extra {
            let ListId::Rule(index) = list.id else {
                continue;
            };
            let own = config
                .rules
                .get(index as usize)
                .and_then(|r| locale.rule_phrases(&r.code, list.locale_key));
            if let Some(phrases) = own {
                lists.push((list.id, phrases.to_vec()));
            }
        }
        LocaleExtractor {
            grammar: Grammar::new(locale),
            measures: MeasureMatcher::new(&measures).with_binders(&locale.not_nouns),
            lists,
            cues: std::sync::OnceLock::new(),
        }
    }

    fn compile(&self) -> Result<MultiCueSet, String> {
        let lists: Vec<(ListId, &[String])> = self
            .lists
            .iter()
            .map(|(id, p)| (*id, p.as_slice()))
            .collect();
        MultiCueSet::new(&lists)
    }

    /// The compiled cues. The lists compile whenever the English ones do (they are the same
    /// kind of phrase lists, checked by [`Extractor::check_languages`]); should one ever fail,
    /// the language is read without cues rather than not at all.
    fn cues(&self) -> &MultiCueSet {
        self.cues.get_or_init(|| {
            self.compile()
                .or_else(|_| MultiCueSet::new(&[]))
                .expect("an empty cue set compiles")
        })
    }
}

/// The figures and per-sentence attribution of one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub figures: Vec<Figure>,
    pub sentences: Vec<SentenceAttribution>,
    /// Every cue and rule phrase found in the article's prose and page furniture, in text
    /// order (the one pass that serves the extractor and the pattern rules).
    pub cues: Vec<ListMatch>,
}

impl Extractor {
    /// The extractor for `config`'s attribution cues and measures. `extra` are further
    /// phrase lists (the pattern rules') searched in the same single pass, so that an
    /// article is read once for every list; their matches come back in
    /// [`Extraction::cues`] under the ids given here.
    pub fn new(config: &Config, extra: &[RuleList<'_>]) -> Result<Extractor, ConfigError> {
        let mut lists: Vec<(ListId, &[String])> = vec![
            (
                ListId::Attribution(AttributionCue::Verb),
                &config.attribution.verbs,
            ),
            (
                ListId::Attribution(AttributionCue::Anonymous),
                &config.attribution.anonymous,
            ),
            (
                ListId::Attribution(AttributionCue::Wire),
                &config.attribution.wire_services,
            ),
        ];
        for (i, m) in config.measures.iter().enumerate() {
            let id = u16::try_from(i).map_err(|_| ConfigError {
                path: crate::config::DEFAULT_RULES_PATH.into(),
                line: 1,
                column: 1,
                rule: None,
                message: format!("too many measures ({})", config.measures.len()),
            })?;
            lists.push((ListId::Measure(id), &m.cues));
        }
        lists.extend(extra.iter().map(|l| (l.id, l.phrases)));
        let cues = MultiCueSet::new(&lists).map_err(cue_error)?;
        let locales = config
            .languages
            .values()
            .map(|l| LocaleExtractor::new(config, l, extra))
            .collect();
        Ok(Extractor {
            measures: MeasureMatcher::new(&config.measures),
            cues,
            locales,
        })
    }

    fn locale(&self, code: &str) -> Option<&LocaleExtractor> {
        let code = crate::language::primary_subtag(code);
        self.locales.iter().find(|l| l.grammar.code == code)
    }

    /// Compiles every language's cue lists now, so that a rules file whose lists cannot
    /// be compiled is refused when it is checked rather than read without its cues.
    pub fn check_languages(&self) -> Result<(), ConfigError> {
        for l in &self.locales {
            l.compile()
                .map_err(|e| cue_error(format!("lang.{}: {e}", l.grammar.code)))?;
        }
        Ok(())
    }

    /// Whether the rules read `code` ("es", "es-MX") with a grammar of its own.
    pub fn reads(&self, code: &str) -> bool {
        self.locale(code).is_some()
    }

    /// The codes of the languages read besides English.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|l| l.grammar.code.as_str())
    }

    /// Finds every figure in the content sentences of `doc`, read as English.
    pub fn extract(&self, text: &str, doc: &Document, published: Option<Date>) -> Extraction {
        self.extract_with(
            &self.cues,
            &self.measures,
            Reader::English,
            text,
            doc,
            published,
        )
    }

    /// Finds every figure of `doc` read in `language`: with its grammar and cues when the
    /// rules have them, else as English.
    pub fn extract_in(
        &self,
        language: &str,
        text: &str,
        doc: &Document,
        published: Option<Date>,
    ) -> Extraction {
        match self.locale(language) {
            Some(l) => self.extract_with(
                l.cues(),
                &l.measures,
                Reader::Locale(&l.grammar),
                text,
                doc,
                published,
            ),
            None => self.extract(text, doc, published),
        }
    }

    fn extract_with(
        &self,
        cue_set: &MultiCueSet,
        measures: &MeasureMatcher,
        reader: Reader<'_>,
        text: &str,
        doc: &Document,
        published: Option<Date>,
    ) -> Extraction {
        // One pass over each block of prose (and furniture, for the rules) for every list.
        let mut found = Vec::new();
        for b in doc
            .blocks
            .iter()
            .filter(|b| b.kind.is_content() || b.kind == BlockKind::Boilerplate)
        {
            found.extend(cue_set.find_in(text, b.span));
        }
        let sentences = attribution::classify(text, doc, &found);
        let mut figures = Vec::new();
        let mut tokens = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let block = doc.block_of(sentence);
            let heading = matches!(block.kind, BlockKind::Title | BlockKind::Heading);
            let raw = match reader {
                Reader::English => {
                    if !scan::may_hold_figure(sentence.span.text(text)) {
                        continue;
                    }
                    let scanner = Scanner::with_buffer(text, sentence.span, published, tokens)
                        .in_heading(heading);
                    let raw = scanner.scan();
                    tokens = scanner.into_buffer();
                    raw
                }
                Reader::Locale(g) => {
                    locale::LocaleScanner::new(g, text, sentence.span, published).scan()
                }
            };
            if raw.is_empty() {
                continue;
            }
            let from = found.partition_point(|m| m.span.start < sentence.span.start);
            let cues: Vec<(usize, Span)> = found[from..]
                .iter()
                .take_while(|m| m.span.start < sentence.span.end)
                .filter(|m| m.span.end <= sentence.span.end)
                .filter_map(|m| match m.list {
                    ListId::Measure(i) => Some((usize::from(i), m.span)),
                    _ => None,
                })
                .collect();
            for r in raw {
                let label = heading || is_entry_label(text, block.span, r.span);
                let mut fig = Figure::from_raw(text, r, index, sentences[index].attribution, label);
                if is_age(text, &fig) {
                    fig.kind = FigureKind::Age;
                    fig.unit = None;
                    fig.noun = None;
                }
                let measure = measures.assign(text, sentence.span, &fig, &cues);
                if let Some(m) = measure.map(|i| &measures.measures[i]) {
                    // "Casualties had mounted to 1.9 million": a counting measure makes a
                    // bare number a count.
                    if fig.kind == FigureKind::Number
                        && fig.unit.is_none()
                        && m.kinds.contains(&FigureKind::Count)
                    {
                        fig.kind = FigureKind::Count;
                    }
                    fig.measure = Some(m.id.clone());
                }
                figures.push(fig);
            }
        }
        Extraction {
            figures,
            sentences,
            cues: found,
        }
    }
}

#[cfg(test)]
mod tests;

/// A date written out in full (with its year) somewhere in `span`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExplicitDate {
    /// Where it is written.
    pub span: Span,
    pub date: Date,
    pub kind: FigureKind,
    pub precision: DatePrecision,
}

/// Dates with an explicit year in `text[span]`, read without any publication date.
pub fn explicit_dates(text: &str, span: Span) -> Vec<ExplicitDate> {
    Scanner::new(text, span, None)
        .scan()
        .into_iter()
        .filter_map(|r| {
            let d = r.date?;
            if d.inferred || r.relative {
                return None;
            }
            Some(ExplicitDate {
                span: r.span,
                date: d.date?,
                kind: r.kind,
                precision: d.precision,
            })
        })
        .collect()
}

/// Whether a figure gives a person's age: "a 34-year-old", "aged 34", "age 34", or a
/// small whole number set off after a name ("Ana Lind, 42, said", "Tomas Reyes (34)").
fn is_age(text: &str, fig: &Figure) -> bool {
    let Some(value) = fig.value else {
        return false;
    };
    if !(0.0..=125.0).contains(&value) {
        return false;
    }
    let lower = fig.text.to_ascii_lowercase();
    // "a 34-year-old", "the nine-month-old lawsuit", "the 70-year-old agency": the age of a
    // person or thing, not a span of the story's time.
    if fig.kind == FigureKind::Duration && lower.ends_with("-old") {
        return true;
    }
    let after = text.get(fig.span.end..).unwrap_or("");
    if matches!(
        fig.kind,
        FigureKind::Count | FigureKind::Number | FigureKind::Duration
    ) && (after.starts_with(" years old") || after.starts_with("-year-old"))
    {
        return true;
    }
    if !matches!(fig.kind, FigureKind::Count | FigureKind::Number)
        || fig.unit.is_some()
        || value.fract() != 0.0
        || !fig.text.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    let before = text.get(..fig.span.start).unwrap_or("");
    let previous_word = |s: &str| {
        s.trim_end()
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let word = previous_word(before);
    if matches!(word.to_ascii_lowercase().as_str(), "aged" | "age") {
        return true;
    }
    // Set off after a capitalised name: ", 42," or " (42)".
    let (opener, closers): (&str, &[&str]) = if before.ends_with(", ") {
        (", ", &[",", ")"])
    } else if before.ends_with(" (") {
        (" (", &[")"])
    } else {
        return false;
    };
    if !closers.iter().any(|c| after.starts_with(c)) {
        return false;
    }
    let head = &before[..before.len() - opener.len()];
    let name = previous_word(head);
    let is_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && crate::date::month_from_name(w).is_none()
            && crate::date::weekday_from_name(w).is_none()
    };
    if !is_name(&name) {
        return false;
    }
    // In parentheses, a count follows a place as often as an age follows a name
    // ("from Malaysia (38)"): only a full name ("Tomas Reyes (34)") gives an age.
    opener == ", " || is_name(&previous_word(&head[..head.len() - name.len()]))
}

/// A date or time that labels a timeline entry ("01:07: The plane sent…", "8 March: …"):
/// it sits in a short lead before the block's first colon, like a heading.
fn is_entry_label(text: &str, block: Span, fig: Span) -> bool {
    let block_text = block.text(text);
    // Only a colon in the first 40 bytes makes a label: look no further.
    let Some(colon) = block_text
        .char_indices()
        .take_while(|&(i, _)| i <= 40)
        .find(|&(i, c)| c == ':' && !block_text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| i)
    else {
        return false;
    };
    fig.end <= block.start + colon
}

/// The figures of a text that is not part of an article's body (a headline given in
/// metadata), with spans into `text` itself.
pub fn figures_in(text: &str, published: Option<Date>) -> Vec<Figure> {
    Scanner::new(text, Span::new(0, text.len()), published)
        .in_heading(true)
        .scan()
        .into_iter()
        .map(|r| Figure::from_raw(text, r, 0, Attribution::None, true))
        .collect()
}

impl Extractor {
    /// [`figures_in`] read in `language`: with its grammar when the rules have one.
    pub fn figures_in(&self, language: &str, text: &str, published: Option<Date>) -> Vec<Figure> {
        let Some(l) = self.locale(language) else {
            return figures_in(text, published);
        };
        locale::LocaleScanner::new(&l.grammar, text, Span::new(0, text.len()), published)
            .scan()
            .into_iter()
            .map(|r| Figure::from_raw(text, r, 0, Attribution::None, true))
            .collect()
    }
}

impl Figure {
    /// A scanned figure placed in its sentence; values that are not finite are dropped.
    fn from_raw(
        text: &str,
        r: scan::RawFigure,
        sentence: usize,
        attribution: Attribution,
        in_heading: bool,
    ) -> Figure {
        Figure {
            text: r.span.text(text).to_string(),
            span: r.span,
            sentence,
            kind: r.kind,
            value: r.value.filter(|v| v.is_finite()),
            low: r.low.filter(|v| v.is_finite()),
            high: r.high.filter(|v| v.is_finite()),
            unit: r.unit,
            qualifier: r.qualifier,
            date: r.date,
            relative: r.relative,
            in_words: r.in_words,
            noun: r.noun,
            measure: None,
            attribution,
            in_heading,
        }
    }
}
