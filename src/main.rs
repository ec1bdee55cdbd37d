//! The `credence` command line: its arguments, and the dispatch from each command to the
//! library's pipeline and renderers. Nothing here analyses or formats on its own.

use clap::builder::TypedValueParser;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use credence::config::Category;
use credence::ingest::Loaded;
use credence::report;
use credence::{Grouping, Pipeline, Report, RulesSource, ScoredArticle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc rather than the system allocator: the pipeline makes many small, short-lived
/// allocations per article (tokens, figures, findings), and on glibc their bookkeeping was a
/// tenth of all instructions of a run.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc's plain `malloc` for the alignments it always gives (16 bytes, which is every
/// allocation credence makes), its aligned entry points only beyond that: the aligned ones
/// look up the thread's heap and check the alignment on every call (about 2.5% of a batch
/// run's instructions).
struct Mimalloc;

/// The alignment every mimalloc block has.
const MIMALLOC_MIN_ALIGN: usize = 16;

/// A block of `layout` from `plain` (sized only) when mimalloc's own alignment is enough,
/// else from `aligned`.
#[inline(always)]
unsafe fn mimalloc_block(
    layout: std::alloc::Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: plain C calls with a size (and an alignment); null reports failure.
    unsafe {
        if layout.align() <= MIMALLOC_MIN_ALIGN {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: every block comes from mimalloc and goes back to it; a block from `mi_malloc`,
// `mi_zalloc` or `mi_realloc` is aligned to 16 bytes, so those are used only when the layout
// asks for no more, and the aligned functions otherwise.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see `mimalloc_block`.
        unsafe {
            mimalloc_block(
                layout,
                libmimalloc_sys::mi_malloc,
                libmimalloc_sys::mi_malloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see `mimalloc_block`.
        unsafe {
            mimalloc_block(
                layout,
                libmimalloc_sys::mi_zalloc,
                libmimalloc_sys::mi_zalloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from one of the allocation functions above.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment, which the new
        // block keeps.
        unsafe {
            if layout.align() <= MIMALLOC_MIN_ALIGN {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// Writes a line to stderr. A closed or full stderr is ignored: a diagnostic that cannot be
/// shown is no reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `say!` without the newline (the progress line).
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// Scores the reliability of news articles: unsupported specifics, internal
/// contradictions, figures that conflict with other outlets, and sourcing signals.
#[derive(Parser)]
#[command(name = "credence", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Tables as wide as their cells need, not fitted to the terminal (or to $COLUMNS).
    #[arg(long, global = true)]
    wide: bool,
    /// Write the output to FILE instead of standard output (messages still go to
    /// standard error).
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    output: Option<PathBuf>,
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
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Output format [default: table; jsonl with --stream].
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Only the first N articles in the chosen order (the N lowest-scoring by default),
        /// in every format.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Group articles without a `story` key into stories by text similarity and date
        /// (threshold in the rules' [stories] table) instead of by directory.
        #[arg(long)]
        cluster: bool,
        /// Order of the table and JSON.
        #[arg(long, value_enum)]
        sort: Option<SortKey>,
        /// Only articles scoring at least this.
        #[arg(long, value_name = "SCORE", value_parser = score_bound)]
        min_score: Option<f64>,
        /// Only articles scoring at most this.
        #[arg(long, value_name = "SCORE", value_parser = score_bound)]
        max_score: Option<f64>,
        /// Only articles with findings in this category.
        #[arg(long, value_parser = category_parser())]
        category: Option<Category>,
        /// Roll scores up per outlet instead of listing articles.
        #[arg(long, value_enum)]
        by: Option<ByKey>,
        /// Score a JSONL feed of any length in bounded memory: JSONL lines out, story by
        /// story (not sorted by score). Inputs are JSONL files or `-`. --min-score,
        /// --max-score and --category filter what is written; --top, --sort, --by and
        /// --cluster need the whole batch and are refused.
        #[arg(long)]
        stream: bool,
        /// With --stream, how many articles are read and scored at a time.
        #[arg(long, default_value_t = 20_000, value_name = "N")]
        batch: usize,
        /// Record every article's score in this history (an SQLite file, created if
        /// needed, or a postgres:// URL) for `credence history`.
        #[arg(long, value_name = "FILE|URL")]
        db: Option<String>,
    },
    /// Serve HTTP: articles posted to /v1/articles are scored against their story's recent
    /// articles and recorded in the history; scores, stories, outlets and trends are read
    /// back. Stops on SIGTERM or Ctrl-C once requests in flight are answered.
    Serve {
        /// The address to listen on (loopback by default; port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The history: an SQLite file (created if needed) or a postgres:// URL.
        #[arg(long, value_name = "FILE|URL", default_value = "credence.db")]
        db: String,
        #[command(flatten)]
        rules: RulesArgs,
        /// A file holding the bearer token every route but /healthz asks for.
        #[arg(long, value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// Larger request bodies are refused (413).
        #[arg(long, default_value_t = 16 << 20, value_name = "BYTES")]
        max_body_bytes: usize,
        /// More articles in one request are refused (413).
        #[arg(long, default_value_t = 1_000, value_name = "N")]
        max_articles: usize,
        /// A request that takes longer is answered 503.
        #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
        timeout: f64,
        /// A newcomer is scored with its story's articles received this many days before it.
        #[arg(long, default_value_t = 14, value_name = "DAYS")]
        window_days: i64,
    },
    /// Outlets' scores over time, from a history that `score --db` or `serve` recorded:
    /// per outlet, articles, the median score and its trend by week or day.
    History {
        /// The history: an SQLite file or a postgres:// URL.
        #[arg(long, value_name = "FILE|URL", default_value = "credence.db")]
        db: String,
        /// Only this outlet.
        #[arg(long)]
        outlet: Option<String>,
        /// Only this story.
        #[arg(long)]
        story: Option<String>,
        /// Only articles published (else scored) on or after this day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = iso_day)]
        since: Option<String>,
        /// The trend's periods.
        #[arg(long, value_enum, default_value_t = Period::Week)]
        per: Period,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Roll scores up per outlet: articles, a shrunken mean score with an interval, the
    /// most frequent reasons.
    Sources {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Group articles without a `story` key into stories by text similarity and date
        /// (threshold in the rules' [stories] table) instead of by directory.
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
    ///
    /// With --plant instead of labels: plant problems in clean real stories (PATHS) and
    /// report, per kind of problem, how often a finding reports it and how far the score
    /// drops, with the false alarms on the clean articles.
    Eval {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// CSV (`id,label`) or TOML (`[labels]`); labels reliable/unreliable or a grade 0–1.
        #[arg(long, value_name = "FILE", required_unless_present = "plant")]
        labels: Option<String>,
        /// Plant problems in the (clean) articles of PATHS and measure recall.
        #[arg(long, conflicts_with_all = ["labels", "baseline"])]
        plant: bool,
        /// With --plant: the generator's seed (the same seed plants the same problems).
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// With --plant: plantings of each kind.
        #[arg(long, default_value_t = 30, value_name = "N")]
        per_kind: usize,
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
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Group articles without a `story` key by text similarity and date.
        #[arg(long)]
        cluster: bool,
        /// jsonl: one `{"id", "story"}` line per article, the story it is compared in.
        #[arg(long, value_enum, default_value_t = StoriesFormat::Table)]
        format: StoriesFormat,
    },
    /// Show one article's findings on its text: the rule, the points, a caret under the
    /// span, the evidence, and a total that accounts for the score.
    ///
    /// With --corpus, the article is compared with those articles as one story (for
    /// corroboration and consensus); without, with the other articles of its own story in
    /// PATH's directory (that folder only, not its subfolders; at most 2,000 files).
    Explain {
        path: PathBuf,
        /// Other articles on the same story to compare with.
        #[arg(long, num_args = 1.., value_name = "PATH")]
        corpus: Vec<PathBuf>,
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
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// Print a completion script for a shell, to be sourced or saved where the shell looks
    /// (bash: ~/.local/share/bash-completion/completions/credence; zsh: a directory on
    /// $fpath as _credence; fish: ~/.config/fish/completions/credence.fish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) for credence and each command: `credence man > credence.1`.
    Man,
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
    /// One row per article (or outlet), for spreadsheets.
    Csv,
    /// One self-contained page for a browser: the ranked table (sortable, filterable),
    /// stories with their consensus figures, outlets, and each article's text with its
    /// findings highlighted.
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Period {
    Day,
    Week,
}

/// `--since`: a day as YYYY-MM-DD.
fn iso_day(s: &str) -> Result<String, String> {
    credence::date::Date::parse_iso(s)
        .map(|d| d.to_string())
        .ok_or_else(|| format!("`{s}` is not a day as YYYY-MM-DD"))
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

#[derive(Clone, Copy, ValueEnum)]
enum StoriesFormat {
    Table,
    Json,
    Jsonl,
}

impl RulesArgs {
    fn source(&self) -> RulesSource {
        RulesSource {
            files: self.files.clone(),
            local_config: !self.no_config,
        }
    }
}

/// `--cluster` as the library's grouping.
fn grouping(cluster: bool) -> Grouping {
    if cluster {
        Grouping::Cluster
    } else {
        Grouping::Directory
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    WIDE.store(cli.wide, std::sync::atomic::Ordering::Relaxed);
    if let Some(path) = &cli.output {
        let _ = OUTPUT_PATH.set(path.clone());
    }
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            say!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes the output. A reader that closed the pipe (`| head`) ends the run quietly; any
/// other failure (a full disk, `> /dev/full`) is an error, so nothing is lost unnoticed.
fn print(out: &str) -> Result<(), String> {
    let mut sink = output()?;
    let written = sink
        .write_all(out.as_bytes())
        .and_then(|()| {
            if out.ends_with('\n') {
                Ok(())
            } else {
                sink.write_all(b"\n")
            }
        })
        .and_then(|()| sink.flush());
    output_result(written)
}

/// The file of `--output`, when given.
static OUTPUT_PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
/// Whether the `--output` file was opened (and emptied) by an earlier write of this run.
static OUTPUT_OPENED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Where the output goes: standard output, or the `--output` file, emptied at the run's
/// first write and appended to by the later ones.
fn output() -> Result<Box<dyn Write>, String> {
    let Some(path) = OUTPUT_PATH.get() else {
        return Ok(Box::new(std::io::stdout().lock()));
    };
    let first = !OUTPUT_OPENED.swap(true, std::sync::atomic::Ordering::Relaxed);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(first)
        .append(!first)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(Box::new(std::io::BufWriter::with_capacity(1 << 16, file)))
}

/// Whether the output is a terminal (not when it goes to a file or a pipe).
fn output_is_terminal() -> bool {
    OUTPUT_PATH.get().is_none() && std::io::stdout().is_terminal()
}

/// A write's outcome as the run's: a closed pipe is success, anything else an error.
fn output_result(written: std::io::Result<()>) -> Result<(), String> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(()),
    }
}

fn report_errors(loaded: &Loaded) {
    for w in &loaded.warnings {
        say!("warning: {}", report::printable(&w.to_string()));
    }
    for e in &loaded.errors {
        say!("error: {}", report::printable(&e.to_string()));
    }
}

/// The rules and the inputs, unreadable inputs reported on stderr.
fn load(args: &RulesArgs, paths: &[PathBuf]) -> Result<(Pipeline, Loaded), String> {
    stdin_at_most_once(paths)?;
    let (pipeline, loaded) = Pipeline::load_with_inputs(&args.source(), paths)?;
    report_errors(&loaded);
    Ok((pipeline, loaded))
}

/// A score bound: a number from 0 to 100 (NaN would match nothing, silently).
fn score_bound(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("\"{s}\" is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is no score: give a number from 0 to 100"))
    }
}

/// Standard input can be read once: `-` given twice would score its records once and report
/// the second reading as empty.
fn stdin_at_most_once(paths: &[PathBuf]) -> Result<(), String> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err("`-` (standard input) is given more than once".into());
    }
    Ok(())
}

/// Scores what was read, with a progress line on a terminal for long runs.
fn score_loaded(pipeline: &Pipeline, loaded: Loaded, cluster: bool) -> Report {
    let tally = std::sync::Arc::new(credence::Tally::default());
    let progress = Progress::start(Some(loaded.articles.len()), tally.clone());
    let report = pipeline.run_counted(loaded, grouping(cluster), &tally);
    progress.finish();
    report
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

fn sort_articles(articles: &mut [ScoredArticle], key: SortKey) {
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

fn color() -> bool {
    report::use_color(output_is_terminal())
}

/// Set once from `--wide`: tables are then drawn as wide as their cells need.
static WIDE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The width to fit tables to: $COLUMNS when set, else the terminal's when the output is a
/// terminal, else none (a file or a pipe gets the whole table).
fn output_width() -> Option<usize> {
    // A file gets the whole table, as a pipe does.
    if WIDE.load(std::sync::atomic::Ordering::Relaxed) || OUTPUT_PATH.get().is_some() {
        return None;
    }
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return Some(columns);
    }
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    // A pseudo-terminal nobody sized reports 0 columns: that is no width.
    terminal_size::terminal_size_of(&stdout)
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .filter(|&w| w > 0)
}

fn layout(format: Format) -> report::Layout {
    let markdown = format == Format::Markdown;
    report::Layout {
        color: !markdown && color(),
        markdown,
        width: if markdown { None } else { output_width() },
    }
}

fn render_report(
    report: &Report,
    format: Format,
    top: Option<usize>,
    started: Instant,
) -> Result<(), String> {
    let seconds = started.elapsed().as_secs_f64();
    match format {
        Format::Json | Format::Jsonl => {
            if format == Format::Json {
                print(&report::to_json(report))?;
            } else {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, output()?);
                output_result(report::write_jsonl(report, &mut out).and_then(|()| out.flush()))?;
            }
            say!("{}", report::summary_line(report, seconds));
            Ok(())
        }
        Format::Table | Format::Markdown => {
            print(&report::score_table(report, top, layout(format), seconds))
        }
        // The page needs the articles' texts: `render_html` draws it.
        Format::Html => unreachable!("an HTML report is drawn by render_html"),
        Format::Csv => {
            print(&report::score_csv(report))?;
            say!("{}", report::summary_line(report, seconds));
            Ok(())
        }
    }
}

fn render_outlets(
    outlets: &[credence::outlets::OutletSummary],
    min_sample: usize,
    format: Format,
    report: &Report,
) -> Result<(), String> {
    match format {
        Format::Json => print(&report::outlets_json(outlets, &report.errors)),
        Format::Jsonl => print(&report::outlets_jsonl(outlets, &report.errors)),
        Format::Csv => print(&report::outlets_csv(outlets)),
        Format::Html => unreachable!("an HTML report is drawn by render_html"),
        Format::Table | Format::Markdown => {
            print(&report::outlets_table(outlets, min_sample, layout(format)))
        }
    }
}

/// The run as one HTML page: scored with the articles' texts kept, the articles chosen and
/// ordered by `select` (as in every format), the outlets rolled up from those.
fn render_html(
    pipeline: &Pipeline,
    rules: &RulesArgs,
    loaded: Loaded,
    cluster: bool,
    select: impl Fn(&mut Vec<ScoredArticle>),
    min_sample: usize,
    history: Option<Box<dyn credence::history::Store>>,
) -> Result<ExitCode, String> {
    let started = Instant::now();
    let tally = std::sync::Arc::new(credence::Tally::default());
    let progress = Progress::start(Some(loaded.articles.len()), tally.clone());
    let mut detailed = pipeline.run_detailed(loaded, grouping(cluster), &tally);
    progress.finish();
    // With a history, each outlet's trend comes from it, this run's scores included.
    let trends = match history {
        Some(mut store) => {
            record_scores(store.as_mut(), pipeline, &detailed.report.articles)?;
            let records = store
                .records(&credence::history::Filter::default())
                .map_err(|e| format!("cannot read the history: {e}"))?;
            credence::history::trends(&records, credence::history::Bucket::Week)
        }
        None => Vec::new(),
    };
    select(&mut detailed.report.articles);
    let report = &detailed.report;
    let scoring = &pipeline.rules().config.scoring;
    let outlets = credence::outlets::rollup(&report.articles, min_sample, |s| {
        scoring.level(s).to_string()
    });
    let stories: std::collections::BTreeSet<&str> =
        report.articles.iter().map(|a| a.story.as_str()).collect();
    let rules_used = if rules.files.is_empty() {
        "the embedded default rules".to_string()
    } else {
        format!("the embedded default rules with {}", rules.files.join(", "))
    };
    let subtitle = format!(
        "{}, {}, {} not scored; scored with {rules_used}",
        report::counted(report.articles.len(), "article"),
        report::counted(stories.len(), "story"),
        report::counted(report.errors.len(), "input"),
    );
    let page = report::HtmlPage {
        report,
        texts: &detailed.texts,
        outlets: &outlets,
        min_sample,
        trends: &trends,
        subtitle,
    };
    print(&report::score_html(&page, &nonce()))?;
    say!(
        "{}",
        report::summary_line(report, started.elapsed().as_secs_f64())
    );
    Ok(exit_for(&report.errors))
}

fn open_history(target: &str) -> Result<Box<dyn credence::history::Store>, String> {
    credence::history::open(target).map_err(|e| format!("cannot open the history: {e}"))
}

/// Records every scored article in the history, with the time and the rules' version.
fn record_scores(
    store: &mut dyn credence::history::Store,
    pipeline: &Pipeline,
    articles: &[ScoredArticle],
) -> Result<(), String> {
    let now = credence::history::now_utc();
    let version = pipeline.rules().config.version();
    let records: Vec<credence::history::Record> = articles
        .iter()
        .map(|a| credence::history::Record::of(a, &now, &version))
        .collect();
    store
        .commit(&[], &records)
        .map_err(|e| format!("cannot record the scores: {e}"))?;
    say!(
        "recorded {} in the history",
        report::counted(records.len(), "score")
    );
    Ok(())
}

/// `credence history`: the recorded scores rolled up per outlet over time.
fn run_history(
    db: &str,
    filter: credence::history::Filter,
    per: Period,
    format: Format,
) -> Result<ExitCode, String> {
    let is_url = db.starts_with("postgres://") || db.starts_with("postgresql://");
    if !is_url && !Path::new(db).exists() {
        return Err(format!(
            "no history at {db}: record scores with `credence score … --db {db}` or `credence serve --db {db}`"
        ));
    }
    let mut store = open_history(db)?;
    let records = store
        .records(&filter)
        .map_err(|e| format!("cannot read the history: {e}"))?;
    let bucket = match per {
        Period::Day => credence::history::Bucket::Day,
        Period::Week => credence::history::Bucket::Week,
    };
    let trends = credence::history::trends(&records, bucket);
    match format {
        Format::Table | Format::Markdown => {
            print(&report::history_table(&trends, format == Format::Markdown))?
        }
        Format::Json => print(&report::history_json(&trends))?,
        Format::Jsonl => {
            let lines: Vec<String> = trends
                .iter()
                .map(|t| serde_json::to_string(t).unwrap_or_default())
                .collect();
            print(&lines.join("\n"))?
        }
        Format::Csv => print(&report::history_csv(&trends))?,
        Format::Html => {
            return Err(
                "history has no HTML view: give --format table, markdown, json, jsonl or csv"
                    .into(),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A fresh value no article author can predict, for the page's content security policy:
/// only a script carrying it runs.
fn nonce() -> String {
    use std::hash::BuildHasher;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let a = std::collections::hash_map::RandomState::new().hash_one(seed);
    let b = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
    format!("{a:016x}{b:016x}")
}

/// A progress line on stderr for runs longer than half a second, only on a terminal:
/// articles analysed and scored of the total, the rate and the time left. Nothing when
/// stderr is a pipe or a file.
struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// `total` articles, or `None` when they are known only once the input is read (a
    /// stream: the records read by the time analysis starts).
    fn start(total: Option<usize>, tally: std::sync::Arc<credence::Tally>) -> Progress {
        use std::sync::atomic::Ordering::Relaxed;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let show = std::io::stderr().is_terminal();
        let handle = show.then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut drawn = false;
                while !done.load(Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(250));
                    let elapsed = started.elapsed().as_secs_f64();
                    if elapsed < 0.5 || done.load(Relaxed) {
                        continue;
                    }
                    let (read, analysed, scored) = (
                        tally.read.load(Relaxed),
                        tally.analysed.load(Relaxed),
                        tally.scored.load(Relaxed),
                    );
                    let line = report::progress_line(total, read, analysed, scored, elapsed);
                    say_raw!("\r\x1b[K{line}");
                    drawn = true;
                }
                if drawn {
                    say_raw!("\r\x1b[K");
                }
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
            db,
        } => {
            let keep = move |a: &ScoredArticle| {
                min_score.is_none_or(|m| a.score >= m)
                    && max_score.is_none_or(|m| a.score <= m)
                    && category.is_none_or(|c| a.count(c) > 0)
            };
            if stream {
                if format.is_some_and(|f| f != Format::Jsonl) {
                    return Err("--stream writes JSONL: leave out --format or give jsonl".into());
                }
                let whole_batch = [
                    (top.is_some(), "--top"),
                    (sort.is_some(), "--sort"),
                    (by.is_some(), "--by"),
                    (cluster, "--cluster"),
                ];
                if let Some((_, flag)) = whole_batch.iter().find(|(given, _)| *given) {
                    return Err(format!(
                        "{flag} needs the whole batch, and --stream writes each story as it is scored: leave out --stream, or filter its output"
                    ));
                }
                return run_stream(
                    &Pipeline::load(&rules.source())?,
                    &paths,
                    batch,
                    &keep,
                    db.as_deref(),
                );
            }
            let format = format.unwrap_or(Format::Table);
            let sort = sort.unwrap_or(SortKey::Score);
            // The same articles in every format.
            let select = |articles: &mut Vec<ScoredArticle>| {
                articles.retain(keep);
                sort_articles(articles, sort);
                if let Some(n) = top {
                    articles.truncate(n);
                }
            };
            let started = Instant::now();
            let (pipeline, loaded) = load(&rules, &paths)?;
            // The history is opened before scoring: a bad --db fails fast.
            let mut history = db.as_deref().map(open_history).transpose()?;
            if format == Format::Html {
                return render_html(&pipeline, &rules, loaded, cluster, select, 3, history);
            }
            let mut batch = score_loaded(&pipeline, loaded, cluster);
            if let Some(store) = history.as_mut() {
                record_scores(store.as_mut(), &pipeline, &batch.articles)?;
            }
            // The scored articles move into the report: a copy of a large batch's findings
            // is a serial pass that two cores cannot share.
            let mut articles = std::mem::take(&mut batch.articles);
            select(&mut articles);
            let scoring = &pipeline.rules().config.scoring;
            if by == Some(ByKey::Source) {
                let outlets =
                    credence::outlets::rollup(&articles, 3, |s| scoring.level(s).to_string());
                render_outlets(&outlets, 3, format, &batch)?;
                Ok(exit_for(&batch.errors))
            } else {
                let report = Report { articles, ..batch };
                render_report(&report, format, None, started)?;
                let code = exit_for(&report.errors);
                // The process is about to end and the system takes its memory back at once;
                // freeing a large report piece by piece would only delay the exit.
                std::mem::forget(report);
                Ok(code)
            }
        }
        Command::Sources {
            paths,
            rules,
            cluster,
            min_sample,
            format,
        } => {
            let (pipeline, loaded) = load(&rules, &paths)?;
            if format == Format::Html {
                return render_html(&pipeline, &rules, loaded, cluster, |_| {}, min_sample, None);
            }
            let batch = score_loaded(&pipeline, loaded, cluster);
            let scoring = &pipeline.rules().config.scoring;
            let outlets = credence::outlets::rollup(&batch.articles, min_sample, |s| {
                scoring.level(s).to_string()
            });
            render_outlets(&outlets, min_sample, format, &batch)?;
            Ok(exit_for(&batch.errors))
        }
        Command::Extract {
            paths,
            rules,
            format,
        } => {
            let (pipeline, loaded) = load(&rules, &paths)?;
            let ExtractFormat::Json = format;
            let analysed: Vec<_> = loaded
                .articles
                .iter()
                .map(|a| (a, pipeline.rules().analyse(a)))
                .collect();
            print(&report::extract_json(&analysed, &loaded.errors))?;
            Ok(exit_for(&loaded.errors))
        }
        Command::Stories {
            paths,
            rules,
            cluster,
            format,
        } => {
            let (pipeline, loaded) = load(&rules, &paths)?;
            let analyses = pipeline.analyse(&loaded.articles);
            let grouping = grouping(cluster);
            let stories = pipeline.stories(&loaded.articles, &analyses, grouping);
            let summaries = pipeline.summaries(&loaded.articles, &analyses, &stories);
            match format {
                StoriesFormat::Json => print(&report::stories_json(&summaries, &loaded.errors)),
                StoriesFormat::Jsonl => print(&report::stories_jsonl(&summaries, &loaded.errors)),
                StoriesFormat::Table => print(&report::render_stories(&summaries)),
            }?;
            Ok(exit_for(&loaded.errors))
        }
        Command::Explain {
            path,
            corpus,
            id,
            rules,
            format,
        } => {
            let pipeline = Pipeline::load(&rules.source())?;
            let explained = pipeline.explain(&path, &corpus, id.as_deref())?;
            for w in &explained.warnings {
                say!("warning: {w}");
            }
            for e in &explained.errors {
                say!("error: {e}");
            }
            match format {
                ListFormat::Json => {
                    let shown: Vec<&ScoredArticle> =
                        explained.articles.iter().map(|(s, _)| s).collect();
                    print(&report::explain_json(&shown, &explained.errors))?;
                }
                ListFormat::Table => {
                    for (scored, text) in &explained.articles {
                        print(&report::render_explain(
                            scored,
                            text,
                            color(),
                            output_width(),
                        ))?;
                    }
                }
            }
            Ok(exit_for(&explained.target_errors))
        }
        Command::Eval {
            paths,
            labels,
            plant,
            seed,
            per_kind,
            baseline,
            rules,
            format,
        } => match labels {
            Some(labels) if !plant => {
                run_eval(&paths, &labels, baseline.as_deref(), &rules, format)
            }
            _ => {
                let (pipeline, loaded) = load(&rules, &paths)?;
                let options = credence::plant::PlantOptions { seed, per_kind };
                let planted =
                    credence::plant::plant_and_score(&pipeline, &loaded.articles, options);
                let clean = pipeline.run(loaded, Grouping::Directory);
                let alarms = credence::plant::false_alarms(&clean.articles);
                match format {
                    ListFormat::Json => {
                        print(&report::plant_json(&planted, &alarms, &clean.errors))
                    }
                    ListFormat::Table => print(&report::plant_table(&planted, &alarms)),
                }?;
                Ok(exit_for(&clean.errors))
            }
        },
        Command::Rules { command } => run_rules(command),
        Command::Serve {
            addr,
            db,
            rules,
            token_file,
            max_body_bytes,
            max_articles,
            timeout,
            window_days,
        } => {
            let token = match token_file {
                Some(path) => {
                    let token = std::fs::read_to_string(&path)
                        .map_err(|e| format!("{}: cannot read the token: {e}", path.display()))?;
                    let token = token.trim().to_string();
                    if token.is_empty() {
                        return Err(format!("{}: the token file is empty", path.display()));
                    }
                    Some(token)
                }
                None => None,
            };
            if !(timeout.is_finite() && timeout > 0.0) {
                return Err("--timeout must be a positive number of seconds".into());
            }
            let pipeline = Pipeline::load(&rules.source())?;
            let store = open_history(&db)?;
            let options = credence::service::ServeOptions {
                addr,
                token,
                max_body_bytes,
                timeout: std::time::Duration::from_secs_f64(timeout),
                ingest: credence::service::ingest::IngestOptions {
                    max_articles,
                    window_days,
                    ..Default::default()
                },
            };
            let version = pipeline.rules().config.version();
            credence::service::serve(pipeline, store, options, |bound| {
                say!("listening on http://{bound} (history {db}, rules {version})");
            })
            .map_err(|e| format!("cannot serve on {addr}: {e}"))?;
            say!("stopped");
            Ok(ExitCode::SUCCESS)
        }
        Command::History {
            db,
            outlet,
            story,
            since,
            per,
            format,
        } => run_history(
            &db,
            credence::history::Filter {
                outlet,
                story,
                article_id: None,
                since,
            },
            per,
            format,
        ),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "credence", &mut script);
            print(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            let command = Cli::command();
            clap_mangen::Man::new(command.clone())
                .render(&mut page)
                .map_err(|e| format!("cannot render the manual: {e}"))?;
            // Each command's own page follows, as `credence-score(1)` and so on.
            for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
                let name = format!("credence-{}", sub.get_name());
                let sub = sub
                    .clone()
                    .display_name(name.clone())
                    .bin_name(name)
                    .version(env!("CARGO_PKG_VERSION"));
                clap_mangen::Man::new(sub)
                    .render(&mut page)
                    .map_err(|e| format!("cannot render the manual: {e}"))?;
            }
            print(&String::from_utf8_lossy(&page))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `score --stream`: JSONL in, JSONL out, a batch of stories at a time.
fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

fn run_stream(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    batch: usize,
    keep: &(dyn Fn(&ScoredArticle) -> bool + Sync),
    db: Option<&str>,
) -> Result<ExitCode, String> {
    stdin_at_most_once(paths)?;
    let mut history = db.map(open_history).transpose()?;
    let now = credence::history::now_utc();
    let version = pipeline.rules().config.version();
    let mut recorded = 0;
    // Each batch's scores are committed as it is scored: a long feed is recorded as it goes.
    let mut record = |scored: &[ScoredArticle]| -> std::io::Result<()> {
        if let Some(store) = history.as_mut() {
            let records: Vec<credence::history::Record> = scored
                .iter()
                .map(|a| credence::history::Record::of(a, &now, &version))
                .collect();
            store
                .commit(&[], &records)
                .map_err(|e| std::io::Error::other(format!("cannot record the scores: {e}")))?;
            recorded += records.len();
        }
        Ok(())
    };
    let started = Instant::now();
    let mut files = Vec::new();
    let mut shown = Vec::new();
    let mut refused = Vec::new();
    // Kept open (and so on disk) until the feed is scored.
    let mut _spool = None;
    for p in paths {
        let name = p.to_string_lossy();
        if is_stdin(p) {
            // Standard input is read twice (index, then stories): spooled to a private
            // temporary file, which no exit path leaves behind.
            let (path, file) = spool_stdin()?;
            files.push(path);
            shown.push("-".to_string());
            _spool = Some(file);
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            files.push(p.clone());
            shown.push(name.into_owned());
        } else {
            // Not scored, and said so; the other inputs still are.
            refused.push(credence::InputError {
                path: name.into_owned(),
                line: None,
                message: "--stream reads JSONL files (.jsonl, .ndjson) or `-`".into(),
            });
        }
    }
    let mut out = std::io::BufWriter::new(output()?);
    let tally = std::sync::Arc::new(credence::Tally::default());
    let progress = Progress::start(None, tally.clone());
    let scored = credence::score_jsonl_files(
        pipeline,
        &files,
        &shown,
        batch,
        credence::StreamHooks {
            keep,
            scored_batch: &mut record,
        },
        &tally,
        &mut out,
    );
    progress.finish();
    let result = scored.and_then(|mut summary| {
        for e in refused {
            serde_json::to_writer(&mut out, &serde_json::json!({ "error": e }))?;
            out.write_all(b"\n")?;
            summary.errors.push(e);
        }
        out.flush().map(|()| summary)
    });
    let summary = match result {
        Ok(summary) => summary,
        // A reader that closed the pipe has all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(format!("scoring the feed: {e}")),
    };
    for w in &summary.warnings {
        say!("warning: {}", report::printable(&w.to_string()));
    }
    for e in &summary.errors {
        say!("error: {}", report::printable(&e.to_string()));
    }
    let written = if summary.written < summary.articles {
        format!(" ({} written)", summary.written)
    } else {
        String::new()
    };
    say!(
        "{}{written}, {}, {}, {:.2} s (streamed)",
        report::counted(summary.articles, "article"),
        report::counted(summary.stories, "story"),
        report::counted(summary.errors.len(), "error"),
        started.elapsed().as_secs_f64()
    );
    if db.is_some() {
        say!(
            "recorded {} in the history",
            report::counted(recorded, "score")
        );
    }
    Ok(exit_for(&summary.errors))
}

/// Copies standard input to a temporary file only this process can read, and returns a
/// path to read it by. On Linux the file has no name at all (it is gone however the run
/// ends, even when interrupted) and is read through `/proc/self/fd`; elsewhere it is a
/// uniquely named file created without following links and removed when dropped.
fn spool_stdin() -> Result<(std::path::PathBuf, Spool), String> {
    let fail = |e: std::io::Error| format!("cannot spool standard input: {e}");
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let mut file = tempfile::tempfile().map_err(fail)?;
        std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(fail)?;
        let path = std::path::PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        if path.exists() {
            return Ok((path, Spool::Unnamed(file)));
        }
    }
    let mut named = tempfile::NamedTempFile::new().map_err(fail)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut named).map_err(fail)?;
    Ok((named.path().to_path_buf(), Spool::Named(named)))
}

/// Standard input spooled for `--stream`, held until the feed is scored.
enum Spool {
    #[cfg(target_os = "linux")]
    Unnamed(#[allow(dead_code)] std::fs::File),
    Named(#[allow(dead_code)] tempfile::NamedTempFile),
}

fn run_eval(
    paths: &[PathBuf],
    labels_path: &str,
    baseline: Option<&str>,
    rules: &RulesArgs,
    format: ListFormat,
) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(labels_path)
        .map_err(|e| format!("{labels_path}: cannot read labels: {e}"))?;
    let labels = credence::eval::Labels::parse(labels_path, &text)?;
    let (candidate_rules, loaded) = load(rules, paths)?;
    let candidate = candidate_rules.run(loaded, Grouping::Directory);
    let report = credence::eval::evaluate(&candidate.articles, &labels);
    let base = match baseline {
        Some(path) => {
            let base = Pipeline::load(&RulesSource::files(&[path.to_string()]))?;
            let loaded = base.read(paths);
            report_errors(&loaded);
            let batch = base.run(loaded, Grouping::Directory);
            let shifts = credence::eval::rank_shifts(&batch.articles, &candidate.articles);
            Some((credence::eval::evaluate(&batch.articles, &labels), shifts))
        }
        None => None,
    };
    let base = base.as_ref().map(|(r, s)| (r, s.as_slice()));
    match format {
        ListFormat::Json => print(&report::eval_json(&report, base, &candidate.errors)),
        ListFormat::Table => print(&report::render_eval(&report, base)),
    }?;
    Ok(exit_for(&candidate.errors))
}

fn run_rules(command: RulesCommand) -> Result<ExitCode, String> {
    match command {
        RulesCommand::List { rules, format } => {
            let pipeline = Pipeline::load(&rules.source())?;
            match format {
                ListFormat::Json => print(&report::rules_json(pipeline.rules())),
                ListFormat::Table => print(&report::rules_table(pipeline.rules())),
            }?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Show { id, rules, format } => {
            let pipeline = Pipeline::load(&rules.source())?;
            let Some(rule) = pipeline.rules().rule(&id) else {
                return Err(format!(
                    "no rule with code or name \"{id}\" (see `credence rules list`)"
                ));
            };
            match format {
                ListFormat::Json => print(&report::rule_json(rule)),
                ListFormat::Table => print(&report::rule_text(rule)),
            }?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Check { file } => {
            let pipeline = Pipeline::load(&RulesSource::files(std::slice::from_ref(&file)))?;
            let rules = pipeline.rules();
            // Other languages' cue lists compile when first needed; a check compiles them now.
            rules
                .analyser
                .extractor
                .check_languages()
                .map_err(|e| e.to_string())?;
            // The worked examples of every rule this file defines or changes.
            let check = rules.check_examples(&file);
            for f in &check.failures {
                say!(
                    "error: {file}:{}:{}: rule {}: example {} expects {} hit(s), got {}",
                    f.line,
                    f.column,
                    f.code,
                    f.example,
                    f.expected,
                    f.got
                );
            }
            let failures = check.failures.len();
            print(&format!(
                "{file}: {} ({} rules, {} enabled, {} measures, {} languages besides English, {} examples checked, {failures} failed)",
                if failures == 0 {
                    "ok"
                } else {
                    "examples failed"
                },
                rules.rules.len(),
                rules.enabled().count(),
                rules.config.measures.len(),
                rules.config.languages.len(),
                check.checked,
            ))?;
            // Failing examples are an error in the rules file, like any other.
            Ok(if failures == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        RulesCommand::Docs { rules } => {
            let pipeline = Pipeline::load(&rules.source())?;
            print(&report::rule_docs::markdown(pipeline.rules()))?;
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
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
