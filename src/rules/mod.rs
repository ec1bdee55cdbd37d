//! Rule kinds (each implemented once, in its own file) and the compiled rule set.
//! A rule instance from TOML picks a kind, sets its options, and carries its code, name,
//! category, weight and message; the kind's check finds hits in one analysed article.

// Each kind's file, a row of the `rule_kinds!` table below (a row without its file does
// not compile; a file without its row is dead code), and what the pattern kinds share.
mod anniversary;
mod bounds;
mod conditional;
mod conflicting_values;
mod consensus;
mod count_list;
mod dated_interval;
mod dated_span;
mod density;
mod elapsed;
mod event_dates;
mod evidence;
mod existence;
mod future_event;
mod headline_support;
pub mod outside_reports;
mod parts_whole;
mod pattern;
mod reference;
mod relative_bound;
mod repetition;
mod required_words;
mod specifics_density;
mod timeline;
mod unattributed_figure;

#[cfg(test)]
mod tests;

use crate::analysis::times::TimeLists;
use crate::analysis::{Analyser, Analysis};
pub use crate::config::RuleKind;
use crate::config::{Category, Config, ConfigError, RuleConfig};
use crate::cues::{RuleList, WordList};
use crate::extract::Extractor;
use crate::ingest::{Article, LineRules};
use crate::stories::claims::{ClaimOptions, StoryClaims};
use crate::stories::{Member, StoryView};
use crate::text::{Span, context_window};
use serde::Serialize;

/// What a rule computed once for a whole story, handed to its check of each article: one
/// variant for each kind that prepares anything.
pub enum Prepared {
    /// The consensus kind's claims of every member, with their consensus.
    Claims(StoryClaims),
    /// The outside-reports kind's keyed figures of every member.
    Keys(outside_reports::StoryKeys),
}

/// What a rule kind sees of one article and of the story around it.
#[derive(Clone, Copy)]
pub struct ArticleContext<'a> {
    pub article: &'a Article,
    pub analysis: &'a Analysis,
    /// For each figure of the article, how many other articles on the story report a
    /// compatible value.
    pub corroboration: &'a [usize],
    /// How many articles the story has, this one included.
    pub story_size: usize,
    pub story: &'a StoryView<'a>,
    /// This article's index in `story.members`.
    pub member: usize,
    /// What this rule prepared for the story, if anything.
    pub prepared: Option<&'a Prepared>,
    /// The article's matches in the shared phrase index, in text order.
    pub phrase_hits: &'a [crate::cues::ListMatch],
    /// The article's text lower-cased (ASCII only, so offsets hold), made when a rule first
    /// needs it and shared by every rule after: the words a pattern requires are looked for
    /// in it.
    pub lower: &'a std::cell::OnceCell<String>,
}

/// One place where a rule fires, before the rule's metadata and points are attached.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    /// Values for the message's `{placeholders}`.
    pub vars: Vec<(&'static str, String)>,
    pub evidence: serde_json::Value,
    /// Multiplies the rule's weight (density rules scale with how far past the threshold).
    pub factor: f64,
}

impl Hit {
    pub fn new(span: Span) -> Hit {
        Hit {
            span,
            vars: Vec::new(),
            evidence: serde_json::Value::Object(Default::default()),
            factor: 1.0,
        }
    }

    pub fn var(mut self, key: &'static str, value: impl ToString) -> Hit {
        self.vars.push((key, value.to_string()));
        self
    }

    pub fn evidence(mut self, evidence: serde_json::Value) -> Hit {
        self.evidence = evidence;
        self
    }
}

/// A rule kind's check.
pub trait Check: Send + Sync {
    fn check(&self, ctx: &ArticleContext<'_>, hits: &mut Vec<Hit>);

    /// Work done once per story before its articles are checked.
    fn prepare(&self, _story: &StoryView<'_>) -> Option<Prepared> {
        None
    }

    /// Why the rule cannot judge this article, when it cannot (a rule that compares outlets,
    /// on a story with too few): the article then gets a note instead of findings.
    fn not_assessed(&self, _ctx: &ArticleContext<'_>) -> Option<String> {
        None
    }

    /// A phrase list the check reads from the extractor's one-pass search, with its id.
    fn indexed_phrases(&self) -> Option<RuleList<'_>> {
        None
    }

    /// The other-time phrases and continuing words the check places sentences in time with
    /// ([`crate::analysis::times::sentence_times`]), if it does: an article's times under them
    /// are then made in one pass with the other rules' and kept.
    fn time_words(&self) -> Option<(&WordList, &[String])> {
        None
    }

    /// Whether the check reads anything beyond the article itself (the story's other
    /// articles, corroboration, the story's size, what it prepared). A check that does not
    /// gives the same hits on an article in any story, so a service that scores a story
    /// again as articles arrive keeps them. Every check reads its story unless it says not.
    fn reads_story(&self) -> bool {
        true
    }
}

/// A rule kind's documentation, in fixed headings; `credence rules show` prints it under
/// the kind's name.
pub struct KindDoc {
    pub what_it_checks: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub not_flagged: &'static str,
    pub options: &'static str,
    /// The `{placeholders}` the kind fills in a rule's message.
    pub placeholders: &'static [&'static str],
}

/// Every rule kind, alphabetically: its variant, its name in rules files, and its check's
/// type with what that is built from (the rule instance `rule`, the whole configuration
/// `config`, the rule's place `index` among the rules). The kind's documentation is its
/// module's `DOC`. [`RuleKind`], [`RuleKind::doc`] and the built checks all come from this
/// one table: adding a kind is one line here, plus its file and the `mod` line above.
macro_rules! rule_kinds {
    ($expand:ident) => {
        $expand! {
            |rule, config, index|
            Anniversary        "anniversary"         anniversary::Anniversary(rule),
            Bounds             "bounds"              bounds::Bounds(rule, &config.measures),
            Conditional        "conditional"         conditional::Conditional(rule, config, pattern::size_limit(config), index),
            ConflictingValues  "conflicting-values"  conflicting_values::ConflictingValues(rule, config),
            Consensus          "consensus"           consensus::ConsensusOutlier(rule, config),
            CountList          "count-list"          count_list::CountList(rule),
            DatedInterval      "dated-interval"      dated_interval::DatedInterval(rule),
            DatedSpan          "dated-span"          dated_span::DatedSpan(rule),
            Density            "density"             density::PatternDensity(rule, pattern::size_limit(config), index),
            Elapsed            "elapsed"             elapsed::Elapsed(rule),
            EventDates         "event-dates"         event_dates::EventDates(rule),
            Evidence           "evidence"            evidence::Evidence(rule),
            Existence          "existence"           existence::Existence(rule, pattern::size_limit(config), index),
            FutureEvent        "future-event"        future_event::FutureEvent(rule),
            HeadlineSupport    "headline-support"    headline_support::HeadlineSupport(rule),
            OutsideReports     "outside-reports"     outside_reports::OutsideReports(rule, config),
            PartsWhole         "parts-whole"         parts_whole::PartsWhole(rule),
            Reference          "reference"           reference::Reference(rule, config),
            RelativeBound      "relative-bound"      relative_bound::RelativeBound(rule, &config.measures),
            Repetition         "repetition"          repetition::Repetition(rule),
            SpecificsDensity   "specifics-density"   specifics_density::SpecificsDensity(rule, config),
            Timeline           "timeline"            timeline::Timeline(rule),
            UnattributedFigure "unattributed-figure" unattributed_figure::UnattributedFigure(rule, config),
        }
    };
}
// The configuration expands the same table into `RuleKind`, the names it reads.
pub(crate) use rule_kinds;

/// Expands the kinds' table into each kind's documentation and its built check.
macro_rules! kind_checks {
    (
        |$rule:ident, $config:ident, $index:ident|
        $($variant:ident $name:literal $module:ident :: $check:ident $args:tt,)*
    ) => {
        impl RuleKind {
            /// The kind's documentation, which `credence rules show` and docs/rules.md print.
            pub fn doc(self) -> &'static KindDoc {
                match self {
                    $(RuleKind::$variant => &$module::DOC,)*
                }
            }
        }

        /// A rule instance's check, as its kind built it (boxed: the checks differ widely in
        /// size).
        enum KindCheck {
            $($variant(Box<$module::$check>),)*
        }

        impl KindCheck {
            fn build(
                $rule: &RuleConfig,
                $config: &Config,
                $index: u32,
            ) -> Result<KindCheck, ConfigError> {
                Ok(match $rule.kind {
                    $(RuleKind::$variant => KindCheck::$variant(Box::new($module::$check::new $args?)),)*
                })
            }

            fn check(&self) -> &dyn Check {
                match self {
                    $(KindCheck::$variant(check) => &**check,)*
                }
            }
        }
    };
}

rule_kinds!(kind_checks);

/// Every `{placeholder}` of a rule's message must be one its kind fills: a misspelt one
/// would print literally.
fn check_placeholders(rule: &RuleConfig) -> Result<(), ConfigError> {
    let doc = rule.kind.doc();
    for name in placeholders(&rule.message) {
        if !doc.placeholders.contains(&name) {
            let fills = if doc.placeholders.is_empty() {
                "none".to_string()
            } else {
                doc.placeholders.join(", ")
            };
            return Err(rule.origin.error(
                &format!("{{{name}}}"),
                Some(&rule.code),
                format!(
                    "the message names {{{name}}}, which rules of kind \"{}\" do not fill (they fill: {fills})",
                    rule.kind
                ),
            ));
        }
    }
    Ok(())
}

/// The names between braces in a message: `{claim}` gives "claim".
pub fn placeholders(message: &str) -> impl Iterator<Item = &str> {
    message.split('{').skip(1).filter_map(|rest| {
        let name = rest.split('}').next()?;
        (rest.contains('}') && !name.is_empty()).then_some(name)
    })
}

/// A rule instance ready to run.
pub struct Rule {
    pub config: RuleConfig,
    check: KindCheck,
}

impl Rule {
    pub fn prepare(&self, story: &StoryView<'_>) -> Option<Prepared> {
        self.check.check().prepare(story)
    }

    pub fn not_assessed(&self, ctx: &ArticleContext<'_>) -> Option<String> {
        self.check.check().not_assessed(ctx)
    }

    /// Whether the rule's hits on an article depend on the rest of its story.
    pub fn reads_story(&self) -> bool {
        self.check.check().reads_story()
    }

    pub fn run(&self, ctx: &ArticleContext<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.check.check().check(ctx, &mut hits);
        hits
    }

    /// The message with `{placeholders}` filled in.
    ///
    /// One pass over the template: a placeholder the hit has no value for stays as written,
    /// and text put in from the article is never read for placeholders itself.
    pub fn message(&self, hit: &Hit) -> String {
        let template = self.config.message.as_str();
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                hit.vars
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A finding: a rule that fired on an article, with its points and where.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub code: String,
    pub category: Category,
    /// What it took off the score (0 when waived).
    pub points: f64,
    pub message: String,
    /// The sentence (or text) the finding is about.
    pub excerpt: String,
    pub line: usize,
    pub column: usize,
    pub evidence: serde_json::Value,
    /// Byte range of the exact span in the article text.
    pub span: Span,
    /// The editor's reason when the rule is waived for this article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<String>,
    /// Raw points before the score's saturation, used to share out the loss.
    #[serde(skip)]
    pub raw_points: f64,
}

/// The compiled configuration: the analyser (extractor and line rules) and the rule
/// instances.
pub struct Ruleset {
    pub config: Config,
    pub analyser: Analyser,
    pub rules: Vec<Rule>,
}

impl Ruleset {
    pub fn new(config: Config) -> Result<Ruleset, ConfigError> {
        // The line rules' patterns compile on a second core while the rules' own do: start-up
        // is most of a small batch's time.
        let (rules, lines) = rayon::join(|| build_rules(&config), || LineRules::new(&config));
        let rules = rules?;
        // The rules' phrase lists ride along in the extractor's one pass over each article.
        let lists: Vec<RuleList<'_>> = rules
            .iter()
            .filter_map(|r| r.check.check().indexed_phrases())
            .collect();
        let extractor = Extractor::new(&config, &lists)?;
        // The rules' lists of other-time phrases are searched in one pass over each sentence.
        let time_lists = TimeLists::new(rules.iter().filter_map(|r| r.check.check().time_words()));
        let analyser = Analyser {
            extractor,
            lines: lines?,
            time_lists: std::sync::Arc::new(time_lists),
        };
        Ok(Ruleset {
            config,
            analyser,
            rules,
        })
    }

    /// One article analysed with these rules' extractor and line rules.
    pub fn analyse(&self, article: &Article) -> Analysis {
        self.analyser.analyse(article)
    }

    /// The embedded default rules.
    pub fn embedded() -> Result<Ruleset, ConfigError> {
        Ruleset::new(Config::embedded()?)
    }

    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.config.enabled)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.config.code.eq_ignore_ascii_case(id) || r.config.name == id)
    }

    /// The claim options of the first consensus rule, enabled or not: a story's consensus
    /// figures are the ones that rule holds articles to.
    pub fn claim_options(&self) -> Option<&ClaimOptions> {
        self.rules.iter().find_map(|r| match &r.check {
            KindCheck::Consensus(consensus) => Some(consensus.options()),
            _ => None,
        })
    }
}

/// Each rule instance of `config` built, in order; the first that fails stops the rest.
fn build_rules(config: &Config) -> Result<Vec<Rule>, ConfigError> {
    let mut rules = Vec::new();
    for (index, rc) in config.rules.iter().enumerate() {
        let check = KindCheck::build(rc, config, index as u32)?;
        check_placeholders(rc)?;
        rules.push(Rule {
            config: rc.clone(),
            check,
        });
    }
    Ok(rules)
}

/// Runs one rule on a worked example: the example's text as an article, its `others` as
/// further articles on the same story. Returns the number of hits on the example.
pub fn run_example(rules: &Ruleset, rule: &Rule, example: &crate::config::Example) -> usize {
    let published = example
        .published
        .as_deref()
        .and_then(crate::date::Date::parse_iso);
    let make = |id: String, text: &str| {
        // Read like a plain-text file: a first line followed by a blank line is the title.
        let mut a = Article::from_text(id, text.trim());
        a.story = Some("example".into());
        a.published = published;
        a
    };
    let mut articles = vec![make("example".into(), &example.text)];
    for (i, other) in example.others.iter().enumerate() {
        articles.push(make(format!("other-{i}"), other));
    }
    let analyses: Vec<Analysis> = articles.iter().map(|a| rules.analyse(a)).collect();
    let view = StoryView::new(
        "example",
        articles
            .iter()
            .zip(&analyses)
            .map(|(article, analysis)| Member {
                article,
                analysis,
                memo: None,
            })
            .collect(),
    );
    let members: Vec<&Analysis> = analyses.iter().collect();
    let corroboration =
        crate::stories::corroboration(&members, &view.voices, &rules.config.measures);
    let prepared = rule.prepare(&view);
    let ctx = ArticleContext {
        article: &articles[0],
        analysis: &analyses[0],
        corroboration: &corroboration[0],
        story_size: articles.len(),
        story: &view,
        member: 0,
        prepared: prepared.as_ref(),
        phrase_hits: &analyses[0].extraction.cues,
        lower: &std::cell::OnceCell::new(),
    };
    if rule.not_assessed(&ctx).is_some() {
        return 0;
    }
    rule.run(&ctx).len()
}

impl ArticleContext<'_> {
    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// [`text`](Self::text) lower-cased in ASCII: same length, same offsets.
    pub fn lower_text(&self) -> &str {
        self.lower
            .get_or_init(|| self.article.text.to_ascii_lowercase())
    }

    pub fn figures(&self) -> &[crate::extract::Figure] {
        &self.analysis.extraction.figures
    }

    /// The sentence a figure is in.
    /// The figure's sentence, cut to `CONTEXT_BYTES` either side of the figure: every
    /// per-figure check reads this much at most, so a pathological sentence of megabytes
    /// costs linear time, not quadratic.
    pub fn sentence_span(&self, figure: &crate::extract::Figure) -> Span {
        let sentence = self
            .analysis
            .doc
            .sentences
            .get(figure.sentence)
            .map_or(figure.span, |s| s.span);
        context_window(self.text(), sentence, figure.span)
    }

    /// A span as evidence: its text, line and column.
    pub fn locate(&self, span: Span) -> serde_json::Value {
        let (line, column) = self.analysis.doc.lines.line_col(self.text(), span.start);
        serde_json::json!({ "text": span.text(self.text()), "line": line, "column": column })
    }

    /// A figure as evidence: its text, value, line and column.
    pub fn figure_evidence(&self, figure: &crate::extract::Figure) -> serde_json::Value {
        let mut v = self.locate(figure.span);
        v["value"] = serde_json::json!(figure.value);
        if let Some(d) = figure.date.and_then(|d| d.display()) {
            v["date"] = serde_json::json!(d);
        }
        if let Some(u) = &figure.unit {
            v["unit"] = serde_json::json!(u);
        }
        v
    }
}

/// A worked example whose hits differ from what it expects.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub code: String,
    /// 1-based, among the rule's examples.
    pub example: usize,
    pub expected: usize,
    pub got: usize,
    /// Where the example's text starts in its rules file.
    pub line: usize,
    pub column: usize,
}

/// What checking the worked examples of a rules file found.
#[derive(Debug, Clone, Default)]
pub struct ExampleCheck {
    pub checked: usize,
    pub failures: Vec<ExampleFailure>,
}

impl Ruleset {
    /// Runs the worked examples of every rule that the file at `path` defines or changes.
    pub fn check_examples(&self, path: &str) -> ExampleCheck {
        let mut check = ExampleCheck::default();
        for rule in self.rules.iter().filter(|r| &*r.config.origin.path == path) {
            for (n, example) in rule.config.examples.iter().enumerate() {
                check.checked += 1;
                let got = run_example(self, rule, example);
                if got != example.hits {
                    let (line, column) = rule
                        .config
                        .origin
                        .locate(example.text.lines().next().unwrap_or(""));
                    check.failures.push(ExampleFailure {
                        code: rule.config.code.clone(),
                        example: n + 1,
                        expected: example.hits,
                        got,
                        line,
                        column,
                    });
                }
            }
        }
        check
    }
}
