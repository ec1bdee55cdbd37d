//! Files, directories and streams to articles. Every failure is recorded with the path
//! (and line) and the batch goes on.

use super::kind::{Kind, PDF_NOT_READ, is_folder_doc};
use super::record::{Field, JsonFile, Record};
use super::{Article, InputError, front_matter, web};
use crate::text::TitleMode;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// What a batch of inputs gave: articles, inputs that failed, and warnings.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub errors: Vec<InputError>,
    pub warnings: Vec<InputError>,
}

impl Loaded {
    fn merge(&mut self, other: Loaded) {
        self.articles.extend(other.articles);
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }

    /// Makes ids unique: a repeated id gets a `~2`, `~3` suffix and a warning.
    fn dedupe_ids(&mut self) {
        let mut ids = UniqueIds::default();
        for a in &mut self.articles {
            self.warnings.extend(ids.rename(a));
        }
    }
}

/// Ids made unique as articles are read: the second "a1" becomes "a1~2", with a warning.
#[derive(Default)]
pub struct UniqueIds {
    seen: HashMap<String, usize>,
}

impl UniqueIds {
    /// Renames `a` when its id was seen before; the warning says so.
    pub fn rename(&mut self, a: &mut Article) -> Option<InputError> {
        let n = self.seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        UniqueIds::rename_nth(a, *n)
    }

    /// Renames `a`, the `n`th article read with its id (from 1; the first keeps it).
    pub fn rename_nth(a: &mut Article, n: usize) -> Option<InputError> {
        if n <= 1 {
            return None;
        }
        let new_id = format!("{}~{}", a.id, n);
        let warning = InputError {
            path: a.path.clone().unwrap_or_else(|| "-".into()),
            line: a.line,
            message: format!("duplicate id \"{}\"; renamed to \"{new_id}\"", a.id),
        };
        a.id = new_id;
        Some(warning)
    }
}

/// Whether a directory scan reads this file as articles (by its extension).
pub fn is_article_file(path: &Path) -> bool {
    matches!(
        Kind::by_extension(path),
        Some(Kind::Text | Kind::Json | Kind::Jsonl | Kind::Html | Kind::Feed)
    )
}

/// Reads files, directories (recursively, in sorted order) and `-` (JSONL on stdin).
///
/// A path is any file name the system allows, UTF-8 or not; one that is not UTF-8 is shown
/// with its invalid bytes as U+FFFD.
pub fn load_paths<P: AsRef<Path>>(paths: &[P], max_file_bytes: u64) -> Loaded {
    let mut loaded = Loaded::default();
    for p in paths {
        let path = p.as_ref();
        if path == Path::new("-") {
            let stdin = std::io::stdin();
            loaded.merge(load_jsonl_reader(stdin.lock(), "-", None, max_file_bytes));
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => loaded.errors.push(InputError {
                path: path.to_string_lossy().into_owned(),
                line: None,
                message: io_message(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files, &mut Seen::default(), &mut loaded);
                files.sort();
                for f in files {
                    loaded.merge(load_file(&f, max_file_bytes));
                }
            }
            Ok(_) => loaded.merge(load_file(path, max_file_bytes)),
        }
    }
    loaded.dedupe_ids();
    loaded
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What a directory scan has seen: every directory's real path, and the real paths of the
/// directories above the one being read.
#[derive(Default)]
struct Seen {
    visited: HashSet<PathBuf>,
    above: Vec<PathBuf>,
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut Seen, loaded: &mut Loaded) {
    let real = match std::fs::canonicalize(dir) {
        Ok(r) => r,
        Err(e) => {
            loaded.errors.push(InputError {
                path: dir.display().to_string(),
                line: None,
                message: io_message(&e),
            });
            return;
        }
    };
    // A link back to a directory above is a loop; a second link to a directory already read
    // elsewhere is only the same articles again.
    if seen.above.contains(&real) {
        loaded.errors.push(InputError {
            path: dir.display().to_string(),
            line: None,
            message: "a symlink loop (this directory contains itself); skipped".into(),
        });
        return;
    }
    if !seen.visited.insert(real.clone()) {
        loaded.warnings.push(InputError {
            path: dir.display().to_string(),
            line: None,
            message: "the same directory as another path already read; skipped".into(),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            loaded.errors.push(InputError {
                path: dir.display().to_string(),
                line: None,
                message: format!("cannot read directory: {}", io_message(&e)),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    seen.above.push(real);
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, files, seen, loaded),
            Ok(m) if !m.is_file() => {
                if is_article_file(&path) {
                    loaded.errors.push(InputError {
                        path: path.display().to_string(),
                        line: None,
                        message: "not a regular file (a pipe, socket or device); skipped".into(),
                    });
                }
            }
            Ok(_) if is_folder_doc(&path) => {}
            Ok(_) if is_article_file(&path) => files.push(path),
            Ok(_) => match unread_kind(&path) {
                Ok(true) => files.push(path),
                Ok(false) => {}
                Err(message) => loaded.errors.push(InputError {
                    path: path.display().to_string(),
                    line: None,
                    message,
                }),
            },
            Err(e) => loaded.errors.push(InputError {
                path: path.display().to_string(),
                line: None,
                message: io_message(&e),
            }),
        }
    }
    seen.above.pop();
}

/// What to do with a folder's file whose name gives no kind read: read it (`true`: a feed
/// or a page, by its first bytes), pass over it (`false`), or say why it is not read (a
/// PDF, or another binary file such as an image or an archive). Text of other kinds (labels
/// kept beside the articles, scripts, notes) is passed over without a word, as are files
/// that cannot be opened here: reading them is not what was asked.
fn unread_kind(path: &Path) -> Result<bool, String> {
    if Kind::by_extension(path) == Some(Kind::Pdf) {
        return Err(PDF_NOT_READ.into());
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(false);
    };
    if std::io::Read::read_to_end(&mut std::io::Read::take(file, HEAD_BYTES as u64), &mut head)
        .is_err()
    {
        return Ok(false);
    }
    match Kind::by_content(&head) {
        Some(Kind::Pdf) => Err(PDF_NOT_READ.into()),
        Some(Kind::Feed | Kind::Html) => Ok(true),
        _ => match decode_bytes(&head) {
            Err(m) if m.starts_with("binary") => Err(m),
            _ => Ok(false),
        },
    }
}

/// How much of a file of no known extension is read to tell what it is.
const HEAD_BYTES: usize = 8192;

/// Reads one file, refusing what is too large or binary, decoding UTF-16 and repairing
/// invalid UTF-8 (with a warning).
pub fn load_file(path: &Path, max_file_bytes: u64) -> Loaded {
    let shown = path.display().to_string();
    let mut loaded = Loaded::default();
    let fail = |message: String| Loaded {
        errors: vec![InputError {
            path: shown.clone(),
            line: None,
            message,
        }],
        ..Loaded::default()
    };
    let over = |length: u64| {
        format!(
            "file is {length} bytes, over the {max_file_bytes}-byte limit (raise [limits] max-file-bytes to read it)"
        )
    };
    // A JSONL feed is streamed line by line, and the size cap applies to each record.
    if is_jsonl(path) {
        return match std::fs::File::open(path) {
            Ok(file) => {
                let regular = file.metadata().is_ok_and(|m| m.is_file());
                if regular && file.metadata().is_ok_and(|m| m.len() == 0) {
                    return fail("empty file".into());
                }
                let reader = std::io::BufReader::with_capacity(1 << 20, file);
                let read = load_jsonl_reader(reader, &shown, Some(&shown), max_file_bytes);
                // A pipe's size is known only once read.
                if !regular && read.articles.is_empty() && read.errors.is_empty() {
                    return fail("empty file".into());
                }
                read
            }
            Err(e) => fail(io_message(&e)),
        };
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(io_message(&e)),
    };
    if let Ok(m) = file.metadata() {
        if m.is_file() && m.len() > max_file_bytes {
            return fail(over(m.len()));
        }
    }
    // Read with the cap enforced as it reads: a pipe or a device reports no size, and
    // `/dev/zero` never ends.
    let mut bytes = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_file_bytes.saturating_add(1)),
        &mut bytes,
    ) {
        return fail(io_message(&e));
    }
    if bytes.len() as u64 > max_file_bytes {
        return fail(format!(
            "more than {max_file_bytes} bytes, over the limit (raise [limits] max-file-bytes to read it)"
        ));
    }
    if Kind::by_extension(path) == Some(Kind::Pdf) || Kind::by_content(&bytes) == Some(Kind::Pdf) {
        return fail(PDF_NOT_READ.into());
    }
    // A name that says nothing of the format (a pipe, `<(cat feed.jsonl)`): JSONL when its
    // first line is a JSON object and more lines follow.
    if path.extension().is_none() && looks_like_jsonl(&bytes) {
        return load_jsonl_reader(&bytes[..], &shown, Some(&shown), max_file_bytes);
    }
    let text = match decode(&bytes) {
        Ok((text, warning)) => {
            if let Some(w) = warning {
                loaded.warnings.push(InputError {
                    path: shown.clone(),
                    line: None,
                    message: w,
                });
            }
            text
        }
        Err(message) => return fail(message),
    };
    loaded.merge(parse_file_contents(&shown, &text));
    loaded
}

/// Whether bytes read from a file with no extension are a JSONL feed: a first line that is a
/// JSON object, and a second line that opens one too.
fn looks_like_jsonl(bytes: &[u8]) -> bool {
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    first.starts_with(b"{")
        && first.ends_with(b"}")
        && matches!(
            serde_json::from_slice::<Record>(first),
            Ok(Record::Object(_))
        )
        && lines.next().is_some_and(|l| l.starts_with(b"{"))
}

/// Bytes to text: UTF-8 (a BOM is dropped), UTF-16 with a BOM; NUL bytes mean binary.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    decode_bytes(bytes).map(|(text, warning)| (old_line_ends(text), warning))
}

/// A text whose lines end in a carriage return alone (old Mac files) read with newlines:
/// one byte for one, so offsets do not move; otherwise titles and lines are lost.
fn old_line_ends(text: String) -> String {
    if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    }
}

fn decode_bytes(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, None));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, None));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at}); not read"));
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((t.to_string(), None)),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let count = text.matches('\u{fffd}').count();
            Ok((
                text,
                Some(format!(
                    "invalid UTF-8 at byte {}; {count} invalid sequence(s) replaced with U+FFFD",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 != 0 {
        return Err("UTF-16 file with an odd number of bytes".into());
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| "invalid UTF-16".to_string())
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

pub fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Parses a file's text by its extension; a name that gives no kind is read as a feed or a
/// page when its first bytes are one, else as text.
pub fn parse_file_contents(path: &str, text: &str) -> Loaded {
    let kind = Kind::by_extension(Path::new(path))
        .or_else(|| Kind::by_content(text.as_bytes()))
        .unwrap_or(Kind::Text);
    match kind {
        Kind::Jsonl => load_jsonl_reader(text.as_bytes(), path, Some(path), u64::MAX),
        Kind::Json => load_json(path, text),
        Kind::Html => web::load_page(path, text),
        Kind::Feed => web::load_feed(path, text),
        Kind::Text | Kind::Pdf => load_text(path, text),
    }
}

fn load_text(path: &str, text: &str) -> Loaded {
    let mut article = Article::from_text(stem(path), text);
    article.path = Some(path.to_string());
    if text.trim().is_empty() {
        return Loaded {
            errors: vec![InputError {
                path: path.into(),
                line: None,
                message: "no text".into(),
            }],
            ..Loaded::default()
        };
    }
    match front_matter::parse(text) {
        Ok(Some(fm)) => {
            if let Some(id) = fm.id {
                article.id = id;
            }
            article.title = fm.title;
            article.source = fm.source;
            article.url = fm.url;
            article.lang = fm.lang;
            article.published = fm.published;
            article.story = fm.story;
            article.waivers = fm.waivers;
            article.body_start = fm.body_start;
            if article.title.is_some() {
                article.title_mode = TitleMode::Given;
            }
        }
        Ok(None) => {}
        Err((line, message)) => {
            return Loaded {
                errors: vec![InputError {
                    path: path.into(),
                    line: Some(line),
                    message,
                }],
                ..Loaded::default()
            };
        }
    }
    article.source_from = super::infer_source(&mut article);
    Loaded {
        articles: vec![article],
        ..Loaded::default()
    }
}

fn load_json(path: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    match serde_json::from_str::<JsonFile>(text) {
        Ok(JsonFile::List(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                match record_to_article(item, &format!("{}-{}", stem(path), i + 1)) {
                    Ok(mut a) => {
                        a.path = Some(path.into());
                        loaded.articles.push(a);
                    }
                    Err(message) => loaded.errors.push(InputError {
                        path: path.into(),
                        line: None,
                        message: format!("item {}: {message}", i + 1),
                    }),
                }
            }
        }
        Ok(JsonFile::One(record)) => match record_to_article(record, &stem(path)) {
            Ok(mut a) => {
                a.path = Some(path.into());
                loaded.articles.push(a);
            }
            Err(message) => loaded.errors.push(InputError {
                path: path.into(),
                line: None,
                message,
            }),
        },
        Err(e) => loaded.errors.push(InputError {
            path: path.into(),
            line: Some(e.line()),
            message: format!("not valid JSON: {e}"),
        }),
    }
    loaded
}

/// Reads JSONL: one article object per line. A bad line is an error naming its number.
pub fn load_jsonl_reader<R: BufRead>(
    reader: R,
    shown: &str,
    path: Option<&str>,
    max_record_bytes: u64,
) -> Loaded {
    use rayon::prelude::*;
    let mut loaded = Loaded::default();
    let base = path.map_or_else(|| "stdin".to_string(), stem);
    // Lines are read in order and parsed in parallel, a chunk at a time, so that memory
    // holds one chunk of raw lines at most.
    const CHUNK: usize = 2048;
    let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK);
    let mut lines = BoundedLines {
        reader,
        limit: max_record_bytes,
        line: 0,
        done: false,
    };
    loop {
        chunk.clear();
        let mut read_error = None;
        for (line_no, line) in lines.by_ref() {
            match line {
                Ok(Line::Bytes(bytes)) => chunk.push((line_no, bytes)),
                Ok(Line::TooLong(length)) => loaded.errors.push(InputError {
                    path: shown.into(),
                    line: Some(line_no),
                    message: format!(
                        "record is {length} bytes, over the {max_record_bytes}-byte limit (raise [limits] max-file-bytes to read it)"
                    ),
                }),
                Err(e) => {
                    read_error = Some(InputError {
                        path: shown.into(),
                        line: Some(line_no),
                        message: e.to_string(),
                    });
                    break;
                }
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() && read_error.is_none() {
            break;
        }
        let parsed: Vec<Option<ParsedRecord>> = chunk
            .par_iter()
            .map(|(line_no, bytes)| {
                parse_record(bytes, *line_no, shown, path, &base, max_record_bytes)
            })
            .collect();
        for r in parsed.into_iter().flatten() {
            match r {
                Ok((a, warning)) => {
                    loaded.articles.push(a);
                    loaded.warnings.extend(warning);
                }
                Err(e) => loaded.errors.push(e),
            }
        }
        if let Some(e) = read_error {
            loaded.errors.push(e);
            break;
        }
    }
    loaded
}

/// The lines of a reader, each kept only up to `limit` bytes: a longer one (6 GB with no
/// newline) is read past without being stored, and reported with its length.
struct BoundedLines<R> {
    reader: R,
    limit: u64,
    line: usize,
    done: bool,
}

enum Line {
    Bytes(Vec<u8>),
    TooLong(u64),
}

impl<R: BufRead> Iterator for BoundedLines<R> {
    type Item = (usize, std::io::Result<Line>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut kept = Vec::new();
        let mut length: u64 = 0;
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some((self.line, Err(e)));
                }
            };
            if available.is_empty() {
                self.done = true;
                if !read_any {
                    return None;
                }
                break;
            }
            read_any = true;
            let newline = memchr::memchr(b'\n', available);
            let part = &available[..newline.unwrap_or(available.len())];
            if length + part.len() as u64 <= self.limit {
                kept.extend_from_slice(part);
            }
            length += part.len() as u64;
            let used = part.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            if newline.is_some() {
                break;
            }
        }
        self.line += 1;
        let line = if length > self.limit {
            Line::TooLong(length)
        } else {
            Line::Bytes(kept)
        };
        Some((self.line, Ok(line)))
    }
}

/// One JSONL line read: the article (with a warning when its bytes had to be repaired), or
/// what is wrong with it.
pub type ParsedRecord = Result<(Article, Option<InputError>), InputError>;

/// One JSONL line: `None` for a blank line, else the article or what is wrong with it.
pub fn parse_record(
    bytes: &[u8],
    line_no: usize,
    shown: &str,
    path: Option<&str>,
    base: &str,
    max_record_bytes: u64,
) -> Option<ParsedRecord> {
    let fail = |message: String| {
        Some(Err(InputError {
            path: shown.into(),
            line: Some(line_no),
            message,
        }))
    };
    if bytes.len() as u64 > max_record_bytes {
        return fail(format!(
            "record is {} bytes, over the {max_record_bytes}-byte limit (raise [limits] max-file-bytes to read it)",
            bytes.len()
        ));
    }
    // Invalid UTF-8 is repaired and reported, as in a text file.
    // The strict check first: it is much faster than the repairing decoder on valid text.
    let decoded = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let (text, warning) = match decoded {
        std::borrow::Cow::Borrowed(t) => (std::borrow::Cow::Borrowed(t), None),
        std::borrow::Cow::Owned(t) => {
            let count = t.matches('\u{fffd}').count();
            let warning = InputError {
                path: shown.into(),
                line: Some(line_no),
                message: format!("invalid UTF-8; {count} invalid sequence(s) replaced with U+FFFD"),
            };
            (std::borrow::Cow::Owned(t), Some(warning))
        }
    };
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return None;
    }
    let record = match serde_json::from_str::<Record>(text) {
        Ok(v) => v,
        Err(e) => return fail(format!("not valid JSON: {e}")),
    };
    match record_to_article(record, &format!("{base}-{line_no}")) {
        Ok(mut a) => {
            a.path = path.map(str::to_string);
            a.line = Some(line_no);
            Some(Ok((a, warning)))
        }
        Err(message) => fail(message),
    }
}

/// One record already read as JSON (a service's request) as an article: the same fields,
/// checks and messages as a JSONL line, without writing the record out and reading it again.
/// `fallback_id` names an article that gave no id.
pub fn article_from_value(
    record: &serde_json::Map<String, serde_json::Value>,
    line_no: usize,
    fallback_id: &str,
) -> Result<Article, String> {
    use serde::Deserialize;
    let record = Record::deserialize(record).map_err(|e| format!("not valid JSON: {e}"))?;
    let mut article = record_to_article(record, fallback_id)?;
    article.line = Some(line_no);
    Ok(article)
}

/// A record's text read as an article when the record names its id and its story, so that
/// a service can keep the text as it came; `None` when it does not, or is not a JSON object,
/// for the caller to complete it (and report what is wrong).
pub fn complete_article(text: &str, line_no: usize) -> Option<Result<Article, String>> {
    let record = serde_json::from_str::<Record>(text).ok()?;
    let Record::Object(fields) = &record else {
        return None;
    };
    let named = |f: &Field| matches!(f, Field::Str(s) if !s.trim().is_empty());
    if !(named(&fields.id) || matches!(fields.id, Field::Number(_))) || !named(&fields.story) {
        return None;
    }
    Some(record_to_article(record, "").map(|mut article| {
        article.line = Some(line_no);
        article
    }))
}

/// A field that must be a string (an `id` may also be a number); blank is absent.
fn string_field(field: Field, key: &str) -> Result<Option<String>, String> {
    match field {
        Field::Missing | Field::Null => Ok(None),
        Field::Str(s) => Ok((!s.trim().is_empty()).then(|| s.into_owned())),
        Field::Number(n) if key == "id" => Ok(Some(n)),
        other => Err(format!(
            "`{key}` must be a string, not {}",
            other.type_name()
        )),
    }
}

fn record_to_article(record: Record, fallback_id: &str) -> Result<Article, String> {
    let fields = match record {
        Record::Object(fields) => *fields,
        Record::NotObject(found) => return Err(format!("expected a JSON object, found {found}")),
    };
    let text = match fields.text {
        Field::Str(s) => s.into_owned(),
        Field::Missing => return Err("record has no `text` field".into()),
        other => {
            return Err(format!(
                "`text` must be a string, not {}",
                other.type_name()
            ));
        }
    };
    if text.trim().is_empty() {
        return Err("`text` is empty".into());
    }
    let published = match string_field(fields.published, "published")? {
        Some(p) => Some(super::published::parse(&p).ok_or_else(|| {
            format!(
                "`published` is not a date ({}): {p:?}",
                super::published::FORMS
            )
        })?),
        None => None,
    };
    let title = string_field(fields.title, "title")?;
    let mut article = Article::from_text(
        string_field(fields.id, "id")?.unwrap_or_else(|| fallback_id.to_string()),
        text,
    );
    article.title_mode = if title.is_some() {
        TitleMode::Given
    } else {
        TitleMode::FirstLine
    };
    article.title = title;
    article.source = string_field(fields.source, "source")?;
    article.url = string_field(fields.url, "url")?;
    article.lang = string_field(fields.lang, "lang")?;
    article.story = string_field(fields.story, "story")?;
    article.published = published;
    article.source_from = super::infer_source(&mut article);
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn jsonl_errors_name_their_lines_and_keep_the_rest() {
        let input = "{\"id\":\"a\",\"text\":\"One.\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":5}\n\n{\"text\":\"Two.\",\"published\":\"2025-11-03T08:00:00Z\"}\n{\"id\":\"d\",\"text\":\"Three.\",\"published\":\"Mon, 30 Nov 2026 08:15:00 GMT\"}\n";
        let loaded = load_jsonl_reader(input.as_bytes(), "feed.jsonl", Some("feed.jsonl"), 1 << 20);
        let ids: Vec<_> = loaded.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "feed-6", "d"]);
        assert_eq!(loaded.articles[1].published, Date::new(2025, 11, 3));
        assert_eq!(loaded.articles[2].published, Date::new(2026, 11, 30));
        let lines: Vec<_> = loaded.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(4)]);
        assert!(loaded.errors[1].message.contains("no `text`"));
        assert!(
            loaded.errors[2]
                .message
                .contains("must be a string, not a number")
        );
    }

    #[test]
    fn binary_and_utf16_and_bad_utf8() {
        assert!(decode(b"ab\0cd").unwrap_err().contains("binary"));
        assert!(decode(b"").unwrap_err().contains("empty"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, "Hé");
        let (text, warning) = decode(b"caf\xe9 ok").unwrap();
        assert_eq!(text, "caf\u{fffd} ok");
        assert!(warning.unwrap().contains("invalid UTF-8 at byte 3"));
    }
}
