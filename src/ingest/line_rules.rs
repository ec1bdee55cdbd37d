//! Whole-line rules from the TOML's `[boilerplate]`: page furniture, trailers and
//! datelines, each list compiled into one `RegexSet` so a line is tested in one pass.

use crate::config::{Config, ConfigError, Pattern};
use crate::text::{BlockKind, LineClassifier};
use regex::{RegexSet, RegexSetBuilder};

#[derive(Debug, Clone)]
pub struct LineRules {
    furniture: RegexSet,
    trailers: RegexSet,
    datelines: RegexSet,
}

impl LineRules {
    pub fn new(config: &Config) -> Result<LineRules, ConfigError> {
        let limit = config.limits.max_pattern_bytes;
        let build = |patterns: &[Pattern], key: &str| -> Result<RegexSet, ConfigError> {
            let set = RegexSetBuilder::new(patterns.iter().map(|p| &p.pattern))
                .size_limit(limit.saturating_mul(patterns.len().max(1)))
                .build();
            let set_error = match set {
                Ok(set) => return Ok(set),
                Err(e) => e,
            };
            // Only when the set fails is each pattern compiled alone, so that the error
            // names the bad one (compiling every pattern twice doubled the start-up time).
            for p in patterns {
                regex::RegexBuilder::new(&p.pattern)
                    .size_limit(limit)
                    .build()
                    .map_err(|e| {
                        p.origin.error(
                            "",
                            None,
                            format!(
                                "[boilerplate] {key}: invalid pattern: {}",
                                one_line(&e.to_string())
                            ),
                        )
                    })?;
            }
            let origin = &patterns[0].origin;
            Err(origin.error(
                "",
                None,
                format!("[boilerplate] {key}: {}", one_line(&set_error.to_string())),
            ))
        };
        Ok(LineRules {
            furniture: build(&config.boilerplate.lines, "lines")?,
            trailers: build(&config.boilerplate.trailers, "trailers")?,
            datelines: build(&config.boilerplate.datelines, "datelines")?,
        })
    }
}

impl LineClassifier for LineRules {
    fn classify(&self, line: &str) -> Option<BlockKind> {
        // Long lines are prose, whatever they start with.
        if line.len() > 200 {
            return None;
        }
        if self.datelines.is_match(line) {
            return Some(BlockKind::Dateline);
        }
        self.furniture
            .is_match(line)
            .then_some(BlockKind::Boilerplate)
    }

    fn starts_trailer(&self, line: &str) -> bool {
        line.len() <= 200 && self.trailers.is_match(line)
    }
}

/// Regex errors draw the pattern over several lines; an error message keeps to one.
pub fn one_line(message: &str) -> String {
    let line = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '^' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    shortened(&line, MAX_SHOWN)
}

/// Characters of a pattern or an error about it shown at most: a rejected megabyte pattern
/// is named, not printed.
pub const MAX_SHOWN: usize = 200;

/// `s` cut to `max` characters, saying how long it was.
pub fn shortened(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}… ({} bytes in all)", &s[..cut], s.len()),
    }
}
