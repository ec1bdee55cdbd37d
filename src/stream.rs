//! Scoring a JSONL feed of any length in bounded memory. A first pass reads only each
//! record's story key and where it starts; stories are then read back, a batch at a time,
//! scored with the whole engine, written out, and dropped. Memory holds the index (a few
//! bytes a record) and one batch, whatever the feed's length.

use crate::ingest::InputError;
use crate::pipeline::Pipeline;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Where one record is.
#[derive(Clone, Copy)]
struct Record {
    file: u32,
    offset: u64,
    len: u32,
    line: u32,
    /// How many records of the feed so far, this one included, gave its id.
    nth: u32,
}

/// What a streamed run did.
#[derive(Debug, Default)]
pub struct StreamSummary {
    /// Articles scored.
    pub articles: usize,
    /// Of those, the articles written (those the filter kept).
    pub written: usize,
    pub stories: usize,
    pub errors: Vec<InputError>,
    /// Inputs read with a repair or a change (invalid UTF-8, a renamed duplicate id).
    pub warnings: Vec<InputError>,
}

/// What a streamed run does with each batch's scores besides writing them.
pub struct StreamHooks<'a> {
    /// Which articles are written.
    pub keep: &'a dyn Fn(&crate::ScoredArticle) -> bool,
    /// Every batch's scores, before `keep` (to record them in a history).
    pub scored_batch: &'a mut dyn FnMut(&[crate::ScoredArticle]) -> std::io::Result<()>,
}

/// Scores JSONL files as a stream, writing one JSON line per article (then one
/// `{"error": …}` line per record that could not be read) to `out`. Articles are grouped by
/// their `story` key (records without one form one story per file); stories are read back
/// and scored `batch` articles at a time, a story larger than that in parts.
pub fn score_jsonl_files(
    pipeline: &Pipeline,
    files: &[PathBuf],
    shown: &[String],
    batch: usize,
    hooks: StreamHooks<'_>,
    tally: &crate::Tally,
    out: &mut dyn Write,
) -> std::io::Result<StreamSummary> {
    let StreamHooks { keep, scored_batch } = hooks;
    let limit = pipeline.rules().config.limits.max_file_bytes;
    let mut summary = StreamSummary::default();
    // Pass 1: the story key and place of every record.
    let mut index = Index::default();
    // A file that cannot be read is an error of its own; the others are still scored.
    let mut unreadable = vec![false; files.len()];
    for (f, path) in files.iter().enumerate() {
        let indexed = index_file(
            path,
            f as u32,
            &shown[f],
            limit,
            &mut index,
            &mut summary.errors,
            tally,
        );
        if let Err(e) = indexed {
            unreadable[f] = true;
            summary.errors.push(InputError {
                path: shown[f].clone(),
                line: None,
                message: format!("cannot read: {e}"),
            });
        }
    }
    let Index { mut by_story, .. } = index;
    if unreadable.iter().any(|&u| u) {
        for records in by_story.values_mut() {
            records.retain(|r| !unreadable[r.file as usize]);
        }
        by_story.retain(|_, records| !records.is_empty());
    }
    summary.stories = by_story.len();
    // Pass 2: stories, a batch of articles at a time.
    let mut handles: Vec<Option<BufReader<std::fs::File>>> = files
        .iter()
        .zip(&unreadable)
        .map(|(p, &bad)| {
            if bad {
                Ok(None)
            } else {
                std::fs::File::open(p).map(|f| Some(BufReader::new(f)))
            }
        })
        .collect::<Result<_, _>>()?;
    let mut pending: Vec<crate::ingest::Article> = Vec::new();
    let mut flush = |pending: &mut Vec<crate::ingest::Article>,
                     summary: &mut StreamSummary|
     -> std::io::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let articles = std::mem::take(pending);
        let stories = crate::stories::group_stories(&articles);
        let scored = crate::score::analyse_and_score_stories(
            pipeline.rules(),
            &articles,
            &stories,
            &tally.analysed,
            &tally.scored,
        );
        scored_batch(&scored)?;
        summary.articles += scored.len();
        let mut line = Vec::new();
        for a in scored.iter().filter(|a| keep(a)) {
            summary.written += 1;
            line.clear();
            crate::score::json::write_article(&mut line, a);
            line.push(b'\n');
            out.write_all(&line)?;
        }
        Ok(())
    };
    let stems: Vec<String> = shown.iter().map(|s| crate::ingest::stem(s)).collect();
    for records in by_story.values() {
        for part in records.chunks(batch.max(1)) {
            if pending.len() + part.len() > batch.max(1) {
                flush(&mut pending, &mut summary)?;
            }
            for r in part {
                let f = r.file as usize;
                let Some(h) = handles[f].as_mut() else {
                    continue;
                };
                h.seek(SeekFrom::Start(r.offset))?;
                let mut bytes = vec![0u8; r.len as usize];
                h.read_exact(&mut bytes)?;
                let parsed = crate::ingest::parse_record(
                    &bytes,
                    r.line as usize,
                    &shown[f],
                    Some(&shown[f]),
                    &stems[f],
                    limit,
                );
                match parsed {
                    Some(Ok((mut a, warning))) => {
                        summary.warnings.extend(warning);
                        // Ids unique across the whole feed, renamed in reading order as
                        // when it is read at once.
                        summary
                            .warnings
                            .extend(crate::ingest::UniqueIds::rename_nth(&mut a, r.nth as usize));
                        pending.push(a);
                    }
                    Some(Err(e)) => summary.errors.push(e),
                    None => {}
                }
            }
        }
    }
    flush(&mut pending, &mut summary)?;
    for e in &summary.errors {
        serde_json::to_writer(&mut *out, &serde_json::json!({ "error": e }))?;
        out.write_all(b"\n")?;
    }
    Ok(summary)
}

#[derive(serde::Deserialize)]
struct StoryOnly {
    #[serde(default)]
    story: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// The first pass's index: each story's records, and each id's count so far (to rename
/// repeats as reading the feed at once does).
#[derive(Default)]
struct Index {
    by_story: BTreeMap<String, Vec<Record>>,
    ids: std::collections::HashMap<String, u32>,
}

fn index_file(
    path: &Path,
    file: u32,
    shown: &str,
    limit: u64,
    index: &mut Index,
    errors: &mut Vec<InputError>,
    tally: &crate::Tally,
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut offset = 0u64;
    let mut line = 0u32;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        line += 1;
        let start = offset;
        offset += n as u64;
        let content = buf.trim_ascii();
        if content.is_empty() {
            continue;
        }
        if content.len() as u64 > limit || content.len() > u32::MAX as usize {
            errors.push(InputError {
                path: shown.into(),
                line: Some(line as usize),
                message: format!(
                    "record is {} bytes, over the {limit}-byte limit (raise [limits] max-file-bytes to read it)",
                    content.len()
                ),
            });
            continue;
        }
        // Malformed lines are indexed too: the second pass reports them with their line.
        let (story, id) = match serde_json::from_slice::<StoryOnly>(content) {
            Ok(StoryOnly { story, id }) => (story, id),
            Err(_) => (None, None),
        };
        let story = match story {
            Some(serde_json::Value::String(s)) => s,
            _ => shown.to_string(),
        };
        // A record without an id is named by its file and line, which nothing repeats.
        let id = match id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let nth = id.map_or(1, |id| {
            let n = index.ids.entry(id).or_insert(0);
            *n += 1;
            *n
        });
        index.by_story.entry(story).or_default().push(Record {
            file,
            offset: start,
            len: n as u32,
            line,
            nth,
        });
        tally
            .read
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(())
}
