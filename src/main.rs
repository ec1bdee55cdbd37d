//! The `credence` command line: reads inputs, runs the library, renders what it returns.

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};
use credence::analysis::analyse;
use credence::config::{Category, Config, ConfigError};
use credence::ingest::{Loaded, load_paths};
use credence::report;
use credence::rules::{Ruleset, kind_doc};
use credence::{Report, analyse_all, score_stories, stories_of, story_summaries};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Scores the reliability of news articles: unsupported specifics, internal
/// contradictions, figures that conflict with other outlets, and sourcing signals.
#[derive(Parser)]
#[command(name = "credence", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score articles and rank them, lowest score first.
    ///
    /// PATHS are files (.txt, .md, .json, .jsonl), directories (read recursively) or `-`
    /// for JSONL on standard input. Articles are compared with the others on their story
    /// (their `story` key, else their directory). Exit code 0: all inputs scored; 1: some
    /// inputs could not be read (the rest are scored and the failures listed); 2: bad
    /// usage or bad rules.
    Score {
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Only the N lowest-scoring articles in the table.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Group articles without a `story` key into stories by text similarity and date
        /// (threshold in the rules' [stories] table) instead of by directory.
        #[arg(long)]
        cluster: bool,
        /// Order of the table and JSON.
        #[arg(long, value_enum, default_value_t = SortKey::Score)]
        sort: SortKey,
        /// Only articles scoring at least this.
        #[arg(long, value_name = "SCORE")]
        min_score: Option<f64>,
        /// Only articles scoring at most this.
        #[arg(long, value_name = "SCORE")]
        max_score: Option<f64>,
        /// Only articles with findings in this category.
        #[arg(long, value_parser = category_parser())]
        category: Option<Category>,
        /// Roll scores up per outlet instead of listing articles.
        #[arg(long, value_enum)]
        by: Option<ByKey>,
        /// Score a JSONL feed of any length in bounded memory: JSONL lines out, story by
        /// story (not sorted by score). Inputs are JSONL files or `-`. Needs --format jsonl.
        #[arg(long)]
        stream: bool,
        /// With --stream, how many articles are read and scored at a time.
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        batch: usize,
    },
    /// Roll scores up per outlet: articles, a shrunken mean score with an interval, the
    /// most frequent reasons.
    Sources {
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long)]
        cluster: bool,
        /// Outlets with fewer articles get no level.
        #[arg(long, default_value_t = 3)]
        min_sample: usize,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Score labelled articles and report how well scores separate the labels (ROC AUC,
    /// Spearman) and, per rule, its hits on reliable and unreliable articles (its lift).
    ///
    /// With --baseline, also score with OTHER (the embedded default plus OTHER) and show how
    /// AUC and ranks shift: the way to review a rule change.
    Eval {
        #[arg(required = true)]
        paths: Vec<String>,
        /// CSV (`id,label`) or TOML (`[labels]`); labels reliable/unreliable or a grade 0–1.
        #[arg(long, value_name = "FILE")]
        labels: String,
        /// Rules to compare against.
        #[arg(long, value_name = "OTHER_RULES.toml")]
        baseline: Option<String>,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show the stories articles are compared in, with the consensus figures of each.
    Stories {
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Group articles without a `story` key by text similarity and date.
        #[arg(long)]
        cluster: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one article's findings on its text: the rule, the points, a caret under the
    /// span, the evidence, and a total that accounts for the score.
    ///
    /// With --corpus, the article is compared with those articles as one story (for
    /// corroboration and consensus); without, with the other articles of its own story in
    /// PATH's directory.
    Explain {
        path: String,
        /// Other articles on the same story to compare with.
        #[arg(long, num_args = 1.., value_name = "PATH")]
        corpus: Vec<String>,
        /// Which article, when PATH holds several (a JSONL file).
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print the figures found in each article, with their kind, unit, measure and position.
    Extract {
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// List, show or check rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// List every rule: code, name, category, weight, whether it is enabled.
    List {
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one rule (by code or name) with its kind's documentation.
    Show {
        id: String,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Check a rules file: syntax, unknown keys, regexes, duplicate codes, unknown
    /// measures, and the worked examples of the rules it defines.
    Check { file: String },
    /// Print the rule reference (docs/rules.md) as Markdown.
    Docs {
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Write a commented starter credence.toml in the current directory.
    Init {
        /// Overwrite an existing credence.toml.
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Rules file applied on top of the embedded default (and ./credence.toml). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    files: Vec<String>,
    /// Ignore ./credence.toml.
    #[arg(long)]
    no_config: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Table,
    Json,
    Jsonl,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum SortKey {
    Score,
    Source,
    Published,
    Title,
    Id,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ByKey {
    Source,
}

/// `--category`: the library's categories by their names, listed in `--help`.
fn category_parser() -> impl TypedValueParser<Value = Category> {
    clap::builder::PossibleValuesParser::new(Category::ALL.map(Category::as_str)).map(|name| {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
            .expect("the parser admits only category names")
    })
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExtractFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ListFormat {
    Table,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_rules(args: &RulesArgs) -> Result<Ruleset, String> {
    Ruleset::new(load_config(args)?).map_err(|e: ConfigError| e.to_string())
}

/// The embedded rules with ./credence.toml and `--rules` files applied, not yet compiled.
fn load_config(args: &RulesArgs) -> Result<Config, String> {
    let mut config = Config::embedded().map_err(|e| e.to_string())?;
    let mut files: Vec<String> = Vec::new();
    if !args.no_config && Path::new("credence.toml").is_file() {
        files.push("credence.toml".into());
    }
    files.extend(args.files.iter().cloned());
    for file in files {
        let source = std::fs::read_to_string(&file)
            .map_err(|e| format!("{file}: cannot read rules file: {e}"))?;
        config.apply(&file, &source).map_err(|e| e.to_string())?;
    }
    Ok(config)
}

fn print(out: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = stdout.write_all(out.as_bytes());
    if !out.ends_with('\n') {
        let _ = stdout.write_all(b"\n");
    }
}

/// `score --stream`: JSONL in, JSONL out, a batch of stories at a time.
fn run_stream(rules: &Ruleset, paths: &[String], batch: usize) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    let mut files = Vec::new();
    let mut shown = Vec::new();
    let mut spooled = None;
    for p in paths {
        if p == "-" {
            // Standard input is read twice (index, then stories): spool it to a file.
            let spool =
                std::env::temp_dir().join(format!("credence-stdin-{}.jsonl", std::process::id()));
            let mut file = std::fs::File::create(&spool)
                .map_err(|e| format!("{}: cannot spool standard input: {e}", spool.display()))?;
            std::io::copy(&mut std::io::stdin().lock(), &mut file)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            files.push(spool.clone());
            shown.push("-".to_string());
            spooled = Some(spool);
        } else if p.ends_with(".jsonl") || p.ends_with(".ndjson") {
            files.push(std::path::PathBuf::from(p));
            shown.push(p.clone());
        } else {
            return Err(format!(
                "{p}: --stream reads JSONL files (.jsonl, .ndjson) or `-`"
            ));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = credence::stream::score_jsonl_files(rules, &files, &shown, batch, &mut out);
    let _ = out.flush();
    if let Some(spool) = spooled {
        let _ = std::fs::remove_file(spool);
    }
    let summary = result.map_err(|e| format!("reading the feed: {e}"))?;
    for e in &summary.errors {
        eprintln!("error: {e}");
    }
    eprintln!(
        "{} articles, {} stories, {} errors, {:.2} s (streamed)",
        summary.articles,
        summary.stories,
        summary.errors.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(exit_for(&summary.errors))
}

/// Reads, analyses, groups and scores the inputs, reporting unreadable ones on stderr.
fn run_batch(rules: &Ruleset, paths: &[String], cluster: bool) -> Report {
    let loaded = load_paths(paths, rules.config.limits.max_file_bytes);
    report_errors(&loaded);
    score_loaded(rules, loaded, cluster)
}

/// The rules and the inputs, unreadable inputs reported on stderr. The rules compile while
/// the inputs are read: on a large batch, compiling the patterns need not keep a core idle.
fn load_rules_and_inputs(
    args: &RulesArgs,
    paths: &[String],
) -> Result<(Ruleset, credence::ingest::Loaded), String> {
    let config = load_config(args)?;
    let limit = config.limits.max_file_bytes;
    let (rules, loaded) = rayon::join(|| Ruleset::new(config), || load_paths(paths, limit));
    let rules = rules.map_err(|e: ConfigError| e.to_string())?;
    report_errors(&loaded);
    Ok((rules, loaded))
}

/// Analyses, groups and scores what was read.
fn score_loaded(rules: &Ruleset, loaded: credence::ingest::Loaded, cluster: bool) -> Report {
    let progress = Progress::start(loaded.articles.len());
    let analyses = analyse_all(rules, &loaded.articles);
    let stories = stories_of(rules, &loaded.articles, &analyses, cluster);
    let articles = score_stories(rules, &loaded.articles, &analyses, &stories);
    progress.finish();
    let stories = if cluster {
        story_summaries(rules, &loaded.articles, &analyses, &stories)
            .into_iter()
            .map(|mut s| {
                s.consensus.clear();
                s
            })
            .collect()
    } else {
        Vec::new()
    };
    Report {
        articles,
        errors: loaded.errors,
        warnings: loaded.warnings,
        stories,
    }
}

/// Exit 0 when every input was read, 1 when some failed (the rest were still scored).
fn exit_for<E>(errors: &[E]) -> ExitCode {
    exit_when(errors.is_empty())
}

fn exit_when(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn sort_articles(articles: &mut [credence::ScoredArticle], key: SortKey) {
    match key {
        SortKey::Score => {}
        SortKey::Source => {
            articles.sort_by(|a, b| a.source.cmp(&b.source).then(a.score.total_cmp(&b.score)))
        }
        SortKey::Published => articles.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then(a.score.total_cmp(&b.score))
        }),
        SortKey::Title => articles.sort_by(|a, b| a.title.cmp(&b.title)),
        SortKey::Id => articles.sort_by(|a, b| a.id.cmp(&b.id)),
    }
}

fn summary_line(report: &Report, started: std::time::Instant) -> String {
    let stories: std::collections::BTreeSet<&str> =
        report.articles.iter().map(|a| a.story.as_str()).collect();
    let mut summary = format!(
        "{} articles, {} stories, {} errors, {:.2} s",
        report.articles.len(),
        stories.len(),
        report.errors.len(),
        started.elapsed().as_secs_f64()
    );
    if report.articles.iter().any(|a| a.published_inferred) {
        summary.push_str("; * publication date read from the text");
    }
    summary
}

fn render_report(
    report: &Report,
    format: Format,
    top: Option<usize>,
    started: std::time::Instant,
) -> Result<(), String> {
    match format {
        Format::Json => {
            print(&report::to_json(report));
            eprintln!("{}", summary_line(report, started));
        }
        Format::Jsonl => {
            print(&report::to_jsonl(report));
            eprintln!("{}", summary_line(report, started));
        }
        Format::Table | Format::Markdown => {
            let color = report::use_color(std::io::stdout().is_terminal());
            let markdown = format == Format::Markdown;
            print(&report::render_score_table(
                &report.articles,
                top,
                color,
                markdown,
            ));
            let sep = if markdown { "\n\n" } else { "\n" };
            print(&format!(
                "{}{sep}{}",
                report::LEGEND,
                summary_line(report, started)
            ));
            for e in &report.errors {
                print(&format!("not scored: {e}"));
            }
        }
    }
    Ok(())
}

fn render_outlets_as(
    outlets: &[credence::outlets::OutletSummary],
    min_sample: usize,
    format: Format,
    report: &Report,
) -> Result<(), String> {
    match format {
        Format::Json | Format::Jsonl => print(
            &serde_json::to_string_pretty(&serde_json::json!({
                "sources": outlets,
                "errors": report.errors,
            }))
            .map_err(|e| e.to_string())?,
        ),
        Format::Table | Format::Markdown => {
            print(&report::render_outlets(
                outlets,
                min_sample,
                format == Format::Markdown,
            ));
            print(&format!(
                "scores shrunk towards the batch mean by empirical Bayes; outlets with fewer than {min_sample} articles get no level"
            ));
        }
    }
    Ok(())
}

/// A progress line on stderr for long runs, only on a terminal.
struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(total: usize) -> Progress {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let show = std::io::stderr().is_terminal() && total >= 2_000;
        let handle = show.then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    eprint!(
                        "\rscoring {total} articles… {:.0} s",
                        started.elapsed().as_secs_f64()
                    );
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
                eprint!("\r\x1b[K");
            })
        });
        Progress { done, handle }
    }

    fn finish(self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(h) = self.handle {
            let _ = h.join();
        }
    }
}

fn report_errors(loaded: &Loaded) {
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    for e in &loaded.errors {
        eprintln!("error: {e}");
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Score {
            paths,
            rules,
            format,
            top,
            cluster,
            sort,
            min_score,
            max_score,
            category,
            by,
            stream,
            batch,
        } => {
            if stream {
                if format != Format::Jsonl {
                    return Err("--stream writes JSONL: add --format jsonl".into());
                }
                return run_stream(&load_rules(&rules)?, &paths, batch);
            }
            let started = std::time::Instant::now();
            let (rules, loaded) = load_rules_and_inputs(&rules, &paths)?;
            let mut batch = score_loaded(&rules, loaded, cluster);
            // The scored articles move into the report: a copy of a large batch's findings
            // is a serial pass that two cores cannot share.
            let mut articles = std::mem::take(&mut batch.articles);
            articles.retain(|a| {
                min_score.is_none_or(|m| a.score >= m)
                    && max_score.is_none_or(|m| a.score <= m)
                    && category.is_none_or(|c| a.count(c) > 0)
            });
            sort_articles(&mut articles, sort);
            if by == Some(ByKey::Source) {
                let outlets = credence::outlets::rollup(&articles, 3, |s| {
                    rules.config.scoring.level(s).to_string()
                });
                render_outlets_as(&outlets, 3, format, &batch)?;
                Ok(exit_for(&batch.errors))
            } else {
                let report = Report { articles, ..batch };
                render_report(&report, format, top, started)?;
                Ok(exit_for(&report.errors))
            }
        }
        Command::Sources {
            paths,
            rules,
            cluster,
            min_sample,
            format,
        } => {
            let (rules, loaded) = load_rules_and_inputs(&rules, &paths)?;
            let batch = score_loaded(&rules, loaded, cluster);
            let outlets = credence::outlets::rollup(&batch.articles, min_sample, |s| {
                rules.config.scoring.level(s).to_string()
            });
            render_outlets_as(&outlets, min_sample, format, &batch)?;
            Ok(exit_for(&batch.errors))
        }
        Command::Extract {
            paths,
            rules,
            format,
        } => {
            let (rules, loaded) = load_rules_and_inputs(&rules, &paths)?;
            let ExtractFormat::Json = format;
            let articles: Vec<serde_json::Value> = loaded
                .articles
                .iter()
                .map(|a| {
                    let analysis = analyse(a, &rules);
                    serde_json::json!({
                        "id": a.id,
                        "path": a.path,
                        "published": analysis.published,
                        "published_inferred": analysis.published_inferred,
                        "figures": report::figure_records(a, &analysis),
                    })
                })
                .collect();
            let out = serde_json::json!({ "articles": articles, "errors": loaded.errors });
            print(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            Ok(exit_for(&loaded.errors))
        }
        Command::Stories {
            paths,
            rules,
            cluster,
            format,
        } => {
            let (rules, loaded) = load_rules_and_inputs(&rules, &paths)?;
            let analyses = analyse_all(&rules, &loaded.articles);
            let stories = stories_of(&rules, &loaded.articles, &analyses, cluster);
            let summaries = story_summaries(&rules, &loaded.articles, &analyses, &stories);
            match format {
                ListFormat::Json => print(
                    &serde_json::to_string_pretty(&serde_json::json!({
                        "stories": summaries,
                        "errors": loaded.errors,
                    }))
                    .map_err(|e| e.to_string())?,
                ),
                ListFormat::Table => print(&report::render_stories(&summaries)),
            }
            Ok(exit_for(&loaded.errors))
        }
        Command::Explain {
            path,
            corpus,
            id,
            rules,
            format,
        } => run_explain(&path, &corpus, id.as_deref(), &rules, format),
        Command::Eval {
            paths,
            labels,
            baseline,
            rules,
            format,
        } => run_eval(&paths, &labels, baseline.as_deref(), &rules, format),
        Command::Rules { command } => run_rules(command),
    }
}

fn run_eval(
    paths: &[String],
    labels_path: &str,
    baseline: Option<&str>,
    rules: &RulesArgs,
    format: ListFormat,
) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(labels_path)
        .map_err(|e| format!("{labels_path}: cannot read labels: {e}"))?;
    let labels = credence::eval::Labels::parse(labels_path, &text)?;
    let candidate_rules = load_rules(rules)?;
    let candidate = run_batch(&candidate_rules, paths, false);
    let report = credence::eval::evaluate(&candidate.articles, &labels);
    let base = match baseline {
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .map_err(|e| format!("{path}: cannot read rules file: {e}"))?;
            let mut config = Config::embedded().map_err(|e| e.to_string())?;
            config.apply(path, &source).map_err(|e| e.to_string())?;
            let base_rules = Ruleset::new(config).map_err(|e| e.to_string())?;
            let batch = run_batch(&base_rules, paths, false);
            let shifts = credence::eval::rank_shifts(&batch.articles, &candidate.articles);
            Some((credence::eval::evaluate(&batch.articles, &labels), shifts))
        }
        None => None,
    };
    match format {
        ListFormat::Json => {
            let out = serde_json::json!({
                "eval": report,
                "baseline": base.as_ref().map(|(r, _)| r),
                "rank_shifts": base.as_ref().map(|(_, s)| s),
                "errors": candidate.errors,
            });
            print(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        }
        ListFormat::Table => print(&report::render_eval(
            &report,
            base.as_ref().map(|(r, s)| (r, s.as_slice())),
        )),
    }
    Ok(exit_for(&candidate.errors))
}

fn run_explain(
    path: &str,
    corpus: &[String],
    id: Option<&str>,
    rules: &RulesArgs,
    format: ListFormat,
) -> Result<ExitCode, String> {
    let rules = load_rules(rules)?;
    let limit = rules.config.limits.max_file_bytes;
    let target = load_paths(&[path.to_string()], limit);
    report_errors(&target);
    let chosen: Vec<usize> = target
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| id.is_none_or(|id| a.id == id))
        .map(|(i, _)| i)
        .collect();
    if chosen.is_empty() {
        return Err(match id {
            Some(id) => format!("{path}: no article with id \"{id}\""),
            None => format!("{path}: no article could be read"),
        });
    }
    // The article's peers: the corpus as one story with it, else its own directory.
    let mut articles = target.articles.clone();
    let mut errors = target.errors.clone();
    if corpus.is_empty() {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && Path::new(path).is_file())
        {
            let peers = load_paths(&[dir.display().to_string()], limit);
            for a in peers.articles {
                if a.path != articles[chosen[0]].path {
                    articles.push(a);
                }
            }
        }
    } else {
        let peers = load_paths(corpus, limit);
        report_errors(&peers);
        errors.extend(peers.errors);
        let key = articles[chosen[0]].story_key();
        for a in &mut articles {
            a.story = Some(key.clone());
        }
        for mut a in peers.articles {
            a.story = Some(key.clone());
            articles.push(a);
        }
    }
    let analyses = analyse_all(&rules, &articles);
    let stories = stories_of(&rules, &articles, &analyses, false);
    let scored = score_stories(&rules, &articles, &analyses, &stories);
    let color = report::use_color(std::io::stdout().is_terminal());
    let mut shown = Vec::new();
    for &i in &chosen {
        let a = &articles[i];
        let Some(s) = scored.iter().find(|s| s.id == a.id && s.path == a.path) else {
            continue;
        };
        match format {
            ListFormat::Json => shown.push(serde_json::to_value(s).map_err(|e| e.to_string())?),
            ListFormat::Table => print(&report::render_explain(s, &a.text, color)),
        }
    }
    if format == ListFormat::Json {
        let out = serde_json::json!({ "articles": shown, "errors": errors });
        print(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    }
    Ok(exit_for(&target.errors))
}

fn run_rules(command: RulesCommand) -> Result<ExitCode, String> {
    match command {
        RulesCommand::List { rules, format } => {
            let rules = load_rules(&rules)?;
            match format {
                ListFormat::Json => {
                    let list: Vec<serde_json::Value> = rules
                        .rules
                        .iter()
                        .map(|r| {
                            serde_json::json!({
                                "code": r.config.code,
                                "name": r.config.name,
                                "kind": r.config.kind,
                                "category": r.config.category,
                                "weight": r.config.weight,
                                "enabled": r.config.enabled,
                                "description": r.config.description.trim(),
                            })
                        })
                        .collect();
                    print(&serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?);
                }
                ListFormat::Table => {
                    let rows = rules
                        .rules
                        .iter()
                        .map(|r| report::RuleRow {
                            code: r.config.code.clone(),
                            name: r.config.name.clone(),
                            category: r.config.category.as_str().into(),
                            weight: format!("{}", r.config.weight),
                            enabled: if r.config.enabled { "yes" } else { "no" }.into(),
                            kind: r.config.kind.clone(),
                        })
                        .collect();
                    print(&report::render_rules_table(rows));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Show { id, rules, format } => {
            let rules = load_rules(&rules)?;
            let Some(rule) = rules.rule(&id) else {
                return Err(format!(
                    "no rule with code or name \"{id}\" (see `credence rules list`)"
                ));
            };
            let c = &rule.config;
            let doc = kind_doc(&c.kind);
            if format == ListFormat::Json {
                let out = serde_json::json!({
                    "code": c.code, "name": c.name, "kind": c.kind, "category": c.category,
                    "weight": c.weight, "enabled": c.enabled, "message": c.message,
                    "description": c.description.trim(),
                    "options": c.options,
                    "examples": c.examples,
                    "kind_doc": doc.map(|d| serde_json::json!({
                        "what_it_checks": d.what_it_checks, "why": d.why, "example": d.example,
                        "not_flagged": d.not_flagged, "options": d.options,
                    })),
                });
                print(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
                return Ok(ExitCode::SUCCESS);
            }
            let mut out = format!(
                "{} {} ({}, weight {}, {})\n\n{}\n",
                c.code,
                c.name,
                c.category.as_str(),
                c.weight,
                if c.enabled { "enabled" } else { "disabled" },
                c.description.trim()
            );
            if let Some(d) = doc {
                out.push_str(&format!(
                    "\nKind: {}\n\nWhat it checks\n  {}\n\nWhy it lowers reliability\n  {}\n\nExample\n  {}\n\nNot flagged\n  {}\n\nOptions\n  {}\n",
                    d.name, d.what_it_checks, d.why, d.example, d.not_flagged, d.options
                ));
            }
            if !c.options.is_empty() {
                out.push_str(&format!(
                    "\nThis rule's options\n{}",
                    indent(&c.options.to_string())
                ));
            }
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Check { file } => {
            let source = std::fs::read_to_string(&file)
                .map_err(|e| format!("{file}: cannot read rules file: {e}"))?;
            let mut config = Config::embedded().map_err(|e| e.to_string())?;
            config.apply(&file, &source).map_err(|e| e.to_string())?;
            let rules = Ruleset::new(config).map_err(|e| e.to_string())?;
            // The worked examples of every rule this file defines or changes.
            let mut failures = 0;
            let mut checked = 0;
            for rule in rules
                .rules
                .iter()
                .filter(|r| &*r.config.origin.path == file.as_str())
            {
                for (n, example) in rule.config.examples.iter().enumerate() {
                    checked += 1;
                    let hits = credence::rules::run_example(&rules, rule, example);
                    if hits != example.hits {
                        failures += 1;
                        let (line, column) = rule
                            .config
                            .origin
                            .locate(example.text.lines().next().unwrap_or(""));
                        eprintln!(
                            "error: {file}:{line}:{column}: rule {}: example {} expects {} hit(s), got {hits}",
                            rule.config.code,
                            n + 1,
                            example.hits
                        );
                    }
                }
            }
            print(&format!(
                "{file}: {} ({} rules, {} enabled, {} measures, {checked} examples checked, {failures} failed)",
                if failures == 0 {
                    "ok"
                } else {
                    "examples failed"
                },
                rules.rules.len(),
                rules.enabled().count(),
                rules.config.measures.len()
            ));
            Ok(exit_when(failures == 0))
        }
        RulesCommand::Docs { rules } => {
            let rules = load_rules(&rules)?;
            print(&credence::rules::docs::markdown(&rules));
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Init { force } => {
            let path = Path::new("credence.toml");
            if path.exists() && !force {
                return Err("credence.toml already exists (use --force to overwrite it)".into());
            }
            std::fs::write(path, credence::config::STARTER)
                .map_err(|e| format!("credence.toml: cannot write: {e}"))?;
            print(
                "wrote credence.toml: a commented starter; `credence rules check credence.toml` checks it",
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}
