//! The command line's arguments: every command, its flags and their values, as clap reads
//! them. What each value means is decided by the command that takes it.

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};
use credence::config::Category;
use std::path::PathBuf;

/// Scores the reliability of news articles: unsupported specifics, internal
/// contradictions, figures that conflict with other outlets, and sourcing signals.
#[derive(Parser)]
#[command(name = "credence", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Tables as wide as their cells need, not fitted to the terminal (or to $COLUMNS).
    #[arg(long, global = true)]
    pub wide: bool,
    /// Write the output to FILE instead of standard output (messages still go to
    /// standard error).
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Score articles and rank them, lowest score first.
    ///
    /// PATHS are files (.txt, .md, .json, .jsonl), directories (read recursively) or `-`
    /// for JSONL on standard input. Articles are compared with the others on their story
    /// (their `story` key, else their directory). Exit code 0: all inputs scored; 1: some
    /// inputs could not be read (the rest are scored and the failures listed); 2: bad
    /// usage or bad rules.
    Score(ScoreArgs),
    /// Serve HTTP: articles posted to /v1/articles are scored against their story's recent
    /// articles and recorded in the history; scores, stories, outlets and trends are read
    /// back. Stops on SIGTERM or Ctrl-C once requests in flight are answered.
    Serve(ServeArgs),
    /// Outlets' scores over time, from a history that `score --db` or `serve` recorded:
    /// per outlet, articles, the median score and its trend by week or day.
    History(HistoryArgs),
    /// Roll scores up per outlet: articles, a shrunken mean score with an interval, the
    /// most frequent reasons.
    Sources(SourcesArgs),
    /// Score labelled articles and report how well scores separate the labels (ROC AUC,
    /// Spearman) and, per rule, its hits on reliable and unreliable articles (its lift).
    ///
    /// With --baseline, also score with OTHER (the embedded default plus OTHER) and show how
    /// AUC and ranks shift: the way to review a rule change.
    ///
    /// With --plant instead of labels: plant problems in clean real stories (PATHS) and
    /// report, per kind of problem, how often a finding reports it and how far the score
    /// drops, with the false alarms on the clean articles.
    Eval(EvalArgs),
    /// Fit rule weights to a desk's own labels and write them as a rules file.
    ///
    /// Reads articles and labels as `eval` does. Each enabled rule's weight is fitted by
    /// L2-regularised logistic regression on the score's own loss (none below 0, each held
    /// toward the weight in force). Prints on standard error the k-fold out-of-fold ROC AUC
    /// of the weights in force and of fitted ones with 95% intervals, the in-sample AUC of
    /// the weights written, and the weights that changed; writes the rules file (for
    /// `score --rules FILE`) to standard output or -o FILE. Needs at least 30 labelled
    /// articles of each class (exit code 2 otherwise).
    Tune(TuneArgs),
    /// Show the stories articles are compared in, with the consensus figures of each.
    Stories(StoriesArgs),
    /// Show one article's findings on its text: the rule, the points, a caret under the
    /// span, the evidence, and a total that accounts for the score.
    ///
    /// With --corpus, the article is compared with those articles as one story (for
    /// corroboration and consensus); without, with the other articles of its own story in
    /// PATH's directory (that folder only, not its subfolders; at most 2,000 files).
    Explain(ExplainArgs),
    /// Print the figures found in each article, with their kind, unit, measure and position.
    Extract(ExtractArgs),
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

#[derive(clap::Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Output format [default: table; jsonl with --stream].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only the first N articles in the chosen order (the N lowest-scoring by default),
    /// in every format.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Group articles without a `story` key into stories by text similarity and date
    /// (threshold in the rules' [stories] table) instead of by directory.
    #[arg(long)]
    pub cluster: bool,
    /// Order of the table and JSON.
    #[arg(long, value_enum)]
    pub sort: Option<SortKey>,
    /// Only articles scoring at least this.
    #[arg(long, value_name = "SCORE", value_parser = score_bound)]
    pub min_score: Option<f64>,
    /// Only articles scoring at most this.
    #[arg(long, value_name = "SCORE", value_parser = score_bound)]
    pub max_score: Option<f64>,
    /// Only articles with findings in this category.
    #[arg(long, value_parser = category_parser())]
    pub category: Option<Category>,
    /// Roll scores up per outlet instead of listing articles.
    #[arg(long, value_enum)]
    pub by: Option<ByKey>,
    /// Score a JSONL feed of any length in bounded memory: JSONL lines out, story by
    /// story (not sorted by score). Inputs are JSONL files or `-`. --min-score,
    /// --max-score and --category filter what is written; --top, --sort, --by and
    /// --cluster need the whole batch and are refused.
    #[arg(long)]
    pub stream: bool,
    /// With --stream, how many articles are read and scored at a time.
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub batch: usize,
    /// Record every article's score in this history (an SQLite file, created if
    /// needed, or a postgres:// URL) for `credence history`.
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<String>,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (loopback by default; port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// The history: an SQLite file (created if needed) or a postgres:// URL.
    #[arg(long, value_name = "FILE|URL", default_value = "credence.db")]
    pub db: String,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// A file holding the bearer token every route but /healthz asks for. Required unless
    /// --no-auth is given.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Ask no token: anyone who can reach the address may write. Allowed only on a loopback
    /// address.
    #[arg(long)]
    pub no_auth: bool,
    /// A host name clients may address the service by (its Host header), beyond loopback
    /// names and the address bound. Repeatable.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// A web origin (scheme://host[:port]) whose pages may call the service; requests from
    /// any other origin are refused (403). Repeatable; `*` admits every origin.
    #[arg(long, value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// Connections served at once; further clients wait to be accepted.
    #[arg(long, default_value_t = 1024, value_name = "N")]
    pub max_connections: usize,
    /// A connection must send a request's head (line and headers) within this.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub header_timeout: f64,
    /// A post's body must arrive within this (else 408).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub body_timeout: f64,
    /// On SIGTERM, answers in flight have this long to finish before the process exits.
    #[arg(long, default_value_t = 1.5, value_name = "SECONDS")]
    pub shutdown_grace: f64,
    /// About how much memory the kept articles' analyses may take (bytes, or with K, M or
    /// G); past it the oldest are dropped (and read back from the history when needed).
    #[arg(long, default_value = "1G", value_name = "SIZE", value_parser = byte_size)]
    pub memory_limit: usize,
    /// How failures (answers of 500 and over) are logged on stderr.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Larger request bodies are refused (413).
    #[arg(long, default_value_t = 16 << 20, value_name = "BYTES")]
    pub max_body_bytes: usize,
    /// More articles in one request are refused (413).
    #[arg(long, default_value_t = 1_000, value_name = "N")]
    pub max_articles: usize,
    /// A request that takes longer is answered 503.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// A newcomer is scored with its story's articles received this many days before it.
    #[arg(long, default_value_t = 14, value_name = "DAYS")]
    pub window_days: i64,
}

/// How the service logs its failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// A size in bytes: a number, with an optional K, M or G (powers of 1024).
fn byte_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let (number, unit) = match s.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => (&s[..at], s[at..].to_ascii_uppercase()),
        None => (s, String::new()),
    };
    let shift = match unit.trim_end_matches('B') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => {
            return Err(format!(
                "{s:?} is not a size: a number of bytes, or with K, M or G"
            ));
        }
    };
    let n: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size: a number of bytes, or with K, M or G"))?;
    if !(n.is_finite() && n >= 0.0) {
        return Err(format!("{s:?} is not a size"));
    }
    Ok((n * (1u64 << shift) as f64) as usize)
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    /// The history: an SQLite file or a postgres:// URL.
    #[arg(long, value_name = "FILE|URL", default_value = "credence.db")]
    pub db: String,
    /// Only this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only articles published (else scored) on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = iso_day)]
    pub since: Option<String>,
    /// The trend's periods.
    #[arg(long, value_enum, default_value_t = Period::Week)]
    pub per: Period,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(clap::Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Group articles without a `story` key into stories by text similarity and date
    /// (threshold in the rules' [stories] table) instead of by directory.
    #[arg(long)]
    pub cluster: bool,
    /// Outlets with fewer articles get no level.
    #[arg(long, default_value_t = super::outlets::MIN_SAMPLE)]
    pub min_sample: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV (`id,label`) or TOML (`[labels]`); labels reliable/unreliable or a grade 0–1.
    #[arg(long, value_name = "FILE", required_unless_present = "plant")]
    pub labels: Option<String>,
    /// Plant problems in the (clean) articles of PATHS and measure recall.
    #[arg(long, conflicts_with_all = ["labels", "baseline"])]
    pub plant: bool,
    /// With --plant: the generator's seed (the same seed plants the same problems).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// With --plant: plantings of each kind.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub per_kind: usize,
    /// Rules to compare against.
    #[arg(long, value_name = "OTHER_RULES.toml")]
    pub baseline: Option<String>,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(clap::Args)]
pub struct TuneArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV (`id,label`) or TOML (`[labels]`); labels reliable/unreliable or a grade 0–1
    /// (below 0.5 counts as unreliable).
    #[arg(long, value_name = "FILE")]
    pub labels: String,
    /// Folds of the cross-validation.
    #[arg(long, default_value_t = credence::tune::DEFAULT_FOLDS, value_name = "K")]
    pub folds: usize,
    /// Strength of the L2 penalty that holds each weight toward the one in force.
    #[arg(long, default_value_t = credence::tune::DEFAULT_L2, value_name = "LAMBDA")]
    pub l2: f64,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Group articles without a `story` key by text similarity and date.
    #[arg(long)]
    pub cluster: bool,
    /// jsonl: one `{"id", "story"}` line per article, the story it is compared in.
    #[arg(long, value_enum, default_value_t = StoriesFormat::Table)]
    pub format: StoriesFormat,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    pub path: PathBuf,
    /// Other articles on the same story to compare with.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// Which article, when PATH holds several (a JSONL file).
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(Subcommand)]
pub enum RulesCommand {
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

/// The articles a batch command reads, and the rules it reads them with.
#[derive(clap::Args)]
pub struct InputArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    /// Rules file applied on top of the embedded default (and ./credence.toml). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub files: Vec<String>,
    /// Ignore ./credence.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum Format {
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
pub enum Period {
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
pub enum SortKey {
    Score,
    Source,
    Published,
    Title,
    Id,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum ByKey {
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
pub enum ExtractFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StoriesFormat {
    Table,
    Json,
    Jsonl,
}

/// `--min-score`, `--max-score`: a number from 0 to 100 (NaN would match nothing, silently).
fn score_bound(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("\"{s}\" is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is no score: give a number from 0 to 100"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_score_bound_is_a_number_from_0_to_100() {
        assert_eq!(score_bound("42.5"), Ok(42.5));
        assert!(score_bound("100.1").is_err());
        assert!(score_bound("NaN").is_err());
        assert!(score_bound("high").is_err());
    }

    #[test]
    fn since_is_a_day() {
        assert_eq!(iso_day("2026-02-11").as_deref(), Ok("2026-02-11"));
        assert!(iso_day("11/02/2026").is_err());
    }

    #[test]
    fn rules_and_paths_are_read_together() {
        let cli = Cli::try_parse_from([
            "credence",
            "sources",
            "a",
            "b",
            "--rules",
            "x.toml",
            "--no-config",
        ])
        .unwrap();
        let Command::Sources(args) = cli.command else {
            panic!("sources");
        };
        assert_eq!(args.inputs.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(args.inputs.rules.files, ["x.toml"]);
        assert!(args.inputs.rules.no_config);
    }
}
