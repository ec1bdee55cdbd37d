//! Event anchoring: the event word a date is tied to ("the May 4 ceasefire", "the crash on
//! 8 March"), so that dates of one event can be compared within and across articles.

use super::Figure;

/// The event word a date is tied to: right after it ("May 4 ceasefire"), or right
/// before it with a preposition ("ceasefire of/on May 3"), unless a repeat cue marks
/// another instance ("another ceasefire").
pub fn event_of(
    text: &str,
    f: &Figure,
    events: &[Vec<String>],
    repeat_cues: &[String],
) -> Option<String> {
    let after: Vec<String> = words(text.get(f.span.end..).unwrap_or(""), 2, false);
    let before: Vec<String> = words(text.get(..f.span.start).unwrap_or(""), 4, true);
    // The group's first word names the event, so synonyms align.
    let group_of = |w: &str| {
        events
            .iter()
            .find(|g| g.iter().any(|e| e.eq_ignore_ascii_case(w)))
            .and_then(|g| g.first().cloned())
    };
    let repeat = |ws: &[String]| {
        ws.iter()
            .any(|w| repeat_cues.iter().any(|c| c.eq_ignore_ascii_case(w)))
    };
    if let Some(event) = after.first().and_then(|w| group_of(w)) {
        if !repeat(&before[..before.len().min(2)]) {
            return Some(event);
        }
    }
    // before is nearest-first: [prep, event, …]
    if before.len() >= 2
        && matches!(before[0].as_str(), "of" | "on" | "since" | "from")
        && !repeat(&before[2..])
    {
        return group_of(&before[1]);
    }
    None
}

/// Up to `n` lower-case words from the start of `s` (or its end, nearest first).
fn words(s: &str, n: usize, from_end: bool) -> Vec<String> {
    let split = s.split(|c: char| !c.is_alphanumeric() && c != '-');
    let mut out: Vec<String> = if from_end {
        split
            .rev()
            .filter(|w| !w.is_empty())
            .take(n)
            .map(str::to_lowercase)
            .collect()
    } else {
        split
            .filter(|w| !w.is_empty())
            .take(n)
            .map(str::to_lowercase)
            .collect()
    };
    out.truncate(n);
    out
}
